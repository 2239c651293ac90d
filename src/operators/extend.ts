import type { Assignment, Extend, Serialize } from '../parser/ast.js';
import { Batch } from '../engine/batch.js';
import { compileExpr, toColumn } from '../engine/compile-expr.js';
import { exprText, type BoundExpr } from '../engine/expr.js';
import type { BindContext, PlanNode } from '../engine/plan.js';
import { wholeIfWindowed } from '../engine/rows.js';
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
  readonly kind: 'Extend' | 'Serialize';
  /** Each assignment writes output column `target` (an existing position or a new one). */
  readonly assignments: readonly Assigned[];
}

/** Binds extend-style assignments over `rows` (the plan window functions in them see). */
function bindAssignments(items: readonly Assignment[], inPlan: PlanNode, rows: PlanNode, cx: BindContext) {
  const schema: Field[] = [...inPlan.schema];
  const assignments: Assigned[] = [];
  // As Microsoft's analyzer names them: an unnamed expression gets the first ColumnN that neither the
  // input nor an earlier unnamed expression has; a name written in the same extend does not count, and
  // the later of the two assignments wins (`extend Column1 = 1, a + 1` → one column Column1).
  const taken = new Set(inPlan.schema.map((f) => f.name));
  for (const item of items) {
    const expr = cx.bindScalar(item.expr, schema, rows);
    let name = item.name?.name ?? cx.inferName(item.expr, inPlan.schema);
    if (name === undefined) taken.add((name = nextColumnName(taken)));
    let target = schema.findIndex((f) => f.name === name);
    if (target < 0) {
      target = schema.length;
      schema.push({ name, type: expr.type });
    } else {
      schema[target] = { name, type: expr.type };
    }
    assignments.push({ target, expr, schemaAfter: [...schema] });
  }
  return { schema, assignments };
}

function* execAssignments(plan: ExtendPlan, input: Iterable<Batch>, ex: Parameters<OperatorDef['exec']>[2]) {
  const evals = plan.assignments.map((a) => ({ ...a, run: compileExpr(a.expr, ex) }));
  for (const batch of wholeIfWindowed(plan.assignments.map((a) => a.expr), plan.input!.schema, input)) {
    let current = batch;
    for (const a of evals) {
      const columns = [...current.columns];
      columns[a.target] = toColumn(a.run(current), batch.length);
      current = new Batch(a.schemaAfter, columns, batch.length);
    }
    yield current;
  }
}

const explainAssignments = (plan: ExtendPlan): string =>
  `${plan.kind} ${plan.assignments.map((a) => `${plan.schema[a.target].name}:${plan.schema[a.target].type} = ${exprText(a.expr)}`).join(', ')}`;

export const extend: OperatorDef<Extend, ExtendPlan> = {
  astKind: 'Extend',
  planKind: 'Extend',
  bind(node, input, cx) {
    const inPlan = inputOf(input);
    return { kind: 'Extend', input: inPlan, ...bindAssignments(node.items, inPlan, inPlan, cx), loc: node.loc };
  },
  exec: execAssignments,
  explain: explainAssignments,
};

/** `serialize`: the row order is fixed from here on, so window functions may be used (here and later). */
export const serialize: OperatorDef<Serialize, ExtendPlan> = {
  astKind: 'Serialize',
  planKind: 'Serialize',
  bind(node, input, cx) {
    const inPlan = inputOf(input);
    const rows: PlanNode = { kind: 'Serialize', schema: inPlan.schema, input: inPlan, loc: node.loc };
    return { kind: 'Serialize', input: inPlan, ...bindAssignments(node.items, inPlan, rows, cx), loc: node.loc };
  },
  exec: execAssignments,
  explain: explainAssignments,
};
