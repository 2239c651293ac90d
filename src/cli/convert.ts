/** `kql convert IN OUT`: a data file of any supported shape as an Arrow IPC or Parquet file that keeps the exact KQL types. */
import { KqlError, UsageError } from '../engine/errors.js';
import { readTableInfo, writeColumnar } from '../engine/io/index.js';
import { openTable } from '../engine/io/stream.js';
import { describeError, exitCodeOf } from './errors.js';
import { loadOptionsOf, warnOnce, type DataOptions } from './inputs.js';
import type { CliIo } from './run-cli.js';

export interface ConvertOptions extends DataOptions {
  readonly table?: string;
  readonly debug?: boolean;
}

/** The output format, by the output file's extension. */
function outputFormat(path: string): 'arrow' | 'parquet' {
  if (/\.parquet$/i.test(path)) return 'parquet';
  if (/\.(arrow|feather|ipc)$/i.test(path)) return 'arrow';
  throw new UsageError(`'${path}': the output file's name must end in .arrow (Arrow IPC) or .parquet.`);
}

export async function convertCommand(input: string, output: string, opts: ConvertOptions, io: CliIo): Promise<number> {
  try {
    const start = performance.now();
    const format = outputFormat(output);
    if (opts.table !== undefined && !/^[A-Za-z_][A-Za-z0-9_]*$/.test(opts.table)) {
      throw new UsageError(`-t '${opts.table}': expected a table name, for example -t UrlClickEvents.`);
    }
    const options = { ...(await loadOptionsOf(opts)), tableName: opts.table, warn: warnOnce((m) => io.stderr(`warning: ${input}: ${m}\n`)) };
    const info = await readTableInfo(input, options);
    // Read as a query reads it (a large CSV file streams), so the input need not fit in memory.
    const source = await openTable(input, options);
    const { rows, bytes } = await writeColumnar(source, output, format, opts.table ?? info.table);
    const seconds = ((performance.now() - start) / 1000).toFixed(2);
    io.stderr(`${output}: ${rows} rows, ${source.schema.length} columns, ${bytes} bytes in ${seconds} s.\n`);
    return 0;
  } catch (e) {
    io.stderr(describeError(e, undefined, !!opts.debug) + '\n');
    return e instanceof KqlError ? exitCodeOf(e) : 70;
  }
}
