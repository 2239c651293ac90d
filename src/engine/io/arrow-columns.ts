/**
 * Arrow columns as KQL columns and back: the KQL type of each Arrow type, the exact conversion of an Arrow
 * column to the type a table's schema asks for, and a Table as an Arrow table whose field metadata keeps
 * each column's KQL type. The engine's own storage is kept as it is, without a copy: Int32, Int64 and
 * Float64 values, Bool bits, Dictionary<Utf8, Int32> strings.
 */
import {
  Data, DataType, Dictionary, Field as ArrowField, Int64, RecordBatch, Schema, Struct, Type, Utf8, makeData,
  makeVector, type Vector,
} from 'apache-arrow';
import type { TableSource } from '../batch.js';
import { Column, ColumnBuilder, arrowType, utf8Data, validityTest, type JsValue } from '../column.js';
import { dynToJson, type DynValue } from '../dynamic.js';
import { InputError, InternalError } from '../errors.js';
import {
  MAX_DATETIME_TICKS, MIN_DATETIME_TICKS, TICKS_PER_DAY, TICKS_PER_MS, TICKS_PER_SECOND, UNIX_EPOCH_TICKS,
  parseTypeName, type KqlType,
} from '../types.js';
import { ByteDictionary } from './dictionary.js';
import { BAD, jsonCodec, textCodec } from './values.js';

/** The field metadata key holding a column's KQL type (`kql convert` writes it). */
export const KQL_TYPE_KEY = 'kql.type';
/** The schema metadata key holding the table a file holds (`kql convert -t NAME`). */
export const KQL_TABLE_KEY = 'kql.table';

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
/** Ticks per unit of Arrow's TimeUnit (SECOND, MILLISECOND, MICROSECOND); nanoseconds divide by 100. */
const TICKS_PER_UNIT = [TICKS_PER_SECOND, TICKS_PER_MS, 10n];

/** A column as the file stores it: text, or a scalar KQL type. */
type Storage = KqlType | 'text' | 'null';

function storageOf(t: DataType): Storage | undefined {
  switch (t.typeId) {
    case Type.Bool:
      return 'bool';
    case Type.Int: {
      const { bitWidth, isSigned } = t as unknown as { bitWidth: number; isSigned: boolean };
      return bitWidth < 32 || (bitWidth === 32 && isSigned) ? 'int' : 'long';
    }
    case Type.Float:
      return 'real';
    case Type.Decimal:
      return 'decimal';
    case Type.Timestamp:
    case Type.Date:
      return 'datetime';
    case Type.Duration:
    case Type.Time:
      return 'timespan';
    case Type.Utf8:
    case Type.LargeUtf8:
      return 'text';
    case Type.Dictionary:
      return storageOf((t as Dictionary).dictionary) === 'text' ? 'text' : undefined;
    case Type.Null:
      return 'null';
    default:
      return undefined;
  }
}

const isInt64 = (t: DataType): boolean => t.typeId === Type.Int && t.ArrayType === BigInt64Array;
const isFloat64 = (t: DataType): boolean => t.typeId === Type.Float && t.ArrayType === Float64Array;

/** An Arrow type as messages name it, e.g. `Timestamp<MICROSECOND, UTC>`. */
export function arrowTypeName(t: DataType): string {
  return String(t);
}

/**
 * The KQL type a file gives a column: its `kql.type` metadata, else the one of its Arrow type; undefined
 * when KQL has no type for the Arrow type. Metadata that does not fit the Arrow type is refused.
 */
export function fileColumnType(field: ArrowField, file: string): KqlType | undefined {
  const storage = storageOf(field.type);
  const natural = storage === 'text' || storage === 'null' ? 'string' : storage;
  const meta = field.metadata.get(KQL_TYPE_KEY);
  if (meta === undefined || storage === undefined) return natural;
  const declared = parseTypeName(meta);
  const fits = declared !== undefined && (declared === natural || storage === 'null'
    || (storage === 'text' && (declared === 'guid' || declared === 'dynamic'))
    || (isInt64(field.type) && (declared === 'datetime' || declared === 'timespan'))
    || (isFloat64(field.type) && declared === 'decimal'));
  if (!fits) {
    throw new InputError(`column '${field.name}': its metadata ${KQL_TYPE_KEY}=${meta} does not fit its Arrow type ${arrowTypeName(field.type)}.`, file);
  }
  return declared;
}

