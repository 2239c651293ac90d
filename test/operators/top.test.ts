/**
 * `top N by key [asc|desc] [nulls first|last]` (dx `query/top-operator.md`): the first N rows in sort order, with
 * sort's defaults (descending; nulls first when ascending, last when descending). Expected rows are worked out by hand.
 */
import { describe, expect, it } from 'vitest';
import { expectTable, queryError, run, splitInTwo, table } from '../helpers/table.js';

const T = table({
  AccountUpn: { type: 'string', values: ['alice@contoso.com', 'bob@contoso.com', 'carol@contoso.com', 'dave@contoso.com', 'erin@contoso.com', 'frank@contoso.com'] },
  Clicks: { type: 'long', values: [7, null, 3, 12, 1, 5] },
  Rate: { type: 'real', values: [0.5, 0.25, null, 1.0, 0.75, 0.125] },
});
const tables = { T };
const COLUMNS = ['AccountUpn:string', 'Clicks:long', 'Rate:real'];

describe('top', () => {
  it('top 3 by a key: the three largest, descending, every column kept', async () => {
    expectTable(await run('T | top 3 by Clicks', tables), {
      columns: COLUMNS,
      rows: [['dave@contoso.com', 12n, 1.0], ['alice@contoso.com', 7n, 0.5], ['frank@contoso.com', 5n, 0.125]],
      ordered: true,
    });
  });

  it.each([
    ['top 2 by Clicks desc', ['dave', 'alice']],
    ['top 2 by Clicks asc', ['bob', 'erin']],
    ['top 2 by Clicks asc nulls last', ['erin', 'carol']],
    ['top 2 by Clicks desc nulls first', ['bob', 'dave']],
    ['top 4 by Rate', ['dave', 'erin', 'alice', 'bob']],
    ['top 2 by Rate asc', ['carol', 'frank']],
    ['top 2 by strlen(AccountUpn) asc, AccountUpn desc', ['bob', 'erin']],
    ['top 2 by Clicks * Rate', ['dave', 'alice']],
  ])('T | %s', async (clause, expected) => {
    expectTable(await run(`T | ${clause} | project User = tostring(split(AccountUpn, "@")[0])`, tables), {
      columns: ['User:string'], rows: expected.map((u) => [u]), ordered: true,
    });
  });

  it('N larger than the input: every row, sorted (nulls last when descending)', async () => {
    expectTable(await run('T | top 10 by Clicks | project AccountUpn', tables), {
      columns: ['AccountUpn:string'],
      rows: [['dave@contoso.com'], ['alice@contoso.com'], ['frank@contoso.com'], ['carol@contoso.com'], ['erin@contoso.com'], ['bob@contoso.com']],
      ordered: true,
    });
  });

  it('top 0 gives no rows and keeps the schema', async () => {
    expectTable(await run('T | top 0 by Clicks', tables), { columns: COLUMNS, rows: [] });
  });

  it('an empty input gives no rows', async () => {
    expectTable(await run('T | where Clicks > 100 | top 3 by Clicks', tables), { columns: COLUMNS, rows: [] });
  });

  it('picks across batches', async () => {
    expectTable(await run('T | top 2 by Clicks | project Clicks', { T: splitInTwo(T, 3) }), {
      columns: ['Clicks:long'], rows: [[12n], [7n]], ordered: true,
    });
  });

  it('after summarize, as in the corpus top-10 queries', async () => {
    const C = table({
      u: { type: 'string', values: ['a', 'b', 'a', 'c', 'a', 'c'] },
    });
    expectTable(await run('C | summarize count() by u | top 2 by count_', { C }), {
      columns: ['u:string', 'count_:long'], rows: [['a', 3n], ['c', 2n]], ordered: true,
    });
  });

  it('a negative count is a semantic error', async () => {
    expect((await queryError('T | top -1 by Clicks', tables)).message).toBe("'top' needs a non-negative row count.");
  });
});
