/**
 * The same UrlClickEvents data (test/fixtures/seed/*.csv) exported in every shape gives the same results
 * for both seed queries; and the CLI options of the loaders.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';

const NOW = '2024-03-31T15:00:00Z';
const SERIES_KQL = 'fixtures/queries/malicious-clicks-allowed.kql';
const ACTIONS_KQL = 'fixtures/queries/url-clicks-actions-by-url.kql';
const shapes = 'test/fixtures/io/shapes';

const tmp = mkdtempSync(join(tmpdir(), 'kql-cli-formats-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));


// Hand-worked results of the seeds, as in run-cli.test.ts (derivation in test/seed/*.kqltest.yaml).
const COUNT_30 = [2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1];
const ACTIONS_CSV = [
  'Url,Blocked,Allowed,PendingVerdict,Error,ClickedThrough',
  'https://a.example/x,2,1,0,0,1',
  'https://b.example/,0,0,1,1,0',
  'https://c.example/login?next=%2F,0,1,0,0,0',
  '',
].join('\n');

const SENTINEL = ['--alias', 'Timestamp=TimeGenerated'];
/** [shape, -t value for a data set, extra options]. */
const SHAPES: [string, (set: string) => string, string[]][] = [
  ['Defender portal CSV', (s) => `UrlClickEvents=test/fixtures/seed/${s}.csv`, []],
  ['Streaming API blob (bare -t PATH: the category names the table)', (s) => `${shapes}/${s}/streaming.json`, []],
  ['Streaming API blob, gzip', (s) => `${shapes}/${s}/streaming.json.gz`, []],
  ['Event Hub message', (s) => `${shapes}/${s}/eventhub.json`, []],
  ['Storage folder', (s) => `${shapes}/${s}/storage`, []],
  ['Graph runHuntingQuery', (s) => `UrlClickEvents=${shapes}/${s}/graph.json`, []],
  ['Advanced Hunting API', (s) => `UrlClickEvents=${shapes}/${s}/ah-api.json`, []],
  ['Log Analytics query API', (s) => `UrlClickEvents=${shapes}/${s}/la-query.json`, SENTINEL],
  ['Log Analytics data export', (s) => `UrlClickEvents=${shapes}/${s}/la-export.json`, SENTINEL],
  ['Log Analytics portal CSV, en-US', (s) => `UrlClickEvents=${shapes}/${s}/la-portal.csv`, [...SENTINEL, '--date-order', 'mdy']],
  ['Log Analytics portal CSV, day first 24 h', (s) => `UrlClickEvents=${shapes}/${s}/la-portal-dmy.csv`, [...SENTINEL, '--date-order', 'dmy']],
  ['Excel re-save', (s) => `UrlClickEvents=${shapes}/${s}/excel.csv`, []],
  ['ADX .export without header', (s) => `UrlClickEvents=${shapes}/${s}/adx-export.csv`, ['--schema', `${shapes}/schema.json`]],
];

describe('every shape of the same data gives the same results', () => {
  it.each(SHAPES)('%s', async (_name, table, extra) => {
    const series = await cli(['run', '-f', SERIES_KQL, '-t', table('series'), '--now', NOW, '--format', 'json', ...extra]);
    expect(series.code, series.err).toBe(0);
    expect(JSON.parse(series.out).tables[0].rows[0][0]).toEqual(COUNT_30);
    const actions = await cli(['run', '-f', ACTIONS_KQL, '-t', table('actions'), '--format', 'csv', ...extra]);
    expect(actions.code, actions.err).toBe(0);
    expect(actions.out).toBe(ACTIONS_CSV);
  });

  it('reads back `kql run --format json` output (a Log Analytics query API document)', async () => {
    for (const set of ['series', 'actions']) {
      const dump = await cli(['run', 'UrlClickEvents', '-t', `UrlClickEvents=test/fixtures/seed/${set}.csv`, '--format', 'json']);
      expect(dump.code).toBe(0);
      writeFileSync(join(tmp, `${set}.json`), dump.out);
    }
    const series = await cli(['run', '-f', SERIES_KQL, '-t', `UrlClickEvents=${join(tmp, 'series.json')}`, '--now', NOW, '--format', 'json']);
    expect(JSON.parse(series.out).tables[0].rows[0][0]).toEqual(COUNT_30);
    const actions = await cli(['run', '-f', ACTIONS_KQL, '-t', `UrlClickEvents=${join(tmp, 'actions.json')}`, '--format', 'csv']);
    expect(actions).toEqual({ code: 0, out: ACTIONS_CSV, err: '' });
  });
});

