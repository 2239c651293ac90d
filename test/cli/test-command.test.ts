/** `kql test`: *.kqltest.yaml cases, their diffs, the summary and --update. */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';
import { parseXml, type XmlElement } from '../helpers/xml.js';

const TESTS = 'test/fixtures/rules/tests';
const tmp = mkdtempSync(join(tmpdir(), 'kql-test-cmd-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));


const INLINE = `# kept comment
name: inline table
tables:
  T:
    columns: ["Name:string", "Size:long"]
    rows:
      - ["a", 3]
      - ["b", 1]
query: T | extend Big = Size > 2 | order by Name asc
expect:
  columns: ["Name:string", "Size:long", "Big:bool"]
  rows:
    - ["a", 3, false]
    - ["b", 1, false]
    - ["c", 0, false]
  ordered: true
`;

describe('kql test', () => {
  it('a folder: every case passes (file tables, inline rows, error expectation, rule file); exit 0', async () => {
    const r = await cli(['test', TESTS]);
    const f = `${TESTS}/clicks.kqltest.yaml`;
    expect(r).toEqual({
      code: 0,
      out: `PASS ${f}[1] clicks by action (file table, unordered)\n`
        + `PASS ${f}[2] inline rows, ordered\n`
        + `PASS ${f}[3] an expected error\n`
        + `PASS ${f}[4] the rule file's query\n`
        + '4 passed, 0 failed\n',
      err: '',
    });
  });

  it('a failing ordered case: a row diff and the summary; exit 1', async () => {
    const file = join(tmp, 'fail.kqltest.yaml');
    writeFileSync(file, INLINE);
    const r = await cli(['test', file]);
    expect(r).toEqual({
      code: 1,
      out: `FAIL ${file} inline table\n`
        + '  - row 1: ["a",3,false]\n'
        + '  + row 1: ["a",3,true]\n'
        + '  - row 3: ["c",0,false]\n'
        + '  (expected 3 rows, got 2; - expected, + actual)\n'
        + '0 passed, 1 failed\n',
      err: '',
    });
  });

  it('unordered rows, wrong columns and a missed error expectation', async () => {
    const file = join(tmp, 'many.kqltest.yaml');
    writeFileSync(file, `- name: unordered
  query: range x from 1 to 3 step 1
  expect:
    columns: ["x:long"]
    rows: [[3], [1], [2]]
- name: columns
  query: print a = 1
  expect:
    columns: ["b:long"]
- name: error expected
  query: print a = 1
  expect:
    error: Unknown column
`);
    const r = await cli(['test', file]);
    expect(r.code).toBe(1);
    expect(r.out).toBe(
      `PASS ${file}[1] unordered\n`
      + `FAIL ${file}[2] columns\n`
      + '  columns: expected ["b:long"]\n'
      + '           actual   ["a:long"]\n'
      + `FAIL ${file}[3] error expected\n`
      + "  expected an error containing 'Unknown column', but the query succeeded\n"
      + '1 passed, 2 failed\n',
    );
  });

  it('--update rewrites the expectation, keeps the rest of the file, and then the case passes', async () => {
    const file = join(tmp, 'update.kqltest.yaml');
    writeFileSync(file, INLINE);
    const u = await cli(['test', '--update', file]);
    expect(u).toEqual({ code: 0, out: `UPDATED ${file} inline table\n1 passed, 0 failed\n`, err: '' });
    const text = readFileSync(file, 'utf8');
    expect(text.startsWith('# kept comment\nname: inline table\n')).toBe(true);
    expect(text).toContain('expect:\n  columns: [ Name:string, Size:long, Big:bool ]\n  rows:\n    - [ a, 3, true ]\n    - [ b, 1, false ]\n  ordered: true\n');
    const r = await cli(['test', file]);
    expect(r).toEqual({ code: 0, out: `PASS ${file} inline table\n1 passed, 0 failed\n`, err: '' });
  });

  it('query_file: the query read from a file relative to the test file; a missing one fails its case', async () => {
    writeFileSync(join(tmp, 'three.kql'), 'range x from 1 to 3 step 1\n| where x > 1');
    const file = join(tmp, 'query-file.kqltest.yaml');
    writeFileSync(file, `- name: read
  query_file: three.kql
  expect:
    rows: [[2], [3]]
- name: missing
  query_file: none.kql
  expect:
    rows: []
`);
    const r = await cli(['test', file]);
    expect(r.code).toBe(1);
    expect(r.out).toBe(
      `PASS ${file}[1] read\n`
      + `FAIL ${file}[2] missing\n`
      + `  Input error: ${join(tmp, 'none.kql')}: cannot read the query file: no such file.\n`
      + '1 passed, 1 failed\n',
    );
  });

  it('invalid YAML in a test file: input error with the line, exit 2', async () => {
    const file = join(tmp, 'bad.kqltest.yaml');
    writeFileSync(file, 'name: x\nquery: [print 1\n');
    const r = await cli(['test', file]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(new RegExp(`^Input error: ${file.replace(/[.]/g, '\\.')}:\\d+: invalid YAML: `));
  });
});

describe('kql test --reporter junit', () => {
  const MIXED = `- name: passes
  query: print a = 1
  expect:
    rows: [[1]]
- name: differs <&"quoted">
  query: print a = 2
  expect:
    rows: [[1]]
- name: cannot run
  query_file: none.kql
  expect:
    rows: []
`;
  const child = (el: XmlElement, name: string): XmlElement[] => el.children.filter((c) => c.name === name);

  it('one suite per file, a testcase per case: failures carry the diff, errors the message; exit 1', async () => {
    const file = join(tmp, 'mixed.kqltest.yaml');
    writeFileSync(file, MIXED);
    const r = await cli(['test', '--reporter', 'junit', file]);
    expect(r.code).toBe(1);
    expect(r.err).toBe('');
    expect(r.out.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<testsuites ')).toBe(true);
    const root = parseXml(r.out);
    expect(root.name).toBe('testsuites');
    expect(root.attributes).toMatchObject({ tests: '3', failures: '1', errors: '1', skipped: '0' });
    const [suite] = child(root, 'testsuite');
    expect(suite.attributes).toMatchObject({ name: file, tests: '3', failures: '1', errors: '1' });
    const cases = child(suite, 'testcase');
    expect(cases.map((c) => c.attributes.name)).toEqual(['passes', 'differs <&"quoted">', 'cannot run']);
    expect(cases.map((c) => c.attributes.classname)).toEqual([file, file, file]);
    for (const c of [root, suite, ...cases]) expect(c.attributes.time).toMatch(/^\d+\.\d{3}$/);
    expect(cases[0].children).toEqual([]);
    const [failure] = child(cases[1], 'failure');
    expect(failure.attributes.message).toBe('- [1]');
    expect(failure.text).toBe('- [1]\n+ [2]\n(expected 1 row, got 1; - expected, + actual)');
    const [error] = child(cases[2], 'error');
    const message = `Input error: ${join(tmp, 'none.kql')}: cannot read the query file: no such file.`;
    expect(error.attributes.message).toBe(message);
    expect(error.text).toBe(message);
  });

  it('a passing folder: only the XML on stdout, with the counts; exit 0', async () => {
    const r = await cli(['test', TESTS, '--reporter', 'junit']);
    expect(r.code).toBe(0);
    const root = parseXml(r.out);
    expect(root.attributes).toMatchObject({ tests: '4', failures: '0', errors: '0' });
    const suites = child(root, 'testsuite');
    expect(suites.map((s) => s.attributes.name)).toEqual([`${TESTS}/clicks.kqltest.yaml`]);
    expect(child(suites[0], 'testcase').every((c) => c.children.length === 0)).toBe(true);
  });

  it.each([
    ['junit', (text: string) => expect(parseXml(text).attributes.tests).toBe('3')],
    ['default', (text: string) => expect(text.split('\n').slice(-2)).toEqual(['1 passed, 2 failed', ''])],
  ])('-o PATH writes the %s report to the file, nothing to stdout', async (reporter, check) => {
    const file = join(tmp, 'mixed.kqltest.yaml');
    writeFileSync(file, MIXED);
    const report = join(tmp, `report-${reporter}.txt`);
    const r = await cli(['test', file, '--reporter', reporter, '-o', report]);
    expect(r).toEqual({ code: 1, out: '', err: '' });
    check(readFileSync(report, 'utf8'));
  });

  it('an unknown reporter: usage error, exit 2', async () => {
    const r = await cli(['test', TESTS, '--reporter', 'tap']);
    expect(r).toEqual({ code: 2, out: '', err: "Usage error: --reporter 'tap': expected one of default, junit.\n" });
  });
});
