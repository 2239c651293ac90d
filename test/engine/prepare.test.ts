import { describe, expect, it } from 'vitest';
import { parseQuery } from '../../src/parser/index.js';
import { prepareQuery } from '../../src/engine/prepare.js';
import { tableRows } from '../../src/engine/batch.js';

const FILE = 'test/fixtures/seed/actions.csv';
const ctx = { now: 0n };

async function prepare(query: string) {
  return prepareQuery(parseQuery(query), { UrlClickEvents: FILE }, ctx);
}

describe('prepareQuery: projection pushdown', () => {
  it('loads only the columns a query names when its result cannot carry others', async () => {
    const { tables } = await prepare('UrlClickEvents | summarize n = count() by Url, ActionType');
    expect(tables.get('UrlClickEvents')!.schema.map((f) => f.name)).toEqual(['Url', 'ActionType']);
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
    const rows = tableRows(narrow.tables.get('UrlClickEvents')!).length;
    const wide = await prepare('UrlClickEvents | where true');
    expect(tableRows(wide.tables.get('UrlClickEvents')!).length).toBe(rows);
  });
});
