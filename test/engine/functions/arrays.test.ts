import { describe, expect, it } from 'vitest';
import { call } from './helpers.js';

describe('array_iff (documented examples and notes)', () => {
  it.each([
    ['bool conditions pick element-wise', [true, false, true], [1n, 2n, 3n], [4n, 5n, 6n], [1n, 5n, 3n]],
    ['numbers are true when non-zero', [1n, 0n, 50n], 'yes', 'no', ['yes', 'no', 'yes']],
    ['reals too', [0.0, 2.5], 'yes', 'no', ['no', 'yes']],
    ['other conditions give null', ['text', null, [true]], 1n, 0n, [null, null, null]],
    ['short branches read as null', [true, true, true], [1n, 2n], [3n, 4n], [1n, 2n, null]],
    ['an empty condition array', [], 1n, 0n, []],
  ] as const)('%s', (_, cond, t, f, expected) => {
    const types = [typeof t === 'string' ? 'string' : Array.isArray(t) ? 'dynamic' : 'long', typeof f === 'string' ? 'string' : Array.isArray(f) ? 'dynamic' : 'long'] as const;
    expect(call('array_iff', [[...cond], t as never, f as never], ['dynamic', ...types])).toEqual(expected);
  });
  it('gives null when the condition is not an array, and is also called array_iif', () => {
    expect(call('array_iff', [true, 1n, 0n], ['dynamic', 'long', 'long'])).toBe(null);
    expect(call('array_iif', [[false], 1, 0], ['dynamic', 'int', 'int'])).toEqual([0n]);
  });
});

describe('array_split', () => {
  const arr = [1n, 2n, 3n, 4n, 5n];
  it.each([
    ['one index', 2n, [[1n, 2n], [3n, 4n, 5n]]],
    ['several indices', [1n, 3n], [[1n], [2n, 3n], [4n, 5n]]],
    ['a negative index counts from the end', -1n, [[1n, 2n, 3n, 4n], [5n]]],
    ['index 0', 0n, [[], [1n, 2n, 3n, 4n, 5n]]],
    ['the length', 5n, [[1n, 2n, 3n, 4n, 5n], []]],
    ['equal indices', [2n, 2n], [[1n, 2n], [], [3n, 4n, 5n]]],
  ] as const)('%s', (_, at, expected) => {
    const t = typeof at === 'bigint' ? 'long' : 'dynamic';
    expect(call('array_split', [arr, at as never], ['dynamic', t])).toEqual(expected);
  });
  it('gives null for a non-array', () => {
    expect(call('array_split', ['x', 1n], ['dynamic', 'long'])).toBe(null);
  });
  // Only indices within [0..length] in order are documented ("[0..i1), [i1..i2), ... [iN..array_length)").
  it.each([
    [9n, 'long', 'array_split() at index 9 of an array of 5 after index 0'],
    [-6n, 'long', 'array_split() at index -6 of an array of 5 after index 0'],
    [[3n, 1n], 'dynamic', 'array_split() at index 1 of an array of 5 after index 3'],
    [[1.5], 'dynamic', 'array_split() at an index that is not a long (1.5)'],
  ] as const)('array_split at %o is refused', (at, t, message) => {
    expect(() => call('array_split', [arr, at as never], ['dynamic', t])).toThrow(`Not supported: ${message}.`);
  });
});
