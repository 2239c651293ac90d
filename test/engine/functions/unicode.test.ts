import { describe, expect, it } from 'vitest';
import { call, resultTypeOf } from './helpers.js';

describe('unicode_codepoints_from_string / _to_string (documented examples)', () => {
  it.each([
    ['⒦⒰⒮⒯⒪', [9382n, 9392n, 9390n, 9391n, 9386n]],
    ['קוסטו - Kusto', [1511n, 1493n, 1505n, 1496n, 1493n, 32n, 45n, 32n, 75n, 117n, 115n, 116n, 111n]],
    ['😀', [128512n]],
    ['', []],
  ])('from_string(%s)', (s, expected) => {
    expect(call('unicode_codepoints_from_string', [s], ['string'])).toEqual(expected);
  });
  it.each([
    ['longs', [75n, 117n, 115n, 116n, 111n], ['long', 'long', 'long', 'long', 'long'], 'Kusto'],
    ['an array', [[75n, 117n, 115n, 116n, 111n]], ['dynamic'], 'Kusto'],
    ['an array and ints', [[75n, 117n, 115n], 116, 111], ['dynamic', 'int', 'int'], 'Kusto'],
    ['a code point above the BMP', [128512n], ['long'], '😀'],
    ['a surrogate is not a code point', [0xd800n], ['long'], ''],
    ['beyond U+10FFFF', [0x110000n], ['long'], ''],
    ['a non-integer element', [[75n, 'x']], ['dynamic'], ''],
  ] as const)('to_string of %s', (_, args, types, expected) => {
    expect(call('unicode_codepoints_to_string', [...args] as never, [...types])).toBe(expected);
  });
  it('refuses a real array element ("integral numbers" does not say whether 75.0 is one)', () => {
    expect(() => call('unicode_codepoints_to_string', [[75.0]], ['dynamic']))
      .toThrow('Not supported: unicode_codepoints_to_string() of a real array element.');
  });
  it('refuses other argument types and has the alias make_string', () => {
    expect(resultTypeOf('unicode_codepoints_to_string', ['string'])).toMatch(/must be int, long or dynamic/);
    expect(call('make_string', [75n], ['long'])).toBe('K');
  });
});

describe('string_size', () => {
  it.each([
    ['⒦⒰⒮⒯⒪', 15n],
    ['Kusto', 5n],
    ['', 0n],
    ['😀', 4n],
  ])('string_size(%s) = %s', (s, n) => {
    expect(call('string_size', [s], ['string'])).toBe(n);
  });
});
