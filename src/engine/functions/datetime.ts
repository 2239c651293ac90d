/**
 * Date and time functions. Datetimes and timespans are bigint ticks (100 ns); datetimes count
 * from 0001-01-01 (a Monday), so `bin(dt, 7d)` lands on Mondays and weeks of `startofweek` start
 * on Sunday. Results outside 0001-01-01 … 9999-12-31T23:59:59.9999999 are null.
 */
import type { JsValue } from '../column.js';
import type { DynValue } from '../dynamic.js';
import {
  civilFromDays, daysFromCivil, floorDiv, parseTimespanText, partsFromTicks, timespanParts,
} from '../time.js';
import {
  MAX_DATETIME_TICKS, TICKS_PER_DAY, TICKS_PER_HOUR, TICKS_PER_MINUTE, TICKS_PER_MS, TICKS_PER_SECOND,
  UNIX_EPOCH_TICKS,
} from '../types.js';
import { parseKqlDatetime } from './datetime-parse.js';
import { fn } from './define.js';
import { sig, type QueryContext, type ScalarFunction } from './signature.js';

const inRange = (t: bigint): bigint | null => (t < 0n || t > MAX_DATETIME_TICKS ? null : t);

/** Offsets beyond this many units cannot land inside the datetime range. */
const MAX_OFFSET = 10_000_000n;

function dayOf(t: bigint): bigint {
  return t / TICKS_PER_DAY;
}

/** Days since 0001-01-01 of the Sunday starting t's week (0001-01-01 was a Monday). */
function sundayOf(day: bigint): bigint {
  return day - ((day + 1n) % 7n);
}

function monthStartTicks(year: number, month0: number): bigint {
  // month0 counts months from year 0 month 0; daysFromCivil extrapolates past 9999 for end-of-range maths.
  const y = Math.floor(month0 / 12);
  const m = month0 - y * 12 + 1;
  return BigInt(daysFromCivil(year + y, m, 1)) * TICKS_PER_DAY;
}

function startOfDay(t: bigint, off = 0n): bigint | null {
  if (off > MAX_OFFSET || off < -MAX_OFFSET) return null;
  return inRange((dayOf(t) + off) * TICKS_PER_DAY);
}

function startOfWeek(t: bigint, off = 0n): bigint | null {
  if (off > MAX_OFFSET || off < -MAX_OFFSET) return null;
  return inRange((sundayOf(dayOf(t)) + 7n * off) * TICKS_PER_DAY);
}

function startOfMonthRaw(t: bigint, off: bigint): bigint | null {
  if (off > MAX_OFFSET || off < -MAX_OFFSET) return null;
  const p = partsFromTicks(t);
  const month0 = p.month - 1 + Number(off);
  const y = p.year + Math.floor(month0 / 12);
  if (y < 1 || y > 10000) return null;
  return monthStartTicks(p.year, month0);
}

function startOfYearRaw(t: bigint, off: bigint): bigint | null {
  if (off > MAX_OFFSET || off < -MAX_OFFSET) return null;
  const y = partsFromTicks(t).year + Number(off);
  if (y < 1 || y > 10000) return null;
  return BigInt(daysFromCivil(y, 1, 1)) * TICKS_PER_DAY;
}

const orNull = (t: bigint | null): bigint | null => (t === null ? null : inRange(t));
const endBefore = (t: bigint | null): bigint | null => (t === null ? null : inRange(t - 1n));

function daysInMonth(year: number, month: number): number {
  const next = month === 12 ? daysFromCivil(year + 1, 1, 1) : daysFromCivil(year, month + 1, 1);
  return next - daysFromCivil(year, month, 1);
}

/** .NET AddMonths: the day is clamped to the target month's length. */
function addMonths(t: bigint, months: bigint): bigint | null {
  if (months > MAX_OFFSET || months < -MAX_OFFSET) return null;
  const p = partsFromTicks(t);
  const month0 = p.month - 1 + Number(months);
  const y = p.year + Math.floor(month0 / 12);
  const m = month0 - Math.floor(month0 / 12) * 12 + 1;
  if (y < 1 || y > 9999) return null;
  const d = Math.min(p.day, daysInMonth(y, m));
  const timeOfDay = t - dayOf(t) * TICKS_PER_DAY;
  return inRange(BigInt(daysFromCivil(y, m, d)) * TICKS_PER_DAY + timeOfDay);
}

