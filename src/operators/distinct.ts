import type { Distinct } from '../parser/ast.js';
import { Batch } from '../engine/batch.js';
import { compileExpr } from '../engine/compile-expr.js';
import { exprText, type BoundExpr } from '../engine/expr.js';
import { Grouper } from '../engine/grouping.js';
import type { PlanNode } from '../engine/plan.js';
import { uniqueName } from '../engine/schema.js';
import type { Field } from '../engine/types.js';
import { inputOf, type OperatorDef } from './operator.js';

export interface DistinctPlan extends PlanNode {
  readonly kind: 'Distinct';
  readonly keys: readonly BoundExpr[];
}

/** `distinct a, b` / `distinct *`: one row per distinct combination. */
export const distinct: OperatorDef<Distinct, DistinctPlan> = {
  astKind: 'Distinct',
  planKind: 'Distinct',
  bind(node, input, cx) {
    const inPlan = inputOf(input);
    if (node.star) {
      const keys: BoundExpr[] = inPlan.schema.map((f, index) => ({ kind: 'ColumnRef', type: f.type, index, name: f.name }));
      return { kind: 'Distinct', schema: inPlan.schema, input: inPlan, keys, loc: node.loc };
    }
    const schema: Field[] = [];
    const taken = new Set<string>();
    let unnamed = 0;
    const keys = node.items.map((item) => {
      const expr = cx.bindScalar(item, inPlan.schema);
      // As in project: the k-th expression without a name is Column<k>, a name met again gets a suffix.
      const name = uniqueName(cx.inferName(item, inPlan.schema) ?? `Column${++unnamed}`, taken);
      taken.add(name);
      schema.push({ name, type: expr.type });
      return expr;
    });
    return { kind: 'Distinct', schema, input: inPlan, keys, loc: node.loc };
  },
  *exec(plan, input, ex) {
    const keys = plan.keys.map((k) => compileExpr(k, ex));
    const grouper = new Grouper(plan.keys.map((k) => k.type));
    for (const batch of input) grouper.assign(keys.map((k) => k(batch)), batch.length);
    if (grouper.count > 0) yield new Batch(plan.schema, grouper.keyColumns(), grouper.count);
  },
  explain: (plan) => `Distinct ${plan.keys.map(exprText).join(', ')}`,
};
