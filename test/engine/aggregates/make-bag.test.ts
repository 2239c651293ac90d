import { describe, expect, it } from 'vitest';
import type { DynValue } from '../../../src/engine/dynamic.js';
import { aggregate } from './helpers.js';

const bag = (o: Record<string, DynValue>): DynValue => new Map(Object.entries(o));

describe('make_bag / make_bag_if', () => {
  it('merges the slots of each group in first-seen order; a repeated equal slot is kept once; nulls skipped', () => {
    const rows = [[bag({ b: 1n })], [bag({ x: 'u' })], [null], [bag({ a: 'v', b: 1n })]];
    expect(aggregate('make_bag', ['dynamic'], rows, [0, 1, 0, 0], 3)).toEqual({
      values: [bag({ b: 1n, a: 'v' }), bag({ x: 'u' }), bag({})], type: 'dynamic',
    });
  });

  it('make_bag_if takes the rows whose predicate is true', () => {
    const rows = [[bag({ a: 1n }), true], [bag({ b: 2n }), false], [bag({ c: 3n }), null]];
    expect(aggregate('make_bag_if', ['dynamic', 'bool'], rows, [0, 0, 0], 1).values).toEqual([bag({ a: 1n })]);
  });

  it.each([
    [[[bag({ a: 1n })], [bag({ a: 2n })]], [], "Not supported: make_bag() of the slot 'a' with different values (the engine picks one arbitrarily)."],
    [[[[1n]]], [], 'Not supported: make_bag() of a value that is not a property bag ([1]).'],
    [[[bag({ a: 1n })], [bag({ b: 1n })]], [undefined, 1n], 'Not supported: make_bag() of more than 1 slots (which are kept is not documented).'],
  ])('refuses what the engine leaves open: %#', (rows, constants, message) => {
    expect(() => aggregate('make_bag', ['dynamic'], rows as DynValue[][], rows.map(() => 0), 1, constants as never)).toThrow(message);
  });
});
