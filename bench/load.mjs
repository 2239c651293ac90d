#!/usr/bin/env node
// Times loadTable alone (in this process, after a warm-up load) on a generated UrlClickEvents export:
// every column, then only the columns of the seed query url-clicks-actions-by-url.
// Usage: node bench/load.mjs [ROWS]   (default 100000; build first)
import { loadTable } from '../dist/engine/io/index.js';
import { benchData } from './generate.mjs';

const rows = Number(process.argv[2] ?? 100_000);
const csv = await benchData(rows);

const RUNS = 5;
const cases = {
  'all columns': undefined,
  'Url, ActionType, IsClickedThrough': ['Url', 'ActionType', 'IsClickedThrough'],
};
await loadTable(csv, { tableName: 'UrlClickEvents' });
console.log('| rows | columns | median load (s) |');
console.log('|---:|---|---:|');
for (const [name, columns] of Object.entries(cases)) {
  const times = [];
  for (let i = 0; i < RUNS; i++) {
    const start = process.hrtime.bigint();
    await loadTable(csv, { tableName: 'UrlClickEvents', columns });
    times.push(Number(process.hrtime.bigint() - start) / 1e9);
  }
  const median = times.sort((a, b) => a - b)[Math.floor(RUNS / 2)];
  console.log(`| ${rows.toLocaleString('en-US')} | ${name} | ${median.toFixed(3)} |`);
}
