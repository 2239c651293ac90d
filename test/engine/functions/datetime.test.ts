import { describe, expect, it } from 'vitest';
import { parseKqlDatetime } from '../../../src/engine/functions/datetime-parse.js';
import { call, callTyped, resultTypeOf } from './helpers.js';

/** Ticks of an ISO instant with millisecond precision (independent of the code under test). */
const dt = (iso: string): bigint => BigInt(Date.parse(iso)) * 10_000n + 621_355_968_000_000_000n;
const TICK = 1n;
const SECOND = 10_000_000n;
const MINUTE = 60n * SECOND;
const HOUR = 60n * MINUTE;
const DAY = 24n * HOUR;

describe('bin / floor', () => {
  it.each([
    // 7-day bins count from 0001-01-01, a Monday (kql-notes §6.5).
    ['2024-03-07T10:00:00Z', 7n * DAY, '2024-03-04T00:00:00Z'],
    ['2024-03-04T00:00:00Z', 7n * DAY, '2024-03-04T00:00:00Z'],
    ['2024-03-10T23:59:59Z', 7n * DAY, '2024-03-04T00:00:00Z'],
    ['1970-01-01T00:00:00Z', 7n * DAY, '1969-12-29T00:00:00Z'],
    ['1970-05-11T13:45:07Z', DAY, '1970-05-11T00:00:00Z'],
    ['2007-01-01T00:00:00Z', 15n * DAY, '2006-12-31T00:00:00Z'],
    ['2024-03-01T10:59:59Z', HOUR, '2024-03-01T10:00:00Z'],
  ])('bin(datetime(%s), %s) = %s', (v, size, expected) => {
    expect(callTyped('bin', [dt(v), size], ['datetime', 'timespan'])).toEqual({ value: dt(expected), type: 'datetime' });
  });
  it('bins numbers and timespans', () => {
    expect(callTyped('bin', [4.5, 1n], ['real', 'long'])).toEqual({ value: 4.0, type: 'real' });
    expect(callTyped('bin', [16n * DAY, 7n * DAY], ['timespan', 'timespan'])).toEqual({ value: 14n * DAY, type: 'timespan' });
    expect(callTyped('bin', [14n * DAY + 3n * HOUR, DAY], ['timespan', 'timespan']).value).toBe(14n * DAY);
    expect(callTyped('floor', [7n, 5n], ['long', 'long'])).toEqual({ value: 5n, type: 'long' });
    expect(call('floor', [-7n, 5n], ['long', 'long'])).toBe(-10n);
    expect(call('floor', [7.5, 1n], ['real', 'long'])).toBe(7.0);
    expect(call('floor', [7.5, 0.5], ['real', 'real'])).toBe(7.5);
    expect(call('floor', [-7.5, 1n], ['real', 'long'])).toBe(-8.0);
    expect(call('floor', [0n, 5n], ['long', 'long'])).toBe(0n);
    expect(callTyped('bin', [7, 5], ['int', 'int'])).toEqual({ value: 5n, type: 'long' });
  });
  it('gives null for a zero or negative size', () => {
    expect(call('bin', [7n, 0n], ['long', 'long'])).toBe(null);
    expect(call('bin', [7.5, -1.0], ['real', 'real'])).toBe(null);
    expect(call('bin', [dt('2024-03-01T00:00:00Z'), -DAY], ['datetime', 'timespan'])).toBe(null);
    expect(call('bin', [null, 5n], ['long', 'long'])).toBe(null);
  });
  it('needs two arguments', () => {
    expect(resultTypeOf('floor', ['real'])).toBe('no signature');
  });
});

describe('bin_at (engine results)', () => {
  it('aligns to the fixed point', () => {
    expect(call('bin_at', [6.5, 2.5, 7n], ['real', 'real', 'long'])).toBe(4.5);
    expect(callTyped('bin_at', [HOUR, DAY, 12n * HOUR], ['timespan', 'timespan', 'timespan'])).toEqual({ value: -12n * HOUR, type: 'timespan' });
    expect(call('bin_at', [dt('2017-05-15T10:20:00Z'), DAY, dt('1970-01-01T12:00:00Z')], ['datetime', 'timespan', 'datetime']))
      .toBe(dt('2017-05-14T12:00:00Z'));
    expect(call('bin_at', [dt('2017-05-17T10:20:00Z'), 7n * DAY, dt('2017-06-04T00:00:00Z')], ['datetime', 'timespan', 'datetime']))
      .toBe(dt('2017-05-14T00:00:00Z'));
    expect(call('bin_at', [7n, 3n, 1n], ['long', 'long', 'long'])).toBe(7n);
    expect(call('bin_at', [6n, 3n, 1n], ['long', 'long', 'long'])).toBe(4n);
  });
});

