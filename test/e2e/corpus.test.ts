/**
 * The real hunting queries and analytic rules of ../shared/corpus (34 files, listed in manifest.tsv), end to end
 * through runQuery:
 * 1. every query runs on EMPTY tables with the built-in schemas (the Defender XDR flavour where a table has two), and
 *    a handful of result schemas are asserted (written by hand from ../shared/schemas and the operators' naming rules);
 * 2. the end-to-end cases over fixtures, one per query, are test/corpus/*.kqltest.yaml (run by kqltest-cases.test.ts).
 */
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Table } from '../../src/engine/batch.js';
import { builtinSchema } from '../../src/engine/io/index.js';
import { runQuery } from '../../src/engine/run.js';

const CORPUS = fileURLToPath(new URL('../../../shared/corpus/', import.meta.url));
const NOW = '2026-07-20T12:00:00Z';

const query = (file: string): string => readFileSync(`${CORPUS}${file}`, 'utf8');

/** Every table a corpus query reads. */
const TABLES = [
  'UrlClickEvents', 'EmailEvents', 'EmailUrlInfo', 'MessageEvents', 'MessageUrlInfo', 'MessagePostDeliveryEvents',
  'AlertInfo', 'AlertEvidence', 'AADSignInEventsBeta', 'SecurityAlert', 'ThreatIntelligenceIndicator',
  'ThreatIntelIndicators', 'PowerPlatformAdminActivity', '_Im_WebSession',
];
function emptyTables(): Record<string, Table> {
  return Object.fromEntries(TABLES.map((name) => {
    const schema = builtinSchema(name);
    if (!schema) throw new Error(`no built-in schema for ${name}`);
    return [name, { schema, batches: [] }];
  }));
}

const MANIFEST = readFileSync(`${CORPUS}manifest.tsv`, 'utf8').trim().split('\n').slice(1).map((l) => l.split('\t')[0]);

describe('the corpus on empty tables', () => {
  it('the manifest lists the 34 .kql files of the corpus', () => {
    const files = readdirSync(CORPUS).filter((f) => f.endsWith('.kql')).sort();
    expect(files).toHaveLength(34);
    expect([...MANIFEST].sort()).toEqual(files);
  });

  it.each(MANIFEST)('%s runs and gives one result', async (file) => {
    const results = await runQuery(query(file), { tables: emptyTables(), now: NOW });
    expect(results).toHaveLength(1);
    expect(results[0].name).toBe('PrimaryResult');
  });

  const schemaOf = async (file: string) => {
    const [r] = await runQuery(query(file), { tables: emptyTables(), now: NOW });
    return { columns: r.table.schema.map((f) => `${f.name}:${f.type}`), visualization: r.visualization };
  };
  const COUNTS = ['Blocked:long', 'Allowed:long', 'PendingVerdict:long', 'Error:long', 'ClickedThrough:long'];

  it.each([
    ['url_clicks_actions_by_url.kql', ['Url:string', ...COUNTS]],
    ['url_click_count_by_click_action.kql', COUNTS],
    ['top10_users_clicking_malicious_urls.kql', ['AccountUpn:string', 'count_:long']],
    ['top20_malicious_urls_by_clicks.kql', ['URL:string', 'Threat Types:string', 'Action Type:string', 'Workload:string', 'Click Count:long']],
    ['url_threat_protection_summary.kql', ['Count:long', 'Details:string']],
    ['url_click_attempts_by_threat_type.kql', ['ThreatTypes:string', 'TimeGenerated:datetime', 'Count:long']],
    ['teams_url_clicks_through_phish_malware.kql', ['Url:string', 'ThreatTypes:string', 'IsClickedThrough:bool', 'ActionType:string']],
    ['possible_device_code_phishing_attempts.kql', [
      'Timestamp:datetime', 'ReportId:string', 'ClickTime:datetime', 'AccountUpn:string', 'RiskLevelDuringSignIn:int',
      'SessionId:string', 'IPAddress:string', 'Url:string',
    ]],
    ['rare_domains_in_external_teams_messages.kql', [
      'Timestamp:datetime', 'UrlDomain:string', 'Url:string', 'SenderEmailAddress:string', 'Clicker:string',
      'ClickTime:datetime', 'ClickAction:string', 'TeamsMessageId:string', 'ReportId:string',
    ]],
    ['ti_map_url_entity_to_urlclickevents.kql', [
      'UrlClickEvents_TimeGenerated:datetime', 'AccountUpn:string', 'Description:string', 'ActivityGroupNames:string',
      'IndicatorId:string', 'ThreatType:string', 'ExpirationDateTime:datetime', 'ConfidenceScore:real', 'Url:string',
      'NetworkMessageId:string', 'timestamp:datetime', 'Name:string', 'UPNSuffix:string',
    ]],
    // MessagePostDeliveryEvents, then MessageUrlInfo and UrlClickEvents with the join suffixes 1 and 2.
    ['potentially_malicious_url_click_in_teams.kql', [
      'Timestamp:datetime', 'TeamsMessageId:string', 'Action:string', 'ActionType:string', 'ActionTrigger:string',
      'ActionResult:string', 'SenderEmailAddress:string', 'RecipientDetails:dynamic', 'ThreatTypes:string',
      'ConfidenceLevel:dynamic', 'DetectionMethods:string', 'LatestDeliveryLocation:string', 'ReportId:string',
      'IsExternalThread:bool', 'SafetyTip:string',
      'Timestamp1:datetime', 'TeamsMessageId1:string', 'Url:string', 'UrlDomain:string', 'ThreatTypes1:string', 'ReportId1:string',
      'Timestamp2:datetime', 'Url1:string', 'ActionType1:string', 'AccountUpn:string', 'Workload:string',
      'NetworkMessageId:string', 'ThreatTypes2:string', 'DetectionMethods1:string', 'IPAddress:string',
      'IsClickedThrough:bool', 'UrlChain:string', 'ReportId2:string', 'AppName:string', 'AppVersion:string',
      'SourceId:string', 'TenantId:string', 'Type:string', 'SourceSystem:string', 'TimeGenerated:datetime',
    ]],
  ])('%s: result schema', async (file, columns) => {
    expect((await schemaOf(file)).columns).toEqual(columns);
  });

  it('make-series queries give dynamic columns and a timechart', async () => {
    expect(await schemaOf('malicious_clicks_allowed_click_through.kql')).toEqual({
      columns: ['Count:dynamic', 'TimeGenerated:dynamic'], visualization: { kind: 'timechart', properties: {} },
    });
    expect(await schemaOf('teams_blocked_url_clicks_daily_trend.kql')).toEqual({
      columns: ['AppName:string', 'TeamsBlockedClicks:dynamic', 'Timestamp:dynamic'], visualization: { kind: 'timechart', properties: {} },
    });
  });

  it('a piechart query', async () => {
    expect(await schemaOf('url_click_through_by_workload.kql')).toEqual({
      columns: ['Workload:string', 'Click-Through Count:long'], visualization: { kind: 'piechart', properties: {} },
    });
  });

  it.each([
    'url_click_count_by_click_action.kql', 'url_threat_protection_summary.kql',
  ])('%s: summarize without by still gives rows on empty input', async (file) => {
    const [r] = await runQuery(query(file), { tables: emptyTables(), now: NOW });
    expect(r.table.batches.reduce((n, b) => n + b.length, 0)).toBeGreaterThan(0);
  });
});
