/**
 * Comparing and printing values for the conformance runner, independent of the engine's own
 * formatting code (the oracle must not share the code it checks).
 *
 * Expected values are RawJson as the oracle writes them (see oracle.ts and kql-notes.md §12):
 * top-level datetimes ISO with the fraction trimmed, timespans `[-][d.]hh:mm:ss[.fffffff]`,
 * NaN and infinities of real columns as strings, dynamic values as JSON (datetimes inside them
 * as strings with 7 digits). Actual values are the engine's JS values from tableRows:
 * long/datetime/timespan as bigint ticks, int/real/decimal as number, guid and string as string,
 * bool as boolean, dynamic per src/engine/dynamic.ts (longs bigint, reals number, bags Map).
 */
import type { KqlType } from '../../src/engine/types.js';
import { JsonNumber, RawObject, type RawJson } from './oracle.js';

export const REAL_RELATIVE_TOLERANCE = 1e-9;

const TICKS_PER_SECOND = 10_000_000n;
const TICKS_PER_DAY = 86_400n * TICKS_PER_SECOND;
/** Days from 0001-01-01 to 1970-01-01. */
const EPOCH_DAYS = 719_162n;

const NUMERIC = new Set<string>(['int', 'long', 'real', 'decimal']);

// ---------------------------------------------------------------------------------------------
// datetime and timespan text ↔ ticks

function daysFromCivil(y: number, m: number, d: number): number {
  y -= m <= 2 ? 1 : 0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

function civilFromDays(z: number): [number, number, number] {
  z += 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp + (mp < 10 ? 3 : -9);
  return [yoe + era * 400 + (m <= 2 ? 1 : 0), m, d];
}

/** `2015-12-31T23:59:59.9Z` (fraction 0–7 digits, `Z` optional) → ticks since 0001-01-01. */
export function isoToTicks(text: string): bigint | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,7}))?Z?$/.exec(text);
  if (!m) return undefined;
  const days = BigInt(daysFromCivil(+m[1], +m[2], +m[3])) + EPOCH_DAYS;
  const secs = BigInt(+m[4] * 3600 + +m[5] * 60 + +m[6]);
  return days * TICKS_PER_DAY + secs * TICKS_PER_SECOND + BigInt((m[7] ?? '').padEnd(7, '0'));
}

/** Ticks → ISO text with the fraction trimmed, as the oracle writes top-level datetimes. */
export function ticksToIso(ticks: bigint): string {
  const days = ticks / TICKS_PER_DAY;
  const rest = ticks % TICKS_PER_DAY;
  const [y, mo, d] = civilFromDays(Number(days - EPOCH_DAYS));
  const secs = Number(rest / TICKS_PER_SECOND);
  const frac = (rest % TICKS_PER_SECOND).toString().padStart(7, '0').replace(/0+$/, '');
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${p(y, 4)}-${p(mo)}-${p(d)}T${p(Math.floor(secs / 3600))}:${p(Math.floor(secs / 60) % 60)}:${p(secs % 60)}${frac ? '.' + frac : ''}Z`;
}

/** `[-][d.]hh:mm:ss[.fffffff]` → ticks. */
export function timespanToTicks(text: string): bigint | undefined {
  const m = /^(-)?(?:(\d+)\.)?(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,7}))?$/.exec(text);
  if (!m) return undefined;
  const secs = BigInt(m[2] ?? '0') * 86_400n + BigInt(+m[3] * 3600 + +m[4] * 60 + +m[5]);
  const t = secs * TICKS_PER_SECOND + BigInt((m[6] ?? '').padEnd(7, '0'));
  return m[1] ? -t : t;
}

export function ticksToTimespan(ticks: bigint): string {
  const neg = ticks < 0n;
  let t = neg ? -ticks : ticks;
  const frac = t % TICKS_PER_SECOND;
  t /= TICKS_PER_SECOND;
  const days = t / 86_400n;
  const s = Number(t % 86_400n);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${neg ? '-' : ''}${days > 0n ? days + '.' : ''}${p(Math.floor(s / 3600))}:${p(Math.floor(s / 60) % 60)}:${p(s % 60)}${frac > 0n ? '.' + frac.toString().padStart(7, '0') : ''}`;
}

// ---------------------------------------------------------------------------------------------
// equality

