#!/usr/bin/env node
// Times both seed queries end to end against DuckDB running the equivalent SQL (bench/seeds.mjs) over
// the same generated UrlClickEvents CSV: each run a fresh process (`kql run --format json` to a file;
// DuckDB through @duckdb/node-api), the engines and inputs alternating within each round. Checks that
// every run's result equals DuckDB's over the CSV and fails loudly if not. Prints a Markdown table:
// median wall time, the ratio to DuckDB over the CSV, and peak RSS.
//
// Usage: npm run bench -- [--rows N] [--runs R] [--kql-input PATH]... [--duckdb-input PATH]...
//   --rows N        rows of the generated CSV (default 1000000; cached in bench/data/)
//   --runs R        runs per engine, input and query (default 5)
//   --kql-input P   also time kql over P (for example the CSV converted to .arrow or .parquet); repeatable
//   --duckdb-input P  also time DuckDB over P (.csv or .parquet); repeatable
// The extra inputs must hold the same rows as the generated CSV: their results are checked too.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { benchData } from './generate.mjs';
import { NOW, SEEDS } from './seeds.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { values: args } = parseArgs({
  options: {
    rows: { type: 'string', default: '1000000' },
    runs: { type: 'string', default: '5' },
    'kql-input': { type: 'string', multiple: true, default: [] },
    'duckdb-input': { type: 'string', multiple: true, default: [] },
  },
});
const rows = Number(args.rows);
const runs = Number(args.runs);
if (!Number.isInteger(rows) || rows <= 0 || !Number.isInteger(runs) || runs <= 0) {
  throw new Error('--rows and --runs take positive integers');
}

const csv = await benchData(rows);
const tmp = mkdtempSync(join(tmpdir(), 'kql-bench-'));

/** Runs one child process; returns the wall time and what it reported on fd 3. */
function spawnTimed(args, what) {
  const start = process.hrtime.bigint();
  const r = spawnSync(process.execPath, args, { stdio: ['ignore', 'ignore', 'pipe', 'pipe'], encoding: 'utf8' });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  if (r.status !== 0) throw new Error(`${what} failed (exit ${r.status}):\n${r.stderr}`);
  return { seconds, ...JSON.parse(r.output[3]) };
}

const engines = {
  kql(seed, input, out) {
    const run = spawnTimed([join(root, 'bench/child.mjs'), 'run', '-f', SEEDS[seed].kql, '-t', `UrlClickEvents=${input}`,
      '--now', NOW, '--format', 'json', '-o', out], `kql ${seed} over ${input}`);
    const table = JSON.parse(readFileSync(out, 'utf8')).tables.at(-1);
    return { ...run, result: { columns: table.columns.map((c) => c.name), rows: table.rows } };
  },
  DuckDB(seed, input, out) {
    const run = spawnTimed([join(root, 'bench/duckdb-child.mjs'), seed, input, out], `DuckDB ${seed} over ${input}`);
    return { ...run, result: JSON.parse(readFileSync(out, 'utf8')) };
  },
};

// One result form for both engines: DuckDB writes 64-bit integers as strings and timestamps as
// `2026-06-20 00:00:00`; kql writes numbers and `2026-06-20T00:00:00.0000000Z`. Rows are compared as a set
// (neither query orders its rows).
const TIMESTAMP = /^(\d{4}-\d\d-\d\d)[T ](\d\d:\d\d:\d\d)(?:\.(\d{1,7}))?Z?$/;
function canonical(value) {
  if (Array.isArray(value)) return value.map(canonical);
  if (typeof value === 'string' && /^-?\d+$/.test(value)) return Number(value);
  const t = typeof value === 'string' ? TIMESTAMP.exec(value) : null;
  return t ? `${t[1]}T${t[2]}.${(t[3] ?? '').padEnd(7, '0')}Z` : value;
}
const canonicalResult = ({ columns, rows: r }) =>
  JSON.stringify({ columns, rows: r.map((row) => JSON.stringify(canonical(row))).sort() });

const cases = [
  ...[csv, ...args['kql-input']].map((input) => ({ engine: 'kql', input })),
  ...[csv, ...args['duckdb-input']].map((input) => ({ engine: 'DuckDB', input })),
];
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const inputName = (input) => (input === csv ? 'CSV' : basename(input));

console.error(`${rows.toLocaleString('en-US')} rows, ${(statSync(csv).size / 1e6).toFixed(0)} MB of CSV; ${runs} runs of each:`);
const table = [];
try {
  for (const seed of Object.keys(SEEDS)) {
    const timings = cases.map(() => []);
    let reference;
    for (let round = 0; round < runs; round++) {
      cases.forEach(({ engine, input }, k) => {
        const run = engines[engine](seed, input, join(tmp, `${seed}-${k}.json`));
        const result = canonicalResult(run.result);
        reference ??= { result, by: `${engine} over ${inputName(input)}` };
        if (result !== reference.result) {
          throw new Error(`${seed}: ${engine} over ${inputName(input)} differs from ${reference.by}:\n${result.slice(0, 2000)}\n`
            + `${reference.by}:\n${reference.result.slice(0, 2000)}`);
        }
        timings[k].push(run);
        console.error(`  ${seed}, ${engine} over ${inputName(input)}: ${run.seconds.toFixed(2)} s`);
      });
    }
    const duckdbCsv = median(timings[cases.findIndex((c) => c.engine === 'DuckDB')].map((r) => r.seconds));
    cases.forEach(({ engine, input }, k) => {
      const t = median(timings[k].map((r) => r.seconds));
      const query = engine === 'DuckDB' ? median(timings[k].map((r) => r.querySeconds)).toFixed(2) : '—';
      const rss = Math.max(...timings[k].map((r) => r.maxRssKb)) / 1024;
      table.push(`| ${seed} | ${engine} | ${inputName(input)} | ${t.toFixed(2)} | ${query} | ${(t / duckdbCsv).toFixed(2)} | ${rss.toFixed(0)} |`);
    });
  }
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
console.log(`${rows.toLocaleString('en-US')} rows (${(statSync(csv).size / 1e6).toFixed(0)} MB of CSV), median of ${runs} runs, `
  + 'each a fresh process; results checked equal.\n');
console.log('| query | engine | input | median wall time (s) | of which the query (s) | ratio to DuckDB on the CSV | peak RSS (MB) |');
console.log('|---|---|---|---:|---:|---:|---:|');
for (const line of table) console.log(line);
