// Realistic UrlClickEvents rows in the Defender portal export shape, deterministic from a seed:
// shared by the fixture generator and the benchmark's data generator.

// mulberry32: a tiny deterministic PRNG, so the fixture never changes between runs.
export function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
let rand = prng(20260720);

/** Restarts the generator, so the same seed gives the same rows. */
export function reseed(seed) {
  rand = prng(seed);
}
export const pick = (xs) => xs[Math.floor(rand() * xs.length)];
const hex = (n) => Array.from({ length: n }, () => Math.floor(rand() * 16).toString(16)).join('');
const guid = () => `${hex(8)}-${hex(4)}-4${hex(3)}-${pick(['8', '9', 'a', 'b'])}${hex(3)}-${hex(12)}`;

export const COLUMNS = [
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
export const START_MS = Date.UTC(2026, 5, 10); // 2026-06-10
export const END_MS = Date.UTC(2026, 6, 20, 11, 59, 59); // just before the fixture's --now

function iso(ms, extraTicks) {
  const base = new Date(ms).toISOString().slice(0, 19);
  const ticks = BigInt(ms % 1000) * TICKS_PER_MS + BigInt(extraTicks);
  return `${base}.${ticks.toString().padStart(7, '0')}Z`;
}

export function row(ms, overrides = {}) {
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

export const randomMs = () => START_MS + Math.floor(rand() * (END_MS - START_MS));

// Defender portal CSV: header of column names, fields quoted only when they hold '"', ',' or a line break.
const csvField = (v) => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
export const csvHeader = (columns = COLUMNS) => columns.join(',') + '\n';
/** A CSV line writer for COLUMNS (a subset of the schema's, for the benchmark's narrower export). */
export const csvLineOf = (columns) => (r) => columns.map((c) => csvField(r[c])).join(',') + '\n';
export const csvLine = csvLineOf(COLUMNS);

/** The row as a Streaming API `properties` object: IsClickedThrough a JSON bool or null. */
export function jsonLine(r) {
  const o = {};
  for (const c of COLUMNS) o[c] = c === 'IsClickedThrough' ? (r[c] === '' ? null : r[c] === 'true') : r[c];
  return JSON.stringify(o) + '\n';
}
