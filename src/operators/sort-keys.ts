/** Sort keys shared by `sort` and `top`: binding (defaults) and the row comparator. */
import type { SortKey } from '../parser/ast.js';
import type { Batch } from '../engine/batch.js';
import type { JsValue } from '../engine/column.js';
import { compileExpr, readerOf } from '../engine/compile-expr.js';
import { exprText, type BoundExpr } from '../engine/expr.js';
import type { BindContext, ExecContext } from '../engine/plan.js';
import { compareValues, isNullLike } from '../engine/rows.js';
import type { Field } from '../engine/types.js';

export interface BoundSortKey {
  readonly expr: BoundExpr;
  readonly descending: boolean;
  readonly nullsFirst: boolean;
}

/** Kusto's defaults: descending; nulls last when descending, first when ascending. */
export function bindSortKeys(keys: readonly SortKey[], schema: readonly Field[], cx: BindContext): BoundSortKey[] {
  return keys.map((k) => {
    const descending = k.order !== 'asc';
    return {
      expr: cx.bindScalar(k.expr, schema),
      descending,
      nullsFirst: k.nulls ? k.nulls === 'first' : !descending,
    };
  });
}

/** Row order of a batch by the keys (a stable sort of row indices). */
export function sortedRows(batch: Batch, keys: readonly BoundSortKey[], ex: ExecContext): Int32Array {
  const columns = keys.map((k) => {
    const r = readerOf(compileExpr(k.expr, ex)(batch));
    const values: JsValue[] = new Array(batch.length);
    for (let i = 0; i < batch.length; i++) values[i] = r(i);
    return values;
  });
  const order = Array.from({ length: batch.length }, (_, i) => i);
  order.sort((a, b) => {
    for (let k = 0; k < keys.length; k++) {
      const { descending, nullsFirst, expr } = keys[k];
      const x = columns[k][a];
      const y = columns[k][b];
      const xn = isNullLike(x);
      const yn = isNullLike(y);
      if (xn || yn) {
        if (xn && yn) {
          // Both at the nulls end: null is outermost (null, NaN … when first; … NaN, null when last).
          if ((x === null) === (y === null)) continue;
          return (x === null) === nullsFirst ? -1 : 1;
        }
        return xn === nullsFirst ? -1 : 1;
      }
      const c = compareValues(x, y, expr.type);
      if (c !== 0) return descending ? -c : c;
    }
    return 0;
  });
  return Int32Array.from(order);
}

export function explainKeys(keys: readonly BoundSortKey[]): string {
  return keys.map((k) => `${exprText(k.expr)} ${k.descending ? 'desc' : 'asc'} nulls ${k.nullsFirst ? 'first' : 'last'}`).join(', ');
}
