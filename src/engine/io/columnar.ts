/**
 * Columnar files (Arrow IPC, Parquet), told from text by their magic bytes. Each column's type comes from
 * the table's schema (given, else built in) or else from the file (its Arrow type, or the `kql.type`
 * metadata `kql convert` writes), as for the text formats (load.ts); only the columns wanted are read.
 */
import { RecordBatchFileWriter, Table as ArrowTable, type Schema } from 'apache-arrow';
import { closeSync, openSync, readSync, writeSync } from 'node:fs';
import { Batch, type Table, type TableSource } from '../batch.js';
import { Column } from '../column.js';
import { InputError, KqlError } from '../errors.js';
import type { KqlType } from '../types.js';
import {
  KQL_TABLE_KEY, KQL_TYPE_KEY, arrowBatchesOf, arrowTypeName, canConvert, convertColumn, fileColumnType, showArrowValue, type Converted,
} from './arrow-columns.js';
import { arrowIpcFormat, openArrowIpc } from './arrow-ipc.js';
import { DEFAULT_BATCH_SIZE, resolveInfo, type LoadOptions, type ResolvedInfo, type TableInfo } from './load.js';
import { isParquet, openParquet, parquetBytes } from './parquet.js';
import { isFolder, listFiles } from './source.js';

export type ColumnarFormat = 'arrow' | 'arrow-stream' | 'parquet';

/** An opened columnar file: its Arrow schema now, its data on demand. */
export interface ColumnarFile {
  readonly format: ColumnarFormat;
  readonly schema: Schema;
  /** The row count, when the file tells it without reading the data. */
  readonly rows?: number;
  /** The data of (at least) the given columns, in batches of about `batchSize` rows where the reader chooses. */
  read(columns: readonly string[], batchSize: number): Promise<ArrowTable>;
}

/**
 * The columnar format of the file, by its first bytes, or of every file of a folder (ADX `.export` writes a
 * table as several Parquet files); undefined for text files and folders of them, and unreadable paths.
 */
export async function columnarFormat(path: string): Promise<ColumnarFormat | undefined> {
  if (!(await isFolder(path))) return fileFormat(path);
  const formats = new Set((await listFiles(path)).map(fileFormat));
  const [only] = formats;
  return formats.size === 1 ? only : undefined;
}

function fileFormat(path: string): ColumnarFormat | undefined {
  let head: Buffer;
  try {
    // Synchronous: eight bytes, before every load of a file.
    const fd = openSync(path, 'r');
    try {
      head = Buffer.alloc(8);
      head = head.subarray(0, readSync(fd, head, 0, 8, 0));
    } finally {
      closeSync(fd);
    }
  } catch {
    return undefined; // the text readers report the path
  }
  return isParquet(head) ? 'parquet' : arrowIpcFormat(head);
}

interface ColumnarInfo extends ResolvedInfo {
  /** The KQL type the file gives each of its columns (undefined: none fits its Arrow type). */
  readonly fileTypes: readonly (KqlType | undefined)[];
}

/** The file, or the files of the folder in path order, opened; a folder's files must have one schema. */
async function openParts(path: string, format: ColumnarFormat): Promise<{ path: string; file: ColumnarFile }[]> {
  const paths = (await isFolder(path)) ? await listFiles(path) : [path];
  const parts: { path: string; file: ColumnarFile }[] = [];
  for (const p of paths) parts.push({ path: p, file: await (format === 'parquet' ? openParquet(p) : openArrowIpc(p, format)) });
  const shape = (f: ColumnarFile): string => f.schema.fields.map((x) => {
    const declared = x.metadata.get(KQL_TYPE_KEY);
    return `${x.name}: ${arrowTypeName(x.type)}${declared !== undefined ? ` (${KQL_TYPE_KEY}=${declared})` : ''}`;
  }).join(', ');
  const other = parts.find((x) => shape(x.file) !== shape(parts[0].file));
  if (other) throw new InputError(`its columns differ from those of ${parts[0].path} (${shape(other.file)}).`, other.path);
  return parts;
}

/** The columns loadColumnar gives, from the file's schema alone. */
export async function readColumnarInfo(path: string, format: ColumnarFormat, options: LoadOptions): Promise<TableInfo> {
  const parts = await openParts(path, format);
  const { format: f, table, columns } = resolveColumnar(parts, options);
  return { format: f, table, columns };
}

export async function loadColumnar(path: string, format: ColumnarFormat, options: LoadOptions): Promise<{ table: Table; info: TableInfo }> {
  const parts = await openParts(path, format);
  const info = resolveColumnar(parts, options);
  const names = parts[0].file.schema.fields.map((f) => f.name);
  const wanted = [...new Set(info.sources.flatMap((j) => (j === undefined ? [] : [names[j]])))];
  const schema = info.columns.map(({ name, type }) => ({ name, type }));
  const batches: Batch[] = [];
  const skipped: string[] = [];
  for (const part of parts) batches.push(...await loadPart(part.path, part.file, info, wanted, options, (row) => skipped.push(parts.length > 1 ? `${part.path} row ${row}` : `${row}`)));
  if (skipped.length > 0) {
    const shown = skipped.slice(0, 5).join(', ') + (skipped.length > 5 ? ', …' : '');
    options.warn?.(`skipped ${skipped.length} bad row${skipped.length === 1 ? '' : 's'} (row${skipped.length === 1 ? '' : 's'} ${shown}).`);
  }
  return { table: { schema, batches }, info: { format: info.format, table: info.table, columns: info.columns } };
}

