/**
 * `kql test PATH...`: run the cases of `*.kqltest.yaml` files and compare the results with their
 * expectations (see the README, "Query tests"). `--update` rewrites the expectations from the actual results.
 */
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import type { Document, YAMLMap, YAMLSeq } from 'yaml';
import { yaml } from './yaml.js';
import type { Table } from '../engine/batch.js';
import { InputError, KqlError, UsageError } from '../engine/errors.js';
import { loadTable } from '../engine/io/index.js';
import { runQuery } from '../engine/run.js';
import { KQL_TYPES, type Field, type KqlType } from '../engine/types.js';
import { describeError } from './errors.js';
import { writeJson } from './output/json.js';
import { requireChoice } from './inputs.js';
import { junitReport, type CaseResult, type CaseStatus } from './junit.js';
import { isDirectory, parseYaml, readInputText, readRule } from './rules.js';
import type { CliIo } from './run-cli.js';

export interface TestOptions {
  readonly update?: boolean;
  readonly debug?: boolean;
  /** `default` (PASS/FAIL lines and diffs) or `junit` (JUnit XML for CI systems). */
  readonly reporter?: string;
  /** Write the report to this file instead of standard output. */
  readonly output?: string;
}

interface Expectation {
  readonly columns?: readonly string[];
  readonly rows?: readonly unknown[][];
  readonly ordered?: boolean;
  readonly error?: string;
}

interface Case {
  readonly name?: string;
  readonly now?: string;
  readonly tables?: Record<string, unknown>;
  readonly query?: string;
  readonly query_file?: string;
  readonly rule?: string;
  readonly expect?: Expectation;
}

interface Actual {
  readonly columns?: string[];
  readonly rows?: unknown[][];
  readonly error?: string;
}

/** The `*.kqltest.yaml` (or `.yml`) files named by PATHS: files as given, folders searched recursively. */
async function testFiles(paths: readonly string[]): Promise<string[]> {
  const out: string[] = [];
  const walk = async (d: string): Promise<void> => {
    const found: string[] = [];
    for (const e of await readdir(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) await walk(p);
      else if (e.isFile() && /\.kqltest\.ya?ml$/i.test(e.name)) found.push(p);
    }
    out.push(...found.sort());
  };
  for (const p of paths) {
    if (isDirectory(p)) await walk(p);
    else out.push(p);
  }
  return out;
}

function parseColumn(spec: unknown, where: string): Field {
  const m = typeof spec === 'string' ? /^\s*([A-Za-z_][A-Za-z0-9_]*)\s*:\s*([a-z]+)\s*$/.exec(spec) : null;
  if (!m || !(KQL_TYPES as readonly string[]).includes(m[2])) {
    throw new InputError(`${where}: column '${String(spec)}': expected NAME:TYPE, for example Url:string.`);
  }
  return { name: m[1], type: m[2] as KqlType } as Field;
}

/** A path named in a test file: absolute, or relative to the test file. */
const relativeTo = (file: string, spec: string): string => (isAbsolute(spec) ? spec : resolve(dirname(file), spec));

/** The tables of a case: a path (relative to the test file) or inline `{columns?, rows}`. */
async function caseTables(
  specs: Record<string, unknown>, file: string, tmp: string, where: string,
): Promise<Record<string, string | Table>> {
  const out: Record<string, string | Table> = {};
  for (const [name, spec] of Object.entries(specs)) {
    if (typeof spec === 'string') {
      out[name] = relativeTo(file, spec);
      continue;
    }
    const s = spec as { columns?: unknown; rows?: unknown } | null;
    if (!s || typeof s !== 'object' || !Array.isArray(s.rows)) {
      throw new InputError(`${where}: table '${name}': expected a file path or {columns: [...], rows: [...]}.`);
    }
    const schema = Array.isArray(s.columns) ? s.columns.map((c) => parseColumn(c, `${where}: table '${name}'`)) : undefined;
    const objects = s.rows.map((row) => {
      if (Array.isArray(row)) {
        if (!schema) throw new InputError(`${where}: table '${name}': rows given as lists need columns: ["Name:type", ...].`);
        return Object.fromEntries(schema.map((f, i) => [f.name, row[i] ?? null]));
      }
      return row;
    });
    const path = join(tmp, `${name}.jsonl`);
    await writeFile(path, objects.map((o) => JSON.stringify(o)).join('\n') + '\n');
    out[name] = schema ? await loadTable(path, { schema, tableName: name }) : path;
  }
  return out;
}

