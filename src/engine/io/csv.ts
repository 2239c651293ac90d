/**
 * CSV with a header row (RFC 4180: quoted fields may hold commas, doubled quotes and line breaks; CRLF or
 * LF, mixed; blank lines skipped), read from the file's bytes. A record is kept as the byte ranges of the
 * fields of the wanted columns, so that a value is decoded only when its column's type needs text, and
 * string columns are interned straight from the bytes. The rules, messages and lines are those of
 * csv-parse, which this replaced (test/engine/io/csv-reference.ts keeps it as the reference).
 */
import { InputError, InternalError } from '../errors.js';
import type { KqlType } from '../types.js';
import { ByteDictionary, grown } from './dictionary.js';
import { inferValuesType, RawRecords, valuesColumn, type RecordColumn, type Records } from './records.js';
import { lineCounter } from './source.js';
import { BAD, fixedWriter, textCodec, type FixedWriter } from './values.js';
import { fixedWidthColumn } from '../column.js';

const QUOTE = 0x22;
const COMMA = 0x2c;
export const LF = 0x0a;
const CR = 0x0d;

/** What follows a field, as FieldScanner.field returns it: a delimiter, or a (negative) syntax error. */
const NEXT_FIELD = 0;
const END_RECORD = 1;
/** The bytes end inside quotes. */
const UNCLOSED = -1;
const BAD_OPENING_QUOTE = -2;
const BAD_CLOSING_QUOTE = -3;

const MESSAGES: Record<number, string> = {
  [UNCLOSED]: 'unterminated quoted field: the file ends inside quotes.',
  [BAD_OPENING_QUOTE]: 'a \'"\' inside an unquoted field; a field holding \'"\' must be quoted and the \'"\' doubled.',
  [BAD_CLOSING_QUOTE]: 'a character follows a closing quote; a \'"\' inside a quoted field must be doubled.',
};

/**
 * Reads fields one at a time; `start`, `end` and `escaped` describe the last one read. Fields are scanned
 * four bytes per step where none of them can end the field (SWAR: bit tests on a 32-bit word, which a
 * DataView reads at any offset in one load), then byte by byte.
 */
class FieldScanner {
  pos = 0;
  /** The field's bytes, without its quotes if quoted. */
  start = 0;
  end = 0;
  /** The field is quoted and holds doubled quotes, which stand for one each. */
  escaped = false;
  private readonly words: DataView;

  constructor(private readonly bytes: Uint8Array) {
    this.words = new DataView(bytes.buffer, bytes.byteOffset, bytes.length);
  }

  /** Skips blank lines (LF or CRLF alone); false when no record is left. */
  nextRecord(): boolean {
    const b = this.bytes;
    let p = this.pos;
    for (;;) {
      if (b[p] === LF) p++;
      else if (b[p] === CR && b[p + 1] === LF) p += 2;
      else break;
    }
    this.pos = p;
    return p < b.length;
  }

  /** Reads the field at `pos` and what follows it; `pos` is then after that delimiter. */
  field(): number {
    const p = this.bytes[this.pos] === QUOTE ? this.quoted(this.pos + 1) : this.unquoted(this.pos);
    return p < 0 ? p : this.delimiter(p);
  }

  /** Reads a quoted field whose bytes start at `p`; returns the offset after its closing quote, or an error. */
  private quoted(p: number): number {
    const { bytes: b, words } = this;
    const n = b.length;
    const start = p;
    this.escaped = false;
    for (;;) {
      // Skips words without a quote: XOR turns quotes into zero bytes, which the classic test finds.
      for (; p + 4 <= n; p += 4) {
        const v = words.getInt32(p) ^ 0x22222222;
        if (((v - 0x01010101) & ~v & 0x80808080) !== 0) break;
      }
      while (p < n && b[p] !== QUOTE) p++;
      if (p === n) return UNCLOSED;
      if (b[p + 1] !== QUOTE) break;
      this.escaped = true;
      p += 2;
    }
    this.start = start;
    this.end = p++;
    if (p < n && b[p] !== COMMA && b[p] !== LF && !(b[p] === CR && b[p + 1] === LF)) return BAD_CLOSING_QUOTE;
    return p;
  }

