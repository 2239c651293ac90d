/**
 * Conversion functions (tostring, toint, tolong, toreal, tobool, toguid, todynamic, gettype, the
 * emptiness tests) and the conversion helpers other modules reuse: `toKqlString` (the string form
 * of any value, kql-notes §9.3), `toDynValue` (a scalar placed inside a dynamic value) and the
 * `to*Value` rules. Every expectation in the comments was measured on the engine (dk) unless noted.
 */
import type { JsValue } from '../column.js';
import { dynToJson, isBag, parseDynJson, type DynValue } from '../dynamic.js';
import { formatDatetime, formatTimespan } from '../time.js';
import type { KqlType } from '../types.js';
import { fn } from './define.js';
import { sig, type ScalarFunction, type Signature } from './signature.js';

// ---------------------------------------------------------------------------------------------
// Reals as .NET prints them

/**
 * A double as .NET Core's `double.ToString()` writes it: the shortest round-trip digits, fixed
 * notation for decimal exponents -5 < e < 15, otherwise `d.dddE+XX` (at least two exponent
 * digits): `1.5`, `15`, `1E+15`, `1E-05`, `NaN`, `Infinity`.
 */
export function formatRealText(x: number): string {
  if (Number.isNaN(x)) return 'NaN';
  if (x === Infinity) return 'Infinity';
  if (x === -Infinity) return '-Infinity';
  if (x === 0) return Object.is(x, -0) ? '-0' : '0';
  const [mant, expText] = x.toExponential().split('e');
  const exp = Number(expText);
  const neg = mant.startsWith('-');
  const digits = mant.replace('-', '').replace('.', '');
  let body: string;
  if (exp >= 15 || exp < -4) {
    const e = Math.abs(exp);
    body = digits[0] + (digits.length > 1 ? '.' + digits.slice(1) : '') + 'E' + (exp < 0 ? '-' : '+') + (e < 10 ? '0' + e : String(e));
  } else if (exp < 0) {
    body = '0.' + '0'.repeat(-exp - 1) + digits;
  } else if (digits.length <= exp + 1) {
    body = digits + '0'.repeat(exp + 1 - digits.length);
  } else {
    body = digits.slice(0, exp + 1) + '.' + digits.slice(exp + 1);
  }
  return neg ? '-' + body : body;
}

// ---------------------------------------------------------------------------------------------
// tostring

/** The string form of a dynamic value: a string is its raw text, null is "", the rest compact JSON. */
export function dynToString(d: DynValue): string {
  if (d === null) return '';
  if (typeof d === 'string') return d;
  return dynToJson(d);
}

/**
 * `tostring(v)` for a value of the given type: null → "" (every type), bool → True/False (.NET
 * capitalisation), datetime → 7 fractional digits + Z, timespan → [-][d.]hh:mm:ss[.fffffff],
 * real → .NET shortest form, dynamic → its raw string or compact JSON.
 */
export function toKqlString(v: JsValue, type: KqlType): string {
  if (v === null) return '';
  switch (type) {
    case 'string':
    case 'guid':
      return v as string;
    case 'bool':
      return v ? 'True' : 'False';
    case 'int':
      return String(v);
    case 'long':
      return (v as bigint).toString();
    case 'real':
    case 'decimal':
      return formatRealText(v as number);
    case 'datetime':
      return formatDatetime(v as bigint, 7);
    case 'timespan':
      return formatTimespan(v as bigint);
    case 'dynamic':
      return dynToString(v as DynValue);
  }
}

/** A scalar placed inside a dynamic value (pack_array, make_list, iff with a dynamic branch). */
export function toDynValue(v: JsValue, type: KqlType): DynValue {
  if (v === null) return null;
  switch (type) {
    case 'int':
      return BigInt(v as number);
    case 'datetime':
      return formatDatetime(v as bigint, 7);
    case 'timespan':
      return formatTimespan(v as bigint);
    default:
      // bool, long (bigint), real/decimal (number), string, guid, dynamic are already in dynamic form.
      return v as DynValue;
  }
}

// ---------------------------------------------------------------------------------------------
// Numbers from text

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

/** .NET trims these (Char.IsWhiteSpace) around numbers; JS `trim()` uses the same set in practice. */
function trimText(s: string): string {
  return s.trim();
}

/** KQL integer text: optional sign and decimal digits, or 0x hex; null otherwise or on overflow. */
export function parseLongText(text: string): bigint | null {
  const s = trimText(text);
  let v: bigint;
  if (/^[+-]?\d+$/.test(s)) v = BigInt(s);
  else if (/^0[xX][0-9a-fA-F]+$/.test(s)) v = BigInt(s);
  else return null;
  return v < INT64_MIN || v > INT64_MAX ? null : v;
}

