/**
 * `arg_max(expr, *)` / `arg_min(expr, cols...)` in summarize: for each group, the row where expr is
 * largest (smallest), returning expr and the other requested columns of that row. A null never
 * wins over a value; a group of nulls returns its first row. Ties keep the first row seen.
 */
import type { Call } from '../parser/ast.js';
import type { JsValue, Reader } from '../engine/column.js';
import { readerOf, type Value } from '../engine/compile-expr.js';
import { NotSupportedError, SemanticError } from '../engine/errors.js';
import type { BoundExpr } from '../engine/expr.js';
import type { BindContext } from '../engine/plan.js';
import { compareValues, isNullLike } from '../engine/rows.js';
import { requireColumn } from '../engine/schema.js';
import type { Field } from '../engine/types.js';

export interface ArgExtreme {
  readonly max: boolean;
  readonly expr: BoundExpr;
  /** Input columns carried from the winning row. */
  readonly carried: readonly number[];
  /** Output fields: the expression's column, then the carried columns. */
  readonly fields: readonly Field[];
}

export function isArgExtreme(call: Call): boolean {
  return call.name === 'arg_max' || call.name === 'arg_min';
}

/** Binds the call; `name` is the assignment's name, `excluded` the by-key columns (not repeated). */
export function bindArgExtreme(
  call: Call, name: string | undefined, schema: readonly Field[], excluded: ReadonlySet<string>, cx: BindContext,
): ArgExtreme {
  if (call.args.length < 2) throw new SemanticError(`'${call.name}' takes an expression and the columns to return (or *).`, call.loc);
  const [first, ...rest] = call.args;
  const expr = cx.bindScalar(first, schema);
  if (expr.type === 'dynamic') throw new SemanticError(`'${call.name}' cannot order dynamic values.`, first.loc);
  const exprColumn = first.kind === 'Name' && schema.some((f) => f.name === first.name) ? first.name : undefined;
  const exprName = name ?? exprColumn;
  if (!exprName) throw new NotSupportedError(`${call.name}() of an unnamed expression (name it: Name = ${call.name}(...))`, first.loc);
  const carried: number[] = [];
  for (const a of rest) {
    if (a.kind === 'Star') {
      schema.forEach((f, i) => {
        if (f.name !== exprColumn && !excluded.has(f.name) && !carried.includes(i)) carried.push(i);
      });
    } else if (a.kind === 'Name') {
      carried.push(requireColumn(schema, a.name, a.loc));
    } else {
      throw new NotSupportedError(`${call.name}() returning expressions (only columns or *)`, a.loc);
    }
  }
  return {
    max: call.name === 'arg_max', expr, carried,
    fields: [{ name: exprName, type: expr.type }, ...carried.map((i) => schema[i])],
  };
}

export class ArgExtremeState {
  private readonly best: JsValue[] = [];
  private readonly rows: JsValue[][] = [];
  constructor(private readonly spec: ArgExtreme) {}

  add(groups: Int32Array, n: number, value: Value, carried: readonly Reader[]): void {
    const r = readerOf(value);
    const { max, expr } = this.spec;
    for (let i = 0; i < n; i++) {
      const g = groups[i];
      const v = r(i);
      const seen = g < this.rows.length && this.rows[g] !== undefined;
      if (seen) {
        const b = this.best[g];
        if (isNullLike(v)) continue;
        if (!isNullLike(b)) {
          const c = compareValues(v, b, expr.type);
          if (max ? c <= 0 : c >= 0) continue;
        }
      }
      this.best[g] = v;
      this.rows[g] = carried.map((c) => c(i));
    }
  }

  /** Values of output column k (0: the expression) for groups 0 .. count-1. */
  column(k: number, count: number): JsValue[] {
    const empty: JsValue = this.spec.fields[k].type === 'string' ? '' : null;
    return Array.from({ length: count }, (_, g) => {
      if (this.rows[g] === undefined) return empty;
      return k === 0 ? this.best[g] : this.rows[g][k - 1];
    });
  }
}
