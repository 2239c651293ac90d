/** `summarize`: groups, aggregates, null keys, empty input (kql-notes §4). */
import { describe, expect, it } from 'vitest';
import { expectTable, queryError, run, splitInTwo, table } from '../helpers/table.js';

const T = table({
  Url: { type: 'string', values: ['a', 'a', 'b', '', 'a', 'b'] },
  k: { type: 'long', values: [1, null, 1, null, 2, 1] },
  ok: { type: 'bool', values: [true, null, false, true, true, null] },
  y: { type: 'long', values: [10, 20, null, 40, 50, 60] },
  Timestamp: {
    type: 'datetime',
    values: ['2024-03-01T10:00:00Z', '2024-03-01T23:59:59.9999999Z', '2024-03-02T00:00:00Z', '2024-03-02T05:00:00Z', '2024-03-03T01:00:00Z', null],
  },
});
const tables = { T };

describe('summarize', () => {
  it('count and sum by a string key; "" is a group of its own', async () => {
    expectTable(await run('T | summarize n = count(), s = sum(y) by Url', tables), {
      columns: ['Url:string', 'n:long', 's:long'],
      rows: [['a', 3n, 80n], ['b', 2n, 60n], ['', 1n, 40n]],
    });
  });

  it('null keys form one group', async () => {
    expectTable(await run('T | summarize n = count() by k', tables), {
      columns: ['k:long', 'n:long'],
      rows: [[1n, 3n], [null, 2n], [2n, 1n]],
    });
  });

  it('countif counts true only: null and false are not counted', async () => {
    expectTable(await run('T | summarize c = countif(ok), all = count()', tables), {
      columns: ['c:long', 'all:long'], rows: [[3n, 6n]],
    });
  });

  it('countif per group, default name countif_ok', async () => {
    expectTable(await run('T | summarize countif(ok) by Url', tables), {
      columns: ['Url:string', 'countif_ok:long'],
      rows: [['a', 2n], ['b', 0n], ['', 1n]],
    });
  });

  it('count(x) counts null values too; sum, min, max skip them (kql-notes §4.3)', async () => {
    expectTable(await run('T | summarize count(y), sum(y), min(y), max(y) by Url', tables), {
      columns: ['Url:string', 'count_y:long', 'sum_y:long', 'min_y:long', 'max_y:long'],
      rows: [['a', 3n, 80n, 10n, 50n], ['b', 2n, 60n, 60n, 60n], ['', 1n, 40n, 40n, 40n]],
    });
  });

  it('several keys, by-columns first in by order', async () => {
    expectTable(await run('T | summarize n = count() by Url, ok', tables), {
      columns: ['Url:string', 'ok:bool', 'n:long'],
      rows: [['a', true, 2n], ['a', null, 1n], ['b', false, 1n], ['b', null, 1n], ['', true, 1n]],
    });
  });

  it('by bin(Timestamp, 1d): the key keeps the name Timestamp; a null datetime is its own group', async () => {
    expectTable(await run('T | summarize n = count() by bin(Timestamp, 1d)', tables), {
      columns: ['Timestamp:datetime', 'n:long'],
      rows: [
        ['2024-03-01T00:00:00.0000000Z', 2n],
        ['2024-03-02T00:00:00.0000000Z', 2n],
        ['2024-03-03T00:00:00.0000000Z', 1n],
        [null, 1n],
      ],
    });
  });

  it('make_set gives a dynamic array of distinct non-null values', async () => {
    expectTable(await run('T | where Url == "b" | summarize make_set(y)', tables), {
      columns: ['set_y:dynamic'], rows: [['[60]']],
    });
  });

  it('avg is real', async () => {
    expectTable(await run('T | where Url == "a" | summarize avg(y)', tables), {
      columns: ['avg_y:real'], rows: [[(10 + 20 + 50) / 3]],
    });
  });

  it('a group whose values are all null: count() and count(x) count rows, the others give their empty results (kql-notes §4.3)', async () => {
    const N = table({
      g: { type: 'string', values: ['n', 'n', 'v'] },
      y: { type: 'long', values: [null, null, 7] },
    });
    expectTable(await run('N | summarize count(), count(y), sum(y), avg(y), min(y), dcount(y), make_set(y) by g', { N }), {
      columns: ['g:string', 'count_:long', 'count_y:long', 'sum_y:long', 'avg_y:real', 'min_y:long', 'dcount_y:long', 'set_y:dynamic'],
      rows: [['n', 2n, 2n, 0n, NaN, null, 0n, '[]'], ['v', 1n, 1n, 7n, 7, 7n, 1n, '[7]']],
    });
  });

  it('groups rows selected by a where (string key read through the selection)', async () => {
    expectTable(await run('T | where ok | summarize n = count() by Url', tables), {
      columns: ['Url:string', 'n:long'], rows: [['a', 2n], ['', 1n]],
    });
  });

  it('empty input without by: one row of defaults (kql-notes §4.3)', async () => {
    expectTable(await run(
      'T | where y > 1000 | summarize count(), countif(ok), sum(y), avg(y), min(y), max(y), dcount(y), make_set(y), make_list(y), stdev(y), take_any(y)',
      tables,
    ), {
      columns: [
        'count_:long', 'countif_ok:long', 'sum_y:long', 'avg_y:real', 'min_y:long', 'max_y:long', 'dcount_y:long',
        'set_y:dynamic', 'list_y:dynamic', 'stdev_y:real', 'y:long',
      ],
      rows: [[0n, 0n, 0n, NaN, null, null, 0n, '[]', '[]', 0, null]],
    });
  });

  it('empty input with by: zero rows', async () => {
    expectTable(await run('T | where y > 1000 | summarize count() by Url', tables), {
      columns: ['Url:string', 'count_:long'], rows: [],
    });
  });

  it('a table with no batches behaves as empty input', async () => {
    const empty = { schema: T.schema, batches: [] };
    expectTable(await run('T | summarize count()', { T: empty }), { columns: ['count_:long'], rows: [[0n]] });
    expectTable(await run('T | summarize count() by Url', { T: empty }), { columns: ['Url:string', 'count_:long'], rows: [] });
  });

  it('keeps group state across input batches', async () => {
    expectTable(await run('T | summarize n = count(), c = countif(ok) by Url', { T: splitInTwo(T, 3) }), {
      columns: ['Url:string', 'n:long', 'c:long'],
      rows: [['a', 3n, 2n], ['b', 2n, 0n], ['', 1n, 1n]],
    });
  });

  it('a column outside an aggregate is a semantic error at the column', async () => {
    const e = await queryError('T | summarize y by Url', tables);
    expect(e.message).toBe("The column 'y' can be used in 'summarize' only inside an aggregate function (such as take_any(y)).");
    expect(e.spanText).toBe('y');
  });
});

