import { describe, expect, it } from 'vitest';
import type { DynValue } from '../../../src/engine/dynamic.js';
import { call, callTyped, resultTypeOf } from './helpers.js';

const bag = (entries: [string, DynValue][]): DynValue => new Map(entries);
const A5: DynValue = [1n, 2n, 3n, 4n, 5n];

describe('arrays (engine results)', () => {
  it('array_length', () => {
    expect(callTyped('array_length', [[1n, 2n, 3n, 'four']], ['dynamic'])).toEqual({ value: 4n, type: 'long' });
    expect(call('array_length', [bag([['a', 1n]])], ['dynamic'])).toBe(null);
    expect(call('array_length', ['abc'], ['dynamic'])).toBe(null);
  });
  it('pack_array renders scalars as dynamic elements', () => {
    expect(callTyped('pack_array', [1n, 2n, 4n], ['long', 'long', 'long'])).toEqual({ value: [1n, 2n, 4n], type: 'dynamic' });
    expect(call('pack_array', [1n, 'a', 20_000_000n], ['long', 'string', 'timespan'])).toEqual([1n, 'a', '00:00:02']);
    expect(call('pack_array', [3, 1.0, null, true], ['int', 'real', 'long', 'bool'])).toEqual([3n, 1.0, null, true]);
    expect(call('pack_array', [630822816000000000n], ['datetime'])).toEqual(['2000-01-01T00:00:00.0000000Z']);
  });
  it('array_concat', () => {
    expect(call('array_concat', [[1n, 2n, 4n], [1n, 2n]], ['dynamic', 'dynamic'])).toEqual([1n, 2n, 4n, 1n, 2n]);
    expect(call('array_concat', [[1n], 'x'], ['dynamic', 'dynamic'])).toBe(null);
  });
  it.each([
    [2n, -1n, [3n, 4n, 5n]],
    [-3n, -2n, [3n, 4n]],
    [1n, 2n, [2n, 3n]],
    [3n, 1n, []],
    [-10n, 1n, [1n, 2n]],
    [3n, 100n, [4n, 5n]],
  ])('array_slice([1..5], %s, %s)', (s, e, expected) => {
    expect(call('array_slice', [A5, s, e], ['dynamic', 'long', 'long'])).toEqual(expected);
  });
  it('array_reverse / rotate / shift', () => {
    expect(call('array_reverse', [['this', 'is', 'an', 'example']], ['dynamic'])).toEqual(['example', 'an', 'is', 'this']);
    expect(call('array_rotate_left', [A5, 2n], ['dynamic', 'long'])).toEqual([3n, 4n, 5n, 1n, 2n]);
    expect(call('array_rotate_right', [A5, 2n], ['dynamic', 'long'])).toEqual([4n, 5n, 1n, 2n, 3n]);
    expect(call('array_shift_left', [A5, 2n], ['dynamic', 'long'])).toEqual([3n, 4n, 5n, null, null]);
    expect(call('array_shift_left', [A5, 2n, -1n], ['dynamic', 'long', 'long'])).toEqual([3n, 4n, 5n, -1n, -1n]);
    expect(call('array_shift_right', [A5, 2n], ['dynamic', 'long'])).toEqual([null, null, 1n, 2n, 3n]);
  });
  it('array_index_of and set_has_element', () => {
    const arr = ['this', 'is', 'an', 'example', 'an', 'example'];
    const idx = (args: unknown[]) => call('array_index_of', [arr, ...args] as never[], ['dynamic', 'string', ...args.slice(1).map(() => 'long' as const)]);
    expect(idx(['an'])).toBe(2n);
    expect(idx(['example', 1n, 3n])).toBe(3n);
    expect(idx(['example', 1n, 2n])).toBe(-1n);
    expect(idx(['is', 2n, 4n])).toBe(-1n);
    expect(idx(['example', 2n, -1n])).toBe(3n);
    expect(idx(['an', 1n, -1n, 2n])).toBe(4n);
    expect(idx(['an', 1n, -1n, 3n])).toBe(-1n);
    expect(idx(['an', -3n])).toBe(4n);
    expect(idx(['is', -4n])).toBe(-1n);
    expect(call('array_index_of', [['a', 'b'], 'z'], ['dynamic', 'string'])).toBe(-1n);
    expect(call('array_index_of', [[1n, 2n], 2], ['dynamic', 'int'])).toBe(1n);
    expect(call('set_has_element', [['this', 'is', 'an', 'example'], 'example'], ['dynamic', 'string'])).toBe(true);
    expect(call('set_has_element', [[1n, 2n], 1n], ['dynamic', 'long'])).toBe(true);
    expect(call('set_has_element', [[1n, 2n], 3n], ['dynamic', 'long'])).toBe(false);
  });
  it('array_sort_asc / array_sort_desc', () => {
    expect(call('array_sort_asc', [['John', 'Paul', 'Jane', 'Kao']], ['dynamic'])).toEqual(['Jane', 'John', 'Kao', 'Paul']);
    expect(call('array_sort_desc', [['John', 'Paul', 'Jane', 'Kayo']], ['dynamic'])).toEqual(['Paul', 'Kayo', 'John', 'Jane']);
    const withNulls = [null, 'blue', 'yellow', 'green', null];
    expect(call('array_sort_asc', [withNulls, false], ['dynamic', 'bool'])).toEqual([null, null, 'blue', 'green', 'yellow']);
    expect(call('array_sort_desc', [withNulls, false], ['dynamic', 'bool'])).toEqual([null, null, 'yellow', 'green', 'blue']);
    expect(call('array_sort_asc', [withNulls], ['dynamic'])).toEqual(['blue', 'green', 'yellow', null, null]);
    expect(call('array_sort_desc', [[1n, 3n, 4n, 5n, 2n]], ['dynamic'])).toEqual([5n, 4n, 3n, 2n, 1n]);
  });
  it('array_sum is real', () => {
    expect(callTyped('array_sum', [[1n, 2n, 3n, 4n]], ['dynamic'])).toEqual({ value: 10, type: 'real' });
  });
  it('zip pads with null', () => {
    expect(call('zip', [[1n, 3n, 5n], [2n, 4n, 6n]], ['dynamic', 'dynamic'])).toEqual([[1n, 2n], [3n, 4n], [5n, 6n]]);
    expect(call('zip', [['A', 1n, 1.5], [bag([]), 'B']], ['dynamic', 'dynamic'])).toEqual([['A', bag([])], [1n, 'B'], [1.5, null]]);
  });
});

