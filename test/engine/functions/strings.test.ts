import { describe, expect, it } from 'vitest';
import { hasPrefix, hasSuffix, hasTerm, asciiLower, extractResultType } from '../../../src/engine/functions/strings.js';
import { call, callTyped, resultTypeOf } from './helpers.js';

describe('hasTerm: the kql-notes §1.3 table', () => {
  const RESOURCE =
    '/subscriptions/00000000-0000-0000-0000-000000000000/resourcegroups/test.rg000001?api-version=2021-04-01';
  it.each([
    ['North America', 'america', true],
    ['North America', 'amer', false],
    ['KustoExplorerQueryRun', 'Explorer', false],
    ['_Hello_World_', 'hello', true],
    ['errors', 'error', false],
    ['BA', 'b', false],
    ['x a-b y', 'a-b', true],
    ['x ab y', 'a-b', false],
    ['x a_b y', 'a-b', false],
    ['a b', 'a ', true],
    ['xa b', 'a ', false],
    ['x a-b y', ' a', true],
    ['a b', ' a', false],
    ['b .b-', '-', true],
    ['a-b', '-', true],
    ['11', '-', false],
    ['b .b-', ' ', true],
    ['11', ' ', false],
    ['anything at all', '', true],
    ['', '', true],
    [RESOURCE, 'resourcegroups/test.rg000001', true],
    [RESOURCE, '/resourcegroups/test.rg000001?', true],
    ['North America', 'North America', true],
    ['ClickBlockedByTenantPolicy', 'ClickBlocked', false],
  ])('%o has %o → %s', (l, r, expected) => {
    expect(hasTerm(l, r, false)).toBe(expected);
  });

  it.each([
    // §1.1: `_` separates terms; accented letters are term characters; digits join letters.
    ['a_b', 'a', true],
    ['éa', 'a', false],
    ['a1', 'a', false],
    ['a b c', 'b', true],
    ['', 'x', false],
    ['ClickBlocked', 'clickblocked', true],
    ['ClickAllowed', 'ClickBlocked', false],
  ])('%o has %o → %s', (l, r, expected) => {
    expect(hasTerm(l, r, false)).toBe(expected);
  });

  it('finds every term of the documented example', () => {
    const s = 'Kusto: ad67d136-c1db-4f9f-88ef-d94f3b6b0b5a;KustoExplorerQueryRun';
    for (const t of ['Kusto', 'ad67d136', 'c1db', '4f9f', '88ef', 'd94f3b6b0b5a', 'KustoExplorerQueryRun']) {
      expect(hasTerm(s, t, true)).toBe(true);
    }
    expect(hasTerm(s, 'Explorer', false)).toBe(false);
    expect(hasTerm(s, 'd94f3b6b', false)).toBe(false);
  });

  it.each([
    ['North America', 'america', false],
    ['North America', 'America', true],
    ['ClickBlocked', 'clickblocked', false],
  ])('has_cs: %o has_cs %o → %s', (l, r, expected) => {
    expect(hasTerm(l, r, true)).toBe(expected);
  });

  it('folds ASCII only in the case-insensitive form', () => {
    expect(hasTerm('ÉCOLE', 'école', false)).toBe(false);
    expect(asciiLower('ABC É')).toBe('abc É');
  });

  it('treats letters outside the BMP as term characters', () => {
    expect(hasTerm('x\u{1D400}a', 'a', false)).toBe(false); // MATHEMATICAL BOLD CAPITAL A is a letter
    expect(hasTerm('x\u{1F600}a', 'a', false)).toBe(true); // an emoji separates
  });
});

