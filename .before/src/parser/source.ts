/**
 * Positions in query text. Errors store offsets; these functions turn them into `line:column` and a
 * source frame with a caret line, for any positioned error (syntax, semantic or runtime).
 */
import type { Span } from './ast.js';

export interface LineColumn {
  readonly line: number;
  readonly column: number;
}

const LINE_BREAK = /\r\n|\r|\n/g;

/** Start offsets of every line; `\r\n`, `\r` and `\n` all end a line. */
function lineStarts(text: string): number[] {
  const starts = [0];
  for (const match of text.matchAll(LINE_BREAK)) starts.push(match.index + match[0].length);
  return starts;
}

/** Index of the line holding `offset`: the last line start at or before it. */
function lineIndex(starts: readonly number[], offset: number): number {
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (starts[mid]! <= offset) low = mid;
    else high = mid - 1;
  }
  return low;
}

/** 1-based line and column (in UTF-16 units) of an offset; offsets past the end clamp to it. */
export function lineColumn(text: string, offset: number): LineColumn {
  const clamped = Math.max(0, Math.min(offset, text.length));
  const starts = lineStarts(text);
  const index = lineIndex(starts, clamped);
  return { line: index + 1, column: clamped - starts[index]! + 1 };
}

/**
 * The lines covered by `span`, each under a line-number gutter and over a caret line:
 * ```
 *   4 | | where Timestmp >= TimeStart
 *     |         ^^^^^^^^
 * ```
 * An empty span (an error at the end of the query) gets one caret.
 */
export function formatSourceFrame(text: string, span: Span): string {
  const starts = lineStarts(text);
  const start = Math.max(0, Math.min(span.start, text.length));
  const end = Math.max(start, Math.min(span.end, text.length));
  const first = lineIndex(starts, start);
  // An end offset is exclusive: a span ending right after a line break does not show the next line.
  const last = end > start ? lineIndex(starts, end - 1) : first;
  const width = String(last + 1).length;
  const out: string[] = [];
  for (let i = first; i <= last; i++) {
    const lineStart = starts[i]!;
    const lineEnd = i + 1 < starts.length ? starts[i + 1] : text.length;
    const line = text.slice(lineStart, lineEnd).replace(/(?:\r\n|\r|\n)$/, '');
    const from = Math.max(start, lineStart) - lineStart;
    const to = Math.min(end, lineStart + line.length) - lineStart;
    // Keep tabs in the padding so that the carets line up under tab-indented text.
    const padding = line.slice(0, from).replace(/[^\t]/g, ' ');
    out.push(`  ${String(i + 1).padStart(width)} | ${line}`.trimEnd());
    out.push(`  ${' '.repeat(width)} | ${padding}${'^'.repeat(Math.max(1, to - from))}`);
  }
  return out.join('\n');
}
