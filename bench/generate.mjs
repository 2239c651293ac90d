#!/usr/bin/env node
// Writes a deterministic UrlClickEvents CSV export of N rows: `node bench/generate.mjs N OUT.csv`.
//
// Rows are sized like a Defender portal export, about 255 bytes each (1M rows ≈ 255 MB), where the
// fixture rows are about 450: the fixture carries all 19 columns of the 2026 schema page, including
// TimeGenerated (a second 28-character timestamp), TenantId, Type and SourceSystem, which are Log
// Analytics columns that the live Streaming API record in ../shared/samples/graph2otel lacks, and it
// fills UrlChain (about 86 characters) on every row. The bench keeps the 12 columns of the documented
// Defender XDR table (Timestamp … ReportId) and a UrlChain only for clicks that went through a
// redirect (one in three here), since the column lists the redirection chain.
import { createWriteStream, existsSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { COLUMNS, csvHeader, csvLineOf, prng, randomMs, reseed, row } from '../scripts/urlclick-rows.mjs';

export const BENCH_COLUMNS = COLUMNS.slice(0, COLUMNS.indexOf('ReportId') + 1);

export async function generate(n, path) {
  reseed(n);
  // A second stream for the bench's own choices, so the shared row stream is the fixture generator's.
  const redirected = prng(n + 1);
  const line = csvLineOf(BENCH_COLUMNS);
  const out = createWriteStream(path);
  out.write(csvHeader(BENCH_COLUMNS));
  let chunk = '';
  for (let i = 0; i < n; i++) {
    const r = row(randomMs());
    if (redirected() >= 1 / 3) r.UrlChain = '';
    chunk += line(r);
    if (chunk.length > 1 << 20) {
      if (!out.write(chunk)) await new Promise((r) => out.once('drain', r));
      chunk = '';
    }
  }
  out.write(chunk);
  await new Promise((resolve, reject) => out.end((e) => (e ? reject(e) : resolve())));
}

/** The cached bench export of N rows in bench/data/ (not committed), generated when missing. */
export async function benchData(n) {
  // Named by its shape too: the earlier 19-column exports had the same row counts.
  const path = join(dirname(fileURLToPath(import.meta.url)), 'data', `UrlClickEvents-${n}-12col.csv`);
  mkdirSync(dirname(path), { recursive: true });
  if (!existsSync(path)) await generate(n, path);
  return path;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [n, path] = process.argv.slice(2);
  await generate(Number(n), path);
}