describe('has_any / has_all through the exported helper (kql-notes §1.4)', () => {
  const hasAny = (s: string, values: readonly (string | null)[]) => values.some((v) => hasTerm(s, v ?? '', false));
  const hasAll = (s: string, values: readonly (string | null)[]) => values.filter((v) => v !== null).every((v) => hasTerm(s, v!, false));
  it.each([
    ['North America', ['south', 'north'], true],
    ['code 42 here', ['42'], true],
    ['Example number 2', ['1', '2', '3'], true],
    ['anything', [], false],
    ['anything', [null], true],
    ['alpha beta', ['zz', null], true],
    ['ClickBlockedByTenantPolicy', ['ClickBlocked'], false],
    ['ClickBlocked', ['ClickBlocked'], true],
    ['value1_x', ['value1', 'value2'], true],
    ['xvalue1', ['value1', 'value2'], false],
  ])('%o has_any %o → %s', (s, values, expected) => {
    expect(hasAny(s, values)).toBe(expected);
  });
  it.each([
    ['North and South America', ['south', 'north'], true],
    ['alpha beta', ['alpha', 'beta'], true],
    ['alpha', ['alpha', 'beta'], false],
    ['anything', [], true],
    ['alpha beta', ['alpha', null], true],
    ['alpha beta', ['zz', null], false],
  ])('%o has_all %o → %s', (s, values, expected) => {
    expect(hasAll(s, values)).toBe(expected);
  });
});

describe('hasPrefix / hasSuffix (engine-measured rows)', () => {
  it.each([
    ['North America', 'ame', true],
    ['North America', 'mer', false],
    ['the error', 'err', true],
    ['x-error', 'err', true],
    ['x-error', '-err', true],
    ['err or', 'r o', false],
    ['err or', 'or', true],
    ['xa b', 'a ', false],
    ['a b', 'a ', true],
    ['x ab y', ' a', true],
    ['b .b-', ' ', true],
    ['abc', '', true],
  ])('%o hasprefix %o → %s', (l, r, expected) => {
    expect(hasPrefix(l, r, false)).toBe(expected);
  });
  it.each([
    ['North America', 'ica', true],
    ['an errorlog', 'or', false],
    ['erro', 'or', false],
    ['a_error', 'or', true],
    ['x ab y', ' a', false],
    ['xa b', 'a ', true],
    ['x-error', 'err', false],
    ['b .b-', ' ', true],
    ['abc', '', true],
  ])('%o hassuffix %o → %s', (l, r, expected) => {
    expect(hasSuffix(l, r, false)).toBe(expected);
  });
  it('has case-sensitive forms', () => {
    expect(hasPrefix('ERROR', 'ERR', true)).toBe(true);
    expect(hasPrefix('error', 'ERR', true)).toBe(false);
    expect(hasSuffix('ERROR', 'ERR', true)).toBe(false);
  });
});

describe('strlen', () => {
  it.each([
    ['hello', 5n],
    ['C\u0327edilla', 8n], // engine: the combining cedilla counts as a character
    ['⒦⒰⒮⒯⒪', 5n],
    ['\u{1F600}', 1n], // code points, not UTF-16 units (documented)
    ['', 0n],
  ])('strlen(%o) = %s', (s, n) => {
    expect(call('strlen', [s], ['string'])).toBe(n);
  });
  it('reads a dynamic as its text', () => {
    expect(call('strlen', ['x'], ['dynamic'])).toBe(1n);
    expect(call('strlen', [null], ['dynamic'])).toBe(null);
    expect(call('strlen', [[1n, 2n]], ['dynamic'])).toBe(5n); // "[1,2]"
  });
});

describe('substring', () => {
  it.each([
    ['123456', 1n, undefined, '23456'],
    ['123456', 2n, 2n, '34'],
    ['ABCD', 0n, 2n, 'AB'],
    ['123456', -2n, 2n, '56'],
    ['abcdefg', 1n, 3n, 'bcd'],
    ['abcdefg', 5n, 10n, 'fg'],
    ['abcdefg', 10n, 3n, ''],
    ['abcdefg', 1n, 0n, ''],
    ['abcdefg', 1n, -1n, ''],
    ['', 0n, 3n, ''],
    ['abc', 3n, 1n, ''],
    ['abcdefg', -3n, 2n, 'ef'],
    ['abcdefg', -3n, undefined, 'efg'],
    ['abcdefg', -3n, 10n, 'efg'],
    ['abc', -10n, 2n, ''],
    ['abc', -10n, undefined, ''],
    ['abcdefg', 2n, undefined, 'cdefg'],
    ['héllo', 1n, 3n, 'éll'],
  ])('substring(%o, %s, %s) = %o', (s, start, len, expected) => {
    const args = len === undefined ? [s, start] : [s, start, len];
    const types = len === undefined ? ['string', 'long'] as const : ['string', 'long', 'long'] as const;
    expect(call('substring', args, types)).toBe(expected);
  });
  it('gives "" for a null index and converts a non-string source', () => {
    expect(call('substring', ['abc', null, 1n], ['string', 'long', 'long'])).toBe('');
    expect(call('substring', [12345n, 1n, 2n], ['long', 'long', 'long'])).toBe('23');
    expect(call('substring', [12345, 1, 2], ['int', 'int', 'int'])).toBe('23');
  });
});

