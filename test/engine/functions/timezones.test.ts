import { describe, expect, it } from 'vitest';
import { parseIsoDatetime } from '../../../src/engine/time.js';
import { call } from './helpers.js';

const dt = (s: string): bigint => parseIsoDatetime(s)!;

describe('datetime_local_to_utc / datetime_utc_to_local (documented examples)', () => {
  it.each([
    ['2020-02-02T20:02:20Z', 'US/Pacific', '2020-02-03T04:02:20Z'],
    ['2020-02-02T20:02:20Z', 'America/Chicago', '2020-02-03T02:02:20Z'],
    ['2020-02-02T20:02:20Z', 'Europe/Paris', '2020-02-02T19:02:20Z'],
    // Brussels moved from +01:00 to +02:00 at 2022-03-27 01:00 UTC; 02:00 local does not exist.
    ['2022-03-27T01:00:00Z', 'Europe/Brussels', '2022-03-27T00:00:00Z'],
    ['2022-03-27T02:00:00Z', 'Europe/Brussels', '2022-03-27T00:00:00Z'],
    ['2022-03-27T03:00:00Z', 'Europe/Brussels', '2022-03-27T01:00:00Z'],
    ['2022-07-01T12:00:00.1234567Z', 'UTC', '2022-07-01T12:00:00.1234567Z'],
  ])('local %s in %s is %s UTC', (local, zone, utc) => {
    expect(call('datetime_local_to_utc', [dt(local), zone], ['datetime', 'string'])).toBe(dt(utc));
  });
  it.each([
    ['2022-03-27T00:00:00Z', 'Europe/Brussels', '2022-03-27T01:00:00Z'],
    ['2022-03-27T01:00:00Z', 'Europe/Brussels', '2022-03-27T03:00:00Z'],
    ['2026-08-02T23:56:37.6227102Z', 'US/Pacific', '2026-08-02T16:56:37.6227102Z'],
    ['2026-08-02T23:56:37.6227102Z', 'Australia/Canberra', '2026-08-03T09:56:37.6227102Z'],
    ['2022-01-01T00:00:00Z', 'Asia/Kolkata', '2022-01-01T05:30:00Z'],
  ])('UTC %s in %s is %s local', (utc, zone, local) => {
    expect(call('datetime_utc_to_local', [dt(utc), zone], ['datetime', 'string'])).toBe(dt(local));
  });
  it('refuses a local time that occurs twice (which instant the engine picks is not documented)', () => {
    // Back to +01:00 at 2022-10-30 01:00 UTC: 02:30 local is both 00:30 and 01:30 UTC.
    expect(() => call('datetime_local_to_utc', [dt('2022-10-30T02:30:00Z'), 'Europe/Brussels'], ['datetime', 'string']))
      .toThrow("Not supported: datetime_local_to_utc() of a local time that occurs twice in 'Europe/Brussels' (a backward clock change).");
    expect(call('datetime_local_to_utc', [dt('2022-10-30T03:30:00Z'), 'Europe/Brussels'], ['datetime', 'string'])).toBe(dt('2022-10-30T02:30:00Z'));
  });

  // "This value must be one of the supported timezones": other names are refused.
  it.each([
    ['datetime_utc_to_local', 'Mars/Olympus'],
    ['datetime_local_to_utc', ''],
    ['datetime_utc_to_local', 'europe/paris'],
    ['datetime_local_to_utc', 'utc'],
  ])('%s with the zone %j is refused', (f, zone) => {
    expect(() => call(f, [dt('2022-01-01T00:00:00Z'), zone], ['datetime', 'string']))
      .toThrow(`Not supported: the time zone '${zone}' (not a supported IANA name as written).`);
  });
});