describe('startof / endof (engine results)', () => {
  const t = dt('2017-01-01T10:10:17Z');
  it.each([
    ['startofday', -1n, '2016-12-31T00:00:00Z'],
    ['startofday', 0n, '2017-01-01T00:00:00Z'],
    ['startofday', 1n, '2017-01-02T00:00:00Z'],
    ['startofweek', -1n, '2016-12-25T00:00:00Z'],
    ['startofweek', 0n, '2017-01-01T00:00:00Z'],
    ['startofweek', 1n, '2017-01-08T00:00:00Z'],
    ['startofmonth', -1n, '2016-12-01T00:00:00Z'],
    ['startofmonth', 0n, '2017-01-01T00:00:00Z'],
    ['startofmonth', 1n, '2017-02-01T00:00:00Z'],
    ['startofyear', -1n, '2016-01-01T00:00:00Z'],
    ['startofyear', 0n, '2017-01-01T00:00:00Z'],
    ['startofyear', 1n, '2018-01-01T00:00:00Z'],
  ])('%s(2017-01-01 10:10:17, %s) = %s', (f, off, expected) => {
    expect(callTyped(f, [t, off], ['datetime', 'long'])).toEqual({ value: dt(expected), type: 'datetime' });
  });
  it.each([
    ['endofday', -1n, '2016-12-31T23:59:59Z'],
    ['endofday', 0n, '2017-01-01T23:59:59Z'],
    ['endofday', 1n, '2017-01-02T23:59:59Z'],
    ['endofweek', -1n, '2016-12-31T23:59:59Z'],
    ['endofweek', 0n, '2017-01-07T23:59:59Z'],
    ['endofweek', 1n, '2017-01-14T23:59:59Z'],
    ['endofmonth', -1n, '2016-12-31T23:59:59Z'],
    ['endofmonth', 0n, '2017-01-31T23:59:59Z'],
    ['endofmonth', 1n, '2017-02-28T23:59:59Z'],
    ['endofyear', -1n, '2016-12-31T23:59:59Z'],
    ['endofyear', 0n, '2017-12-31T23:59:59Z'],
    ['endofyear', 1n, '2018-12-31T23:59:59Z'],
  ])('%s(2017-01-01 10:10:17, %s) = %s.9999999', (f, off, expected) => {
    expect(call(f, [t, off], ['datetime', 'long'])).toBe(dt(expected) + 9_999_999n * TICK);
  });
  it('defaults the offset to 0 and accepts an int offset', () => {
    expect(call('startofday', [t], ['datetime'])).toBe(dt('2017-01-01T00:00:00Z'));
    expect(call('startofday', [t, -1], ['datetime', 'int'])).toBe(dt('2016-12-31T00:00:00Z'));
    expect(call('startofday', [t, null], ['datetime', 'long'])).toBe(null);
  });
  it('starts weeks on Sunday', () => {
    expect(call('startofweek', [dt('2024-03-09T12:00:00Z')], ['datetime'])).toBe(dt('2024-03-03T00:00:00Z')); // Saturday
    expect(call('startofweek', [dt('2024-03-03T00:00:00Z')], ['datetime'])).toBe(dt('2024-03-03T00:00:00Z')); // Sunday
  });
  it('endofweek of the engine example (Sunday-ending weeks)', () => {
    const sundayEnd = (d: bigint) =>
      call('datetime_add', ['day', 8n, call('endofweek', [call('datetime_add', ['day', -8n, d], ['string', 'long', 'datetime'])], ['datetime'])],
        ['string', 'long', 'datetime']);
    expect(sundayEnd(dt('2025-06-14T00:00:00Z'))).toBe(dt('2025-06-15T23:59:59Z') + 9_999_999n);
    expect(sundayEnd(dt('2025-06-15T00:00:00Z'))).toBe(dt('2025-06-15T23:59:59Z') + 9_999_999n);
    expect(sundayEnd(dt('2025-06-16T00:00:00Z'))).toBe(dt('2025-06-22T23:59:59Z') + 9_999_999n);
  });
  it('gives null outside the datetime range', () => {
    expect(call('startofday', [0n, -1n], ['datetime', 'long'])).toBe(null);
    expect(call('startofyear', [dt('9999-06-01T00:00:00Z'), 1n], ['datetime', 'long'])).toBe(null);
    expect(call('endofyear', [dt('9999-06-01T00:00:00Z')], ['datetime'])).toBe(3_155_378_975_999_999_999n);
  });
});

