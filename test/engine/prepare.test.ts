import { describe, expect, it } from 'vitest';
import { parseQuery } from '../../src/parser/index.js';
import { tableRows } from '../../src/engine/batch.js';
import { prepareQuery } from '../../src/engine/prepare.js';
import { runQuery } from '../../src/engine/run.js';
import { cellsOf, scannedRows } from '../helpers/table.js';

const FILE = 'test/fixtures/seed/actions.csv';
const BAD = 'test/fixtures/pushdown/bad-timestamp.csv';
const ctx = { now: 0n };

async function prepare(query: string) {
  return prepareQuery(parseQuery(query), { UrlClickEvents: FILE }, ctx);
}

describe('prepareQuery: projection pushdown', () => {
  it('reads only the columns a query names or its result carries', async () => {
    const { tables } = await prepare('UrlClickEvents | summarize n = count() by Url, ActionType');
    expect(tables.get('UrlClickEvents')!.schema.map((f) => f.name)).toEqual(['Url', 'ActionType']);
  });

  it('does not check a column the query does not need; a query naming it fails on its bad value', async () => {
    const tables = { UrlClickEvents: BAD };
    const [counted] = await runQuery('UrlClickEvents | count', { tables, now: 0n });
    expect(tableRows(counted.table)).toEqual([[2n]]);
    await expect(runQuery('UrlClickEvents | summarize min(Timestamp)', { tables, now: 0n }))
      .rejects.toThrow("bad-timestamp.csv:3: column 'Timestamp' (datetime): cannot read 'yesterday' as a datetime.");
  });

  it('checks every typed column when bad rows are skipped, so the same rows go whatever the query', async () => {
    const { tables } = await prepareQuery(parseQuery('UrlClickEvents | count'), { UrlClickEvents: { path: BAD, options: { skipBadRows: true } } }, ctx);
    expect(tables.get('UrlClickEvents')!.schema.map((f) => f.name)).toContain('Timestamp');
    expect(scannedRows(tables.get('UrlClickEvents')!)).toHaveLength(1);
  });

  it('keeps the columns it is asked to keep (a look-back filter\'s time column)', async () => {
    const { tables } = await prepareQuery(parseQuery('UrlClickEvents | count'), { UrlClickEvents: FILE }, ctx, { keepColumns: ['TimeGenerated'] });
    expect(tables.get('UrlClickEvents')!.schema.map((f) => f.name)).toEqual(['TimeGenerated']);
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

  it('reads a file with its load options (a table given as { path, options })', async () => {
    const tables = { UrlClickEvents: { path: FILE, options: { aliases: { Time: 'Timestamp' } } } };
    const [r] = await runQuery('UrlClickEvents | summarize first = min(Time), last = max(Time), n = count()', { tables, now: 0n });
    // The seven rows of actions.csv are one an hour from 2024-03-10 00:00 UTC.
    expect(cellsOf(r.table).rows).toEqual([['2024-03-10T00:00:00.0000000Z', '2024-03-10T06:00:00.0000000Z', 7n]]);
  });
});
