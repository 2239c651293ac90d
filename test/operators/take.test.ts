/** `take` / `limit`: at most N rows. */
import { describe, expect, it } from 'vitest';
import { cellsOf, expectTable, queryError, run, splitInTwo, table } from '../helpers/table.js';

const T = table({ x: { type: 'long', values: [1, 2, 3, 4] } });
const all = [[1n], [2n], [3n], [4n]];

describe('take', () => {
  it('fewer rows than exist: exactly N rows, all from the input', async () => {
    const rows = cellsOf((await run('T | take 2', { T })).table).rows;
    expect(rows).toHaveLength(2);
    for (const r of rows) expect(all).toContainEqual(r);
    expect(new Set(rows.map((r) => r[0])).size).toBe(2);
  });

  it('more rows than exist: every row', async () => {
    expectTable(await run('T | take 10', { T }), { columns: ['x:long'], rows: all });
  });

  it('exactly as many rows as exist', async () => {
    expectTable(await run('T | take 4', { T }), { columns: ['x:long'], rows: all });
  });

  it('take 0 gives no rows but keeps the schema', async () => {
    expectTable(await run('T | take 0', { T }), { columns: ['x:long'], rows: [] });
  });

  it('limit is the same operator', async () => {
    expectTable(await run('T | limit 3 | count', { T }), { columns: ['Count:long'], rows: [[3n]] });
  });

  it('counts rows across batches', async () => {
    expectTable(await run('T | take 3 | count', { T: splitInTwo(T, 2) }), { columns: ['Count:long'], rows: [[3n]] });
  });

  it('takes from rows already selected by a where', async () => {
    const rows = cellsOf((await run('T | where x > 1 | take 2', { T })).table).rows;
    expect(rows).toHaveLength(2);
    for (const r of rows) expect([[2n], [3n], [4n]]).toContainEqual(r);
  });

  it('on an empty input gives no rows', async () => {
    expectTable(await run('T | where x > 10 | take 5', { T }), { columns: ['x:long'], rows: [] });
  });

  it('a negative count is a semantic error', async () => {
    expect((await queryError('T | take -1', { T })).message).toBe("'take' needs a non-negative row count.");
  });
});
