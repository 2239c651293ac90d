import { describe, expect, it } from 'vitest';
import { formatRealText, toKqlString } from '../../../src/engine/functions/conversion.js';
import type { JsValue } from '../../../src/engine/column.js';
import type { KqlType } from '../../../src/engine/types.js';
import { call, callTyped } from './helpers.js';

const SECOND = 10_000_000n;
const HOUR = 3600n * SECOND;
const DAY = 24n * HOUR;

describe('tostring (kql-notes §9.3, engine-measured)', () => {
  it.each([
    [true, 'bool', 'True'],
    [false, 'bool', 'False'],
    [null, 'bool', ''],
    [null, 'int', ''],
    [null, 'long', ''],
    [null, 'real', ''],
    [null, 'datetime', ''],
    [null, 'timespan', ''],
    [null, 'guid', ''],
    [null, 'dynamic', ''],
    [123n, 'long', '123'],
    [-5, 'int', '-5'],
    [1.5, 'real', '1.5'],
    [15.0, 'real', '15'],
    [123.45, 'real', '123.45'],
    [0.1 + 0.2, 'real', '0.30000000000000004'],
    [1e-7, 'real', '1E-07'],
    [0.0001, 'real', '0.0001'],
    [0.00001, 'real', '1E-05'],
    [1e15, 'real', '1E+15'],
    [123456789012345.0, 'real', '123456789012345'],
    [1234567890123456.0, 'real', '1.234567890123456E+15'],
    [NaN, 'real', 'NaN'],
    [Infinity, 'real', 'Infinity'],
    [-Infinity, 'real', '-Infinity'],
    [-2.5, 'real', '-2.5'],
    [637134336000000000n + 6_000_000n, 'datetime', '2020-01-01T00:00:00.6000000Z'],
    [3n * HOUR, 'timespan', '03:00:00'],
    [DAY, 'timespan', '1.00:00:00'],
    [DAY + 2n * HOUR + 3n * 60n * SECOND + 4n * SECOND + 5_000_000n, 'timespan', '1.02:03:04.5000000'],
    [-2n * HOUR, 'timespan', '-02:00:00'],
    [0n, 'timespan', '00:00:00'],
    [10_000n, 'timespan', '00:00:00.0010000'],
    [15_000_000n, 'timespan', '00:00:01.5000000'],
    [100n * DAY, 'timespan', '100.00:00:00'],
    [-(DAY + 12n * HOUR), 'timespan', '-1.12:00:00'],
    [10n, 'timespan', '00:00:00.0000010'],
    ['x', 'dynamic', 'x'],
    [1n, 'dynamic', '1'],
    [1.5, 'dynamic', '1.5'],
    [true, 'dynamic', 'true'],
    [[1n, 2n], 'dynamic', '[1,2]'],
    [new Map([['a', 1n]]), 'dynamic', '{"a":1}'],
    ['true', 'string', 'true'],
    ['"q"', 'string', '"q"'],
  ] as const)('tostring(%o as %s) = %o', (v, t, expected) => {
    expect(call('tostring', [v as JsValue], [t as KqlType])).toBe(expected);
    expect(toKqlString(v as JsValue, t as KqlType)).toBe(expected);
  });
  it('formats the shortest round-trip digits', () => {
    expect(formatRealText(5e-324)).toBe('5E-324');
    expect(formatRealText(1.7976931348623157e308)).toBe('1.7976931348623157E+308');
    expect(formatRealText(100)).toBe('100');
  });
});

