/** Options shared by commands: where the query comes from and which files back which tables. */
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import type { FileSource, TableInput } from '../engine/prepare.js';
import { InputError, SemanticError, UsageError } from '../engine/errors.js';
import {
  readSchemaFile, readTableInfo, readTableSchema, zoneConverter, type LoadOptions,
} from '../engine/io/index.js';
import type { QuerySource } from './errors.js';
import { isRuleFile, readRule, ruleBanner, type Rule } from './rules.js';
import type { CliIo } from './run-cli.js';

/** The query text and its source name; `rule` when it came from a rule file. */
export async function readQuery(
  query: string | undefined, file: string | undefined, io: CliIo,
): Promise<QuerySource & { readonly rule?: Rule }> {
  if (query !== undefined && file !== undefined) {
    throw new UsageError('give the query either as an argument or with --file, not both.');
  }
  // A rule file (.yaml/.yml, as an argument or with --file): its `query` field, named after the file.
  const rulePath = file !== undefined ? (/\.ya?ml$/i.test(file) ? file : undefined) : query !== undefined && isRuleFile(query) ? query : undefined;
  if (rulePath !== undefined) {
    const rule = await readRule(rulePath);
    io.stderr(ruleBanner(rule) + '\n');
    return { text: rule.query, name: rulePath, rule };
  }
  if (file !== undefined) {
    try {
      return { text: await readFile(file, 'utf8'), name: file };
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      throw new UsageError(`cannot read the query file '${file}'${code === 'ENOENT' ? ': no such file' : ` (${code})`}.`);
    }
  }
  if (query !== undefined) return { text: query, name: 'query' };
  if (io.stdinIsTTY) {
    throw new UsageError('no query given: pass it as an argument, with --file PATH, or on standard input.');
  }
  return { text: await io.readStdin(), name: 'stdin' };
}

/**
 * `-t NAME=PATH` bindings. A bare PATH binds the table named by the file's name
 * (`UrlClickEvents.csv` → UrlClickEvents).
 */
export function parseTableBindings(specs: readonly string[]): Record<string, string> {
  const tables: Record<string, string> = {};
  for (const spec of specs) {
    const eq = spec.indexOf('=');
    const name = eq > 0 ? spec.slice(0, eq) : basename(spec).replace(/\..*$/, '');
    const path = eq > 0 ? spec.slice(eq + 1) : spec;
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name) || path === '') {
      throw new UsageError(`-t '${spec}': expected NAME=PATH, for example -t UrlClickEvents=clicks.csv.`);
    }
    if (tables[name] !== undefined) throw new UsageError(`-t: the table '${name}' is bound twice.`);
    tables[name] = path;
  }
  return tables;
}

export function requireChoice<T extends string>(option: string, value: string, choices: readonly T[]): T {
  if (!(choices as readonly string[]).includes(value)) {
    throw new UsageError(`${option} '${value}': expected one of ${choices.join(', ')}.`);
  }
  return value as T;
}

/** The options of `run`, `check` and `schema` that say how data files are read. */
export interface DataOptions {
  readonly schema?: string;
  readonly alias?: readonly string[];
  readonly dateOrder?: string;
  readonly tz?: string;
  readonly skipBadRows?: boolean;
}

/** The load options the data options give, with warnings going to stderr (`warning: FILE: …`). */
export async function loadOptionsOf(opts: DataOptions): Promise<LoadOptions> {
  const aliases: Record<string, string> = {};
  for (const spec of opts.alias ?? []) {
    const m = /^([A-Za-z_][A-Za-z0-9_]*)=([A-Za-z_][A-Za-z0-9_]*)$/.exec(spec);
    if (!m) throw new UsageError(`--alias '${spec}': expected NEW=OLD, for example --alias Timestamp=TimeGenerated.`);
    if (aliases[m[1]] !== undefined) throw new UsageError(`--alias: '${m[1]}' is given twice.`);
    aliases[m[1]] = m[2];
  }
  if (opts.tz !== undefined) zoneConverter(opts.tz); // refuses a bad zone now, as a usage error
  return {
    schema: opts.schema !== undefined ? await readSchemaFile(opts.schema) : undefined,
    aliases: Object.keys(aliases).length > 0 ? aliases : undefined,
    dateOrder: opts.dateOrder !== undefined ? requireChoice('--date-order', opts.dateOrder, ['dmy', 'mdy'] as const) : undefined,
    timeZone: opts.tz,
    skipBadRows: opts.skipBadRows,
  };
}