describe('sets (engine results)', () => {
  it('set_union / set_intersect / set_difference', () => {
    expect(call('set_union', [[1n, 2n, 1n, 4n], [1n, 2n], [8n]], ['dynamic', 'dynamic', 'dynamic'])).toEqual([1n, 2n, 4n, 8n]);
    expect(call('set_union', [['A4', 'A2', 'A7', 'A2'], ['A4', 'A2', 'A7', 'A2']], ['dynamic', 'dynamic'])).toEqual(['A4', 'A2', 'A7']);
    expect(call('set_difference', [[1n, 2n, 1n, 4n], [1n, 2n], [1n, 2n, 8n]], ['dynamic', 'dynamic', 'dynamic'])).toEqual([4n]);
    expect(call('set_difference', [[1n, 2n, 3n], [1n, 2n, 3n]], ['dynamic', 'dynamic'])).toEqual([]);
    expect(call('set_intersect', [[1n, 2n, 3n], [4n, 5n]], ['dynamic', 'dynamic'])).toEqual([]);
    expect(call('set_intersect', [[1n, 2n, 3n, 2n], [2n, 3n], [3n, 2n]], ['dynamic', 'dynamic', 'dynamic'])).toEqual([2n, 3n]);
  });
});

describe('property bags (engine results)', () => {
  it('bag_pack / pack', () => {
    expect(call('bag_pack', ['prop01', 'val_a'], ['string', 'string'])).toEqual(bag([['prop01', 'val_a']]));
    expect(call('pack', ['name', 'x', 'n', 3], ['string', 'string', 'string', 'int'])).toEqual(bag([['name', 'x'], ['n', 3n]]));
    expect(call('bag_pack', ['t', 864_000_000_000n], ['string', 'timespan'])).toEqual(bag([['t', '1.00:00:00']]));
    expect(resultTypeOf('bag_pack', ['string', 'long', 'string'])).toMatch(/pairs/);
    expect(resultTypeOf('bag_pack', ['string', 'long', 'long', 'long'])).toMatch(/string/);
  });
  it.each([
    [bag([['a', 'b'], ['c', 123n]]), ['a', 'c']],
    [bag([['a', 'b'], ['c', bag([['d', 123n]])]]), ['a', 'c']],
    [null, null],
    [bag([]), []],
    ['a', null],
    [[], null],
  ])('bag_keys(%o) = %o', (d, expected) => {
    expect(call('bag_keys', [d], ['dynamic'])).toEqual(expected);
  });
  it('bag_has_key', () => {
    const b = bag([['a', 1n], ['c', bag([['d', 2n]])]]);
    expect(call('bag_has_key', [b, 'a'], ['dynamic', 'string'])).toBe(true);
    expect(call('bag_has_key', [b, 'z'], ['dynamic', 'string'])).toBe(false);
    expect(call('bag_has_key', [b, '$.c.d'], ['dynamic', 'string'])).toBe(true);
    expect(call('bag_has_key', [[1n], 'a'], ['dynamic', 'string'])).toBe(false);
  });
  it('bag_merge keeps the first value of a key', () => {
    const merged = call('bag_merge', [
      bag([['A1', 12n], ['B1', 2n], ['C1', 3n]]),
      bag([['A2', 81n], ['B2', 82n], ['A1', 1n]]),
    ], ['dynamic', 'dynamic']);
    expect(merged).toEqual(bag([['A1', 12n], ['B1', 2n], ['C1', 3n], ['A2', 81n], ['B2', 82n]]));
    expect([...(merged as Map<string, DynValue>).keys()]).toEqual(['A1', 'B1', 'C1', 'A2', 'B2']);
  });
  it('dynamic_to_json sorts keys (engine result)', () => {
    const d = bag([
      ['Y10', bag([])], ['X8', bag([['c3', 1n], ['d8', 5n], ['a4', 6n]])], ['D1', 114n], ['A1', 12n], ['B1', 2n], ['C1', 3n],
      ['A14', [15n, 13n, 18n]],
    ]);
    expect(callTyped('dynamic_to_json', [d], ['dynamic'])).toEqual({
      value: '{"A1":12,"A14":[15,13,18],"B1":2,"C1":3,"D1":114,"X8":{"a4":6,"c3":1,"d8":5},"Y10":{}}',
      type: 'string',
    });
  });
});