/**
 * Expressions over aggregate results. Default names follow Microsoft's analyzer: a function that
 * passes its argument's name on passes the aggregate's (`round(avg(a), 2)` → avg_a,
 * `strlen(tostring(max(k)))` → strlen_max_k); anything else is ColumnN, N counting this operator's
 * unnamed columns (keys first), then made unique (`Column1 = count(), count() * 2` → Column11).
 */
describe('summarize: expressions over aggregates', () => {
  const S = table({
    k: { type: 'string', values: ['x', 'x', 'y'] },
    a: { type: 'long', values: [1, 2, 5] },
    b: { type: 'long', values: [10, 10, 20] },
  });
  it.each([
    ['S | summarize count() * 2', ['Column1:long'], [[6n]]],
    ['S | summarize round(avg(a), 2)', ['avg_a:real'], [[2.67]]],
    ['S | summarize tostring(make_set(k))', ['set_k:string'], [['["x","y"]']]],
    ['S | summarize dcount(a) + dcount(b)', ['Column1:long'], [[5n]]],
    ['S | summarize sum(a) * 1.5', ['Column1:real'], [[12]]],
    ['S | summarize strlen(tostring(max(k)))', ['strlen_max_k:long'], [[1n]]],
    ['S | summarize tostring(max(a)), max(a)', ['max_a:string', 'max_a1:long'], [['5', 5n]]],
    ['S | summarize Column1 = count(), count() * 2', ['Column1:long', 'Column11:long'], [[3n, 6n]]],
    ['S | summarize n = count() * 10, m = max(a) - min(a) by k', ['k:string', 'n:long', 'm:long'], [['x', 20n, 1n], ['y', 10n, 0n]]],
    ['S | summarize count() * 2 by a + 1', ['Column1:long', 'Column2:long'], [[2n, 2n], [3n, 2n], [6n, 2n]]],
    ['S | summarize iff(count() > 1, "many", "few") by k', ['k:string', 'Column1:string'], [['x', 'many'], ['y', 'few']]],
    ['S | summarize 1', ['Column1:long'], [[1n]]],
    ['S | where a > 100 | summarize count() * 2, dcount(a) + 1', ['Column1:long', 'Column2:long'], [[0n, 1n]]],
  ])('%s', async (query, columns, rows) => {
    expectTable(await run(query, { S }), { columns, rows });
  });

  it.each([
    ['S | summarize a + count()', "The column 'a' can be used in 'summarize' only inside an aggregate function (such as take_any(a)).", 'a'],
    ['S | summarize arg_max(a, *) * 2', "'arg_max' returns several columns; it cannot be part of an expression.", 'arg_max(a, *)'],
  ])('%s is an error', async (query, message, spanText) => {
    expect(await queryError(query, { S })).toMatchObject({ name: 'SemanticError', message, spanText });
  });
});
