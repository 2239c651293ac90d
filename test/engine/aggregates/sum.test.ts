import { describe, expect, it } from 'vitest';
import { aggregate, aggregateAll } from './helpers.js';

describe('sum / sumif', () => {
  it('sums longs per group, skipping nulls', () => {
    const rows = [[1n], [2n], [null], [4n], [10n]];
    expect(aggregate('sum', ['long'], rows, [0, 1, 0, 0, 1], 2)).toEqual({ values: [5n, 12n], type: 'long' });
  });
  it('sums ints as long and reals as real (engine: 15.0)', () => {
    expect(aggregateAll('sum', ['int'], [[1], [2], [3]])).toEqual({ values: [6n], type: 'long' });
    expect(aggregateAll('sum', ['real'], [[null], [5.0], [5.0], [5.0]])).toEqual({ values: [15.0], type: 'real' });
    expect(aggregateAll('sum', ['timespan'], [[10n], [20n]])).toEqual({ values: [30n], type: 'timespan' });
  });
  it('wraps on long overflow', () => {
    expect(aggregateAll('sum', ['long'], [[9223372036854775807n], [1n]]).values).toEqual([-9223372036854775808n]);
  });
  it('gives 0 on empty input and for all-null groups', () => {
    expect(aggregateAll('sum', ['long'], []).values).toEqual([0n]);
    expect(aggregateAll('sum', ['real'], []).values).toEqual([0]);
    expect(aggregate('sum', ['int'], [[null], [null]], [1, 1], 2).values).toEqual([0n, 0n]);
  });
  it('sumif adds rows whose predicate is true', () => {
    const rows = [[1n, true], [2n, false], [3n, null], [4n, true]];
    expect(aggregateAll('sumif', ['long', 'bool'], rows)).toEqual({ values: [5n], type: 'long' });
    expect(aggregateAll('sumif', ['long', 'bool'], []).values).toEqual([0n]);
  });
});