/** Whether the files must be loaded by the CLI (with these options) rather than by the engine from their paths. */
/**
 * `-t` bindings, where a bare PATH names the table its Streaming API records name (`category`), else the
 * file's name.
 */
export async function bindTables(specs: readonly string[]): Promise<Record<string, string>> {
  const named: string[] = [];
  for (const spec of specs) {
    if (spec.indexOf('=') > 0) {
      named.push(spec);
      continue;
    }
    let table: string | undefined;
    try {
      table = (await readTableInfo(spec)).table;
    } catch (e) {
      // A file that cannot be read is reported now; other errors (a bad path) by the binding's checks.
      if (e instanceof InputError && (e.line !== undefined || !/no such file/.test(e.message))) throw e;
    }
    named.push(table !== undefined ? `${table}=${spec}` : spec);
  }
  return parseTableBindings(named);
}

/**
 * What the engine reads for each table: the path (the engine then loads only the columns the query needs),
 * or, when options change how files are read, the table loaded here. Warnings go to `warn`, prefixed by the file.
 */
export async function tableSources(
  paths: Readonly<Record<string, string>>, opts: DataOptions, warn: (message: string) => void, query: string,
): Promise<Record<string, FileSource>> {
  const base = await loadOptionsOf(opts);
  // Schema columns the file lacks are worth a warning when the query names them.
  const warnColumns = [...new Set(query.match(/[A-Za-z_][A-Za-z0-9_]*/g) ?? [])];
  const once = warnOnce(warn);
  return Object.fromEntries(Object.entries(paths).map(([name, path]) =>
    [name, { path, options: { ...base, tableName: name, warn: (m: string) => once(`${path}: ${m}`), warnColumns } }]));
}

/** Reading a file's schema and then its rows may find the same thing to say: this says each thing once. */
export function warnOnce(warn: (message: string) => void): (message: string) => void {
  const said = new Set<string>();
  return (m) => {
    if (!said.has(m)) warn(m);
    said.add(m);
  };
}

/**
 * An unknown `Timestamp` where the data has `TimeGenerated` (Sentinel exports), or the other way round:
 * the error with how to map one to the other.
 */
export async function withTimeColumnHint(e: unknown, sources: Readonly<Record<string, TableInput>>): Promise<unknown> {
  if (!(e instanceof SemanticError) || e.code !== 'UNKNOWN_COLUMN') return e;
  const missing = /^Unknown column '([^']*)'/.exec(e.message)?.[1];
  const other = missing === 'Timestamp' ? 'TimeGenerated' : missing === 'TimeGenerated' ? 'Timestamp' : undefined;
  if (!other) return e;
  for (const source of Object.values(sources)) {
    let names: string[];
    try {
      // The file's own columns (no table name: a built-in schema would add the missing one, empty).
      names = (typeof source === 'string' || 'path' in source ? await readTableSchema(typeof source === 'string' ? source : source.path) : source.schema)
        .map((f) => f.name);
    } catch {
      continue;
    }
    if (names.includes(other) && !names.includes(missing!)) {
      const kind = other === 'TimeGenerated' ? 'Sentinel / Log Analytics data' : 'Defender XDR data';
      return new SemanticError(
        `${e.message} The data has '${other}' instead (${kind}); to run the query on it, map one to the other with --alias ${missing}=${other}.`,
        e.span, e.code,
      );
    }
  }
  return e;
}