describe('loader options on the command line', () => {
  it('says once on stderr which schema columns the query names but the file lacks', async () => {
    const q = 'UrlClickEvents | summarize count() by AppName, AppVersion, ActionType | count';
    const r = await cli(['run', q, '-t', `UrlClickEvents=${shapes}/actions/excel.csv`, '--format', 'csv']);
    expect(r).toEqual({
      code: 0, out: 'Count\n5\n',
      err: `warning: ${shapes}/actions/excel.csv: 2 columns of the UrlClickEvents schema are not in the file and will be empty ("" for strings, null otherwise): AppName, AppVersion.\n`,
    });
    const quiet = await cli(['run', 'UrlClickEvents | count', '-t', `UrlClickEvents=${shapes}/actions/excel.csv`, '--format', 'csv']);
    expect(quiet).toEqual({ code: 0, out: 'Count\n7\n', err: '' });
  });

  it('explains a Timestamp query over TimeGenerated data, and the other way round', async () => {
    const r = await cli(['run', 'UrlClickEvents | where Timestamp > ago(1d)', '-t', `UrlClickEvents=${shapes}/actions/la-export.json`]);
    expect(r.code).toBe(1);
    expect(r.err).toContain(
      "Unknown column 'Timestamp'. The data has 'TimeGenerated' instead (Sentinel / Log Analytics data); "
      + 'to run the query on it, map one to the other with --alias Timestamp=TimeGenerated.',
    );
    // (Not as UrlClickEvents, whose Defender XDR schema now also has TimeGenerated.)
    const c = await cli(['check', 'Clicks | project TimeGenerated', '-t', `Clicks=${shapes}/actions/ah-api.json`]);
    expect(c.code).toBe(1);
    expect(c.err).toContain("The data has 'Timestamp' instead (Defender XDR data); to run the query on it, map one to the other with --alias TimeGenerated=Timestamp.");
    const ok = await cli(['check', 'UrlClickEvents | project Timestamp', '-t', `UrlClickEvents=${shapes}/actions/la-export.json`, ...SENTINEL]);
    expect(ok.code).toBe(0);
    expect(ok.out).toContain('Timestamp  datetime');
  });

  it('refuses bad option values as usage errors', async () => {
    const t = ['-t', `UrlClickEvents=${shapes}/actions/la-portal.csv`];
    expect(await cli(['run', 'UrlClickEvents', ...t, '--date-order', 'ymd'])).toMatchObject({ code: 2, err: "Usage error: --date-order 'ymd': expected one of dmy, mdy.\n" });
    expect(await cli(['run', 'UrlClickEvents', ...t, '--alias', 'Timestamp'])).toMatchObject({
      code: 2, err: "Usage error: --alias 'Timestamp': expected NEW=OLD, for example --alias Timestamp=TimeGenerated.\n",
    });
    expect((await cli(['run', 'UrlClickEvents', ...t, '--tz', 'Nowhere/City'])).code).toBe(2);
    const noOrder = await cli(['run', 'UrlClickEvents', ...t]);
    expect(noOrder.code).toBe(2);
    expect(noOrder.err).toContain('pass --date-order mdy');
    const mixed = await cli(['run', 'UrlClickEvents', '-t', 'test/fixtures/io/real/test-email.log']);
    expect(mixed.code).toBe(2);
    expect(mixed.err).toContain('the Streaming API records are of 5 tables');
  });
});

