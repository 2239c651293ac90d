/**
 * Default names of unnamed expressions in project, distinct, mv-expand and extend: the k-th unnamed expression is
 * Column<k>, and a name met again gets a numeric suffix (project, distinct) or replaces the column
 * (mv-expand); in extend an unnamed expression takes the first ColumnN free in the input and earlier
 * unnamed ones, and the later of two same-named assignments wins. Expected names as Microsoft's analyzer gives them (@kusto/language-service-next 12.4.1).
 */
import { describe, expect, it } from 'vitest';
import type { Table } from '../../src/engine/batch.js';
import { checkQuery } from '../../src/engine/run.js';

const U: Table = { schema: [{ name: 'a', type: 'long' }, { name: 'b', type: 'long' }], batches: [] };
const T: Table = { schema: [{ name: 'a', type: 'long' }, { name: 'b', type: 'long' }, { name: 'Column1', type: 'long' }], batches: [] };

describe('default column names', () => {
  it.each([
    ['T | project a + 1, b + 1, c = 3, a * 2', 'Column1,Column2,c,Column3'],
    ['T | project Column1, a + 1', 'Column1,Column11'],
    ['T | project a + 1, Column1', 'Column1,Column11'],
    ['T | project a, tostring(a)', 'a,a1'],
    ['T | project Column3 = 1, a + 1, b + 1, a * 3', 'Column3,Column1,Column2,Column31'],
    ['T | distinct a + 1, b + 1, Column1', 'Column1,Column2,Column11'],
    ['T | distinct Column1, a + 1', 'Column1,Column11'],
    ['T | mv-expand pack_array(a)', 'a,b,Column1'],
    ['T | mv-expand x = pack_array(a), pack_array(b)', 'a,b,Column1,x'],
    ['T | extend a + 1, Column2 = 3, b + 1', 'a,b,Column1,Column2,Column3'],
    ['U | extend Column1 = 1, a + 1', 'a,b,Column1'],
    ['U | extend a + 1, Column2 = 3, b + 1', 'a,b,Column1,Column2'],
    ['U | extend Column2 = 1, a + 1, b + 1', 'a,b,Column2,Column1'],
    ['U | extend Column3 = 0, a+1, a+2, a+3', 'a,b,Column3,Column1,Column2'],
    ['U | extend x = 1, a + 1, b + 1', 'a,b,x,Column1,Column2'],
    ['U | extend Column1 = 1 | extend a + 1', 'a,b,Column1,Column2'],
  ])('%s → %s', async (query, names) => {
    const [r] = await checkQuery(query, { tables: { T, U } });
    expect(r.schema.map((f) => f.name).join(',')).toBe(names);
  });

  it.each(['T | project x = 1, x = 2', 'T | project a, a'])('%s: a name written twice is an error', async (query) => {
    await expect(checkQuery(query, { tables: { T } })).rejects.toThrow(/appears twice in 'project'/);
  });
});
