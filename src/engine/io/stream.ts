/**
 * Opening a table for a query: a large CSV file whose column types are all known (from the given or
 * built-in schema) is read as the query runs, a chunk of bytes at a time, so memory holds only the
 * batches in flight; anything else is loaded whole (type inference and display-time decisions need every
 * row, JSON is parsed whole).
 */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { Batch, sourceOf, type TableSource } from '../batch.js';
import { columnFromParts } from '../column.js';
import { InputError, InternalError } from '../errors.js';
import { columnarFormat } from './columnar.js';
import { parseChunk, type ChunkJob, type ChunkResult } from './csv-chunk.js';
import type { ChunkReply } from './csv-worker.js';
import { ChunkWorkers } from './csv-workers.js';
import { suffixedNames } from './display-time.js';
import {
  buildTable, formatOf, loadTable, readRecords, resolveInfo, ROW_CAPS, SAMPLE_BYTES, SAMPLE_ROWS, type LoadOptions,
  type ResolvedInfo,
} from './load.js';
import { fileErrorMessage, isFolder, readSource } from './source.js';

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

/**
 * The batches of a CSV file, a chunk at a time, in file order; the same checks and messages as a whole-file
 * load. With worker threads, chunks are read ahead and shared between this thread and the workers, each
 * chunk starting after the previous one's last line break. That guess is checked as each chunk is read
 * (a quoted field may hold a line break): when it was wrong, the scan goes on alone from the right place.
 */
function* scanCsv(
  path: string, names: readonly string[], info: ResolvedInfo, chunkBytes: number, options: OpenOptions,
): Generator<Batch> {
  const schema = info.columns.map(({ name, type }) => ({ name, type }));
  const columns = options.columns && [...new Set([...options.columns, ...Object.values(options.aliases ?? {})].flatMap(suffixedNames))];
  const job = (offset: number, chunk: Chunk): ChunkJob => ({
    path, bytes: chunk.bytes, first: offset === 0, last: chunk.last, names, columns, schema, sources: info.sources, batchSize: options.batchSize,
  });
  let fd: number;
  let totalBytes: number;
  try {
    fd = openSync(path, 'r');
    totalBytes = fstatSync(fd).size;
  } catch (e) {
    throw new InputError(fileErrorMessage(e), path);
  }
  const linesBefore = (offset: number) => () => (offset === 0 ? 0 : countLines(fd, offset));
  let rows = 0;
  function* emit(result: ChunkResult, offset: number): Generator<Batch> {
    yield* result.batches;
    rows += result.rows;
    options.progress?.({ bytes: offset + result.used, totalBytes, rows });
  }

  /** Reads chunk after chunk here, from `start` (a record start) to the end. */
  function* alone(start: number): Generator<Batch> {
    for (let offset = start, size = chunkBytes; offset < totalBytes;) {
      const chunk = readChunk(fd, offset, size, totalBytes);
      const result = parseChunk(job(offset, chunk), linesBefore(offset));
      if (!result) {
        size *= 2;
        continue;
      }
      yield* emit(result, offset);
      if (chunk.last) break;
      offset += result.used;
      size = chunkBytes;
    }
  }

  /** Reads with the workers; returns where to go on alone, or undefined at the end of the file. */
  function* shared(workers: ChunkWorkers): Generator<Batch, number | undefined> {
    const lanes = workers.count + 1;
    const queue: { offset: number; chunk: Chunk; length: number; lane: number; id: number }[] = [];
    let next = 0;
    let id = 0;
    const readAhead = (): void => {
      while (queue.length < 2 * lanes && next < totalBytes) {
        const chunk = readChunk(fd, next, chunkBytes, totalBytes);
        if (chunk.bytes.length === 0) return; // no line break in a whole chunk: the scan alone grows it
        const item = { offset: next, chunk, length: chunk.bytes.length, lane: id % lanes, id: id++ };
        if (item.lane > 0) workers.submit(item.lane - 1, item.id, job(item.offset, chunk));
        queue.push(item);
        next += item.length;
      }
    };
    readAhead();
    while (queue.length > 0) {
      const item = queue.shift()!;
      const result = item.lane === 0
        ? parseChunk(job(item.offset, item.chunk), linesBefore(item.offset))
        : received(workers.wait(item.lane - 1, item.id), item.offset);
      if (result) yield* emit(result, item.offset);
      if (!result || result.used < item.length) return item.offset + (result?.used ?? 0);
      readAhead();
    }
    return next < totalBytes ? next : undefined;
  }

  const received = (reply: ChunkReply, offset: number): ChunkResult | undefined => {
    if ('more' in reply) return undefined;
    if ('problem' in reply) throw new InputError(reply.problem, path, reply.line === undefined ? undefined : reply.line + linesBefore(offset)());
    if ('fatal' in reply) throw new InternalError(`CSV worker: ${reply.fatal}`);
    const batches = reply.batches.map((b) => new Batch(schema, b.columns.map(columnFromParts), b.length));
    return { batches, used: reply.used, rows: reply.rows };
  };

  const workers = totalBytes > 2 * chunkBytes ? ChunkWorkers.start() : undefined;
  try {
    const rest = workers ? yield* shared(workers) : 0;
    workers?.close();
    if (rest !== undefined) yield* alone(rest);
    if (ROW_CAPS.includes(rows)) {
      options.warn?.(`exactly ${rows} rows, a row limit of the portal and APIs: the export is probably cut off.`);
    }
  } finally {
    workers?.close();
    closeSync(fd);
  }
}

interface Chunk {
  /** From the offset read to after the last line break, or to the end of the file (a buffer of its own). */
  readonly bytes: Uint8Array;
  readonly last: boolean;
}

/** Up to `size` bytes of the file from `offset`, cut after their last line break unless they end the file. */
function readChunk(fd: number, offset: number, size: number, totalBytes: number): Chunk {
  const buf = Buffer.allocUnsafeSlow(Math.min(size, totalBytes - offset));
  let filled = 0;
  while (filled < buf.length) {
    const n = readSync(fd, buf, filled, buf.length - filled, offset + filled);
    if (n === 0) break;
    filled += n;
  }
  const last = offset + filled >= totalBytes;
  return { bytes: buf.subarray(0, last ? filled : buf.lastIndexOf(LF, filled - 1) + 1), last };
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

