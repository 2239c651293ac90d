/** `serialize` and the window functions it allows (prev, next, row_number, row_cumsum, ranks, sessions). */
import { describe, expect, it } from 'vitest';
import { expectTable, queryError, run, splitInTwo, table } from '../helpers/table.js';

const T = table({
  g: { type: 'string', values: ['a', 'a', 'b', 'b', 'b'] },
  v: { type: 'long', values: [5, 5, 7, 9, 9] },
  r: { type: 'real', values: [0.5, 1, 1.5, 2, 2.5] },
});
const tables = { T };

// Expected columns worked out by hand from the rows above, in their input order.
const cases: [string, string, (bigint | number | string | null)[]][] = [
  ['serialize x = prev(v)', 'x:long', [null, 5n, 5n, 7n, 9n]],
  ['serialize x = prev(v, 2)', 'x:long', [null, null, 5n, 5n, 7n]],
  ['serialize x = prev(v, 1, long(-1))', 'x:long', [-1n, 5n, 5n, 7n, 9n]],
  ['serialize x = next(v)', 'x:long', [5n, 7n, 9n, 9n, null]],
  ['serialize x = next(g, 3, "none")', 'x:string', ['b', 'b', 'none', 'none', 'none']],
  ['serialize x = row_number()', 'x:long', [1n, 2n, 3n, 4n, 5n]],
  ['serialize x = row_number(0)', 'x:long', [0n, 1n, 2n, 3n, 4n]],
  ['serialize x = row_number(1, g != prev(g))', 'x:long', [1n, 2n, 1n, 2n, 3n]],
  ['serialize x = row_cumsum(v)', 'x:long', [5n, 10n, 17n, 26n, 35n]],
  ['serialize x = row_cumsum(r, g != prev(g))', 'x:real', [0.5, 1.5, 1.5, 3.5, 6]],
  ['serialize x = row_rank_dense(v)', 'x:long', [1n, 1n, 2n, 3n, 3n]],
  ['serialize x = row_rank_min(v)', 'x:long', [1n, 1n, 3n, 4n, 4n]],
  ['serialize x = row_rank_min(v, g != prev(g))', 'x:long', [1n, 1n, 1n, 2n, 2n]],
];

describe('window functions', () => {
  it.each(cases)('%s', async (op, column, values) => {
    expectTable(await run(`T | ${op} | project x`, tables), { columns: [column], rows: values.map((x) => [x]), ordered: true });
  });

  it('see the rows across input batches as one sequence', async () => {
    expectTable(await run('T | serialize x = prev(v), n = next(v), k = row_number() | project x, n, k', { T: splitInTwo(T, 2) }), {
      columns: ['x:long', 'n:long', 'k:long'],
      rows: [[null, 5n, 1n], [5n, 7n, 2n], [5n, 9n, 3n], [7n, 9n, 4n], [9n, null, 5n]],
      ordered: true,
    });
  });

  it('are allowed after sort, and in where and project', async () => {
    expectTable(await run('T | sort by r asc | where prev(v) == v | project g, k = row_number()', tables), {
      columns: ['g:string', 'k:long'],
      rows: [['a', 1n], ['b', 2n]],
      ordered: true,
    });
  });

  it('row_window_session: a session ends at or beyond 1h from its start or 5m from the previous row', async () => {
    const S = table({ t: { type: 'datetime', values: [
      '2024-01-01T10:00:00Z', '2024-01-01T10:04:00Z', '2024-01-01T10:09:00Z', '2024-01-01T10:13:00Z',
      null, '2024-01-01T10:14:00Z', '2024-01-01T11:10:00Z', '2024-01-01T11:14:59Z',
    ] } });
    expectTable(await run('S | serialize s = row_window_session(t, 1h, 5m) | project s', { S }), {
      columns: ['s:datetime'],
      rows: [
        ['2024-01-01T10:00:00.0000000Z'], ['2024-01-01T10:00:00.0000000Z'], ['2024-01-01T10:09:00.0000000Z'],
        ['2024-01-01T10:09:00.0000000Z'], [null], ['2024-01-01T10:14:00.0000000Z'], ['2024-01-01T11:10:00.0000000Z'],
        ['2024-01-01T11:10:00.0000000Z'],
      ],
      ordered: true,
    });
  });

  it.each([
    ['T | extend x = row_number()', "The function 'row_number' needs a serialized row set"],
    ['T | summarize by g | extend x = prev(g)', "The function 'prev' needs a serialized row set"],
    ['T | serialize | summarize count() by prev(g)', "The function 'prev' needs a serialized row set"],
    // How the engine converts a default of another type is not documented.
    ['T | serialize x = prev(v, 1, "a")', 'Not supported: prev() of a column of type long with a default value of type string.'],
    ['T | serialize x = next(v, 1, int(0))', 'Not supported: next() of a column of type long with a default value of type int.'],
    ['T | serialize x = prev(v, -1)', 'Not supported: prev() with a negative offset.'],
    ['T | serialize x = prev(v, v)', "Argument 2 of 'prev' must be a constant."],
  ])('%s is refused', async (query, message) => {
    expect((await queryError(query, tables)).message).toContain(message);
  });

  it('refuses a null term of row_cumsum (what the engine does with it is not documented)', async () => {
    const N = table({ v: { type: 'long', values: [1, null] } });
    expect((await queryError('N | serialize x = row_cumsum(v)', { N })).message).toBe('Not supported: row_cumsum() over a null value.');
  });

  it.each(['row_rank_dense', 'row_rank_min'])('refuses a NaN term of %s (whether NaN equals NaN there is not documented)', async (f) => {
    const N = table({ v: { type: 'real', values: [1, NaN, NaN] } });
    expect((await queryError(`N | serialize x = ${f}(v)`, { N })).message).toBe(`Not supported: ${f}() over a NaN value.`);
  });
});
