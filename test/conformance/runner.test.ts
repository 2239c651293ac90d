/** The conformance runner's own rules: reading the oracle, comparing values, ordering, the clock. */
import { describe, expect, it } from 'vitest';
import { JsonNumber, parseJson, type RawJson } from './oracle.js';
import { dependsOnClock, resultIsOrdered } from './query-text.js';
import { classify } from './runner.js';
import { cellEqual, dynamicEqual, isoToTicks, ticksToIso, ticksToTimespan, timespanToTicks } from './values.js';

const EPOCH = 621_355_968_000_000_000n;

describe('oracle JSON', () => {
  it('keeps the text of numbers (longs beyond 2^53, reals written 4.0)', () => {
    const v = parseJson('[-7133945255344544237, 4.0, 1e3]') as JsonNumber[];
    expect(v.map((n) => n.text)).toEqual(['-7133945255344544237', '4.0', '1e3']);
    expect(cellEqual('long', v[0], 'long', -7133945255344544237n)).toBe(true);
    expect(cellEqual('long', v[0], 'long', -7133945255344544236n)).toBe(false);
  });
});

describe('datetimes and timespans', () => {
  it('reads ISO text with a trimmed fraction to the tick', () => {
    expect(isoToTicks('1970-01-01T00:00:00Z')).toBe(EPOCH);
    expect(isoToTicks('1970-01-01T00:00:00.0000001Z')).toBe(EPOCH + 1n);
    expect(isoToTicks('2015-12-31T23:59:59.9Z')! - isoToTicks('2015-12-31T23:59:59Z')!).toBe(9_000_000n);
    expect(isoToTicks('0001-01-01T00:00:00Z')).toBe(0n);
    expect(ticksToIso(isoToTicks('2016-12-31T23:59:59.9999999Z')!)).toBe('2016-12-31T23:59:59.9999999Z');
    expect(ticksToIso(isoToTicks('2000-02-29T01:02:03.45Z')!)).toBe('2000-02-29T01:02:03.45Z');
  });

  it('reads [-][d.]hh:mm:ss[.fffffff] to the tick', () => {
    expect(timespanToTicks('01:00:00')).toBe(36_000_000_000n);
    expect(timespanToTicks('1.12:30:55.1230000')).toBe(((86_400n + 12n * 3600n + 30n * 60n + 55n) * 10_000_000n) + 1_230_000n);
    expect(timespanToTicks('-12:00:00')).toBe(-432_000_000_000n);
    expect(ticksToTimespan(timespanToTicks('14.00:00:00')!)).toBe('14.00:00:00');
    expect(ticksToTimespan(timespanToTicks('04:32:02.4000000')!)).toBe('04:32:02.4000000');
  });

  it('compares engine ticks with oracle text', () => {
    expect(cellEqual('datetime', '1970-01-01T00:00:01Z', 'datetime', EPOCH + 10_000_000n)).toBe(true);
    expect(cellEqual('datetime', '1970-01-01T00:00:01Z', 'datetime', EPOCH + 10_000_001n)).toBe(false);
    expect(cellEqual('timespan', '00:01:00', 'timespan', 600_000_000n)).toBe(true);
  });
});

describe('values', () => {
  const n = (t: string) => new JsonNumber(t);
  it('compares reals within 1e-9 relative, NaN with NaN', () => {
    expect(cellEqual('real', n('0.6420926159343306'), 'real', 0.6420926159343306 * (1 + 1e-12))).toBe(true);
    expect(cellEqual('real', n('0.6420926159343306'), 'real', 0.6420926159343306 * (1 + 1e-8))).toBe(false);
    expect(cellEqual('real', 'NaN', 'real', NaN)).toBe(true);
    expect(cellEqual('real', '-Infinity', 'real', -Infinity)).toBe(true);
    expect(cellEqual('real', null, 'real', 0)).toBe(false);
    expect(cellEqual('real', null, 'real', null)).toBe(true);
  });

  it('compares dynamic values deeply: bags in any key order, longs and reals numerically', () => {
    const raw = parseJson('{"a":[1,2.0,"x"],"b":{"c":null,"d":true}}') as RawJson;
    const v = new Map<string, unknown>([
      ['b', new Map<string, unknown>([['d', true], ['c', null]])],
      ['a', [1n, 2, 'x']],
    ]);
    expect(dynamicEqual(raw, v)).toBe(true);
    expect(dynamicEqual(raw, new Map([['a', [1n, 2, 'x']]]))).toBe(false);
    expect(dynamicEqual(parseJson('[1.0]'), [1n])).toBe(true);
    expect(dynamicEqual(parseJson('["1"]'), [1n])).toBe(false);
  });

  it('compares guids case-insensitively and bools as written', () => {
    expect(cellEqual('guid', '01234567-89AB-cdef-0123-456789abcdef', 'guid', '01234567-89ab-cdef-0123-456789abcdef')).toBe(true);
    expect(cellEqual('bool', true, 'bool', true)).toBe(true);
    expect(cellEqual('bool', false, 'bool', true)).toBe(false);
  });
});

