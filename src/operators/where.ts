import type { Where } from '../parser/ast.js';
import { compileExpr, selectTrue } from '../engine/compile-expr.js';
import { SemanticError } from '../engine/errors.js';
import { exprText, type BoundExpr } from '../engine/expr.js';
import type { PlanNode } from '../engine/plan.js';
import { inputOf, type OperatorDef } from './operator.js';

export interface WherePlan extends PlanNode {
  readonly kind: 'Where';
  readonly predicate: BoundExpr;
}

export const where: OperatorDef<Where, WherePlan> = {
  astKind: 'Where',
  planKind: 'Where',
  bind(node, input, cx) {
    const inPlan = inputOf(input);
    const predicate = cx.bindScalar(node.predicate, inPlan.schema);
    if (predicate.type !== 'bool') {
      throw new SemanticError(`The 'where' predicate must be a bool, not a ${predicate.type}.`, node.predicate.loc);
    }
    return { kind: 'Where', schema: inPlan.schema, input: inPlan, predicate, loc: node.loc };
  },
  *exec(plan, input, ex) {
    const predicate = compileExpr(plan.predicate, ex);
    for (const batch of input) {
      const selected = selectTrue(predicate(batch), batch.length);
      if (!selected) yield batch;
      else if (selected.length > 0) yield batch.take(selected);
    }
  },
  explain: (plan) => `Where ${exprText(plan.predicate)}`,
};
