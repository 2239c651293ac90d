/**
 * Loading a data file into a Table. The format is detected from the content, records are read raw, column
 * types come from the table's schema (given, else built in) or are inferred from the values, then each
 * column is converted, `batchSize` rows per Batch.
 */
import { Batch, type Table } from '../batch.js';
import { Column } from '../column.js';
import { InputError } from '../errors.js';
import type { Field, KqlType } from '../types.js';
import { columnarFormat, loadColumnar, readColumnarInfo } from './columnar.js';
import { readCsv, readFirstRecord } from './csv.js';
import { suffixedNames, withDisplayTimes, type DateOrder } from './display-time.js';
import { readJsonArray, readJsonFiles, readJsonLines } from './json.js';
import type { RecordColumn, Records } from './records.js';
import { isFolder, listFiles, readSource, type Source } from './source.js';
import { builtinSchema, builtinSchemaFor } from './table-schemas.js';

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
  /** Told once about things worth knowing that are not errors (schema columns the file lacks, …). */
  readonly warn?: (message: string) => void;
  /** The missing-column warning names only these columns (e.g. those a query mentions); default: all. */
  readonly warnColumns?: readonly string[];
  /** `NEW → OLD`: the table gets a column NEW holding a copy of column OLD (`--alias Timestamp=TimeGenerated`). */
  readonly aliases?: Readonly<Record<string, string>>;
  /** The day/month order of numeric portal CSV dates when no value decides it. */
  readonly dateOrder?: DateOrder;
  /** The zone of portal CSV local times (`[Local Time]`, `Local time`): `UTC`, `+01:00`, or an IANA name. */
  readonly timeZone?: string;
  /**
   * Skip records with the wrong number of fields or a value that is not of its column's type, instead of
   * refusing the file; `warn` then tells how many and the first lines.
   */
  readonly skipBadRows?: boolean;
}

/** How a column's type was decided, as `kql schema` shows it. */
export type TypeOrigin = 'schema' | 'file' | 'inferred' | 'missing' | 'alias';

/** What loading a file found: its shape, the table it names, and where each column's type came from. */
export interface TableInfo {
  readonly format: string;
  /** The table the records name (Streaming API `category`), if any. */
  readonly table?: string;
  readonly columns: readonly (Field & { readonly origin: TypeOrigin })[];
}

export type DataFormat = 'csv' | 'json-array' | 'json-lines';

export const DEFAULT_BATCH_SIZE = 65536;
/** Row limits of the Defender portal export, Log Analytics and the hunting APIs. */
export const ROW_CAPS = [10000, 30000, 100000];
/** Rows converted column by column at a time: about 0.5 MB of a typical export, less than a core's L2 cache. */
const BLOCK_ROWS = 1024;
/** readTableSchema infers types from at most this many rows, read from at most this many bytes. */
export const SAMPLE_ROWS = 1000;
export const SAMPLE_BYTES = 4 << 20;

/**
 * The format of a file's text: a JSON array starts with `[`, JSON lines with `{`; anything else is taken
 * as CSV with a header row.
 */
export function detectFormat(text: string): DataFormat {
  return formatOf(/\S/.exec(text)?.[0]);
}

/** The format of a file whose first character other than white space is `first`. */
export function formatOf(first: string | undefined): DataFormat {
  return first === '[' ? 'json-array' : first === '{' ? 'json-lines' : 'csv';
}

export async function loadTable(path: string, options: LoadOptions = {}): Promise<Table> {
  return (await loadTableInfo(path, options)).table;
}

