/**
 * Datetime and timespan text: parsing and printing at full 100-ns tick precision. Values never go
 * through JS Date for their fraction (Date keeps milliseconds only).
 */
import {
  TICKS_PER_DAY, TICKS_PER_HOUR, TICKS_PER_MINUTE, TICKS_PER_SECOND, MAX_DATETIME_TICKS,
} from './types.js';

const CUM_DAYS = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334];

function isLeap(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

export function daysInMonth(y: number, m: number): number {
  return m === 2 ? (isLeap(y) ? 29 : 28) : [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1];
}

/** Days from 0001-01-01 to the given civil date (proleptic Gregorian, as .NET). */
export function daysFromCivil(y: number, m: number, d: number): number {
  const y1 = y - 1;
  return y1 * 365 + Math.floor(y1 / 4) - Math.floor(y1 / 100) + Math.floor(y1 / 400)
    + CUM_DAYS[m - 1] + (m > 2 && isLeap(y) ? 1 : 0) + d - 1;
}

/** Civil date of a day number counted from 0001-01-01. */
export function civilFromDays(days: number): { year: number; month: number; day: number } {
  // 400-year cycles of 146097 days, then centuries, 4-year cycles and years.
  let n = days;
  const q400 = Math.floor(n / 146097);
  n -= q400 * 146097;
  let q100 = Math.floor(n / 36524);
  if (q100 === 4) q100 = 3;
  n -= q100 * 36524;
  const q4 = Math.floor(n / 1461);
  n -= q4 * 1461;
  let q1 = Math.floor(n / 365);
  if (q1 === 4) q1 = 3;
  n -= q1 * 365;
  const year = q400 * 400 + q100 * 100 + q4 * 4 + q1 + 1;
  let month = 1;
  while (month < 12 && n >= CUM_DAYS[month] + (month >= 2 && isLeap(year) ? 1 : 0)) month++;
  const day = n - CUM_DAYS[month - 1] - (month > 2 && isLeap(year) ? 1 : 0) + 1;
  return { year, month, day };
}

export interface DateParts {
  year: number; month: number; day: number;
  hour: number; minute: number; second: number;
  /** Fraction of a second in ticks (0 .. 9,999,999). */
  fractionTicks: number;
}

/** Ticks of a civil date and time, or undefined when a part is out of range. */
export function ticksFromParts(p: DateParts): bigint | undefined {
  if (p.year < 1 || p.year > 9999 || p.month < 1 || p.month > 12) return undefined;
  if (p.day < 1 || p.day > daysInMonth(p.year, p.month)) return undefined;
  if (p.hour > 23 || p.minute > 59 || p.second > 59) return undefined;
  const secs = p.hour * 3600 + p.minute * 60 + p.second;
  return BigInt(daysFromCivil(p.year, p.month, p.day)) * TICKS_PER_DAY
    + BigInt(secs) * TICKS_PER_SECOND + BigInt(p.fractionTicks);
}

export function partsFromTicks(ticks: bigint): DateParts {
  const days = ticks / TICKS_PER_DAY;
  let rem = ticks - days * TICKS_PER_DAY;
  const { year, month, day } = civilFromDays(Number(days));
  const hour = Number(rem / TICKS_PER_HOUR);
  rem -= BigInt(hour) * TICKS_PER_HOUR;
  const minute = Number(rem / TICKS_PER_MINUTE);
  rem -= BigInt(minute) * TICKS_PER_MINUTE;
  const second = Number(rem / TICKS_PER_SECOND);
  rem -= BigInt(second) * TICKS_PER_SECOND;
  return { year, month, day, hour, minute, second, fractionTicks: Number(rem) };
}

const pad = (n: number, w: number): string => String(n).padStart(w, '0');

/**
 * ISO-8601 UTC text. `digits: 7` always writes seven fractional digits (Kusto's form inside
 * dynamic values and from tostring); `'trim'` writes only the significant ones (none when whole).
 */
export function formatDatetime(ticks: bigint, digits: 7 | 'trim' = 7): string {
  const p = partsFromTicks(ticks);
  let s = `${pad(p.year, 4)}-${pad(p.month, 2)}-${pad(p.day, 2)}T${pad(p.hour, 2)}:${pad(p.minute, 2)}:${pad(p.second, 2)}`;
  if (digits === 7) s += '.' + pad(p.fractionTicks, 7);
  else if (p.fractionTicks !== 0) s += '.' + pad(p.fractionTicks, 7).replace(/0+$/, '');
  return s + 'Z';
}

const ISO_RE =
  /^\s*(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,7})\d*)?)?)?\s*(Z|[+-]\d{2}:?\d{2})?\s*$/i;

