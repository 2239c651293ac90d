#!/usr/bin/env node
// Writes a deterministic UrlClickEvents CSV export of N rows: `node bench/generate.mjs N OUT.csv`.
import { createWriteStream } from 'node:fs';
import { csvHeader, csvLine, randomMs, reseed, row } from '../scripts/urlclick-rows.mjs';

export async function generate(n, path) {
  reseed(n);
  const out = createWriteStream(path);
  out.write(csvHeader());
  let chunk = '';
  for (let i = 0; i < n; i++) {
    chunk += csvLine(row(randomMs()));
    if (chunk.length > 1 << 20) {
      if (!out.write(chunk)) await new Promise((r) => out.once('drain', r));
      chunk = '';
    }
  }
  out.write(chunk);
  await new Promise((resolve, reject) => out.end((e) => (e ? reject(e) : resolve())));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [n, path] = process.argv.slice(2);
  await generate(Number(n), path);
}