/** loadTable, also telling what it found (for `kql schema`). */
export async function loadTableInfo(path: string, options: LoadOptions = {}): Promise<{ table: Table; info: TableInfo }> {
  // Arrow IPC and Parquet files, by their magic bytes (columnar.ts).
  const columnar = await columnarFormat(path);
  if (columnar) return loadColumnar(path, columnar, options);
  let records = await readAll(path, options);
  const readerWarnings = records.warnings ?? [];
  const info = resolveInfo(records, options);
  const schema = info.columns.map(({ name, type }) => ({ name, type }));
  if (options.skipBadRows) {
    const bad = badValueRows(records, schema, info.sources);
    const lines = [...(records.skippedLines ?? []), ...[...bad].map((i) => records.line(i))].sort((a, b) => a - b);
    if (bad.size > 0) records = new SubsetRecords(records, bad);
    if (lines.length > 0) {
      const shown = lines.slice(0, 5).join(', ') + (lines.length > 5 ? ', …' : '');
      options.warn?.(`skipped ${lines.length} bad row${lines.length === 1 ? '' : 's'} (line${lines.length === 1 ? '' : 's'} ${shown}).`);
    }
  }
  for (const w of readerWarnings) options.warn?.(w);
  if (ROW_CAPS.includes(records.count)) {
    options.warn?.(`exactly ${records.count} rows, a row limit of the portal and APIs: the export is probably cut off.`);
  }
  const table = buildTable(path, records, schema, info.sources, options);
  return { table, info };
}

/** The records of a file, or of every file of a folder. */
async function readAll(path: string, options: LoadOptions, maxRows?: number): Promise<Records> {
  if (!(await isFolder(path))) return readRecords(await readSource(path), path, options, maxRows);
  const files = await listFiles(path);
  if (files.length === 0) throw new InputError('the folder holds no files.', path);
  const parts = [];
  for (const file of files) {
    const source = await readSource(file);
    if (source.first !== '{' && source.first !== '[') {
      throw new InputError('a folder can hold only JSON files (Streaming API or data export blobs); load CSV files one at a time.', file);
    }
    parts.push({ text: source.text, file, array: source.first === '[' });
  }
  return readJsonFiles(parts, maxRows, options.tableName);
}

/**
 * The columns loadTable would give, from the header and the first records only. Inferred types come
 * from a sample of the rows, so a later row can still widen a type when the whole file is loaded.
 */
export async function readTableSchema(path: string, options: LoadOptions = {}): Promise<readonly Field[]> {
  return (await readTableInfo(path, options)).columns.map(({ name, type }) => ({ name, type }));
}

/** readTableSchema, also telling the file's shape, its table and where each type came from. */
export async function readTableInfo(path: string, options: LoadOptions = {}): Promise<TableInfo> {
  const columnar = await columnarFormat(path);
  if (columnar) return readColumnarInfo(path, columnar, options);
  if (await isFolder(path)) return resolveInfo(await readAll(path, options, SAMPLE_ROWS), options);
  const prefix = await readSource(path, SAMPLE_BYTES);
  let records = readRecords(prefix, path, options, SAMPLE_ROWS);
  // The first record may be longer than the prefix: then read it from the whole file.
  if (prefix.truncated && records.count === 0) records = readRecords(await readSource(path), path, options, SAMPLE_ROWS);
  return resolveInfo(records, options);
}

/** The CSV fields a load keeps (undefined: all): the wanted columns and those aliases copy, under any time suffix. */
export function csvColumns(options: LoadOptions): Set<string> | undefined {
  return options.columns && new Set([...options.columns, ...Object.values(options.aliases ?? {})].flatMap(suffixedNames));
}

export function readRecords(source: Source, file: string, options: LoadOptions, maxRows?: number): Records {
  switch (formatOf(source.first)) {
    case 'csv': {
      const columns = csvColumns(options);
      const header = headerlessNames(source.bytes, file, options);
      const skipped: number[] = [];
      const skipBadRecord = options.skipBadRows ? (line: number) => void skipped.push(line) : undefined;
      const records: Records = readCsv(source.bytes, file, { maxRows, truncated: source.truncated, columns, header, skipBadRecord });
      if (skipped.length > 0) records.skippedLines = skipped;
      if (header) records.format = 'csv-headerless';
      return withDisplayTimes(records, file, options) ?? records;
    }
    case 'json-array':
      return readJsonArray(source.text, file, maxRows, source.truncated, options.tableName);
    case 'json-lines':
      return readJsonLines(source.text, file, maxRows, source.truncated, options.tableName);
  }
}

export interface ResolvedInfo extends TableInfo {
  /** The file column of each column; undefined for a schema column that the file lacks. */
  readonly sources: readonly (number | undefined)[];
}

