/**
 * Opening a table for a query: a large CSV file whose column types are all known (from the given or
 * built-in schema) is read as the query runs, a chunk of bytes at a time, so memory holds only the
 * batches in flight; anything else is loaded whole (type inference and display-time decisions need every
 * row, JSON is parsed whole).
 */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { sourceOf, type Batch, type TableSource } from '../batch.js';
import { InputError } from '../errors.js';
import { columnarFormat } from './columnar.js';
import { readCsv, type CsvRead } from './csv.js';
import { suffixedNames } from './display-time.js';
import {
  buildTable, formatOf, loadTable, readRecords, resolveInfo, ROW_CAPS, SAMPLE_BYTES, SAMPLE_ROWS, type LoadOptions,
  type ResolvedInfo,
} from './load.js';
import { checkText, fileErrorMessage, hasBom, isFolder, readSource } from './source.js';

/** Bytes read per step: about 35,000 rows of a Defender export, a few MB of columns once converted. */
const CHUNK_BYTES = 16 << 20;
const LF = 0x0a;

/** What a scan has read so far, for progress reports. */
export interface ScanProgress {
  readonly bytes: number;
  readonly totalBytes: number;
  readonly rows: number;
}

export interface OpenOptions extends LoadOptions {
  /** Called after each chunk of a streamed file. */
  readonly progress?: (p: ScanProgress) => void;
  /** Bytes read per step (tests make it small); files larger than this are streamed. */
  readonly chunkBytes?: number;
}

/** The table at `path`, streamed when it can be (see above), else loaded. */
export async function openTable(path: string, options: OpenOptions = {}): Promise<TableSource> {
  return (await openCsvStream(path, options)) ?? sourceOf(await loadTable(path, options));
}

async function openCsvStream(path: string, options: OpenOptions): Promise<TableSource | undefined> {
  // Columnar files (columnar.ts) are loaded whole, their buffers as they are.
  if (options.skipBadRows || (await isFolder(path)) || (await columnarFormat(path))) return undefined;
  const chunkBytes = options.chunkBytes ?? CHUNK_BYTES;
  const prefix = await readSource(path, Math.min(chunkBytes, SAMPLE_BYTES));
  // Small files (read whole anyway) and gzip (decompressed whole) gain nothing.
  if (!prefix.truncated || formatOf(prefix.first) !== 'csv') return undefined;
  const sample = readRecords(prefix, path, options, SAMPLE_ROWS);
  if (sample.format !== undefined || sample.count === 0) return undefined;
  const info = resolveInfo(sample, options);
  if (info.columns.some((c) => c.origin === 'inferred')) return undefined;
  return { schema: info.columns.map(({ name, type }) => ({ name, type })), scan: () => scanCsv(path, sample.names, info, chunkBytes, options) };
}

/** The batches of a CSV file, a chunk at a time; the same checks and messages as a whole-file load. */
function* scanCsv(
  path: string, names: readonly string[], info: ResolvedInfo, chunkBytes: number, options: OpenOptions,
): Generator<Batch> {
  const schema = info.columns.map(({ name, type }) => ({ name, type }));
  const columns = options.columns && new Set([...options.columns, ...Object.values(options.aliases ?? {})].flatMap(suffixedNames));
  let fd: number;
  let totalBytes: number;
  try {
    fd = openSync(path, 'r');
    totalBytes = fstatSync(fd).size;
  } catch (e) {
    throw new InputError(fileErrorMessage(e), path);
  }
  try {
    let buf: Buffer = Buffer.allocUnsafe(chunkBytes);
    let filled = 0;
    /** The file offset of buf[0]. */
    let offset = 0;
    let rows = 0;
    let eof = false;
    let first = true;
    for (;;) {
      while (!eof && filled < buf.length) {
        const n = readSync(fd, buf, filled, buf.length - filled, offset + filled);
        if (n === 0) eof = true;
        filled += n;
      }
      // A chunk ends after its last line break; the rest waits for the next read.
      const end = eof ? filled : buf.lastIndexOf(LF, filled - 1) + 1;
      if (eof && end === 0) break;
      const skip = first && hasBom(buf) ? 3 : 0;
      const chunk = buf.subarray(skip, end);
      const chunkOffset = offset;
      const linesBefore = () => (chunkOffset === 0 ? 0 : countLines(fd, chunkOffset));
      const records = end === 0 ? undefined : readChunk(chunk, path, first ? undefined : names, !eof, linesBefore, columns);
      // No whole record (a record longer than the buffer, or a line break inside quotes ends the chunk
      // before the record's end): read more first.
      if (!records || (!eof && records.end === 0)) {
        buf = grown(buf, filled);
        continue;
      }
      if (first) checkSameHeader(records.names, names, path);
      yield* buildTable(path, records, schema, info.sources, options).batches;
      const used = skip + records.end;
      rows += records.count;
      options.progress?.({ bytes: offset + used, totalBytes, rows });
      if (eof) break;
      buf.copy(buf, 0, used, filled);
      filled -= used;
      offset += used;
      first = false;
    }
    if (ROW_CAPS.includes(rows)) {
      options.warn?.(`exactly ${rows} rows, a row limit of the portal and APIs: the export is probably cut off.`);
    }
  } finally {
    closeSync(fd);
  }
}

function readChunk(
  chunk: Buffer, path: string, header: readonly string[] | undefined, truncated: boolean, linesBefore: () => number,
  columns: ReadonlySet<string> | undefined,
): CsvRead {
  checkText(chunk, path, linesBefore);
  return readCsv(chunk, path, { columns, header, headerRead: true, truncated, linesBefore });
}

/** A larger buffer holding the first `filled` bytes of `buf`. */
function grown(buf: Buffer, filled: number): Buffer {
  const larger = Buffer.allocUnsafe(buf.length * 2);
  buf.copy(larger, 0, 0, filled);
  return larger;
}

/** The line breaks in the file before `offset` (only when a message needs a line number). */
function countLines(fd: number, offset: number): number {
  const buf = Buffer.allocUnsafe(1 << 20);
  let lines = 0;
  for (let at = 0; at < offset;) {
    const n = readSync(fd, buf, 0, Math.min(buf.length, offset - at), at);
    if (n === 0) break;
    for (let p = buf.indexOf(LF); p >= 0 && p < n; p = buf.indexOf(LF, p + 1)) lines++;
    at += n;
  }
  return lines;
}

function checkSameHeader(read: readonly string[], sampled: readonly string[], path: string): void {
  if (read.length !== sampled.length || read.some((n, i) => n !== sampled[i])) {
    throw new InputError('the file changed while it was being read.', path);
  }
}