describe('indexof (engine results)', () => {
  it.each([
    [['abcdefg', 'cde'], 2n],
    [['abcdefg', 'cde', 1n, 4n], 2n],
    [['abcdefg', 'cde', 1n, 2n], 2n], // the match must only *start* inside the range
    [['abcdefg', 'cde', 3n, 4n], -1n],
    [['abcdefg', 'cde', -5n], 2n],
    [['abcdefg', 'cde', 2n, -1n], 2n],
    [['abcdefgabcdefg', 'cde', 1n, 10n, 2n], 9n],
    [['abcdefgabcdefg', 'cde', 1n, -1n, 3n], -1n],
    [['abc', 'x'], -1n],
    [['abc', 'b', 0n, -2n], null],
  ])('indexof%o = %s', (args, expected) => {
    const types = args.map((a) => (typeof a === 'string' ? 'string' : 'long') as 'string' | 'long');
    expect(call('indexof', args, types)).toBe(expected);
  });
  it('converts non-string arguments: indexof(1234567, 5, 1, 4) = 4', () => {
    expect(call('indexof', [1234567n, 5n, 1n, 4n], ['long', 'long', 'long', 'long'])).toBe(4n);
  });
});

describe('split', () => {
  it.each([
    ['aa_bb', '_', undefined, ['aa', 'bb']],
    ['aaa_bbb_ccc', '_', 1n, ['bbb']],
    ['', '_', undefined, ['']],
    ['a__b', '_', undefined, ['a', '', 'b']],
    ['aabbcc', 'bb', undefined, ['aa', 'cc']],
    ['a_b', '_', 5n, []],
  ])('split(%o, %o, %s)', (s, d, i, expected) => {
    const args = i === undefined ? [s, d] : [s, d, i];
    const types = i === undefined ? ['string', 'string'] as const : ['string', 'string', 'long'] as const;
    expect(call('split', args, types)).toEqual(expected);
  });
  it('splits the text of a dynamic string', () => {
    expect(call('split', ['x', 'x'], ['dynamic', 'string'])).toEqual(['', '']);
  });
});

describe('strcat / strcat_delim / strcat_array', () => {
  it('concatenates with tostring rules, nulls as ""', () => {
    expect(call('strcat', ['hello', ' ', 'world'], ['string', 'string', 'string'])).toBe('hello world');
    expect(call('strcat', ['Line 1\n', 'Line 2\n', 'Line 3'], ['string', 'string', 'string'])).toBe('Line 1\nLine 2\nLine 3');
    expect(call('strcat', ['x', null], ['string', 'int'])).toBe('x');
    expect(call('strcat', ['t=', 630822816456000000n], ['string', 'datetime'])).toBe('t=2000-01-01T00:00:45.6000000Z');
    expect(call('strcat', ['a', 'x', 'b'], ['string', 'dynamic', 'string'])).toBe('axb');
    expect(call('strcat', ['a', null, 'b'], ['string', 'dynamic', 'string'])).toBe('ab');
    expect(call('strcat', ['a', [1n, 2n]], ['string', 'dynamic'])).toBe('a[1,2]');
    expect(call('strcat', ['<', 864000000000n, '>'], ['string', 'timespan', 'string'])).toBe('<1.00:00:00>');
    expect(call('strcat', [true, 1.5, 3], ['bool', 'real', 'int'])).toBe('True1.53');
  });
  it('rejects more than 64 arguments', () => {
    expect(resultTypeOf('strcat', new Array(65).fill('string'))).toMatch(/64/);
    expect(resultTypeOf('strcat', new Array(64).fill('string'))).toBe('string');
  });
  it('strcat_delim keeps a null slot', () => {
    expect(call('strcat_delim', ['-', 'a', null, 'b'], ['string', 'string', 'int', 'string'])).toBe('a--b');
    expect(call('strcat_delim', ['-', 'a', null, 'b'], ['string', 'string', 'dynamic', 'string'])).toBe('a--b');
  });
  it('strcat_array joins element texts', () => {
    expect(call('strcat_array', [[1n, 2n, 3n], '->'], ['dynamic', 'string'])).toBe('1->2->3');
    expect(call('strcat_array', [[1n, 2n, 3n], '"'], ['dynamic', 'string'])).toBe('1"2"3');
    expect(call('strcat_array', [['Jane', 'John'], ','], ['dynamic', 'string'])).toBe('Jane,John');
  });
});

