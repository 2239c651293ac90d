/**
 * Runs queries in worker threads (worker.mjs), each with a time limit: a query that loops or
 * exhausts memory costs its worker, which is replaced, and is reported as a timeout or a crash
 * instead of hanging the run.
 */
import { cpus } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { KqlType } from '../../src/engine/types.js';

export interface ResultTable {
  readonly name: string;
  readonly schema: readonly { name: string; type: KqlType }[];
  readonly rows: unknown[][];
}

export interface ErrorInfo {
  readonly name: string;
  readonly message: string;
  readonly code?: string;
  readonly phase?: string;
  readonly stack?: string;
}

export type Outcome =
  | { readonly kind: 'result'; readonly results: ResultTable[]; readonly ms: number }
  | { readonly kind: 'error'; readonly error: ErrorInfo; readonly ms: number }
  | { readonly kind: 'timeout'; readonly ms: number }
  | { readonly kind: 'crash'; readonly message: string; readonly ms: number };

export interface PoolOptions {
  /** 'src': the TypeScript sources (transpiled on load, no build needed); 'dist': the build. */
  readonly engine?: 'src' | 'dist';
  /** The instant now() returns. */
  readonly now: string;
  /** Per-query limit. */
  readonly timeoutMs?: number;
  readonly workers?: number;
  /** Limit for loading the engine in a fresh worker. */
  readonly startupTimeoutMs?: number;
}

interface Job {
  readonly key: string;
  readonly kql: string;
}

const WORKER_URL = new URL('./worker.mjs', import.meta.url);

/** Runs every job; resolves with the outcome of each, by key. Rejects only when the engine cannot be loaded at all. */
export function runInWorkers(jobs: readonly Job[], options: PoolOptions): Promise<Map<string, Outcome>> {
  const timeoutMs = options.timeoutMs ?? 5000;
  const startupTimeoutMs = options.startupTimeoutMs ?? 60_000;
  const nWorkers = Math.max(1, Math.min(options.workers ?? cpus().length, jobs.length));
  const outcomes = new Map<string, Outcome>();
  let next = 0;
  let seq = 0;
  let live = 0;

  return new Promise((resolve, reject) => {
    let failed = false;
    const fail = (e: Error) => {
      if (!failed) {
        failed = true;
        reject(e);
      }
    };

    const startWorker = () => {
      live++;
      const worker = new Worker(WORKER_URL, {
        workerData: { engine: options.engine ?? 'src', now: options.now },
        // Not the parent's flags: under vitest they carry `--conditions development`, which changes
        // how packages resolve. The worker loads the engine as plain Node would.
        execArgv: [],
        resourceLimits: { maxOldGenerationSizeMb: 1024 },
        stdout: true,
        stderr: true,
      });
      // The engine should not print; swallow anything it does so the report stays readable.
      worker.stdout.resume();
      worker.stderr.resume();
      let ready = false;
      let current: { job: Job; seq: number; started: number } | undefined;
      let timer: NodeJS.Timeout | undefined;
      let done = false;

      const finish = (outcome: Outcome | undefined, replace: boolean) => {
        if (timer) clearTimeout(timer);
        timer = undefined;
        if (current && outcome) outcomes.set(current.job.key, outcome);
        current = undefined;
        if (replace) {
          // start the replacement first, so the live count never drops to zero in between
          if (next < jobs.length && !failed) startWorker();
          retire();
          return;
        }
        dispatch();
      };

      const retire = () => {
        if (done) return;
        done = true;
        live--;
        void worker.terminate();
        if (live === 0 && !failed) resolve(outcomes);
      };

      const dispatch = () => {
        if (failed || next >= jobs.length) {
          retire();
          return;
        }
        const job = jobs[next++];
        current = { job, seq: ++seq, started: performance.now() };
        const elapsed = () => performance.now() - (current?.started ?? 0);
        timer = setTimeout(() => finish({ kind: 'timeout', ms: elapsed() }, true), timeoutMs);
        worker.postMessage({ seq: current.seq, kql: job.kql });
      };

      const startup = setTimeout(() => {
        if (!ready) {
          fail(new Error(`conformance worker did not load the engine within ${startupTimeoutMs} ms`));
          retire();
        }
      }, startupTimeoutMs);

      worker.on('message', (msg: { ready?: true; seq?: number; ok?: boolean; results?: ResultTable[]; error?: ErrorInfo; ms?: number }) => {
        if (msg.ready) {
          ready = true;
          clearTimeout(startup);
          dispatch();
          return;
        }
        if (!current || msg.seq !== current.seq) return;
        finish(
          msg.ok
            ? { kind: 'result', results: msg.results!, ms: msg.ms ?? 0 }
            : { kind: 'error', error: msg.error!, ms: msg.ms ?? 0 },
          false,
        );
      });

      const onDeath = (message: string) => {
        if (done) return;
        if (!ready) {
          clearTimeout(startup);
          fail(new Error(`conformance worker failed to load the engine: ${message}`));
          retire();
          return;
        }
        const ms = current ? performance.now() - current.started : 0;
        finish(current ? { kind: 'crash', message, ms } : undefined, true);
      };
      worker.on('error', (e) => onDeath(e instanceof Error ? `${e.name}: ${e.message}` : String(e)));
      worker.on('exit', (code) => onDeath(`worker exited with code ${code}`));
    };

    if (jobs.length === 0) {
      resolve(outcomes);
      return;
    }
    for (let i = 0; i < nWorkers; i++) startWorker();
  });
}
