import { describe, expect, it } from 'vitest';
import { aggregate, aggregateAll } from './helpers.js';

describe('min / max / minif / maxif', () => {
  it('keeps the input type', () => {
    const rows = [[3n], [null], [1n], [7n]];
    expect(aggregate('min', ['long'], rows, [0, 0, 1, 1], 2)).toEqual({ values: [3n, 1n], type: 'long' });
    expect(aggregate('max', ['long'], rows, [0, 0, 1, 1], 2)).toEqual({ values: [3n, 7n], type: 'long' });
    expect(aggregateAll('min', ['int'], [[4], [2]])).toEqual({ values: [2], type: 'int' });
    expect(aggregateAll('max', ['real'], [[1.5], [-2.5]])).toEqual({ values: [1.5], type: 'real' });
    expect(aggregateAll('max', ['datetime'], [[5n], [9n]])).toEqual({ values: [9n], type: 'datetime' });
    expect(aggregateAll('min', ['string'], [['b'], ['B'], ['a']])).toEqual({ values: ['B'], type: 'string' });
    expect(aggregateAll('max', ['bool'], [[false], [true]])).toEqual({ values: [true], type: 'bool' });
  });
  it('gives null for groups without values', () => {
    expect(aggregateAll('min', ['long'], []).values).toEqual([null]);
    expect(aggregateAll('max', ['long'], [[null]]).values).toEqual([null]);
    expect(aggregateAll('max', ['string'], []).values).toEqual(['']);
  });
  it('minif / maxif', () => {
    const rows = [[1n, false], [5n, true], [3n, true], [9n, null]];
    expect(aggregateAll('minif', ['long', 'bool'], rows).values).toEqual([3n]);
    expect(aggregateAll('maxif', ['long', 'bool'], rows).values).toEqual([5n]);
  });
});

