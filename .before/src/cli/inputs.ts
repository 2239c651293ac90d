/** Options shared by commands: where the query comes from and which files back which tables. */
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { UsageError } from '../engine/errors.js';
import type { QuerySource } from './errors.js';
import type { CliIo } from './run-cli.js';

export async function readQuery(query: string | undefined, file: string | undefined, io: CliIo): Promise<QuerySource> {
  if (query !== undefined && file !== undefined) {
    throw new UsageError('give the query either as an argument or with --file, not both.');
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