async function runCase(c: Case, file: string, tmp: string, where: string): Promise<Actual> {
  let query: string;
  if (c.rule !== undefined) {
    query = (await readRule(relativeTo(file, c.rule))).query;
  } else if (typeof c.query_file === 'string') {
    // A query file (a corpus .kql, say) is run as it is rather than copied into the case.
    query = await readInputText(relativeTo(file, c.query_file), 'query file');
  } else if (typeof c.query === 'string') {
    query = c.query;
  } else {
    throw new InputError(`${where}: the case needs a \`query\`, a \`query_file\` or a \`rule\`.`);
  }
  const tables = await caseTables(c.tables ?? {}, file, tmp, where);
  try {
    const results = await runQuery(query, { tables, now: c.now ?? '2000-01-01T00:00:00Z' });
    let text = '';
    writeJson(results, (s) => void (text += s));
    const doc = JSON.parse(text) as { tables: { columns: { name: string; type: string }[]; rows: unknown[][] }[] };
    const last = doc.tables[doc.tables.length - 1];
    return { columns: last.columns.map((col) => `${col.name}:${col.type}`), rows: last.rows };
  } catch (e) {
    if (e instanceof KqlError && e.phase !== 'usage' && e.phase !== 'input' && e.phase !== 'internal') {
      return { error: describeError(e, { text: query, name: where }, false) };
    }
    throw e;
  }
}

const key = (row: unknown): string => JSON.stringify(row);

/** The differences between expected and actual, as lines (empty when they agree). */
function compare(expect: Expectation, actual: Actual): string[] {
  if (expect.error !== undefined) {
    if (actual.error === undefined) return [`expected an error containing '${expect.error}', but the query succeeded`];
    return actual.error.includes(expect.error) ? [] : [`expected an error containing '${expect.error}', got:`, ...actual.error.split('\n').map((l) => `  ${l}`)];
  }
  if (actual.error !== undefined) return ['the query failed:', ...actual.error.split('\n').map((l) => `  ${l}`)];
  const diff: string[] = [];
  if (expect.columns !== undefined && key(expect.columns) !== key(actual.columns)) {
    diff.push(`columns: expected ${key(expect.columns)}`, `         actual   ${key(actual.columns)}`);
  }
  if (expect.rows !== undefined) {
    const want = expect.rows.map(key);
    const got = actual.rows!.map(key);
    if (expect.ordered) {
      for (let i = 0; i < Math.max(want.length, got.length); i++) {
        if (want[i] === got[i]) continue;
        if (want[i] !== undefined) diff.push(`- row ${i + 1}: ${want[i]}`);
        if (got[i] !== undefined) diff.push(`+ row ${i + 1}: ${got[i]}`);
      }
    } else {
      const remaining = [...got];
      const missing: string[] = [];
      for (const w of want) {
        const at = remaining.indexOf(w);
        if (at >= 0) remaining.splice(at, 1);
        else missing.push(w);
      }
      diff.push(...missing.map((m) => `- ${m}`), ...remaining.map((r) => `+ ${r}`));
    }
    if (diff.length > 0 || want.length !== got.length) diff.push(`(expected ${want.length} row${want.length === 1 ? '' : 's'}, got ${got.length}; - expected, + actual)`);
  }
  return diff;
}

