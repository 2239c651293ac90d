import type { Top } from '../parser/ast.js';
import { SemanticError } from '../engine/errors.js';
import type { PlanNode } from '../engine/plan.js';
import { concatBatches } from '../engine/rows.js';
import { inputOf, type OperatorDef } from './operator.js';
import { bindSortKeys, explainKeys, sortedRows, type BoundSortKey } from './sort-keys.js';

export interface TopPlan extends PlanNode {
  readonly kind: 'Top';
  readonly count: number;
  readonly keys: readonly BoundSortKey[];
}

/** `top N by key`: the first N rows in sort order. */
export const top: OperatorDef<Top, TopPlan> = {
  astKind: 'Top',
  planKind: 'Top',
  bind(node, input, cx) {
    const inPlan = inputOf(input);
    const { value } = cx.constantValue(node.count, ['long', 'int']);
    if (value === null || BigInt(value as bigint | number) < 0n) {
      throw new SemanticError(`'top' needs a non-negative row count.`, node.count.loc);
    }
    return {
      kind: 'Top', schema: inPlan.schema, input: inPlan, count: Number(value),
      keys: bindSortKeys(node.keys, inPlan.schema, cx), loc: node.loc,
    };
  },
  *exec(plan, input, ex) {
    const all = concatBatches(plan.schema, [...input]);
    if (all.length > 0 && plan.count > 0) yield all.take(sortedRows(all, plan.keys, ex).subarray(0, plan.count));
  },
  explain: (plan) => `Top ${plan.count} by ${explainKeys(plan.keys)}`,
};
