import { describe, expect, it } from 'vitest';
import { binaryOperators, compareNumbers } from '../../../src/engine/functions/operators.js';
import { translateRe2 } from '../../../src/engine/functions/regex.js';
import { op, opAccepts, opTyped } from './helpers.js';

const HOUR = 36_000_000_000n;
const DAY = 24n * HOUR;
const SECOND = 10_000_000n;
const EPOCH_1970 = 621355968000000000n;

describe('integer and real division (kql-notes §7)', () => {
  it.each([
    [7n, 2n, 3n],
    [-7n, 2n, -3n],
    [7n, -2n, -3n],
    [-7n, -2n, 3n],
    [-1n, 2n, 0n],
    [1n, 2n, 0n],
    [1n, 0n, null],
    [0n, 0n, null],
    [9223372036854775807n, 2n, 4611686018427387903n],
  ])('%s / %s = %s (long)', (a, b, expected) => {
    expect(opTyped('/', a, b, 'long', 'long')).toEqual({ value: expected, type: 'long' });
  });
  it('int / int is long', () => {
    expect(opTyped('/', 7, 2, 'int', 'int')).toEqual({ value: 3n, type: 'long' });
  });
  it.each([
    [1.0, 2n, 'real', 'long', 0.5],
    [7n, 2.0, 'long', 'real', 3.5],
    [7.5, 2n, 'real', 'long', 3.75],
    [-7.5, 2n, 'real', 'long', -3.75],
    [1.0, 0n, 'real', 'long', Infinity],
    [1.0, 0.0, 'real', 'real', Infinity],
    [-1.0, 0n, 'real', 'long', -Infinity],
    [0.0, 0.0, 'real', 'real', NaN],
  ] as const)('%s / %s (%s, %s) = %s', (a, b, ta, tb, expected) => {
    expect(opTyped('/', a, b, ta, tb)).toEqual({ value: expected, type: 'real' });
  });
  it('propagates nulls', () => {
    expect(op('/', null, 2n, 'long', 'long')).toBe(null);
    expect(op('/', 2n, null, 'long', 'long')).toBe(null);
    expect(op('+', null, 10n, 'long', 'long')).toBe(null);
  });
});

describe('modulo is never negative (kql-notes §7)', () => {
  it.each([
    [14n, 12n, 2n],
    [-14n, 12n, 10n],
    [14n, -12n, 2n],
    [-14n, -12n, 10n],
    [10n, 4n, 2n],
    [-10n, 4n, 2n],
    [10n, -4n, 2n],
    [-10n, -4n, 2n],
    [1n, 0n, null],
  ])('%s %% %s = %s', (a, b, expected) => {
    expect(op('%', a, b, 'long', 'long')).toBe(expected);
  });
  it('works on reals', () => {
    expect(op('%', 5.5, 2.0, 'real', 'real')).toBe(1.5);
    expect(op('%', -5.5, 2.0, 'real', 'real')).toBe(0.5);
  });
});

