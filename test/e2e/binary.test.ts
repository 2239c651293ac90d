/**
 * Smoke tests of the built binary (`npm test` builds first): the README's first command, and a syntax
 * error that must exit 1 without a stack trace.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const CLI = 'dist/kql.mjs';

function kql(args: string[], input?: string): { status: number | null; stdout: string; stderr: string } {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: build first (npm test runs "npm run build")`);
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', input, timeout: 30_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('the built binary', () => {
  it("runs the README's first command: exit 0, a one-row table rendered as a timechart", () => {
    const r = kql([
      'run', '-f', 'fixtures/queries/malicious-clicks-allowed.kql',
      '-t', 'UrlClickEvents=fixtures/tables/UrlClickEvents.csv', '--now', '2026-07-20T12:00:00Z',
    ]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toMatch(/^Count\s+Timestamp$/);
    expect(lines[1]).toMatch(/^-+ {2}-+$/);
    // 2026-07-20T12:00 → bins from startofday(ago(30d)) = 2026-06-20 (see the first axis value).
    expect(lines[2]).toContain('["2026-06-20T00:00:00.0000000Z"');
    expect(r.stdout).toContain('\n1 row\n');
    expect(r.stdout.endsWith('render: timechart\n')).toBe(true);
  });

  it('reads the query from standard input and writes json', () => {
    const r = kql(['run', '-t', 'UrlClickEvents=test/fixtures/seed/actions.csv', '--format', 'json'], 'UrlClickEvents | count');
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('{"tables":[{"name":"PrimaryResult","columns":[{"name":"Count","type":"long"}],"rows":[[7]]}]}\n');
  });

  it('a syntax error exits 1 with a positioned message and no stack trace', () => {
    const r = kql(['run', 'UrlClickEvents | where', '-t', 'UrlClickEvents=fixtures/tables/UrlClickEvents.csv']);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe([
      'Syntax error at query:1:23: Expected an expression, found end of query.',
      '  1 | UrlClickEvents | where',
      `    | ${' '.repeat(22)}^`,
      '',
    ].join('\n'));
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});
