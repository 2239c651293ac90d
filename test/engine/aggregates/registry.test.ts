import { describe, expect, it } from 'vitest';
import { allAggregates, buildAggregateIndex, lookupAggregate } from '../../../src/engine/aggregates/registry.js';
import { count } from '../../../src/engine/aggregates/count.js';

describe('aggregate registry', () => {
  it.each([
    ['count', 'count'], ['countif', 'countif'], ['sum', 'sum'], ['sumif', 'sumif'], ['avg', 'avg'], ['avgif', 'avgif'],
    ['min', 'min'], ['max', 'max'], ['minif', 'minif'], ['maxif', 'maxif'], ['dcount', 'dcount'], ['dcountif', 'dcountif'],
    ['make_set', 'set'], ['make_set_if', 'set'], ['make_list', 'list'], ['make_list_if', 'list'],
    ['make_list_with_nulls', 'list'], ['take_any', ''], ['take_anyif', ''], ['stdev', 'stdev'], ['stdevif', 'stdevif'],
    ['stdevp', 'stdevp'], ['variance', 'variance'], ['varianceif', 'varianceif'], ['variancep', 'variancep'],
    ['variancepif', 'variancepif'],
  ])('%s has name prefix %o', (name, prefix) => {
    expect(lookupAggregate(name)?.namePrefix).toBe(prefix);
  });
  it('leaves out what cannot be matched exactly', () => {
    expect(lookupAggregate('percentile')).toBeUndefined();
    expect(lookupAggregate('Count')).toBeUndefined();
  });
  it('has lower-case names and signatures', () => {
    for (const a of allAggregates()) {
      expect(a.name).toMatch(/^[a-z][a-z0-9_]*$/);
      expect(a.signatures.length).toBeGreaterThan(0);
    }
  });
  it('rejects duplicate names', () => {
    expect(() => buildAggregateIndex([[count], [count]])).toThrow(/registered twice/);
  });
});
