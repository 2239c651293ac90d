import { describe, expect, it } from 'vitest';
import type { DynValue } from '../../../src/engine/dynamic.js';
import { call, resultTypeOf } from './helpers.js';

const dd = ['dynamic', 'dynamic'] as const;

describe('element-wise series arithmetic and comparison (documented examples)', () => {
  it.each([
    ['series_add', [1n, 2n, 4n], [4n, 2n, 1n], [5n, 4n, 5n]],
    ['series_subtract', [1n, 2n, 4n], [4n, 2n, 1n], [-3n, 0n, 3n]],
    ['series_multiply', [2n, 4n, 8n], [8n, 4n, 2n], [16n, 16n, 16n]],
    ['series_divide', [1n, 2n, 4n], [4n, 2n, 1n], [0.25, 1, 4]],
    // "Division by zero follows the double division by zero (e.g. 2/0 yields double(+inf))."
    ['series_divide', [2n, -2.5, 0n], [0n, 0n, 0.0], [Infinity, -Infinity, NaN]],
    ['series_pow', [1n, 2n, 3n, 4n], [1n, 2n, 3n, 0.5], [1, 4, 27, 2]],
    ['series_add', [1n, 2.5], [1.5, 1n], [2.5, 3.5]],
    ['series_greater', [1n, 2n, 4n], [4n, 2n, 1n], [false, false, true]],
    ['series_greater_equals', [1n, 2n, 4n], [4n, 2n, 1n], [false, true, true]],
    ['series_less', [1n, 2n, 4n], [4n, 2n, 1n], [true, false, false]],
    ['series_less_equals', [1n, 2n, 4n], [4n, 2n, 1n], [true, true, false]],
    ['series_equals', [1n, 2n, 4n], [4n, 2n, 1n], [false, true, false]],
    ['series_not_equals', [1n, 2n, 4n], [4n, 2n, 1.0], [true, false, true]],
    ['series_add', [1n, 'x', 3n], [1n, 1n], [2n, null, null]],
  ] as const)('%s(%o, %o)', (f, a, b, expected) => {
    expect(call(f, [[...a], [...b]], [...dd])).toEqual(expected);
  });
  it('gives null for a non-array and refuses a scalar series', () => {
    expect(call('series_add', [1n, [1n]], [...dd])).toBe(null);
    expect(resultTypeOf('series_add', ['dynamic', 'long'])).toMatch(/^Not supported: series_add\(\)/);
  });
});

describe('element-wise series math (documented examples)', () => {
  it.each([
    ['series_atan', [-1n, 0n, 1n], [-0.7853981633974483, 0, 0.7853981633974483]],
    ['series_sin', [-1n, 0n, 1n], [-0.8414709848078965, 0, 0.8414709848078965]],
    ['series_tan', [-1n, 0n, 1n], [-1.5574077246549023, 0, 1.5574077246549023]],
    ['series_ceiling', [-1.5, 1n, 2.5], [-1, 1n, 3]],
    ['series_floor', [-1.5, 1n, 2.5], [-2, 1n, 2]],
    ['series_sign', [-6n, 0n, 8n], [-1, 0, 1]],
    ['series_abs', [-6n, 2.5, null], [6n, 2.5, null]],
  ] as const)('%s(%o)', (f, a, expected) => {
    const got = call(f, [[...a]], ['dynamic']) as number[];
    expected.forEach((e, i) => (typeof e === 'number' ? expect(got[i]).toBeCloseTo(e, 15) : expect(got[i]).toBe(e)));
  });
});

describe('element-wise series math outside the domain', () => {
  // Only a non-numeric element is documented (null); an out-of-domain number is refused.
  it.each([
    ['series_acos', [0n, 2n], 'Not supported: series_acos() of an element outside its domain (2).'],
    ['series_asin', [-1.5], 'Not supported: series_asin() of an element outside its domain (-1.5).'],
    ['series_log', [1n, 0n], 'Not supported: series_log() of an element outside its domain (0).'],
  ] as const)('%s(%o) is refused', (f, a, message) => {
    expect(() => call(f, [[...a]], ['dynamic'])).toThrow(message);
  });
  it('series_log and series_acos of in-domain elements (documented examples)', () => {
    const log = call('series_log', [[1n, 2n, 3n]], ['dynamic']) as number[];
    [0, 0.69314718055994529, 1.0986122886681098].forEach((e, i) => expect(log[i]).toBeCloseTo(e, 15));
    const acos = call('series_acos', [[-1n, 0n, 1n]], ['dynamic']) as number[];
    [3.1415926535897931, 1.5707963267948966, 0].forEach((e, i) => expect(acos[i]).toBeCloseTo(e, 15));
  });
});

