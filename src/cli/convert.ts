/** `kql convert IN OUT`: a data file of any supported shape as an Arrow IPC or Parquet file that keeps the exact KQL types. */
import { writeFile } from 'node:fs/promises';
import { tableRowCount } from '../engine/batch.js';
import { InputError, KqlError, UsageError } from '../engine/errors.js';
import { columnarBytes, loadTableInfo } from '../engine/io/index.js';
import { describeError, exitCodeOf } from './errors.js';
import { loadOptionsOf, type DataOptions } from './inputs.js';
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
    const base = await loadOptionsOf(opts);
    const { table, info } = await loadTableInfo(input, { ...base, tableName: opts.table, warn: (m) => io.stderr(`warning: ${input}: ${m}\n`) });
    const bytes = await columnarBytes(table, format, opts.table ?? info.table);
    try {
      await writeFile(output, bytes);
    } catch (e) {
      throw new InputError(`cannot write the file (${(e as NodeJS.ErrnoException).code ?? String(e)}).`, output);
    }
    const seconds = ((performance.now() - start) / 1000).toFixed(2);
    io.stderr(`${output}: ${tableRowCount(table)} rows, ${table.schema.length} columns, ${bytes.length} bytes in ${seconds} s.\n`);
    return 0;
  } catch (e) {
    io.stderr(describeError(e, undefined, !!opts.debug) + '\n');
    return e instanceof KqlError ? exitCodeOf(e) : 70;
  }
}