describe('now / ago', () => {
  const ctx = { now: dt('2024-03-31T15:00:00Z') };
  it('use the query context', () => {
    expect(call('now', [], [], ctx)).toBe(ctx.now);
    expect(call('now', [-2n * DAY], ['timespan'], ctx)).toBe(dt('2024-03-29T15:00:00Z'));
    expect(call('ago', [30n * DAY], ['timespan'], ctx)).toBe(dt('2024-03-01T15:00:00Z'));
    // The target query: startofday(ago(30d)) and startofday(now()).
    expect(call('startofday', [call('ago', [30n * DAY], ['timespan'], ctx)], ['datetime'])).toBe(dt('2024-03-01T00:00:00Z'));
    expect(call('startofday', [call('now', [], [], ctx)], ['datetime'])).toBe(dt('2024-03-31T00:00:00Z'));
  });
});

describe('datetime_add / datetime_diff (engine results)', () => {
  const base = dt('2017-01-01T00:00:00Z');
  it.each([
    ['year', '2018-01-01T00:00:00Z'],
    ['quarter', '2017-04-01T00:00:00Z'],
    ['month', '2017-02-01T00:00:00Z'],
    ['week', '2017-01-08T00:00:00Z'],
    ['day', '2017-01-02T00:00:00Z'],
    ['hour', '2017-01-01T01:00:00Z'],
    ['minute', '2017-01-01T00:01:00Z'],
    ['second', '2017-01-01T00:00:01Z'],
  ])('datetime_add(%s, 1, 2017-01-01) = %s', (part, expected) => {
    expect(call('datetime_add', [part, 1n, base], ['string', 'long', 'datetime'])).toBe(dt(expected));
  });
  it('adds sub-second parts and clamps month ends', () => {
    expect(call('datetime_add', ['millisecond', 1n, base], ['string', 'long', 'datetime'])).toBe(base + 10_000n);
    expect(call('datetime_add', ['microsecond', 1n, base], ['string', 'long', 'datetime'])).toBe(base + 10n);
    expect(call('datetime_add', ['nanosecond', 700n, base], ['string', 'long', 'datetime'])).toBe(base + 7n);
    expect(call('datetime_add', ['month', 1n, dt('2017-01-31T05:00:00Z')], ['string', 'long', 'datetime'])).toBe(dt('2017-02-28T05:00:00Z'));
    expect(call('datetime_add', ['year', 1n, dt('2016-02-29T00:00:00Z')], ['string', 'long', 'datetime'])).toBe(dt('2017-02-28T00:00:00Z'));
    expect(() => call('datetime_add', ['week_of_year', 1n, base], ['string', 'long', 'datetime'])).toThrow(/week_of_year/);
  });
  it.each([
    ['year', '2017-01-01T00:00:00Z', '2000-12-31T00:00:00Z', 17n],
    ['quarter', '2017-07-01T00:00:00Z', '2017-03-30T00:00:00Z', 2n],
    ['month', '2017-01-01T00:00:00Z', '2015-12-30T00:00:00Z', 13n],
    ['week', '2017-10-29T00:00:00Z', '2017-09-30T23:59:00Z', 5n],
    ['day', '2017-10-29T00:00:00Z', '2017-09-30T23:59:00Z', 29n],
    ['hour', '2017-10-31T01:00:00Z', '2017-10-30T23:59:00Z', 2n],
    ['minute', '2017-10-30T23:05:01Z', '2017-10-30T23:00:59Z', 5n],
    ['second', '2017-10-30T23:00:10.100Z', '2017-10-30T23:00:00.900Z', 10n],
  ])('datetime_diff(%s, %s, %s) = %s', (part, a, b, expected) => {
    expect(call('datetime_diff', [part, dt(a), dt(b)], ['string', 'datetime', 'datetime'])).toBe(expected);
  });
  it('diffs sub-millisecond parts on ticks', () => {
    const t0 = dt('2017-10-30T23:00:00Z');
    expect(call('datetime_diff', ['millisecond', t0 + 2_001_000n, t0 + 1_009_000n], ['string', 'datetime', 'datetime'])).toBe(100n);
    expect(call('datetime_diff', ['microsecond', t0 + 1_009_001n, t0 + 1_008_009n], ['string', 'datetime', 'datetime'])).toBe(100n);
    expect(call('datetime_diff', ['nanosecond', t0, t0 + 7n], ['string', 'datetime', 'datetime'])).toBe(-700n);
  });
});

