/**
 * The one shared table helper for engine, operator, golden and end-to-end tests.
 *
 * - `table({ col: { type, values } })` builds an in-memory Table (one Batch via Column.fromValues).
 * - `run(query, tables)` runs a query in-process with `runQuery` over those Tables and a fixed `now`
 *   (2024-03-31T15:00:00Z unless given), and returns the first result.
 * - `expectTable(result, { columns, rows, ordered })` compares column names, types and rows.
 * - `queryError(query, tables)` returns the error a query raises (binding or running).
 *
 * Cell convention — every value is compared in one "cell form", computed here by code independent of
 * src/ (so the expected values in tests stay hand-written):
 *
 * | KQL type            | cell form                                                                  |
 * |---------------------|----------------------------------------------------------------------------|
 * | string, guid        | JS string                                                                  |
 * | bool                | `true` / `false`                                                           |
 * | int, real, decimal  | JS number (`NaN` compares equal to `NaN`)                                  |
 * | long                | bigint (`2n`)                                                              |
 * | datetime            | ISO text with 7 fractional digits: `"2024-03-01T00:00:00.0000000Z"`         |
 * | timespan            | `[-][d.]hh:mm:ss[.fffffff]`: `"1.00:00:00"`, `"-12:00:00"`                  |
 * | dynamic             | compact JSON text; reals keep `.0` (`[4.0]`), longs don't (`[2]`)           |
 * | null (any but string) | `null`                                                                   |
 *
 * The same cell forms are accepted as input by `table()` (datetime as ISO text, long as number or bigint).
 * Rows are compared as a multiset (Kusto promises no row order) unless `ordered: true`.
 */
import { expect } from 'vitest';
import { Batch, tableRows, type Table, type TableSource } from '../../src/engine/batch.js';
import { Column, type JsValue } from '../../src/engine/column.js';
import type { DynValue } from '../../src/engine/dynamic.js';
import type { QueryResult } from '../../src/engine/execute.js';
import { runQuery } from '../../src/engine/run.js';
import type { Field, KqlType } from '../../src/engine/types.js';

export type Cell = string | number | bigint | boolean | null;

export const NOW = '2024-03-31T15:00:00Z';

const TICKS_PER_MS = 10_000n;
const TICKS_PER_SECOND = 10_000_000n;
/** Ticks from 0001-01-01 to 1970-01-01 (.NET DateTime(1970,1,1).Ticks). */
const UNIX_EPOCH_TICKS = 621_355_968_000_000_000n;

// ---------------------------------------------------------------------------------------------
// Independent datetime / timespan text (not the code under test)

/** Ticks of an ISO-8601 UTC text with up to 7 fractional digits, e.g. `2024-03-01T10:00:00.1234567Z`. */
export function ticks(iso: string): bigint {
  const m = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}(?::\d{2})?)(?:\.(\d{1,7}))?)?Z?$/.exec(iso);
  if (!m) throw new Error(`test helper: bad datetime ${iso}`);
  const ms = Date.parse(`${m[1]}T${m[2] ?? '00:00:00'}Z`);
  if (Number.isNaN(ms)) throw new Error(`test helper: bad datetime ${iso}`);
  return UNIX_EPOCH_TICKS + BigInt(ms) * TICKS_PER_MS + BigInt((m[3] ?? '').padEnd(7, '0'));
}

export function isoOfTicks(t: bigint): string {
  const frac = ((t % TICKS_PER_SECOND) + TICKS_PER_SECOND) % TICKS_PER_SECOND;
  const seconds = (t - frac - UNIX_EPOCH_TICKS) / TICKS_PER_SECOND;
  const text = new Date(Number(seconds) * 1000).toISOString(); // YYYY-MM-DDTHH:MM:SS.000Z
  return `${text.slice(0, 19)}.${frac.toString().padStart(7, '0')}Z`;
}

export function timespanText(t: bigint): string {
  const neg = t < 0n;
  let r = neg ? -t : t;
  const p2 = (x: bigint): string => x.toString().padStart(2, '0');
  const days = r / (86_400n * TICKS_PER_SECOND);
  r -= days * 86_400n * TICKS_PER_SECOND;
  const h = r / (3600n * TICKS_PER_SECOND);
  r -= h * 3600n * TICKS_PER_SECOND;
  const mi = r / (60n * TICKS_PER_SECOND);
  r -= mi * 60n * TICKS_PER_SECOND;
  const s = r / TICKS_PER_SECOND;
  const frac = r - s * TICKS_PER_SECOND;
  return `${neg ? '-' : ''}${days > 0n ? `${days}.` : ''}${p2(h)}:${p2(mi)}:${p2(s)}${frac ? '.' + frac.toString().padStart(7, '0') : ''}`;
}

/** Compact JSON of a dynamic value; reals always show a fraction or exponent (`4.0`), longs never. */
export function dynText(v: DynValue): string {
  if (v === null) return 'null';
  if (typeof v === 'bigint') return v.toString();
  if (typeof v === 'number') return Number.isInteger(v) ? v.toFixed(1) : Number.isNaN(v) ? 'NaN' : String(v);
  if (typeof v === 'boolean' || typeof v === 'string') return JSON.stringify(v);
  if (Array.isArray(v)) return `[${v.map(dynText).join(',')}]`;
  return `{${[...v].map(([k, x]) => `${JSON.stringify(k)}:${dynText(x)}`).join(',')}}`;
}

