/**
 * Lookup of the built-in column lists (generated into builtin-schemas.ts). Several tables exist in two
 * flavours: Defender XDR advanced hunting (`Timestamp`) and Sentinel / Log Analytics (`TimeGenerated`, no
 * `Timestamp`, billing columns), sometimes with different types for the same column.
 */
import type { Field } from '../types.js';
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
