import type { Node } from '../parser/ast.js';
import type { Batch } from '../engine/batch.js';
import type { BindContext, ExecContext, PlanNode } from '../engine/plan.js';

/** The run-time half of an operator: executes its plan node over the input batches. */
export interface ExecDef<P extends PlanNode = PlanNode> {
  /** The plan node kind this operator runs. */
  readonly planKind: P['kind'];
  exec(plan: P, input: Iterable<Batch>, ex: ExecContext): Iterable<Batch>;
  /** One line of `explain` output (without the input). */
  explain(plan: P): string;
}

/**
 * A KQL operator: `bind` checks names and types once at plan time and raises SemanticError at
 * the node's span; `exec` trusts the plan. Source operators (print, range) get no input.
 */
export interface OperatorDef<N extends Node = Node, P extends PlanNode = PlanNode> extends ExecDef<P> {
  /** The AST node kind this operator binds. */
  readonly astKind: N['kind'];
  bind(node: N, input: PlanNode | undefined, cx: BindContext): P;
}

/** The input plan of an operator that needs one (the parser guarantees it is there). */
export function inputOf(input: PlanNode | undefined): PlanNode {
  if (!input) throw new Error('operator without input');
  return input;
}