describe('arithmetic', () => {
  it('wraps long overflow like .NET', () => {
    expect(op('+', 9223372036854775807n, 1n, 'long', 'long')).toBe(-9223372036854775808n);
    expect(op('*', 4611686018427387904n, 2n, 'long', 'long')).toBe(-9223372036854775808n);
  });
  it('int + int is long, anything with a real is real', () => {
    expect(opTyped('+', 1, 2, 'int', 'int')).toEqual({ value: 3n, type: 'long' });
    expect(opTyped('+', 1, 2.5, 'int', 'real')).toEqual({ value: 3.5, type: 'real' });
    expect(opTyped('*', 2n, 2n, 'long', 'long')).toEqual({ value: 4n, type: 'long' });
  });
  it('datetime and timespan (kql-notes §6.4)', () => {
    const dt = 636824943310000000n; // 2019-01-07 21:45:31
    const diff = opTyped('-', dt, EPOCH_1970, 'datetime', 'datetime');
    expect(diff.type).toBe('timespan');
    expect(opTyped('/', diff.value, SECOND, 'timespan', 'timespan')).toEqual({ value: 1546897531.0, type: 'real' });
    expect(op('/', DAY, 5n * HOUR, 'timespan', 'timespan')).toBe(4.8);
    expect(opTyped('*', 1.5, HOUR, 'real', 'timespan')).toEqual({ value: 54_000_000_000n, type: 'timespan' });
    expect(opTyped('*', 5n, HOUR, 'long', 'timespan')).toEqual({ value: 5n * HOUR, type: 'timespan' });
    expect(opTyped('*', 5, 4n * SECOND, 'int', 'timespan')).toEqual({ value: 20n * SECOND, type: 'timespan' });
    expect(opTyped('+', EPOCH_1970, DAY, 'datetime', 'timespan')).toEqual({ value: EPOCH_1970 + DAY, type: 'datetime' });
    expect(opTyped('-', EPOCH_1970, DAY, 'datetime', 'timespan')).toEqual({ value: EPOCH_1970 - DAY, type: 'datetime' });
    expect(opTyped('+', HOUR, HOUR, 'timespan', 'timespan')).toEqual({ value: 2n * HOUR, type: 'timespan' });
    expect(op('/', 2n * HOUR, HOUR, 'timespan', 'timespan')).toBe(2);
    expect(op('-', 0n, DAY, 'datetime', 'timespan')).toBe(null); // before 0001-01-01
    expect(opAccepts('+', 'datetime', 'datetime')).toBe(false);
  });
});

describe('comparisons and nulls (kql-notes §11)', () => {
  it.each([
    ['>', null, 3n, null],
    ['==', 5n, null, false],
    ['!=', 5n, null, true],
    ['==', null, null, null],
    ['!=', null, null, null],
    ['<', null, null, null],
    ['<=', 5n, null, null],
    ['<>', 5n, null, true],
    ['==', 5n, 5n, true],
    ['<>', 5n, 5n, false],
    ['>=', 5n, 5n, true],
    ['<', 4n, 5n, true],
  ] as const)('%s with (%s, %s) → %s', (o, a, b, expected) => {
    expect(op(o, a, b, 'long', 'long')).toBe(expected);
  });
  it('compares numbers by value across int, long and real', () => {
    expect(op('==', 1n, 1.0, 'long', 'real')).toBe(true);
    expect(op('==', 1, 1n, 'int', 'long')).toBe(true);
    expect(op('<', 2, 2.5, 'int', 'real')).toBe(true);
    // Exact: 2^53 + 1 as a long is greater than the real 2^53.
    expect(op('==', 9007199254740993n, 9007199254740992.0, 'long', 'real')).toBe(false);
    expect(op('>', 9007199254740993n, 9007199254740992.0, 'long', 'real')).toBe(true);
    expect(op('<', 9007199254740992.0, 9007199254740993n, 'real', 'long')).toBe(true);
    expect(op('==', 1n, NaN, 'long', 'real')).toBe(false);
    expect(compareNumbers(3n, 2.5)).toBe(1);
    expect(compareNumbers(-3n, -2.5)).toBe(-1);
  });
  it('bool == number compares the bool as 0/1 (kql-notes §8)', () => {
    expect(op('==', true, 1n, 'bool', 'long')).toBe(true);
    expect(op('==', false, 0n, 'bool', 'long')).toBe(true);
    expect(op('==', true, 2n, 'bool', 'long')).toBe(false);
    expect(op('==', false, 1n, 'bool', 'long')).toBe(false);
    expect(op('==', null, 1n, 'bool', 'long')).toBe(false);
    expect(op('!=', true, 1n, 'bool', 'long')).toBe(false);
    expect(op('==', 1, true, 'int', 'bool')).toBe(true);
  });
  it('compares datetimes, timespans, bools, guids', () => {
    expect(op('<', EPOCH_1970, EPOCH_1970 + 1n, 'datetime', 'datetime')).toBe(true);
    expect(op('>', 10n * SECOND, HOUR, 'timespan', 'timespan')).toBe(false);
    expect(op('<', false, true, 'bool', 'bool')).toBe(true);
    expect(op('==', '12e8b78d-55b4-46ae-b068-26d7a0080254', '12e8b78d-55b4-46ae-b068-26d7a0080254', 'guid', 'guid')).toBe(true);
  });
  it('compares strings ordinally and case-sensitively; =~ folds ASCII', () => {
    expect(op('==', 'aBc', 'aBc', 'string', 'string')).toBe(true);
    expect(op('==', 'abc', 'ABC', 'string', 'string')).toBe(false);
    expect(op('=~', 'abc', 'ABC', 'string', 'string')).toBe(true);
    expect(op('!~', 'abc', 'ABD', 'string', 'string')).toBe(true);
    expect(op('!~', 'abc', 'ABC', 'string', 'string')).toBe(false);
    expect(op('<', 'B', 'a', 'string', 'string')).toBe(true);
    expect(op('=~', 'é', 'É', 'string', 'string')).toBe(false);
  });
  it('refuses string vs long and dynamic vs dynamic', () => {
    expect(opAccepts('==', 'string', 'long')).toBe(false);
    expect(opAccepts('==', 'dynamic', 'dynamic')).toBe(false);
    expect(opAccepts('<', 'dynamic', 'string')).toBe(false);
    expect(opAccepts('==', 'dynamic', 'string')).toBe(true);
  });
  it('converts a dynamic operand to the other side (engine-measured)', () => {
    expect(op('==', 'x', 'x', 'dynamic', 'string')).toBe(true);
    expect(op('!=', 'x', 'x', 'dynamic', 'string')).toBe(false);
    expect(op('==', 'x', 'y', 'dynamic', 'string')).toBe(false);
    expect(op('==', null, '', 'dynamic', 'string')).toBe(true);
    expect(op('!=', null, '', 'dynamic', 'string')).toBe(false);
    expect(op('==', null, 'x', 'dynamic', 'string')).toBe(false);
    expect(op('==', 'x', 1n, 'dynamic', 'long')).toBe(false);
    expect(op('>', 5n, 3n, 'dynamic', 'long')).toBe(true);
    expect(op('==', 1.5, 1.5, 'dynamic', 'real')).toBe(true);
    expect(op('<', 2n, 1n, 'long', 'dynamic')).toBe(false);
    expect(op('==', true, true, 'dynamic', 'bool')).toBe(true);
  });
});

