import { describe, expect, it } from 'vitest';
import { hasTerm } from '../../../src/engine/functions/strings.js';
import { aggregate, aggregateAll } from './helpers.js';

describe('count', () => {
  it('counts rows per group, nulls included', () => {
    const rows = [[1n], [null], [3n], [null], [5n]];
    expect(aggregate('count', [], rows.map(() => []), [0, 1, 0, 1, 1], 2)).toEqual({ values: [2n, 3n], type: 'long' });
    expect(aggregate('count', ['long'], rows, [0, 1, 0, 1, 1], 2).values).toEqual([2n, 3n]);
  });
  it('count(y) over one null and one value is 2 (engine result)', () => {
    expect(aggregateAll('count', ['real'], [[null], [5.0]]).values).toEqual([2n]);
  });
  it('gives 0 for empty groups and empty input', () => {
    expect(aggregate('count', [], [[]], [1], 3).values).toEqual([0n, 1n, 0n]);
    expect(aggregateAll('count', [], []).values).toEqual([0n]);
  });
});

describe('countif', () => {
  it('counts only true (false and null are not counted)', () => {
    const rows = [[true], [false], [null], [true], [true]];
    expect(aggregate('countif', ['bool'], rows, [0, 0, 0, 1, 0], 3)).toEqual({ values: [2n, 1n, 0n], type: 'long' });
  });
  it('refuses a non-bool predicate', () => {
    expect(() => aggregateAll('countif', ['long'], [[1n]])).toThrow();
  });
  it('gives 0 on empty input', () => {
    expect(aggregateAll('countif', ['bool'], []).values).toEqual([0n]);
  });
  it('counts the strlen(name) > 4 example (engine result)', () => {
    const names = ['John', 'Paul', 'George', 'Ringo'];
    expect(aggregateAll('countif', ['bool'], names.map((n) => [n.length > 4])).values).toEqual([2n]);
  });
});

describe('target query (2): countif over has_any per Url (kql-notes §4.4)', () => {
  const rows: [string, string, boolean | null][] = [
    ['a', 'ClickBlocked', false],
    ['a', 'ClickBlocked', true],
    ['a', 'ClickAllowed', false],
    ['b', 'ClickBlockedByTenantPolicy', false],
    ['b', 'UrlScanInProgress', false],
    ['b', 'UrlErrorPage', false],
    ['c', 'ClickAllowed', null],
  ];
  const groups = rows.map(([url]) => ['a', 'b', 'c'].indexOf(url));
  const countIf = (pred: (r: [string, string, boolean | null]) => boolean | null) =>
    aggregate('countif', ['bool'], rows.map((r) => [pred(r)]), groups, 3).values;
  it('gives the worked table', () => {
    expect(countIf(([, a]) => hasTerm(a, 'ClickBlocked', false))).toEqual([2n, 0n, 0n]);
    expect(countIf(([, a]) => hasTerm(a, 'ClickAllowed', false))).toEqual([1n, 0n, 1n]);
    expect(countIf(([, a]) => hasTerm(a, 'UrlScanInProgress', false))).toEqual([0n, 1n, 0n]);
    expect(countIf(([, a]) => hasTerm(a, 'UrlErrorPage', false))).toEqual([0n, 1n, 0n]);
    expect(countIf(([, , c]) => c)).toEqual([1n, 0n, 0n]);
  });
});
