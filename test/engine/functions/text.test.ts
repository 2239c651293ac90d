import { describe, expect, it } from 'vitest';
import { call } from './helpers.js';

describe('strrep (documented examples)', () => {
  it.each([
    [['ABC', 2n], ['string', 'long'], 'ABCABC'],
    [[123, 3n, '.'], ['int', 'long', 'string'], '123.123.123'],
    [[30_000_000n, 2n, ' '], ['timespan', 'long', 'string'], '00:00:03 00:00:03'],
    [['x', 1n, ','], ['string', 'long', 'string'], 'x'],
  ] as const)('strrep%o', (args, types, expected) => {
    expect(call('strrep', [...args], [...types])).toBe(expected);
  });
  it('repeats 1024 times', () => {
    expect(call('strrep', ['a', 1024n], ['string', 'long'])).toBe('a'.repeat(1024));
  });
  // The documentation gives 1 to 67108864 and also "more than 1024 … repeated 1024 times".
  it.each([[0n], [-1n], [1025n], [67108864n]])('refuses a multiplier of %s', (times) => {
    expect(() => call('strrep', ['a', times], ['string', 'long'])).toThrow(`Not supported: strrep() with a multiplier of ${times}`);
  });
});

describe('tohex (documented examples)', () => {
  it.each([
    [[256n], ['long'], '100'],
    [[-256n], ['long'], 'ffffffffffffff00'],
    [[-256, 8n], ['int', 'long'], 'ffffff00'],
    [[256n, 8n], ['long', 'long'], '00000100'],
    [[256n, 2n], ['long', 'long'], '100'],
    [[0n], ['long'], '0'],
  ] as const)('tohex%o', (args, types, expected) => {
    expect(call('tohex', [...args], [...types])).toBe(expected);
  });
});

describe('replace_strings (documented examples)', () => {
  const m = 'A magic trick can turn a cat into a dog';
  it.each([
    [m, ['cat', 'dog'], ['dog', 'pigeon'], 'A magic trick can turn a dog into a pigeon'],
    [m, ['turn', ' into a dog'], ['disappear', ''], 'A magic trick can disappear a cat'],
    ['This is an example of using replace_strings()', ['This', 'is'], ['This', 'was'], 'This was an example of using replace_strings()'],
    ['This is an example of using replace_strings()', ['is', 'This'], ['was', 'This'], 'Thwas was an example of using replace_strings()'],
    [m, ['cat', 1n], ['dog', 'x'], 'A magic trick can turn a dog into a dog'],
    [m, ['cat', 'dog'], [1n, 'pigeon'], 'A magic trick can turn a cat into a pigeon'],
  ] as const)('%s with %s', (text, lookups, rewrites, expected) => {
    expect(call('replace_strings', [text, [...lookups], [...rewrites]], ['string', 'dynamic', 'dynamic'])).toBe(expected);
  });
});

describe('parse_csv (documented examples)', () => {
  it.each([
    ['aa,"b,b,b",cc,"Escaping quotes: ""Title""","line1\nline2"', ['aa', 'b,b,b', 'cc', 'Escaping quotes: "Title"', 'line1\nline2']],
    ['record1,a,b,c\nrecord2,x,y,z', ['record1', 'a', 'b', 'c']],
    ['a,,b,', ['a', '', 'b', '']],
    ['"",x\r\ny', ['', 'x']],
  ])('parse_csv(%j)', (text, expected) => {
    expect(call('parse_csv', [text], ['string'])).toEqual(expected);
  });
  // The documentation covers only the examples above: other text is refused, not guessed.
  it.each([
    ['a, b', 'spaces around a field'],
    [' a', 'spaces around a field'],
    ['a\t', 'spaces around a field'],
    ['"a"b', 'text after a closing quote'],
    ['"a" ,b', 'text after a closing quote'],
    ['a"b', 'a quote inside an unquoted field'],
    ['"a,b', 'an unclosed quote'],
    ['a\rb', 'a carriage return without a line feed'],
    ['', 'no field'],
  ])('parse_csv(%j) is refused', (text, what) => {
    expect(() => call('parse_csv', [text], ['string'])).toThrow(`Not supported: parse_csv() of text with ${what} (undocumented).`);
  });
});