const NUMBERS: readonly KqlType[] = ['bool', 'int', 'long', 'real', 'decimal'];

/** Whether a column the file types `fileType` (stored as `t`) can be read as `type`: text as any type, numbers as numbers. */
export function canConvert(t: DataType, fileType: KqlType, type: KqlType): boolean {
  const storage = storageOf(t);
  return fileType === type || storage === 'text' || storage === 'null' || (NUMBERS.includes(fileType) && NUMBERS.includes(type));
}

/** A column read from Arrow data, and the rows whose value is not of the type (the column holds null there). */
export interface Converted {
  readonly column: Column;
  readonly bad: readonly number[];
}

/**
 * The Arrow data (of a type fileColumnType maps to `fileType`, and canConvert to `type`) as a KQL column
 * of `type`: text as the CSV reader reads it, integers and reals as JSON numbers are read, timestamps and
 * durations to the tick, refusing what a tick cannot hold.
 */
export function convertColumn(data: Data, fileType: KqlType, type: KqlType): Converted {
  const storage = storageOf(data.type);
  if (storage === 'null') return { column: Column.constant(type, type === 'string' ? '' : null, data.length), bad: [] };
  if (storage === 'text') return textColumn(data, type);
  if (fileType !== type) return valuesColumn(data, type, jsonCodec.converter(type), numberReader(data));
  switch (type) {
    case 'bool':
    case 'int':
    case 'long':
    case 'real':
    case 'decimal':
      return sameNumbers(data, type);
    case 'datetime':
    case 'timespan':
      return ticksColumn(data, type);
    default:
      // fileColumnType gives string, guid and dynamic to text and null columns only.
      throw new InternalError(`a ${arrowTypeName(data.type)} column typed ${type}`);
  }
}

/** Numbers of the KQL type the file gives them: kept when stored as the engine stores them, else widened. */
function sameNumbers(data: Data, type: KqlType): Converted {
  const t = data.type;
  const kept = type === 'bool' || (type === 'int' && t.ArrayType === Int32Array) || (type === 'long' && isInt64(t))
    || ((type === 'real' || type === 'decimal') && isFloat64(t));
  if (kept) return { column: new Column(type, data), bad: [] };
  if (t.typeId === Type.Decimal) return valuesColumn(data, type, (v) => v, decimalReader(data));
  // Int8/16, Uint8/16 as int, Uint32/64 as long (Uint64 above 2^63 is refused), Float16/32 as real.
  const get = makeVector(data);
  return valuesColumn(data, type, (v: JsValue) => {
    if (typeof v === 'bigint') return v <= INT64_MAX ? v : BAD;
    return type === 'long' ? BigInt(v as number) : v;
  }, (i) => get.get(i) as JsValue);
}

/** A reader of row i as a JSON-like value: booleans, integers as bigint, reals and decimals as numbers. */
function numberReader(data: Data): (i: number) => JsValue {
  if (data.type.typeId === Type.Decimal) return decimalReader(data);
  const get = makeVector(data);
  const integer = data.type.typeId === Type.Int;
  return (i) => {
    const v = get.get(i) as JsValue;
    return integer && typeof v === 'number' ? BigInt(v) : v;
  };
}

/**
 * Decimals as numbers, read from their exact decimal text as the CSV reader reads `123.45`, so that the
 * same value in either file is the same number.
 */
function decimalReader(data: Data): (i: number) => number {
  const { scale, bitWidth } = data.type as unknown as { scale: number; bitWidth: number };
  const words = data.values as Uint32Array;
  const stride = bitWidth / 32;
  return (i) => {
    let v = 0n;
    for (let w = stride - 1; w >= 0; w--) v = (v << 32n) | BigInt(words[i * stride + w]);
    v = BigInt.asIntN(bitWidth, v);
    const digits = (v < 0n ? -v : v).toString().padStart(scale + 1, '0');
    const text = scale > 0 ? `${digits.slice(0, -scale)}.${digits.slice(-scale)}` : digits;
    return Number(v < 0n ? '-' + text : text);
  };
}

/**
 * Datetimes and timespans as ticks: Int64 ticks (the file's metadata says so) are kept, datetimes checked
 * to be in range; timestamps, dates, durations and times of day are scaled from their unit, refusing
 * nanoseconds that are not whole ticks.
 */
