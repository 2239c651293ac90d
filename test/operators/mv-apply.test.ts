/**
 * `mv-apply` (dx `query/mv-apply-operator.md`; conformance cases mv-apply-operator-01…07):
 * - each input row is expanded as by mv-expand, the subquery runs over that subtable alone, and the
 *   results are concatenated in input order; the subquery sees the row's other columns too;
 * - output columns (Microsoft's analyzer): the input's columns less those an expansion replaced
 *   (a column expanded under its own name), each taken from the subquery's result when it has a
 *   column of that name, then the subquery's other columns.
 */
import { describe, expect, it } from 'vitest';
import { expectTable, queryError, run, table } from '../helpers/table.js';

const T = table({
  id: { type: 'long', values: [1, 2, 3] },
  arr: { type: 'dynamic', values: [[3n, 1n, 2n], [5n], [4n, 9n]] },
  tag: { type: 'string', values: ['a', 'b', 'c'] },
});
const tables = { T };

describe('mv-apply', () => {
  it.each([
    {
      what: 'top 1 per row; the column expanded under its own name moves after the kept ones',
      query: 'T | mv-apply arr to typeof(long) on (top 1 by arr)',
      columns: ['id:long', 'tag:string', 'arr:long'],
      rows: [[1n, 'a', 3n], [2n, 'b', 5n], [3n, 'c', 9n]],
    },
    {
      what: 'summarize per row; a renamed expansion keeps the source column',
      query: 'T | mv-apply x = arr to typeof(long) on (summarize total = sum(x), n = count())',
      columns: ['id:long', 'arr:dynamic', 'tag:string', 'total:long', 'n:long'],
      rows: [[1n, '[3,1,2]', 'a', 6n, 3n], [2n, '[5]', 'b', 5n, 1n], [3n, '[4,9]', 'c', 13n, 2n]],
    },
    {
      what: 'with_itemindex is a column of the subtable',
      query: 'T | mv-apply with_itemindex = i x = arr to typeof(long) on (where i > 0) | project id, x, i',
      columns: ['id:long', 'x:long', 'i:long'],
      rows: [[1n, 1n, 1n], [1n, 2n, 2n], [3n, 9n, 1n]],
    },
    {
      what: 'the subquery sees the outer columns, and a column it redefines keeps its place',
      query: 'T | mv-apply x = arr to typeof(long) on (summarize tag = max(strcat(tag, x)))',
      columns: ['id:long', 'arr:dynamic', 'tag:string'],
      rows: [[1n, '[3,1,2]', 'a3'], [2n, '[5]', 'b5'], [3n, '[4,9]', 'c9']],
    },
    {
      what: 'limit caps the rows of each subtable',
      query: 'T | mv-apply x = arr limit 2 on (summarize c = count()) | project id, c',
      columns: ['id:long', 'c:long'],
      rows: [[1n, 2n], [2n, 1n], [3n, 2n]],
    },
    {
      what: 'a row whose subquery returns nothing is gone',
      query: 'T | mv-apply x = arr to typeof(long) on (where x > 4) | project id, x',
      columns: ['id:long', 'x:long'],
      rows: [[2n, 5n], [3n, 9n]],
    },
    {
      what: 'results come in input order, each subquery result in its own order',
      query: 'T | mv-apply x = arr to typeof(long) on (sort by x asc) | project id, x',
      columns: ['id:long', 'x:long'],
      rows: [[1n, 1n], [1n, 2n], [1n, 3n], [2n, 5n], [3n, 4n], [3n, 9n]],
      ordered: true,
    },
  ])('$what', async ({ query, columns, rows, ordered }) => {
    expectTable(await run(query, tables), { columns, rows, ordered });
  });

  it('a name the subtable lacks is an error at its place in the subquery', async () => {
    const e = await queryError('T | mv-apply x = arr on (where nope > 1)', tables);
    expect(e.name).toBe('SemanticError');
    expect(e.spanText).toBe('nope');
  });
});
