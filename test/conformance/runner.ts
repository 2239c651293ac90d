/**
 * The conformance runner: runs every case of the oracle (kusto-docs-cases.json) through the engine
 * and classifies it.
 *
 * - exact: same column names, same column types, same rows. Rows compare as a multiset unless
 *   the query's final operators sort (resultIsOrdered). Reals within 1e-9 relative, datetimes and
 *   timespans to the tick, dynamic values deep-equal (bags regardless of key order, longs and
 *   reals numerically), guids case-insensitively.
 * - refused: the engine threw an error whose message starts with `Not supported:` (any phase).
 * - needs-data: the engine failed with `Unknown table 'X'`: the query reads a table that it does
 *   not define (StormEvents, …), which no offline run can have. Not counted as wrong.
 * - clock: the query reads the clock or another source outside itself (now(), ago(), rand(),
 *   new_guid(), current_database(), …: query-text.ts OUTSIDE_FUNCTIONS), the engine returned a
 *   result with the expected column names and types, and its values differ: a frozen oracle cannot
 *   be matched. Not counted as wrong. (Other column names or types, or an error other than a named
 *   refusal, are still wrong: no clock explains them.)
 * - wrong: anything else: a different result, any other error (an `Unknown function` for a
 *   documented function included: only a named refusal is allowed), a crash, a timeout.
 */
import { loadOracle, ORACLE_PATH, type OracleCase, type RawJson } from './oracle.js';
import { runInWorkers, type Outcome, type ResultTable } from './pool.js';
import { outsideFunctionsCalled, resultIsOrdered } from './query-text.js';
import { actualToText, cellEqual, clip, rawToText } from './values.js';

export type Category = 'exact' | 'refused' | 'wrong' | 'needs-data' | 'clock';
export const CATEGORIES: readonly Category[] = ['exact', 'refused', 'wrong', 'needs-data', 'clock'];

/** The fixed instant now() returns in every case. */
export const CONFORMANCE_NOW = '2026-01-01T00:00:00Z';

export interface CaseReport {
  readonly id: string;
  readonly source: string;
  readonly kql: string;
  readonly category: Category;
  /** Rows compared in order (the query sorts) rather than as a multiset. */
  readonly ordered: boolean;
  /** The query reads the clock, randomness or the cluster (now(), rand(), …). */
  readonly clock: boolean;
  readonly outcome: Outcome;
  /** What kind of difference, for grouping: `error: Unknown function 'x'`, `column names`, `values`, …; empty when exact. */
  readonly cause: string;
  /** One line: why the case is not exact. */
  readonly diagnosis: string;
  /** Expected vs actual, a few lines, for --verbose. */
  readonly details: readonly string[];
}

export interface ConformanceReport {
  readonly now: string;
  readonly cases: readonly CaseReport[];
  readonly counts: Readonly<Record<Category, number>>;
  readonly ms: number;
}

export interface RunOptions {
  readonly engine?: 'src' | 'dist';
  readonly now?: string;
  readonly timeoutMs?: number;
  readonly workers?: number;
  readonly oraclePath?: string;
  /** Only the cases whose id matches. */
  readonly only?: (id: string) => boolean;
}

export async function runConformance(options: RunOptions = {}): Promise<ConformanceReport> {
  const started = performance.now();
  const now = options.now ?? CONFORMANCE_NOW;
  const cases = loadOracle(options.oraclePath ?? ORACLE_PATH).filter((c) => !options.only || options.only(c.id));
  const outcomes = await runInWorkers(
    cases.map((c) => ({ key: c.id, kql: c.kql })),
    { engine: options.engine, now, timeoutMs: options.timeoutMs, workers: options.workers },
  );
  const reports = cases.map((c) => classify(c, outcomes.get(c.id)!));
  const counts = Object.fromEntries(CATEGORIES.map((k) => [k, 0])) as Record<Category, number>;
  for (const r of reports) counts[r.category]++;
  return { now, cases: reports, counts, ms: performance.now() - started };
}

export function formatCounts(counts: Readonly<Record<Category, number>>): string {
  return `exact ${counts.exact}, refused ${counts.refused}, wrong ${counts.wrong}, needs-data ${counts['needs-data']}, clock ${counts.clock}`;
}

// ---------------------------------------------------------------------------------------------
// classification

