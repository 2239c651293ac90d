#!/usr/bin/env node
// Times both seed queries end to end (a fresh `kql run` process each time, --format json to
// /dev/null) on generated UrlClickEvents exports, and reports the median wall time and peak RSS.
// Usage: npm run bench [-- ROWS...]   (default: 100000 1000000)
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generate } from './generate.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dataDir = join(root, 'bench', 'data');
const sizes = process.argv.slice(2).map(Number);
const RUNS = 5;
const queries = {
  'malicious-clicks-allowed': join(root, 'fixtures/queries/malicious-clicks-allowed.kql'),
  'url-clicks-actions-by-url': join(root, 'fixtures/queries/url-clicks-actions-by-url.kql'),
};

function timeOnce(query, csv) {
  const start = process.hrtime.bigint();
  const r = spawnSync(process.execPath, [
    join(root, 'bench/child.mjs'), 'run', '-f', query, '-t', `UrlClickEvents=${csv}`,
    '--now', '2026-07-20T12:00:00Z', '--format', 'json', '-o', '/dev/null',
  ], { stdio: ['ignore', 'ignore', 'pipe', 'pipe'], encoding: 'utf8' });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  if (r.status !== 0) throw new Error(`kql failed: ${r.stderr}`);
  return { seconds, maxRssKb: JSON.parse(r.output[3]).maxRssKb };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

mkdirSync(dataDir, { recursive: true });
console.log('| rows | CSV size | query | median time (s) | peak RSS (MB) |');
console.log('|---:|---:|---|---:|---:|');
for (const n of sizes.length ? sizes : [100_000, 1_000_000]) {
  const csv = join(dataDir, `UrlClickEvents-${n}.csv`);
  if (!existsSync(csv)) await generate(n, csv);
  const mb = (statSync(csv).size / 1e6).toFixed(0);
  for (const [name, query] of Object.entries(queries)) {
    const runs = Array.from({ length: RUNS }, () => timeOnce(query, csv));
    const t = median(runs.map((r) => r.seconds));
    const rss = Math.max(...runs.map((r) => r.maxRssKb)) / 1024;
    console.log(`| ${n.toLocaleString('en-US')} | ${mb} MB | ${name} | ${t.toFixed(2)} | ${rss.toFixed(0)} |`);
  }
}