describe('range() (engine results, conformance range-function-00…03)', () => {
  it.each([
    ['range(1, 8, 3)', [1n, 8n, 3n], ['long', 'long', 'long'], [1n, 4n, 7n]],
    ['range(1, 3)', [1n, 3n], ['long', 'long'], [1n, 2n, 3n]],
    ['range(5, 1, -2)', [5n, 1n, -2n], ['long', 'long', 'long'], [5n, 3n, 1n]],
    ['range(1.0, 2.0, 0.5)', [1, 2, 0.5], ['real', 'real', 'real'], [1, 1.5, 2]],
    ['range(1h, 3h)', [36_000_000_000n, 108_000_000_000n], ['timespan', 'timespan'], ['01:00:00', '02:00:00', '03:00:00']],
    ['range(datetime(2007-01-01), datetime(2007-01-02), 12h)', [633032064000000000n, 633032928000000000n, 432_000_000_000n],
      ['datetime', 'datetime', 'timespan'],
      ['2007-01-01T00:00:00.0000000Z', '2007-01-01T12:00:00.0000000Z', '2007-01-02T00:00:00.0000000Z']],
  ])('%s', (_, args, types, expected) => {
    expect(call('range', args as DynValue[], types as never)).toEqual(expected);
  });
  it('a zero step gives null', () => {
    expect(call('range', [1n, 3n, 0n], ['long', 'long', 'long'])).toBe(null);
  });
});
