/**
 * The JUnit XML report of `kql test --reporter junit`: one <testsuite> per test file, one <testcase> per
 * case; a result that differs is a <failure>, a case that could not run (unreadable table, missing
 * query) an <error>, each with the readable diff or message as its body.
 */

export type CaseStatus = 'passed' | 'updated' | 'failed' | 'error';

export interface CaseResult {
  readonly file: string;
  readonly name: string;
  readonly status: CaseStatus;
  /** The diff (failed) or the error message (error), one entry a line. */
  readonly lines: readonly string[];
  readonly seconds: number;
}

// XML 1.0 forbids most control characters even as references; they become U+FFFD.
const escapeXml = (s: string): string => s
  .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '\ufffd')
  .replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
  .replace(/"/g, '&quot;').replace(/'/g, '&apos;');

// Parsers turn a raw tab or line break in an attribute into a space; a character reference keeps it.
const escapeAttribute = (s: string): string => escapeXml(s).replace(/[\t\n\r]/g, (c) => `&#${c.charCodeAt(0)};`);

const seconds = (s: number): string => s.toFixed(3);

interface Counts { tests: number; failures: number; errors: number; time: number }

function countsOf(results: readonly CaseResult[]): Counts {
  return {
    tests: results.length,
    failures: results.filter((r) => r.status === 'failed').length,
    errors: results.filter((r) => r.status === 'error').length,
    time: results.reduce((t, r) => t + r.seconds, 0),
  };
}

const countAttributes = (c: Counts): string =>
  `tests="${c.tests}" failures="${c.failures}" errors="${c.errors}" skipped="0" time="${seconds(c.time)}"`;

function testcase(r: CaseResult): string {
  const open = `    <testcase name="${escapeAttribute(r.name)}" classname="${escapeAttribute(r.file)}" time="${seconds(r.seconds)}"`;
  if (r.status === 'passed') return `${open}/>\n`;
  if (r.status === 'updated') return `${open}>\n      <system-out>updated the expectation</system-out>\n    </testcase>\n`;
  const tag = r.status === 'failed' ? 'failure' : 'error';
  const message = escapeAttribute(r.lines[0] ?? '');
  return `${open}>\n      <${tag} message="${message}" type="${r.status === 'failed' ? 'mismatch' : 'error'}">`
    + `${escapeXml(r.lines.join('\n'))}</${tag}>\n    </testcase>\n`;
}

/** The whole report; FILES lists every test file in order, so a file without cases still has its suite. */
export function junitReport(files: readonly string[], results: readonly CaseResult[]): string {
  let xml = '<?xml version="1.0" encoding="UTF-8"?>\n';
  xml += `<testsuites name="kql test" ${countAttributes(countsOf(results))}>\n`;
  for (const file of files) {
    const cases = results.filter((r) => r.file === file);
    xml += `  <testsuite name="${escapeAttribute(file)}" ${countAttributes(countsOf(cases))}>\n`;
    xml += cases.map(testcase).join('');
    xml += '  </testsuite>\n';
  }
  return xml + '</testsuites>\n';
}
