/**
 * Lookup of the built-in column lists (generated into builtin-schemas.ts). Several tables exist in two
 * flavours: Defender XDR advanced hunting (`Timestamp`) and Sentinel / Log Analytics (`TimeGenerated`, no
 * `Timestamp`, billing columns), sometimes with different types for the same column.
 */
import { readFile } from 'node:fs/promises';
import { InputError } from '../errors.js';
import { KQL_TYPES, type Field, type KqlType } from '../types.js';
import { BUILTIN_SCHEMAS, type SchemaFlavor } from './builtin-schemas.js';

export type { SchemaFlavor };

/**
 * The columns of a known table; without a flavour, the Defender XDR one when the table has both.
 * Undefined for an unknown table or a flavour the table does not have.
 */
export function builtinSchema(table: string, flavor?: SchemaFlavor): readonly Field[] | undefined {
  const entry = BUILTIN_SCHEMAS.get(table);
  if (!entry) return undefined;
  return flavor ? entry[flavor] : entry['defender-xdr'] ?? entry.sentinel;
}

/**
 * The flavour of a known table that fits a file's header. `TimeGenerated` without `Timestamp` marks a
 * Sentinel export; otherwise the flavour naming more of the header's columns wins, Defender XDR on a tie.
 */
export function builtinSchemaFor(table: string, headerNames: readonly string[]): readonly Field[] | undefined {
  const defender = builtinSchema(table, 'defender-xdr');
  const sentinel = builtinSchema(table, 'sentinel');
  if (!defender || !sentinel) return defender ?? sentinel;
  if (headerNames.includes('TimeGenerated') && !headerNames.includes('Timestamp')) return sentinel;
  const matches = (fields: readonly Field[]): number => {
    const names = new Set(fields.map((f) => f.name));
    return headerNames.filter((n) => names.has(n)).length;
  };
  return matches(sentinel) > matches(defender) ? sentinel : defender;
}

/**
 * A schema file as in ../shared/schemas/*.json: `{"table": …, "columns": [{"name": …, "type": …}, …]}`
 * (a bare array of columns also does). Types are KQL type names.
 */
export async function readSchemaFile(path: string): Promise<Field[]> {
  let doc: unknown;
  try {
    doc = JSON.parse(await readFile(path, 'utf8'));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new InputError(code === 'ENOENT' ? 'no such schema file.' : code ? `cannot read the schema file (${code}).` : 'the schema file is not valid JSON.', path);
  }
  const columns = Array.isArray(doc) ? doc : (doc as { columns?: unknown })?.columns;
  if (!Array.isArray(columns) || columns.length === 0) {
    throw new InputError('expected a schema {"columns":[{"name":"Timestamp","type":"datetime"}, …]}.', path);
  }
  const seen = new Set<string>();
  return columns.map((c: { name?: unknown; type?: unknown }, k) => {
    const type = typeof c?.type === 'string' ? c.type.toLowerCase() : undefined;
    if (typeof c?.name !== 'string' || c.name === '' || type === undefined || !KQL_TYPES.includes(type as KqlType)) {
      throw new InputError(`column ${k + 1} of the schema: expected {"name": …, "type": a KQL type such as "string" or "datetime"}.`, path);
    }
    if (seen.has(c.name)) throw new InputError(`column '${c.name}' appears twice in the schema.`, path);
    seen.add(c.name);
    return { name: c.name, type: type as KqlType };
  });
}
