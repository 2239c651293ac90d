/**
 * The two seed queries end to end, over the rows of kql-notes §3.5 and §4.4 written as a Defender XDR CSV
 * export and as JSON lines, with now() = 2024-03-31T15:00:00Z. Expected results are worked out by hand below.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runCli, type CliIo } from '../../src/cli/run-cli.js';
import { expectTable, run } from '../helpers/table.js';

const SERIES_QUERY = readFileSync('fixtures/queries/malicious-clicks-allowed.kql', 'utf8');
const ACTIONS_QUERY = readFileSync('fixtures/queries/url-clicks-actions-by-url.kql', 'utf8');
const NOW = '2024-03-31T15:00:00Z';
const SEED = 'test/fixtures/seed';

/*
 * Query (1), kql-notes §3.5. TimeStart = startofday(ago(30d)) = startofday(2024-03-01T15:00) = 2024-03-01T00:00;
 * TimeEnd = startofday(now()) = 2024-03-31T00:00, exclusive → 30 daily bins, 03-01 … 03-30 (today excluded).
 *   02-29T23:59:59 true  Phish    dropped: before TimeStart
 *   03-01T00:00    true  Phish    bin 0
 *   03-01T10:00    true  Malware  bin 0
 *   03-02T05:00    false Phish    dropped: not clicked through
 *   03-02T06:00    true  ""       dropped: empty ThreatTypes
 *   03-15T12:00    true  Phish    bin 14
 *   03-30T23:59:59 true  Phish    bin 29
 *   03-31T01:00    true  Phish    passes the where clauses, but 03-31 is at TimeEnd: no bin
 */
//                  0 1 2 3 4 5 6 7 8 9 10  12  14  16  18  20  22  24  26  28 29
const COUNT_30 = '[2,0,0,0,0,0,0,0,0,0,0,0,0,0,1,0,0,0,0,0,0,0,0,0,0,0,0,0,0,1]';
const AXIS_30 = '[' + [
  '01', '02', '03', '04', '05', '06', '07', '08', '09', '10', '11', '12', '13', '14', '15',
  '16', '17', '18', '19', '20', '21', '22', '23', '24', '25', '26', '27', '28', '29', '30',
].map((d) => `"2024-03-${d}T00:00:00.0000000Z"`).join(',') + ']';

/*
 * Query (2), kql-notes §4.4. has_any("ClickBlocked") matches the whole term only, so ClickBlockedByTenantPolicy is
 * not Blocked; countif(IsClickedThrough) counts true only (the null of c is not counted).
 */
const A = 'https://a.example/x';
const B = 'https://b.example/';
const C = 'https://c.example/login?next=%2F';
const ACTIONS_COLUMNS = ['Url:string', 'Blocked:long', 'Allowed:long', 'PendingVerdict:long', 'Error:long', 'ClickedThrough:long'];
const ACTIONS_ROWS = [
  [A, 2n, 1n, 0n, 0n, 1n],
  [B, 0n, 0n, 1n, 1n, 0n],
  [C, 0n, 1n, 0n, 0n, 0n],
];

describe.each(['csv', 'jsonl'])('seed queries over %s', (ext) => {
  it('query (1): one row, Count = 30 longs, Timestamp = 30 datetimes, rendered as a timechart', async () => {
    const r = await run(SERIES_QUERY, { UrlClickEvents: `${SEED}/series.${ext}` }, NOW);
    expectTable(r, { columns: ['Count:dynamic', 'Timestamp:dynamic'], rows: [[COUNT_30, AXIS_30]] });
    expect(r.visualization).toEqual({ kind: 'timechart', properties: {} });
    expect(r.name).toBe('PrimaryResult');
  });

  it('query (1) when nothing passes the filters: zero rows', async () => {
    // now() = 2025-01-01 → TimeStart = 2024-12-02: every row is before it, make-series gets no input (kql-notes §3.5).
    const r = await run(SERIES_QUERY, { UrlClickEvents: `${SEED}/series.${ext}` }, '2025-01-01T00:00:00Z');
    expectTable(r, { columns: ['Count:dynamic', 'Timestamp:dynamic'], rows: [] });
  });

  it('query (2): Url, Blocked, Allowed, PendingVerdict, Error, ClickedThrough', async () => {
    expectTable(await run(ACTIONS_QUERY, { UrlClickEvents: `${SEED}/actions.${ext}` }, NOW), {
      columns: ACTIONS_COLUMNS, rows: ACTIONS_ROWS,
    });
  });
});

function fakeIo(): { io: CliIo; out: () => string; err: () => string } {
  let out = '';
  let err = '';
  return {
    io: {
      stdout: (s) => void (out += s), stderr: (s) => void (err += s),
      readStdin: async () => '', stdinIsTTY: true, stdoutIsTTY: false, columns: 120,
    },
    out: () => out,
    err: () => err,
  };
}

describe.each(['csv', 'jsonl'])('datetime precision (%s)', (ext) => {
  it('2026-07-19T17:02:06.1314605Z read from a file prints back identically in --format json', async () => {
    const f = fakeIo();
    const code = await runCli([
      'run', 'UrlClickEvents | project Timestamp, Url', '-t', `UrlClickEvents=${SEED}/precise.${ext}`, '--format', 'json', '--now', NOW,
    ], f.io);
    expect(f.err()).toBe('');
    expect(code).toBe(0);
    expect(f.out()).toBe(
      '{"tables":[{"name":"PrimaryResult","columns":[{"name":"Timestamp","type":"datetime"},{"name":"Url","type":"string"}],'
      + '"rows":[["2026-07-19T17:02:06.1314605Z","https://p.example/"],["2026-07-19T17:02:06.0000001Z","https://q.example/"]]}]}\n',
    );
  });

  it('keeps the last tick in arithmetic: + 1tick and tostring()', async () => {
    const r = await run('UrlClickEvents | project t = Timestamp + 1tick, s = tostring(Timestamp)', { UrlClickEvents: `${SEED}/precise.${ext}` });
    expectTable(r, {
      columns: ['t:datetime', 's:string'],
      rows: [
        ['2026-07-19T17:02:06.1314606Z', '2026-07-19T17:02:06.1314605Z'],
        ['2026-07-19T17:02:06.0000002Z', '2026-07-19T17:02:06.0000001Z'],
      ],
    });
  });
});
