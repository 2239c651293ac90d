import type { Project } from '../parser/ast.js';
import { Batch } from '../engine/batch.js';
import { compileExpr, toColumn } from '../engine/compile-expr.js';
import { SemanticError } from '../engine/errors.js';
import { exprText, type BoundExpr } from '../engine/expr.js';
import type { PlanNode } from '../engine/plan.js';
import { wholeIfWindowed } from '../engine/rows.js';
import { uniqueName } from '../engine/schema.js';
import type { Field } from '../engine/types.js';
import { inputOf, type OperatorDef } from './operator.js';

export interface ProjectPlan extends PlanNode {
  readonly kind: 'Project';
  readonly exprs: readonly BoundExpr[];
}

export const project: OperatorDef<Project, ProjectPlan> = {
  astKind: 'Project',
  planKind: 'Project',
  bind(node, input, cx) {
    const inPlan = inputOf(input);
    const schema: Field[] = [];
    const exprs: BoundExpr[] = [];
    const taken = new Set<string>();
    const writtenNames = new Set<string>();
    let unnamed = 0;
    for (const item of node.items) {
      const expr = cx.bindScalar(item.expr, inPlan.schema, inPlan);
      // As Microsoft's analyzer names them: a name written out (`a = …` or a bare column) may not repeat;
      // the k-th expression without a name is Column<k>; a name inferred from a function call, or met
      // again, gets a numeric suffix (`project Timestamp, tostring(Timestamp)` → Timestamp1;
      // `project Column2 = 1, a + 1, b + 1` → Column2, Column1, Column21).
      const written = item.name?.name ?? (item.expr.kind === 'Name' ? item.expr.name : undefined);
      if (written !== undefined && writtenNames.has(written)) {
        throw new SemanticError(`The column '${written}' appears twice in 'project'.`, item.loc);
      }
      if (written !== undefined) writtenNames.add(written);
      const name = uniqueName(written ?? cx.inferName(item.expr, inPlan.schema) ?? `Column${++unnamed}`, taken);
      taken.add(name);
      schema.push({ name, type: expr.type });
      exprs.push(expr);
    }
    return { kind: 'Project', schema, input: inPlan, exprs, loc: node.loc };
  },
  *exec(plan, input, ex) {
    const evals = plan.exprs.map((e) => compileExpr(e, ex));
    for (const batch of wholeIfWindowed(plan.exprs, plan.input!.schema, input)) {
      yield new Batch(plan.schema, evals.map((run) => toColumn(run(batch), batch.length)), batch.length);
    }
  },
  explain: (plan) => `Project ${plan.schema.map((f, i) => `${f.name}:${f.type} = ${exprText(plan.exprs[i])}`).join(', ')}`,
};