/** The cell form of a stored value (see the table above). */
export function cellOf(type: KqlType, v: JsValue): Cell {
  if (v === null) return null;
  switch (type) {
    case 'datetime':
      return isoOfTicks(v as bigint);
    case 'timespan':
      return timespanText(v as bigint);
    case 'dynamic':
      return dynText(v as DynValue);
    default:
      return v as Cell;
  }
}

function storedOf(type: KqlType, c: Cell | DynValue): JsValue {
  if (c === null) return null;
  switch (type) {
    case 'long':
      return BigInt(c as number | bigint);
    case 'datetime':
      return typeof c === 'string' ? ticks(c) : (c as bigint);
    default:
      return c as JsValue;
  }
}

// ---------------------------------------------------------------------------------------------
// Building and running

export type ColumnSpec = { readonly type: KqlType; readonly values: readonly (Cell | DynValue)[] };

/** A Table from `{ Url: { type: 'string', values: ['a', 'b'] }, … }`, columns in key order. */
export function table(columns: Readonly<Record<string, ColumnSpec>>): Table {
  const schema: Field[] = Object.entries(columns).map(([name, c]) => ({ name, type: c.type }));
  const cols = Object.values(columns).map((c) => Column.fromValues(c.type, c.values.map((v) => storedOf(c.type, v))));
  return { schema, batches: [new Batch(schema, cols)] };
}

/** Same schema, rows spread over two batches (operators must carry state across batches). */
/** The rows a scan of the table gives, as tableRows gives them. */
export function scannedRows(t: TableSource): unknown[][] {
  return tableRows({ schema: t.schema, batches: [...t.scan()] });
}

export function splitInTwo(t: Table, at: number): Table {
  const b = t.batches[0];
  const first = Int32Array.from({ length: at }, (_, i) => i);
  const second = Int32Array.from({ length: b.length - at }, (_, i) => at + i);
  return { schema: t.schema, batches: [b.take(first), b.take(second)] };
}

export async function runAll(query: string, tables: Readonly<Record<string, Table | string>> = {}, now: string = NOW): Promise<QueryResult[]> {
  return runQuery(query, { tables, now });
}

/** Runs a query in-process and returns its first (usually only) result. */
export async function run(query: string, tables: Readonly<Record<string, Table | string>> = {}, now: string = NOW): Promise<QueryResult> {
  return (await runAll(query, tables, now))[0];
}

/** The error a query raises, with the query text its span covers (`spanText`) and its line:column. */
export async function queryError(
  query: string, tables: Readonly<Record<string, Table | string>> = {}, now: string = NOW,
): Promise<{ name: string; message: string; spanText?: string; at?: string }> {
  try {
    await runQuery(query, { tables, now });
  } catch (e) {
    const err = e as Error & { span?: { start: number; end: number } };
    const out: { name: string; message: string; spanText?: string; at?: string } = { name: err.name, message: err.message };
    if (err.span) {
      out.spanText = query.slice(err.span.start, err.span.end);
      const before = query.slice(0, err.span.start).split('\n');
      out.at = `${before.length}:${before[before.length - 1].length + 1}`;
    }
    return out;
  }
  throw new Error(`expected the query to fail: ${query}`);
}

// ---------------------------------------------------------------------------------------------
// Comparing

export interface ExpectedTable {
  /** `name:type` for every column, in order. */
  readonly columns: readonly string[];
  readonly rows: readonly (readonly Cell[])[];
  /** Compare rows in order (default: as a multiset). */
  readonly ordered?: boolean;
}

/** Columns as `name:type` and rows in cell form. */
export function cellsOf(t: Table): { columns: string[]; rows: Cell[][] } {
  const rows: Cell[][] = [];
  for (const b of t.batches) {
    const readers = b.columns.map((c) => c.reader());
    for (let i = 0; i < b.length; i++) rows.push(readers.map((r, j) => cellOf(t.schema[j].type, r(i))));
  }
  return { columns: t.schema.map((f) => `${f.name}:${f.type}`), rows };
}

const rowKey = (row: readonly Cell[]): string =>
  JSON.stringify(row, (_k, v) => (typeof v === 'bigint' ? `${v}n` : Number.isNaN(v) ? 'NaN' : v));

export function sortRows(rows: readonly (readonly Cell[])[]): Cell[][] {
  return [...rows].map((r) => [...r]).sort((a, b) => (rowKey(a) < rowKey(b) ? -1 : rowKey(a) > rowKey(b) ? 1 : 0));
}

export function expectTable(result: QueryResult | Table, expected: ExpectedTable): void {
  const t = 'table' in result ? result.table : result;
  const actual = cellsOf(t);
  expect(actual.columns).toEqual([...expected.columns]);
  if (expected.ordered) expect(actual.rows).toEqual(expected.rows.map((r) => [...r]));
  else expect(sortRows(actual.rows)).toEqual(sortRows(expected.rows));
}

/** The 30 daily axis values 2024-03-01 … 2024-03-30 as the JSON strings make-series prints. */
export function marchDays(count = 30): string[] {
  return Array.from({ length: count }, (_, k) => `2024-03-${String(k + 1).padStart(2, '0')}T00:00:00.0000000Z`);
}
