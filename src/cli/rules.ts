/**
 * Azure-Sentinel style rule files (hunting queries and analytic rules, YAML) as query input, and the
 * empty built-in tables that let a rule be checked without data.
 */
import { statSync } from 'node:fs';
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { yaml } from './yaml.js';
import type { Table } from '../engine/batch.js';
import { InputError } from '../engine/errors.js';
import { BUILTIN_SCHEMAS } from '../engine/io/builtin-schemas.js';
import { builtinSchemaFor } from '../engine/io/index.js';
import { checkQuery } from '../engine/run.js';
import type { CheckOptions } from './check.js';
import { describeError, errorJson, type QuerySource } from './errors.js';
import { bindTables, tableSources, withTimeColumnHint } from './inputs.js';
import type { CliIo } from './run-cli.js';

export interface Rule {
  /** The file the rule came from. */
  readonly path: string;
  readonly query: string;
  readonly name?: string;
  readonly id?: string;
  /** An analytic rule's look-back, as written (`14d`); applied only with --use-query-period. */
  readonly queryPeriod?: string;
}

/** Whether PATH names an existing `.yaml`/`.yml` file (a rule file rather than query text). */
export function isRuleFile(path: string): boolean {
  if (!/\.ya?ml$/i.test(path)) return false;
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

export function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** Parses YAML text, throwing an InputError naming FILE and the line of the first problem. */
export function parseYaml(text: string, file: string): unknown {
  const { LineCounter, parseDocument } = yaml();
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  const error = doc.errors[0];
  if (error) {
    const line = lineCounter.linePos(error.pos[0]).line;
    const message = error.message.split('\n')[0].replace(/ at line \d+, column \d+.*$/, '');
    throw new InputError(`invalid YAML: ${message}`, file, line);
  }
  return doc.toJS();
}

/** The text of an input file; an unreadable one is an input error naming WHAT it is ("rule file", …). */
export async function readInputText(path: string, what: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new InputError(`cannot read the ${what}${code === 'ENOENT' ? ': no such file' : ` (${code})`}.`, path);
  }
}

/** Reads a rule file: its `query` (required), `name` and `id`. */
export async function readRule(path: string): Promise<Rule> {
  return ruleOf(parseYaml(await readInputText(path, 'rule file'), path), path);
}

export function ruleOf(doc: unknown, path: string): Rule {
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) {
    throw new InputError('not a rule file: expected a YAML mapping with a `query` field.', path);
  }
  const rec = doc as Record<string, unknown>;
  if (typeof rec.query !== 'string' || rec.query.trim() === '') {
    throw new InputError(rec.query === undefined ? 'the rule has no `query` field.' : 'the rule\'s `query` field is not query text.', path);
  }
  const str = (v: unknown): string | undefined => (typeof v === 'string' || typeof v === 'number' ? String(v) : undefined);
  return { path, query: rec.query, name: str(rec.name), id: str(rec.id), queryPeriod: str(rec.queryPeriod) };
}

/** `Rule: <name> (<id>)`, the line printed on stderr when a rule file is read. */
export function ruleBanner(rule: Rule): string {
  return `Rule: ${rule.name ?? '(no name)'}${rule.id !== undefined ? ` (${rule.id})` : ''}`;
}

/** The `.yaml`/`.yml` files under DIR (recursively), sorted. */
export async function ruleFilesIn(dir: string): Promise<string[]> {
  const out: string[] = [];
  const walk = async (d: string): Promise<void> => {
    const entries = await readdir(d, { withFileTypes: true });
    for (const e of entries) {
      const p = join(d, e.name);
      if (e.isDirectory()) await walk(p);
      else if (e.isFile() && /\.ya?ml$/i.test(e.name) && !/\.kqltest\.ya?ml$/i.test(e.name)) out.push(p);
    }
  };
  await walk(dir);
  return out.sort();
}

/**
 * Every table with a built-in schema, as an empty table. For tables with a Defender XDR and a Sentinel
 * flavour, the one fitting the names the query uses (`TimeGenerated` without `Timestamp` → Sentinel).
 */
export function emptyBuiltinTables(query: string): Record<string, Table> {
  const names = [...new Set(query.match(/[A-Za-z_][A-Za-z0-9_]*/g) ?? [])];
  const out: Record<string, Table> = {};
  for (const table of BUILTIN_SCHEMAS.keys()) {
    const schema = builtinSchemaFor(table, names);
    if (schema) out[table] = { schema, batches: [] };
  }
  return out;
}

/** `kql check FOLDER`: one line per rule file, then `N passed, M failed`; 1 when any fails. */
export async function checkFolder(dir: string, opts: CheckOptions, json: boolean, io: CliIo): Promise<number> {
  const paths = await bindTables(opts.table);
  const bound = Object.keys(paths).length > 0;
  const files = await ruleFilesIn(dir);
  const width = Math.max(0, ...files.map((f) => f.length));
  const results: Record<string, unknown>[] = [];
  let passed = 0;
  let failed = 0;
  for (const file of files) {
    let source: QuerySource | undefined;
    try {
      const rule = await readRule(file);
      source = { text: rule.query, name: file };
      const tables = bound
        ? await tableSources(paths, opts, (m) => io.stderr(`warning: ${m}\n`), rule.query)
        : emptyBuiltinTables(rule.query);
      const checked = await checkQuery(rule.query, { tables }).catch(async (e) => {
        throw await withTimeColumnHint(e, tables);
      });
      const columns = checked[checked.length - 1].schema;
      passed++;
      if (json) results.push({ path: file, ok: true, columns: columns.map((f) => ({ name: f.name, type: f.type })) });
      else io.stdout(`OK   ${file.padEnd(width)}  (${columns.length} column${columns.length === 1 ? '' : 's'})\n`);
    } catch (e) {
      failed++;
      if (json) results.push({ path: file, ok: false, error: errorJson(e, source) });
      else io.stdout(`FAIL ${file.padEnd(width)}  ${describeError(e, source, false).split('\n')[0]}\n`);
      if (opts.debug) io.stderr(describeError(e, source, true) + '\n');
    }
  }
  if (json) io.stdout(JSON.stringify({ files: results, passed, failed }) + '\n');
  else io.stdout(`${passed} passed, ${failed} failed\n`);
  return failed > 0 ? 1 : 0;
}
