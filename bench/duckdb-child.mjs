// Runs one seed query's SQL in DuckDB in this (fresh) process, writes the result as JSON
// ({columns, rows}) to OUT, then reports on fd 3 the process's peak RSS and the time of the query
// itself (loading DuckDB's native module, about 0.7 s, is outside it).
// Usage: node bench/duckdb-child.mjs SEED INPUT OUT
import { writeFileSync, writeSync } from 'node:fs';
import { DuckDBInstance } from '@duckdb/node-api';
import { duckdbSource, SEEDS } from './seeds.mjs';

const [seed, input, out] = process.argv.slice(2);
const start = performance.now();
const instance = await DuckDBInstance.create(':memory:');
const connection = await instance.connect();
const reader = await connection.runAndReadAll(SEEDS[seed].sql(await duckdbSource(input, connection)));
writeFileSync(out, JSON.stringify({ columns: reader.columnNames(), rows: reader.getRowsJson() }));
const querySeconds = (performance.now() - start) / 1000;
writeSync(3, JSON.stringify({ maxRssKb: process.resourceUsage().maxRSS, querySeconds }) + '\n');