function ticksColumn(data: Data, type: 'datetime' | 'timespan'): Converted {
  const t = data.type as unknown as { typeId: Type; unit: number };
  const min = type === 'datetime' ? MIN_DATETIME_TICKS : INT64_MIN;
  const max = type === 'datetime' ? MAX_DATETIME_TICKS : INT64_MAX;
  if (t.typeId === Type.Int) {
    const bad = type === 'datetime' ? ticksOutOfRange(data) : [];
    return { column: new Column(type, bad.length > 0 ? withNulls(data, bad) : data), bad };
  }
  // Date32 counts days, Date64 milliseconds (DateUnit DAY = 0, MILLISECOND = 1).
  const perUnit = t.typeId === Type.Date ? (t.unit === 0 ? TICKS_PER_DAY : TICKS_PER_MS) : TICKS_PER_UNIT[t.unit];
  const nanos = perUnit === undefined;
  const epoch = type === 'datetime' && t.typeId !== Type.Time ? UNIX_EPOCH_TICKS : 0n;
  const values = data.values as BigInt64Array | Int32Array;
  const out = new BigInt64Array(data.length);
  const bad: number[] = [];
  const valid = validityTest(data);
  for (let i = 0; i < out.length; i++) {
    if (valid && !valid(i)) continue;
    const v = BigInt(values[i]);
    const ticks = nanos ? (v % 100n === 0n ? v / 100n + epoch : undefined) : v * perUnit! + epoch;
    if (ticks === undefined || ticks < min || ticks > max) bad.push(i);
    else out[i] = ticks;
  }
  const nullBitmap = bad.length > 0 ? withNulls(data, bad).nullBitmap : data.nullBitmap;
  const column = new Column(type, makeData({
    type: new Int64(), length: out.length, nullCount: countNulls(nullBitmap, out.length), nullBitmap, data: out,
  }));
  return { column, bad };
}

/** Rows of Int64 ticks outside the datetime range, tested on the two 32-bit halves of each value. */
function ticksOutOfRange(data: Data): number[] {
  const v = data.values as BigInt64Array;
  const halves = new Int32Array(v.buffer, v.byteOffset, v.length * 2);
  const maxHigh = Number(MAX_DATETIME_TICKS >> 32n);
  const maxLow = Number(MAX_DATETIME_TICKS & 0xffffffffn);
  const valid = validityTest(data);
  const bad: number[] = [];
  for (let i = 0; i < v.length; i++) {
    const high = halves[2 * i + 1];
    if ((high < 0 || high > maxHigh || (high === maxHigh && halves[2 * i] >>> 0 > maxLow)) && (!valid || valid(i))) bad.push(i);
  }
  return bad;
}

/**
 * Text as `type`. Strings stay as they are stored when they are a Dictionary<Utf8, Int32> without nulls;
 * plain Utf8 is dictionary-encoded from its bytes; other types convert each distinct text once, with the
 * CSV reader's rules (an empty text is null), and guids and dynamic values already in the engine's form
 * are kept too.
 */
function textColumn(data: Data, type: KqlType): Converted {
  const t = data.type;
  if (t.typeId === Type.Dictionary && (t as Dictionary).indices.ArrayType === Int32Array && data.dictionary?.data.length === 1
    && data.dictionary.type.typeId === Type.Utf8) {
    const column = new Column(type, data);
    if (type === 'string' && data.nullCount === 0) return { column, bad: [] };
    if (type !== 'string') {
      const convert = textCodec.converter(type);
      const entries = column.dictionaryStrings();
      // Entries already as the engine stores them: lower-case guids, canonical JSON text.
      const stored = (v: JsValue | typeof BAD): unknown => (type === 'guid' || v === null || v === BAD ? v : dynToJson(v as DynValue));
      if ((type === 'guid' || type === 'dynamic') && entries.every((s) => stored(convert(s)) === s)) return { column, bad: [] };
      const keys = data.values as Int32Array;
      const memo = entries.map(() => undefined as JsValue | typeof BAD | undefined);
      return valuesColumn(data, type, (k) => (memo[k as number] ??= convert(entries[k as number])), (i) => keys[i]);
    }
  }
  if (t.typeId === Type.Utf8) {
    const strings = utf8Dictionary(data);
    if (type === 'string') return { column: strings, bad: [] };
    const convert = textCodec.converter(type);
    const entries = strings.dictionaryStrings();
    const keys = strings.dictionaryKeys();
    const memo = entries.map(() => undefined as JsValue | typeof BAD | undefined);
    return valuesColumn(data, type, (k) => (memo[k as number] ??= convert(entries[k as number])), (i) => keys[i]);
  }
  // Other index types, several dictionary chunks, LargeUtf8: one string per row.
  const get: Vector = makeVector(data);
  return valuesColumn(data, type, textCodec.converter(type), (i) => get.get(i) as string);
}

