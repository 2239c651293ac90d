/**
 * JSON row files: an array of objects, or JSON lines (one object per line). Values are parsed with
 * parseDynJson so that longs beyond 2^53 keep every digit; columns are the keys in order of first appearance.
 */
import { dynToJson, isBag, parseDynJson, type DynBag, type DynValue } from '../dynamic.js';
import { InputError } from '../errors.js';
import type { KqlType } from '../types.js';
import { RawRecords, type Records } from './records.js';
import { lineCounter } from './source.js';
import { jsonCodec, type JsonCell } from './values.js';

/**
 * The shapes of JSON exports, told apart by their keys (see ../shared/exports.md): Streaming API records
 * (`category` + `properties`, alone or in an Event Hub `{"records":[…]}` message), Graph runHuntingQuery
 * (`schema` + `results`), the Defender Advanced Hunting API (`Schema` + `Results`), the Log Analytics query
 * API and Kusto REST v1 (`tables` / `Tables`), and plain row objects (data export, saved `results`, …).
 */
export type JsonShape = 'streaming' | 'eventhub' | 'graph' | 'ah-api' | 'la-query' | 'rows';

/** .NET type names (Graph, Advanced Hunting API, Kusto REST DataType) and Kusto names, to KQL types. */
const TYPE_NAMES = new Map<string, KqlType>([
  ['string', 'string'], ['sbyte', 'bool'], ['boolean', 'bool'], ['bool', 'bool'], ['byte', 'int'], ['int16', 'int'],
  ['int32', 'int'], ['int', 'int'], ['int64', 'long'], ['long', 'long'], ['double', 'real'], ['single', 'real'],
  ['real', 'real'], ['datetime', 'datetime'], ['date', 'datetime'], ['guid', 'guid'], ['uniqueid', 'guid'],
  ['object', 'dynamic'], ['dynamic', 'dynamic'], ['timespan', 'timespan'], ['time', 'timespan'],
  ['sqldecimal', 'decimal'], ['decimal', 'decimal'],
]);