describe('date parts', () => {
  it('dayofweek is a timespan of days since Sunday', () => {
    expect(callTyped('dayofweek', [dt('1970-05-12T00:00:00Z')], ['datetime'])).toEqual({ value: 2n * DAY, type: 'timespan' });
    expect(call('dayofweek', [dt('2024-03-03T18:00:00Z')], ['datetime'])).toBe(0n);
    expect(call('dayofweek', [0n], ['datetime'])).toBe(DAY); // 0001-01-01 was a Monday
  });
  it.each([
    ['getyear', '2015-10-12T00:00:00Z', 2015n],
    ['hourofday', '2015-12-14T18:54:00Z', 18n],
    ['monthofyear', '2015-12-14T00:00:00Z', 12n],
    ['getmonth', '2015-12-14T00:00:00Z', 12n],
    ['dayofmonth', '2015-12-14T00:00:00Z', 14n],
    ['dayofyear', '2015-12-31T00:00:00Z', 365n],
    ['dayofyear', '2016-12-31T00:00:00Z', 366n],
    ['dayofyear', '2016-01-01T00:00:00Z', 1n],
    ['week_of_year', '2024-03-05T00:00:00Z', 10n],
    ['week_of_year', '2021-01-01T00:00:00Z', 53n],
    ['week_of_year', '2019-12-30T00:00:00Z', 1n],
    ['week_of_year', '2018-01-01T00:00:00Z', 1n],
  ])('%s(%s) = %s', (f, v, expected) => {
    expect(callTyped(f, [dt(v)], ['datetime'])).toEqual({ value: expected, type: 'long' });
  });
});

describe('format_datetime / format_timespan', () => {
  const t = dt('2017-01-29T09:00:05Z');
  it.each([
    ['yy-MM-dd [HH:mm:ss]', '17-01-29 [09:00:05]'],
    ['yyyy-M-dd [H:mm:ss]', '2017-1-29 [9:00:05]'],
    ['yy-MM-dd [hh:mm:ss tt]', '17-01-29 [09:00:05 AM]'],
    ['yyyy-MM-dd HH:mm:ss.FFF', '2017-01-29 09:00:05'],
    ['d/M/y', '29/1/17'],
  ])('format_datetime(2017-01-29 09:00:05, %o) = %o', (f, expected) => {
    expect(call('format_datetime', [t, f], ['datetime', 'string'])).toBe(expected);
  });
  it('formats fractions and 12-hour clocks (documented examples)', () => {
    const x = dt('2009-06-15T13:45:30.617Z');
    expect(call('format_datetime', [x, 'f'], ['datetime', 'string'])).toBe('6');
    expect(call('format_datetime', [x, 'ff'], ['datetime', 'string'])).toBe('61');
    expect(call('format_datetime', [x, 'fffffff'], ['datetime', 'string'])).toBe('6170000');
    expect(call('format_datetime', [x, 'FFFFFFF'], ['datetime', 'string'])).toBe('617');
    expect(call('format_datetime', [x, 'h tt'], ['datetime', 'string'])).toBe('1 PM');
    expect(call('format_datetime', [dt('2009-06-15T13:45:30Z') + 1150n, 'FFFFFFF'], ['datetime', 'string'])).toBe('000115');
    expect(call('format_datetime', [dt('0900-01-01T00:00:00Z'), 'yyyy y yy'], ['datetime', 'string'])).toBe('0900 0 00');
    expect(() => call('format_datetime', [x, 'MMM'], ['datetime', 'string'])).toThrow(/^Not supported/);
  });
  it('format_timespan (engine results)', () => {
    const ts = 29n * DAY + 9n * HOUR + 5n * SECOND + 1_234_500n;
    expect(call('format_timespan', [ts, 'dd.hh:mm:ss:FF'], ['timespan', 'string'])).toBe('29.09:00:05:12');
    expect(call('format_timespan', [ts, 'ddd.h:mm:ss [fffffff]'], ['timespan', 'string'])).toBe('029.9:00:05 [1234500]');
  });
});

