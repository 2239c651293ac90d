/** The CLI as a function: runCli(argv, io) → exit code, with stdout, stderr and stdin faked. */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';

const NOW = '2024-03-31T15:00:00Z';
const SERIES_KQL = 'fixtures/queries/malicious-clicks-allowed.kql';
const ACTIONS_KQL = 'fixtures/queries/url-clicks-actions-by-url.kql';
const SERIES = 'UrlClickEvents=test/fixtures/seed/series.csv';
const ACTIONS = 'UrlClickEvents=test/fixtures/seed/actions.csv';

const tmp = mkdtempSync(join(tmpdir(), 'kql-cli-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));


const noStack = (text: string): void => expect(text).not.toMatch(/\n\s+at /);

// Hand-worked results of the seeds (derivation in test/seed/*.kqltest.yaml).
const COUNT_30 = '[2,0,0,0,0,0,0,0,0,0,0,0,0,0,1,0,0,0,0,0,0,0,0,0,0,0,0,0,0,1]';
const AXIS_30 = '[' + Array.from({ length: 30 }, (_, k) => `"2024-03-${String(k + 1).padStart(2, '0')}T00:00:00.0000000Z"`).join(',') + ']';
const ACTIONS_CSV_ROWS = [
  'https://a.example/x,2,1,0,0,1',
  'https://b.example/,0,0,1,1,0',
  'https://c.example/login?next=%2F,0,1,0,0,0',
];

describe('kql run: where the query comes from', () => {
  it('an argument', async () => {
    const r = await cli(['run', 'print x = 1, s = "a"']);
    expect(r).toEqual({ code: 0, out: 'x  s\n-  -\n1  a\n\n1 row\n', err: '' });
  });

  it('--file', async () => {
    const r = await cli(['run', '--file', ACTIONS_KQL, '-t', ACTIONS, '--now', NOW, '--format', 'csv']);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const [header, ...rows] = r.out.trimEnd().split('\n');
    expect(header).toBe('Url,Blocked,Allowed,PendingVerdict,Error,ClickedThrough');
    expect(rows.sort()).toEqual(ACTIONS_CSV_ROWS);
  });

  it('standard input, when neither is given', async () => {
    const r = await cli(['run', '-t', ACTIONS, '--format', 'csv'], 'UrlClickEvents\n| where Url == "https://b.example/"\n| count');
    expect(r).toEqual({ code: 0, out: 'Count\n3\n', err: '' });
  });

  it('no query at all on a terminal is a usage error (exit 2)', async () => {
    const r = await cli(['run']);
    expect(r.code).toBe(2);
    expect(r.err).toBe('Usage error: no query given: pass it as an argument, with --file PATH, or on standard input.\n');
  });

  it('both an argument and --file is a usage error', async () => {
    const r = await cli(['run', 'print 1', '-f', ACTIONS_KQL]);
    expect(r.code).toBe(2);
    expect(r.err).toBe('Usage error: give the query either as an argument or with --file, not both.\n');
  });
});

describe('kql run: output formats', () => {
  it('--format json: one document with columns, rows and the visualization', async () => {
    const r = await cli(['run', '-f', SERIES_KQL, '-t', SERIES, '--now', NOW, '--format', 'json']);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toBe(
      '{"tables":[{"name":"PrimaryResult","columns":[{"name":"Count","type":"dynamic"},{"name":"Timestamp","type":"dynamic"}],'
      + `"rows":[[${COUNT_30},${AXIS_30}]],"visualization":{"kind":"timechart"}}]}\n`,
    );
  });

  it('--format ndjson: one object per row', async () => {
    const r = await cli(['run', '-f', ACTIONS_KQL, '-t', ACTIONS, '--now', NOW, '--format', 'ndjson']);
    expect(r.code).toBe(0);
    expect(r.out.trimEnd().split('\n').sort()).toEqual([
      '{"Url":"https://a.example/x","Blocked":2,"Allowed":1,"PendingVerdict":0,"Error":0,"ClickedThrough":1}',
      '{"Url":"https://b.example/","Blocked":0,"Allowed":0,"PendingVerdict":1,"Error":1,"ClickedThrough":0}',
      '{"Url":"https://c.example/login?next=%2F","Blocked":0,"Allowed":1,"PendingVerdict":0,"Error":0,"ClickedThrough":0}',
    ]);
  });

  it('--format csv: dynamic cells as JSON text, quoted because they hold commas', async () => {
    const r = await cli(['run', 'print d = dynamic([1, 2]), t = datetime(2024-03-01 10:00)', '--format', 'csv']);
    expect(r).toEqual({ code: 0, out: 'd,t\n"[1,2]",2024-03-01T10:00:00Z\n', err: '' });
  });

  it('the table format reports the row count and the render request', async () => {
    const r = await cli(['run', 'print n = 2 | render card']);
    expect(r).toEqual({ code: 0, out: 'n\n-\n2\n\n1 row\nrender: card\n', err: '' });
  });

  it('-o writes the result to a file and nothing to stdout', async () => {
    const path = join(tmp, 'out.csv');
    const r = await cli(['run', '-f', ACTIONS_KQL, '-t', ACTIONS, '--now', NOW, '--format', 'csv', '-o', path]);
    expect(r).toEqual({ code: 0, out: '', err: '' });
    const [header, ...rows] = readFileSync(path, 'utf8').trimEnd().split('\n');
    expect(header).toBe('Url,Blocked,Allowed,PendingVerdict,Error,ClickedThrough');
    expect(rows.sort()).toEqual(ACTIONS_CSV_ROWS);
  });

  it('--explain prints the plan instead of running', async () => {
    const r = await cli(['run', 'range x from 1 to 3 step 1 | where x > 1 | count', '--explain']);
    expect(r).toEqual({
      code: 0,
      out: 'Count  [Count:long]\n  Where >(x, 1)  [x:long]\n    Range x:long from 1 to 3 step 1  [x:long]\n',
      err: '',
    });
  });
});

describe('kql check', () => {
  it('seed (1) --format json: the dynamic columns and the timechart', async () => {
    const r = await cli(['check', '-f', SERIES_KQL, '-t', SERIES, '--format', 'json']);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toBe('{"columns":[{"name":"Count","type":"dynamic"},{"name":"Timestamp","type":"dynamic"}],"visualization":{"kind":"timechart"}}\n');
  });

  it('seed (2) --format json: Url:string and five longs', async () => {
    const r = await cli(['check', '-f', ACTIONS_KQL, '-t', ACTIONS, '--format', 'json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toEqual({
      columns: [
        { name: 'Url', type: 'string' }, { name: 'Blocked', type: 'long' }, { name: 'Allowed', type: 'long' },
        { name: 'PendingVerdict', type: 'long' }, { name: 'Error', type: 'long' }, { name: 'ClickedThrough', type: 'long' },
      ],
    });
  });

  it('text output lists the columns', async () => {
    const r = await cli(['check', '-f', ACTIONS_KQL, '-t', ACTIONS]);
    expect(r.code).toBe(0);
    expect(r.out).toBe([
      'OK: the query returns 6 columns',
      '  Url             string',
      '  Blocked         long',
      '  Allowed         long',
      '  PendingVerdict  long',
      '  Error           long',
      '  ClickedThrough  long',
      '',
    ].join('\n'));
  });

  it('a semantic error with --format json: a positioned error object, exit 1', async () => {
    const r = await cli(['check', 'UrlClickEvents | where Timestmp > ago(1d)', '-t', ACTIONS, '--format', 'json']);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.out)).toEqual({
      errors: [{
        phase: 'semantic', code: 'UNKNOWN_COLUMN', message: "Unknown column 'Timestmp'. Did you mean 'Timestamp'?",
        line: 1, column: 24, source: 'query',
      }],
    });
  });
});

