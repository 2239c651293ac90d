/**
 * `sort by` / `order by` (kql-notes §11; dx `query/sort-operator.md`): default descending; nulls first when
 * ascending, last when descending; `nulls first|last` overrides; null and NaN are grouped together, and their
 * relative order follows the nulls property (the doc's table: nulls first → `null, NaN, …`; nulls last →
 * `…, NaN, null`). Expected orders below are worked out by hand.
 */
import { describe, expect, it } from 'vitest';
import { expectTable, queryError, run, splitInTwo, table } from '../helpers/table.js';

// Keys are distinct except where a test says otherwise, so every expected order is total.
const T = table({
  k: { type: 'string', values: ['a', 'b', 'c', 'd', 'e'] },
  n: { type: 'long', values: [20, null, 5, 40, 10] },
  t: {
    type: 'datetime',
    values: ['2026-07-03T00:00:00Z', '2026-07-01T12:00:00Z', null, '2026-07-01T11:59:59.9999999Z', '2026-07-02T00:00:00Z'],
  },
  ok: { type: 'bool', values: [true, false, null, false, true] },
});
const tables = { T };

const column = (values: readonly string[]) => values.map((v) => [v]);

describe('sort', () => {
  it.each([
    ['sort by n', ['d', 'a', 'e', 'c', 'b']],
    ['sort by n desc', ['d', 'a', 'e', 'c', 'b']],
    ['sort by n asc', ['b', 'c', 'e', 'a', 'd']],
    ['order by n asc', ['b', 'c', 'e', 'a', 'd']],
    ['sort by n asc nulls last', ['c', 'e', 'a', 'd', 'b']],
    ['sort by n desc nulls first', ['b', 'd', 'a', 'e', 'c']],
    ['sort by n nulls first', ['b', 'd', 'a', 'e', 'c']],
    ['sort by t', ['a', 'e', 'b', 'd', 'c']],
    ['sort by t asc', ['c', 'd', 'b', 'e', 'a']],
    ['sort by k', ['e', 'd', 'c', 'b', 'a']],
    ['sort by k asc', ['a', 'b', 'c', 'd', 'e']],
    // bool: false < true; the null goes last when descending.
    ['sort by ok, k asc', ['a', 'e', 'b', 'd', 'c']],
    ['sort by ok asc, k desc', ['c', 'd', 'b', 'e', 'a']],
    // A key may be an expression.
    ['sort by n * -1 asc', ['b', 'd', 'a', 'e', 'c']],
    ['sort by strlen(k) asc, k desc', ['e', 'd', 'c', 'b', 'a']],
  ])('T | %s | project k', async (clause, expected) => {
    expectTable(await run(`T | ${clause} | project k`, tables), { columns: ['k:string'], rows: column(expected), ordered: true });
  });

  it('keeps every column, in input order, and moves whole rows', async () => {
    expectTable(await run('T | sort by n asc', tables), {
      columns: ['k:string', 'n:long', 't:datetime', 'ok:bool'],
      rows: [
        ['b', null, '2026-07-01T12:00:00.0000000Z', false],
        ['c', 5n, null, null],
        ['e', 10n, '2026-07-02T00:00:00.0000000Z', true],
        ['a', 20n, '2026-07-03T00:00:00.0000000Z', true],
        ['d', 40n, '2026-07-01T11:59:59.9999999Z', false],
      ],
      ordered: true,
    });
  });

  it('ties on the first key are ordered by the second', async () => {
    const G = table({
      g: { type: 'string', values: ['x', 'y', 'x', 'y', 'x'] },
      v: { type: 'long', values: [1, 2, 3, 4, 5] },
    });
    expectTable(await run('G | sort by g asc, v desc', { G }), {
      columns: ['g:string', 'v:long'],
      rows: [['x', 5n], ['x', 3n], ['x', 1n], ['y', 4n], ['y', 2n]],
      ordered: true,
    });
  });

  it('sorts rows that arrive in several batches as one input', async () => {
    expectTable(await run('T | sort by n asc nulls last | project k', { T: splitInTwo(T, 2) }), {
      columns: ['k:string'], rows: column(['c', 'e', 'a', 'd', 'b']), ordered: true,
    });
  });

  it('sorts rows selected by a where', async () => {
    expectTable(await run('T | where ok | sort by n | project k, n', tables), {
      columns: ['k:string', 'n:long'], rows: [['a', 20n], ['e', 10n]], ordered: true,
    });
  });

  it('an empty input gives no rows and keeps the schema', async () => {
    expectTable(await run('T | where n > 100 | sort by n', tables), {
      columns: ['k:string', 'n:long', 't:datetime', 'ok:bool'], rows: [],
    });
  });

  it('a take after a sort keeps the first rows in sort order', async () => {
    expectTable(await run('T | sort by n | take 2 | project k', tables), {
      columns: ['k:string'], rows: column(['d', 'a']), ordered: true,
    });
  });

  it('an unknown column is a semantic error', async () => {
    const e = await queryError('T | sort by nope', tables);
    expect(e.name).toBe('SemanticError');
    expect(e.spanText).toBe('nope');
  });
});

