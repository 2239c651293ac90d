/**
 * `csv`: RFC 4180 with a header row and `\n` line ends; a field is quoted only when it holds `"`, `,`, CR
 * or LF. Null and "" are both an empty field. Several results are separated by a blank line.
 */
import type { QueryResult } from './result.js';
import { ChunkedOutput, encodedRows, textEncoder } from './values.js';

const NEEDS_QUOTES = /[",\r\n]/;

function field(text: string): string {
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function writeCsv(results: readonly QueryResult[], out: (chunk: string) => void): void {
  const w = new ChunkedOutput(out);
  results.forEach(({ table }, k) => {
    if (k > 0) w.write('\n');
    w.write(table.schema.map((f) => field(f.name)).join(',') + '\n');
    for (const cells of encodedRows(table, textEncoder)) {
      // A lone empty field is quoted: an empty line would read back as no record at all.
      w.write(cells.length === 1 && cells[0] === '' ? '""\n' : cells.map(field).join(',') + '\n');
    }
  });
  w.flush();
}