  /** Reads an unquoted field starting at `p`; returns the offset of the byte after it, or an error. */
  private unquoted(p: number): number {
    const { bytes: b, words } = this;
    const n = b.length;
    const start = p;
    let c = 0;
    for (;;) {
      // Skips words whose bytes are all above the three delimiters (all below 0x2d): the test finds a
      // byte below 0x2d, maybe a space, which the byte loop then looks at.
      for (; p + 4 <= n; p += 4) {
        const v = words.getInt32(p);
        if (((v - 0x2d2d2d2d) & ~v & 0x80808080) !== 0) break;
      }
      const stop = Math.min(p + 4, n);
      while (p < stop && ((c = b[p]) > COMMA || (c !== COMMA && c !== LF && c !== QUOTE))) p++;
      if (p < stop || p === n) break;
    }
    if (p < n && c === QUOTE) return BAD_OPENING_QUOTE;
    this.start = start;
    // A CR is data unless it starts a CRLF.
    this.end = p < n && c === LF && p > start && b[p - 1] === CR ? p - 1 : p;
    this.escaped = false;
    return p;
  }

  /** Moves past the delimiter at `p` (after a field), which is valid there. */
  private delimiter(p: number): number {
    const b = this.bytes;
    if (p === b.length) {
      this.pos = p;
      return END_RECORD;
    }
    if (b[p] === COMMA) {
      this.pos = p + 1;
      return NEXT_FIELD;
    }
    this.pos = b[p] === CR ? p + 2 : p + 1;
    return END_RECORD;
  }
}

export interface CsvOptions {
  /** Keep at most this many records after the header (the rest is still checked for syntax errors). */
  readonly maxRows?: number;
  /** The bytes are a prefix of the file, so a quoted field still open at their end is not an error. */
  readonly truncated?: boolean;
  /** Keep only these columns: the fields of the others are scanned (and counted) but not kept. */
  readonly columns?: ReadonlySet<string>;
  /** The column names of a file without a header row (ADX `.export`): every record is data. */
  readonly header?: readonly string[];
  /** `header` came from the file's header row (a later part of the file is read): say so in messages. */
  readonly headerRead?: boolean;
  /** Skip records with the wrong number of fields, telling their lines here, instead of failing. */
  readonly skipBadRecord?: (line: number) => void;
  /** The bytes are a part of the file: lines before them, asked for only when a line is reported. */
  readonly linesBefore?: () => number;
}

/** CSV records, and where the whole records end (before a quoted field left open by a truncated read). */
export type CsvRead = Records & { readonly end: number };

