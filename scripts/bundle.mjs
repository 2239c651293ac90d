#!/usr/bin/env node
// Bundles the compiled CLI (dist/cli.js) and its dependencies into one file, dist/kql.mjs, the `kql`
// binary: Node then loads one module instead of hundreds (chevrotain, lodash-es, apache-arrow), which
// takes a cold start from about 0.6 s to 0.2 s. Packages loaded on demand (charts, Parquet, geo cells)
// stay outside and are imported from node_modules only when a query needs them.
import { build } from 'esbuild';

const onDemand = ['vega', 'vega-lite', '@resvg/resvg-js', 'parquet-wasm', '@duckdb/node-api'];

await build({
  // The CSV scan's worker thread runs a script of its own (src/engine/io/csv-worker.ts).
  entryPoints: { kql: 'dist/cli.js', 'kql-csv-worker': 'dist/engine/io/csv-worker.js' },
  outdir: 'dist',
  outExtension: { '.js': '.mjs' },
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  external: onDemand,
  // Bundled CommonJS packages (commander) call require() for Node's built-ins.
  banner: { js: "import { createRequire as kqlCreateRequire } from 'node:module'; const require = kqlCreateRequire(import.meta.url);" },
  legalComments: 'none',
  logLevel: 'warning',
});
