#!/usr/bin/env node
// Writes fixtures/tables/UrlClickEvents.csv and .jsonl: a small, realistic UrlClickEvents export
// in the Defender portal CSV shape (and the same rows as JSON lines), deterministic from a fixed
// seed. It plants the traps the engine must get right: ActionType values that share a prefix
// (ClickBlocked vs ClickBlockedByTenantPolicy), null IsClickedThrough, empty ThreatTypes, rows on
// the edges of the 30-day window of the seed hunt (run with --now 2026-07-20T12:00:00Z), 7-digit
// timestamps, URLs with commas and quotes, and UrlChain JSON text that needs CSV quoting.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outDir = join(root, 'fixtures', 'tables');

// mulberry32: a tiny deterministic PRNG, so the fixture never changes between runs.
function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rand = prng(20260720);
const pick = (xs) => xs[Math.floor(rand() * xs.length)];
const hex = (n) => Array.from({ length: n }, () => Math.floor(rand() * 16).toString(16)).join('');
const guid = () => `${hex(8)}-${hex(4)}-4${hex(3)}-${pick(['8', '9', 'a', 'b'])}${hex(3)}-${hex(12)}`;

const COLUMNS = [
  'Timestamp', 'Url', 'ActionType', 'AccountUpn', 'Workload', 'NetworkMessageId', 'ThreatTypes', 'DetectionMethods',
  'IPAddress', 'IsClickedThrough', 'UrlChain', 'ReportId', 'AppName', 'AppVersion', 'SourceId', 'TenantId', 'Type',
  'SourceSystem', 'TimeGenerated',
];
const TENANT = '4b8c2f7e-1d3a-4e6b-9c5d-8a7f6e5d9c32';
const USERS = ['rob@contoso.com', 'alice@contoso.com', 'bob.smith@contoso.com', 'dana@contoso.com', 'evan@contoso.com'];
const URLS = [
  'https://login.micros0ft-support.com/verify?user=1',
  'https://contoso.sharepoint.com/sites/finance/Shared%20Documents/Q2.xlsx',
  'https://u2021.ct.sendgrid.net/ls/click?upn=abc,def',
  'https://bit.ly/3xYz"quoted"',
  'https://docs.contoso-invoices.net/pay/invoice-8841',
  'https://teams.microsoft.com/l/message/19:abc@thread.tacv2/1720000000000',
  'https://malware.example.net/payload.zip',
  'https://www.example.org/',
];
// Weighted ActionType values, including the ones has_any must not confuse.
const ACTIONS = [
  'ClickAllowed', 'ClickAllowed', 'ClickAllowed', 'ClickBlocked', 'ClickBlocked', 'ClickBlockedByTenantPolicy',
  'UrlScanInProgress', 'UrlErrorPage',
];
const THREATS = ['', '', '', 'Phish', 'Malware', 'Spam', 'Phish,Malware'];

const TICKS_PER_MS = 10_000n;
const EPOCH_TICKS = 621_355_968_000_000_000n; // 0001-01-01 → 1970-01-01
const START_MS = Date.UTC(2026, 5, 10); // 2026-06-10
const END_MS = Date.UTC(2026, 6, 20, 11, 59, 59); // just before the fixture's --now

function iso(ms, extraTicks) {
  const base = new Date(ms).toISOString().slice(0, 19);
  const ticks = BigInt(ms % 1000) * TICKS_PER_MS + BigInt(extraTicks);
  return `${base}.${ticks.toString().padStart(7, '0')}Z`;
}

function row(ms, overrides = {}) {
  const url = pick(URLS);
  const networkMessageId = guid();
  const timestamp = iso(ms, Math.floor(rand() * 10_000));
  const action = pick(ACTIONS);
  const r = {
    Timestamp: timestamp,
    Url: url,
    ActionType: action,
    AccountUpn: pick(USERS),
    Workload: pick(['Email', 'Email', 'Teams', 'Office']),
    NetworkMessageId: networkMessageId,
    ThreatTypes: pick(THREATS),
    DetectionMethods: rand() < 0.3 ? '{"Phish":["URL detonation reputation"]}' : '',
    IPAddress: rand() < 0.5 ? `203.0.113.${Math.floor(rand() * 254) + 1}` : `2001:db8::${hex(4)}`,
    IsClickedThrough: rand() < 0.08 ? '' : rand() < 0.35 ? 'true' : 'false',
    UrlChain: JSON.stringify([url, 'https://www.example.org/landing']),
    ReportId: guid(),
    AppName: 'Mail',
    AppVersion: '0.0.0000',
    SourceId: networkMessageId,
    TenantId: TENANT,
    Type: 'UrlClickEvents',
    SourceSystem: '',
    TimeGenerated: timestamp,
    ...overrides,
  };
  return r;
}

const rows = [];
for (let i = 0; i < 300; i++) rows.push(row(START_MS + Math.floor(rand() * (END_MS - START_MS))));
// Edges of the seed hunt's window with --now 2026-07-20T12:00:00Z: TimeStart = 2026-06-20T00:00:00Z,
// TimeEnd = 2026-07-20T00:00:00Z (exclusive).
const edge = { IsClickedThrough: 'true', ThreatTypes: 'Phish' };
rows.push(row(Date.UTC(2026, 5, 19, 23, 59, 59, 999), { ...edge, Timestamp: '2026-06-19T23:59:59.9999999Z', TimeGenerated: '2026-06-19T23:59:59.9999999Z' }));
rows.push(row(Date.UTC(2026, 5, 20), { ...edge, Timestamp: '2026-06-20T00:00:00.0000000Z', TimeGenerated: '2026-06-20T00:00:00.0000000Z' }));
rows.push(row(Date.UTC(2026, 6, 19, 23, 59, 59), { ...edge, Timestamp: '2026-07-19T23:59:59.9999999Z', TimeGenerated: '2026-07-19T23:59:59.9999999Z' }));
rows.push(row(Date.UTC(2026, 6, 20, 1), { ...edge, Timestamp: '2026-07-20T01:00:00.0000000Z', TimeGenerated: '2026-07-20T01:00:00.0000000Z' }));
rows.sort((a, b) => (a.Timestamp < b.Timestamp ? -1 : a.Timestamp > b.Timestamp ? 1 : 0));

// Defender portal CSV: header of column names, fields quoted only when they hold '"' or ','.
const csvField = (v) => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
const csv = [COLUMNS.join(','), ...rows.map((r) => COLUMNS.map((c) => csvField(r[c])).join(','))].join('\n') + '\n';

// JSON lines: the same rows as the Streaming API's `properties` objects (null for empty non-strings).
const jsonl = rows.map((r) => {
  const o = {};
  for (const c of COLUMNS) {
    if (c === 'IsClickedThrough') o[c] = r[c] === '' ? null : r[c] === 'true';
    else o[c] = r[c];
  }
  return JSON.stringify(o);
}).join('\n') + '\n';

mkdirSync(outDir, { recursive: true });
writeFileSync(join(outDir, 'UrlClickEvents.csv'), csv);
writeFileSync(join(outDir, 'UrlClickEvents.jsonl'), jsonl);
console.log(`wrote ${rows.length} rows to fixtures/tables/UrlClickEvents.csv and .jsonl`);