describe('errors', () => {
  it('a syntax error: line:column, the source line and a caret; exit 1; no stack trace', async () => {
    const r = await cli(['run', 'UrlClickEvents\n| where Url ==', '-t', ACTIONS]);
    expect(r.code).toBe(1);
    expect(r.out).toBe('');
    expect(r.err).toBe([
      'Syntax error at query:2:15: Expected an expression, found end of query.',
      '  2 | | where Url ==',
      `    | ${' '.repeat(14)}^`,
      '',
    ].join('\n'));
    noStack(r.err);
  });

  it('a syntax error in a --file names the file', async () => {
    const path = join(tmp, 'bad.kql');
    writeFileSync(path, 'UrlClickEvents\n| where Url == "x" |\n');
    const r = await cli(['run', '-f', path, '-t', ACTIONS]);
    expect(r.code).toBe(1);
    expect(r.err.split('\n')[0]).toMatch(new RegExp(`^Syntax error at ${path.replace(/[.\\]/g, '\\$&')}:2:\\d+: `));
    noStack(r.err);
  });

  it('unknown column: message with did-you-mean and a caret under the name', async () => {
    const path = join(tmp, 'typo.kql');
    writeFileSync(path, 'UrlClickEvents\n| where Timestmp > ago(1d)\n');
    const r = await cli(['run', '-f', path, '-t', ACTIONS]);
    expect(r.code).toBe(1);
    expect(r.err).toBe([
      `Semantic error at ${path}:2:9: Unknown column 'Timestmp'. Did you mean 'Timestamp'?`,
      '  2 | | where Timestmp > ago(1d)',
      '    |         ^^^^^^^^',
      '',
    ].join('\n'));
  });

  it('unknown table', async () => {
    const r = await cli(['run', 'UrlClickEvent | take 1', '-t', ACTIONS]);
    expect(r.code).toBe(1);
    expect(r.err.split('\n')[0]).toBe("Semantic error at query:1:1: Unknown table 'UrlClickEvent'. Did you mean 'UrlClickEvents'?");
  });

  it('unknown table without a close match tells how to bind one', async () => {
    const r = await cli(['run', 'EmailEvents | take 1', '-t', ACTIONS]);
    expect(r.code).toBe(1);
    expect(r.err.split('\n')[0]).toBe(
      "Semantic error at query:1:1: Unknown table 'EmailEvents'. Known tables: UrlClickEvents. Bind a data file to it with -t EmailEvents=PATH.",
    );
  });

  it('unknown function', async () => {
    const r = await cli(['run', 'UrlClickEvents | extend n = strlenn(Url)', '-t', ACTIONS]);
    expect(r.code).toBe(1);
    expect(r.err.split('\n')[0]).toBe("Semantic error at query:1:29: Unknown function 'strlenn'. Did you mean 'strlen'?");
  });

  it('bad --format: exit 2', async () => {
    const r = await cli(['run', 'print 1', '--format', 'xml']);
    expect(r).toEqual({ code: 2, out: '', err: "Usage error: --format 'xml': expected one of table, csv, json, ndjson.\n" });
  });

  it('bad --format for check: exit 2', async () => {
    const r = await cli(['check', 'print 1', '--format', 'csv']);
    expect(r.code).toBe(2);
    expect(r.err).toBe("Usage error: --format 'csv': expected one of text, json.\n");
  });

  it('bad --now: exit 2', async () => {
    const r = await cli(['run', 'print 1', '--now', 'yesterday']);
    expect(r).toEqual({
      code: 2, out: '', err: "Usage error: --now: 'yesterday' is not an ISO-8601 datetime such as 2024-03-31T15:00:00Z.\n",
    });
  });

  it('a missing data file: exit 2, naming the file', async () => {
    const r = await cli(['run', 'UrlClickEvents | take 1', '-t', 'UrlClickEvents=test/fixtures/seed/nope.csv']);
    expect(r).toEqual({ code: 2, out: '', err: 'Input error: test/fixtures/seed/nope.csv: no such file.\n' });
  });

  it('a missing query file: exit 2', async () => {
    const r = await cli(['run', '-f', 'nope.kql']);
    expect(r).toEqual({ code: 2, out: '', err: "Usage error: cannot read the query file 'nope.kql': no such file.\n" });
  });

  it('a malformed -t binding: exit 2', async () => {
    const r = await cli(['run', 'print 1', '-t', '1abc=x.csv']);
    expect(r.code).toBe(2);
    expect(r.err).toBe("Usage error: -t '1abc=x.csv': expected NAME=PATH, for example -t UrlClickEvents=clicks.csv.\n");
  });

  it('-o into a directory that does not exist: exit 2', async () => {
    const path = join(tmp, 'missing-dir', 'out.csv');
    const r = await cli(['run', 'print 1', '-o', path]);
    expect(r).toEqual({ code: 2, out: '', err: `Usage error: -o: cannot write '${path}' (ENOENT).\n` });
  });

  it('--debug adds the stack trace to a positioned error', async () => {
    const r = await cli(['run', 'print x', '--debug']);
    expect(r.code).toBe(1);
    expect(r.err.startsWith("Semantic error at query:1:7: Unknown column 'x'.\n  1 | print x\n    |       ^\nSemanticError: ")).toBe(true);
    expect(r.err).toMatch(/\n\s+at /);
  });

  it('an unknown option: exit 2', async () => {
    const r = await cli(['run', 'print 1', '--bogus']);
    expect(r.code).toBe(2);
    expect(r.err).toContain("unknown option '--bogus'");
  });
});

describe('help', () => {
  it('--help exits 0 and mentions run and check', async () => {
    const r = await cli(['--help']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/\n {2}run \[options\] \[query\]/);
    expect(r.out).toMatch(/\n {2}check \[options\] \[query\]/);
    expect(r.err).toBe('');
  });

  it('run --help lists the options of run', async () => {
    const r = await cli(['run', '--help']);
    expect(r.code).toBe(0);
    for (const opt of ['--file', '--table', '--now', '--format', '--output']) expect(r.out).toContain(opt);
  });
});