/** Plain Utf8 as a string column: each distinct value's bytes are copied once into the dictionary, null as "". */
function utf8Dictionary(data: Data): Column {
  const offsets = data.valueOffsets as Int32Array;
  const bytes = data.values as Uint8Array;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const dictionary = new ByteDictionary();
  const keys = new Int32Array(data.length);
  const valid = validityTest(data);
  for (let i = 0; i < keys.length; i++) {
    keys[i] = valid && !valid(i) ? dictionary.intern(view, 0, 0) : dictionary.intern(view, offsets[i], offsets[i + 1]);
  }
  return dictionary.column(keys);
}

/**
 * A column of the values `read(i)` gives for the valid rows, through `convert`; null rows are null ("" in
 * a string column) and BAD values are reported.
 */
function valuesColumn<V>(
  data: Data, type: KqlType, convert: (v: V) => JsValue | typeof BAD, read: (i: number) => V,
): Converted {
  const b = new ColumnBuilder(type, data.length);
  const valid = validityTest(data);
  const bad: number[] = [];
  const none = type === 'string' ? '' : null;
  for (let i = 0; i < data.length; i++) {
    if (valid && !valid(i)) {
      b.append(none);
      continue;
    }
    const v = convert(read(i));
    if (v === BAD) {
      bad.push(i);
      b.append(none);
    } else {
      b.append(v);
    }
  }
  return { column: b.finish(), bad };
}

/** Row i as error messages quote it. */
export function showArrowValue(data: Data, i: number): string {
  if (data.type.typeId === Type.Decimal) return String(decimalReader(data)(i));
  // The stored count of the unit, which apache-arrow would show as a number of milliseconds.
  if ([Type.Timestamp, Type.Date, Type.Duration, Type.Time].includes(data.type.typeId)) {
    return `${(data.values as BigInt64Array | Int32Array)[i]} (${arrowTypeName(data.type)})`;
  }
  const v: unknown = makeVector(data).get(i);
  return typeof v === 'string' ? v : String(v);
}

/** The data with these rows null too. */
function withNulls(data: Data, rows: readonly number[]): Data {
  const bits = new Uint8Array((data.length + 7) >> 3);
  const valid = validityTest(data);
  for (let i = 0; i < data.length; i++) if (!valid || valid(i)) bits[i >> 3] |= 1 << (i & 7);
  for (const i of rows) bits[i >> 3] &= ~(1 << (i & 7));
  return data.clone(data.type, data.offset, data.length, countNulls(bits, data.length), [data.valueOffsets, data.values, bits] as never);
}

function countNulls(bits: Uint8Array | undefined, n: number): number {
  if (!bits || bits.length === 0) return 0;
  let valid = 0;
  for (let i = 0; i < n; i++) valid += (bits[i >> 3] >> (i & 7)) & 1;
  return n - valid;
}

/**
 * A table as Arrow record batches: each column stored as the engine stores it, with its KQL type in the
 * field metadata; the batches of a string, guid or dynamic column share one dictionary (the IPC file
 * format allows no other), gathered by a first scan of the table. The batches come from a second scan,
 * one at a time, so a streamed file is converted without holding it.
 */
