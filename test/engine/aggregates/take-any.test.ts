import { describe, expect, it } from 'vitest';
import { lookupAggregate } from '../../../src/engine/aggregates/registry.js';
import { aggregate, aggregateAll } from './helpers.js';

describe('take_any / take_anyif', () => {
  it('takes the group\'s first row and keeps its type', () => {
    expect(aggregate('take_any', ['long'], [[1n], [2n], [3n]], [0, 1, 0], 2)).toEqual({ values: [1n, 2n], type: 'long' });
    expect(aggregateAll('take_any', ['string'], [['x']])).toEqual({ values: ['x'], type: 'string' });
  });
  it('gives null (or "" for strings) on empty input', () => {
    expect(aggregateAll('take_any', ['long'], []).values).toEqual([null]);
    expect(aggregateAll('take_any', ['string'], []).values).toEqual(['']);
  });
  it('take_anyif takes the first row where the predicate holds', () => {
    expect(aggregateAll('take_anyif', ['long', 'bool'], [[1n, false], [2n, true], [3n, true]]).values).toEqual([2n]);
  });
  it('names the column after its argument', () => {
    expect(lookupAggregate('take_any')?.namePrefix).toBe('');
  });
});