const PART_TICKS: Record<string, bigint> = {
  week: 7n * TICKS_PER_DAY,
  day: TICKS_PER_DAY,
  hour: TICKS_PER_HOUR,
  minute: TICKS_PER_MINUTE,
  second: TICKS_PER_SECOND,
  millisecond: TICKS_PER_MS,
  microsecond: 10n,
};

function unknownPart(fnName: string, part: string): Error {
  return new Error(`${fnName}(): unknown date part '${part}'.`);
}

function datetimeAdd(part: string, amount: bigint, t: bigint): bigint | null {
  const p = part.toLowerCase();
  switch (p) {
    case 'year':
      return addMonths(t, amount * 12n);
    case 'quarter':
      return addMonths(t, amount * 3n);
    case 'month':
      return addMonths(t, amount);
    case 'nanosecond':
      // A tick is 100 ns: the amount is truncated to whole ticks.
      return inRange(t + amount / 100n);
    default: {
      const unit = PART_TICKS[p];
      if (unit === undefined) throw unknownPart('datetime_add', part);
      return inRange(t + amount * unit);
    }
  }
}

/**
 * datetime_diff counts the period boundaries crossed from dt2 to dt1 (engine: 2017-01-01 vs
 * 2000-12-31 is 17 years; 2017-10-29 vs 2017-09-30 23:59 is 5 weeks, weeks starting on Sunday).
 */
function datetimeDiff(part: string, a: bigint, b: bigint): bigint {
  const p = part.toLowerCase();
  switch (p) {
    case 'year':
      return BigInt(partsFromTicks(a).year - partsFromTicks(b).year);
    case 'quarter': {
      const q = (t: bigint) => {
        const x = partsFromTicks(t);
        return x.year * 4 + Math.floor((x.month - 1) / 3);
      };
      return BigInt(q(a) - q(b));
    }
    case 'month': {
      const m = (t: bigint) => {
        const x = partsFromTicks(t);
        return x.year * 12 + x.month;
      };
      return BigInt(m(a) - m(b));
    }
    case 'week':
      return (sundayOf(dayOf(a)) - sundayOf(dayOf(b))) / 7n;
    case 'nanosecond':
      return (a - b) * 100n;
    default: {
      const unit = PART_TICKS[p];
      if (unit === undefined) throw unknownPart('datetime_diff', part);
      return a / unit - b / unit;
    }
  }
}

function dayOfYear(t: bigint): number {
  const p = partsFromTicks(t);
  return Number(dayOf(t)) - daysFromCivil(p.year, 1, 1) + 1;
}

/** ISO 8601 week number (weeks start Monday; week 1 holds the year's first Thursday). */
function isoWeek(t: bigint): number {
  const day = Number(dayOf(t));
  const isoDow = (day % 7) + 1; // 0001-01-01 (day 0) was a Monday → 1
  const thursday = day - isoDow + 4;
  const { year } = civilFromDays(thursday);
  return Math.floor((thursday - daysFromCivil(year, 1, 1)) / 7) + 1;
}

// ---------------------------------------------------------------------------------------------
// bin / bin_at

function binLong(v: bigint, size: bigint): bigint | null {
  return size <= 0n ? null : floorDiv(v, size) * size;
}

function binReal(v: number, size: number): number | null {
  return size > 0 ? Math.floor(v / size) * size : null;
}

function binDatetime(v: bigint, size: bigint): bigint | null {
  // Bins count from tick 0 = 0001-01-01, not from the Unix epoch.
  return size <= 0n ? null : floorDiv(v, size) * size;
}

function binAtLong(v: bigint, size: bigint, fixed: bigint): bigint | null {
  return size <= 0n ? null : fixed + floorDiv(v - fixed, size) * size;
}

function binAtReal(v: number, size: number, fixed: number): number | null {
  return size > 0 ? fixed + Math.floor((v - fixed) / size) * size : null;
}

