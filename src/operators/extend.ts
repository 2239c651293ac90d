import type { Extend } from '../parser/ast.js';
import { Batch } from '../engine/batch.js';
import { compileExpr, toColumn } from '../engine/compile-expr.js';
import { exprText, type BoundExpr } from '../engine/expr.js';
import type { PlanNode } from '../engine/plan.js';
import { nextColumnName } from '../engine/schema.js';
import type { Field } from '../engine/types.js';
import { inputOf, type OperatorDef } from './operator.js';

interface Assigned {
  readonly target: number;
  readonly expr: BoundExpr;
  /** The schema once this assignment is done (later items may refer to earlier ones). */
  readonly schemaAfter: readonly Field[];
}

export interface ExtendPlan extends PlanNode {
  readonly kind: 'Extend';
  /** Each assignment writes output column `target` (an existing position or a new one). */
  readonly assignments: readonly Assigned[];
}

export const extend: OperatorDef<Extend, ExtendPlan> = {
  astKind: 'Extend',
  planKind: 'Extend',
  bind(node, input, cx) {
    const inPlan = inputOf(input);
    const schema: Field[] = [...inPlan.schema];
    const assignments: Assigned[] = [];
    for (const item of node.items) {
      const expr = cx.bindScalar(item.expr, schema);
      const taken = new Set(schema.map((f) => f.name));
      const name = item.name?.name ?? cx.inferName(item.expr, inPlan.schema) ?? nextColumnName(taken);
      let target = schema.findIndex((f) => f.name === name);
      if (target < 0) {
        target = schema.length;
        schema.push({ name, type: expr.type });
      } else {
        schema[target] = { name, type: expr.type };
      }
      assignments.push({ target, expr, schemaAfter: [...schema] });
    }
    return { kind: 'Extend', schema, input: inPlan, assignments, loc: node.loc };
  },
  *exec(plan, input, ex) {
    const evals = plan.assignments.map((a) => ({ ...a, run: compileExpr(a.expr, ex) }));
    for (const batch of input) {
      let current = batch;
      for (const a of evals) {
        const columns = [...current.columns];
        columns[a.target] = toColumn(a.run(current), batch.length);
        current = new Batch(a.schemaAfter, columns, batch.length);
      }
      yield current;
    }
  },
  explain: (plan) =>
    `Extend ${plan.assignments.map((a) => `${plan.schema[a.target].name}:${plan.schema[a.target].type} = ${exprText(a.expr)}`).join(', ')}`,
};
