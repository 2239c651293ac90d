/**
 * JSON row files: an array of objects, or JSON lines (one object per line). Values are parsed with
 * parseDynJson so that longs beyond 2^53 keep every digit; columns are the keys in order of first appearance.
 */
import { isBag, parseDynJson, type DynBag, type DynValue } from '../dynamic.js';
import { InputError } from '../errors.js';
import { RawRecords, type Records } from './records.js';
import { lineCounter } from './source.js';
import { jsonCodec, type JsonCell } from './values.js';

/** Collects objects as rows of a growing list of columns. */
class ObjectRows {
  readonly names: string[] = [];
  readonly rows: JsonCell[][] = [];
  readonly lines: number[] = [];
  private readonly index = new Map<string, number>();

  add(object: DynBag, line: number): void {
    const row: JsonCell[] = [];
    for (const [key, value] of object) {
      let j = this.index.get(key);
      if (j === undefined) {
        j = this.names.length;
        this.index.set(key, j);
        this.names.push(key);
      }
      row[j] = value;
    }
    this.rows.push(row);
    this.lines.push(line);
  }

  records(): Records {
    return new RawRecords(this.names, this.rows, this.lines, jsonCodec);
  }
}

/** "a number", "an array", …: what was found where an object was expected. */
function kindOf(v: DynValue): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (isBag(v)) return 'an object';
  return typeof v === 'bigint' || typeof v === 'number' ? 'a number' : typeof v === 'boolean' ? 'a boolean' : 'a string';
}

/** One object per line; blank lines are skipped. */
export function readJsonLines(text: string, file: string, maxRows = Infinity): Records {
  const out = new ObjectRows();
  let line = 0;
  for (let pos = 0; pos < text.length && out.rows.length < maxRows;) {
    let nl = text.indexOf('\n', pos);
    if (nl < 0) nl = text.length;
    const s = text.slice(pos, nl);
    pos = nl + 1;
    line++;
    if (!/\S/.test(s)) continue;
    const v = parseDynJson(s);
    if (v === undefined) throw new InputError('invalid JSON; expected one complete JSON object per line.', file, line);
    if (!isBag(v)) throw new InputError(`expected one JSON object per line, found ${kindOf(v)}.`, file, line);
    out.add(v, line);
  }
  return out.records();
}

/**
 * A JSON array of objects. Elements are delimited by a bracket-depth scan and each is parsed alone, which
 * gives every row its line. With `truncated`, the text is a prefix of the file: an unfinished element ends it.
 */
export function readJsonArray(text: string, file: string, maxRows = Infinity, truncated = false): Records {
  const out = new ObjectRows();
  const lineAt = lineCounter((from) => text.indexOf('\n', from));
  const error = (message: string, at: number): InputError => new InputError(message, file, lineAt(at));
  const unclosed = 'unexpected end of file: the JSON array is not closed (is the file truncated?).';
  let pos = skipSpace(text, text.indexOf('[') + 1);
  let closed = text[pos] === ']';
  if (closed) pos++;
  while (!closed && out.rows.length < maxRows) {
    const start = pos;
    const end = valueEnd(text, start);
    if (end < 0) {
      if (truncated) break;
      throw error(unclosed, start);
    }
    const v = parseDynJson(text.slice(start, end));
    if (v === undefined) throw error('invalid JSON in the array element that starts on this line.', start);
    if (!isBag(v)) throw error(`expected an array of JSON objects, found ${kindOf(v)} in the array.`, start);
    out.add(v, lineAt(start));
    pos = skipSpace(text, end);
    if (text[pos] === ',') {
      pos = skipSpace(text, pos + 1);
    } else if (text[pos] === ']') {
      closed = true;
      pos++;
    } else if (pos < text.length) {
      throw error(`expected ',' or ']' after an array element, found '${text[pos]}'.`, pos);
    } else {
      if (truncated) break;
      throw error(unclosed, end);
    }
  }
  pos = skipSpace(text, pos);
  if (closed && pos < text.length) throw error('unexpected text after the JSON array.', pos);
  return out.records();
}

function skipSpace(s: string, pos: number): number {
  while (pos < s.length && isSpace(s.charCodeAt(pos))) pos++;
  return pos;
}

function isSpace(c: number): boolean {
  return c === 32 || c === 10 || c === 13 || c === 9;
}

/**
 * Where the JSON value starting at `pos` ends, found by bracket depth and string quotes without validating
 * it (parseDynJson does that); -1 when the text ends inside it.
 */
function valueEnd(s: string, pos: number): number {
  let depth = 0;
  for (let i = pos; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 34 /* " */) {
      i = stringEnd(s, i);
      if (i < 0) return -1;
      if (depth === 0) return i + 1;
    } else if (c === 123 /* { */ || c === 91 /* [ */) {
      depth++;
    } else if (c === 125 /* } */ || c === 93 /* ] */) {
      if (depth === 0) return i;
      if (--depth === 0) return i + 1;
    } else if (depth === 0 && (c === 44 /* , */ || isSpace(c))) {
      return i;
    }
  }
  return depth === 0 ? s.length : -1;
}

/** The index of the quote closing the string opened at `open`, or -1. */
function stringEnd(s: string, open: number): number {
  for (let from = open + 1; ;) {
    const q = s.indexOf('"', from);
    if (q < 0) return -1;
    let backslashes = 0;
    while (s.charCodeAt(q - 1 - backslashes) === 92) backslashes++;
    if (backslashes % 2 === 0) return q;
    from = q + 1;
  }
}
