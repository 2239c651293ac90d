/**
 * A conformance worker thread: loads the engine once, then runs the queries it is sent, one at a
 * time, and posts back either the result tables (schema + rows as JS values) or the error.
 * workerData: { engine: 'src' | 'dist', now: string }.
 * Rows travel by structured clone, which keeps bigints (long, datetime and timespan ticks) and
 * Maps (dynamic property bags).
 */
import { parentPort, workerData } from 'node:worker_threads';

const root = new URL('../../', import.meta.url);
let run, batch;
if (workerData.engine === 'dist') {
  run = await import(new URL('dist/engine/run.js', root).href);
  batch = await import(new URL('dist/engine/batch.js', root).href);
} else {
  await import('./register-ts.mjs');
  run = await import(new URL('src/engine/run.ts', root).href);
  batch = await import(new URL('src/engine/batch.ts', root).href);
}

parentPort.on('message', async (msg) => {
  const started = performance.now();
  try {
    const results = await run.runQuery(msg.kql, { tables: {}, now: workerData.now });
    const tables = results.map((r) => ({
      name: r.name,
      schema: r.table.schema.map((f) => ({ name: f.name, type: f.type })),
      rows: batch.tableRows(r.table),
    }));
    try {
      parentPort.postMessage({ seq: msg.seq, ok: true, results: tables, ms: performance.now() - started });
    } catch (e) {
      const message = `the result cannot be sent to the runner (${e instanceof Error ? e.message : e})`;
      parentPort.postMessage({ seq: msg.seq, ok: false, error: { name: 'RunnerError', message }, ms: performance.now() - started });
    }
  } catch (e) {
    const err = e instanceof Error
      ? { name: e.name, message: e.message, code: e.code, phase: e.phase, stack: e.stack }
      : { name: typeof e, message: String(e) };
    parentPort.postMessage({ seq: msg.seq, ok: false, error: err, ms: performance.now() - started });
  }
});
parentPort.postMessage({ ready: true });