export function classify(c: OracleCase, outcome: Outcome): CaseReport {
  const ordered = resultIsOrdered(c.kql);
  const outside = outsideFunctionsCalled(c.kql);
  const clock = outside.length > 0;
  const base = { id: c.id, source: c.source, kql: c.kql, ordered, clock, outcome };
  const expectedLines = () => [`expected: ${describeExpected(c)}`];

  switch (outcome.kind) {
    case 'timeout':
      return { ...base, category: 'wrong', cause: 'timeout', diagnosis: `no answer within ${Math.round(outcome.ms)} ms`, details: expectedLines() };
    case 'crash':
      return { ...base, category: 'wrong', cause: 'crash', diagnosis: outcome.message, details: expectedLines() };
    case 'error': {
      const msg = outcome.error.message ?? '';
      const firstLine = msg.split('\n')[0];
      if (msg.startsWith('Not supported:')) {
        return { ...base, category: 'refused', cause: '', diagnosis: firstLine, details: [] };
      }
      if (outcome.error.code === 'UNKNOWN_TABLE' || /^Unknown table '/.test(msg)) {
        return { ...base, category: 'needs-data', cause: '', diagnosis: firstLine, details: [] };
      }
      const kind = outcome.error.name && outcome.error.name !== 'Error' ? outcome.error.name : 'error';
      return {
        ...base,
        category: 'wrong',
        cause: `${kind}: ${errorCause(firstLine)}`,
        diagnosis: `${kind}: ${firstLine}`,
        details: [...expectedLines(), `actual:   ${kind}: ${firstLine}`, ...(outcome.error.phase === 'internal' || !outcome.error.code ? stackTop(outcome.error.stack) : [])],
      };
    }
    case 'result': {
      const table = outcome.results[0];
      if (!table) {
        return { ...base, category: 'wrong', cause: 'no result table', diagnosis: 'the query returned no result table', details: expectedLines() };
      }
      const cmp = compareTable(c, table, ordered);
      if (cmp.exact) return { ...base, category: 'exact', cause: '', diagnosis: '', details: [] };
      const extra = outcome.results.length > 1 ? [`(the engine returned ${outcome.results.length} result tables; compared the first)`] : [];
      return {
        ...base,
        // the clock explains values and row counts, never column names or types
        category: clock && !cmp.shapeDiffers ? 'clock' : 'wrong',
        cause: cmp.cause,
        diagnosis: (clock ? `reads ${outside.map((f) => f + '()').join(', ')}; ` : '') + cmp.problems.join('; '),
        details: [...cmp.details, ...extra],
      };
    }
  }
}

/** An error message reduced to what groups it: the name in `Unknown function 'x'` kept, hints dropped. */
function errorCause(line: string): string {
  return line
    .replace(/\s*Did you mean[^.]*\.?$/i, '')
    .replace(/\s*\(at line \d+[^)]*\)/, '')
    .replace(/ at line \d+(, column \d+)?/, '');
}

function stackTop(stack: string | undefined): string[] {
  if (!stack) return [];
  return stack.split('\n').slice(1, 4).map((l) => '          ' + l.trim());
}

// ---------------------------------------------------------------------------------------------
// comparing a result table with the oracle

interface Comparison {
  readonly exact: boolean;
  /** The column names or types differ. */
  readonly shapeDiffers: boolean;
  readonly cause: string;
  readonly problems: string[];
  readonly details: string[];
}

