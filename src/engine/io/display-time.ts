/**
 * Portal CSV datetimes: Log Analytics / Sentinel "Export to CSV" headers `"TimeGenerated [UTC]"` and
 * `"… [Local Time]"`, Defender `Timestamp Local time`, and their display values (`10/25/2023, 9:43:21.994 AM`,
 * `16/07/2026 20:26:12.030`, `Apr 15, 2024 11:09:27 AM`). The suffix is stripped from the column name; the
 * day/month order is decided once per column from its values; local times need a user-given zone.
 */
import { InputError, UsageError } from '../errors.js';
import { parseIsoDatetime, ticksFromParts } from '../time.js';
import type { KqlType } from '../types.js';
import { valuesColumn, type RecordColumn, type Records } from './records.js';
import { BAD } from './values.js';

export type DateOrder = 'dmy' | 'mdy';

const SUFFIX_RE = /^(.*?)\s*(\[UTC\]|\[Local Time\]|Local time)$/i;

/** A header without its time suffix, and whether the suffix says UTC or local time. */
export function splitTimeSuffix(header: string): { name: string; zone?: 'utc' | 'local' } {
  const m = SUFFIX_RE.exec(header);
  if (!m || m[1] === '') return { name: header };
  return { name: m[1], zone: m[2].toUpperCase() === '[UTC]' ? 'utc' : 'local' };
}

/** The header names a portal CSV may have for a column (to read only the wanted columns). */
export function suffixedNames(name: string): string[] {
  return [name, `${name} [UTC]`, `${name} [Local Time]`, `${name} Local time`];
}

const NUMERIC_RE = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4}),?\s+(\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,7}))?)?(?:\s*([AaPp])\.?[Mm]\.?)?$/;
const NAMED_RE = /^([A-Za-z]{3})[A-Za-z]*\.?\s+(\d{1,2}),?\s+(\d{4}),?\s+(\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,7}))?)?(?:\s*([AaPp])\.?[Mm]\.?)?$/;
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** Civil ticks of a display datetime (no offset applied); `order` for numeric dates. */
function displayTicks(s: string, order: DateOrder | undefined): bigint | undefined {
  let m = NUMERIC_RE.exec(s);
  let month: number;
  let day: number;
  if (m) {
    if (!order) return undefined;
    [day, month] = order === 'dmy' ? [+m[1], +m[2]] : [+m[2], +m[1]];
  } else {
    m = NAMED_RE.exec(s);
    if (!m) return undefined;
    month = MONTHS.indexOf(m[1].toLowerCase()) + 1;
    day = +m[2];
    if (month === 0) return undefined;
  }
  let hour = +m[4];
  if (m[8]) {
    if (hour < 1 || hour > 12) return undefined;
    hour = (hour % 12) + (m[8].toLowerCase() === 'p' ? 12 : 0);
  }
  return ticksFromParts({
    year: +m[3], month, day, hour, minute: +m[5], second: m[6] ? +m[6] : 0, fractionTicks: m[7] ? +m[7].padEnd(7, '0') : 0,
  });
}

const TICKS_PER_MINUTE = 600_000_000n;
const TICKS_PER_MS = 10_000n;
/** Ticks from 0001-01-01 to 1970-01-01. */
const UNIX_EPOCH_TICKS = 621_355_968_000_000_000n;

/** Turns civil ticks in a zone into UTC ticks: `UTC`, a fixed offset `+01:00`, or an IANA zone name. */
export function zoneConverter(zone: string): (local: bigint) => bigint {
  if (/^(utc|z|gmt)$/i.test(zone)) return (t) => t;
  const m = /^([+-])(\d{1,2}):?(\d{2})?$/.exec(zone);
  if (m) {
    const minutes = BigInt(+m[2] * 60 + (m[3] ? +m[3] : 0)) * (m[1] === '-' ? -1n : 1n);
    return (t) => t - minutes * TICKS_PER_MINUTE;
  }
  let format: Intl.DateTimeFormat;
  try {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone: zone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric',
    });
  } catch {
    throw new UsageError(`--tz '${zone}': expected UTC, an offset such as +01:00, or a time zone name such as Europe/Berlin.`);
  }
  // The zone's offset in minutes at a UTC instant.
  const offsetAt = (utc: bigint): bigint => {
    const ms = Number((utc - UNIX_EPOCH_TICKS) / TICKS_PER_MS);
    const p = Object.fromEntries(format.formatToParts(new Date(ms)).map((x) => [x.type, x.value]));
    const wall = Date.UTC(+p.year, +p.month - 1, +p.day, +p.hour, +p.minute, +p.second);
    return BigInt(Math.round((wall - Math.floor(ms / 1000) * 1000) / 60000));
  };
  return (t) => {
    const first = t - offsetAt(t) * TICKS_PER_MINUTE;
    return t - offsetAt(first) * TICKS_PER_MINUTE;
  };
}

