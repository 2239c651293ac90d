/**
 * `table`, the human default: headers, a dashed separator, aligned columns (numbers to the right), long
 * cells cut to `maxColumnWidth` with `…`, nulls empty; then a blank line, the row count and the render request.
 */
import { isNumeric } from '../../engine/types.js';
import type { QueryResult, Visualization } from './result.js';
import { ChunkedOutput, encodedRows, textEncoder } from './values.js';

export interface TableOptions {
  readonly color?: boolean;
  readonly maxColumnWidth?: number;
}

const BOLD = ['\x1b[1m', '\x1b[22m'];
const DIM = ['\x1b[2m', '\x1b[22m'];

export function writeTable(result: QueryResult, out: (chunk: string) => void, options: TableOptions = {}): void {
  const { table } = result;
  const maxWidth = options.maxColumnWidth ?? 60;
  const style = ([on, off]: string[], text: string): string => (options.color ? on + text + off : text);
  const cell = (text: string): string => truncate(printable(text), maxWidth);
  const right = table.schema.map((f) => isNumeric(f.type));

  // First pass: column widths (cells are formatted again when written, to keep memory flat).
  const widths = table.schema.map((f) => width(cell(f.name)));
  let count = 0;
  for (const cells of encodedRows(table, textEncoder)) {
    count++;
    cells.forEach((text, j) => {
      widths[j] = Math.max(widths[j], width(cell(text)));
    });
  }
  const line = (cells: readonly string[]): string => {
    const last = cells.length - 1;
    // The last column is not padded on the right, so lines carry no trailing blanks.
    return cells.map((text, j) => pad(cell(text), widths[j], right[j], j === last)).join('  ');
  };

  const w = new ChunkedOutput(out);
  w.write(style(BOLD, line(table.schema.map((f) => f.name))) + '\n');
  w.write(style(DIM, widths.map((n) => '-'.repeat(n)).join('  ')) + '\n');
  for (const cells of encodedRows(table, textEncoder)) w.write(line(cells) + '\n');
  w.write('\n' + style(DIM, `${count} ${count === 1 ? 'row' : 'rows'}`) + '\n');
  if (result.visualization) w.write(`render: ${describeVisualization(result.visualization)}\n`);
  w.flush();
}

/** `timechart (title=Clicks, ycolumns=a,b)` */
function describeVisualization({ kind, properties }: Visualization): string {
  const props = Object.entries(properties).map(([k, v]) => `${k}=${Array.isArray(v) ? v.join(',') : String(v)}`);
  return props.length > 0 ? `${kind} (${props.join(', ')})` : kind;
}

/** Control characters shown as their Unicode pictures (␊, ␉, ␛…), so that cells stay on one line and data cannot drive the terminal. */
function printable(text: string): string {
  return text.replace(/[\x00-\x1f\x7f-\x9f]/g, (c) => {
    const code = c.charCodeAt(0);
    return code < 0x20 ? String.fromCharCode(0x2400 + code) : code === 0x7f ? '\u2421' : '\ufffd';
  });
}

/** Width in code points (a surrogate pair is one character on screen). */
function width(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0xdc00 || c > 0xdfff) n++;
  }
  return n;
}

/** The text cut to `max` characters on screen, ending in … when cut. */
export function truncate(text: string, max: number): string {
  return width(text) <= max ? text : Array.from(text).slice(0, max - 1).join('') + '…';
}

function pad(text: string, to: number, right: boolean, last: boolean): string {
  const fill = ' '.repeat(to - width(text));
  return right ? fill + text : last ? text : text + fill;
}
