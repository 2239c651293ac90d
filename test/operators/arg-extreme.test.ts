/**
 * `arg_max` / `arg_min` in summarize (dx `query/arg-max-aggregation-function.md`; kql-notes §4.2–4.3; conformance
 * case arg-max-aggregation-function-02): per group, the row where the expression is largest (smallest);
 * `arg_max(x, *) by k` → `k, x, <the other columns in input order>`; `arg_max(x, c1, c2)` → `x, c1, c2`; a null never
 * wins over a value, and a group of nulls still gives a row. Groups below have no ties.
 */
import { describe, expect, it } from 'vitest';
import { cellsOf, expectTable, run, splitInTwo, table } from '../helpers/table.js';

const T = table({
  k: { type: 'string', values: ['a', 'a', 'a', 'b', 'b', 'c'] },
  t: { type: 'datetime', values: ['2026-07-01T00:00:00Z', '2026-07-03T00:00:00Z', null, '2026-07-02T00:00:00Z', null, null] },
  v: { type: 'long', values: [1, 2, 9, 4, 3, 6] },
  s: { type: 'string', values: ['p', 'q', 'z', 's', 'r', 'u'] },
});
const tables = { T };
const D1 = '2026-07-01T00:00:00.0000000Z';
const D2 = '2026-07-02T00:00:00.0000000Z';
const D3 = '2026-07-03T00:00:00.0000000Z';

describe('arg_max / arg_min', () => {
  it('arg_max(t, *) by k: k, t, then the other columns; null t loses; an all-null group still gives its row', async () => {
    expectTable(await run('T | summarize arg_max(t, *) by k', tables), {
      columns: ['k:string', 't:datetime', 'v:long', 's:string'],
      rows: [['a', D3, 2n, 'q'], ['b', D2, 4n, 's'], ['c', null, 6n, 'u']],
    });
  });

  it('arg_min(t, *) by k', async () => {
    expectTable(await run('T | summarize arg_min(t, *) by k', tables), {
      columns: ['k:string', 't:datetime', 'v:long', 's:string'],
      rows: [['a', D1, 1n, 'p'], ['b', D2, 4n, 's'], ['c', null, 6n, 'u']],
    });
  });

  it.each([
    ['arg_max(v, s)', [['a', 9n, 'z'], ['b', 4n, 's'], ['c', 6n, 'u']]],
    ['arg_min(v, s)', [['a', 1n, 'p'], ['b', 3n, 'r'], ['c', 6n, 'u']]],
  ])('%s by k returns only the columns asked for', async (agg, rows) => {
    expectTable(await run(`T | summarize ${agg} by k`, tables), { columns: ['k:string', 'v:long', 's:string'], rows });
  });

  it('a name given to arg_max names its first column', async () => {
    expectTable(await run('T | summarize Latest = arg_max(t, s) by k', tables), {
      columns: ['k:string', 'Latest:datetime', 's:string'],
      rows: [['a', D3, 'q'], ['b', D2, 's'], ['c', null, 'u']],
    });
  });

  it('without by: one row, the expression first, then every other column', async () => {
    expectTable(await run('T | summarize arg_max(v, *)', tables), {
      columns: ['v:long', 'k:string', 't:datetime', 's:string'], rows: [[9n, 'a', null, 'z']],
    });
    expectTable(await run('T | summarize arg_min(v, *)', tables), {
      columns: ['v:long', 'k:string', 't:datetime', 's:string'], rows: [[1n, 'a', D1, 'p']],
    });
  });

  it('beside another aggregate, in written order after the keys', async () => {
    expectTable(await run('T | summarize n = count(), arg_max(t, v) by k', tables), {
      columns: ['k:string', 'n:long', 't:datetime', 'v:long'],
      rows: [['a', 3n, D3, 2n], ['b', 2n, D2, 4n], ['c', 1n, null, 6n]],
    });
  });

  it('keeps the winner when groups span batches', async () => {
    expectTable(await run('T | summarize arg_max(v, s) by k', { T: splitInTwo(T, 2) }), {
      columns: ['k:string', 'v:long', 's:string'], rows: [['a', 9n, 'z'], ['b', 4n, 's'], ['c', 6n, 'u']],
    });
  });

  it('empty input: with by no rows; without by one row of nulls ("" for strings)', async () => {
    expectTable(await run('T | where v > 100 | summarize arg_max(v, *) by k', tables), {
      columns: ['k:string', 'v:long', 't:datetime', 's:string'], rows: [],
    });
    expectTable(await run('T | where v > 100 | summarize arg_max(v, *)', tables), {
      columns: ['v:long', 'k:string', 't:datetime', 's:string'], rows: [[null, '', null, '']],
    });
  });

  it('the conformance case arg-max-aggregation-function-02', async () => {
    const q = `datatable(Fruit: string, Color: string, Version: int) [
    "Apple", "Red", 1,
    "Apple", "Green", int(null),
    "Banana", "Yellow", int(null),
    "Banana", "Green", int(null),
    "Pear", "Brown", 1,
    "Pear", "Green", 2,
]
| summarize arg_max(Version, *) by Fruit`;
    const r = await run(q);
    expect(r.table.schema.map((f) => `${f.name}:${f.type}`)).toEqual(['Fruit:string', 'Version:int', 'Color:string']);
    // Banana's versions are all null: Kusto returned its first row; which row is not documented, so only the
    // groups with a value are pinned.
    const { rows } = cellsOf(r.table);
    expect(rows).toHaveLength(3);
    expect(rows.filter((row) => row[0] !== 'Banana')).toEqual(expect.arrayContaining([['Apple', 1, 'Red'], ['Pear', 2, 'Green']]));
    expect(rows.filter((row) => row[0] === 'Banana').map((row) => row[1])).toEqual([null]);
  });
});
