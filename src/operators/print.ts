import type { Print } from '../parser/ast.js';
import { Batch } from '../engine/batch.js';
import { compileExpr, toColumn } from '../engine/compile-expr.js';
import { exprText, type BoundExpr } from '../engine/expr.js';
import type { PlanNode } from '../engine/plan.js';
import { uniqueName } from '../engine/schema.js';
import type { Field } from '../engine/types.js';
import type { OperatorDef } from './operator.js';

export interface PrintPlan extends PlanNode {
  readonly kind: 'Print';
  readonly exprs: readonly BoundExpr[];
}

/** `print a = 1, 2`: one row; an unnamed expression at position i is named print_i. */
export const print: OperatorDef<Print, PrintPlan> = {
  astKind: 'Print',
  planKind: 'Print',
  bind(node, _input, cx) {
    const schema: Field[] = [];
    const taken = new Set<string>();
    const exprs = node.items.map((item, i) => {
      const expr = cx.bindScalar(item.expr, []);
      const name = uniqueName(item.name?.name ?? cx.inferName(item.expr, []) ?? `print_${i}`, taken);
      taken.add(name);
      schema.push({ name, type: expr.type });
      return expr;
    });
    return { kind: 'Print', schema, exprs, loc: node.loc };
  },
  *exec(plan, _input, ex) {
    const empty = new Batch([], [], 1);
    yield new Batch(plan.schema, plan.exprs.map((e) => toColumn(compileExpr(e, ex)(empty), 1)), 1);
  },
  explain: (plan) => `Print ${plan.schema.map((f, i) => `${f.name}:${f.type} = ${exprText(plan.exprs[i])}`).join(', ')}`,
};
