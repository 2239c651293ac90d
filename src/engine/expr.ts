/**
 * Bound scalar expressions: every name resolved, every type known, every overload chosen.
 * The binder builds them; compile-expr.ts turns them into batch evaluators.
 */
import type { Span } from '../parser/ast.js';
import type { JsValue } from './column.js';
import type { Kernel } from './functions/signature.js';
import type { WindowFunction } from './functions/window.js';
import type { PlanNode } from './plan.js';
import type { KqlType } from './types.js';

export interface ConstExpr {
  readonly kind: 'Const';
  readonly type: KqlType;
  readonly value: JsValue;
}

export interface ColumnRefExpr {
  readonly kind: 'ColumnRef';
  readonly type: KqlType;
  readonly index: number;
  readonly name: string;
}

export interface CallExpr {
  readonly kind: 'Call';
  readonly type: KqlType;
  /** The KQL name, for explain output. */
  readonly name: string;
  readonly kernel: Kernel;
  readonly args: readonly BoundExpr[];
  /** Each argument is converted from its own type to this one before the kernel sees it. */
  readonly paramTypes: readonly KqlType[];
  readonly nulls: 'propagate' | 'handle';
  /** The kernel takes the QueryContext as its first argument. */
  readonly usesContext: boolean;
  readonly loc: Span;
}

/** Three-valued `and` / `or` (null and false → false; null or true → true). */
export interface LogicalExpr {
  readonly kind: 'Logical';
  readonly type: 'bool';
  readonly op: 'and' | 'or';
  readonly left: BoundExpr;
  readonly right: BoundExpr;
}

/** `in`, `!in`, `in~`, `!in~`, `has_any`, `has_all` against a list of constant values. */
export interface InSetExpr {
  readonly kind: 'InSet';
  readonly type: 'bool';
  readonly op: 'in' | '!in' | 'in~' | '!in~' | 'has_any' | 'has_all';
  readonly left: BoundExpr;
  /** The values, flattened from dynamic arrays; each with its own type. */
  readonly values: readonly { readonly type: KqlType; readonly value: JsValue }[];
  /** A tabular operand: its first column's values are added when the query runs. */
  readonly source?: PlanNode;
}

/** `toscalar(T)`: the first column of the first row of T, computed once per query run. */
export interface ScalarSubqueryExpr {
  readonly kind: 'ScalarSubquery';
  readonly type: KqlType;
  readonly plan: PlanNode;
}

/** A window function (`prev`, `row_number`, …): computed over the whole serialized row set at once. */
export interface WindowExpr {
  readonly kind: 'Window';
  readonly type: KqlType;
  readonly fn: WindowFunction;
  readonly args: readonly BoundExpr[];
  /** Each argument is converted from its own type to this one before the function sees it. */
  readonly paramTypes: readonly KqlType[];
  readonly loc: Span;
}

export type BoundExpr = ConstExpr | ColumnRefExpr | CallExpr | LogicalExpr | InSetExpr | ScalarSubqueryExpr | WindowExpr;

/** Whether an expression calls a window function (its operator must then see all rows at once). */
export function hasWindow(e: BoundExpr): boolean {
  switch (e.kind) {
    case 'Window':
      return true;
    case 'Call':
      return e.args.some(hasWindow);
    case 'Logical':
      return hasWindow(e.left) || hasWindow(e.right);
    case 'InSet':
      return hasWindow(e.left);
    default:
      return false;
  }
}

export function constant(type: KqlType, value: JsValue): ConstExpr {
  return { kind: 'Const', type, value };
}

/** Readable text of a bound expression, for explain output. */
export function exprText(e: BoundExpr): string {
  switch (e.kind) {
    case 'Const':
      return e.value === null ? `${e.type}(null)` : typeof e.value === 'string' ? JSON.stringify(e.value) : String(e.value);
    case 'ColumnRef':
      return e.name;
    case 'Call':
      return `${e.name}(${e.args.map(exprText).join(', ')})`;
    case 'Logical':
      return `(${exprText(e.left)} ${e.op} ${exprText(e.right)})`;
    case 'InSet':
      return `${exprText(e.left)} ${e.op} (${e.source ? 'subquery' : `${e.values.length} values`})`;
    case 'ScalarSubquery':
      return 'toscalar(subquery)';
    case 'Window':
      return `${e.fn.name}(${e.args.map(exprText).join(', ')})`;
  }
}
