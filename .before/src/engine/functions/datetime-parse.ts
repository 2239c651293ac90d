/**
 * Parsing datetime text the way `todatetime()` and `datetime('…')` accept it (kql-notes §6.2).
 * ISO 8601 goes through time.ts; the other forms measured on the engine are added here:
 * `2022/12/02`, `12-02-2022`, `12/02/2022`, `12.02.2022` (month first), `2 Dec 2022`,
 * `Dec 2, 2022`, `Fri, 02 Dec 2022 13:45:56 GMT`, `20221202`, each optionally followed by a time.
 * Anything else is undefined (the caller returns null).
 */
import { parseIsoDatetime, ticksFromParts } from '../time.js';
import { MAX_DATETIME_TICKS, TICKS_PER_HOUR, TICKS_PER_MINUTE } from '../types.js';

const MONTHS: Record<string, number> = {
  jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12,
  january: 1, february: 2, march: 3, april: 4, june: 6, july: 7, august: 8, september: 9,
  october: 10, november: 11, december: 12, sept: 9,
};

/** `HH:mm[:ss[.fffffff]]` with an optional zone (Z, GMT, UTC, ±hh[:]mm), after a date. */
const TIME = String.raw`(?:[ T](\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,7})\d*)?)?)?\s*(Z|GMT|UTC|[+-]\d{2}:?\d{2})?`;

const FORMS: readonly { re: RegExp; order: 'ymd' | 'mdy' | 'dMy' | 'Mdy' }[] = [
  { re: new RegExp(String.raw`^(\d{4})/(\d{1,2})/(\d{1,2})${TIME}$`, 'i'), order: 'ymd' },
  { re: new RegExp(String.raw`^(\d{1,2})([-/.])(\d{1,2})\2(\d{4})${TIME}$`, 'i'), order: 'mdy' },
  { re: new RegExp(String.raw`^(?:[A-Za-z]{3,9},?\s+)?(\d{1,2})\s+([A-Za-z]{3,9})\s+(\d{4})${TIME}$`, 'i'), order: 'dMy' },
  { re: new RegExp(String.raw`^([A-Za-z]{3,9})\s+(\d{1,2}),?\s+(\d{4})${TIME}$`, 'i'), order: 'Mdy' },
  { re: new RegExp(String.raw`^(\d{4})(\d{2})(\d{2})$`), order: 'ymd' },
];

function applyZone(ticks: bigint, zone: string | undefined): bigint | undefined {
  if (!zone || /^(z|gmt|utc)$/i.test(zone)) return ticks;
  const sign = zone[0] === '-' ? -1n : 1n;
  const digits = zone.slice(1).replace(':', '');
  const utc = ticks - sign * (BigInt(+digits.slice(0, 2)) * TICKS_PER_HOUR + BigInt(+digits.slice(2)) * TICKS_PER_MINUTE);
  return utc < 0n || utc > MAX_DATETIME_TICKS ? undefined : utc;
}

export function parseKqlDatetime(text: string): bigint | undefined {
  const iso = parseIsoDatetime(text);
  if (iso !== undefined) return iso;
  const s = text.trim();
  for (const form of FORMS) {
    const m = form.re.exec(s);
    if (!m) continue;
    let year: number, month: number, day: number, rest: number;
    switch (form.order) {
      case 'ymd':
        year = +m[1]; month = +m[2]; day = +m[3]; rest = 4;
        break;
      case 'mdy':
        month = +m[1]; day = +m[3]; year = +m[4]; rest = 5;
        break;
      case 'dMy':
        day = +m[1]; month = MONTHS[m[2].toLowerCase()] ?? 0; year = +m[3]; rest = 4;
        break;
      case 'Mdy':
        month = MONTHS[m[1].toLowerCase()] ?? 0; day = +m[2]; year = +m[3]; rest = 4;
        break;
    }
    const ticks = ticksFromParts({
      year, month, day,
      hour: m[rest] ? +m[rest] : 0,
      minute: m[rest + 1] ? +m[rest + 1] : 0,
      second: m[rest + 2] ? +m[rest + 2] : 0,
      fractionTicks: m[rest + 3] ? +m[rest + 3].padEnd(7, '0') : 0,
    });
    if (ticks === undefined) return undefined;
    return applyZone(ticks, m[rest + 4]);
  }
  return undefined;
}