const binSignatures = [
  sig(['long', 'long'], 'long', binLong),
  sig(['real', 'real'], 'real', binReal),
  sig(['decimal', 'decimal'], 'decimal', binReal),
  sig(['timespan', 'timespan'], 'timespan', binLong),
  sig(['datetime', 'timespan'], 'datetime', binDatetime),
];

// ---------------------------------------------------------------------------------------------
// format_datetime / format_timespan

type FormatToken = { readonly lit: string } | { readonly spec: string; readonly n: number };

const formatCache = new Map<string, FormatToken[]>();

function tokenizeFormat(fnName: string, format: string, allowed: Record<string, number>): FormatToken[] {
  const key = fnName + '\u0000' + format;
  let toks = formatCache.get(key);
  if (toks) return toks;
  toks = [];
  for (let i = 0; i < format.length;) {
    const c = format[i];
    if (!/[A-Za-z]/.test(c)) {
      toks.push({ lit: c });
      i++;
      continue;
    }
    let j = i;
    while (j < format.length && format[j] === c) j++;
    const n = j - i;
    const max = allowed[c];
    if (max === undefined || n > max || (c === 't' && n !== 2)) {
      throw new Error(`Not supported: the format specifier '${format.slice(i, j)}' in ${fnName}().`);
    }
    toks.push({ spec: c, n });
    i = j;
  }
  formatCache.set(key, toks);
  return toks;
}

const pad = (v: number | bigint, n: number): string => String(v).padStart(n, '0');

/** Appends f…f / F…F: F trims trailing zeros and, when nothing is left, a preceding '.'. */
function appendFraction(out: string, fraction7: string, spec: string, n: number): string {
  const digits = fraction7.slice(0, n);
  if (spec === 'f') return out + digits;
  const trimmed = digits.replace(/0+$/, '');
  if (trimmed === '' && out.endsWith('.')) return out.slice(0, -1);
  return out + trimmed;
}

const DATETIME_SPECS: Record<string, number> = { d: 2, f: 7, F: 7, h: 2, H: 2, m: 2, M: 2, s: 2, y: 5, t: 2 };
const TIMESPAN_SPECS: Record<string, number> = { d: 8, f: 7, F: 7, h: 2, H: 2, m: 2, s: 2 };

function formatDatetimeWith(t: bigint, format: string): string {
  const toks = tokenizeFormat('format_datetime', format, DATETIME_SPECS);
  const p = partsFromTicks(t);
  const fraction = pad(p.fractionTicks, 7);
  let out = '';
  for (const tok of toks) {
    if ('lit' in tok) {
      out += tok.lit;
      continue;
    }
    const n = tok.n;
    switch (tok.spec) {
      case 'd': out += pad(p.day, n); break;
      case 'M': out += pad(p.month, n); break;
      case 'y': out += n <= 2 ? pad(p.year % 100, n) : pad(p.year, n); break;
      case 'H': out += pad(p.hour, n); break;
      case 'h': out += pad(p.hour % 12 === 0 ? 12 : p.hour % 12, n); break;
      case 'm': out += pad(p.minute, n); break;
      case 's': out += pad(p.second, n); break;
      case 't': out += p.hour < 12 ? 'AM' : 'PM'; break;
      default: out = appendFraction(out, fraction, tok.spec, n);
    }
  }
  return out;
}

