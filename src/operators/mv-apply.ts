import type { MvApply } from '../parser/ast.js';
import { Batch } from '../engine/batch.js';
import { executePlan } from '../engine/execute.js';
import type { PlanNode } from '../engine/plan.js';
import type { Field } from '../engine/types.js';
import { mvExpand } from './mv-expand.js';
import { inputOf, type OperatorDef } from './operator.js';
import type { ScanPlan } from './scan.js';

/** Where an output column comes from: a column of the input row (repeated) or of the subquery's result. */
type ColumnSource = { readonly outer: true; readonly index: number } | { readonly outer: false; readonly index: number };

export interface MvApplyPlan extends PlanNode {
  readonly kind: 'MvApply';
  /** The name under which the subquery's leaf scan finds the current row. */
  readonly rowTable: string;
  /** mv-expand of one row, then the subquery's operators. */
  readonly subquery: PlanNode;
  readonly sources: readonly ColumnSource[];
}

/**
 * `mv-apply`: each input row is expanded as by mv-expand, the subquery runs over that subtable, and
 * the results are concatenated in input order. Output columns (as Microsoft's analyzer computes
 * them): the input's columns, less those an expansion replaced, each taken from the subquery's
 * result when it has a column of that name; then the subquery's other columns.
 */
export const mvApply: OperatorDef<MvApply, MvApplyPlan> = {
  astKind: 'MvApply',
  planKind: 'MvApply',
  bind(node, input, cx) {
    const inPlan = inputOf(input);
    // A name no table can have: nested mv-apply operators differ by position.
    const rowTable = `\u0000mv-apply row@${node.loc.start}`;
    const row: ScanPlan = { kind: 'Scan', table: rowTable, schema: inPlan.schema, loc: node.loc };
    const expanded = mvExpand.bind(node.expand, row, cx);
    const subquery = cx.bindOperators(node.subquery, expanded);
    const replaced = new Set(expanded.items.map((it) => it.target).filter((t) => t < inPlan.schema.length));
    const schema: Field[] = [];
    const sources: ColumnSource[] = [];
    const fromSub = new Set<number>();
    inPlan.schema.forEach((f, i) => {
      if (replaced.has(i)) return;
      const s = subquery.schema.findIndex((g) => g.name === f.name);
      if (s >= 0) fromSub.add(s);
      schema.push(s >= 0 ? subquery.schema[s] : f);
      sources.push(s >= 0 ? { outer: false, index: s } : { outer: true, index: i });
    });
    subquery.schema.forEach((f, s) => {
      if (fromSub.has(s)) return;
      schema.push(f);
      sources.push({ outer: false, index: s });
    });
    return { kind: 'MvApply', schema, input: inPlan, rowTable, subquery, sources, loc: node.loc };
  },
  *exec(plan, input, ex) {
    for (const batch of input) {
      for (let i = 0; i < batch.length; i++) {
        const row = batch.take(Int32Array.of(i));
        const tables = new Map(ex.tables).set(plan.rowTable, { schema: batch.schema, scan: () => [row] });
        for (const result of executePlan(plan.subquery, { ...ex, tables })) {
          if (result.length === 0) continue;
          const repeat = new Int32Array(result.length).fill(i);
          const columns = plan.sources.map((s) => (s.outer ? batch.columns[s.index].take(repeat) : result.columns[s.index]));
          yield new Batch(plan.schema, columns, result.length);
        }
      }
    }
  },
  explain: (plan) => `MvApply ${plan.subquery.schema.map((f) => `${f.name}:${f.type}`).join(', ')}`,
};
