/** `kql check`: parse and bind only; print the result schema or the errors. */
import { checkQuery } from '../engine/run.js';
import { KqlError } from '../engine/errors.js';
import { describeError, errorJson, exitCodeOf, type QuerySource } from './errors.js';
import { bindTables, readQuery, requireChoice, tableSources, withTimeColumnHint, type DataOptions } from './inputs.js';
import { visualizationObject } from './output/json.js';
import type { CliIo } from './run-cli.js';
import { checkFolder, isDirectory } from './rules.js';

export interface CheckOptions extends DataOptions {
  readonly file?: string;
  readonly table: readonly string[];
  readonly format: string;
  readonly debug?: boolean;
}

export async function checkCommand(queryArg: string | undefined, opts: CheckOptions, io: CliIo): Promise<number> {
  let source: QuerySource | undefined;
  let json = false;
  try {
    json = requireChoice('--format', opts.format, ['text', 'json'] as const) === 'json';
    // A folder of rule files: one line per file and a summary.
    const folder = opts.file ?? queryArg;
    if (folder !== undefined && !(queryArg !== undefined && opts.file !== undefined) && isDirectory(folder)) {
      return await checkFolder(folder, opts, json, io);
    }
    const paths = await bindTables(opts.table);
    source = await readQuery(queryArg, opts.file, io);
    const tables = await tableSources(paths, opts, (m) => io.stderr(`warning: ${m}\n`), source.text);
    const results = await checkQuery(source.text, { tables }).catch(async (e) => {
      throw await withTimeColumnHint(e, tables);
    });
    // The schema of the last result: the query's output (earlier statements are usually lets).
    const last = results[results.length - 1];
    if (json) {
      const doc: Record<string, unknown> = { columns: last.schema.map((f) => ({ name: f.name, type: f.type })) };
      if (last.visualization) doc.visualization = visualizationObject(last.visualization);
      io.stdout(JSON.stringify(doc) + '\n');
    } else {
      const width = Math.max(...last.schema.map((f) => f.name.length), 0);
      io.stdout(`OK: the query returns ${last.schema.length} column${last.schema.length === 1 ? '' : 's'}\n`);
      for (const f of last.schema) io.stdout(`  ${f.name.padEnd(width)}  ${f.type}\n`);
      if (last.visualization) io.stdout(`render: ${last.visualization.kind}\n`);
    }
    return 0;
  } catch (e) {
    if (json) io.stdout(JSON.stringify({ errors: [errorJson(e, source)] }) + '\n');
    io.stderr(describeError(e, source, !!opts.debug) + '\n');
    return e instanceof KqlError ? exitCodeOf(e) : 70;
  }
}