/** Reads the header and records of CSV bytes (valid UTF-8, no BOM). */
export function readCsv(bytes: Buffer, file: string, options: CsvOptions = {}): CsvRead {
  const { maxRows = Infinity, truncated = false, columns, header, headerRead, skipBadRecord, linesBefore } = options;
  const scan = new FieldScanner(bytes);
  let recordStart = 0;
  const lineOf = (offset: number): number => lineAt(bytes, offset) + (linesBefore?.() ?? 0);
  const fail = (message: string): never => {
    throw new InputError(message, file, lineOf(recordStart));
  };

  const none = Object.assign(new RawRecords([], [], [], textCodec), { end: 0 });
  if (!scan.nextRecord()) return none;
  recordStart = scan.pos;
  const names: string[] = header ? [...header] : [];
  for (let r = header ? END_RECORD : NEXT_FIELD; r !== END_RECORD;) {
    r = scan.field();
    if (r === UNCLOSED && truncated) return none;
    if (r < 0) fail(MESSAGES[r]);
    names.push(fieldText(bytes, scan.start, scan.end, scan.escaped));
  }
  if (!header) checkHeader(names, file, lineOf(recordStart));

  // slots[j] is where column j is kept in a record's field ranges, or -1 when it is skipped.
  let width = 0;
  const slots = Int32Array.from(names, (name) => (columns && !columns.has(name) ? -1 : width++));
  let ranges = new Int32Array(1024 * width * 2);
  let starts = new Int32Array(1024);
  let count = 0;
  let end = bytes.length;
  records: while (scan.nextRecord()) {
    recordStart = scan.pos;
    // Past maxRows, records are still scanned for syntax errors (as csv-parse did) but not kept or counted.
    const keep = count < maxRows;
    if (count === starts.length) {
      starts = grown(starts, count * 2);
      ranges = grown(ranges, count * 2 * width * 2);
    }
    const base = count * width * 2;
    let j = 0;
    for (let r = NEXT_FIELD; r !== END_RECORD; j++) {
      r = scan.field();
      if (r < 0) {
        if (r === UNCLOSED && truncated) {
          end = recordStart;
          break records;
        }
        fail(MESSAGES[r]);
      }
      const slot = keep && j < slots.length ? slots[j] : -1;
      if (slot >= 0) {
        ranges[base + slot * 2] = scan.start;
        // The end of an escaped field is stored as ~end (negative), which costs no extra array.
        ranges[base + slot * 2 + 1] = scan.escaped ? ~scan.end : scan.end;
      }
    }
    if (!keep) continue;
    if (j !== names.length && skipBadRecord) {
      skipBadRecord(lineOf(recordStart));
      continue;
    }
    if (j !== names.length) fail(`expected ${names.length} fields as in the ${header && !headerRead ? 'schema' : 'header'}, found ${j}.`);
    starts[count++] = recordStart;
  }
  return new CsvRecords(names, bytes, slots, width, ranges, starts, count, end, linesBefore);
}

/** The fields of the first record, or undefined when it has a syntax error or does not end in `bytes`. */
export function readFirstRecord(bytes: Buffer): string[] | undefined {
  const scan = new FieldScanner(bytes);
  if (!scan.nextRecord()) return undefined;
  const fields: string[] = [];
  for (let r = NEXT_FIELD; r !== END_RECORD;) {
    r = scan.field();
    if (r < 0) return undefined;
    fields.push(fieldText(bytes, scan.start, scan.end, scan.escaped));
  }
  return fields;
}

/**
 * The line of a record starting at `offset`, counted as csv-parse's callers did: at the first byte that is
 * not CR or LF (so a record of a lone CR is reported on the next line).
 */
function lineAt(bytes: Buffer, offset: number): number {
  let p = offset;
  while (bytes[p] === LF || bytes[p] === CR) p++;
  return lineCounter((from) => bytes.indexOf(LF, from))(p);
}

function checkHeader(names: string[], file: string, line: number): void {
  const seen = new Set<string>();
  names.forEach((name, i) => {
    if (name === '') throw new InputError(`column ${i + 1} of the header has no name.`, file, line);
    if (seen.has(name)) throw new InputError(`column '${name}' appears twice in the header.`, file, line);
    seen.add(name);
  });
}

function fieldText(bytes: Buffer, start: number, end: number, escaped: boolean): string {
  const text = bytes.toString('utf8', start, end);
  return escaped ? text.replaceAll('""', '"') : text;
}

/**
 * Records as byte ranges into the file: `ranges` holds start and end of each kept field, record by record
 * (32-bit offsets suffice: readFile refuses files over 2 GiB).
 */
class CsvRecords implements CsvRead {
  /** The file's bytes as ByteDictionary reads them. */
  private readonly view: DataView;
  /** Escaped fields are copied here without their doubled quotes before they are interned. */
  private scratch = new Uint8Array(256);
  private scratchView = new DataView(this.scratch.buffer);