export interface DisplayTimeOptions {
  readonly dateOrder?: DateOrder;
  readonly timeZone?: string;
}

/**
 * Records of a CSV whose headers carry time suffixes: the names lose them, those columns are datetimes read
 * from display values; other columns are as `inner` reads them. Undefined when no header has a suffix.
 */
export function withDisplayTimes(inner: Records, file: string, options: DisplayTimeOptions): Records | undefined {
  const split = inner.names.map(splitTimeSuffix);
  if (!split.some((s) => s.zone)) return undefined;
  const names = split.map((s) => s.name);
  const seen = new Set<string>();
  for (const n of names) {
    if (seen.has(n)) throw new InputError(`column '${n}' appears twice in the header (once with a time suffix).`, file, 1);
    seen.add(n);
  }
  const format = inner.names.some((h, j) => split[j].zone && h.endsWith(']')) ? 'la-csv' : 'defender-csv-local';
  return {
    names,
    get count() {
      return inner.count;
    },
    format,
    skippedLines: inner.skippedLines,
    line: (i) => inner.line(i),
    show: (i, j) => inner.show(i, j),
    inferType: (j) => (split[j].zone ? 'datetime' : inner.inferType(j)),
    column(j: number, type: KqlType, length: number): RecordColumn {
      const zone = split[j].zone;
      if (!zone || type !== 'datetime') return inner.column(j, type, length);
      const name = names[j];
      const order = decideOrder(inner, j, name, file, options.dateOrder);
      if (zone === 'local' && options.timeZone === undefined) {
        const header = inner.names[j];
        throw new InputError(
          `column '${name}' ('${header}') holds local times without an offset; pass the time zone they were exported in, `
          + 'e.g. --tz +01:00 or --tz Europe/Berlin (or export with the portal set to UTC).', file,
        );
      }
      const toUtc = zone === 'local' ? zoneConverter(options.timeZone!) : (t: bigint) => t;
      return valuesColumn('datetime', length, (i) => {
        const s = inner.show(i, j).trim();
        if (s === '') return null;
        const civil = displayTicks(s, order);
        if (civil !== undefined) return toUtc(civil);
        // ISO values: with Z or an offset they are absolute; without, in the column's zone.
        const iso = parseIsoDatetime(s);
        if (iso === undefined) return BAD;
        return /(Z|[+-]\d{2}:?\d{2})$/i.test(s) ? iso : toUtc(iso);
      });
    },
  };
}

/** The day/month order of a column's numeric dates, from the values: a first field over 12 is a day, a second one too. */
function decideOrder(records: Records, j: number, name: string, file: string, given: DateOrder | undefined): DateOrder | undefined {
  let dayFirst = -1;
  let monthFirst = -1;
  let numeric = false;
  for (let i = 0; i < records.count; i++) {
    const m = NUMERIC_RE.exec(records.show(i, j).trim());
    if (!m) continue;
    numeric = true;
    if (+m[1] > 12 && dayFirst < 0) dayFirst = i;
    if (+m[2] > 12 && monthFirst < 0) monthFirst = i;
    if (dayFirst >= 0 && monthFirst >= 0) {
      throw new InputError(
        `column '${name}' has day-first dates (line ${records.line(dayFirst)}) and month-first dates (line ${records.line(monthFirst)}).`, file,
      );
    }
  }
  const proven: DateOrder | undefined = dayFirst >= 0 ? 'dmy' : monthFirst >= 0 ? 'mdy' : undefined;
  if (proven && given && proven !== given) {
    const at = records.line(proven === 'dmy' ? dayFirst : monthFirst);
    throw new InputError(`column '${name}': --date-order ${given} contradicts the date on line ${at}, which is ${proven === 'dmy' ? 'day' : 'month'}-first.`, file);
  }
  const order = proven ?? given;
  if (numeric && !order) {
    throw new InputError(
      `column '${name}': no date has a day above 12, so the day/month order is unknown; `
      + 'pass --date-order mdy (3/10/2024 = March 10) or --date-order dmy (3/10/2024 = 3 October).', file,
    );
  }
  return order;
}