/**
 * Parses ISO-8601 (`2024-03-01`, `2024-03-01 10:00`, `2024-03-01T10:00:00.1234567Z`, with an optional
 * offset that is converted to UTC). Digits beyond the seventh are dropped (sub-tick precision).
 * Returns undefined when the text is not such a datetime.
 */
export function parseIsoDatetime(text: string): bigint | undefined {
  const m = ISO_RE.exec(text);
  if (!m) return undefined;
  const ticks = ticksFromParts({
    year: +m[1], month: +m[2], day: +m[3],
    hour: m[4] ? +m[4] : 0, minute: m[5] ? +m[5] : 0, second: m[6] ? +m[6] : 0,
    fractionTicks: m[7] ? +m[7].padEnd(7, '0') : 0,
  });
  if (ticks === undefined) return undefined;
  const off = m[8];
  if (!off || off.toUpperCase() === 'Z') return ticks;
  const sign = off[0] === '-' ? -1n : 1n;
  const digits = off.slice(1).replace(':', '');
  const offset = BigInt(+digits.slice(0, 2)) * TICKS_PER_HOUR + BigInt(+digits.slice(2)) * TICKS_PER_MINUTE;
  const utc = ticks - sign * offset;
  return utc < 0n || utc > MAX_DATETIME_TICKS ? undefined : utc;
}

export interface TimespanParts {
  readonly negative: boolean;
  readonly days: bigint;
  readonly hours: bigint;
  readonly minutes: bigint;
  readonly seconds: bigint;
  /** Ticks below one second (0 .. 9,999,999). */
  readonly fraction: bigint;
}

/** The magnitude of a timespan split into days, hours, minutes, seconds and ticks. */
export function timespanParts(ticks: bigint): TimespanParts {
  const negative = ticks < 0n;
  let t = negative ? -ticks : ticks;
  const days = t / TICKS_PER_DAY;
  t -= days * TICKS_PER_DAY;
  const hours = t / TICKS_PER_HOUR;
  t -= hours * TICKS_PER_HOUR;
  const minutes = t / TICKS_PER_MINUTE;
  t -= minutes * TICKS_PER_MINUTE;
  const seconds = t / TICKS_PER_SECOND;
  return { negative, days, hours, minutes, seconds, fraction: t - seconds * TICKS_PER_SECOND };
}

/** `[-][d.]hh:mm:ss[.fffffff]`, as Kusto prints timespans. */
export function formatTimespan(ticks: bigint): string {
  const { negative: neg, days, hours: h, minutes: m, seconds: s, fraction: frac } = timespanParts(ticks);
  let out = `${neg ? '-' : ''}${days > 0n ? `${days}.` : ''}${pad(Number(h), 2)}:${pad(Number(m), 2)}:${pad(Number(s), 2)}`;
  if (frac !== 0n) out += '.' + pad(Number(frac), 7);
  return out;
}

const TIMESPAN_RE = /^\s*(-)?(?:(\d+)\.)?(\d{1,2}):(\d{1,2})(?::(\d{1,2})(?:\.(\d{1,7}))?)?\s*$/;

/** Parses `[-][d.]hh:mm[:ss[.fffffff]]`; returns undefined when the text has another form. */
export function parseTimespanText(text: string): bigint | undefined {
  const m = TIMESPAN_RE.exec(text);
  if (!m) return undefined;
  const h = +m[3];
  const mi = +m[4];
  const s = m[5] ? +m[5] : 0;
  if (h > 23 || mi > 59 || s > 59) return undefined;
  const ticks = BigInt(m[2] ?? 0) * TICKS_PER_DAY + BigInt(h) * TICKS_PER_HOUR + BigInt(mi) * TICKS_PER_MINUTE
    + BigInt(s) * TICKS_PER_SECOND + BigInt(m[6] ? m[6].padEnd(7, '0') : 0);
  return m[1] ? -ticks : ticks;
}

/** Floor division for bigints (BigInt `/` truncates toward zero). */
export function floorDiv(a: bigint, b: bigint): bigint {
  const q = a / b;
  return (a % b !== 0n) && ((a < 0n) !== (b < 0n)) ? q - 1n : q;
}
