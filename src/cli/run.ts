/** `kql run`: load the tables, run the query, write the result. */
import { createWriteStream } from 'node:fs';
import { executeQuery, explainPlan } from '../engine/execute.js';
import { prepareQuery } from '../engine/prepare.js';
import { resolveNow } from '../engine/run.js';
import { parseQuery } from '../parser/index.js';
import { describeError, exitCodeOf, type QuerySource } from './errors.js';
import { bindTables, readQuery, requireChoice, tableSources, withTimeColumnHint, type DataOptions } from './inputs.js';
import { chartFormatOf, requireRender, showCharts } from './chart/index.js';
import { limitToLookBack, lookBackOf, type LookBackOptions } from './look-back.js';
import { LOOK_BACK_COLUMNS } from '../engine/look-back.js';
import { writeResults, type OutputFormat } from './output/index.js';
import { progressBar, type ProgressBar } from './progress.js';
import type { CliIo } from './run-cli.js';
import { KqlError, UsageError } from '../engine/errors.js';
import type { TableInput } from '../engine/prepare.js';

export interface RunOptions extends DataOptions, LookBackOptions {
  readonly file?: string;
  readonly table: readonly string[];
  readonly now?: string;
  readonly format: string;
  readonly output?: string;
  readonly explain?: boolean;
  readonly debug?: boolean;
  readonly chart?: string;
  readonly quiet?: boolean;
}

const FORMATS: readonly OutputFormat[] = ['table', 'csv', 'json', 'ndjson'];

export async function runCommand(queryArg: string | undefined, opts: RunOptions, io: CliIo): Promise<number> {
  let source: QuerySource | undefined;
  let sources: Record<string, TableInput> = {};
  let progress: ProgressBar | undefined;
  try {
    const format = requireChoice('--format', opts.format, FORMATS);
    if (opts.chart !== undefined) chartFormatOf(opts.chart);
    const tablePaths = await bindTables(opts.table);
    const ctx = { now: resolveNow(opts.now) };
    const query = await readQuery(queryArg, opts.file, io);
    source = query;
    const lookBack = lookBackOf(opts, query.rule);
    // Parse first: a typo in the query should not wait for a large file to load.
    const ast = parseQuery(source.text);
    sources = await tableSources(tablePaths, opts, (m) => io.stderr(`warning: ${m}\n`), source.text);
    progress = io.stderrIsTTY && !opts.quiet ? progressBar(io.stderr, io.stderrColumns) : undefined;
    const keepColumns = lookBack ? LOOK_BACK_COLUMNS : [];
    const prepared = await prepareQuery(ast, sources, ctx, { progress: progress?.update, keepColumns }).catch(async (e) => {
      throw await withTimeColumnHint(e, sources);
    });
    const { tables } = prepared;
    const bound = limitToLookBack(prepared.bound, lookBack, ctx, io);
    if (opts.explain) {
      io.stdout(bound.results.map((r) => explainPlan(r.plan)).join('\n\n') + '\n');
      return 0;
    }
    requireRender(opts.chart, bound.results);
    const results = executeQuery(bound, { query: ctx, tables });
    progress?.done();
    if (opts.output) {
      await writeToFile(opts.output, (out) => writeResults(results, format, out, { maxColumnWidth: 60 }));
    } else {
      writeResults(results, format, (s) => io.stdout(s), { maxColumnWidth: 60 });
    }
    const terminal = io.stdoutIsTTY && format === 'table' && !opts.output;
    await showCharts(results, { path: opts.chart, terminal, queryName: source.name }, io);
    return 0;
  } catch (e) {
    progress?.done();
    io.stderr(describeError(e, source, !!opts.debug) + '\n');
    return e instanceof KqlError ? exitCodeOf(e) : 70;
  }
}

async function writeToFile(path: string, write: (out: (chunk: string) => void) => void): Promise<void> {
  const stream = createWriteStream(path);
  const opened = new Promise<void>((resolve, reject) => {
    stream.once('open', () => resolve());
    stream.once('error', reject);
  });
  try {
    await opened;
  } catch (e) {
    throw new UsageError(`-o: cannot write '${path}' (${(e as NodeJS.ErrnoException).code}).`);
  }
  write((chunk) => stream.write(chunk));
  await new Promise<void>((resolve, reject) => stream.end((err?: Error | null) => (err ? reject(err) : resolve())));
}