/** The KQL type of a type name a JSON export declares (`Int64`, `System.Int64`, `long`, `#SByte`). */
export function kqlTypeOfName(name: unknown): KqlType | undefined {
  if (typeof name !== 'string') return undefined;
  return TYPE_NAMES.get(name.replace(/^#/, '').replace(/^System\./, '').toLowerCase());
}

const SIDECAR = '@odata.type';

/** A value without the `@odata.type` keys Graph puts into dynamic objects at every level. */
function withoutOdata(v: DynValue): DynValue {
  if (Array.isArray(v)) return v.map(withoutOdata);
  if (!isBag(v)) return v;
  const out: DynBag = new Map();
  for (const [k, x] of v) if (!k.endsWith(SIDECAR)) out.set(k, withoutOdata(x));
  return out;
}

const str = (bag: DynBag, ...keys: string[]): DynValue | undefined => {
  for (const k of keys) if (bag.has(k)) return bag.get(k);
  return undefined;
};

/** Collects objects as rows of a growing list of columns. */
class ObjectRows {
  readonly names: string[] = [];
  readonly rows: JsonCell[][] = [];
  readonly lines: number[] = [];
  /** Column types the file declares (a `schema`, `columns`, or `@odata.type` sidecars). */
  readonly declared = new Map<string, KqlType>();
  shape: JsonShape | undefined;
  /** Things worth telling the user (a partial result). */
  readonly warnings: string[] = [];
  /** The table the records name (Streaming API `category`). */
  table: string | undefined;
  private readonly index = new Map<string, number>();
  /** The file of each row, when rows come from several files (a folder). */
  private readonly rowFiles: string[] = [];
  private readonly files = new Set<string>();
  /** Streaming API records, kept until records() picks the table's. */
  private readonly envelopes: { table: string; properties: DynBag; line: number; file: string }[] = [];

  /** `table`: the table wanted, when a file's records name several. */
  constructor(public file: string, private readonly maxRows = Infinity, private readonly wantTable?: string) {}

  get full(): boolean {
    return this.rows.length + this.envelopes.length >= this.maxRows;
  }

  private setShape(shape: JsonShape): void {
    if (this.shape === undefined || this.shape === 'rows') this.shape = shape;
  }

  /** Adds a top-level JSON object of any of the shapes. */
  addDocument(doc: DynBag, line: number): void {
    const records = doc.get('records');
    if (Array.isArray(records) && doc.size <= 2) {
      this.setShape('eventhub');
      for (const r of records) {
        if (this.full) return;
        if (!isBag(r) || !this.addEnvelope(r, line)) {
          throw new InputError('an Event Hub message whose "records" are not Streaming API records (category + properties).', this.file, line);
        }
      }
      return;
    }
    if (this.addEnvelope(doc, line)) {
      this.setShape('streaming');
      return;
    }
    const results = str(doc, 'results', 'Results');
    const schema = str(doc, 'schema', 'Schema');
    if (Array.isArray(results) && (Array.isArray(schema) || doc.has('@odata.context'))) {
      this.setShape(doc.has('Results') ? 'ah-api' : 'graph');
      if (Array.isArray(schema)) {
        for (const c of schema) {
          if (!isBag(c)) continue;
          const name = str(c, 'name', 'Name');
          const type = kqlTypeOfName(str(c, 'type', 'Type'));
          if (typeof name === 'string' && type) this.declared.set(name, type);
        }
      }
      for (const r of results) {
        if (this.full) return;
        if (!isBag(r)) throw new InputError(`expected "results" to hold JSON objects, found ${kindOf(r)}.`, this.file, line);
        this.add(r, line);
      }
      return;
    }
    const tables = str(doc, 'tables', 'Tables');
    if (Array.isArray(tables) && tables.length > 0 && isBag(tables[0])) {
      this.setShape('la-query');
      const error = doc.get('error');
      if (error !== undefined && error !== null) {
        const message = isBag(error) ? str(error, 'message') ?? str(error, 'code') : error;
        this.warnings.push(`the query API reported an error, so the rows may be incomplete: ${typeof message === 'string' ? message : dynToJson(message ?? null)}`);
      }
      const t = tables[0];
      const columns = str(t, 'columns', 'Columns');
      const rows = str(t, 'rows', 'Rows');
      if (!Array.isArray(columns) || !Array.isArray(rows)) {
        throw new InputError('a "tables" result without "columns" and "rows".', this.file, line);
      }
      const names = columns.map((c) => (isBag(c) ? str(c, 'name', 'ColumnName') : undefined));
      columns.forEach((c, k) => {
        const type = isBag(c) ? kqlTypeOfName(str(c, 'type', 'ColumnType')) ?? kqlTypeOfName(str(c, 'DataType')) : undefined;
        if (typeof names[k] === 'string' && type) this.declared.set(names[k] as string, type);
      });
      for (const r of rows) {
        if (this.full) return;
        if (!Array.isArray(r) || r.length !== names.length) {
          throw new InputError(`expected each row of "rows" to be an array of ${names.length} values.`, this.file, line);
        }
        const bag: DynBag = new Map();
        names.forEach((n, k) => typeof n === 'string' && bag.set(n, r[k]));
        this.add(bag, line);
      }
      return;
    }
    this.setShape('rows');
    this.add(doc, line);
  }

  /** Records a Streaming API record's `properties` for records(); false when the object is not such a record. */
  private addEnvelope(doc: DynBag, line: number): boolean {
    const category = doc.get('category');
    const properties = doc.get('properties');
    if (typeof category !== 'string' || properties === undefined || !isBag(properties)) return false;
    this.envelopes.push({ table: category.replace(/^AdvancedHunting-/, ''), properties, line, file: this.file });
    return true;
  }

  add(object: DynBag, line: number): void {
    const row: JsonCell[] = [];
    for (const [key, raw] of object) {
      if (key.endsWith(SIDECAR)) {
        // `Col@odata.type: "#SByte"` says how to read Col when no schema does.
        const col = key.slice(0, -SIDECAR.length);
        const type = kqlTypeOfName(raw) ?? (typeof raw === 'string' && raw.startsWith('#Collection(') ? 'dynamic' : undefined);
        if (col !== '' && type && !this.declared.has(col)) this.declared.set(col, type);
        continue;
      }
      const value = withoutOdata(raw);
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
    this.rowFiles.push(this.file);
    this.files.add(this.file);
  }

  records(): Records {
    if (this.envelopes.length > 0) {
      const tables = [...new Set(this.envelopes.map((e) => e.table))];
      this.table = tables.length === 1 ? tables[0] : this.wantTable;
      if (!tables.includes(this.table!)) {
        throw new InputError(
          `the Streaming API records are of ${tables.length} tables (${tables.join(', ')}); name the one to load, e.g. -t ${tables[0]}=${this.file}.`,
          this.file,
        );
      }
      for (const e of this.envelopes) {
        if (e.table !== this.table) continue;
        this.file = e.file;
        this.add(e.properties, e.line);
      }
    }
    const r = new RawRecords(this.names, this.rows, this.lines, jsonCodec);
    const fileOf = this.files.size > 1 ? (i: number) => this.rowFiles[i] : undefined;
    return Object.assign(r, { format: this.shape ?? 'rows', table: this.table, declared: this.declared, fileOf, warnings: this.warnings });
  }
}

/** "a number", "an array", …: what was found where an object was expected. */
function kindOf(v: DynValue): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (isBag(v)) return 'an object';
  return typeof v === 'bigint' || typeof v === 'number' ? 'a number' : typeof v === 'boolean' ? 'a boolean' : 'a string';
}

/**
 * One object per line (blank lines skipped), each of any shape; or, when the first line is not a whole
 * JSON value, one pretty-printed JSON document (a Graph response, a Streaming record as the docs show it).
 */
export function readJsonLines(text: string, file: string, maxRows = Infinity, truncated = false, table?: string): Records {
  const out = new ObjectRows(file, maxRows, table);
  addJsonLines(out, text, file, truncated);
  return out.records();
}

/** A folder's JSON files (e.g. a Storage container's `…/h=17/m=00/PT1H.json` blobs) as one set of records. */
export function readJsonFiles(
  files: readonly { text: string; file: string; array: boolean }[], maxRows = Infinity, table?: string,
): Records {
  const out = new ObjectRows(files[0]?.file ?? '', maxRows, table);
  for (const f of files) {
    if (out.full) break;
    out.file = f.file;
    if (f.array) addJsonArray(out, f.text, f.file, false);
    else addJsonLines(out, f.text, f.file, false);
  }
  return out.records();
}

function addJsonLines(out: ObjectRows, text: string, file: string, truncated: boolean): void {
  const firstLine = /^[^\n]*/.exec(text.trimStart())![0];
  if (parseDynJson(firstLine) === undefined) {
    const start = text.length - text.trimStart().length;
    const line = lineCounter((from) => text.indexOf('\n', from))(start);
    const v = parseDynJson(text);
    if (v === undefined) {
      if (truncated) return;
      throw new InputError(
        'invalid JSON: the file is neither one JSON object per line nor one JSON document (is it truncated?).', file, line,
      );
    }
    if (!isBag(v)) throw new InputError(`expected a JSON object, found ${kindOf(v)}.`, file, line);
    out.addDocument(v, line);
    return;
  }
  let line = 0;
  for (let pos = 0; pos < text.length && !out.full;) {
    let nl = text.indexOf('\n', pos);
    if (nl < 0) nl = text.length;
    const s = text.slice(pos, nl);
    pos = nl + 1;
    line++;
    if (!/\S/.test(s)) continue;
    const v = parseDynJson(s);
    if (v === undefined) throw new InputError('invalid JSON; expected one complete JSON object per line.', file, line);
    if (!isBag(v)) throw new InputError(`expected one JSON object per line, found ${kindOf(v)}.`, file, line);
    out.addDocument(v, line);
  }
}

/**
 * A JSON array of objects. Elements are delimited by a bracket-depth scan and each is parsed alone, which
 * gives every row its line. With `truncated`, the text is a prefix of the file: an unfinished element ends it.
 */
export function readJsonArray(text: string, file: string, maxRows = Infinity, truncated = false, table?: string): Records {
  const out = new ObjectRows(file, maxRows, table);
  addJsonArray(out, text, file, truncated);
  return out.records();
}

function addJsonArray(out: ObjectRows, text: string, file: string, truncated: boolean): void {
  const lineAt = lineCounter((from) => text.indexOf('\n', from));
  const error = (message: string, at: number): InputError => new InputError(message, file, lineAt(at));
  const unclosed = 'unexpected end of file: the JSON array is not closed (is the file truncated?).';
  let pos = skipSpace(text, text.indexOf('[') + 1);
  let closed = text[pos] === ']';
  if (closed) pos++;
  while (!closed && !out.full) {
    const start = pos;
    const end = valueEnd(text, start);
    if (end < 0) {
      if (truncated) break;
      throw error(unclosed, start);
    }
    const v = parseDynJson(text.slice(start, end));
    if (v === undefined) throw error('invalid JSON in the array element that starts on this line.', start);
    if (!isBag(v)) throw error(`expected an array of JSON objects, found ${kindOf(v)} in the array.`, start);
    out.addDocument(v, lineAt(start));
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