describe('tolower / toupper / reverse / isascii', () => {
  it.each([
    ['tolower', 'Hello World', 'hello world'],
    ['toupper', 'Hello World', 'HELLO WORLD'],
    ['toupper', 'straße', 'STRAßE'], // one character stays one character (.NET invariant)
    ['tolower', 'ÀÉÎ', 'àéî'],
    ['tolower', 'İ', 'i'],
  ])('%s(%o) = %o', (f, s, expected) => {
    expect(call(f, [s], ['string'])).toBe(expected);
  });
  it('reverse (engine examples)', () => {
    expect(call('reverse', ['ABCDEFGHIJKLMNOPQRSTUVWXYZ'], ['string'])).toBe('ZYXWVUTSRQPONMLKJIHGFEDCBA');
    expect(call('reverse', [12345n], ['long'])).toBe('54321');
    expect(call('reverse', [123.45], ['real'])).toBe('54.321');
    // datetime(2017-10-15 12:00) and 3h
    expect(call('reverse', [636436656000000000n], ['datetime'])).toBe('Z0000000.00:00:21T51-01-7102');
    expect(call('reverse', [108000000000n], ['timespan'])).toBe('00:00:30');
  });
  it('isascii', () => {
    expect(call('isascii', ['some string'], ['string'])).toBe(true);
    expect(call('isascii', ['héllo'], ['string'])).toBe(false);
  });
});

describe('replace_string / replace_regex', () => {
  it('replace_string replaces every occurrence', () => {
    expect(call('replace_string', ['A magic trick can turn a cat into a dog', 'cat', 'hamster'], ['string', 'string', 'string']))
      .toBe('A magic trick can turn a hamster into a dog');
    expect(call('replace_string', ['aaa', 'a', 'b'], ['string', 'string', 'string'])).toBe('bbb');
    expect(call('replace_string', ['abc', '', 'x'], ['string', 'string', 'string'])).toBe('abc');
  });
  it('replace_regex rewrites groups with \\N', () => {
    for (const n of [1, 2, 3]) {
      expect(call('replace_regex', [`Number is ${n}`, 'is (\\d+)', 'was: \\1'], ['string', 'string', 'string']))
        .toBe(`Number was: ${n}`);
    }
    expect(call('replace_regex', ['abc', 'b', '[\\0]'], ['string', 'string', 'string'])).toBe('a[b]c');
    expect(call('replace_regex', ['a.b.c', '\\.', '$'], ['string', 'string', 'string'])).toBe('a$b$c');
  });
});

describe('trim family (engine results)', () => {
  it.each([
    ['trim', '--', '--https://bing.com--', 'https://bing.com'],
    ['trim', '[^\\w]+', '-  Te st1// $', 'Te st1'],
    ['trim', '\\s+', '    Hello, world!    ', 'Hello, world!'],
    ['trim', '1', '10', '0'],
    ['trim', '1', '11', ''],
    ['trim', '1', '12', '2'],
    ['trim_start', 'https://', 'https://bing.com', 'bing.com'],
    ['trim_start', '\\s+', '    Hello, world!    ', 'Hello, world!    '],
    ['trim_end', '.com', 'bing.com', 'bing'],
  ])('%s(%o, %o) = %o', (f, re, s, expected) => {
    expect(call(f, [re, s], ['string', 'string'])).toBe(expected);
  });
});

