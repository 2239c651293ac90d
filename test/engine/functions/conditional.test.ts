import { describe, expect, it } from 'vitest';
import { call, callTyped, resultTypeOf } from './helpers.js';

describe('iff / iif (kql-notes §9.2)', () => {
  it('picks a branch; a null condition takes the else branch', () => {
    expect(callTyped('iff', [true, 'a', 'b'], ['bool', 'string', 'string'])).toEqual({ value: 'a', type: 'string' });
    expect(call('iff', [false, 'a', 'b'], ['bool', 'string', 'string'])).toBe('b');
    expect(call('iff', [null, true, false], ['bool', 'bool', 'bool'])).toBe(false);
    expect(call('iif', [true, 1n, 2n], ['bool', 'long', 'long'])).toBe(1n);
  });
  it('unifies int and long as long', () => {
    expect(callTyped('iff', [true, 3, 5n], ['bool', 'int', 'long'])).toEqual({ value: 3n, type: 'long' });
    expect(callTyped('iff', [false, 3, 5n], ['bool', 'int', 'long'])).toEqual({ value: 5n, type: 'long' });
    expect(callTyped('iff', [true, 3, 5], ['bool', 'int', 'int'])).toEqual({ value: 3, type: 'int' });
  });
  it('makes the result dynamic when a branch is dynamic', () => {
    expect(callTyped('iff', [true, [1n], 'a'], ['bool', 'dynamic', 'string'])).toEqual({ value: [1n], type: 'dynamic' });
    expect(callTyped('iff', [false, [1n], 'a'], ['bool', 'dynamic', 'string'])).toEqual({ value: 'a', type: 'dynamic' });
    expect(call('iff', [false, [1n], 5], ['bool', 'dynamic', 'int'])).toBe(5n);
  });
  it.each([
    [['bool', 'string', 'long']],
    [['bool', 'long', 'real']],
    [['bool', 'int', 'real']],
    [['bool', 'bool', 'string']],
    [['bool', 'datetime', 'timespan']],
  ] as const)('rejects branches %o', (types) => {
    expect(resultTypeOf('iff', types)).toMatch(/same type/);
  });
  it('keeps a null branch value', () => {
    expect(call('iff', [true, null, 5.0], ['bool', 'real', 'real'])).toBe(null);
  });
});

describe('case (engine result)', () => {
  const bucket = (size: bigint) =>
    call('case', [size <= 3n, 'Small', size <= 10n, 'Medium', 'Large'], ['bool', 'string', 'bool', 'string', 'string']);
  it.each([
    [1n, 'Small'], [3n, 'Small'], [5n, 'Medium'], [7n, 'Medium'], [9n, 'Medium'], [11n, 'Large'], [13n, 'Large'], [15n, 'Large'],
  ])('bucket %s = %s', (size, expected) => {
    expect(bucket(size)).toBe(expected);
  });
  it('checks predicates and branch types', () => {
    expect(resultTypeOf('case', ['bool', 'string', 'bool', 'string', 'long'])).toMatch(/same type/);
    expect(resultTypeOf('case', ['bool', 'string', 'string', 'string'])).toMatch(/pairs/);
    expect(resultTypeOf('case', ['long', 'string', 'string'])).toBe('no signature');
    expect(resultTypeOf('case', ['bool', 'string', 'long', 'string', 'string'])).toMatch(/bool/);
    expect(resultTypeOf('case', ['bool', 'int', 'bool', 'long', 'long'])).toBe('long');
    expect(call('case', [null, 1n, false, 2n, 3n], ['bool', 'long', 'bool', 'long', 'long'])).toBe(3n);
  });
});

describe('coalesce', () => {
  it('returns the first non-null (engine result)', () => {
    expect(callTyped('coalesce', [null, 42n, 33n], ['long', 'long', 'long'])).toEqual({ value: 42n, type: 'long' });
    expect(call('coalesce', [null, 5], ['long', 'int'])).toBe(5n);
  });
  it('skips empty strings, not other zero values (engine-measured)', () => {
    expect(call('coalesce', ['', 'fallback'], ['string', 'string'])).toBe('fallback');
    expect(call('coalesce', ['', 'hit', 'no'], ['string', 'string', 'string'])).toBe('hit');
    expect(call('coalesce', [' ', 'fb'], ['string', 'string'])).toBe(' ');
    expect(call('coalesce', ['', ''], ['string', 'string'])).toBe('');
    expect(call('coalesce', [0n, 5n], ['long', 'long'])).toBe(0n);
    expect(call('coalesce', [0.0, 5.0], ['real', 'real'])).toBe(0);
    expect(call('coalesce', [false, true], ['bool', 'bool'])).toBe(false);
    expect(call('coalesce', [0n, 5n], ['timespan', 'timespan'])).toBe(0n);
    expect(call('coalesce', [[], [1n]], ['dynamic', 'dynamic'])).toEqual([]);
    expect(call('coalesce', [null, null], ['long', 'long'])).toBe(null);
  });
  it('requires one type and at most 64 arguments', () => {
    expect(resultTypeOf('coalesce', ['long', 'real'])).toMatch(/same type/);
    expect(resultTypeOf('coalesce', ['string', 'long'])).toMatch(/same type/);
    expect(resultTypeOf('coalesce', ['dynamic', 'long'])).toBe('dynamic');
    expect(resultTypeOf('coalesce', new Array(65).fill('long'))).toMatch(/64/);
    expect(resultTypeOf('coalesce', ['long'])).toBe('no signature');
  });
});

describe('not', () => {
  it('negates; null stays null; a number counts by non-zero-ness', () => {
    expect(call('not', [true], ['bool'])).toBe(false);
    expect(call('not', [false], ['bool'])).toBe(true);
    expect(call('not', [null], ['bool'])).toBe(null);
    expect(call('not', [1n], ['long'])).toBe(false);
    expect(call('not', [0n], ['long'])).toBe(true);
  });
});

describe('max_of / min_of (engine results)', () => {
  it('finds the extremum', () => {
    expect(callTyped('max_of', [10n, 1n, -3n, 17n], ['long', 'long', 'long', 'long'])).toEqual({ value: 17n, type: 'long' });
    expect(callTyped('min_of', [10n, 1n, -3n, 17n], ['long', 'long', 'long', 'long'])).toEqual({ value: -3n, type: 'long' });
  });
  it.each([
    [1, 6, 6], [8, 1, 8], [null, 2, 2], [1, null, 1], [null, null, null],
  ])('max_of(int %s, int %s) = %s (int)', (a, b, expected) => {
    expect(callTyped('max_of', [a, b], ['int', 'int'])).toEqual({ value: expected, type: 'int' });
  });
  it('compares strings, datetimes and mixed int/long', () => {
    expect(call('max_of', ['a', 'B'], ['string', 'string'])).toBe('a');
    expect(call('min_of', [5n, 3n], ['datetime', 'datetime'])).toBe(3n);
    expect(callTyped('max_of', [7, 3n], ['int', 'long'])).toEqual({ value: 7n, type: 'long' });
    expect(resultTypeOf('max_of', ['long', 'string'])).toMatch(/same type/);
    expect(resultTypeOf('max_of', ['dynamic', 'dynamic'])).toMatch(/cannot be compared/);
  });
});
