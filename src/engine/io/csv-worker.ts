/**
 * A worker thread of a streamed CSV scan: reads the chunks it is told of (nominalChunk, parseChunk) from
 * the file itself and answers on its port with the columns' buffers, then bumps the shared counter so that
 * the scan, blocked in Atomics.wait, wakes.
 */
import { openSync } from 'node:fs';
import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import { columnParts, type ColumnParts } from '../column.js';
import { InputError } from '../errors.js';
import { nominalChunk, parseChunk, type ScanSpec } from './csv-chunk.js';

export interface ChunkRequest {
  readonly id: number;
  readonly spec: ScanSpec;
  /** The chunk's index, size and the file's size, as nominalChunk takes them. */
  readonly index: number;
  readonly size: number;
  readonly totalBytes: number;
}

interface Answer {
  readonly id: number;
  /** The chunk's place in the file. */
  readonly start: number;
  readonly length: number;
}

export type ChunkReply = Answer & (
  | { readonly batches: readonly { readonly length: number; readonly columns: readonly ColumnParts[] }[]; readonly used: number; readonly rows: number }
  | { readonly more: true }
  | { readonly problem: string; readonly line?: number }
  | { readonly fatal: string });

const { port, signal } = workerData as { port: MessagePort; signal: SharedArrayBuffer };
const counter = new Int32Array(signal);
const files = new Map<string, number>();
let scratch: Buffer | undefined;

/** The buffers to transfer: each view's own buffer, copied first when it shares one (Buffer's pool). */
function ownBuffers(parts: ColumnParts[]): { parts: ColumnParts[]; transfer: ArrayBuffer[] } {
  const transfer = new Set<ArrayBuffer>();
  const own = <T extends ArrayBufferView | undefined>(view: T): T => {
    if (!view) return view;
    const whole = view.byteOffset === 0 && view.byteLength === view.buffer.byteLength && !transfer.has(view.buffer as ArrayBuffer);
    const mine = whole ? view : (view as unknown as Uint8Array).slice();
    transfer.add(mine.buffer as ArrayBuffer);
    return mine as T;
  };
  const copied = parts.map((p) => ({
    ...p, values: own(p.values), nullBitmap: own(p.nullBitmap), dictionaryOffsets: own(p.dictionaryOffsets), dictionaryBytes: own(p.dictionaryBytes),
  }));
  return { parts: copied, transfer: [...transfer] };
}

parentPort!.on('message', ({ id, spec, index, size, totalBytes }: ChunkRequest) => {
  let reply: ChunkReply;
  let transfer: ArrayBuffer[] = [];
  let place = { id, start: 0, length: 0 };
  try {
    let fd = files.get(spec.path);
    if (fd === undefined) files.set(spec.path, (fd = openSync(spec.path, 'r')));
    scratch ??= Buffer.allocUnsafeSlow(size + (size >> 2));
    const chunk = nominalChunk(fd, index, size, totalBytes, scratch);
    place = { id, start: chunk.start, length: chunk.bytes.length };
    // Lines are counted from the chunk's start; the scan adds the lines before it.
    const result = parseChunk(spec, chunk, () => 0);
    if (!result) {
      reply = { ...place, more: true };
    } else {
      const batches = result.batches.map((b) => {
        const sent = ownBuffers(b.columns.map(columnParts));
        transfer = transfer.concat(sent.transfer);
        return { length: b.length, columns: sent.parts };
      });
      reply = { ...place, batches, used: result.used, rows: result.rows };
    }
  } catch (e) {
    reply = e instanceof InputError
      ? { ...place, problem: e.problem, line: e.line }
      : { ...place, fatal: e instanceof Error ? e.stack ?? e.message : String(e) };
  }
  port.postMessage(reply, transfer);
  Atomics.add(counter, 0, 1);
  Atomics.notify(counter, 0);
});
