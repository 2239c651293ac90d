/**
 * Reading one chunk of a streamed CSV file into batches: the work a scan does on the main thread or hands
 * to a worker thread (csv-worker.ts), so both do exactly the same.
 */
import type { Batch } from '../batch.js';
import { InputError } from '../errors.js';
import type { Field } from '../types.js';
import { readCsv } from './csv.js';
import { buildTable } from './load.js';
import { checkText, hasBom } from './source.js';

export interface ChunkJob {
  readonly path: string;
  /** The bytes from a record start (or the file start) to after a line break, or to the end of the file. */
  readonly bytes: Uint8Array;
  /** The chunk starts the file: it holds the header row (and maybe a BOM). */
  readonly first: boolean;
  /** The chunk ends the file. */
  readonly last: boolean;
  /** The header's names (those of the sampled first chunk). */
  readonly names: readonly string[];
  /** The columns to keep (projection pushdown), as readCsv takes them. */
  readonly columns?: readonly string[];
  readonly schema: readonly Field[];
  /** The file column of each schema column (undefined: a column the file lacks). */
  readonly sources: readonly (number | undefined)[];
  readonly batchSize?: number;
}

export interface ChunkResult {
  readonly batches: Batch[];
  /** Bytes of the chunk read: all of it, or up to a record whose quoted field goes on past the chunk's end. */
  readonly used: number;
  readonly rows: number;
}

/** The chunk's batches, or undefined when it holds no whole record (a longer chunk is needed). */
export function parseChunk(job: ChunkJob, linesBefore: () => number): ChunkResult | undefined {
  const buffer = Buffer.from(job.bytes.buffer, job.bytes.byteOffset, job.bytes.length);
  const skip = job.first && hasBom(buffer) ? 3 : 0;
  const bytes = buffer.subarray(skip);
  checkText(bytes, job.path, linesBefore);
  const records = readCsv(bytes, job.path, {
    columns: job.columns && new Set(job.columns),
    header: job.first ? undefined : job.names,
    headerRead: true,
    truncated: !job.last,
    linesBefore,
  });
  if (!job.last && records.end === 0) return undefined;
  if (job.first && (records.names.length !== job.names.length || records.names.some((n, i) => n !== job.names[i]))) {
    throw new InputError('the file changed while it was being read.', job.path);
  }
  const { batches } = buildTable(job.path, records, [...job.schema], job.sources, { batchSize: job.batchSize });
  return { batches: [...batches], used: skip + records.end, rows: records.count };
}
