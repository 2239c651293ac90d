/** Writing query results in the CLI's output formats. */
import { writeCsv } from './csv.js';
import { writeJson } from './json.js';
import { writeNdjson } from './ndjson.js';
import type { QueryResult } from './result.js';
import { writeTable, type TableOptions } from './table.js';

export type { QueryResult, Visualization } from './result.js';
export type OutputFormat = 'table' | 'csv' | 'json' | 'ndjson';
export type WriteOptions = TableOptions;

export function writeResult(result: QueryResult, format: OutputFormat, out: (chunk: string) => void, options?: WriteOptions): void {
  writeResults([result], format, out, options);
}

/**
 * Several result tables: one `json` document holding them all; `ndjson` rows one after the other; `csv`
 * tables separated by a blank line; `table` blocks separated by a blank line, each under its name.
 */
export function writeResults(
  results: readonly QueryResult[], format: OutputFormat, out: (chunk: string) => void, options: WriteOptions = {},
): void {
  switch (format) {
    case 'json':
      return writeJson(results, out);
    case 'ndjson':
      return writeNdjson(results, out);
    case 'csv':
      return writeCsv(results, out);
    case 'table':
      results.forEach((result, k) => {
        if (k > 0) out('\n');
        if (results.length > 1) out(`${result.name}\n`);
        writeTable(result, out, options);
      });
  }
}