/** Real text as .NET parses it (sign, digits, decimal point, exponent, NaN/Infinity); no hex, no thousands. */
export function parseRealText(text: string): number | null {
  const s = trimText(text);
  if (/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(s)) return Number(s);
  if (/^[+-]?(infinity|∞)$/i.test(s)) return s.startsWith('-') ? -Infinity : Infinity;
  if (/^nan$/i.test(s)) return NaN;
  return null;
}

/** A real truncated toward zero into int64, saturating (toint(1e30) is long max), NaN → null. */
function realToLong(x: number): bigint | null {
  if (Number.isNaN(x)) return null;
  if (x >= 9223372036854775807) return INT64_MAX;
  if (x <= -9223372036854775808) return INT64_MIN;
  return BigInt(Math.trunc(x));
}

// ---------------------------------------------------------------------------------------------
// to* rules

export function toLongValue(v: JsValue, type: KqlType): bigint | null {
  if (v === null) return null;
  switch (type) {
    case 'long':
    case 'datetime':
    case 'timespan':
      // Datetimes and timespans convert to their ticks: tolong(1d) = 864000000000.
      return v as bigint;
    case 'int':
      return BigInt(v as number);
    case 'real':
    case 'decimal':
      return realToLong(v as number);
    case 'bool':
      return v ? 1n : 0n;
    case 'string':
      return parseLongText(v as string);
    case 'guid':
      return null;
    case 'dynamic': {
      const d = v as DynValue;
      if (typeof d === 'bigint') return d;
      if (typeof d === 'number') return realToLong(d);
      if (typeof d === 'boolean') return d ? 1n : 0n;
      if (typeof d === 'string') return parseLongText(d);
      return null;
    }
  }
}

export function toIntValue(v: JsValue, type: KqlType): number | null {
  if (v === null) return null;
  switch (type) {
    case 'int':
      return v as number;
    case 'real':
    case 'decimal': {
      // A real saturates at the int32 range: toint(1e10) = 2147483647.
      const x = v as number;
      if (Number.isNaN(x)) return null;
      if (x >= 2147483647) return 2147483647;
      if (x <= -2147483648) return -2147483648;
      return Math.trunc(x);
    }
    case 'string': {
      // Text that overflows int32 is null, not wrapped: toint('9999999999') is null.
      const l = parseLongText(v as string);
      return l === null || l < -2147483648n || l > 2147483647n ? null : Number(l);
    }
    case 'dynamic': {
      const d = v as DynValue;
      if (typeof d === 'number') return toIntValue(d, 'real');
      if (typeof d === 'string') return toIntValue(d, 'string');
      const l = toLongValue(v, type);
      return l === null ? null : Number(BigInt.asIntN(32, l));
    }
    default: {
      // A long (or ticks) wraps to 32 bits: toint(9999999999) = 1410065407.
      const l = toLongValue(v, type);
      return l === null ? null : Number(BigInt.asIntN(32, l));
    }
  }
}

export function toRealValue(v: JsValue, type: KqlType): number | null {
  if (v === null) return null;
  switch (type) {
    case 'real':
    case 'decimal':
    case 'int':
      return v as number;
    case 'long':
    case 'datetime':
    case 'timespan':
      return Number(v as bigint);
    case 'bool':
      return v ? 1 : 0;
    case 'string':
      return parseRealText(v as string);
    case 'guid':
      return null;
    case 'dynamic': {
      const d = v as DynValue;
      if (typeof d === 'number') return d;
      if (typeof d === 'bigint') return Number(d);
      if (typeof d === 'boolean') return d ? 1 : 0;
      if (typeof d === 'string') return parseRealText(d);
      return null;
    }
  }
}

/** tobool of text: true/false in any case, or integer text by non-zero-ness (§8); else null. */
export function parseBoolText(text: string): boolean | null {
  const s = trimText(text);
  const lower = s.toLowerCase();
  if (lower === 'true') return true;
  if (lower === 'false') return false;
  if (/^[+-]?\d+$/.test(s)) {
    const n = BigInt(s);
    return n < INT64_MIN || n > INT64_MAX ? null : n !== 0n;
  }
  return null;
}

export function toBoolValue(v: JsValue, type: KqlType): boolean | null {
  if (v === null) return null;
  switch (type) {
    case 'bool':
      return v as boolean;
    case 'int':
    case 'real':
    case 'decimal':
      return (v as number) !== 0;
    case 'long':
      return (v as bigint) !== 0n;
    case 'string':
      return parseBoolText(v as string);
    case 'dynamic': {
      const d = v as DynValue;
      if (typeof d === 'boolean') return d;
      if (typeof d === 'bigint') return d !== 0n;
      if (typeof d === 'number') return d !== 0;
      if (typeof d === 'string') return parseBoolText(d);
      return null;
    }
    default:
      return null;
  }
}

