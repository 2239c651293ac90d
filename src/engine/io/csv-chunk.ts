/**
 * Reading one chunk of a streamed CSV file into batches: the work a scan does on the main thread or hands
 * to a worker thread (csv-worker.ts), so both do exactly the same; and finding the chunks in the file.
 */
import { readSync } from 'node:fs';
import type { Batch } from '../batch.js';
import { InputError } from '../errors.js';
import type { Field } from '../types.js';
import { LF, readCsv } from './csv.js';
import { buildTable } from './load.js';
import { checkText, hasBom } from './source.js';


/** What every chunk of one scan is read with. */
export interface ScanSpec {
  readonly path: string;
  /** The header's names (those of the sampled first chunk). */
  readonly names: readonly string[];
  /** The fields to keep (projection pushdown), as readCsv takes them. */
  readonly columns?: ReadonlySet<string>;
  readonly schema: readonly Field[];
  /** The file column of each schema column (undefined: a column the file lacks). */
  readonly sources: readonly (number | undefined)[];
  readonly batchSize?: number;
}

export interface Chunk {
  /** The file offset of the chunk's first byte. */
  readonly start: number;
  /** From a record start (or the file start) to after a line break, or to the end of the file. */
  readonly bytes: Buffer;
  /** The chunk ends the file. */
  readonly last: boolean;
}

export interface ChunkResult {
  readonly batches: Batch[];
  /** Bytes of the chunk read: all of it, or up to a record whose quoted field goes on past the chunk's end. */
  readonly used: number;
  readonly rows: number;
}

/** The chunk's batches, or undefined when it holds no whole record (a longer chunk is needed). */
export function parseChunk(spec: ScanSpec, chunk: Chunk, linesBefore: () => number): ChunkResult | undefined {
  const first = chunk.start === 0;
  const skip = first && hasBom(chunk.bytes) ? 3 : 0;
  const bytes = chunk.bytes.subarray(skip);
  checkText(bytes, spec.path, linesBefore);
  const records = readCsv(bytes, spec.path, {
    columns: spec.columns,
    header: first ? undefined : spec.names,
    headerRead: true,
    truncated: !chunk.last,
    linesBefore,
  });
  if (!chunk.last && records.end === 0) return undefined;
  if (first && (records.names.length !== spec.names.length || records.names.some((n, i) => n !== spec.names[i]))) {
    throw new InputError('the file changed while it was being read.', spec.path);
  }
  const { batches } = buildTable(spec.path, records, [...spec.schema], spec.sources, { batchSize: spec.batchSize });
  return { batches: [...batches], used: skip + records.end, rows: records.count };
}

/** `length` bytes of the file from `offset`, into `scratch` when it is large enough. */
function readAt(fd: number, offset: number, length: number, scratch?: Buffer): Buffer {
  const buf = scratch && scratch.length >= length ? scratch.subarray(0, length) : Buffer.allocUnsafeSlow(length);
  for (let filled = 0; filled < length;) {
    const n = readSync(fd, buf, filled, length - filled, offset + filled);
    if (n === 0) return buf.subarray(0, filled);
    filled += n;
  }
  return buf;
}

/**
 * The chunk from `start` (a record start): up to `size` bytes cut after their last line break, or the rest
 * of the file. No line break in `size` bytes gives an empty chunk (parseChunk asks for a larger one).
 */
export function chunkAt(fd: number, start: number, size: number, totalBytes: number, scratch?: Buffer): Chunk {
  const bytes = readAt(fd, start, Math.min(size, totalBytes - start), scratch);
  const last = start + bytes.length >= totalBytes;
  return { start, bytes: last ? bytes : bytes.subarray(0, bytes.lastIndexOf(LF) + 1), last };
}

/** The offset after the first line break at or after `offset`, or the file's end. */
function afterLineBreak(fd: number, offset: number, totalBytes: number): number {
  const piece = Buffer.allocUnsafe(1 << 16);
  for (let at = offset; at < totalBytes; at += piece.length) {
    const bytes = readAt(fd, at, Math.min(piece.length, totalBytes - at), piece);
    const lf = bytes.indexOf(LF);
    if (lf >= 0) return at + lf + 1;
  }
  return totalBytes;
}

/**
 * Chunk `index` of a file cut in `size`-byte pieces, each moved to start after the first line break at or
 * after its nominal start (the file's start for the first). Each worker finds its chunk alone, so chunks
 * are read in parallel; that a line break found this way ends a record (and not a line inside quotes) is
 * checked when the chunk before is read: it must end exactly there.
 */
export function nominalChunk(fd: number, index: number, size: number, totalBytes: number, scratch?: Buffer): Chunk {
  const start = index === 0 ? 0 : afterLineBreak(fd, index * size - 1, totalBytes);
  const end = afterLineBreak(fd, (index + 1) * size - 1, totalBytes);
  const bytes = start < end ? readAt(fd, start, end - start, scratch) : Buffer.alloc(0);
  return { start, bytes, last: end >= totalBytes };
}
