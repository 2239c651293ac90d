import type { Span } from '../parser/ast.js';
import { SemanticError } from './errors.js';
import type { Field } from './types.js';

/** Edit distance counting a swap of two neighbours as one edit, for "Did you mean" suggestions. */
function distance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
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
  // Very short names are too easy to match by accident; they only match ignoring case.
  const allowed = name.length < 3 ? 0 : Math.max(1, Math.floor(name.length / 3));
  return best !== undefined && bestScore <= allowed ? best : undefined;
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
