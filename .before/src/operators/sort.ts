import type { Sort } from '../parser/ast.js';
import type { PlanNode } from '../engine/plan.js';
import { concatBatches } from '../engine/rows.js';
import { inputOf, type OperatorDef } from './operator.js';
import { bindSortKeys, explainKeys, sortedRows, type BoundSortKey } from './sort-keys.js';

export interface SortPlan extends PlanNode {
  readonly kind: 'Sort';
  readonly keys: readonly BoundSortKey[];
}

/** `sort by` / `order by`: default descending; nulls first when ascending, last when descending. */
export const sort: OperatorDef<Sort, SortPlan> = {
  astKind: 'Sort',
  planKind: 'Sort',
  bind(node, input, cx) {
    const inPlan = inputOf(input);
    return { kind: 'Sort', schema: inPlan.schema, input: inPlan, keys: bindSortKeys(node.keys, inPlan.schema, cx), loc: node.loc };
  },
  *exec(plan, input, ex) {
    const all = concatBatches(plan.schema, [...input]);
    if (all.length > 0) yield all.take(sortedRows(all, plan.keys, ex));
  },
  explain: (plan) => `Sort ${explainKeys(plan.keys)}`,
};
