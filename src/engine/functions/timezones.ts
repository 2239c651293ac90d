/**
 * Time-zone conversions with the IANA database that Node's Intl carries: datetime_utc_to_local,
 * datetime_local_to_utc. The zone "must be one of the supported timezones" (documented); what the
 * engine does with another name, or with a known name in other letter case (Intl ignores case), is
 * not documented, so both are refused.
 */
import { NotSupportedError } from '../errors.js';
import { TICKS_PER_MS, UNIX_EPOCH_TICKS } from '../types.js';
import { fn } from './define.js';
import { sig, type ScalarFunction } from './signature.js';

const formatters = new Map<string, Intl.DateTimeFormat | null>();

function formatterFor(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (f === undefined) {
    try {
      f = new Intl.DateTimeFormat('en-US', {
        timeZone: zone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric',
        hour: 'numeric', minute: 'numeric', second: 'numeric', era: 'short',
      });
      const resolved = f.resolvedOptions().timeZone;
      if (resolved !== zone && resolved.toLowerCase() === zone.toLowerCase()) f = null;
    } catch {
      f = null;
    }
    formatters.set(zone, f);
  }
  if (!f) throw new NotSupportedError(`the time zone '${zone}' (not a supported IANA name as written)`);
  return f;
}

/** The zone's offset from UTC, in milliseconds, at a UTC instant (ms since 1970). */
function offsetAt(f: Intl.DateTimeFormat, utcMs: number): number {
  const p: Record<string, string> = {};
  for (const part of f.formatToParts(utcMs)) p[part.type] = part.value;
  const year = p.era === 'BC' ? 1 - Number(p.year) : Number(p.year);
  const wall = Date.UTC(year, Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute), Number(p.second));
  // Date.UTC maps years 0–99 to 1900–1999; set the year again.
  const d = new Date(wall);
  d.setUTCFullYear(year);
  return d.getTime() - Math.floor(utcMs / 1000) * 1000;
}

const msOf = (ticks: bigint): number => Number((ticks - UNIX_EPOCH_TICKS) / TICKS_PER_MS);
const ticksOfMs = (ms: number): bigint => BigInt(ms) * TICKS_PER_MS;

function utcToLocal(t: bigint, zone: string): bigint {
  return t + ticksOfMs(offsetAt(formatterFor(zone), msOf(t)));
}

const DAY_MS = 86_400_000;

/**
 * The UTC instant whose local time is t. A local time skipped by a forward clock change takes the
 * offset in force after the change (observed: Europe/Brussels 2022-03-27 02:00 → 00:00 UTC). Which of
 * the two instants the engine gives for a local time that occurs twice (a backward change) is not
 * documented, so that is refused rather than guessed.
 */
function localToUtc(t: bigint, zone: string): bigint {
  const f = formatterFor(zone);
  const local = msOf(t);
  const before = offsetAt(f, local - DAY_MS);
  const after = offsetAt(f, local + DAY_MS);
  const fits = [before, after].filter((o) => offsetAt(f, local - o) === o);
  if (fits.length === 2 && fits[0] !== fits[1]) {
    throw new NotSupportedError(`datetime_local_to_utc() of a local time that occurs twice in '${zone}' (a backward clock change)`);
  }
  const offset = fits.length === 0 ? after : fits[0];
  return t - ticksOfMs(offset);
}

export const timezoneFunctions: readonly ScalarFunction[] = [
  fn('datetime_utc_to_local', [sig(['datetime', 'string'], 'datetime', utcToLocal)]),
  fn('datetime_local_to_utc', [sig(['datetime', 'string'], 'datetime', localToUtc)]),
];