describe('kql schema', () => {
  it('prints the format, the table from the category, each column with its type and origin, and the row count', async () => {
    const r = await cli(['schema', `${shapes}/actions/streaming.json.gz`]);
    expect(r.code).toBe(0);
    const lines = r.out.split('\n');
    expect(lines.slice(0, 6)).toEqual([
      `file:    ${shapes}/actions/streaming.json.gz`,
      'format:  streaming — Defender Streaming API records (Storage blob, JSON lines)',
      "table:   UrlClickEvents (from the records' category)",
      'columns: 19',
      '  Timestamp         datetime  schema',
      '  Url               string    schema',
    ]);
    expect(lines).toContain('  TimeGenerated     datetime  schema; not in the file (null)');
    expect(lines.at(-2)).toBe('rows:    7');
  });

  it('shows types declared by the file and inferred ones', async () => {
    const g = await cli(['schema', 'test/fixtures/io/real/runHuntingQuery_response_DeviceTvmSoftwareVulnerabilities.json']);
    expect(g.out).toContain('  IsExploitAvailable  bool    declared by the file\n');
    const c = await cli(['schema', 'test/fixtures/io/infer.csv']);
    expect(c.code).toBe(0);
    expect(c.out).toContain('format:  csv — CSV with a header row');
    expect(c.out).toMatch(/inferred from the values/);
    const a = await cli(['schema', `${shapes}/actions/la-export.json`, '-t', 'UrlClickEvents', ...SENTINEL]);
    expect(a.out).toContain('  Timestamp         datetime  alias\n');
  });

  it('reports a missing file as an input error', async () => {
    expect(await cli(['schema', 'nope.csv'])).toEqual({ code: 2, out: '', err: 'Input error: nope.csv: no such file.\n' });
  });
});

describe('bad input through the CLI: exit 2, one message, no stack trace', () => {
  const bad = (content: string | Buffer, ext = 'csv'): string => {
    const path = join(tmp, `bad-${Math.random().toString(36).slice(2)}.${ext}`);
    writeFileSync(path, content);
    return path;
  };
  it.each([
    ['too many fields', 'a,b\n1,2,3\n', ':2: expected 2 fields as in the header, found 3.'],
    ['too few fields', 'a,b\n1\n', ':2: expected 2 fields as in the header, found 1.'],
    ['unterminated quote', 'a,b\n1,"x\n', ':2: unterminated quoted field'],
    ['invalid UTF-8', Buffer.from([0x61, 0x0a, 0xe9, 0x0a]), ':2: not valid UTF-8'],
    ['binary', Buffer.from([0x61, 0x0a, 0x00, 0x01, 0x0a]), ':2: a binary file (it holds NUL bytes)'],
    ['empty file', '', ': file is empty.'],
    ['truncated JSON', '[{"a":1},\n{"a":', ':2: unexpected end of file: the JSON array is not closed'],
    ['truncated JSON document', '{"tables":[{"name":"x",\n', ':1: invalid JSON: the file is neither one JSON object per line nor one JSON document'],
  ] as const)('%s', async (_name, content, message) => {
    const path = bad(content as string | Buffer);
    const r = await cli(['run', 'T | count', '-t', `T=${path}`]);
    expect(r.code).toBe(2);
    expect(r.err).toContain(`${path}${message}`);
    expect(r.err.trim().split('\n')).toHaveLength(1);
    expect(r.err).not.toMatch(/\n\s+at /);
  });

  it('a bad value, and --skip-bad-rows', async () => {
    const path = bad('Timestamp,N\n2024-03-01T00:00:00Z,1\nyesterday,2\n2024-03-02T00:00:00Z,3,4\n2024-03-03T00:00:00Z,5\n');
    const r = await cli(['run', 'T | summarize sum(N)', '-t', `T=${path}`, '--schema', `${join(tmp, 's.json')}`]);
    expect(r.code).toBe(2); // no such schema file
    writeFileSync(join(tmp, 's.json'), JSON.stringify({ columns: [{ name: 'Timestamp', type: 'datetime' }, { name: 'N', type: 'long' }] }));
    const strict = await cli(['run', 'T | summarize sum(N)', '-t', `T=${path}`, '--schema', join(tmp, 's.json'), '--format', 'csv']);
    expect(strict).toMatchObject({ code: 2, err: `Input error: ${path}:4: expected 2 fields as in the header, found 3.\n` });
    const skip = await cli(['run', 'T | summarize sum(N)', '-t', `T=${path}`, '--schema', join(tmp, 's.json'), '--format', 'csv', '--skip-bad-rows']);
    expect(skip).toEqual({ code: 0, out: 'sum_N\n6\n', err: `warning: ${path}: skipped 2 bad rows (lines 3, 4).\n` });
  });

  it('a missing data file', async () => {
    const r = await cli(['run', 'T | count', '-t', 'T=nope.csv']);
    expect(r).toEqual({ code: 2, out: '', err: 'Input error: nope.csv: no such file.\n' });
  });
});
