import { describe, expect, it } from 'vitest';
import { aggregate, aggregateAll } from './helpers.js';

describe('avg / avgif', () => {
  it('averages as real, skipping nulls (engine: 5.0)', () => {
    expect(aggregateAll('avg', ['real'], [[null], [5.0], [5.0], [5.0]])).toEqual({ values: [5.0], type: 'real' });
    expect(aggregate('avg', ['long'], [[1n], [2n], [10n], [null]], [0, 0, 1, 1], 2)).toEqual({ values: [1.5, 10], type: 'real' });
    expect(aggregateAll('avg', ['int'], [[1], [2]])).toEqual({ values: [1.5], type: 'real' });
  });
  it('gives NaN on empty input and for all-null groups', () => {
    expect(aggregateAll('avg', ['long'], []).values).toEqual([NaN]);
    expect(aggregateAll('avg', ['long'], [[null]]).values).toEqual([NaN]);
  });
  it('avgif', () => {
    const rows = [[2n, true], [4n, true], [100n, false]];
    expect(aggregateAll('avgif', ['long', 'bool'], rows).values).toEqual([3]);
  });
});

