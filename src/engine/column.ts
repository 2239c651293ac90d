/**
 * Columns: one Arrow `Data` chunk plus an optional selection vector, so that `where`, `take` and
 * `sort` select rows without copying them. Kernels read values through `reader()`, a closure
 * specialised once per column for its storage, and write through `ColumnBuilder`.
 */
import {
  Bool, Data, Dictionary, Float64, Int32, Int64, Utf8, makeData, makeVector, type DataType, type Vector,
} from 'apache-arrow';
import { dynToJson, parseDynJson, type DynValue } from './dynamic.js';
import { InternalError } from './errors.js';
import type { KqlType } from './types.js';

/** A value in a row kernel (see types.ts for the JS form of each KQL type). */
export type JsValue = boolean | number | bigint | string | DynValue | null;

export type Reader = (i: number) => JsValue;

const decoder = new TextDecoder();
const encoder = new TextEncoder();

/** Decoded dictionary entries, computed once per Arrow dictionary. */
const stringCache = new WeakMap<Data, string[]>();
const dynCache = new WeakMap<Data, DynValue[]>();

function dictionaryData(data: Data): Data<Utf8> {
  const dict = data.dictionary;
  if (!dict || dict.data.length !== 1) throw new InternalError('dictionary column without one dictionary chunk');
  return dict.data[0] as Data<Utf8>;
}

/** The dictionary entries of a string, guid or dynamic column, as JS strings. */
export function dictionaryStrings(data: Data): string[] {
  const d = dictionaryData(data);
  let out = stringCache.get(d);
  if (!out) {
    out = new Array<string>(d.length);
    const offs = d.valueOffsets;
    const bytes = d.values;
    for (let i = 0; i < d.length; i++) out[i] = decoder.decode(bytes.subarray(offs[d.offset + i], offs[d.offset + i + 1]));
    stringCache.set(d, out);
  }
  return out;
}

function dictionaryDyn(data: Data): DynValue[] {
  const d = dictionaryData(data);
  let out = dynCache.get(d);
  if (!out) {
    out = dictionaryStrings(data).map((t) => {
      const v = parseDynJson(t);
      if (v === undefined) throw new InternalError(`stored dynamic value is not JSON: ${t}`);
      return v;
    });
    dynCache.set(d, out);
  }
  return out;
}

/** Whether physical row p is valid (not null); undefined when every row is. */
export function validityTest(data: Data): ((p: number) => boolean) | undefined {
  if (data.nullCount === 0 || !data.nullBitmap || data.nullBitmap.length === 0) return undefined;
  const bm = data.nullBitmap;
  const off = data.offset;
  return (p) => ((bm[(p + off) >> 3] >> ((p + off) & 7)) & 1) === 1;
}

export class Column {
  readonly type: KqlType;
  readonly data: Data;
  /** Logical row i is physical row sel[i] of data; absent means the identity. */
  readonly sel?: Int32Array;

  constructor(type: KqlType, data: Data, sel?: Int32Array) {
    this.type = type;
    this.data = data;
    this.sel = sel;
  }

  get length(): number {
    return this.sel ? this.sel.length : this.data.length;
  }

  /** The rows at the given logical indices, as a view (no copy). */
  take(indices: Int32Array): Column {
    if (!this.sel) return new Column(this.type, this.data, indices);
    const sel = this.sel;
    const composed = new Int32Array(indices.length);
    for (let i = 0; i < indices.length; i++) composed[i] = sel[indices[i]];
    return new Column(this.type, this.data, composed);
  }

  /** A reader of logical rows, specialised for this column's storage. */
  reader(): Reader {
    const phys = this.physicalReader();
    const sel = this.sel;
    return sel ? (i) => phys(sel[i]) : phys;
  }

  /** Dictionary keys of a string/guid/dynamic column (physical rows; map through `sel`). */
  dictionaryKeys(): Int32Array {
    return (this.data.values as Int32Array).subarray(this.data.offset, this.data.offset + this.data.length);
  }

  dictionaryStrings(): string[] {
    return dictionaryStrings(this.data);
  }

  private physicalReader(): Reader {
    const data = this.data;
    const valid = validityTest(data);
    const off = data.offset;
    switch (this.type) {
      case 'bool': {
        const bits = data.values as Uint8Array;
        const get = (p: number): boolean => ((bits[(p + off) >> 3] >> ((p + off) & 7)) & 1) === 1;
        return valid ? (p) => (valid(p) ? get(p) : null) : get;
      }
      case 'int':
      case 'long':
      case 'real':
      case 'decimal':
      case 'datetime':
      case 'timespan': {
        const vals = data.values as Int32Array | Float64Array | BigInt64Array;
        return valid ? (p) => (valid(p) ? vals[p + off] : null) : (p) => vals[p + off];
      }
      case 'string': {
        const keys = data.values as Int32Array;
        const dict = dictionaryStrings(data);
        return (p) => dict[keys[p + off]];
      }
      case 'guid': {
        const keys = data.values as Int32Array;
        const dict = dictionaryStrings(data);
        return valid ? (p) => (valid(p) ? dict[keys[p + off]] : null) : (p) => dict[keys[p + off]];
      }
      case 'dynamic': {
        const keys = data.values as Int32Array;
        const dict = dictionaryDyn(data);
        return valid ? (p) => (valid(p) ? dict[keys[p + off]] : null) : (p) => dict[keys[p + off]];
      }
    }
  }

