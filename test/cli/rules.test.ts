/** Rule files (Azure-Sentinel style YAML) as query input, and `kql check FOLDER`. */
import { describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';

const RULES = 'test/fixtures/rules';
const ACTIONS = 'UrlClickEvents=test/fixtures/seed/actions.csv';


describe('rule files as input', () => {
  it('kql run RULE.yaml runs its query and names the rule on stderr', async () => {
    const r = await cli(['run', `${RULES}/print.yaml`]);
    expect(r).toEqual({
      code: 0,
      out: 'x  s\n-  -\n1  a\n\n1 row\n',
      err: 'Rule: Print a constant (0a1b2c3d-0000-4000-8000-000000000005)\n',
    });
  });

  it('kql run -f RULE.yml works the same', async () => {
    const r = await cli(['run', '-f', `${RULES}/print.yaml`, '--format', 'csv']);
    expect(r).toEqual({ code: 0, out: 'x,s\n1,a\n', err: 'Rule: Print a constant (0a1b2c3d-0000-4000-8000-000000000005)\n' });
  });

  it('kql check RULE.yaml with -t prints the schema', async () => {
    const r = await cli(['check', `${RULES}/folder/clicks-by-action.yaml`, '-t', ACTIONS, '--format', 'json']);
    expect(r.err).toBe('Rule: URL click count by click action (0a1b2c3d-0000-4000-8000-000000000001)\n');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toEqual({ columns: [{ name: 'ActionType', type: 'string' }, { name: 'Clicks', type: 'long' }] });
  });

  it('a syntax error points into the query text, named after the rule file', async () => {
    const r = await cli(['run', `${RULES}/syntax-error.yaml`]);
    expect(r.code).toBe(1);
    expect(r.err).toBe(
      'Rule: Syntax error (0a1b2c3d-0000-4000-8000-000000000006)\n'
      + `Syntax error at ${RULES}/syntax-error.yaml:2:12: Expected an expression, found end of query.\n`
      + '  2 | | where x >\n'
      + '    |            ^\n',
    );
  });

  it('a rule without a query field: input error naming the file, exit 2', async () => {
    const r = await cli(['check', `${RULES}/no-query.yaml`]);
    expect(r).toEqual({ code: 2, out: '', err: `Input error: ${RULES}/no-query.yaml: the rule has no \`query\` field.\n` });
  });

  it('invalid YAML: input error naming the file and the line, exit 2', async () => {
    const r = await cli(['run', '-f', `${RULES}/invalid.yaml`]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(new RegExp(`^Input error: ${RULES}/invalid\\.yaml:5: invalid YAML: `));
  });

  it('a missing .yaml given with -f: input error', async () => {
    const r = await cli(['run', '-f', `${RULES}/nope.yaml`]);
    expect(r).toEqual({ code: 2, out: '', err: `Input error: ${RULES}/nope.yaml: cannot read the rule file: no such file.\n` });
  });

  it('a query argument that is not an existing file stays query text', async () => {
    const r = await cli(['run', 'print a = "x.yaml"', '--format', 'csv']);
    expect(r).toEqual({ code: 0, out: 'a\nx.yaml\n', err: '' });
  });
});

describe('kql check FOLDER', () => {
  const F = `${RULES}/folder`;
  const LINES = [
    `OK   ${F}/clicks-by-action.yaml    (2 columns)`,
    `OK   ${F}/sub/signin-failures.yml  (3 columns)`,
    `FAIL ${F}/unknown-column.yaml      Semantic error at ${F}/unknown-column.yaml:3:16: Unknown column 'NoSuchColumn'.`,
    '2 passed, 1 failed',
  ];

  it('without -t: every built-in table bound empty (Sentinel flavour for TimeGenerated rules); exit 1 on a failure', async () => {
    const r = await cli(['check', F]);
    expect(r).toEqual({ code: 1, out: LINES.join('\n') + '\n', err: '' });
  });

  it('with -f and -t bindings', async () => {
    const r = await cli(['check', '-f', F, '-t', ACTIONS]);
    expect(r).toEqual({ code: 1, out: LINES.join('\n') + '\n', err: '' });
  });

  it('all passing: exit 0', async () => {
    const r = await cli(['check', `${F}/sub`]);
    expect(r).toEqual({ code: 0, out: `OK   ${F}/sub/signin-failures.yml  (3 columns)\n1 passed, 0 failed\n`, err: '' });
  });

  it('a bound table replaces the built-in ones: other tables are unknown', async () => {
    const r = await cli(['check', `${F}/sub`, '-t', 'EmailEvents=test/fixtures/seed/actions.csv']);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/^FAIL .*signin-failures\.yml  Semantic error at .*:1:1: Unknown table 'UrlClickEvents'/);
    expect(r.out.endsWith('0 passed, 1 failed\n')).toBe(true);
  });

  it('files that are not rules fail with their reason', async () => {
    const r = await cli(['check', RULES]);
    expect(r.code).toBe(1);
    expect(r.out).toContain(`FAIL ${RULES}/no-query.yaml                   Input error: ${RULES}/no-query.yaml: the rule has no \`query\` field.\n`);
    expect(r.out).toContain(`FAIL ${RULES}/invalid.yaml                    Input error: ${RULES}/invalid.yaml:5: invalid YAML: `);
    expect(r.out).toContain(`OK   ${RULES}/print.yaml                      (2 columns)\n`);
    expect(r.out.endsWith('3 passed, 4 failed\n')).toBe(true);
  });

  it('--format json: one document with each file and the counts', async () => {
    const r = await cli(['check', `${F}/sub`, '--format', 'json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toEqual({
      files: [{
        path: `${F}/sub/signin-failures.yml`,
        ok: true,
        columns: [{ name: 'AccountUpn', type: 'string' }, { name: 'TimeGenerated', type: 'datetime' }, { name: 'Clicks', type: 'long' }],
      }],
      passed: 1,
      failed: 0,
    });
  });
});
