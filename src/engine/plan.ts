/**
 * Plan nodes and the contexts operators see at bind time and at run time.
 */
import type { Span } from '../parser/ast.js';
import type { Expr, QueryOperator, TabularExpr } from '../parser/ast.js';
import type { TableSource } from './batch.js';
import type { JsValue } from './column.js';
import type { BoundExpr } from './expr.js';
import type { QueryContext } from './functions/signature.js';
import type { Field, KqlType } from './types.js';

/** A bound operator: its output schema and its input plan. Each operator file extends this. */
export interface PlanNode {
  readonly kind: string;
  readonly schema: readonly Field[];
  readonly input?: PlanNode;
  readonly loc: Span;
}

export interface Visualization {
  readonly kind: string;
  readonly properties: Readonly<Record<string, string | number | boolean | readonly string[]>>;
}

/** What operators may ask of the binder. */
export interface BindContext {
  readonly query: QueryContext;
  /** Binds a tabular expression (the right side of a join, a union operand). */
  bindTabular(expr: TabularExpr): PlanNode;
  /** Binds operators without a source of their own (a subquery such as mv-apply's) over `input`. */
  bindOperators(operators: readonly QueryOperator[], input: PlanNode): PlanNode;
  /** Makes `name` refer to a plan for the rest of the query (the `as` operator). */
  defineTable(name: string, plan: PlanNode): void;
  /**
   * Binds a scalar expression over a row of the given schema. Window functions (`prev`, `row_number`, …)
   * are allowed only when `rows`, the plan producing those rows, is given and serialized.
   */
  bindScalar(expr: Expr, schema: readonly Field[], rows?: PlanNode): BoundExpr;
  /** Binds an expression that may not refer to columns and returns its value. */
  constantValue(expr: Expr, expected?: readonly KqlType[]): { type: KqlType; value: JsValue };
  /** Evaluates a bound expression that has no column references. */
  evaluateConstant(expr: BoundExpr): JsValue;
  /**
   * The output columns learned from the data for the operator at `loc` (evaluate bag_unpack), if the
   * query has been run that far (otherwise the operator throws SchemaFromDataError).
   */
  learnedSchema(loc: Span): readonly Field[] | undefined;
  /** The output name of an unnamed expression (the name of a column of `schema` it refers to), if it has one. */
  inferName(expr: Expr, schema: readonly Field[]): string | undefined;
}

/** What operators see while running. */
export interface ExecContext {
  readonly query: QueryContext;
  readonly tables: ReadonlyMap<string, TableSource>;
}