/** Custom timespan formats carry no sign (as .NET's); the magnitude is formatted. */
function formatTimespanWith(ts: bigint, format: string): string {
  const toks = tokenizeFormat('format_timespan', format, TIMESPAN_SPECS);
  const parts = timespanParts(ts);
  const { days, hours, minutes, seconds } = parts;
  const fraction = pad(parts.fraction, 7);
  let out = '';
  for (const tok of toks) {
    if ('lit' in tok) {
      out += tok.lit;
      continue;
    }
    switch (tok.spec) {
      case 'd': out += pad(days, tok.n); break;
      case 'h': case 'H': out += pad(hours, tok.n); break;
      case 'm': out += pad(minutes, tok.n); break;
      case 's': out += pad(seconds, tok.n); break;
      default: out = appendFraction(out, fraction, tok.spec, tok.n);
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Construction and conversion

/** Seconds as a real → ticks, splitting off the integral part so large values stay exact. */
function realUnitsToTicks(x: number, ticksPerUnit: number): bigint | null {
  if (!Number.isFinite(x)) return null;
  const whole = Math.trunc(x);
  return BigInt(whole) * BigInt(ticksPerUnit) + BigInt(Math.round((x - whole) * ticksPerUnit));
}

function makeDatetime(y: bigint, mo: bigint, d: bigint, h = 0n, mi = 0n, s = 0): bigint | null {
  if (y < 1n || y > 9999n || mo < 1n || mo > 12n || d < 1n || h < 0n || h > 23n || mi < 0n || mi > 59n) return null;
  if (!(s >= 0 && s < 60)) return null;
  const year = Number(y);
  const month = Number(mo);
  if (d > BigInt(daysInMonth(year, month))) return null;
  const secTicks = BigInt(Math.round(s * 1e7));
  return inRange(BigInt(daysFromCivil(year, month, Number(d))) * TICKS_PER_DAY
    + h * TICKS_PER_HOUR + mi * TICKS_PER_MINUTE + secTicks);
}

function secondsTicks(s: number): bigint | null {
  return Number.isFinite(s) ? BigInt(Math.round(s * 1e7)) : null;
}

function makeTimespan4(d: bigint, h: bigint, m: bigint, s: number): bigint | null {
  const st = secondsTicks(s);
  return st === null ? null : d * TICKS_PER_DAY + h * TICKS_PER_HOUR + m * TICKS_PER_MINUTE + st;
}

function fromUnix(ticksPerUnit: bigint) {
  return [
    sig(['long'], 'datetime', (n: bigint) => inRange(UNIX_EPOCH_TICKS + n * ticksPerUnit)),
    sig(['real'], 'datetime', (x: number) => {
      const t = realUnitsToTicks(x, Number(ticksPerUnit));
      return t === null ? null : inRange(UNIX_EPOCH_TICKS + t);
    }),
  ];
}

// ---------------------------------------------------------------------------------------------
// Registry entries

const dtPart = (name: string, f: (t: bigint) => number) => fn(name, [sig(['datetime'], 'long', (t: bigint) => BigInt(f(t)))]);

export const datetimeFunctions: readonly ScalarFunction[] = [
  fn('now', [sig(['timespan'], 'datetime', (cx: QueryContext, off = 0n) => inRange(cx.now + off), { optional: 1 })], { usesContext: true }),
  fn('ago', [sig(['timespan'], 'datetime', (cx: QueryContext, ts: bigint) => inRange(cx.now - ts))], { usesContext: true }),
  fn('startofday', [sig(['datetime', 'long'], 'datetime', startOfDay, { optional: 1 })]),
  fn('startofweek', [sig(['datetime', 'long'], 'datetime', startOfWeek, { optional: 1 })]),
  fn('startofmonth', [sig(['datetime', 'long'], 'datetime', (t: bigint, off = 0n) => orNull(startOfMonthRaw(t, off)), { optional: 1 })]),
  fn('startofyear', [sig(['datetime', 'long'], 'datetime', (t: bigint, off = 0n) => orNull(startOfYearRaw(t, off)), { optional: 1 })]),
  fn('endofday', [sig(['datetime', 'long'], 'datetime', (t: bigint, off = 0n) => endBefore((dayOf(t) + off + 1n) * TICKS_PER_DAY), { optional: 1 })]),
  fn('endofweek', [sig(['datetime', 'long'], 'datetime', (t: bigint, off = 0n) => endBefore((sundayOf(dayOf(t)) + 7n * (off + 1n)) * TICKS_PER_DAY), { optional: 1 })]),
  fn('endofmonth', [sig(['datetime', 'long'], 'datetime', (t: bigint, off = 0n) => endBefore(startOfMonthRaw(t, off + 1n)), { optional: 1 })]),
  fn('endofyear', [sig(['datetime', 'long'], 'datetime', (t: bigint, off = 0n) => endBefore(startOfYearRaw(t, off + 1n)), { optional: 1 })]),
  fn('bin', binSignatures, { aliases: ['floor'] }),
  fn('bin_at', [
    sig(['long', 'long', 'long'], 'long', binAtLong),
    sig(['real', 'real', 'real'], 'real', binAtReal),
    sig(['decimal', 'decimal', 'decimal'], 'decimal', binAtReal),
    sig(['timespan', 'timespan', 'timespan'], 'timespan', binAtLong),
    sig(['datetime', 'timespan', 'datetime'], 'datetime', (v: bigint, s: bigint, f: bigint) => {
      const r = binAtLong(v, s, f);
      return r === null ? null : inRange(r);
    }),
  ]),
  fn('datetime_add', [sig(['string', 'long', 'datetime'], 'datetime', datetimeAdd)], { constantArgs: [0] }),
  // The engine reports datetime_diff('week', …) as a real column; here every part gives a long.
  fn('datetime_diff', [sig(['string', 'datetime', 'datetime'], 'long', datetimeDiff)], {
    constantArgs: [0],
    // The engine types a 'week' difference as real (its examples print 5.0).
    resultFromArguments: (c) => (typeof c[0] === 'string' && c[0].toLowerCase() === 'week' ? 'real' : undefined),
  }),
  fn('dayofweek', [sig(['datetime'], 'timespan', (t: bigint) => ((dayOf(t) + 1n) % 7n) * TICKS_PER_DAY)]),
  // The engine returns long (Int64) for getyear, monthofyear and hourofday although Microsoft's
  // binder declares int; the other date parts follow the same rule.
  dtPart('dayofmonth', (t) => partsFromTicks(t).day),
  dtPart('dayofyear', dayOfYear),
  dtPart('getyear', (t) => partsFromTicks(t).year),
  dtPart('getmonth', (t) => partsFromTicks(t).month),
  dtPart('monthofyear', (t) => partsFromTicks(t).month),
  dtPart('hourofday', (t) => partsFromTicks(t).hour),
  dtPart('week_of_year', isoWeek),
  fn('format_datetime', [sig(['datetime', 'string'], 'string', formatDatetimeWith)], { constantArgs: [1] }),
  fn('format_timespan', [sig(['timespan', 'string'], 'string', formatTimespanWith)], { constantArgs: [1] }),
  fn('unixtime_seconds_todatetime', fromUnix(TICKS_PER_SECOND)),
  fn('unixtime_milliseconds_todatetime', fromUnix(TICKS_PER_MS)),
  fn('unixtime_microseconds_todatetime', fromUnix(10n)),
  fn('unixtime_nanoseconds_todatetime', [
    sig(['long'], 'datetime', (n: bigint) => inRange(UNIX_EPOCH_TICKS + n / 100n)),
  ]),
  fn('make_datetime', [sig(['long', 'long', 'long', 'long', 'long', 'real'], 'datetime', makeDatetime, { optional: 3 })]),
  fn('make_timespan', [
    sig(['long', 'long'], 'timespan', (h: bigint, m: bigint) => h * TICKS_PER_HOUR + m * TICKS_PER_MINUTE),
    sig(['long', 'long', 'real'], 'timespan', (h: bigint, m: bigint, s: number) => makeTimespan4(0n, h, m, s)),
    sig(['long', 'long', 'long', 'real'], 'timespan', makeTimespan4),
  ]),
  fn('todatetime', [
    sig(['string'], 'datetime', (s: string) => parseKqlDatetime(s) ?? null),
    sig(['datetime'], 'datetime', (t: bigint) => t),
    sig(['dynamic'], 'datetime', (d: DynValue) => (typeof d === 'string' ? parseKqlDatetime(d) ?? null : null)),
  ]),
  fn('totimespan', [
    sig(['string'], 'timespan', (s: string) => parseTimespanText(s) ?? null),
    sig(['timespan'], 'timespan', (t: bigint) => t),
    sig(['dynamic'], 'timespan', (d: DynValue): JsValue => {
      if (typeof d === 'string') return parseTimespanText(d) ?? null;
      // A timespan inside a dynamic literal is held as its ticks (measured).
      if (typeof d === 'bigint') return d;
      return null;
    }),
  ]),
];