const LOOKS_LIKE_DATA_RE = /^(\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}.*|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|-?\d+(\.\d+)?)$/i;

/**
 * The column names of a CSV without a header row (ADX `.export` writes none by default), or undefined when
 * the first row is a header. A first row is data when it names no column of the schema (given, else built
 * in, of as many columns as the row has fields) and holds a datetime, a GUID or a number; without a schema
 * such a row is refused, as its columns cannot be known.
 */
function headerlessNames(bytes: Buffer, file: string, options: LoadOptions): string[] | undefined {
  let nl = bytes.indexOf(0x0a);
  if (nl < 0) nl = bytes.length;
  const first = readFirstRecord(bytes.subarray(0, nl + 1));
  if (!first || !first.some((f) => LOOKS_LIKE_DATA_RE.test(f))) return undefined;
  const candidates = options.schema ? [options.schema] : options.tableName !== undefined
    ? [builtinSchema(options.tableName, 'defender-xdr'), builtinSchema(options.tableName, 'sentinel')] : [];
  const schemas = candidates.filter((s): s is readonly Field[] => s !== undefined);
  if (schemas.some((s) => s.some((f) => first.includes(f.name)))) return undefined;
  const fits = schemas.find((s) => s.length === first.length);
  if (fits) return fits.map((f) => f.name);
  const why = schemas.length === 0
    ? 'its columns are unknown; give them with --schema PATH (a JSON file {"columns":[{"name","type"}, …]}) or bind a known table, e.g. -t UrlClickEvents=PATH'
    : `the schema has ${schemas.map((s) => s.length).join(' or ')} columns but the row has ${first.length} fields`;
  throw new InputError(
    `the first row looks like data, not a header (an ADX .export without includeHeaders?), and ${why}.`, file, 1,
  );
}

/**
 * The file's columns in file order, typed by the schema (given, else built in), else by the types the file
 * declares, else inferred; then the schema's columns that the file lacks, in schema order; then aliases.
 * Only the wanted ones when `options.columns` is given.
 */
export function resolveInfo(
  records: Pick<Records, 'names' | 'count' | 'inferType' | 'declared' | 'table' | 'format'>, options: LoadOptions,
): ResolvedInfo {
  const tableName = options.tableName ?? records.table;
  const builtin = options.schema ? undefined : tableName !== undefined ? builtinSchemaFor(tableName, records.names) : undefined;
  const schema = options.schema ?? builtin ?? [];
  const wanted = options.columns && new Set(options.columns);
  const keep = (name: string): boolean => !wanted || wanted.has(name);
  const declared = new Map(schema.map((f) => [f.name, f.type]));
  const columns: (Field & { origin: TypeOrigin })[] = [];
  const sources: (number | undefined)[] = [];
  const index = new Map(records.names.map((name, j) => [name, j]));
  records.names.forEach((name, j) => {
    if (!keep(name)) return;
    const fromSchema = declared.get(name);
    const fromFile = records.declared?.get(name);
    const type = fromSchema ?? fromFile ?? records.inferType(j) ?? 'string';
    columns.push({ name, type, origin: fromSchema ? 'schema' : fromFile ? 'file' : 'inferred' });
    sources.push(j);
  });
  const missing: string[] = [];
  for (const f of schema) {
    if (index.has(f.name) || !keep(f.name)) continue;
    columns.push({ ...f, origin: 'missing' });
    sources.push(undefined);
    if (!options.warnColumns || options.warnColumns.includes(f.name)) missing.push(f.name);
  }
  if (missing.length > 0 && options.warn && records.count > 0) {
    const whose = options.schema ? 'the given schema' : `the ${tableName} schema`;
    const shown = missing.length > 8 ? `${missing.slice(0, 8).join(', ')}, … (${missing.length} in all)` : missing.join(', ');
    options.warn(`${missing.length} column${missing.length === 1 ? '' : 's'} of ${whose} ${missing.length === 1 ? 'is' : 'are'} not in the file and will be empty ("" for strings, null otherwise): ${shown}.`);
  }
  for (const [alias, of] of Object.entries(options.aliases ?? {})) {
    if (!keep(alias)) continue;
    const k = columns.findIndex((c) => c.name === of);
    if (k < 0 && !index.has(of)) {
      throw new InputError(`--alias ${alias}=${of}: the file has no column '${of}'.`);
    }
    if (columns.some((c) => c.name === alias && c.origin !== 'missing')) {
      throw new InputError(`--alias ${alias}=${of}: the file already has a column '${alias}'.`);
    }
    const at = columns.findIndex((c) => c.name === alias);
    if (at >= 0) {
      columns.splice(at, 1);
      sources.splice(at, 1);
    }
    const j = index.get(of);
    const type = k >= 0 ? columns[k].type : declared.get(of) ?? records.declared?.get(of) ?? (j !== undefined ? records.inferType(j) : undefined) ?? 'string';
    columns.push({ name: alias, type, origin: 'alias' });
    sources.push(j);
  }
  return { format: records.format ?? 'csv', table: records.table, columns, sources };
}

