import { describe, expect, it } from 'vitest';
import { parseQuery } from '../../src/parser/index.js';
import { prepareQuery } from '../../src/engine/prepare.js';
import { scannedRows } from '../helpers/table.js';

const FILE = 'test/fixtures/seed/actions.csv';
const ctx = { now: 0n };

async function prepare(query: string) {
  return prepareQuery(parseQuery(query), { UrlClickEvents: FILE }, ctx);
}

describe('prepareQuery: projection pushdown', () => {
  it('skips the string columns a query does not name when its result cannot carry them', async () => {
    const { tables } = await prepare('UrlClickEvents | summarize n = count() by Url, ActionType');
    // Typed columns (datetime, bool) are still read so that a bad value in them is reported.
    expect(tables.get('UrlClickEvents')!.schema.map((f) => f.name)).toEqual(
      ['Timestamp', 'Url', 'ActionType', 'IsClickedThrough', 'TimeGenerated']);
  });

  it('still reports a bad value in a column the query does not name', async () => {
    await expect(prepareQuery(parseQuery('UrlClickEvents | count'), { UrlClickEvents: 'test/fixtures/pushdown/bad-timestamp.csv' }, ctx))
      .rejects.toThrow("column 'Timestamp' (datetime): cannot read 'yesterday' as a datetime.");
  });

  it('loads every column when the result passes columns through unnamed', async () => {
    const { tables, bound } = await prepare('UrlClickEvents | where ActionType == "ClickBlocked"');
    const loaded = tables.get('UrlClickEvents')!.schema.map((f) => f.name);
    expect(loaded).toContain('Timestamp');
    expect(bound.results[0].plan.schema.map((f) => f.name)).toEqual(loaded);
  });

  it('loads every column for distinct * (fewer columns would merge rows)', async () => {
    const { tables } = await prepare('UrlClickEvents | distinct * | count');
    expect(tables.get('UrlClickEvents')!.schema.length).toBeGreaterThan(3);
  });

  it('does not load tables the query does not read', async () => {
    const { tables } = await prepareQuery(parseQuery('print 1'), { UrlClickEvents: FILE }, ctx);
    expect(tables.size).toBe(0);
  });

  it('gives the same rows with and without pushdown', async () => {
    const narrow = await prepare('UrlClickEvents | summarize n = count() by Url');
    const rows = scannedRows(narrow.tables.get('UrlClickEvents')!).length;
    const wide = await prepare('UrlClickEvents | where true');
    expect(scannedRows(wide.tables.get('UrlClickEvents')!).length).toBe(rows);
  });
});
