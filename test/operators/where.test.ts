/** `where`: keeps rows whose predicate is true; null counts as false (kql-notes §11, §8). */
import { describe, expect, it } from 'vitest';
import { expectTable, queryError, run, splitInTwo, table } from '../helpers/table.js';

const T = table({
  Url: { type: 'string', values: ['a', 'b', '', 'c', 'a'] },
  ActionType: { type: 'string', values: ['ClickBlocked', 'ClickBlockedByTenantPolicy', 'ClickAllowed', 'clickblocked', 'UrlErrorPage'] },
  IsClickedThrough: { type: 'bool', values: [true, false, null, true, false] },
  x: { type: 'long', values: [1, 2, null, 4, 5] },
});
const tables = { T };
const cols = ['Url:string', 'ActionType:string', 'IsClickedThrough:bool', 'x:long'];

describe('where', () => {
  it('a bool column: null does not pass', async () => {
    expectTable(await run('T | where IsClickedThrough', tables), {
      columns: cols,
      rows: [['a', 'ClickBlocked', true, 1n], ['c', 'clickblocked', true, 4n]],
    });
  });

  it('not(null) is null, so the null row passes neither where b nor where not(b)', async () => {
    expectTable(await run('T | where not(IsClickedThrough) | project Url', tables), {
      columns: ['Url:string'], rows: [['b'], ['a']],
    });
  });

  it('IsClickedThrough == 1 keeps true rows; == 0 keeps false rows; null matches neither (kql-notes §8)', async () => {
    expectTable(await run('T | where IsClickedThrough == 1 | project x', tables), { columns: ['x:long'], rows: [[1n], [4n]] });
    expectTable(await run('T | where IsClickedThrough == 0 | project x', tables), { columns: ['x:long'], rows: [[2n], [5n]] });
    expectTable(await run('T | where IsClickedThrough == 2 | project x', tables), { columns: ['x:long'], rows: [] });
  });

  it('as a value, null == 1 is false, not null (kql-notes §8, §11: == with one null side → false)', async () => {
    expectTable(await run('T | project x, c = IsClickedThrough == 1', tables), {
      columns: ['x:long', 'c:bool'],
      rows: [[1n, true], [2n, false], [null, false], [4n, true], [5n, false]],
    });
  });

  it('an ordering comparison with null is null: the row is dropped', async () => {
    expectTable(await run('T | where x > 1 | project x', tables), { columns: ['x:long'], rows: [[2n], [4n], [5n]] });
    expectTable(await run('T | where x <= 4 | project x', tables), { columns: ['x:long'], rows: [[1n], [2n], [4n]] });
  });

  it('!= with exactly one null side is true, == is false (kql-notes §11)', async () => {
    expectTable(await run('T | where x != 2 | project Url', tables), { columns: ['Url:string'], rows: [['a'], [''], ['c'], ['a']] });
    expectTable(await run('T | where x == 2 | project Url', tables), { columns: ['Url:string'], rows: [['b']] });
  });

  it('strings are never null: the empty Url is "" and isnull is false for it', async () => {
    expectTable(await run('T | where Url == "" | project x', tables), { columns: ['x:long'], rows: [[null]] });
    expectTable(await run('T | where isempty(Url) | project x', tables), { columns: ['x:long'], rows: [[null]] });
    expectTable(await run('T | where isnull(Url) | project x', tables), { columns: ['x:long'], rows: [] });
  });

  it('has matches whole terms only, ignoring case (kql-notes §1.3)', async () => {
    expectTable(await run('T | where ActionType has "ClickBlocked" | project x', tables), {
      columns: ['x:long'], rows: [[1n], [4n]],
    });
  });

  it('== on strings is case-sensitive, =~ is not', async () => {
    expectTable(await run('T | where ActionType == "clickblocked" | project x', tables), { columns: ['x:long'], rows: [[4n]] });
    expectTable(await run('T | where ActionType =~ "clickblocked" | project x', tables), { columns: ['x:long'], rows: [[1n], [4n]] });
  });

  it('null and false → false; null or true → true', async () => {
    expectTable(await run('T | where IsClickedThrough or x == 5 | project x', tables), {
      columns: ['x:long'], rows: [[1n], [4n], [5n]],
    });
    // The null IsClickedThrough row: null and false → false, so not(…) is true and the row passes.
    expectTable(await run('T | where not(IsClickedThrough and Url == "zzz") | project x', tables), {
      columns: ['x:long'], rows: [[1n], [2n], [null], [4n], [5n]],
    });
  });

  it('all rows pass / no row passes', async () => {
    expectTable(await run('T | where true | count', tables), { columns: ['Count:long'], rows: [[5n]] });
    expectTable(await run('T | where x > 100', tables), { columns: cols, rows: [] });
  });

  it('works across several input batches', async () => {
    expectTable(await run('T | where IsClickedThrough == 1 | project x', { T: splitInTwo(T, 2) }), {
      columns: ['x:long'], rows: [[1n], [4n]],
    });
  });

  it('chained where clauses filter successively', async () => {
    expectTable(await run('T | where x > 1 | where Url != "b" | project x', tables), { columns: ['x:long'], rows: [[4n], [5n]] });
  });

  it('a non-bool predicate is a semantic error', async () => {
    expect((await queryError('T | where x', tables)).message).toBe("The 'where' predicate must be a bool, not a long.");
  });
});