/** The `expect` node --update writes: columns and rows in flow style (one row a line), or the error. */
function expectationNode(doc: Document, old: Expectation | undefined, actual: Actual): unknown {
  if (actual.error !== undefined) {
    const first = actual.error.split('\n')[0];
    return doc.createNode({ error: first.replace(/^[A-Za-z]+ error at [^:]*:\d+:\d+: /, '') });
  }
  const node = doc.createNode({ columns: actual.columns, rows: actual.rows, ...(old?.ordered !== undefined ? { ordered: old.ordered } : {}) }) as YAMLMap;
  (node.get('columns', true) as unknown as YAMLSeq).flow = true;
  for (const row of (node.get('rows', true) as unknown as YAMLSeq).items) (row as YAMLSeq).flow = true;
  return node;
}

const REPORTERS = ['default', 'junit'] as const;

export async function testCommand(paths: readonly string[], opts: TestOptions, io: CliIo): Promise<number> {
  if (paths.length === 0) throw new UsageError('kql test: give one or more .kqltest.yaml files or folders.');
  const reporter = requireChoice('--reporter', opts.reporter ?? 'default', REPORTERS);
  // Reports go to stdout as they come, or are gathered for --output; the human lines only with the default reporter.
  let report = '';
  const out = opts.output === undefined ? io.stdout : (s: string) => void (report += s);
  const human = reporter === 'default' ? out : () => {};
  const files = await testFiles(paths);
  const results: CaseResult[] = [];
  const tmp = await mkdtemp(join(tmpdir(), 'kql-test-'));
  try {
    for (const file of files) {
      const text = await readInputText(file, 'test file');
      const parsed = parseYaml(text, file);
      const list = Array.isArray(parsed) ? parsed : [parsed];
      const doc = opts.update ? yaml().parseDocument(text) : undefined;
      let changed = false;
      for (let i = 0; i < list.length; i++) {
        const c = (list[i] ?? {}) as Case;
        const label = `${file}${Array.isArray(parsed) ? `[${i + 1}]` : ''}${c.name ? ` ${c.name}` : ''}`;
        const where = `${file}${Array.isArray(parsed) ? `[${i + 1}]` : ''}`;
        const started = performance.now();
        let diff: string[];
        let status: CaseStatus;
        let actual: Actual | undefined;
        try {
          actual = await runCase(c, file, tmp, where);
          diff = c.expect ? compare(c.expect, actual) : ['the case has no `expect` (run with --update to record one)'];
          status = diff.length === 0 ? 'passed' : 'failed';
        } catch (e) {
          diff = describeError(e, undefined, !!opts.debug).split('\n');
          status = 'error';
        }
        if (doc && actual && diff.length > 0) {
          const path = Array.isArray(parsed) ? [i, 'expect'] : ['expect'];
          const container = Array.isArray(parsed) ? (doc.contents as YAMLSeq).get(i, true) : doc.contents;
          if (yaml().isMap(container)) {
            doc.setIn(path, expectationNode(doc, c.expect, actual));
            changed = true;
            status = 'updated';
          }
        }
        const name = c.name ?? `case ${i + 1}`;
        results.push({ file, name, status, lines: status === 'updated' ? [] : diff, seconds: (performance.now() - started) / 1000 });
        if (status === 'updated') human(`UPDATED ${label}\n`);
        else if (status === 'passed') human(`PASS ${label}\n`);
        else human(`FAIL ${label}\n${diff.map((l) => `  ${l}`).join('\n')}\n`);
      }
      if (doc && changed) await writeFile(file, String(doc));
    }
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
  const failed = results.filter((r) => r.status === 'failed' || r.status === 'error').length;
  human(`${results.length - failed} passed, ${failed} failed\n`);
  if (reporter === 'junit') out(junitReport(files, results));
  if (opts.output !== undefined) {
    try {
      await writeFile(opts.output, report);
    } catch (e) {
      throw new UsageError(`-o: cannot write '${opts.output}' (${(e as NodeJS.ErrnoException).code}).`);
    }
  }
  return failed > 0 ? 1 : 0;
}