/** The batches of one file: its wanted columns converted to the table's types; rows with bad values refused, or skipped. */
async function loadPart(
  path: string, file: ColumnarFile, info: ColumnarInfo, wanted: readonly string[], options: LoadOptions, skip: (row: number) => void,
): Promise<Batch[]> {
  const names = file.schema.fields.map((f) => f.name);
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  const data = wanted.length > 0 || file.rows === undefined ? await file.read(wanted, batchSize) : undefined;
  // Without a column to read (`T | count`), the batches only count rows.
  const lengths = data ? data.batches.map((b) => b.numRows)
    : Array.from({ length: Math.ceil(file.rows! / batchSize) }, (_, k) => Math.min(batchSize, file.rows! - k * batchSize));
  const schema = info.columns.map(({ name, type }) => ({ name, type }));
  const batches: Batch[] = [];
  let first = 0;
  lengths.forEach((n, b) => {
    const converted = new Map<string, Converted>();
    const columns = schema.map((f, c): Converted | undefined => {
      const j = info.sources[c];
      if (j === undefined) return undefined;
      const key = `${j}:${f.type}`;
      let done = converted.get(key);
      if (!done) {
        done = convertColumn(data!.batches[b].getChild(names[j])!.data[0], info.fileTypes[j]!, f.type);
        converted.set(key, done);
      }
      return done;
    });
    const bad = new Set(columns.flatMap((c) => c?.bad ?? []));
    if (bad.size > 0 && !options.skipBadRows) {
      const row = Math.min(...bad);
      const c = columns.findIndex((x) => x?.bad.includes(row));
      const shown = showArrowValue(data!.batches[b].getChild(names[info.sources[c]!])!.data[0], row);
      const value = shown.length > 100 ? shown.slice(0, 99) + '…' : shown;
      const { name, type } = schema[c];
      throw new InputError(`row ${first + row + 1}: column '${name}' (${type}): cannot read '${value}' as ${type === 'int' ? 'an' : 'a'} ${type}.`, path);
    }
    let batch = new Batch(schema, schema.map((f, c) => columns[c]?.column ?? Column.constant(f.type, f.type === 'string' ? '' : null, n)), n);
    if (bad.size > 0) {
      const keep = new Int32Array(n - bad.size);
      for (let i = 0, k = 0; i < n; i++) if (!bad.has(i)) keep[k++] = i;
      batch = batch.take(keep);
      for (const i of [...bad].sort((x, y) => x - y)) skip(first + i + 1);
    }
    batches.push(batch);
    first += n;
  });
  return batches;
}

/** The table's columns (as load.ts resolves them) from the file's schema, refusing columns that cannot be read. */
function resolveColumnar(parts: readonly { path: string; file: ColumnarFile }[], options: LoadOptions): ColumnarInfo {
  const { path, file } = parts[0];
  const rows = parts.every((x) => x.file.rows !== undefined) ? parts.reduce((n, x) => n + x.file.rows!, 0) : undefined;
  const fields = file.schema.fields;
  const names = fields.map((f) => f.name);
  const twice = names.find((n, j) => names.indexOf(n) !== j);
  if (twice !== undefined) throw new InputError(`the file has two columns named '${twice}'.`, path);
  const fileTypes = fields.map((f) => fileColumnType(f, path));
  const declared = new Map(names.flatMap((n, j) => (fileTypes[j] ? [[n, fileTypes[j]!] as const] : [])));
  const info = resolveInfo({
    names, declared, count: rows ?? 1, format: file.format, table: file.schema.metadata.get(KQL_TABLE_KEY), inferType: () => undefined,
  }, options);
  info.columns.forEach((c, k) => {
    const j = info.sources[k];
    if (j === undefined) return;
    const t = fields[j].type;
    const fileType = fileTypes[j];
    if (fileType === undefined) {
      throw new InputError(`column '${names[j]}' is of the Arrow type ${arrowTypeName(t)}, which no KQL type holds.`, path);
    }
    if (!canConvert(t, fileType, c.type)) {
      throw new InputError(`column '${names[j]}' is ${arrowTypeName(t)} (${fileType}) in the file and cannot be read as ${c.type}, its type in the schema.`, path);
    }
  });
  return { ...info, fileTypes };
}

/**
 * Writes the table as a columnar file that keeps each column's KQL type (and the table's name, if given);
 * returns its rows and bytes. An Arrow file is written a batch at a time, as the table is scanned; a
 * Parquet file is made whole (parquet-wasm writes a whole table).
 */
export async function writeColumnar(
  source: TableSource, path: string, format: 'arrow' | 'parquet', tableName?: string, dictionaryLimit?: number,
): Promise<{ rows: number; bytes: number }> {
  const { schema, batches } = arrowBatchesOf(source, tableName, dictionaryLimit);
  let rows = 0;
  const counted = function* () {
    for (const b of batches()) {
      rows += b.numRows;
      yield b;
    }
  };
  let fd: number | undefined;
  let bytes = 0;
  try {
    fd = openSync(path, 'w');
    if (format === 'parquet') {
      const file = await parquetBytes(new ArrowTable(schema, [...counted()]));
      writeSync(fd, file);
      bytes = file.length;
    } else {
      // The writer queues each batch's bytes; they are taken and written out while the next batch is
      // read (the async generator yields between batches), so the file need not fit in memory.
      const writer = new RecordBatchFileWriter();
      writer.reset(undefined, schema);
      const written = writer.writeAll((async function* () {
        for (const batch of counted()) {
          yield batch;
          await new Promise((resolve) => setImmediate(resolve));
        }
      })()).catch((e: unknown) => {
        writer.abort(e); // ends the loop below with the error
        throw e;
      });
      for await (const chunk of writer) bytes += writeSync(fd, chunk);
      await written;
    }
  } catch (e) {
    if (e instanceof KqlError) throw e;
    throw new InputError(`cannot write the file (${(e as NodeJS.ErrnoException).code ?? String(e)}).`, path);
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
  return { rows, bytes };
}
