import type { Summarize } from '../parser/ast.js';
import { Batch } from '../engine/batch.js';
import { Column } from '../engine/column.js';
import { compileExpr, toColumn } from '../engine/compile-expr.js';
import {
  argumentReaders, bindAggregate, bindOverAggregates, createAccumulator, isAggregateCall, type AggregateSlot,
  type ComputedAggregate,
} from '../engine/bind-aggregate.js';
import { SemanticError } from '../engine/errors.js';
import { exprText, type BoundExpr } from '../engine/expr.js';
import { Grouper } from '../engine/grouping.js';
import type { PlanNode } from '../engine/plan.js';
import { uniqueName } from '../engine/schema.js';
import type { Field } from '../engine/types.js';
import { ArgExtremeState, bindArgExtreme, isArgExtreme, type ArgExtreme } from './arg-extreme.js';
import { inputOf, type OperatorDef } from './operator.js';

/** One aggregate of the summarize: an accumulator slot, an expression over several, or arg_max/arg_min (several columns). */
type Output =
  | { readonly kind: 'aggregate'; readonly slot: AggregateSlot }
  | ComputedAggregate
  | { readonly kind: 'arg'; readonly arg: ArgExtreme };

export interface SummarizePlan extends PlanNode {
  readonly kind: 'Summarize';
  readonly by: readonly BoundExpr[];
  readonly outputs: readonly Output[];
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
    // Unnamed columns are Column1, Column2, … counted over this operator (then made unique, as Kusto does).
    let unnamed = 0;
    const columnName = () => `Column${++unnamed}`;
    const by = node.by.map((item) => {
      const expr = cx.bindScalar(item.expr, inPlan.schema);
      if (expr.type === 'dynamic') {
        throw new SemanticError(`A 'summarize' key cannot be of type dynamic; convert it first (for example with tostring()).`, item.expr.loc);
      }
      const name = uniqueName(item.name?.name ?? cx.inferName(item.expr, inPlan.schema) ?? columnName(), taken);
      taken.add(name);
      schema.push({ name, type: expr.type });
      return expr;
    });
    const byNames = new Set(schema.map((f) => f.name));
    const outputs = node.aggregates.map((item): Output => {
      if (item.expr.kind === 'Call' && isArgExtreme(item.expr)) {
        const arg = bindArgExtreme(item.expr, item.name?.name, inPlan.schema, byNames, cx);
        for (const f of arg.fields) {
          const name = uniqueName(f.name, taken);
          taken.add(name);
          schema.push({ name, type: f.type });
        }
        return { kind: 'arg', arg };
      }
      const name = uniqueName(item.name?.name ?? cx.inferName(item.expr, inPlan.schema) ?? columnName(), taken);
      taken.add(name);
      if (isAggregateCall(item.expr)) {
        const slot = bindAggregate(item.expr, inPlan.schema, cx);
        schema.push({ name, type: slot.resultType });
        return { kind: 'aggregate', slot };
      }
      const computed = bindOverAggregates(item.expr, inPlan.schema, cx);
      schema.push({ name, type: computed.expr.type });
      return computed;
    });
    return { kind: 'Summarize', schema, input: inPlan, by, outputs, loc: node.loc };
  },
  *exec(plan, input, ex) {
    const keys = plan.by.map((e) => compileExpr(e, ex));
    const runners = plan.outputs.map((o) => {
      if (o.kind === 'arg') {
        const state = new ArgExtremeState(o.arg);
        const expr = compileExpr(o.arg.expr, ex);
        return {
          add: (groups: Int32Array, batch: Batch) =>
            state.add(groups, batch.length, expr(batch), o.arg.carried.map((c) => batch.columns[c].reader())),
          columns: (count: number) => o.arg.fields.map((f, k) => Column.fromValues(f.type, state.column(k, count))),
        };
      }
      const slots = o.kind === 'aggregate' ? [o.slot] : o.slots;
      const accumulators = slots.map((slot) => {
        const acc = createAccumulator(slot);
        const args = slot.args.map((a) => compileExpr(a, ex));
        return {
          add: (groups: Int32Array, batch: Batch) => acc.add(groups, batch.length, argumentReaders(slot, args.map((f) => f(batch)))),
          column: (count: number) => Column.fromValues(slot.resultType, acc.result(count)),
        };
      });
      const computed = o.kind === 'computed' ? { fields: o.fields, run: compileExpr(o.expr, ex) } : undefined;
      return {
        add: (groups: Int32Array, batch: Batch) => accumulators.forEach((a) => a.add(groups, batch)),
        columns: (count: number) => {
          const results = accumulators.map((a) => a.column(count));
          return computed ? [toColumn(computed.run(new Batch(computed.fields, results, count)), count)] : results;
        },
      };
    });
    const grouper = new Grouper(plan.by.map((e) => e.type));
    for (const batch of input) {
      const groups = grouper.assign(keys.map((k) => k(batch)), batch.length);
      for (const r of runners) r.add(groups, batch);
    }
    const groupCount = plan.by.length === 0 ? 1 : grouper.count;
    if (groupCount === 0) return;
    const columns = [...grouper.keyColumns(), ...runners.flatMap((r) => r.columns(groupCount))];
    yield new Batch(plan.schema, columns, groupCount);
  },
  explain: (plan) => {
    let at = plan.by.length;
    const aggs = plan.outputs.map((o) => {
      if (o.kind === 'arg') {
        const fields = plan.schema.slice(at, (at += o.arg.fields.length));
        return `${o.arg.max ? 'arg_max' : 'arg_min'}(${exprText(o.arg.expr)}) → ${fields.map((f) => `${f.name}:${f.type}`).join(', ')}`;
      }
      const call = (slot: AggregateSlot) => `${slot.fn.name}(${slot.args.map(exprText).join(', ')})`;
      const f = plan.schema[at++];
      if (o.kind === 'aggregate') return `${f.name}:${f.type} = ${call(o.slot)}`;
      // The hidden result columns are shown as #0, #1, …
      return `${f.name}:${f.type} = ${exprText(o.expr).replace(/\u0000/g, '#')} where ${o.slots.map((s, k) => `#${k} = ${call(s)}`).join(', ')}`;
    });
    const by = plan.by.map((e, i) => `${plan.schema[i].name}:${e.type} = ${exprText(e)}`);
    return `Summarize ${aggs.join(', ')}${by.length ? ` by ${by.join(', ')}` : ''}`;
  },
};