describe('countof (engine results)', () => {
  it.each([
    ['aaaa', 'aa', undefined, 3n],
    ['aaaa', 'aa', 'normal', 3n],
    ['aaa', 'aa', undefined, 2n],
    ['abcabc', 'abc', undefined, 2n],
    ['aaaa', 'a', undefined, 4n],
    ['', 'a', undefined, 0n],
    ['ab', 'abc', undefined, 0n],
    ['AAAA', 'aa', undefined, 0n],
    ['abc', '', undefined, 0n],
    ['ααα', 'αα', undefined, 2n],
    ['aaaa', 'aa', 'regex', 2n],
    ['aaaa', 'a+', 'regex', 1n],
  ])('countof(%o, %o, %s) = %s', (s, search, kind, expected) => {
    const args = kind === undefined ? [s, search] : [s, search, kind];
    const types = kind === undefined ? ['string', 'string'] as const : ['string', 'string', 'string'] as const;
    expect(call('countof', args, types)).toBe(expected);
  });
});

describe('extract / extract_all (engine results)', () => {
  const A = 'User: James, Email: James@example.com, Age: 29';
  const B = 'User: David, Age: 35';
  it.each([
    ['User: ([^,]+)', 1n, A, 'James'],
    ['Email: (\\S+),', 1n, A, 'James@example.com'],
    ['\\d+', 0n, A, '29'],
    ['User: ([^,]+)', 1n, B, 'David'],
    ['Email: (\\S+),', 1n, B, ''],
    ['\\d+', 0n, B, '35'],
  ])('extract(%o, %s, …)', (re, g, s, expected) => {
    expect(call('extract', [re, g, s], ['string', 'long', 'string'])).toBe(expected);
  });
  it('converts to the named type', () => {
    expect(call('extract', ['-(\\d{2})-', 1n, '21-07-2023', 'int'], ['string', 'long', 'string', 'string'])).toBe(7);
    expect(call('extract', ['-(\\d{2})-', 1n, '15-12-2024', 'int'], ['string', 'long', 'string', 'string'])).toBe(12);
    expect(call('extract', ['x(\\d+)', 1n, 'none', 'long'], ['string', 'long', 'string', 'string'])).toBe(null);
    expect(extractResultType('int')).toBe('int');
    expect(extractResultType('nope')).toBe(undefined);
  });
  it('extract_all', () => {
    expect(call('extract_all', ['(\\d+)', 'a set of numbers: 123, 567 and 789'], ['string', 'string'])).toEqual(['123', '567', '789']);
    expect(call('extract_all', ['([\\da-f]{2})', '82b8be2d-dfa7-4bd1-8f63-24ad26d31449'], ['string', 'string']))
      .toEqual(['82', 'b8', 'be', '2d', 'df', 'a7', '4b', 'd1', '8f', '63', '24', 'ad', '26', 'd3', '14', '49']);
    expect(call('extract_all', ['(?P<first>\\w)(?P<middle>\\w+)(?P<last>\\w)', ['first', 2n, 'last'], '82b8be2d-dfa7-4bd1-8f63-24ad26d31449'],
      ['string', 'dynamic', 'string']))
      .toEqual([['8', '2b8be2', 'd'], ['d', 'fa', '7'], ['4', 'bd', '1'], ['8', 'f6', '3'], ['2', '4ad26d3144', '9']]);
    const P2 = '(?:^| )([a-z])([a-z]+)';
    expect(call('extract_all', ['(?:^| )([a-z]+)', ' test word'], ['string', 'string'])).toEqual(['test', 'word']);
    expect(call('extract_all', [P2, ' test word'], ['string', 'string'])).toEqual([['t', 'est'], ['w', 'ord']]);
    expect(call('extract_all', [P2, [2n, 1n], ' test word'], ['string', 'dynamic', 'string'])).toEqual([['est', 't'], ['ord', 'w']]);
    expect(call('extract_all', [P2, [1n, 5n], ' test word'], ['string', 'dynamic', 'string'])).toEqual(['t', 'w']);
    expect(call('extract_all', [P2, [], ' test word'], ['string', 'dynamic', 'string'])).toEqual([['t', 'est'], ['w', 'ord']]);
    expect(call('extract_all', ['(\\d+)', ' test word'], ['string', 'string'])).toBe(null);
    expect(() => call('extract_all', ['[a-z]+', ' test word'], ['string', 'string'])).toThrow(/capture groups/);
  });
  it('extract returns a string by signature', () => {
    expect(callTyped('extract', ['(a)', 1n, 'a'], ['string', 'long', 'string']).type).toBe('string');
  });
});