  /** All values as a JS array (tests, output writers). */
  toArray(): JsValue[] {
    const r = this.reader();
    const out = new Array<JsValue>(this.length);
    for (let i = 0; i < out.length; i++) out[i] = r(i);
    return out;
  }

  /** The column as a dense Arrow vector (the selection applied). */
  toVector(): Vector {
    return makeVector(this.sel ? Column.fromValues(this.type, this.toArray()).data : this.data);
  }

  static fromValues(type: KqlType, values: readonly JsValue[]): Column {
    const b = new ColumnBuilder(type, values.length);
    for (const v of values) b.append(v);
    return b.finish();
  }

  /** A column of n copies of one value. */
  static constant(type: KqlType, value: JsValue, n: number): Column {
    const b = new ColumnBuilder(type, n);
    for (let i = 0; i < n; i++) b.append(value);
    return b.finish();
  }
}

export function arrowType(type: KqlType): DataType {
  switch (type) {
    case 'bool':
      return new Bool();
    case 'int':
      return new Int32();
    case 'long':
    case 'datetime':
    case 'timespan':
      return new Int64();
    case 'real':
    case 'decimal':
      return new Float64();
    case 'string':
    case 'guid':
    case 'dynamic':
      return new Dictionary(new Utf8(), new Int32());
  }
}

/** Appends JS values of one KQL type and produces a Column backed by Arrow data. */
export class ColumnBuilder {
  readonly type: KqlType;
  private length = 0;
  private nulls = 0;
  private valid: Uint8Array;
  private values: Int32Array | Float64Array | BigInt64Array | Uint8Array;
  private intern?: Map<string, number>;
  private entries?: string[];
  private dynEntries?: DynValue[];

  constructor(type: KqlType, capacity = 1024) {
    this.type = type;
    const cap = Math.max(capacity, 16);
    this.valid = new Uint8Array(cap);
    switch (type) {
      case 'bool':
        this.values = new Uint8Array(cap);
        break;
      case 'int':
        this.values = new Int32Array(cap);
        break;
      case 'long':
      case 'datetime':
      case 'timespan':
        this.values = new BigInt64Array(cap);
        break;
      case 'real':
      case 'decimal':
        this.values = new Float64Array(cap);
        break;
      default:
        this.values = new Int32Array(cap);
        this.intern = new Map();
        this.entries = [];
        if (type === 'dynamic') this.dynEntries = [];
    }
  }

  private grow(): void {
    const cap = this.values.length * 2;
    const v = new (this.values.constructor as new (n: number) => typeof this.values)(cap);
    v.set(this.values as never);
    this.values = v;
    const valid = new Uint8Array(cap);
    valid.set(this.valid);
    this.valid = valid;
  }

  append(v: JsValue): void {
    if (this.length === this.values.length) this.grow();
    const i = this.length++;
    if (v === null && this.type !== 'dynamic') {
      if (this.type === 'string') throw new InternalError('string columns have no null');
      this.nulls++;
      return;
    }
    this.valid[i] = 1;
    switch (this.type) {
      case 'bool':
        (this.values as Uint8Array)[i] = v ? 1 : 0;
        return;
      case 'int':
      case 'real':
      case 'decimal':
        (this.values as Int32Array | Float64Array)[i] = v as number;
        return;
      case 'long':
      case 'datetime':
      case 'timespan':
        (this.values as BigInt64Array)[i] = v as bigint;
        return;
      case 'string':
      case 'guid':
        (this.values as Int32Array)[i] = this.key(v as string);
        return;
      case 'dynamic':
        if (v === null) {
          this.valid[i] = 0;
          this.nulls++;
          return;
        }
        (this.values as Int32Array)[i] = this.key(dynToJson(v as DynValue), v as DynValue);
        return;
    }
  }

  private key(text: string, dyn?: DynValue): number {
    let k = this.intern!.get(text);
    if (k === undefined) {
      k = this.entries!.length;
      this.intern!.set(text, k);
      this.entries!.push(text);
      if (this.dynEntries) this.dynEntries.push(dyn!);
    }
    return k;
  }

