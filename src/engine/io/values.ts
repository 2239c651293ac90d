/**
 * Typing raw file values: converting CSV text or parsed JSON values to the JS form of a KQL type (see
 * types.ts), and inferring the type of a column that no schema describes.
 */
import type { FixedWidthValues, JsValue } from '../column.js';
import { dynToJson, isBag, parseDynJson, type DynValue } from '../dynamic.js';
import { daysFromCivil, daysInMonth, parseIsoDatetime, parseTimespanText } from '../time.js';
import { isNumeric, type KqlType } from '../types.js';

/** What a converter returns for a value that is not of the column's type. */
export const BAD = Symbol('bad value');
export type Converter<V> = (v: V) => JsValue | typeof BAD;

/** A JSON cell: a parsed value, or undefined when the object has no such key. */
export type JsonCell = DynValue | undefined;

/** How the raw values of one kind of file (CSV text, JSON values) are typed. */
export interface ValueCodec<V> {
  converter(type: KqlType): Converter<V>;
  /** The type one value suggests for an unknown column; undefined for empty values, which don't decide. */
  infer(v: V): KqlType | undefined;
  /** The type of a column holding values that suggest both types. */
  merge(a: KqlType, b: KqlType): KqlType;
  /** The type after which no value changes the inferred type any more. */
  readonly top: KqlType;
  /** The value as quoted in error messages. */
  show(v: V): string;
}

const INT_RE = /^[+-]?\d+$/;
const REAL_RE = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const REAL_WORDS = new Map([['NaN', NaN], ['Infinity', Infinity], ['+Infinity', Infinity], ['-Infinity', -Infinity]]);
const GUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const INT32_MIN = -(2 ** 31);
const INT32_MAX = 2 ** 31 - 1;
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

// Inference is stricter than conversion: `0012` is an identifier rather than a number, and a datetime
// needs a time of day.
const INFER_LONG_RE = /^-?(0|[1-9]\d*)$/;
const INFER_REAL_RE = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?$/;
const INFER_DATETIME_RE = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}/;
const BOOL_RE = /^(true|false)$/i;

function parseLong(s: string): bigint | typeof BAD {
  if (!INT_RE.test(s)) return BAD;
  const b = BigInt(s);
  return b >= INT64_MIN && b <= INT64_MAX ? b : BAD;
}

function int32(n: number): number | typeof BAD {
  return Number.isInteger(n) && n >= INT32_MIN && n <= INT32_MAX ? n : BAD;
}

/** JSON object or array text, parsed; undefined for anything else. */
function parseJsonContainer(s: string): DynValue | undefined {
  const c = s.trimStart()[0];
  if (c !== '{' && c !== '[') return undefined;
  const v = parseDynJson(s);
  return v !== undefined && (Array.isArray(v) || isBag(v)) ? v : undefined;
}

/** Converts non-empty text to the given type. */
function textParser(type: KqlType): Converter<string> {
  switch (type) {
    case 'string':
      return (s) => s;
    case 'bool':
      return (s) => {
        const l = s.toLowerCase();
        return l === 'true' || s === '1' ? true : l === 'false' || s === '0' ? false : BAD;
      };
    case 'int':
      return (s) => (INT_RE.test(s) ? int32(Number(s)) : BAD);
    case 'long':
      return parseLong;
    case 'real':
    case 'decimal':
      return (s) => (REAL_RE.test(s) ? Number(s) : REAL_WORDS.get(s) ?? BAD);
    case 'datetime':
      return (s) => parseIsoDatetime(s) ?? BAD;
    case 'timespan':
      return (s) => parseTimespanText(s) ?? BAD;
    case 'guid':
      return (s) => (GUID_RE.test(s) ? s.toLowerCase() : BAD);
    case 'dynamic':
      // As todynamic(): text that is not JSON becomes a dynamic string.
      return (s) => parseDynJson(s) ?? s;
  }
}

/**
 * Writes the non-empty CSV field `b[start..end)` (UTF-8 bytes) as row `row` of a fixed-width column, for
 * the shapes exports write of its type, without making a string; returns false for any other shape, which
 * is left to the text converter (so the two only ever agree). `set` writes a value the converter made.
 */
