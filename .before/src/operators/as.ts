import type { As } from '../parser/ast.js';
import type { PlanNode } from '../engine/plan.js';
import { inputOf, type OperatorDef } from './operator.js';

export interface AsPlan extends PlanNode {
  readonly kind: 'As';
  readonly name: string;
}

/** `as Name`: the rows pass through; later parts of the query may refer to them as Name. */
export const as: OperatorDef<As, AsPlan> = {
  astKind: 'As',
  planKind: 'As',
  bind(node, input, cx) {
    const inPlan = inputOf(input);
    cx.defineTable(node.name.name, inPlan);
    return { kind: 'As', schema: inPlan.schema, input: inPlan, name: node.name.name, loc: node.loc };
  },
  exec: (_plan, input) => input,
  explain: (plan) => `As ${plan.name}`,
};