/*
 * The doc's special-values table (dx `query/sort-operator.md`, "Using special floating-point values"):
 *   asc,  nulls first: null, NaN, -inf, -5, 0, 5, +inf      desc, nulls first: null, NaN, +inf, 5, 0, -5, -inf
 *   asc,  nulls last:  -inf, -5, 0, 5, +inf, NaN, null      desc, nulls last:  +inf, 5, 0, -5, -inf, NaN, null
 * (the doc lists -inf only in the ascending rows; its place in the descending ones follows from the order).
 * The input lists null before NaN in one table and after it in the other, so keeping input order is not enough.
 */
describe('sort over null, NaN and infinities', () => {
  const values = [5, null, NaN, -Infinity, 0, Infinity, -5];
  const names = ['5', 'null', 'NaN', '-inf', '0', '+inf', '-5'];
  const nullFirst = table({ name: { type: 'string', values: names }, r: { type: 'real', values } });
  const nanFirst = table({
    name: { type: 'string', values: ['NaN', '0', 'null', '+inf', '-5', '-inf', '5'] },
    r: { type: 'real', values: [NaN, 0, null, Infinity, -5, -Infinity, 5] },
  });

  const CASES: readonly (readonly [string, readonly string[]])[] = [
    ['r asc', ['null', 'NaN', '-inf', '-5', '0', '5', '+inf']],
    ['r asc nulls first', ['null', 'NaN', '-inf', '-5', '0', '5', '+inf']],
    ['r asc nulls last', ['-inf', '-5', '0', '5', '+inf', 'NaN', 'null']],
    ['r desc', ['+inf', '5', '0', '-5', '-inf', 'NaN', 'null']],
    ['r', ['+inf', '5', '0', '-5', '-inf', 'NaN', 'null']],
    ['r desc nulls first', ['null', 'NaN', '+inf', '5', '0', '-5', '-inf']],
  ];
  const sorted = async (N: typeof nullFirst, keys: string): Promise<string[]> =>
    (await run(`N | sort by ${keys} | project name`, { N })).table.batches.flatMap((b) => {
      const r = b.columns[0].reader();
      return Array.from({ length: b.length }, (_, i) => r(i) as string);
    });

  it.each(CASES)('sort by %s: numbers in order, null and NaN together at the nulls end', async (keys, expected) => {
    const group = (xs: readonly string[]) => xs.map((x) => (x === 'null' || x === 'NaN' ? 'null|NaN' : x));
    for (const N of [nullFirst, nanFirst]) expect(group(await sorted(N, keys))).toEqual(group(expected));
  });

  it('null before NaN with nulls first, NaN before null with nulls last, whatever the input order', async () => {
    for (const [keys, expected] of CASES) {
      for (const N of [nullFirst, nanFirst]) expect([keys, await sorted(N, keys)]).toEqual([keys, expected]);
    }
  });
});
