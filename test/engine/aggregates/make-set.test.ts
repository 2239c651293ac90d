import { describe, expect, it } from 'vitest';
import { dynToJson, type DynValue } from '../../../src/engine/dynamic.js';
import { aggregate, aggregateAll } from './helpers.js';

const json = (v: unknown) => dynToJson(v as DynValue);

describe('make_set / make_set_if', () => {
  it('collects distinct values and flattens arrays (engine result)', () => {
    const vals = [[1], [5], [7], [5]];
    const arrs = [[['A1', 'A2', 'A3']], [['A2', 'C1']], [['C2', 'A3']], [['C2', 'A1']]];
    expect(json(aggregateAll('make_set', ['int'], vals).values[0])).toBe('[1,5,7]');
    expect(json(aggregateAll('make_set', ['dynamic'], arrs).values[0])).toBe('["A1","A2","A3","C1","C2"]');
  });
  it('keeps reals as reals and skips nulls (engine: [5.0])', () => {
    const out = aggregateAll('make_set', ['real'], [[null], [5.0]]);
    expect(out.type).toBe('dynamic');
    expect(json(out.values[0])).toBe('[5.0]');
  });
  it('honours maxSize and gives [] for empty groups', () => {
    expect(aggregateAll('make_set', ['long', 'long'], [[1n, 2n], [2n, 2n], [3n, 2n]], [undefined as never, 2n]).values).toEqual([[1n, 2n]]);
    expect(aggregate('make_set', ['long'], [[1n]], [1], 2).values).toEqual([[], [1n]]);
  });
  it('make_set_if (engine result)', () => {
    const names = ['John', 'Paul', 'George', 'Ringo'];
    expect(aggregateAll('make_set_if', ['string', 'bool'], names.map((n) => [n, n.length > 4])).values).toEqual([['George', 'Ringo']]);
  });
});

