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
import { csvHeader, csvLine, jsonLine, randomMs, row } from './urlclick-rows.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outDir = join(root, 'fixtures', 'tables');

const rows = [];
for (let i = 0; i < 300; i++) rows.push(row(randomMs()));
// Edges of the seed hunt's window with --now 2026-07-20T12:00:00Z: TimeStart = 2026-06-20T00:00:00Z,
// TimeEnd = 2026-07-20T00:00:00Z (exclusive).
const edge = { IsClickedThrough: 'true', ThreatTypes: 'Phish' };
rows.push(row(Date.UTC(2026, 5, 19, 23, 59, 59, 999), { ...edge, Timestamp: '2026-06-19T23:59:59.9999999Z', TimeGenerated: '2026-06-19T23:59:59.9999999Z' }));
rows.push(row(Date.UTC(2026, 5, 20), { ...edge, Timestamp: '2026-06-20T00:00:00.0000000Z', TimeGenerated: '2026-06-20T00:00:00.0000000Z' }));
rows.push(row(Date.UTC(2026, 6, 19, 23, 59, 59), { ...edge, Timestamp: '2026-07-19T23:59:59.9999999Z', TimeGenerated: '2026-07-19T23:59:59.9999999Z' }));
rows.push(row(Date.UTC(2026, 6, 20, 1), { ...edge, Timestamp: '2026-07-20T01:00:00.0000000Z', TimeGenerated: '2026-07-20T01:00:00.0000000Z' }));
rows.sort((a, b) => (a.Timestamp < b.Timestamp ? -1 : a.Timestamp > b.Timestamp ? 1 : 0));

const csv = csvHeader() + rows.map(csvLine).join('');
const jsonl = rows.map(jsonLine).join('');

mkdirSync(outDir, { recursive: true });
writeFileSync(join(outDir, 'UrlClickEvents.csv'), csv);
writeFileSync(join(outDir, 'UrlClickEvents.jsonl'), jsonl);
console.log(`wrote ${rows.length} rows to fixtures/tables/UrlClickEvents.csv and .jsonl`);
