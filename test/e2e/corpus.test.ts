/**
 * The real hunting queries and analytic rules of ../shared/corpus (34 files, listed in manifest.tsv), end to end
 * through runQuery:
 * 1. every query runs on EMPTY tables with the built-in schemas (the Defender XDR flavour where a table has two), and
 *    a handful of result schemas are asserted (written by hand from ../shared/schemas and the operators' naming rules);
 * 2. ten queries run over small Defender-export CSV fixtures (test/fixtures/corpus/<scenario>/<Table>.csv, header =
 *    the table's columns from ../shared/schemas, only the needed columns filled) with now() = 2026-07-20T12:00:00Z;
 *    each expected result is worked out by hand in the comment above its test.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Table } from '../../src/engine/batch.js';
import { builtinSchema } from '../../src/engine/io/index.js';
import { runQuery } from '../../src/engine/run.js';
import { expectTable, run } from '../helpers/table.js';

const CORPUS = fileURLToPath(new URL('../../../shared/corpus/', import.meta.url));
const NOW = '2026-07-20T12:00:00Z';
const FIXTURES = 'test/fixtures/corpus';

const query = (file: string): string => readFileSync(`${CORPUS}${file}`, 'utf8');
/** Defender export text of a UTC time written without fraction and zone. */
const dt = (s: string): string => `${s}.0000000Z`;

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

// -------------------------------------------------------------------------------------------------
// Fixtures

const at = (scenario: string, ...tables: string[]): Record<string, string> =>
  Object.fromEntries(tables.map((t) => [t, `${FIXTURES}/${scenario}/${t}.csv`]));