export function compareTable(c: OracleCase, t: ResultTable, ordered: boolean): Comparison {
  const exp = c.expected;
  const actNames = t.schema.map((f) => f.name);
  const problems: string[] = [];
  const causes: string[] = [];
  const details: string[] = [];

  // Columns: the same names in the same order.
  const namesEqual = exp.columns.length === actNames.length && exp.columns.every((n, i) => n === actNames[i]);
  if (!namesEqual) {
    causes.push('column names');
    problems.push(`columns: expected (${exp.columns.join(', ')}), got (${actNames.join(', ')})`);
  }
  // Align expected columns with actual ones: by name, else by position when that position is not claimed by name.
  const align = exp.columns.map((n, i) => {
    const byName = actNames.indexOf(n);
    if (byName >= 0) return byName;
    return i < actNames.length && !exp.columns.includes(actNames[i]) ? i : -1;
  });

  // Types.
  const typeProblems: string[] = [];
  exp.columns.forEach((n, i) => {
    const j = align[i];
    if (j < 0) return;
    const et = exp.types[i] ?? `?${exp.columnTypes[i]}`;
    if (et !== t.schema[j].type) typeProblems.push(`${n}: expected ${et}, got ${t.schema[j].type}`);
  });
  if (typeProblems.length > 0) {
    causes.push('column types');
    problems.push(`types: ${typeProblems.join(', ')}`);
  }

  // Rows.
  const rowEqual = (er: RawJson[], ar: unknown[]) =>
    exp.columns.every((_, i) => align[i] >= 0 && cellEqual(exp.types[i], er[i], t.schema[align[i]].type, ar[align[i]]));
  const cellDiffs = (er: RawJson[], ar: unknown[]) => {
    const out: string[] = [];
    exp.columns.forEach((n, i) => {
      const j = align[i];
      if (j < 0) {
        out.push(`${n}: missing`);
        return;
      }
      const at = t.schema[j].type;
      if (!cellEqual(exp.types[i], er[i], at, ar[j])) out.push(`${n}: expected ${clip(rawToText(er[i]), 120)}, got ${clip(actualToText(at, ar[j]), 120)}`);
    });
    return out;
  };
  const showRow = (er: RawJson[]) => '[' + er.map((v) => rawToText(v)).join(', ') + ']';
  const showActual = (ar: unknown[]) => '[' + ar.map((v, j) => actualToText(t.schema[j].type, v)).join(', ') + ']';

  // Multiset matching (also used for ordered results, to tell a wrong order from wrong values).
  const used = new Uint8Array(t.rows.length);
  const unmatchedExpected: number[] = [];
  exp.rows.forEach((er, i) => {
    for (let k = 0; k < t.rows.length; k++) {
      if (!used[k] && rowEqual(er, t.rows[k])) {
        used[k] = 1;
        return;
      }
    }
    unmatchedExpected.push(i);
  });
  const unmatchedActual = t.rows.flatMap((_, k) => (used[k] ? [] : [k]));
  const multisetEqual = unmatchedExpected.length === 0 && unmatchedActual.length === 0;
  const inOrder = multisetEqual && (!ordered || exp.rows.every((er, i) => rowEqual(er, t.rows[i])));

  if (exp.rows.length !== t.rows.length) {
    causes.push('row count');
    problems.push(`rows: expected ${exp.rows.length}, got ${t.rows.length}`);
  }
  if (multisetEqual && !inOrder) {
    causes.push('row order');
    problems.push('same rows in another order (the query sorts)');
  } else if (!multisetEqual && align.every((j) => j >= 0)) {
    // Pair each unmatched expected row with the most similar unmatched actual row.
    const diffs: string[] = [];
    const differingColumns = new Set<string>();
    const free = new Set(unmatchedActual);
    for (const i of unmatchedExpected) {
      let best = -1;
      let bestScore = -1;
      const er = exp.rows[i];
      const candidates = ordered && i < t.rows.length && free.has(i) ? [i] : [...free];
      for (const k of candidates) {
        const score = exp.columns.filter((_, ci) => cellEqual(exp.types[ci], er[ci], t.schema[align[ci]].type, t.rows[k][align[ci]])).length;
        if (score > bestScore) {
          bestScore = score;
          best = k;
        }
      }
      if (best < 0) continue;
      free.delete(best);
      const d = cellDiffs(er, t.rows[best]);
      for (const x of d) differingColumns.add(x.slice(0, x.indexOf(':')));
      if (diffs.length < 3) diffs.push(`row ${i}: ${d.join('; ')}`);
    }
    if (differingColumns.size > 0) {
      causes.push('values');
      problems.push(`values differ in ${[...differingColumns].join(', ')}: ${diffs[0] ?? ''}`);
    } else if (exp.rows.length === t.rows.length) {
      causes.push('values');
      problems.push('values differ');
    }
    details.push(...diffs.map((d) => '  ' + clip(d, 400)));
  }

  const exact = problems.length === 0;
  if (!exact) {
    details.unshift(
      `expected: ${describeExpected(c)}`,
      `actual:   (${t.schema.map((f) => `${f.name}:${f.type}`).join(', ')}) ${t.rows.length} rows; first: ${t.rows[0] ? clip(showActual(t.rows[0]), 300) : '-'}`,
    );
    if (unmatchedExpected.length > 0) details.push(`  first unmatched expected row: ${clip(showRow(exp.rows[unmatchedExpected[0]]), 300)}`);
    if (unmatchedActual.length > 0) details.push(`  first unmatched actual row:   ${clip(showActual(t.rows[unmatchedActual[0]]), 300)}`);
  }
  return { exact, shapeDiffers: !namesEqual || typeProblems.length > 0, cause: causes.join(' + '), problems, details };
}

function describeExpected(c: OracleCase): string {
  const e = c.expected;
  const cols = e.columns.map((n, i) => `${n}:${e.types[i] ?? e.columnTypes[i]}`).join(', ');
  const first = e.rows[0] ? clip('[' + e.rows[0].map(rawToText).join(', ') + ']', 300) : '-';
  return `(${cols}) ${e.rows.length} rows; first: ${first}`;
}

/** A case for --verbose: id, category, diagnosis, the query and expected vs actual. */
export function formatCaseReport(r: CaseReport): string {
  const lines = [`${r.id} [${r.category}${r.ordered ? ', ordered' : ''}] ${r.diagnosis}`];
  lines.push(...r.kql.split('\n').map((l) => '  | ' + l));
  lines.push(...r.details.map((d) => '  ' + d));
  return lines.join('\n');
}

/** Wrong cases grouped by cause, largest group first. */
export function groupWrong(report: ConformanceReport): { cause: string; cases: CaseReport[] }[] {
  const groups = new Map<string, CaseReport[]>();
  for (const r of report.cases) {
    if (r.category !== 'wrong') continue;
    const list = groups.get(r.cause) ?? [];
    list.push(r);
    groups.set(r.cause, list);
  }
  return [...groups]
    .map(([cause, cases]) => ({ cause, cases }))
    .sort((a, b) => b.cases.length - a.cases.length || a.cause.localeCompare(b.cause));
}
