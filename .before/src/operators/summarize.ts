import type { Summarize } from '../parser/ast.js';
import { Batch } from '../engine/batch.js';
import { Column } from '../engine/column.js';
import { compileExpr } from '../engine/compile-expr.js';
import {
  argumentReaders, bindAggregate, containsAggregate, createAccumulator, isAggregateCall, type AggregateSlot,
} from '../engine/bind-aggregate.js';
import { NotSupportedError, SemanticError } from '../engine/errors.js';
import { exprText, type BoundExpr } from '../engine/expr.js';
import { Grouper } from '../engine/grouping.js';
import type { PlanNode } from '../engine/plan.js';
import { nextColumnName, uniqueName } from '../engine/schema.js';
import type { Field } from '../engine/types.js';
import { inputOf, type OperatorDef } from './operator.js';

export interface SummarizePlan extends PlanNode {
  readonly kind: 'Summarize';
  readonly by: readonly BoundExpr[];
  readonly aggregates: readonly AggregateSlot[];
}

/**
 * `summarize Aggs by Keys`: output columns are the keys (in order) then the aggregates (in
 * order). Without `by`, empty input still gives one row of empty-input results.
 */
export const summarize: OperatorDef<Summarize, SummarizePlan> = {
  astKind: 'Summarize',
  planKind: 'Summarize',
  bind(node, input, cx) {
    const inPlan = inputOf(input);
    const schema: Field[] = [];
    const taken = new Set<string>();
    const by = node.by.map((item) => {
      const expr = cx.bindScalar(item.expr, inPlan.schema);
      if (expr.type === 'dynamic') {
        throw new SemanticError(`A 'summarize' key cannot be of type dynamic; convert it first (for example with tostring()).`, item.expr.loc);
      }
      const name = uniqueName(item.name?.name ?? cx.inferName(item.expr, true, inPlan.schema) ?? nextColumnName(taken), taken);
      taken.add(name);
      schema.push({ name, type: expr.type });
      return expr;
    });
    const aggregates = node.aggregates.map((item) => {
      if (!isAggregateCall(item.expr)) {
        if (containsAggregate(item.expr)) {
          throw new NotSupportedError('expressions over aggregate results in summarize (write the aggregate alone, then extend)', item.expr.loc);
        }
        throw new SemanticError(`'summarize' expects an aggregate function such as count() or sum(x).`, item.expr.loc);
      }
      const slot = bindAggregate(item.expr, inPlan.schema, cx);
      const name = uniqueName(item.name?.name ?? slot.name, taken);
      taken.add(name);
      schema.push({ name, type: slot.resultType });
      return slot;
    });
    return { kind: 'Summarize', schema, input: inPlan, by, aggregates, loc: node.loc };
  },
  *exec(plan, input, ex) {
    const keys = plan.by.map((e) => compileExpr(e, ex));
    const args = plan.aggregates.map((s) => s.args.map((a) => compileExpr(a, ex)));
    const accs = plan.aggregates.map(createAccumulator);
    const grouper = new Grouper(plan.by.map((e) => e.type));
    for (const batch of input) {
      const groups = grouper.assign(keys.map((k) => k(batch)), batch.length);
      plan.aggregates.forEach((slot, a) => {
        accs[a].add(groups, batch.length, argumentReaders(slot, args[a].map((f) => f(batch))));
      });
    }
    const groupCount = plan.by.length === 0 ? 1 : grouper.count;
    if (groupCount === 0) return;
    const columns = [
      ...grouper.keyColumns(),
      ...accs.map((acc, a) => Column.fromValues(plan.aggregates[a].resultType, acc.result(groupCount))),
    ];
    yield new Batch(plan.schema, columns, groupCount);
  },
  explain: (plan) => {
    const n = plan.by.length;
    const aggs = plan.aggregates.map((s, i) => `${plan.schema[n + i].name}:${s.resultType} = ${s.fn.name}(${s.args.map(exprText).join(', ')})`);
    const by = plan.by.map((e, i) => `${plan.schema[i].name}:${e.type} = ${exprText(e)}`);
    return `Summarize ${aggs.join(', ')}${by.length ? ` by ${by.join(', ')}` : ''}`;
  },
};