describe('series reductions (documented examples)', () => {
  it.each([
    [[1n, 2n, 4n], [4n, 2n, 1n], 12],
    [[3n, 6n, 12n], [12n, 6n, 3n], 108],
    [[1n, 2n, 3n], [1n, 1n], 3],
    [[1n, 'x', 3n], [1n, 1n, 1n], 4],
  ] as const)('series_dot_product(%o, %o) = %s', (a, b, expected) => {
    expect(call('series_dot_product', [[...a], [...b]], [...dd])).toBe(expected);
  });
  it('broadcasts a scalar and gives null for an empty series', () => {
    expect(call('series_dot_product', [[2n, 4n, 8n], 2n], ['dynamic', 'long'])).toBe(28);
    expect(call('series_dot_product', [10n, [1n, 2n, 3n]], ['long', 'dynamic'])).toBe(60);
    expect(call('series_dot_product', [[], [1n]], [...dd])).toBe(null);
  });
  it('series_magnitude, series_cosine_similarity, series_pearson_correlation', () => {
    expect(call('series_magnitude', [[1n, 2n, 3n, 4n]], ['dynamic'])).toBeCloseTo(5.477225575051661, 14);
    expect(call('series_cosine_similarity', [[0.1, 0.2, 0.1, 0.2], [0.11, 0.2, 0.11, 0.21]], [...dd])).toBeCloseTo(0.9993534382550399, 14);
    expect(call('series_cosine_similarity', [[0.1, 0.2, 0.1, 0.2], [1n, 2n, 3n, 4n]], [...dd])).toBeCloseTo(0.9237604307034012, 14);
    expect(call('series_pearson_correlation', [[1n, 2n, 3n, 4n, 5n], [2n, 4n, 6n, 8n, 10n]], [...dd])).toBeCloseTo(1, 14);
    expect(call('series_pearson_correlation', [[1n, 2n, 3n], [3n, 2n, 1n]], [...dd])).toBeCloseTo(-1, 14);
  });
});

describe('series_fill_* (documented examples)', () => {
  const n = null;
  it('fills forward and backward', () => {
    expect(call('series_fill_forward', [[n, n, 36n, 41n, n, n, 16n, 61n, 33n, n, n]], ['dynamic']))
      .toEqual([n, n, 36n, 41n, 41n, 41n, 16n, 61n, 33n, 33n, 33n]);
    expect(call('series_fill_backward', [[111n, n, 36n, 41n, n, n, 16n, 61n, 33n, n, n]], ['dynamic']))
      .toEqual([111n, 36n, 36n, 41n, 16n, 16n, 16n, 61n, 33n, n, n]);
    expect(call('series_fill_forward', [[1n, -1n, 2n, -1n], -1n], ['dynamic', 'long'])).toEqual([1n, 1n, 2n, 2n]);
  });
  const reals: DynValue = [n, 111.0, n, 36.0, 41.0, n, n, 16.0, 61.0, 33.0, n, n];
  const longs: DynValue = [n, 111n, n, 36n, 41n, n, n, 16n, 61n, 33n, n, n];
  it.each([
    ['reals, defaults', reals, [], [111, 111, 73.5, 36, 41, 32.66666666666667, 24.333333333333336, 16, 61, 33, 33, 33]],
    ['reals without edges', reals, [null, false], [n, 111, 73.5, 36, 41, 32.66666666666667, 24.333333333333336, 16, 61, 33, n, n]],
    ['longs truncate', longs, [], [111n, 111n, 73n, 36n, 41n, 32n, 24n, 16n, 61n, 33n, 33n, 33n]],
    ['only missing values', [n, n, n], [], [0n, 0n, 0n]],
    ['only missing values, a constant', [n, n], [null, true, 3.14159], [3.14159, 3.14159]],
    ['longs with whole negative steps', [-1n, n, -3n], [], [-1n, -2n, -3n]],
  ] as const)('series_fill_linear of %s', (_, a, rest, expected) => {
    const types = (['dynamic', 'real', 'bool', 'real'] as const).slice(0, 1 + rest.length);
    const got = call('series_fill_linear', [a as DynValue, ...rest], [...types]) as DynValue[];
    expect(got.map((v) => (typeof v === 'number' ? Number(v.toPrecision(15)) : v)))
      .toEqual(expected.map((v) => (typeof v === 'number' ? Number(v.toPrecision(15)) : v)));
  });
});

describe('series_fill_linear between longs', () => {
  // The documented example truncates positive fractions; a negative one (toward zero or down) is not shown.
  it('refuses a negative fraction', () => {
    expect(() => call('series_fill_linear', [[-1n, null, -2n]], ['dynamic']))
      .toThrow('Not supported: series_fill_linear() interpolating a negative fraction (-1.5) between longs.');
  });
});

describe('series_iir (documented examples)', () => {
  it('a cumulative sum', () => {
    expect(call('series_iir', [[1, 2, 3, 4, 5], [1n], [1n, -1n]], ['dynamic', 'dynamic', 'dynamic'])).toEqual([1, 3, 6, 10, 15]);
  });
  it('divides by a[0]', () => {
    expect(call('series_iir', [[2n, 4n], [1n], [2n]], ['dynamic', 'dynamic', 'dynamic'])).toEqual([1, 2]);
  });
  // "The first element of a (that is, a[0]) mustn't be zero"; non-numeric elements are not documented.
  it.each([
    [[1n, null, 2n], [1n], [1n, -1n], 'series_iir() of a non-numeric element'],
    [[1n, 2n], [1n, 'x'], [1n], 'series_iir() of a non-numeric element'],
    [[1n, 2n], [1n], [0n, 1n], 'series_iir() with a first denominator of 0 or none'],
    [[1n, 2n], [1n], [], 'series_iir() with a first denominator of 0 or none'],
  ] as const)('series_iir(%o, %o, %o) is refused', (x, b, a, what) => {
    expect(() => call('series_iir', [[...x], [...b], [...a]], ['dynamic', 'dynamic', 'dynamic'])).toThrow(`Not supported: ${what}.`);
  });
});