export function buildTable(
  file: string, records: Records, schema: Field[], sources: readonly (number | undefined)[], options: LoadOptions,
): Table {
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
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
      if (bad) {
        throw badValue(records.fileOf?.(bad.row) ?? file, records.line(bad.row), schema[bad.field], records.show(bad.row, sources[bad.field]!));
      }
    }
    const finished = schema.map((f, c) => columns[c]?.finish() ?? Column.constant(f.type, f.type === 'string' ? '' : null, n));
    batches.push(new Batch(schema, finished, n));
  }
  return { schema, batches };
}

/** The records with a value that is not of its column's type. */
function badValueRows(records: Records, schema: readonly Field[], sources: readonly (number | undefined)[]): Set<number> {
  const bad = new Set<number>();
  schema.forEach((f, c) => {
    const j = sources[c];
    if (j === undefined) return;
    const column = records.column(j, f.type, records.count);
    for (let from = 0; from < records.count;) {
      const row = column.append(from, records.count);
      if (row < 0) break;
      bad.add(row);
      from = row + 1;
    }
  });
  return bad;
}

/** The records without some of them (rows skipped by skipBadRows). */
class SubsetRecords implements Records {
  /** The kept records, in order. */
  private readonly keep: Int32Array;

  constructor(private readonly inner: Records, drop: ReadonlySet<number>) {
    this.keep = new Int32Array(inner.count - drop.size);
    for (let i = 0, k = 0; i < inner.count; i++) if (!drop.has(i)) this.keep[k++] = i;
    this.format = inner.format;
    this.table = inner.table;
    this.declared = inner.declared;
    if (inner.fileOf) this.fileOf = (i) => inner.fileOf!(this.keep[i]);
  }

  format?: string;
  table?: string;
  declared?: ReadonlyMap<string, KqlType>;
  fileOf?: (i: number) => string;

  get names(): readonly string[] {
    return this.inner.names;
  }

  get count(): number {
    return this.keep.length;
  }

  line(i: number): number {
    return this.inner.line(this.keep[i]);
  }

  inferType(j: number): KqlType | undefined {
    return this.inner.inferType(j);
  }

  show(i: number, j: number): string {
    return this.inner.show(this.keep[i], j);
  }

  column(j: number, type: KqlType, length: number): RecordColumn {
    const column = this.inner.column(j, type, length);
    const keep = this.keep;
    return {
      // Runs of consecutive kept records are appended at once.
      append(from, to) {
        for (let i = from; i < to;) {
          let k = i;
          while (k + 1 < to && keep[k + 1] === keep[k] + 1) k++;
          const bad = column.append(keep[i], keep[k] + 1);
          if (bad >= 0) return i + bad - keep[i];
          i = k + 1;
        }
        return -1;
      },
      finish: () => column.finish(),
    };
  }
}

function badValue(file: string, line: number, field: Field, shown: string): InputError {
  const value = shown.length > 100 ? shown.slice(0, 99) + '…' : shown;
  const article = field.type === 'int' ? 'an' : 'a';
  return new InputError(`column '${field.name}' (${field.type}): cannot read '${value}' as ${article} ${field.type}.`, file, line);
}
