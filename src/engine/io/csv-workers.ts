/**
 * Worker threads for a streamed CSV scan. The executor pulls batches synchronously, so the scan waits for a
 * worker's answer with Atomics.wait and takes it with receiveMessageOnPort: no event loop turn is needed.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import { InternalError } from '../errors.js';
import type { ChunkReply, ChunkRequest } from './csv-worker.js';

interface Lane {
  readonly worker: Worker;
  readonly port: MessagePort;
  readonly counter: Int32Array;
}

/** The worker script: beside the bundle (dist/kql.mjs), or beside this module in dist/; none when run from sources. */
function workerScript(): URL | undefined {
  for (const name of ['./kql-csv-worker.mjs', './csv-worker.js']) {
    const url = new URL(name, import.meta.url);
    if (existsSync(fileURLToPath(url))) return url;
  }
  return undefined;
}

/** Workers started ahead of need (prestart), for the first scan to take. */
let spare: ChunkWorkers | undefined;

export class ChunkWorkers {
  private constructor(private readonly lanes: readonly Lane[]) {}

  /**
   * Starts the workers now, while the query is parsed and bound: a worker takes about 0.1 s to load its
   * script. The CLI calls this for `kql run`; unused workers end with the process.
   */
  static prestart(): void {
    spare ??= ChunkWorkers.spawn();
  }

  /** The prestarted workers, or new ones: one per core but the one the query runs on; none on one core. */
  static start(): ChunkWorkers | undefined {
    const workers = spare ?? ChunkWorkers.spawn();
    spare = undefined;
    return workers;
  }

  private static spawn(): ChunkWorkers | undefined {
    const count = Math.min(availableParallelism() - 1, 3);
    const script = workerScript();
    if (count < 1 || !script) return undefined;
    return new ChunkWorkers(Array.from({ length: count }, () => {
      const { port1, port2 } = new MessageChannel();
      const signal = new SharedArrayBuffer(4);
      const worker = new Worker(script, { workerData: { port: port2, signal }, transferList: [port2] });
      worker.unref();
      return { worker, port: port1, counter: new Int32Array(signal) };
    }));
  }

  get count(): number {
    return this.lanes.length;
  }

  /** Tells worker `lane` to read a chunk. */
  submit(lane: number, request: ChunkRequest): void {
    this.lanes[lane].worker.postMessage(request);
  }

  /** Worker `lane`'s next answer (workers answer in the order they were asked); waits for it when `block`. */
  take(lane: number, block: boolean): ChunkReply | undefined {
    const { port, counter, worker } = this.lanes[lane];
    for (;;) {
      const seen = Atomics.load(counter, 0);
      const received = receiveMessageOnPort(port);
      if (received) return received.message as ChunkReply;
      if (!block) return undefined;
      if (Atomics.wait(counter, 0, seen, 1000) === 'timed-out' && worker.threadId === -1) {
        throw new InternalError('a CSV worker thread stopped');
      }
    }
  }

  close(): void {
    for (const { worker, port } of this.lanes) {
      port.close();
      void worker.terminate();
    }
  }
}