describe('string operators (kql-notes §2)', () => {
  it.each([
    ['contains', 'FabriKam', 'BRik', true],
    ['contains_cs', 'FabriKam', 'BRik', false],
    ['!contains', 'FabriKam', 'xyz', true],
    ['endswith', 'Fabrikam', 'Kam', true],
    ['endswith_cs', 'Fabrikam', 'Kam', false],
    ['startswith', 'Fabrikam', 'fab', true],
    ['!startswith_cs', 'Fabrikam', 'fab', true],
    ['startswith_cs', 'Fabrikam', 'Fab', true],
    ['!endswith', 'Fabrikam', 'kam', false],
    ['matches regex', 'Fabrikam', 'b.*k', true],
    ['has', 'North America', 'america', true],
    ['!has', 'North America', 'amer', true],
    ['has_cs', 'North America', 'america', false],
    ['!has_cs', 'North America', 'america', true],
    ['hasprefix', 'North America', 'ame', true],
    ['!hasprefix', 'North America', 'mer', true],
    ['hasprefix_cs', 'North America', 'ame', false],
    ['!hasprefix_cs', 'North America', 'Ame', false],
    ['hassuffix', 'North America', 'ICA', true],
    ['hassuffix_cs', 'North America', 'ICA', false],
    ['!hassuffix', 'North America', 'ica', false],
    ['!hassuffix_cs', 'North America', 'ica', false],
    ['contains', 'user_id', 'user_id', true],
    ['contains', '100%', '%', true],
    ['startswith', 'a_b', 'a_', true],
  ] as const)('%o %s %o → %s', (o, l, r, expected) => {
    expect(opTyped(o, l, r, 'string', 'string')).toEqual({ value: expected, type: 'bool' });
  });
  it('reads a dynamic left operand as its text (engine-measured)', () => {
    expect(op('startswith', 'x', 'x', 'dynamic', 'string')).toBe(true);
    expect(op('endswith', 'x', 'x', 'dynamic', 'string')).toBe(true);
    expect(op('matches regex', 'x', '^x$', 'dynamic', 'string')).toBe(true);
    expect(op('=~', 'x', 'X', 'dynamic', 'string')).toBe(true);
    expect(op('!~', 'x', 'X', 'dynamic', 'string')).toBe(false);
    expect(op('contains', 'x', 'x', 'dynamic', 'string')).toBe(true);
    expect(op('has', 'x', 'x', 'dynamic', 'string')).toBe(true);
    expect(op('contains', 'x', '"', 'dynamic', 'string')).toBe(false);
    // A dynamic null reads as "": the positive forms are false, the negated ones true.
    expect(op('contains', null, 'x', 'dynamic', 'string')).toBe(false);
    expect(op('!contains', null, 'x', 'dynamic', 'string')).toBe(true);
    expect(op('!hasprefix', null, 'err', 'dynamic', 'string')).toBe(true);
  });
  it('accepts a dynamic right operand except for the term operators', () => {
    expect(op('contains', 'x', 'x', 'string', 'dynamic')).toBe(true);
    expect(op('startswith', 'x', 'x', 'string', 'dynamic')).toBe(true);
    expect(opAccepts('has', 'string', 'dynamic')).toBe(false);
    expect(opAccepts('has', 'long', 'string')).toBe(false);
  });
  it('has a signature for every binary operator of the AST but and/or', () => {
    const ops = [
      '==', '!=', '<', '<=', '>', '>=', '=~', '!~', '<>', '+', '-', '*', '/', '%',
      'has', '!has', 'has_cs', '!has_cs', 'hasprefix', '!hasprefix', 'hasprefix_cs', '!hasprefix_cs',
      'hassuffix', '!hassuffix', 'hassuffix_cs', '!hassuffix_cs', 'contains', '!contains', 'contains_cs',
      '!contains_cs', 'startswith', '!startswith', 'startswith_cs', '!startswith_cs', 'endswith',
      '!endswith', 'endswith_cs', '!endswith_cs', 'matches regex',
    ];
    expect([...binaryOperators()].sort()).toEqual([...ops].sort());
  });
});

