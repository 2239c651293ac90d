/**
 * Loading a data file into a Table. The format is detected from the content, records are read raw, column
 * types come from the table's schema (given, else built in) or are inferred from the values, then every value
 * is converted into column builders, `batchSize` rows per Batch.
 */
import { Batch, type Table } from '../batch.js';
import { Column, ColumnBuilder } from '../column.js';
import { InputError } from '../errors.js';
import type { Field } from '../types.js';
import { readCsv } from './csv.js';
import { readJsonArray, readJsonLines } from './json.js';
import type { Records } from './records.js';
import { readSource, type Source } from './source.js';
import { builtinSchemaFor } from './table-schemas.js';
import { BAD } from './values.js';

export interface LoadOptions {
  /** Used to find the built-in schema of a known table when no schema is given. */
  readonly tableName?: string;
  readonly schema?: readonly Field[];
  /** Rows per Batch (default 65536). */
  readonly batchSize?: number;
}

export type DataFormat = 'csv' | 'json-array' | 'json-lines';

const DEFAULT_BATCH_SIZE = 65536;
/** readTableSchema infers types from at most this many rows, read from at most this many bytes. */
const SAMPLE_ROWS = 1000;
const SAMPLE_BYTES = 4 << 20;

/**
 * The format of a file's text: a JSON array starts with `[`, JSON lines with `{`; anything else is taken
 * as CSV with a header row.
 */
export function detectFormat(text: string): DataFormat {
  const first = /\S/.exec(text)?.[0];
  return first === '[' ? 'json-array' : first === '{' ? 'json-lines' : 'csv';
}

export async function loadTable(path: string, options: LoadOptions = {}): Promise<Table> {
  const records = readRecords(await readSource(path), path);
  const schema = resolveSchema(records, options);
  return buildTable(path, records, schema, options.batchSize ?? DEFAULT_BATCH_SIZE);
}

/**
 * The columns loadTable would give, from the header and the first records only. Inferred types come
 * from a sample of the rows, so a later row can still widen a type when the whole file is loaded.
 */
export async function readTableSchema(path: string, options: LoadOptions = {}): Promise<readonly Field[]> {
  const prefix = await readSource(path, SAMPLE_BYTES);
  let records = readRecords(prefix, path, SAMPLE_ROWS);
  // The first record may be longer than the prefix: then read it from the whole file.
  if (prefix.truncated && records.lines.length === 0) records = readRecords(await readSource(path), path, SAMPLE_ROWS);
  return resolveSchema(records, options);
}

function readRecords(source: Source, file: string, maxRows?: number): Records {
  switch (detectFormat(source.text)) {
    case 'csv':
      return readCsv(source.bytes, file, maxRows, source.truncated);
    case 'json-array':
      return readJsonArray(source.text, file, maxRows, source.truncated);
    case 'json-lines':
      return readJsonLines(source.text, file, maxRows);
  }
}

/**
 * The file's columns in file order, typed by the schema or else inferred, then the schema's columns that
 * the file lacks, in schema order.
 */
function resolveSchema(records: Records, options: LoadOptions): Field[] {
  const schema = options.schema
    ?? (options.tableName !== undefined ? builtinSchemaFor(options.tableName, records.names) : undefined)
    ?? [];
  const declared = new Map(schema.map((f) => [f.name, f.type]));
  const fields: Field[] = records.names.map((name, j) => ({ name, type: declared.get(name) ?? records.inferType(j) ?? 'string' }));
  const inFile = new Set(records.names);
  for (const f of schema) if (!inFile.has(f.name)) fields.push(f);
  return fields;
}

function buildTable(file: string, records: Records, schema: Field[], batchSize: number): Table {
  const { lines } = records;
  const inFile = records.names.length;
  const converters = schema.slice(0, inFile).map((f, j) => records.converter(j, f.type));
  const batches: Batch[] = [];
  for (let start = 0; start < lines.length; start += batchSize) {
    const n = Math.min(batchSize, lines.length - start);
    const builders = converters.map((_, j) => new ColumnBuilder(schema[j].type, n));
    // Row by row, so that the first bad value reported is the first in the file.
    for (let i = start; i < start + n; i++) {
      for (let j = 0; j < inFile; j++) {
        const v = converters[j](i);
        if (v === BAD) throw badValue(file, lines[i], schema[j], records.show(i, j));
        builders[j].append(v);
      }
    }
    const missing = schema.slice(inFile).map((f) => Column.constant(f.type, f.type === 'string' ? '' : null, n));
    batches.push(new Batch(schema, [...builders.map((b) => b.finish()), ...missing], n));
  }
  return { schema, batches };
}

function badValue(file: string, line: number, field: Field, shown: string): InputError {
  const value = shown.length > 100 ? shown.slice(0, 99) + '…' : shown;
  const article = field.type === 'int' ? 'an' : 'a';
  return new InputError(`column '${field.name}' (${field.type}): cannot read '${value}' as ${article} ${field.type}.`, file, line);
}
