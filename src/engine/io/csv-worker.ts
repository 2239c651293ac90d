/**
 * A worker thread of a streamed CSV scan: reads the chunks it is sent (parseChunk) and answers on its port
 * with the columns' buffers, then bumps the shared counter so that the scan, blocked in Atomics.wait, wakes.
 */
import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import { columnParts, type ColumnParts } from '../column.js';
import { InputError } from '../errors.js';
import { parseChunk, type ChunkJob } from './csv-chunk.js';

export interface ChunkRequest {
  readonly id: number;
  readonly job: ChunkJob;
}

export type ChunkReply =
  | { readonly id: number; readonly batches: readonly { readonly length: number; readonly columns: readonly ColumnParts[] }[]; readonly used: number; readonly rows: number }
  | { readonly id: number; readonly more: true }
  | { readonly id: number; readonly problem: string; readonly line?: number }
  | { readonly id: number; readonly fatal: string };

const { port, signal } = workerData as { port: MessagePort; signal: SharedArrayBuffer };
const counter = new Int32Array(signal);

/** The buffers to transfer: each view's own buffer, copied first when it shares a buffer (Buffer's pool). */
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

parentPort!.on('message', ({ id, job }: ChunkRequest) => {
  let reply: ChunkReply;
  let transfer: ArrayBuffer[] = [];
  try {
    // Lines are counted from the chunk's start; the scan adds the lines before it.
    const result = parseChunk(job, () => 0);
    if (!result) {
      reply = { id, more: true };
    } else {
      const batches = result.batches.map((b) => {
        const sent = ownBuffers(b.columns.map(columnParts));
        transfer = transfer.concat(sent.transfer);
        return { length: b.length, columns: sent.parts };
      });
      reply = { id, batches, used: result.used, rows: result.rows };
    }
  } catch (e) {
    reply = e instanceof InputError ? { id, problem: e.problem, line: e.line } : { id, fatal: e instanceof Error ? e.stack ?? e.message : String(e) };
  }
  port.postMessage(reply, transfer);
  Atomics.add(counter, 0, 1);
  Atomics.notify(counter, 0);
});