describe('matches regex: RE2 semantics in JS', () => {
  const m = (s: string, re: string) => op('matches regex', s, re, 'string', 'string');
  it.each([
    ['a\nc', 'a.c', false], // RE2 `.` excludes only \n …
    ['a\rc', 'a.c', true], // … while JS's also excludes \r
    ['a\u000bb', 'a\\sb', false], // RE2 \s has no \v
    ['a b', 'a\\sb', true],
    ['a.b', '\\Qa.b\\E', true],
    ['axb', '\\Qa.b\\E', false],
    ['ABC', '(?i)abc', true],
    ['ABC', 'abc', false],
    ['héllo', '^\\pL+$', true],
    ['123', '^[[:digit:]]+$', true],
    ['12a', '^[[:digit:]]+$', false],
    ['abc', '\\Aabc\\z', true],
    ['a-b', 'a\\-b', true],
    ['a{b', 'a{b', true],
    ['a}b', 'a}b', true],
    ['aa', 'a{2}', true],
    ['x=1', '(?P<k>\\w)=(\\d)', true],
    ['A', '\\x{41}', true],
    ['a#b', 'a\\#b', true],
    ['a]b', 'a]b', true],
    ['a]b', '[]a]+b', true],
  ])('%o matches regex %o → %s', (s, re, expected) => {
    expect(m(s, re)).toBe(expected);
  });
  it.each([
    ['a(?=b)', /^Not supported: lookaround/],
    ['(?<!a)b', /^Not supported: lookaround/],
    ['(a)\\1', /^Not supported: backreferences/],
    ['a(?i:b)', /^Not supported:/],
    ['(?U)a+', /^Not supported:/],
    ['\\C', /^Not supported:/],
  ])('refuses %o', (re, message) => {
    expect(() => m('ab', re)).toThrow(message);
  });
  it('records capture groups', () => {
    expect(translateRe2('(a)(?:b)(?P<c>c)').groups).toEqual([undefined, 'c']);
  });
});
