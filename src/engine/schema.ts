import type { Span } from '../parser/ast.js';
import { SemanticError } from './errors.js';
import type { Field } from './types.js';

/** Edit distance, for "Did you mean" suggestions. */
function distance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0];
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = prev[j];
      prev[j] = Math.min(prev[j] + 1, prev[j - 1] + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = tmp;
    }
  }
  return prev[b.length];
}

/** The closest candidate to a misspelt name, if one is close enough to be a likely typo. */
export function suggest(name: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestScore = Infinity;
  const lower = name.toLowerCase();
  for (const c of candidates) {
    const score = c.toLowerCase() === lower ? 0 : distance(lower, c.toLowerCase());
    if (score < bestScore) {
      bestScore = score;
      best = c;
    }
  }
  return best !== undefined && bestScore <= Math.max(1, Math.floor(name.length / 3)) ? best : undefined;
}

export function didYouMean(name: string, candidates: Iterable<string>): string {
  const s = suggest(name, candidates);
  return s ? ` Did you mean '${s}'?` : '';
}

export function fieldIndex(schema: readonly Field[], name: string): number {
  return schema.findIndex((f) => f.name === name);
}

export function requireColumn(schema: readonly Field[], name: string, loc: Span): number {
  const i = fieldIndex(schema, name);
  if (i < 0) {
    throw new SemanticError(`Unknown column '${name}'.${didYouMean(name, schema.map((f) => f.name))}`, loc, 'UNKNOWN_COLUMN');
  }
  return i;
}

/** A name not yet taken: base, then base1, base2, … (Kusto's rule for colliding output names). */
export function uniqueName(base: string, taken: ReadonlySet<string>): string {
  if (!taken.has(base)) return base;
  for (let k = 1; ; k++) if (!taken.has(base + k)) return base + k;
}

/** The next free ColumnN name. */
export function nextColumnName(taken: ReadonlySet<string>): string {
  for (let k = 1; ; k++) if (!taken.has('Column' + k)) return 'Column' + k;
}
