/** `kql schema PATH`: how a data file is read: its shape, table, columns with their types and origin, rows. */
import { tableRowCount } from '../engine/batch.js';
import { KqlError, UsageError } from '../engine/errors.js';
import { loadTableInfo, type TypeOrigin } from '../engine/io/index.js';
import { describeError, exitCodeOf } from './errors.js';
import { loadOptionsOf, type DataOptions } from './inputs.js';
import type { CliIo } from './run-cli.js';

export interface SchemaOptions extends DataOptions {
  readonly table?: string;
  readonly debug?: boolean;
}

const FORMATS: Record<string, string> = {
  csv: 'CSV with a header row (Defender portal export, Excel, …)',
  'la-csv': 'Log Analytics / Sentinel portal CSV ("… [UTC]" / "… [Local Time]" headers)',
  'defender-csv-local': 'Defender portal CSV in local time ("Timestamp Local time")',
  'csv-headerless': 'CSV without a header row (ADX .export), columns from the schema',
  streaming: 'Defender Streaming API records (Storage blob, JSON lines)',
  eventhub: 'Defender Streaming API Event Hub message {"records":[…]}',
  graph: 'Graph runHuntingQuery response {"schema","results"}',
  'ah-api': 'Defender Advanced Hunting API response {"Schema","Results"}',
  'la-query': 'Log Analytics query API / kql --format json {"tables":[…]}',
  rows: 'JSON rows (array or one object per line: data export, saved results)',
  arrow: 'Arrow IPC file (kql convert, pyarrow, DuckDB, …)',
  'arrow-stream': 'Arrow IPC stream',
  parquet: 'Parquet file (ADX .export, kql convert, …)',
};

/** Formats whose table name comes from their metadata (`kql convert -t NAME`). */
const COLUMNAR = ['arrow', 'arrow-stream', 'parquet'];

const ORIGINS: Record<TypeOrigin, string> = {
  schema: 'schema',
  file: 'declared by the file',
  inferred: 'inferred from the values',
  missing: 'schema; not in the file',
  alias: 'alias',
};

export async function schemaCommand(path: string, opts: SchemaOptions, io: CliIo): Promise<number> {
  try {
    if (opts.table !== undefined && !/^[A-Za-z_][A-Za-z0-9_]*$/.test(opts.table)) {
      throw new UsageError(`-t '${opts.table}': expected a table name, for example -t UrlClickEvents.`);
    }
    const base = await loadOptionsOf(opts);
    const { table, info } = await loadTableInfo(path, { ...base, tableName: opts.table, warn: (m) => io.stderr(`warning: ${path}: ${m}\n`) });
    const name = opts.table ?? info.table;
    io.stdout(`file:    ${path}\n`);
    io.stdout(`format:  ${info.format} — ${FORMATS[info.format] ?? info.format}\n`);
    io.stdout(`table:   ${name ?? '(not named by the file; -t NAME gives one)'}${opts.table === undefined && info.table ? ` (from ${COLUMNAR.includes(info.format) ? 'the file\'s metadata' : 'the records\' category'})` : ''}\n`);
    io.stdout(`columns: ${info.columns.length}\n`);
    const width = Math.max(...info.columns.map((c) => c.name.length), 0);
    const typeWidth = Math.max(...info.columns.map((c) => c.type.length), 0);
    for (const c of info.columns) {
      // A missing column reads as "" when it is a string (strings have no null), else as null.
      const fill = c.origin === 'missing' ? (c.type === 'string' ? ' (empty)' : ' (null)') : '';
      io.stdout(`  ${c.name.padEnd(width)}  ${c.type.padEnd(typeWidth)}  ${ORIGINS[c.origin]}${fill}\n`);
    }
    io.stdout(`rows:    ${tableRowCount(table)}\n`);
    return 0;
  } catch (e) {
    io.stderr(describeError(e, undefined, !!opts.debug) + '\n');
    return e instanceof KqlError ? exitCodeOf(e) : 70;
  }
}