describe('construction', () => {
  it('make_datetime', () => {
    expect(call('make_datetime', [2017n, 10n, 1n, 12n, 11n, 0.1234567], ['long', 'long', 'long', 'long', 'long', 'real']))
      .toBe(dt('2017-10-01T12:11:00Z') + 1_234_567n);
    expect(call('make_datetime', [2017n, 1n, 1n], ['long', 'long', 'long'])).toBe(dt('2017-01-01T00:00:00Z'));
    expect(call('make_datetime', [2017, 1, 1], ['int', 'int', 'int'])).toBe(dt('2017-01-01T00:00:00Z'));
    expect(call('make_datetime', [2017n, 2n, 30n], ['long', 'long', 'long'])).toBe(null);
    expect(call('make_datetime', [2017n, 13n, 1n], ['long', 'long', 'long'])).toBe(null);
  });
  it('make_timespan', () => {
    expect(call('make_timespan', [1n, 12n, 30n, 55.123], ['long', 'long', 'long', 'real']))
      .toBe(DAY + 12n * HOUR + 30n * MINUTE + 55n * SECOND + 1_230_000n);
    expect(call('make_timespan', [1n, 30n], ['long', 'long'])).toBe(HOUR + 30n * MINUTE);
    expect(call('make_timespan', [1n, 30n, 15n], ['long', 'long', 'long'])).toBe(HOUR + 30n * MINUTE + 15n * SECOND);
  });
  it('unixtime_*_todatetime', () => {
    const d = dt('2019-01-01T00:00:00Z');
    expect(call('unixtime_seconds_todatetime', [1546300800n], ['long'])).toBe(d);
    expect(call('unixtime_seconds_todatetime', [1546300800.5], ['real'])).toBe(d + 5_000_000n);
    expect(call('unixtime_milliseconds_todatetime', [1546300800000n], ['long'])).toBe(d);
    expect(call('unixtime_microseconds_todatetime', [1546300800000000n], ['long'])).toBe(d);
    expect(call('unixtime_nanoseconds_todatetime', [1546300800000000000n], ['long'])).toBe(d);
    expect(call('unixtime_seconds_todatetime', [-62135596801n], ['long'])).toBe(null);
  });
});

describe('todatetime / totimespan', () => {
  it.each([
    ['2015-12-31 23:59:59.9', dt('2015-12-31T23:59:59.900Z')],
    ['2022-12-02', dt('2022-12-02T00:00:00Z')],
    ['2022-12-02 13:45:56', dt('2022-12-02T13:45:56Z')],
    ['2022-12-02T13:45:56Z', dt('2022-12-02T13:45:56Z')],
    ['2022/12/02', dt('2022-12-02T00:00:00Z')],
    ['12-02-2022', dt('2022-12-02T00:00:00Z')],
    ['12/02/2022', dt('2022-12-02T00:00:00Z')],
    ['12.02.2022', dt('2022-12-02T00:00:00Z')],
    ['2 Dec 2022', dt('2022-12-02T00:00:00Z')],
    ['Dec 2, 2022', dt('2022-12-02T00:00:00Z')],
    ['Fri, 02 Dec 2022 13:45:56 GMT', dt('2022-12-02T13:45:56Z')],
    ['20221202', dt('2022-12-02T00:00:00Z')],
    ['12-02-2022 13:45:56', dt('2022-12-02T13:45:56Z')],
    ['2/3/2022', dt('2022-02-03T00:00:00Z')],
    ['2022-12-02T13:45:56+02:00', dt('2022-12-02T11:45:56Z')],
    ['2022-12-02T13:45:56-05:00', dt('2022-12-02T18:45:56Z')],
    ['not a date', null],
    ['', null],
    ['13-01-2022', null],
    ['x12-02-2022', null],
  ])('todatetime(%o)', (s, expected) => {
    expect(call('todatetime', [s], ['string'])).toBe(expected);
    expect(parseKqlDatetime(s) ?? null).toBe(expected);
  });
  it('passes datetimes through and reads dynamic strings', () => {
    expect(call('todatetime', [dt('2020-01-02T03:04:05Z')], ['datetime'])).toBe(dt('2020-01-02T03:04:05Z'));
    expect(call('todatetime', ['2020-01-01'], ['dynamic'])).toBe(dt('2020-01-01T00:00:00Z'));
    expect(call('todatetime', [5n], ['dynamic'])).toBe(null);
  });
  it('totimespan', () => {
    expect(callTyped('totimespan', ['0.00:03:00'], ['string'])).toEqual({ value: 3n * MINUTE, type: 'timespan' });
    expect(call('totimespan', [4n * DAY], ['timespan'])).toBe(4n * DAY);
    expect(call('totimespan', ['-1.02:03:04.5'], ['string'])).toBe(-(DAY + 2n * HOUR + 3n * MINUTE + 4n * SECOND + 5_000_000n));
    expect(call('totimespan', ['nope'], ['string'])).toBe(null);
  });
});