/** Reals within 1e-9 relative; longs exactly; NaN equals NaN; longs vs reals numerically. */
export function numbersEqual(expected: JsonNumber | number, actual: number | bigint): boolean {
  if (expected instanceof JsonNumber && expected.isInteger && typeof actual === 'bigint') {
    return BigInt(expected.text) === actual;
  }
  const a = expected instanceof JsonNumber ? expected.toNumber() : expected;
  const b = Number(actual);
  if (Number.isNaN(a) || Number.isNaN(b)) return Number.isNaN(a) && Number.isNaN(b);
  if (a === b) return true;
  if (!Number.isFinite(a) || !Number.isFinite(b)) return false;
  return Math.abs(a - b) <= REAL_RELATIVE_TOLERANCE * Math.max(Math.abs(a), Math.abs(b));
}

function specialReal(raw: RawJson): number | undefined {
  if (raw === 'NaN') return NaN;
  if (raw === 'Infinity') return Infinity;
  if (raw === '-Infinity') return -Infinity;
  return undefined;
}

/** Deep equality of an oracle dynamic value and an engine dynamic value; bags ignore key order. */
export function dynamicEqual(raw: RawJson, v: unknown): boolean {
  if (raw === null) return v === null;
  if (raw instanceof JsonNumber) return (typeof v === 'number' || typeof v === 'bigint') && numbersEqual(raw, v);
  if (typeof raw === 'boolean' || typeof raw === 'string') return v === raw;
  if (Array.isArray(raw)) {
    return Array.isArray(v) && v.length === raw.length && raw.every((x, i) => dynamicEqual(x, v[i]));
  }
  if (!(v instanceof Map) || v.size !== raw.entries.length) return false;
  return raw.entries.every(([k, x]) => v.has(k) && dynamicEqual(x, v.get(k)));
}

/**
 * One cell: the oracle's value of a column of type `et` against the engine's value of a column of
 * type `at`. When the types differ the values are still compared where that makes sense
 * (numbers numerically), so that a type mismatch and a value mismatch are told apart.
 */
export function cellEqual(et: KqlType | undefined, raw: RawJson, at: KqlType, v: unknown): boolean {
  if (raw === null || v === null || v === undefined) return raw === null && (v === null || v === undefined);
  if (et === 'dynamic' || at === 'dynamic') return et === at && dynamicEqual(raw, v);
  if (et && NUMERIC.has(et) && NUMERIC.has(at)) {
    const special = specialReal(raw);
    if (special !== undefined) return typeof v === 'number' && numbersEqual(special, v);
    return raw instanceof JsonNumber && (typeof v === 'number' || typeof v === 'bigint') && numbersEqual(raw, v);
  }
  if (et !== at) return false;
  switch (et) {
    case 'datetime':
      return typeof raw === 'string' && isoToTicks(raw) === v;
    case 'timespan':
      return typeof raw === 'string' && timespanToTicks(raw) === v;
    case 'guid':
      return typeof raw === 'string' && typeof v === 'string' && raw.toLowerCase() === v.toLowerCase();
    default:
      return raw === v;
  }
}

// ---------------------------------------------------------------------------------------------
// printing (for diagnoses)

export function rawToText(raw: RawJson): string {
  if (raw === null) return 'null';
  if (raw instanceof JsonNumber) return raw.text;
  if (typeof raw === 'boolean') return String(raw);
  if (typeof raw === 'string') return JSON.stringify(raw);
  if (Array.isArray(raw)) return '[' + raw.map(rawToText).join(',') + ']';
  if (raw instanceof RawObject) return '{' + raw.entries.map(([k, x]) => JSON.stringify(k) + ':' + rawToText(x)).join(',') + '}';
  return String(raw);
}

function dynToText(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'bigint') return v.toString();
  if (typeof v === 'number') return Number.isInteger(v) && Math.abs(v) < 1e21 ? v.toFixed(1) : String(v);
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return '[' + v.map(dynToText).join(',') + ']';
  if (v instanceof Map) return '{' + [...v].map(([k, x]) => JSON.stringify(k) + ':' + dynToText(x)).join(',') + '}';
  return `<${typeof v}>`;
}

/** An engine value as the oracle would write it. */
export function actualToText(t: KqlType, v: unknown): string {
  if (v === null || v === undefined) return 'null';
  switch (t) {
    case 'datetime':
      return typeof v === 'bigint' ? JSON.stringify(ticksToIso(v)) : String(v);
    case 'timespan':
      return typeof v === 'bigint' ? JSON.stringify(ticksToTimespan(v)) : String(v);
    case 'dynamic':
      return dynToText(v);
    case 'string':
    case 'guid':
      return JSON.stringify(v);
    case 'real':
    case 'decimal':
      return typeof v === 'number' && !Number.isFinite(v) ? JSON.stringify(String(v)) : String(v);
    default:
      return String(v);
  }
}

export function clip(s: string, max = 160): string {
  return s.length <= max ? s : s.slice(0, max - 1) + '…';
}