describe('tolong / toint / todouble (engine-measured)', () => {
  it('converts timespans and datetimes to ticks', () => {
    expect(call('tolong', [DAY], ['timespan'])).toBe(864000000000n);
    expect(call('toint', [DAY], ['timespan'])).toBe(711573504);
    expect(call('todouble', [DAY], ['timespan'])).toBe(864000000000);
    expect(call('toreal', [15_000_000n], ['timespan'])).toBe(15000000);
    expect(call('tolong', [-2n * HOUR], ['timespan'])).toBe(-72000000000n);
    expect(call('tolong', [637134336000000000n], ['datetime'])).toBe(637134336000000000n);
    expect(call('toint', [637134336000000000n], ['datetime'])).toBe(-1954807808);
  });
  it.each([
    ['5.7', null, null, 5.7],
    ['1e3', null, null, 1000],
    [' 7 ', 7n, 7, 7],
    ['-3', -3n, -3, -3],
    ['0x10', 16n, 16, null],
    ['1,000', null, null, null],
    ['+4', 4n, 4, 4],
    ['', null, null, null],
    ['9999999999', 9999999999n, null, 9999999999],
    ['5.', null, null, 5],
    ['123', 123n, 123, 123],
  ])('text %o → tolong %s, toint %s, todouble %s', (s, l, i, d) => {
    expect(call('tolong', [s], ['string'])).toBe(l);
    expect(call('toint', [s], ['string'])).toBe(i);
    expect(call('todouble', [s], ['string'])).toBe(d);
  });
  it('wraps a long to 32 bits and saturates a real', () => {
    expect(call('toint', [9999999999n], ['long'])).toBe(1410065407);
    expect(call('toint', [-9999999999n], ['long'])).toBe(-1410065407);
    expect(call('toint', [2147483648n], ['long'])).toBe(-2147483648);
    expect(call('toint', [4294967296n], ['long'])).toBe(0);
    expect(call('tolong', [5.7], ['real'])).toBe(5n);
    expect(call('toint', [5.7], ['real'])).toBe(5);
    expect(call('toint', [2.3], ['real'])).toBe(2);
    expect(call('tolong', [-5.7], ['real'])).toBe(-5n);
    expect(call('toint', [-5.7], ['real'])).toBe(-5);
    expect(call('tolong', [1e10], ['real'])).toBe(10000000000n);
    expect(call('toint', [1e10], ['real'])).toBe(2147483647);
    expect(call('toint', [-1e10], ['real'])).toBe(-2147483648);
    expect(call('tolong', [1e30], ['real'])).toBe(9223372036854775807n);
    expect(call('toint', [1e30], ['real'])).toBe(2147483647);
    expect(call('tolong', [NaN], ['real'])).toBe(null);
    expect(call('toint', [NaN], ['real'])).toBe(null);
  });
  it('converts a dynamic as what it holds', () => {
    const rows: [unknown, bigint | null, number | null, number | null][] = [
      [5.7, 5n, 5, 5.7],
      ['5.7', null, null, 5.7],
      [9999999999n, 9999999999n, 1410065407, 9999999999],
      [' 7 ', 7n, 7, 7],
      [true, 1n, 1, 1],
      [[1n], null, null, null],
      [null, null, null, null],
    ];
    for (const [d, l, i, r] of rows) {
      expect(call('tolong', [d as never], ['dynamic'])).toBe(l);
      expect(call('toint', [d as never], ['dynamic'])).toBe(i);
      expect(call('todouble', [d as never], ['dynamic'])).toBe(r);
    }
  });
  it('toint("123") == 123 (engine)', () => {
    expect(callTyped('toint', ['123'], ['string'])).toEqual({ value: 123, type: 'int' });
  });
  it('todecimal reads decimal text', () => {
    expect(callTyped('todecimal', ['123.45678'], ['string'])).toEqual({ value: 123.45678, type: 'decimal' });
  });
});

describe('tobool (kql-notes §8, engine-measured)', () => {
  it.each([
    ['true', true], ['TRUE', true], ['True', true], ['false', false], ['FALSE', false],
    [' true ', true], ['TrUe ', true], ['\ttrue', true],
    ['1', true], ['0', false], ['2', true], ['-1', true], ['+1', true], ['0002', true], [' 2 ', true],
    ['1.5', null], ['0.0', null], ['yes', null], ['no', null], ['y', null], ['n', null], ['t', null],
    ['f', null], ['on', null], ['off', null], ['abc', null], ['', null], ['99999999999999999999', null],
  ])('tobool(%o) = %s', (s, expected) => {
    expect(call('tobool', [s], ['string'])).toBe(expected);
    expect(call('toboolean', [s], ['string'])).toBe(expected);
  });
  it('converts numbers by non-zero-ness', () => {
    expect(call('tobool', [1n], ['long'])).toBe(true);
    expect(call('tobool', [0n], ['long'])).toBe(false);
    expect(call('tobool', [2n], ['long'])).toBe(true);
    expect(call('tobool', [-1n], ['long'])).toBe(true);
    expect(call('tobool', [1.5], ['real'])).toBe(true);
    expect(call('tobool', [0.0], ['real'])).toBe(false);
    expect(call('tobool', [123], ['int'])).toBe(true);
    expect(call('tobool', [true], ['bool'])).toBe(true);
  });
  it('converts dynamics', () => {
    expect(call('tobool', [true], ['dynamic'])).toBe(true);
    expect(call('tobool', ['true'], ['dynamic'])).toBe(true);
    expect(call('tobool', [1n], ['dynamic'])).toBe(true);
    expect(call('tobool', [null], ['dynamic'])).toBe(null);
  });
});

