import type { Take } from '../parser/ast.js';
import { SemanticError } from '../engine/errors.js';
import type { PlanNode } from '../engine/plan.js';
import { inputOf, type OperatorDef } from './operator.js';

export interface TakePlan extends PlanNode {
  readonly kind: 'Take';
  readonly count: number;
}

/** `take N` / `limit N`: the first N rows (any N rows; Kusto promises no order). */
export const take: OperatorDef<Take, TakePlan> = {
  astKind: 'Take',
  planKind: 'Take',
  bind(node, input, cx) {
    const inPlan = inputOf(input);
    const { value } = cx.constantValue(node.count, ['long', 'int']);
    if (value === null || BigInt(value as bigint | number) < 0n) {
      throw new SemanticError(`'take' needs a non-negative row count.`, node.count.loc);
    }
    return { kind: 'Take', schema: inPlan.schema, input: inPlan, count: Number(value), loc: node.loc };
  },
  *exec(plan, input) {
    let left = plan.count;
    if (left === 0) return;
    for (const batch of input) {
      if (batch.length <= left) {
        left -= batch.length;
        yield batch;
      } else {
        yield batch.take(Int32Array.from({ length: left }, (_, i) => i));
        left = 0;
      }
      if (left === 0) return;
    }
  },
  explain: (plan) => `Take ${plan.count}`,
};
