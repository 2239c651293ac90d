import { describe, expect, it } from 'vitest';
import { dynToJson, type DynValue } from '../../../src/engine/dynamic.js';
import { aggregate, aggregateAll } from './helpers.js';

const json = (v: unknown) => dynToJson(v as DynValue);

describe('make_list / make_list_if / make_list_with_nulls', () => {
  const shapes: [string, number][] = [
    ['triangle', 3], ['square', 4], ['rectangle', 4], ['pentagon', 5], ['hexagon', 6],
    ['heptagon', 7], ['octagon', 8], ['nonagon', 9], ['decagon', 10],
  ];
  it('keeps input order (engine results)', () => {
    expect(aggregateAll('make_list', ['string'], shapes.map(([n]) => [n])).values).toEqual([
      ['triangle', 'square', 'rectangle', 'pentagon', 'hexagon', 'heptagon', 'octagon', 'nonagon', 'decagon'],
    ]);
    const byEven = aggregate('make_list', ['string'], shapes.map(([n]) => [n]), shapes.map(([, c]) => (c % 2 === 0 ? 1 : 0)), 2);
    expect(byEven.values).toEqual([
      ['triangle', 'pentagon', 'heptagon', 'nonagon'],
      ['square', 'rectangle', 'hexagon', 'octagon', 'decagon'],
    ]);
  });
  it('renders elements as dynamic values', () => {
    expect(json(aggregateAll('make_list', ['long'], [[1n], [2n], [null], [3n]]).values[0])).toBe('[1,2,3]');
    expect(json(aggregateAll('make_list', ['real'], [[1.0], [2.5]]).values[0])).toBe('[1.0,2.5]');
    expect(aggregateAll('make_list', ['datetime'], [[630822816000000000n]]).values).toEqual([['2000-01-01T00:00:00.0000000Z']]);
  });
  // Oracle cases geo-h3cell-rings-function-02 and geo-polygon-to-h3cells-function-01: an array value
  // adds its elements (one level), a bag is one element.
  it('flattens array values one level', () => {
    expect(aggregateAll('make_list', ['dynamic'], [[[1n, [2n]]], [new Map([['a', 1n]])], [[3n]]]).values[0])
      .toEqual([1n, [2n], new Map([['a', 1n]]), 3n]);
  });
  it('honours maxSize and gives [] on empty input', () => {
    expect(aggregateAll('make_list', ['long', 'long'], [[1n, 1n], [2n, 1n]], [undefined as never, 1n]).values).toEqual([[1n]]);
    expect(aggregateAll('make_list', ['long'], []).values).toEqual([[]]);
  });
  it('make_list_if (engine result)', () => {
    const names = ['John', 'Paul', 'George', 'Ringo'];
    expect(aggregateAll('make_list_if', ['string', 'bool'], names.map((n) => [n, n.length > 4])).values).toEqual([['George', 'Ringo']]);
  });
  it('make_list_with_nulls keeps nulls (engine result)', () => {
    const sides = [null, 4, 4, 5, 6, 7, 8, 9, 10];
    expect(json(aggregateAll('make_list_with_nulls', ['int'], sides.map((s) => [s])).values[0])).toBe('[null,4,4,5,6,7,8,9,10]');
  });
});

