#!/usr/bin/env node
// Runs the Kusto documentation examples of ../shared/conformance/kusto-docs-cases.json through the
// engine and prints `exact N, refused N, wrong N, needs-data N, clock N` (see docs/conformance.md).
//
//   --verbose          each wrong case with its query, expected vs actual
//   --all              with --verbose: every case that is not exact (refused, needs-data, clock too)
//   --by-cause         the wrong cases grouped by cause, largest group first
//   --only=REGEX       only the cases whose id matches
//   --engine=src|dist  run the TypeScript sources (default; no build needed) or the build in dist/
//   --json=FILE        write the whole report as JSON
//   --strict           exit 1 when a case is wrong
import { writeFileSync } from 'node:fs';
import '../test/conformance/register-ts.mjs';

const args = process.argv.slice(2);
const flag = (name) => args.includes(`--${name}`);
const option = (name) => args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const known = ['verbose', 'all', 'by-cause', 'strict', 'only', 'engine', 'json', 'timeout'];
for (const a of args) {
  if (!known.some((k) => a === `--${k}` || a.startsWith(`--${k}=`))) {
    console.error(`conformance: unknown argument '${a}' (known: ${known.map((k) => '--' + k).join(' ')})`);
    process.exit(2);
  }
}

const { runConformance, formatCounts, formatCaseReport, groupWrong } = await import('../test/conformance/runner.ts');
const only = option('only');
const engine = option('engine') ?? 'src';
if (engine !== 'src' && engine !== 'dist') {
  console.error(`conformance: --engine must be src or dist, not '${engine}'`);
  process.exit(2);
}
const report = await runConformance({
  engine,
  only: only ? (id) => new RegExp(only).test(id) : undefined,
  timeoutMs: option('timeout') ? Number(option('timeout')) : undefined,
});

if (flag('verbose')) {
  for (const r of report.cases) {
    if (r.category === 'wrong' || (flag('all') && r.category !== 'exact')) console.log(formatCaseReport(r) + '\n');
  }
}
if (flag('by-cause')) {
  for (const g of groupWrong(report)) {
    console.log(`${g.cases.length}  ${g.cause}`);
    for (const r of g.cases) console.log(`      ${r.id}: ${r.diagnosis.slice(0, 200)}`);
  }
  console.log();
}
if (option('json')) {
  const replacer = (_k, v) => (typeof v === 'bigint' ? v.toString() : v instanceof Map ? Object.fromEntries(v) : v);
  writeFileSync(option('json'), JSON.stringify(report, replacer, 1));
}
console.log(`${formatCounts(report.counts)}  (${report.cases.length} cases in ${(report.ms / 1000).toFixed(1)} s, now = ${report.now})`);
if (flag('strict') && report.counts.wrong > 0) process.exitCode = 1;