export interface FixedWriter {
  readonly values: FixedWidthValues;
  write(b: Uint8Array, start: number, end: number, row: number): boolean;
  set(row: number, v: JsValue): void;
}

/** A writer of `length` rows of the type, for the types whose values fill large columns. */
export function fixedWriter(type: KqlType, length: number): FixedWriter | undefined {
  switch (type) {
    case 'bool':
      return boolWriter(length);
    case 'datetime':
      return LITTLE_ENDIAN ? datetimeWriter(length) : undefined;
    default:
      return undefined;
  }
}

/** `true` and `false` in any case; ORing 0x20 lowers exactly the ASCII letters these words hold. */
function boolWriter(length: number): FixedWriter {
  const values = new Uint8Array(length);
  return {
    values,
    write(b, s, e, row) {
      if (e - s === 4 && (b[s] | 0x20) === 0x74 && (b[s + 1] | 0x20) === 0x72 && (b[s + 2] | 0x20) === 0x75
        && (b[s + 3] | 0x20) === 0x65) {
        values[row] = 1;
        return true;
      }
      if (e - s === 5 && (b[s] | 0x20) === 0x66 && (b[s + 1] | 0x20) === 0x61 && (b[s + 2] | 0x20) === 0x6c
        && (b[s + 3] | 0x20) === 0x73 && (b[s + 4] | 0x20) === 0x65) {
        values[row] = 0;
        return true;
      }
      return false;
    },
    set: (row, v) => void (values[row] = v ? 1 : 0),
  };
}

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
const POW10 = [1, 10, 100, 1000, 10000, 100000, 1000000, 10000000];
const TWO_32 = 2 ** 32;

/** The number written by the two ASCII digits at b[at], or -1 when one is not a digit. */
function twoDigits(b: Uint8Array, at: number): number {
  const high = b[at] - 0x30;
  const low = b[at + 1] - 0x30;
  return high >>> 0 > 9 || low >>> 0 > 9 ? -1 : high * 10 + low;
}

/** Ticks of a day, as 201 * 2^32 + 711573504: the high part is exact, and days times the low part is below 2^53. */
const DAY_HIGH = 201;
const DAY_LOW = 711_573_504;

/**
 * `YYYY-MM-DDTHH:MM:SS[.f]Z` with 1 to 7 fraction digits, as Defender and Sentinel export datetimes. The
 * ticks are written as two 32-bit halves computed in doubles, all exact: no BigInt per value.
 */
function datetimeWriter(length: number): FixedWriter {
  const values = new BigInt64Array(length);
  const halves = new Uint32Array(values.buffer);
  return {
    values,
    write(b, s, e, row) {
      const len = e - s;
      if (len < 20 || len === 21 || len > 28 || b[e - 1] !== 0x5a /* Z */ || b[s + 4] !== 0x2d /* - */ || b[s + 7] !== 0x2d
        || b[s + 10] !== 0x54 /* T */ || b[s + 13] !== 0x3a /* : */ || b[s + 16] !== 0x3a || (len > 20 && b[s + 19] !== 0x2e /* . */)) {
        return false;
      }
      const century = twoDigits(b, s);
      const yy = twoDigits(b, s + 2);
      const month = twoDigits(b, s + 5);
      const day = twoDigits(b, s + 8);
      const hour = twoDigits(b, s + 11);
      const minute = twoDigits(b, s + 14);
      const second = twoDigits(b, s + 17);
      let fraction = 0;
      for (let p = s + 20; p < e - 1; p++) {
        const d = b[p] - 0x30;
        if (d >>> 0 > 9) return false;
        fraction = fraction * 10 + d;
      }
      const year = century * 100 + yy;
      if ((century | yy | month | day | hour | minute | second) < 0 || year < 1 || month < 1 || month > 12 || day < 1
        || day > daysInMonth(year, month) || hour > 23 || minute > 59 || second > 59) {
        return false;
      }
      const days = daysFromCivil(year, month, day);
      const rest = days * DAY_LOW + (hour * 3600 + minute * 60 + second) * 10_000_000
        + fraction * POW10[len > 20 ? 28 - len : 7];
      const carry = Math.floor(rest / TWO_32);
      halves[2 * row] = rest - carry * TWO_32;
      halves[2 * row + 1] = days * DAY_HIGH + carry;
      return true;
    },
    set: (row, v) => void (values[row] = v as bigint),
  };
}

