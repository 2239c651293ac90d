/** The JUnit XML writer: escaping and counts, read back by a strict XML reader. */
import { describe, expect, it } from 'vitest';
import { junitReport, type CaseResult } from '../../src/cli/junit.js';
import { parseXml } from '../helpers/xml.js';

const result = (over: Partial<CaseResult>): CaseResult => ({ file: 'a.kqltest.yaml', name: 'c', status: 'passed', lines: [], seconds: 0, ...over });

describe('junitReport', () => {
  it.each([
    ['markup characters', 'a < b && c > "d" \'e\'', 'a < b && c > "d" \'e\''],
    ['control characters XML 1.0 forbids become U+FFFD', 'bell\u0007 nul\u0000', 'bell\ufffd nul\ufffd'],
    ['tabs and line breaks stay', 'x\ty\nz', 'x\ty\nz'],
  ])('%s round-trip through name, message and body', (_, text, read) => {
    const root = parseXml(junitReport(['a.kqltest.yaml'], [result({ name: text, status: 'failed', lines: [text, 'second'] })]));
    const testcase = root.children[0].children[0];
    expect(testcase.attributes.name).toBe(read);
    expect(testcase.children[0].attributes.message).toBe(read);
    expect(testcase.children[0].text).toBe(`${read}\nsecond`);
  });

  it('counts per suite and in total; a file without cases has an empty suite; an updated case passes', () => {
    const root = parseXml(junitReport(['a.kqltest.yaml', 'b.kqltest.yaml', 'empty.kqltest.yaml'], [
      result({ status: 'passed', seconds: 0.25 }),
      result({ status: 'updated', seconds: 0.5 }),
      result({ file: 'b.kqltest.yaml', status: 'failed', lines: ['- [1]'], seconds: 1 }),
      result({ file: 'b.kqltest.yaml', status: 'error', lines: ['Input error: x'], seconds: 0.125 }),
    ]));
    expect(root.attributes).toEqual({ name: 'kql test', tests: '4', failures: '1', errors: '1', skipped: '0', time: '1.875' });
    expect(root.children.map((s) => [s.attributes.name, s.attributes.tests, s.attributes.failures, s.attributes.errors, s.attributes.time]))
      .toEqual([['a.kqltest.yaml', '2', '0', '0', '0.750'], ['b.kqltest.yaml', '2', '1', '1', '1.125'], ['empty.kqltest.yaml', '0', '0', '0', '0.000']]);
    expect(root.children[0].children[1].children.map((c) => [c.name, c.text])).toEqual([['system-out', 'updated the expectation']]);
    expect(root.children[1].children.map((c) => c.children[0].name)).toEqual(['failure', 'error']);
  });
});
