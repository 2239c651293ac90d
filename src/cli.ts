#!/usr/bin/env node
import { ChunkWorkers } from './engine/io/csv-workers.js';

// CSV worker threads load while the rest of the program does and the query is parsed and bound.
if (process.argv[2] === 'run') ChunkWorkers.prestart();
const { runCli } = await import('./cli/run-cli.js');

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

// A closed pipe (`kql run … | head`) ends the output quietly, as other command-line tools do.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(0);
  throw e;
});

const code = await runCli(process.argv.slice(2), {
  stdout: (s) => void process.stdout.write(s),
  stderr: (s) => void process.stderr.write(s),
  readStdin,
  stdinIsTTY: !!process.stdin.isTTY,
  stdoutIsTTY: !!process.stdout.isTTY,
  stderrIsTTY: !!process.stderr.isTTY,
  stderrColumns: process.stderr.columns,
  columns: process.stdout.columns,
});
process.exitCode = code;