/**
 * A guid from text: 32 hex digits, dashes anywhere ignored (the engine accepts
 * `0123456789ab-cdef-0123-456789abcdef`), optionally in braces or parentheses; lower case.
 */
export function parseGuidText(text: string): string | null {
  let s = text.trim();
  if ((s.startsWith('{') && s.endsWith('}')) || (s.startsWith('(') && s.endsWith(')'))) s = s.slice(1, -1);
  const hex = s.replace(/-/g, '');
  if (!/^[0-9a-fA-F]{32}$/.test(hex)) return null;
  const h = hex.toLowerCase();
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** parse_json/todynamic of text: JSON, else the text itself as a dynamic string; "" → null. */
export function parseJsonText(text: string): DynValue {
  if (text.trim() === '') return null;
  const v = parseDynJson(text);
  return v === undefined ? text : v;
}

// ---------------------------------------------------------------------------------------------
// Type tests

/** isempty (§9.1): null, "" and a dynamic null or empty string are empty; `[]` and `{}` are not. */
export function isEmptyValue(v: JsValue, type: KqlType): boolean {
  if (v === null) return true;
  if (type === 'string') return v === '';
  if (type === 'dynamic') return v === '';
  return false;
}

/** gettype: the static type, except a dynamic reports what it holds (dk-measured names). */
export function getTypeName(v: JsValue, type: KqlType): string {
  if (type !== 'dynamic') return type;
  const d = v as DynValue;
  if (d === null) return 'null';
  if (Array.isArray(d)) return 'array';
  if (isBag(d)) return 'dictionary';
  switch (typeof d) {
    case 'string':
      return 'string';
    case 'boolean':
      return 'bool';
    case 'bigint':
      return 'long';
    default:
      // A real inside a dynamic is reported as `double`, not `real` (measured).
      return 'double';
  }
}

// ---------------------------------------------------------------------------------------------
// Registry entries

/** A one-argument conversion accepting every type; nulls propagate. */
const anyTo = (result: KqlType, conv: (v: JsValue, t: KqlType) => JsValue): Signature => ({
  params: ['any'], result, makeKernel: ([t]) => (v: JsValue) => conv(v, t),
});

export const conversionFunctions: readonly ScalarFunction[] = [
  fn('tostring', [
    // Null of any type gives "" (so nulls are handled in the kernel, not propagated).
    { params: ['any'], result: 'string', nulls: 'handle', makeKernel: ([t]) => (v: JsValue) => toKqlString(v, t) },
  ]),
  fn('tolong', [anyTo('long', toLongValue)]),
  fn('toint', [anyTo('int', toIntValue)]),
  fn('toreal', [anyTo('real', toRealValue)], { aliases: ['todouble'] }),
  // decimal is held as a double (types.ts), so todecimal follows toreal's text rules.
  fn('todecimal', [anyTo('decimal', toRealValue)]),
  fn('tobool', [anyTo('bool', toBoolValue)], { aliases: ['toboolean'] }),
  fn('toguid', [
    sig(['string'], 'guid', (s: string) => parseGuidText(s)),
    sig(['guid'], 'guid', (g: string) => g),
    sig(['dynamic'], 'guid', (d: DynValue) => (typeof d === 'string' ? parseGuidText(d) : null)),
  ]),
  fn('todynamic', [
    sig(['string'], 'dynamic', (s: string) => parseJsonText(s)),
    // A dynamic argument is used as is.
    sig(['dynamic'], 'dynamic', (d: DynValue) => d),
  ], { aliases: ['parse_json'] }),
  fn('gettype', [
    { params: ['any'], result: 'string', nulls: 'handle', makeKernel: ([t]) => (v: JsValue) => getTypeName(v, t) },
  ]),
  fn('isnull', [
    // A string is never null: isnull("") is false.
    { params: ['any'], result: 'bool', nulls: 'handle', kernel: (v: JsValue) => v === null },
  ]),
  fn('isnotnull', [
    { params: ['any'], result: 'bool', nulls: 'handle', kernel: (v: JsValue) => v !== null },
  ]),
  fn('isempty', [
    { params: ['any'], result: 'bool', nulls: 'handle', makeKernel: ([t]) => (v: JsValue) => isEmptyValue(v, t) },
  ]),
  fn('isnotempty', [
    { params: ['any'], result: 'bool', nulls: 'handle', makeKernel: ([t]) => (v: JsValue) => !isEmptyValue(v, t) },
  ], { aliases: ['notempty'] }),
  fn('isnan', [sig(['real'], 'bool', (x: number) => Number.isNaN(x))]),
  fn('isinf', [sig(['real'], 'bool', (x: number) => x === Infinity || x === -Infinity)]),
  fn('isfinite', [sig(['real'], 'bool', (x: number) => Number.isFinite(x))]),
];
