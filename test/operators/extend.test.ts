/** `extend`: new columns at the end, replaced columns in place, later items see earlier ones. */
import { describe, expect, it } from 'vitest';
import { expectTable, queryError, run, splitInTwo, table } from '../helpers/table.js';

const T = table({
  Url: { type: 'string', values: ['a', 'b', 'c'] },
  x: { type: 'long', values: [1, null, 3] },
  ActionType: { type: 'string', values: ['ClickBlocked', 'ClickBlockedByTenantPolicy', 'UrlScanInProgress'] },
});
const tables = { T };

describe('extend', () => {
  it('appends a computed column; null propagates through arithmetic', async () => {
    expectTable(await run('T | project Url, x | extend y = x * 10', tables), {
      columns: ['Url:string', 'x:long', 'y:long'],
      rows: [['a', 1n, 10n], ['b', null, null], ['c', 3n, 30n]],
    });
  });

  it('replaces an existing column in place, with its new type', async () => {
    expectTable(await run('T | project x, Url | extend x = strcat("#", tostring(x))', tables), {
      columns: ['x:string', 'Url:string'],
      rows: [['#1', 'a'], ['#', 'b'], ['#3', 'c']],
    });
  });

  it('later items refer to earlier ones, including a replaced column', async () => {
    expectTable(await run('T | project x | extend x = x + 1, y = x * 2, z = y - x', tables), {
      columns: ['x:long', 'y:long', 'z:long'],
      rows: [[2n, 4n, 2n], [null, null, null], [4n, 8n, 4n]],
    });
  });

  it('works the same over several input batches', async () => {
    expectTable(await run('T | project Url, x | extend x = x + 1, y = x * 2', { T: splitInTwo(T, 1) }), {
      columns: ['Url:string', 'x:long', 'y:long'],
      rows: [['a', 2n, 4n], ['b', null, null], ['c', 4n, 8n]],
    });
  });

  it('unnamed expressions become Column1, Column2', async () => {
    expectTable(await run('T | project x | extend x + 1, x * 1.5', tables), {
      columns: ['x:long', 'Column1:long', 'Column2:real'],
      rows: [[1n, 2n, 1.5], [null, null, null], [3n, 4n, 4.5]],
    });
  });

  it('a constant fills every row', async () => {
    expectTable(await run('T | project Url | extend k = "K", n = 7', tables), {
      columns: ['Url:string', 'k:string', 'n:long'],
      rows: [['a', 'K', 7n], ['b', 'K', 7n], ['c', 'K', 7n]],
    });
  });

  it('has_any gives bools by whole-term matching (query (2)\'s extends)', async () => {
    expectTable(await run('T | project ActionType | extend UrlBlocked = ActionType has_any("ClickBlocked"), Pending = ActionType has_any(\'urlscaninprogress\')', tables), {
      columns: ['ActionType:string', 'UrlBlocked:bool', 'Pending:bool'],
      rows: [
        ['ClickBlocked', true, false],
        ['ClickBlockedByTenantPolicy', false, false],
        ['UrlScanInProgress', false, true],
      ],
    });
  });

  it('iff with a null condition takes the else branch (kql-notes §9.2)', async () => {
    expectTable(await run('T | project x | extend big = iff(x > 1, "big", "small")', tables), {
      columns: ['x:long', 'big:string'],
      rows: [[1n, 'small'], [null, 'small'], [3n, 'big']],
    });
  });

  it('on an empty input gives no rows but the extended schema', async () => {
    expectTable(await run('T | where x > 100 | project x | extend y = x + 1', tables), { columns: ['x:long', 'y:long'], rows: [] });
  });

  it('an unknown column in a later item is reported at its position', async () => {
    const err = await queryError('T | extend a = x, b = Missing + 1', tables);
    expect(err.message).toBe("Unknown column 'Missing'.");
    expect(err.at).toBe('1:23');
  });
});
