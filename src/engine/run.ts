/**
 * The library entry points: parse, bind and run a query over tables given as files or as
 * already-loaded Tables.
 */
import { parseQuery } from '../parser/index.js';
import { UsageError } from './errors.js';
import { executeQuery, type QueryResult } from './execute.js';
import { bindLearning, catalogOf, prepareQuery, readSchemas, type TableInput } from './prepare.js';
import type { Visualization } from './plan.js';
import { parseIsoDatetime } from './time.js';
import { TICKS_PER_MS, UNIX_EPOCH_TICKS, type Field } from './types.js';

export interface QueryOptions {
  /** Table name → a data file path, a file with load options, or a loaded Table. */
  readonly tables?: Readonly<Record<string, TableInput>>;
  /** The instant now() returns, for the whole query: ISO-8601 text, a Date, or ticks. Default: the clock. */
  readonly now?: string | Date | bigint;
}

export interface CheckedResult {
  readonly name: string;
  readonly schema: readonly Field[];
  readonly visualization?: Visualization;
}

export function resolveNow(now: QueryOptions['now']): bigint {
  if (typeof now === 'bigint') return now;
  if (typeof now === 'string') {
    const t = parseIsoDatetime(now);
    if (t === undefined) throw new UsageError(`--now: '${now}' is not an ISO-8601 datetime such as 2024-03-31T15:00:00Z.`);
    return t;
  }
  const ms = (now ?? new Date()).getTime();
  return UNIX_EPOCH_TICKS + BigInt(ms) * TICKS_PER_MS;
}

/**
 * Parses and binds a query; reads only the headers (or a sample) of table files. Columns that depend
 * on the data are learned only from inputs that read no table.
 */
export async function checkQuery(query: string, options: QueryOptions = {}): Promise<CheckedResult[]> {
  const schemas = await readSchemas(options.tables ?? {});
  const bound = await bindLearning(parseQuery(query), catalogOf(schemas), { now: resolveNow(options.now) }, new Map());
  return bound.results.map((r) => ({ name: r.name, schema: r.plan.schema, visualization: r.visualization }));
}

/** Parses the query, loads what it reads, binds and runs it. */
export async function runQuery(query: string, options: QueryOptions = {}): Promise<QueryResult[]> {
  const ctx = { now: resolveNow(options.now) };
  const { bound, tables } = await prepareQuery(parseQuery(query), options.tables ?? {}, ctx);
  return executeQuery(bound, { query: ctx, tables });
}
