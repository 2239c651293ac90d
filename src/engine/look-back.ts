/**
 * The look-back of a Sentinel analytic rule (`queryPeriod`), or of `--look-back`: the query sees only the
 * rows whose time column lies in [now - period, now], both ends inclusive. It is a `where` placed right
 * above every table scan of the bound plan, so it applies to each table the query reads (joins, unions
 * and subqueries included) and shows in `--explain`.
 */
import { decodeTimespan } from '../parser/literals.js';
import { parseQuery } from '../parser/index.js';
import type { ScanPlan } from '../operators/scan.js';
import { bindQuery, type BoundQuery } from './bind.js';
import { KqlError, UsageError } from './errors.js';
import type { QueryContext } from './functions/signature.js';
import type { PlanNode } from './plan.js';
import { catalogOf } from './prepare.js';
import { formatDatetime } from './time.js';
import type { Field } from './types.js';

/** The time column filtered, by preference: Sentinel's time range is on TimeGenerated; Defender tables have Timestamp. */
export const LOOK_BACK_COLUMNS = ['TimeGenerated', 'Timestamp'] as const;

export interface AppliedLookBack {
  readonly table: string;
  readonly column: string;
  readonly start: bigint;
  readonly end: bigint;
}

/** A period as KQL timespan literal text (`14d`, `1h`, `30m`, `1.5h`) → ticks; OPTION names where it came from. */
export function parsePeriod(text: string, option: string): bigint {
  let ticks: bigint | undefined;
  if (/^\d+(\.\d+)?[a-z]+$/.test(text.trim())) {
    try {
      ticks = decodeTimespan(text.trim(), 0);
    } catch (e) {
      if (!(e instanceof KqlError)) throw e;
    }
  }
  if (ticks === undefined || ticks <= 0n) {
    throw new UsageError(`${option} '${text}': expected a positive timespan such as 14d, 1h or 30m.`);
  }
  return ticks;
}

// The scan's schema is what was loaded: the caller has prepareQuery keep LOOK_BACK_COLUMNS (`keepColumns`) even
// when the query does not name them (test/cli/look-back.test.ts checks this with `project Id`).
function timeColumn(table: string, schema: readonly Field[], option: string): string {
  const column = LOOK_BACK_COLUMNS.find((name) => schema.some((f) => f.name === name && f.type === 'datetime'));
  if (column === undefined) {
    throw new UsageError(
      `${option}: the table '${table}' has no datetime TimeGenerated or Timestamp column, so its rows cannot be limited to the look-back.`,
    );
  }
  return column;
}

const isPlainObject = (x: unknown): x is Record<string, unknown> =>
  x !== null && typeof x === 'object' && (Array.isArray(x) || Object.getPrototypeOf(x) === Object.prototype);

/** A copy of X with every Scan plan node replaced by REPLACE(scan); untouched parts and shared nodes stay shared. */
function replaceScans(x: unknown, replace: (scan: ScanPlan) => PlanNode, seen = new Map<unknown, unknown>()): unknown {
  if (!isPlainObject(x)) return x;
  if (seen.has(x)) return seen.get(x);
  if (x.kind === 'Scan' && typeof x.table === 'string') {
    const out = replace(x as unknown as ScanPlan);
    seen.set(x, out);
    return out;
  }
  let changed = false;
  const entries = Object.entries(x).map(([k, v]) => {
    const w = replaceScans(v, replace, seen);
    changed ||= w !== v;
    return [k, w] as const;
  });
  const out = !changed ? x : Array.isArray(x) ? entries.map(([, v]) => v) : Object.fromEntries(entries);
  seen.set(x, out);
  return out;
}

/**
 * The bound query with a `where COLUMN between (now - PERIOD .. now)` above each scan, and what was applied
 * (one entry per table). OPTION names the option in errors.
 */
export function applyLookBack(
  bound: BoundQuery, period: bigint, ctx: QueryContext, option: string,
): { bound: BoundQuery; applied: AppliedLookBack[] } {
  const end = ctx.now;
  const start = end - period > 0n ? end - period : 0n;
  const applied = new Map<string, AppliedLookBack>();
  const filtered = (scan: ScanPlan): PlanNode => {
    const column = timeColumn(scan.table, scan.schema, option);
    applied.set(scan.table, { table: scan.table, column, start, end });
    // Bound by the binder itself, over the scan's own schema, so the predicate is the one `where` would build.
    const text = `${scan.table} | where ${column} between (datetime(${formatDatetime(start)}) .. datetime(${formatDatetime(end)}))`;
    const where = bindQuery(parseQuery(text), catalogOf(new Map([[scan.table, scan.schema]])), ctx).results[0].plan;
    return { ...where, input: scan, loc: scan.loc };
  };
  const results = bound.results.map((r) => ({ ...r, plan: replaceScans(r.plan, filtered) as PlanNode }));
  return { bound: { ...bound, results }, applied: [...applied.values()] };
}