  constructor(
    readonly names: readonly string[],
    private readonly bytes: Buffer,
    private readonly slots: Int32Array,
    private readonly width: number,
    private readonly ranges: Int32Array,
    private readonly starts: Int32Array,
    readonly count: number,
    readonly end: number,
    private readonly linesBefore?: () => number,
  ) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.length);
  }

  line(i: number): number {
    return lineAt(this.bytes, this.starts[i]) + (this.linesBefore?.() ?? 0);
  }

  inferType(j: number): KqlType | undefined {
    const slot = this.slot(j);
    return inferValuesType(textCodec, this.count, (i) => this.text(i, slot));
  }

  column(j: number, type: KqlType, length: number): RecordColumn {
    const slot = this.slot(j);
    if (type === 'string') return this.stringColumn(slot, length);
    const writer = fixedWriter(type, length);
    if (writer) return this.fixedColumn(slot, type, writer);
    const { ranges, width } = this;
    const text = textCodec.converter(type);
    const empty = text('');
    return valuesColumn(type, length, (i) => {
      const at = (i * width + slot) * 2;
      return ranges[at] === ranges[at + 1] ? empty : text(this.text(i, slot));
    });
  }

  /** A column of a fixed-width type (not string, so an empty field is null), written straight from the bytes. */
  private fixedColumn(slot: number, type: KqlType, writer: FixedWriter): RecordColumn {
    const { bytes, ranges, width } = this;
    const text = textCodec.converter(type);
    const valid = new Uint8Array(writer.values.length);
    let nulls = 0;
    let n = 0;
    return {
      append: (from, to) => {
        for (let i = from; i < to; i++, n++) {
          const at = (i * width + slot) * 2;
          const start = ranges[at];
          const end = ranges[at + 1];
          if (start === end) {
            nulls++;
            continue;
          }
          if (end < 0 || !writer.write(bytes, start, end, n)) {
            const v = text(this.text(i, slot));
            if (v === BAD) return i;
            if (v === null) {
              nulls++;
              continue;
            }
            writer.set(n, v);
          }
          valid[n] = 1;
        }
        return -1;
      },
      finish: () => fixedWidthColumn(type, writer.values, valid, nulls),
    };
  }

  show(i: number, j: number): string {
    return this.text(i, this.slot(j));
  }

  private slot(j: number): number {
    const slot = this.slots[j];
    if (slot < 0) throw new InternalError(`CSV column '${this.names[j]}' was not read`);
    return slot;
  }

  private text(i: number, slot: number): string {
    const at = (i * this.width + slot) * 2;
    const end = this.ranges[at + 1];
    return fieldText(this.bytes, this.ranges[at], end < 0 ? ~end : end, end < 0);
  }

  private stringColumn(slot: number, length: number): RecordColumn {
    const { view, ranges, width } = this;
    const dict = new ByteDictionary();
    const keys = new Int32Array(length);
    let n = 0;
    return {
      append: (from, to) => {
        for (let i = from; i < to; i++) {
          const at = (i * width + slot) * 2;
          const start = ranges[at];
          const end = ranges[at + 1];
          if (end >= 0) {
            keys[n++] = dict.intern(view, start, end);
          } else {
            const size = this.unescape(start, ~end); // first: it may replace scratchView
            keys[n++] = dict.intern(this.scratchView, 0, size);
          }
        }
        return -1;
      },
      finish: () => dict.column(keys),
    };
  }

  /** Copies bytes[start..end) of an escaped field to `scratch`, one quote of each pair; returns the length. */
  private unescape(start: number, end: number): number {
    if (this.scratch.length < end - start) {
      this.scratch = new Uint8Array(2 * (end - start));
      this.scratchView = new DataView(this.scratch.buffer);
    }
    const b = this.bytes;
    const out = this.scratch;
    let n = 0;
    for (let p = start; p < end; p++) {
      out[n++] = b[p];
      if (b[p] === QUOTE) p++;
    }
    return n;
  }
}