export function arrowBatchesOf(
  source: TableSource, tableName?: string, dictionaryLimit = DICTIONARY_LIMIT,
): { schema: Schema; batches(): Iterable<RecordBatch> } {
  const dictionaries = source.schema.map((f) => (arrowType(f.type) instanceof Dictionary ? new SharedDictionary(dictionaryLimit) : undefined));
  for (const batch of source.scan()) dictionaries.forEach((d, c) => d?.add(batch.columns[c]));
  // A column with too many distinct values (ids, GUIDs) is written as plain text: its dictionary would
  // hold about every value, in memory.
  const plain = dictionaries.map((d) => d?.full === true);
  const types = source.schema.map((f, c) => (plain[c] ? new Utf8() : arrowType(f.type)));
  const fields = source.schema.map((f, c) => new ArrowField(f.name, types[c], true, new Map([[KQL_TYPE_KEY, f.type]])));
  const schema = new Schema(fields, tableName !== undefined ? new Map([[KQL_TABLE_KEY, tableName]]) : undefined);
  function* batches(): Iterable<RecordBatch> {
    for (const batch of source.scan()) {
      const children = batch.columns.map((column, c) => {
        if (plain[c]) return plainText(column);
        const dictionary = dictionaries[c];
        if (dictionary) return dictionary.keys(column, types[c] as Dictionary);
        const d = column.toVector().data[0];
        return makeData({
          type: types[c], offset: d.offset, length: d.length, nullCount: d.nullCount, nullBitmap: d.nullBitmap, data: d.values,
        } as never) as Data;
      });
      yield new RecordBatch(schema, makeData({ type: new Struct(fields), length: batch.length, nullCount: 0, children }));
    }
  }
  return { schema, batches };
}

/** One dictionary for a column of every batch: the batches' entries are added, then each batch's keys point into it. */
class SharedDictionary {
  private ids = new Map<string, number>();
  private entries: string[] = [];
  private readonly remaps = new WeakMap<Data, Int32Array>();
  private dictionary?: ReturnType<typeof makeVector>;
  /** More than `limit` distinct values were added: the entries were dropped. */
  full = false;

  constructor(private readonly limit: number) {}

  /** The shared id of each of the column's own dictionary entries (adding those not seen yet). */
  add(column: Column): Int32Array {
    if (this.full) return new Int32Array(0);
    if (this.entries.length > 0 && this.entries.length + column.dictionaryStrings().length > this.limit) {
      const fresh = column.dictionaryStrings().filter((s) => !this.ids.has(s)).length;
      if (fresh > 0 && this.entries.length + fresh > this.limit) {
        this.full = true;
        this.ids = new Map();
        this.entries = [];
        return new Int32Array(0);
      }
    }
    let out = this.remaps.get(column.data);
    if (!out) {
      out = Int32Array.from(column.dictionaryStrings(), (s) => {
        let id = this.ids.get(s);
        if (id === undefined) this.ids.set(s, (id = this.entries.push(s) - 1));
        return id;
      });
      this.remaps.set(column.data, out);
    }
    return out;
  }

  /** The column's keys into the shared dictionary, whose entries must all have been added. */
  keys(column: Column, type: Dictionary): Data {
    const ids = this.add(column);
    if (this.dictionary && this.dictionary.length !== this.entries.length) throw new InternalError('a dictionary entry was added after the first batch');
    const dictionary = (this.dictionary ??= makeVector(utf8Data(this.entries)));
    const local = column.dictionaryKeys();
    // Strings have no null; guids and dynamic values do.
    const read = column.type === 'string' ? undefined : column.reader();
    const sel = column.sel;
    const n = column.length;
    const keys = new Int32Array(n);
    const bits = new Uint8Array((n + 7) >> 3);
    let nulls = 0;
    for (let i = 0; i < n; i++) {
      if (read?.(i) === null) {
        nulls++;
        continue;
      }
      keys[i] = ids[local[sel ? sel[i] : i]];
      bits[i >> 3] |= 1 << (i & 7);
    }
    return makeData({ type, length: n, nullCount: nulls, nullBitmap: nulls > 0 ? bits : undefined, data: keys, dictionary });
  }
}

/** Distinct values kept per column for a shared dictionary; a column with more is written as plain text. */
const DICTIONARY_LIMIT = 1 << 16;

/** A string, guid or dynamic column as plain Utf8 text (null where the value is null). */
function plainText(column: Column): Data {
  const strings = column.dictionaryStrings();
  const keys = column.dictionaryKeys();
  const valid = validityTest(column.data);
  const { sel } = column;
  const n = column.length;
  const texts = new Array<string>(n);
  const bits = new Uint8Array((n + 7) >> 3);
  let nulls = 0;
  for (let i = 0; i < n; i++) {
    const p = sel ? sel[i] : i;
    if (valid && !valid(p)) {
      texts[i] = '';
      nulls++;
    } else {
      texts[i] = strings[keys[p]];
      bits[i >> 3] |= 1 << (i & 7);
    }
  }
  const text = utf8Data(texts);
  return makeData({ type: new Utf8(), length: n, nullCount: nulls, nullBitmap: nulls > 0 ? bits : undefined, valueOffsets: text.valueOffsets, data: text.values });
}