/** Converts a JSON value other than null and strings (those go through the text rules). */
function jsonScalar(type: KqlType): Converter<DynValue> {
  switch (type) {
    case 'bool':
      return (v) => (typeof v === 'boolean' ? v : v === 0n ? false : v === 1n ? true : BAD);
    case 'int':
      return (v) => (typeof v === 'number' || typeof v === 'bigint' ? int32(Number(v)) : BAD);
    case 'long':
      return (v) => (typeof v === 'bigint' ? v : typeof v === 'number' && Number.isSafeInteger(v) ? BigInt(v) : BAD);
    case 'real':
    case 'decimal':
      return (v) => (typeof v === 'number' ? v : typeof v === 'bigint' ? Number(v) : BAD);
    default:
      return () => BAD;
  }
}

/** CSV: every value is text; an empty field is "" in a string column and null in any other. */
export const textCodec: ValueCodec<string> = {
  converter(type) {
    const parse = textParser(type);
    return type === 'string' ? parse : (s) => (s === '' ? null : parse(s));
  },
  infer(s) {
    if (s === '') return undefined;
    if (BOOL_RE.test(s)) return 'bool';
    if (INFER_LONG_RE.test(s)) return parseLong(s) === BAD ? 'string' : 'long';
    if (INFER_REAL_RE.test(s)) return 'real';
    if (INFER_DATETIME_RE.test(s) && parseIsoDatetime(s) !== undefined) return 'datetime';
    if (parseJsonContainer(s) !== undefined) return 'dynamic';
    return 'string';
  },
  merge(a, b) {
    if (a === b) return a;
    return isNumeric(a) && isNumeric(b) ? 'real' : 'string';
  },
  top: 'string',
  show: (s) => s,
};

/**
 * JSON: values keep their JSON type. A string column gets non-string values as compact JSON text and
 * null as ""; a dynamic column parses strings holding a JSON object or array (exports often nest JSON as text).
 */
export const jsonCodec: ValueCodec<JsonCell> = {
  converter(type) {
    // Graph sends `{}` for an empty value of any type: null unless the column is dynamic.
    if (type === 'string') {
      return (v) => (v === undefined || v === null || isEmptyBag(v) ? '' : typeof v === 'string' ? v : dynToJson(v));
    }
    if (type === 'dynamic') return (v) => (typeof v === 'string' ? parseJsonContainer(v) ?? v : v ?? null);
    const text = textCodec.converter(type);
    const scalar = jsonScalar(type);
    return (v) => (v === undefined || v === null || isEmptyBag(v) ? null : typeof v === 'string' ? text(v) : scalar(v));
  },
  infer(v) {
    if (v === undefined || v === null || v === '' || isEmptyBag(v)) return undefined;
    switch (typeof v) {
      case 'boolean':
        return 'bool';
      case 'bigint':
        return 'long';
      case 'number':
        return 'real';
      case 'string':
        return INFER_DATETIME_RE.test(v) && parseIsoDatetime(v) !== undefined ? 'datetime' : 'string';
      default:
        return 'dynamic';
    }
  },
  merge(a, b) {
    if (a === b) return a;
    if (isNumeric(a) && isNumeric(b)) return 'real';
    return isText(a) && isText(b) ? 'string' : 'dynamic';
  },
  top: 'dynamic',
  show: (v) => (typeof v === 'string' ? v : v === undefined ? '' : dynToJson(v)),
};

const isEmptyBag = (v: DynValue): boolean => isBag(v) && v.size === 0;
const isText = (t: KqlType): boolean => t === 'string' || t === 'datetime';
