import type { Where } from '../parser/ast.js';
import { compileExpr, selectTrue } from '../engine/compile-expr.js';
import { SemanticError } from '../engine/errors.js';
import { exprText, type BoundExpr } from '../engine/expr.js';
import type { PlanNode } from '../engine/plan.js';
import { wholeIfWindowed } from '../engine/rows.js';
import type { JoinPlan } from './join.js';
import { inputOf, type OperatorDef } from './operator.js';

export interface WherePlan extends PlanNode {
  readonly kind: 'Where';
  readonly predicate: BoundExpr;
}

/** Whether an expression reads only columns at positions below `count`. */
function refersOnlyBelow(e: BoundExpr, count: number): boolean {
  switch (e.kind) {
    case 'ColumnRef':
      return e.index < count;
    case 'Const':
      return true;
    case 'Call':
      return e.args.every((a) => refersOnlyBelow(a, count));
    case 'Logical':
      return refersOnlyBelow(e.left, count) && refersOnlyBelow(e.right, count);
    case 'InSet':
      return refersOnlyBelow(e.left, count);
    case 'ScalarSubquery':
      return true;
    case 'Window':
      return false;
  }
}

export const where: OperatorDef<Where, WherePlan> = {
  astKind: 'Where',
  planKind: 'Where',
  bind(node, input, cx) {
    const inPlan = inputOf(input);
    const predicate = cx.bindScalar(node.predicate, inPlan.schema, inPlan);
    if (predicate.type !== 'bool') {
      throw new SemanticError(`The 'where' predicate must be a bool, not a ${predicate.type}.`, node.predicate.loc);
    }
    if (inPlan.kind === 'Join' && refersOnlyBelow(predicate, (inPlan as JoinPlan).input!.schema.length)) {
      // Like the engine, filter the left side before an innerunique join picks its one row per
      // key: which row survives depends on it (the left columns come first, at the same positions).
      const join = inPlan as JoinPlan;
      if (join.joinKind === 'innerunique') {
        const left = join.input!;
        const pushed: JoinPlan = { ...join, input: { kind: 'Where', schema: left.schema, input: left, predicate, loc: node.loc } as WherePlan };
        // A rewrite: the plan returned is the join's, with the filter below it.
        return pushed as unknown as WherePlan;
      }
    }
    return { kind: 'Where', schema: inPlan.schema, input: inPlan, predicate, loc: node.loc };
  },
  *exec(plan, input, ex) {
    const predicate = compileExpr(plan.predicate, ex);
    for (const batch of wholeIfWindowed([plan.predicate], plan.input!.schema, input)) {
      const selected = selectTrue(predicate(batch), batch.length);
      if (!selected) yield batch;
      else if (selected.length > 0) yield batch.take(selected);
    }
  },
  explain: (plan) => `Where ${exprText(plan.predicate)}`,
};