describe('toguid (engine results)', () => {
  it.each([
    ['0123456789abcdef0123456789abcdef', '01234567-89ab-cdef-0123-456789abcdef'],
    ['0123456789ab-cdef-0123-456789abcdef', '01234567-89ab-cdef-0123-456789abcdef'],
    ['a string that is not a guid', null],
    ['{AE3133F2-6E22-49AE-B06A-16E6A9B212EB}', 'ae3133f2-6e22-49ae-b06a-16e6a9b212eb'],
  ])('toguid(%o) = %o', (s, expected) => {
    expect(callTyped('toguid', [s], ['string'])).toEqual({ value: expected, type: 'guid' });
  });
});

describe('todynamic / parse_json', () => {
  it('parses JSON with longs and reals apart', () => {
    const d = call('parse_json', ['{"duration":{"value":118.0,"count":5}}'], ['string']) as Map<string, Map<string, unknown>>;
    expect(d.get('duration')!.get('value')).toBe(118);
    expect(d.get('duration')!.get('count')).toBe(5n);
    expect(call('todynamic', ['[1, 2.5, "a", null]'], ['string'])).toEqual([1n, 2.5, 'a', null]);
  });
  it('gives null for "" and the text itself when it is not JSON', () => {
    expect(call('parse_json', [''], ['string'])).toBe(null);
    expect(call('parse_json', ['hello'], ['string'])).toBe('hello');
    expect(call('parse_json', [[1n]], ['dynamic'])).toEqual([1n]);
  });
});

describe('emptiness and type tests (kql-notes §9.1)', () => {
  it.each([
    ['', 'string', true, false, false, true],
    ['x', 'string', false, true, false, true],
    [null, 'int', true, false, true, false],
    [null, 'datetime', true, false, true, false],
    [null, 'dynamic', true, false, true, false],
    [[], 'dynamic', false, true, false, true],
    [new Map(), 'dynamic', false, true, false, true],
    ['', 'dynamic', true, false, false, true],
    [0n, 'dynamic', false, true, false, true],
    [0n, 'long', false, true, false, true],
  ] as const)('%o as %s: isempty %s, isnotempty %s, isnull %s, isnotnull %s', (v, t, empty, notEmpty, isNull, notNull) => {
    const ty = t as KqlType;
    const x = v as JsValue;
    expect(call('isempty', [x], [ty])).toBe(empty);
    expect(call('isnotempty', [x], [ty])).toBe(notEmpty);
    expect(call('isnull', [x], [ty])).toBe(isNull);
    expect(call('isnotnull', [x], [ty])).toBe(notNull);
  });
  it('isnan / isinf / isfinite', () => {
    expect(call('isnan', [NaN], ['real'])).toBe(true);
    expect(call('isnan', [1n], ['long'])).toBe(false);
    expect(call('isinf', [-Infinity], ['real'])).toBe(true);
    expect(call('isinf', [NaN], ['real'])).toBe(false);
    expect(call('isinf', [Infinity], ['real'])).toBe(true);
    expect(call('isfinite', [1.5], ['real'])).toBe(true);
    expect(call('isfinite', [NaN], ['real'])).toBe(false);
  });
  it.each([
    ['a', 'string', 'string'],
    [111n, 'long', 'long'],
    [1, 'int', 'int'],
    [true, 'bool', 'bool'],
    [1.5, 'real', 'real'],
    [0n, 'datetime', 'datetime'],
    [0n, 'timespan', 'timespan'],
    ['12e8b78d-55b4-46ae-b068-26d7a0080254', 'guid', 'guid'],
    [null, 'long', 'long'],
    [null, 'int', 'int'],
    [[1n], 'dynamic', 'array'],
    [new Map([['a', 1n]]), 'dynamic', 'dictionary'],
    [null, 'dynamic', 'null'],
    [1n, 'dynamic', 'long'],
    ['s', 'dynamic', 'string'],
    [1.5, 'dynamic', 'double'],
    [true, 'dynamic', 'bool'],
  ] as const)('gettype(%o as %s) = %s', (v, t, expected) => {
    expect(call('gettype', [v as JsValue], [t as KqlType])).toBe(expected);
  });
});
