// The README's example of testing a hunt with the library (keep the two in step).
import { describe, expect, it } from 'vitest';
import { checkQuery, runQuery, tableRows } from '../../dist/index.js';

describe('URL clicks actions by URL', () => {
  const query = `UrlClickEvents
    | summarize Blocked = countif(ActionType has_any ("ClickBlocked")) by Url`;
  const tables = { UrlClickEvents: 'test/fixtures/seed/actions.csv' };

  it('has the schema the dashboards expect', async () => {
    const [result] = await checkQuery(query, { tables });
    expect(result.schema).toEqual([{ name: 'Url', type: 'string' }, { name: 'Blocked', type: 'long' }]);
  });

  it('counts exact ClickBlocked terms only (not ClickBlockedByTenantPolicy)', async () => {
    const [result] = await runQuery(query, { tables, now: '2024-03-31T15:00:00Z' });
    const rows = new Map(tableRows(result.table).map(([url, blocked]) => [url, blocked]));
    expect(rows.get('https://a.example/x')).toBe(2n);
    expect(rows.get('https://b.example/')).toBe(0n);
  });
});