  finish(): Column {
    const n = this.length;
    if (!this.entries) return fixedWidthColumn(this.type, this.values.slice(0, n) as FixedWidthValues, this.valid, this.nulls);
    const nullBitmap = this.nulls > 0 ? packBits(this.valid, n) : undefined;
    const dictData = utf8Data(this.entries);
    if (this.dynEntries) dynCache.set(dictData, this.dynEntries);
    stringCache.set(dictData, this.entries);
    const data = makeData({
      type: arrowType(this.type) as Dictionary<Utf8, Int32>, length: n, nullCount: this.nulls, nullBitmap,
      data: (this.values as Int32Array).slice(0, n), dictionary: makeVector(dictData),
    });
    return new Column(this.type, data);
  }
}

/** The values of a column of a fixed-width type: a byte per bool (0 or 1), else the Arrow buffer's type. */
export type FixedWidthValues = Uint8Array | Int32Array | Float64Array | BigInt64Array;

/**
 * A column of a fixed-width type from its values (taken, not copied, except bools, which are packed) and
 * a byte per row telling which are valid (read only when `nulls` > 0).
 */
export function fixedWidthColumn(type: KqlType, values: FixedWidthValues, valid: Uint8Array, nulls: number): Column {
  const n = values.length;
  const nullBitmap = nulls > 0 ? packBits(valid, n) : undefined;
  const data = type === 'bool'
    ? makeData({ type: new Bool(), length: n, nullCount: nulls, nullBitmap, data: packBits(values as Uint8Array, n) })
    : makeData({ type: arrowType(type) as Int32, length: n, nullCount: nulls, nullBitmap, data: values as Int32Array });
  return new Column(type, data);
}

function packBits(bytes: Uint8Array, n: number): Uint8Array {
  const out = new Uint8Array((n + 7) >> 3);
  for (let i = 0; i < n; i++) if (bytes[i]) out[i >> 3] |= 1 << (i & 7);
  return out;
}

/**
 * The UTF-8 dictionary of the given entries, encoded into one buffer with encodeInto: no array per entry.
 * The buffer starts at one byte per UTF-16 unit, exact for ASCII, and grows when an entry does not fit.
 */
export function utf8Data(strings: readonly string[]): Data<Utf8> {
  const offsets = new Int32Array(strings.length + 1);
  let units = 0;
  for (const s of strings) units += s.length;
  let bytes = new Uint8Array(units);
  let at = 0;
  for (let i = 0; i < strings.length; i++) {
    const s = strings[i];
    let r = encoder.encodeInto(s, bytes.subarray(at));
    while (r.read < s.length) {
      const larger = new Uint8Array(2 * bytes.length + 3 * s.length);
      larger.set(bytes.subarray(0, at));
      bytes = larger;
      r = encoder.encodeInto(s, bytes.subarray(at));
    }
    at += r.written;
    offsets[i + 1] = at;
  }
  return makeData({ type: new Utf8(), length: strings.length, nullCount: 0, valueOffsets: offsets, data: bytes.subarray(0, at) });
}

/** The buffers of a dense column, as a worker thread sends them (structured clone, buffers transferred). */
export interface ColumnParts {
  readonly type: KqlType;
  readonly length: number;
  readonly nullCount: number;
  /** Packed bits for bool, dictionary keys for string, guid and dynamic, else the values. */
  readonly values: Uint8Array | Int32Array | Float64Array | BigInt64Array;
  readonly nullBitmap?: Uint8Array;
  readonly dictionaryOffsets?: Int32Array;
  readonly dictionaryBytes?: Uint8Array;
}

export function columnParts(c: Column): ColumnParts {
  const { data } = c;
  if (c.sel || data.offset !== 0) throw new InternalError('only a dense column is sent whole');
  const nullBitmap = data.nullCount > 0 ? data.nullBitmap : undefined;
  const parts = { type: c.type, length: data.length, nullCount: data.nullCount, values: data.values, nullBitmap };
  if (!data.dictionary) return parts;
  const dict = dictionaryData(data);
  return { ...parts, dictionaryOffsets: dict.valueOffsets, dictionaryBytes: dict.values };
}

export function columnFromParts(p: ColumnParts): Column {
  const { type, length, nullCount, nullBitmap } = p;
  if (p.dictionaryOffsets) {
    const dictionary = makeData({
      type: new Utf8(), length: p.dictionaryOffsets.length - 1, nullCount: 0, valueOffsets: p.dictionaryOffsets, data: p.dictionaryBytes,
    });
    const keys = p.values as Int32Array;
    return new Column(type, makeData({ type: arrowType(type) as Dictionary<Utf8, Int32>, length, nullCount, nullBitmap, data: keys, dictionary: makeVector(dictionary) }));
  }
  const data = type === 'bool'
    ? makeData({ type: new Bool(), length, nullCount, nullBitmap, data: p.values as Uint8Array })
    : makeData({ type: arrowType(type) as Int32, length, nullCount, nullBitmap, data: p.values as Int32Array });
  return new Column(type, data);
}
