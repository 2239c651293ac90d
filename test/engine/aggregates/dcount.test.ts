import { describe, expect, it } from 'vitest';
import { aggregate, aggregateAll } from './helpers.js';

describe('dcount / dcountif', () => {
  it('counts distinct non-null values exactly', () => {
    const rows = [['a'], ['b'], ['a'], ['c'], ['c']];
    expect(aggregate('dcount', ['string'], rows, [0, 0, 0, 1, 1], 2)).toEqual({ values: [2n, 1n], type: 'long' });
    expect(aggregateAll('dcount', ['int'], [[1], [null], [3], [1]]).values).toEqual([2n]);
    expect(aggregateAll('dcount', ['dynamic'], [[[1n]], [[1n]], [[2n]], [null]]).values).toEqual([2n]);
  });
  it('accepts and ignores the accuracy', () => {
    expect(aggregateAll('dcount', ['long', 'long'], [[1n, 2n], [2n, 2n]], [undefined as never, 2n]).values).toEqual([2n]);
  });
  it('gives 0 on empty input', () => {
    expect(aggregateAll('dcount', ['long'], []).values).toEqual([0n]);
    expect(aggregateAll('dcountif', ['long', 'bool'], []).values).toEqual([0n]);
  });
  it('dcountif', () => {
    expect(aggregateAll('dcountif', ['long', 'bool'], [[1n, true], [2n, false], [1n, true], [3n, true]]).values).toEqual([2n]);
  });
});

