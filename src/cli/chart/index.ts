/** What `kql run` does with charts: draw one under the table on a terminal, write one with --chart. */
import { basename } from 'node:path';
import { KqlError, UsageError } from '../../engine/errors.js';
import type { QueryResult, Visualization } from '../output/index.js';
import type { CliIo } from '../run-cli.js';
import { writeChartFile } from './files.js';
import { buildChart } from './model.js';
import { terminalChart } from './terminal.js';

export { chartFormatOf } from './files.js';

export interface ChartRequest {
  /** --chart PATH. */
  readonly path?: string;
  /** Draw in the terminal (stdout is a terminal and the format is table). */
  readonly terminal: boolean;
  /** The query's file name, the title when render gives none. */
  readonly queryName?: string;
}

/** Refuses --chart before the query runs when no result of it will carry render metadata. */
export function requireRender(path: string | undefined, results: readonly { readonly visualization?: Visualization }[]): void {
  if (path !== undefined && !results.some((r) => r.visualization)) {
    throw new UsageError(`--chart '${path}': the query has no render operator, so there is no chart to write (end it with, for example, | render timechart).`);
  }
}

export async function showCharts(results: readonly QueryResult[], request: ChartRequest, io: CliIo): Promise<void> {
  const result = results.find((r) => r.visualization);
  if (!result || (!request.path && !request.terminal)) return;
  const title = request.queryName && /\.(kql|csl|ya?ml)$/i.test(request.queryName) ? titleOf(request.queryName) : undefined;
  if (request.path) {
    const chart = buildChart(result, title);
    for (const note of chart.notes) io.stderr(`note: ${note}\n`);
    await writeChartFile(request.path, chart);
    return;
  }
  // On a terminal the table is already out: a chart that cannot be drawn is a note, not a failure.
  try {
    const chart = buildChart(result, title);
    if (chart.kind === 'table') return;
    for (const note of chart.notes) io.stderr(`note: ${note}\n`);
    io.stdout('\n' + terminalChart(chart, { width: io.columns ?? 80, color: !process.env.NO_COLOR }));
  } catch (e) {
    if (!(e instanceof KqlError)) throw e;
    io.stderr(`note: no chart drawn: ${e.message}\n`);
  }
}

/** `malicious-clicks-allowed.kql` → `Malicious clicks allowed`. */
function titleOf(path: string): string {
  const words = basename(path).replace(/\.[^.]+$/, '').replace(/[-_]+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}