describe('query text', () => {
  it('treats rows as ordered only when the final operators sort', () => {
    expect(resultIsOrdered('T | sort by x')).toBe(true);
    expect(resultIsOrdered('T | order by x desc | project x | take 3')).toBe(true);
    expect(resultIsOrdered('T | top 3 by x | extend y = 1')).toBe(true);
    expect(resultIsOrdered('T | sort by x | summarize count() by y')).toBe(false);
    expect(resultIsOrdered('T | mv-apply (x | sort by y) on z')).toBe(false);
    expect(resultIsOrdered('let s = "| sort by x"; T | where a == s')).toBe(false);
    expect(resultIsOrdered('T | where a == "x" // | sort by x')).toBe(false);
    expect(resultIsOrdered('let T = range x from 1 to 3 step 1 | sort by x;\nT | summarize count()')).toBe(false);
    expect(resultIsOrdered('print x = 1')).toBe(false);
  });

  it('detects queries that read the clock', () => {
    expect(dependsOnClock('print now()')).toBe(true);
    expect(dependsOnClock('T | where t > ago(1d)')).toBe(true);
    expect(dependsOnClock('print "now()"')).toBe(false);
    expect(dependsOnClock('print snow(1)')).toBe(false);
    expect(dependsOnClock('range x from 1 to 9 step 1 | extend y = rand()')).toBe(true);
    expect(dependsOnClock('print current_database()')).toBe(true);
    expect(dependsOnClock('print x.rand(1)')).toBe(false);
  });
});

describe('classification', () => {
  const c = {
    id: 'x',
    source: '',
    kql: 'print now()',
    expected: { columns: ['print_0'], columnTypes: ['DateTime'], types: ['datetime' as const], rows: [['2026-08-02T23:56:44.4514557Z']] as RawJson[][] },
  };
  const result = (ticks: bigint) => ({ kind: 'result' as const, ms: 0, results: [{ name: 'r', schema: [{ name: 'print_0', type: 'datetime' as const }], rows: [[ticks]] }] });

  it('names each outcome', () => {
    expect(classify(c, result(isoToTicks('2026-08-02T23:56:44.4514557Z')!)).category).toBe('exact');
    expect(classify(c, result(0n)).category).toBe('clock');
    expect(classify({ ...c, kql: 'print datetime(2026-08-02)' }, result(0n)).category).toBe('wrong');
    const error = (message: string, code?: string) => ({ kind: 'error' as const, ms: 0, error: { name: 'SemanticError', message, code } });
    expect(classify(c, error("Not supported: the 'join' operator.")).category).toBe('refused');
    expect(classify(c, error("Unknown table 'StormEvents'.", 'UNKNOWN_TABLE')).category).toBe('needs-data');
    expect(classify(c, error("Unknown function 'now'.")).category).toBe('wrong');
    expect(classify(c, { kind: 'timeout', ms: 5000 }).category).toBe('wrong');
  });

  it('tells a type mismatch from a value mismatch', () => {
    const k = { ...c, kql: 'print 1', expected: { ...c.expected, columnTypes: ['Int64'], types: ['long' as const], rows: [[new JsonNumber('1')]] } };
    const real = { kind: 'result' as const, ms: 0, results: [{ name: 'r', schema: [{ name: 'print_0', type: 'real' as const }], rows: [[1]] }] };
    const r = classify(k, real);
    expect(r.category).toBe('wrong');
    expect(r.cause).toBe('column types');
  });
});
