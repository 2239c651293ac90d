/** `ndjson`: one JSON object per row, keyed by column name, values encoded as in `json`. */
import type { QueryResult } from './result.js';
import { ChunkedOutput, encodedRows, jsonEncoder } from './values.js';

export function writeNdjson(results: readonly QueryResult[], out: (chunk: string) => void): void {
  const w = new ChunkedOutput(out);
  for (const { table } of results) {
    const keys = table.schema.map((f) => JSON.stringify(f.name) + ':');
    for (const cells of encodedRows(table, jsonEncoder)) {
      w.write(`{${cells.map((c, j) => keys[j] + c).join(',')}}\n`);
    }
  }
  w.flush();
}
