/**
 * Loading a data file into a Table. The format is detected from the content, records are read raw, column
 * types come from the table's schema (given, else built in) or are inferred from the values, then each
 * column is converted, `batchSize` rows per Batch.
 */
import { Batch, type Table } from '../batch.js';
import { Column } from '../column.js';
import { InputError } from '../errors.js';
import type { Field } from '../types.js';
import { readCsv } from './csv.js';
import { readJsonArray, readJsonLines } from './json.js';
import type { Records } from './records.js';
import { readSource, type Source } from './source.js';
import { builtinSchemaFor } from './table-schemas.js';

export interface LoadOptions {
  /** Used to find the built-in schema of a known table when no schema is given. */
  readonly tableName?: string;
  readonly schema?: readonly Field[];
  /** Rows per Batch (default 65536). */
  readonly batchSize?: number;
  /**
   * The columns a query needs. The table then has only those of them that it would have without this
   * option (names it would not have are ignored), in the same order: the file's in file order, then the
   * schema's. A CSV reader scans the other fields without keeping them, and no reader types or converts them.
   */
  readonly columns?: readonly string[];
}

export type DataFormat = 'csv' | 'json-array' | 'json-lines';

const DEFAULT_BATCH_SIZE = 65536;
/** Rows converted column by column at a time: about 0.5 MB of a typical export, less than a core's L2 cache. */
const BLOCK_ROWS = 1024;
/** readTableSchema infers types from at most this many rows, read from at most this many bytes. */
const SAMPLE_ROWS = 1000;
const SAMPLE_BYTES = 4 << 20;

/**
 * The format of a file's text: a JSON array starts with `[`, JSON lines with `{`; anything else is taken
 * as CSV with a header row.
 */
export function detectFormat(text: string): DataFormat {
  return formatOf(/\S/.exec(text)?.[0]);
}

/** The format of a file whose first character other than white space is `first`. */
function formatOf(first: string | undefined): DataFormat {
  return first === '[' ? 'json-array' : first === '{' ? 'json-lines' : 'csv';
}

export async function loadTable(path: string, options: LoadOptions = {}): Promise<Table> {
  const records = readRecords(await readSource(path), path, options);
  const schema = resolveSchema(records, options);
  return buildTable(path, records, schema, options.batchSize ?? DEFAULT_BATCH_SIZE);
}

/**
 * The columns loadTable would give, from the header and the first records only. Inferred types come
 * from a sample of the rows, so a later row can still widen a type when the whole file is loaded.
 */
export async function readTableSchema(path: string, options: LoadOptions = {}): Promise<readonly Field[]> {
  const prefix = await readSource(path, SAMPLE_BYTES);
  let records = readRecords(prefix, path, options, SAMPLE_ROWS);
  // The first record may be longer than the prefix: then read it from the whole file.
  if (prefix.truncated && records.count === 0) records = readRecords(await readSource(path), path, options, SAMPLE_ROWS);
  return resolveSchema(records, options);
}

function readRecords(source: Source, file: string, options: LoadOptions, maxRows?: number): Records {
  switch (formatOf(source.first)) {
    case 'csv': {
      const columns = options.columns && new Set(options.columns);
      return readCsv(source.bytes, file, { maxRows, truncated: source.truncated, columns });
    }
    case 'json-array':
      return readJsonArray(source.text, file, maxRows, source.truncated);
    case 'json-lines':
      return readJsonLines(source.text, file, maxRows);
  }
}

/**
 * The file's columns in file order, typed by the schema or else inferred, then the schema's columns that
 * the file lacks, in schema order; only the wanted ones when `options.columns` is given.
 */
function resolveSchema(records: Records, options: LoadOptions): Field[] {
  const schema = options.schema
    ?? (options.tableName !== undefined ? builtinSchemaFor(options.tableName, records.names) : undefined)
    ?? [];
  const wanted = options.columns && new Set(options.columns);
  const keep = (name: string): boolean => !wanted || wanted.has(name);
  const declared = new Map(schema.map((f) => [f.name, f.type]));
  const fields: Field[] = [];
  records.names.forEach((name, j) => {
    if (keep(name)) fields.push({ name, type: declared.get(name) ?? records.inferType(j) ?? 'string' });
  });
  const inFile = new Set(records.names);
  for (const f of schema) if (!inFile.has(f.name) && keep(f.name)) fields.push(f);
  return fields;
}

function buildTable(file: string, records: Records, schema: Field[], batchSize: number): Table {
  const index = new Map(records.names.map((name, j) => [name, j]));
  // The file column of each field; undefined for a schema column that the file lacks.
  const sources = schema.map((f) => index.get(f.name));
  const batches: Batch[] = [];
  for (let start = 0; start < records.count; start += batchSize) {
    const end = Math.min(start + batchSize, records.count);
    const n = end - start;
    const columns = schema.map((f, c) => (sources[c] === undefined ? undefined : records.column(sources[c], f.type, n)));
    // Every column a block of rows at a time, so that the block's bytes are still in the CPU cache for the
    // next column; the bad value reported is the first in the file, by row and then by column.
    for (let from = start; from < end; from += BLOCK_ROWS) {
      const to = Math.min(from + BLOCK_ROWS, end);
      let bad: { row: number; field: number } | undefined;
      columns.forEach((column, c) => {
        const row = column ? column.append(from, to) : -1;
        if (row >= 0 && (!bad || row < bad.row)) bad = { row, field: c };
      });
      if (bad) throw badValue(file, records.line(bad.row), schema[bad.field], records.show(bad.row, sources[bad.field]!));
    }
    const finished = schema.map((f, c) => columns[c]?.finish() ?? Column.constant(f.type, f.type === 'string' ? '' : null, n));
    batches.push(new Batch(schema, finished, n));
  }
  return { schema, batches };
}

function badValue(file: string, line: number, field: Field, shown: string): InputError {
  const value = shown.length > 100 ? shown.slice(0, 99) + '…' : shown;
  const article = field.type === 'int' ? 'an' : 'a';
  return new InputError(`column '${field.name}' (${field.type}): cannot read '${value}' as ${article} ${field.type}.`, file, line);
}
