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
import type { Field } from '../types.js';
import { columnarFormat } from './columnar.js';
import { LF } from './csv.js';
import { chunkAt, nominalChunk, parseChunk, type ChunkResult, type ScanSpec } from './csv-chunk.js';
import type { ChunkReply } from './csv-worker.js';
import { ChunkWorkers } from './csv-workers.js';
import {
  csvColumns, formatOf, loadTable, readRecords, resolveInfo, ROW_CAPS, SAMPLE_BYTES, SAMPLE_ROWS, type LoadOptions,
} from './load.js';
import { fileErrorMessage, isFolder, readSource } from './source.js';

/** Bytes read per step: about 15,000 rows of a Defender export; small enough to stay in the CPU cache from read to parse. */
const CHUNK_BYTES = 4 << 20;

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
  const schema = info.columns.map(({ name, type }) => ({ name, type }));
  return { schema, scan: () => scanCsv(path, sample.names, schema, info.sources, chunkBytes, options) };
}

/**
 * The batches of a CSV file, a chunk at a time, in file order; the same checks and messages as a whole-file
 * load. With worker threads, the file is cut in chunks found independently (nominalChunk), shared between
 * this thread and the workers, which read their chunks themselves. Each chunk read must end exactly where
 * the next starts (a line break inside quotes may fool the cut): when one does not, the scan goes on alone
 * from where it really ended.
 */
function* scanCsv(
  path: string, names: readonly string[], schema: readonly Field[], sources: readonly (number | undefined)[], chunkBytes: number,
  options: OpenOptions,
): Generator<Batch> {
  const columns = csvColumns(options);
  const spec: ScanSpec = { path, names, columns, schema, sources, batchSize: options.batchSize };
  let fd: number;
  let totalBytes: number;
  try {
    fd = openSync(path, 'r');
    totalBytes = fstatSync(fd).size;
  } catch (e) {
    throw new InputError(fileErrorMessage(e), path);
  }
  const linesBefore = (offset: number) => () => (offset === 0 ? 0 : countLines(fd, offset));
  const scratch = Buffer.allocUnsafeSlow(chunkBytes + (chunkBytes >> 2));
  let rows = 0;
  function* emit(result: ChunkResult, chunk: { start: number }): Generator<Batch> {
    yield* result.batches;
    rows += result.rows;
    options.progress?.({ bytes: chunk.start + result.used, totalBytes, rows });
  }

  /** Reads chunk after chunk here, from `start` (a record start) to the end. */
  function* alone(start: number): Generator<Batch> {
    for (let offset = start, size = chunkBytes; offset < totalBytes;) {
      const chunk = chunkAt(fd, offset, size, totalBytes, scratch);
      const result = parseChunk(spec, chunk, linesBefore(offset));
      if (!result) {
        size *= 2;
        continue;
      }
      yield* emit(result, chunk);
      if (chunk.last) break;
      offset += result.used;
      size = chunkBytes;
    }
  }

  /**
   * Reads with the workers; returns where to go on alone, or undefined at the end of the file. Each worker
   * has up to two chunks in hand; this thread, when the next chunk in order is not ready, reads the next
   * unassigned one itself rather than wait, and keeps its batches until their turn.
   */
  function* shared(workers: ChunkWorkers): Generator<Batch, number | undefined> {
    const count = Math.ceil(totalBytes / chunkBytes);
    const ready = new Map<number, { chunk: { start: number; length: number; last: boolean }; reply?: ChunkReply; result?: ChunkResult; error?: unknown }>();
    const asked: number[][] = Array.from({ length: workers.count }, () => []);
    let next = 0;
    const ahead = 4 * (workers.count + 1);
    const collect = (lane: number, block: boolean): void => {
      const reply = workers.take(lane, block);
      if (!reply) return;
      asked[lane].shift();
      ready.set(reply.id, { chunk: { start: reply.start, length: reply.length, last: reply.start + reply.length >= totalBytes }, reply });
    };
    for (let index = 0; index < count; index++) {
      for (;;) {
        asked.forEach((ids, lane) => {
          while (ids.length < 2 && next < count && next < index + ahead) {
            workers.submit(lane, { id: next, spec, index: next, size: chunkBytes, totalBytes });
            ids.push(next++);
          }
          if (ids.length > 0) collect(lane, false);
        });
        if (ready.has(index)) break;
        const lane = asked.findIndex((ids) => ids.includes(index));
        if (lane >= 0 && (next >= count || next >= index + ahead)) {
          collect(lane, true);
          continue;
        }
        // Not ready: read a chunk here, this one if no worker has it, else the next unassigned one.
        const mine = lane < 0 ? index : next++;
        const read = nominalChunk(fd, mine, chunkBytes, totalBytes, scratch);
        const chunk = { start: read.start, length: read.bytes.length, last: read.last };
        // An error waits for its chunk's turn: a chunk before may end the scan first, or show that this
        // chunk's start was a line break inside quotes.
        let result: ChunkResult | undefined;
        let error: unknown;
        try {
          result = parseChunk(spec, read, linesBefore(read.start));
        } catch (e) {
          error = e;
        }
        ready.set(mine, { chunk, result, error });
        if (mine === index) next = Math.max(next, index + 1);
      }
      const { chunk, reply, result: own, error } = ready.get(index)!;
      ready.delete(index);
      if (error) throw error;
      const result = reply ? received(reply) : own;
      if (result) yield* emit(result, chunk);
      if (!result || result.used < chunk.length) return chunk.start + (result?.used ?? 0);
      if (chunk.last) return undefined;
    }
    return undefined;
  }

  const received = (reply: ChunkReply): ChunkResult | undefined => {
    if ('more' in reply) return undefined;
    if ('problem' in reply) {
      throw new InputError(reply.problem, path, reply.line === undefined ? undefined : reply.line + linesBefore(reply.start)());
    }
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