describe('corpus queries over fixtures (now = 2026-07-20T12:00:00Z)', () => {
  /*
   * ti_map_url_entity_to_urlclickevents.kql (fixtures ti-map/). ago(1h) = 11:00, ago(14d) = 2026-07-06T12:00.
   * UrlClickEvents_ = clicks r01 11:30 alice (Url https://Evil.example/Login, chain [that, https://evil.example/landing]),
   *   r02 11:45 bob (bad.example/x), r04 11:50 dave (benign), r05 11:55 erin (evil.example/landing), r06 11:10 frank
   *   (expired.example); r03 10:00 carol is older than 1h.
   * ChainReportID lower-cases the chain entries; ClickedUrls holds every click Url and every lowered chain entry.
   * TI: TI-1001 (its 07-19 version wins arg_max: Active, expires 08-01, confidence 80), TI-1002 (bad.example/x, expires
   *   09-01); TI-1003 is older than 14 days; TI-1004 expired at 06:00 today.
   * Joins on TI_Url == UrlChain: TI-1001 ↔ r01, r05; TI-1002 ↔ r02. On TI_Url == Url: TI-1001 ↔ r05; TI-1002 ↔ r02.
   * Joined with UrlClickEvents_ on ReportId, then the latest click per indicator: TI-1001 → r05 (11:55, erin),
   * TI-1002 → r02 (11:45, bob). Name / UPNSuffix: split(..., '@', i)[0] → the part itself.
   */
  it('ti_map_url_entity_to_urlclickevents.kql', async () => {
    const r = await run(query('ti_map_url_entity_to_urlclickevents.kql'), at('ti-map', 'UrlClickEvents', 'ThreatIntelligenceIndicator'), NOW);
    expectTable(r, {
      columns: [
        'UrlClickEvents_TimeGenerated:datetime', 'AccountUpn:string', 'Description:string', 'ActivityGroupNames:string',
        'IndicatorId:string', 'ThreatType:string', 'ExpirationDateTime:datetime', 'ConfidenceScore:real', 'Url:string',
        'NetworkMessageId:string', 'timestamp:datetime', 'Name:string', 'UPNSuffix:string',
      ],
      rows: [
        [dt('2026-07-20T11:55:00'), 'erin@contoso.com', 'Phishing landing page', 'Storm-0001', 'TI-1001', 'Phishing',
          dt('2026-08-01T00:00:00'), 80, 'https://evil.example/landing', '3c9f2a10-7b4e-4d21-8f00-000000000005',
          dt('2026-07-20T11:55:00'), 'erin', 'contoso.com'],
        [dt('2026-07-20T11:45:00'), 'bob@fabrikam.com', 'Malware download', '', 'TI-1002', 'Malware',
          dt('2026-09-01T00:00:00'), 55.5, 'https://bad.example/x', '3c9f2a10-7b4e-4d21-8f00-000000000002',
          dt('2026-07-20T11:45:00'), 'bob', 'fabrikam.com'],
      ],
    });
  });

  /*
   * ti_map_url_entity_to_urlclickevents_new.kql (same clicks). ThreatIntelIndicators: the type is the text before ':'
   * of ObservableKey ("url" after stripping [ ] " from tostring(split(...)) = ["url"]); indicator--c3 is a domain.
   * indicator--a1: its 07-19 version (active, until 08-01); indicator--b2 (evil.example/login, no ValidUntil) passes
   * `isempty(ValidUntil)` and joins r01 through its lowered chain entry, but `UrlClickEvents_TimeGenerated < ValidUntil`
   * is null → dropped; indicator--d4 expired; indicator--e5 (bad.example/x, until 09-01) ↔ r02.
   * Type is UrlClickEvents' own Type (the indicator's was renamed TI_Type). ActivityGroupNames: extract of
   * `ActivityGroup:(\S+)` over the labels' JSON text ["ActivityGroup:Storm-0001"] → `Storm-0001"]` (\S+ runs on);
   * over [] → "". Name / UPNSuffix: tostring of the one-element arrays split(..., '@', i) → `["erin"]`.
   */
  it('ti_map_url_entity_to_urlclickevents_new.kql', async () => {
    const r = await run(query('ti_map_url_entity_to_urlclickevents_new.kql'), at('ti-map', 'UrlClickEvents', 'ThreatIntelIndicators'), NOW);
    expectTable(r, {
      columns: [
        'UrlClickEvents_TimeGenerated:datetime', 'AccountUpn:string', 'Description:string', 'ActivityGroupNames:string',
        'Id:string', 'Type:string', 'ValidUntil:datetime', 'Confidence:int', 'Url:string', 'NetworkMessageId:string',
        'timestamp:datetime', 'Name:string', 'UPNSuffix:string',
      ],
      rows: [
        [dt('2026-07-20T11:55:00'), 'erin@contoso.com', 'Phishing landing page', 'Storm-0001"]', 'indicator--a1', 'UrlClickEvents',
          dt('2026-08-01T00:00:00'), 80, 'https://evil.example/landing', '3c9f2a10-7b4e-4d21-8f00-000000000005',
          dt('2026-07-20T11:55:00'), '["erin"]', '["contoso.com"]'],
        [dt('2026-07-20T11:45:00'), 'bob@fabrikam.com', 'Malware download', '', 'indicator--e5', 'UrlClickEvents',
          dt('2026-09-01T00:00:00'), 40, 'https://bad.example/x', '3c9f2a10-7b4e-4d21-8f00-000000000002',
          dt('2026-07-20T11:45:00'), '["bob"]', '["fabrikam.com"]'],
      ],
    });
  });

  /*
   * rare_domains_in_external_teams_messages.kql (fixtures rare-domains/). ago(1d) = 2026-07-19T12:00.
   * urlsInMsgs: messages 1 (rare.example/a), 2–4 (common.example), 5 (once.example/z), 7 (rare.example/b); 6 is too old.
   * rareDomains (dcount of messages < 3): rare.example (1, 7), once.example (5); common.example has 3.
   * externalMsgs: 1, 2, 7 (mallory, external); 5 is internal. clicks (Teams, last day): alice 09:30 and bob 09:40 on
   * rare.example/a; carol's is an Email click; dave's click on rare.example/b is two days old.
   * Rows: message 1 × two clicks; message 7 without click (Timestamp = MUI time 11:00, ReportId = its MUI ReportId);
   * message 5 without sender or click (Timestamp 10:00). coalesce skips null datetimes and empty strings.
   */
  it('rare_domains_in_external_teams_messages.kql', async () => {
    const r = await run(query('rare_domains_in_external_teams_messages.kql'), at('rare-domains', 'MessageEvents', 'MessageUrlInfo', 'UrlClickEvents'), NOW);
    expectTable(r, {
      columns: [
        'Timestamp:datetime', 'UrlDomain:string', 'Url:string', 'SenderEmailAddress:string', 'Clicker:string',
        'ClickTime:datetime', 'ClickAction:string', 'TeamsMessageId:string', 'ReportId:string',
      ],
      rows: [
        [dt('2026-07-20T09:30:00'), 'rare.example', 'https://rare.example/a', 'mallory@external.example', 'alice@contoso.com',
          dt('2026-07-20T09:30:00'), 'ClickAllowed', '1720000000001', 'uce-0001'],
        [dt('2026-07-20T09:40:00'), 'rare.example', 'https://rare.example/a', 'mallory@external.example', 'bob@contoso.com',
          dt('2026-07-20T09:40:00'), 'ClickBlocked', '1720000000001', 'uce-0002'],
        [dt('2026-07-20T11:00:00'), 'rare.example', 'https://rare.example/b', 'mallory@external.example', '', null, '', '1720000000007', 'mui-0007'],
        [dt('2026-07-20T10:00:00'), 'once.example', 'https://once.example/z', '', '', null, '', '1720000000005', 'mui-0005'],
      ],
    });
  });

  /*
   * possible_device_code_phishing_attempts.kql (fixtures device-code/).
   * suspiciousUserClicks: alice 09:00 (ClickAllowed, chain has microsoft.com/devicelogin; UPN lower-cased) and bob 10:00
   * (ClickBlocked but clicked through, chain has login.microsoftonline.com/common/oauth2/deviceauth); carol's click was
   * blocked and not clicked through; dave's chain has no device-login URL.
   * suspiciousSignIns (ErrorCode 0, risk 10/50/100, -2min ≤ sign-in − click ≤ 7min): alice 09:04 (risk 50, +4 min) and
   * bob 10:03 (+3 min); alice 09:20 is +20 min, alice 08:59 has risk 0, carol clicked nothing suspicious.
   * shortIntervalSignInAttemptUsers (codes {0, 50199} in one session): alice (sess-a) and "Bob@Contoso.com" (sess-c),
   * in the sign-in table's own case. The final `in` is case-sensitive, so only alice remains.
   */
  it('possible_device_code_phishing_attempts.kql', async () => {
    const r = await run(query('possible_device_code_phishing_attempts.kql'), at('device-code', 'UrlClickEvents', 'AADSignInEventsBeta'), NOW);
    expectTable(r, {
      columns: [
        'Timestamp:datetime', 'ReportId:string', 'ClickTime:datetime', 'AccountUpn:string', 'RiskLevelDuringSignIn:int',
        'SessionId:string', 'IPAddress:string', 'Url:string',
      ],
      rows: [[dt('2026-07-20T09:04:00'), 'rep-s2', dt('2026-07-20T09:00:00'), 'alice@contoso.com', 50, 'sess-a', '203.0.113.10', 'https://microsoft.com/devicelogin']],
    });
  });

  /*
   * top10_users_clicking_malicious_urls_phish.kql (fixtures top10-phish/). ago(30d) = 2026-06-20T12:00.
   * erin: 3 clicks, all Phish (one "Spam,Phish") → 100.0; alice: 3 clicks (06-21 is inside), Phish and "phish"
   * (has ignores case) → 2, round(66.666…, 2) = 66.67; dave: 4 clicks in range, 1 Phish → 25.0 (his 06-01 click is
   * out); carol: "Phishing" is not the term Phish → 0 → dropped. top 10 by PhishClickCount: erin, alice, dave.
   */
  it('top10_users_clicking_malicious_urls_phish.kql', async () => {
    expectTable(await run(query('top10_users_clicking_malicious_urls_phish.kql'), at('top10-phish', 'UrlClickEvents'), NOW), {
      columns: ['User:string', 'PhishClicks:long', 'TotalClicks:long', 'Bad_Click_Percentage:real'],
      rows: [['erin@contoso.com', 3n, 3n, 100], ['alice@contoso.com', 2n, 3n, 66.67], ['dave@contoso.com', 1n, 4n, 25]],
      ordered: true,
    });
  });

  /*
   * top10_users_clicking_malicious_urls_in_teams.kql (fixtures top10-teams/): Teams clicks whose ThreatTypes is exactly
   * Phish or Malware (in is case-sensitive: "phish" and "Phish,Malware" are out; Spam is out; alice's Email click is out).
   * alice: 2 blocked, 1 allowed and clicked through; bob: 1 blocked, 1 scan in progress, 1 error page (its
   * IsClickedThrough is empty → null → not counted); carol: 1 allowed. top 10 by Blocked: alice, bob, carol.
   */
  it('top10_users_clicking_malicious_urls_in_teams.kql', async () => {
    expectTable(await run(query('top10_users_clicking_malicious_urls_in_teams.kql'), at('top10-teams', 'UrlClickEvents'), NOW), {
      columns: ['AccountUpn:string', 'Blocked:long', 'Allowed:long', 'PendingVerdict:long', 'Error:long', 'ClickedThrough:long'],
      rows: [
        ['alice@contoso.com', 2n, 1n, 0n, 0n, 1n],
        ['bob@contoso.com', 1n, 0n, 1n, 1n, 0n],
        ['carol@contoso.com', 0n, 1n, 0n, 0n, 0n],
      ],
      ordered: true,
    });
  });

  /*
   * url_threat_protection_summary.kql (fixtures protection-summary/). Clicks of the last 30 days: 7 (dave's 06-01 click
   * is out). Blocked (ClickBlocked or ClickBlockedByTenantPolicy): 3 + 1 = 4; ClickAllowed: 2; users: alice, bob,
   * carol = 3; EmailUrlInfo in range: 3 rows, 2 distinct URLs. Sorted by Ord.
   */
  it('url_threat_protection_summary.kql', async () => {
    expectTable(await run(query('url_threat_protection_summary.kql'), at('protection-summary', 'UrlClickEvents', 'EmailUrlInfo'), NOW), {
      columns: ['Count:long', 'Details:string'],
      rows: [[4n, 'Malicious Clicks Blocked'], [2n, 'Clicks Allowed Through'], [3n, 'Users Clicking Links'], [2n, 'Distinct URLs in Email']],
      ordered: true,
    });
  });

  /*
   * user_clicks_on_phishing_urls_in_emails.kql (fixtures phishing-emails/): Phish clicks joined (innerunique) with
   * EmailEvents on NetworkMessageId and AccountUpn == RecipientEmailAddress. alice clicked message 1 twice: innerunique
   * keeps one left row per key — the engine keeps the first (09:00, blocked); Kusto keeps one unspecified row. bob's
   * click on the same message matches his own copy; carol's Malware click is filtered out; dave's message went to
   * erin, so his click finds no email.
   */
  it('user_clicks_on_phishing_urls_in_emails.kql', async () => {
    const NM1 = '0d4e5f60-aaaa-4bbb-8ccc-000000000001';
    expectTable(await run(query('user_clicks_on_phishing_urls_in_emails.kql'), at('phishing-emails', 'UrlClickEvents', 'EmailEvents'), NOW), {
      columns: [
        'Timestamp:datetime', 'Url:string', 'ActionType:string', 'AccountUpn:string', 'ReportId:string', 'NetworkMessageId:string',
        'ThreatTypes:string', 'IsClickedThrough:bool', 'DeliveryLocation:string', 'OrgLevelAction:string', 'UserLevelAction:string',
      ],
      rows: [
        [dt('2026-07-20T09:00:00'), 'https://phish.example/a', 'ClickBlocked', 'alice@contoso.com', 'rc-0001', NM1, 'Phish', false, 'Inbox/folder', 'Allow', ''],
        [dt('2026-07-20T10:00:00'), 'https://phish.example/a', 'ClickBlocked', 'bob@contoso.com', 'rc-0003', NM1, 'Phish', false, 'Junk folder', 'Move to Junk', ''],
      ],
    });
  });

  /*
   * teams_url_clicks_through_phish_malware.kql (fixtures click-through/): IsClickedThrough != "0" keeps true;
   * Teams only; ThreatTypes Phish or Malware (frank's Spam is out; dave did not click through). alice and bob give the
   * same group.
   */
  it('teams_url_clicks_through_phish_malware.kql', async () => {
    expectTable(await run(query('teams_url_clicks_through_phish_malware.kql'), at('click-through', 'UrlClickEvents'), NOW), {
      columns: ['Url:string', 'ThreatTypes:string', 'IsClickedThrough:bool', 'ActionType:string'],
      rows: [['https://a.example/', 'Phish', true, 'ClickAllowed'], ['https://b.example/', 'Malware', true, 'ClickAllowed']],
    });
  });

  /*
   * url_click_through_by_workload.kql (same fixture): last 30 days (ivan's 06-01 click is out), clicked through (dave
   * is out), a threat type (heidi's "" is out): Teams alice, bob, carol, frank = 4; Office grace, judy = 2; Email erin = 1.
   */
  it('url_click_through_by_workload.kql', async () => {
    const r = await run(query('url_click_through_by_workload.kql'), at('click-through', 'UrlClickEvents'), NOW);
    expectTable(r, {
      columns: ['Workload:string', 'Click-Through Count:long'],
      rows: [['Teams', 4n], ['Office', 2n], ['Email', 1n]],
      ordered: true,
    });
    expect(r.visualization).toEqual({ kind: 'piechart', properties: {} });
  });
});
