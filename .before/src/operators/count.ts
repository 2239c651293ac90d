import type { Count } from '../parser/ast.js';
import { Batch } from '../engine/batch.js';
import { Column } from '../engine/column.js';
import type { PlanNode } from '../engine/plan.js';
import type { Field } from '../engine/types.js';
import { inputOf, type OperatorDef } from './operator.js';

export interface CountPlan extends PlanNode {
  readonly kind: 'Count';
}

const SCHEMA: readonly Field[] = [{ name: 'Count', type: 'long' }];

/** `count`: one row, one column `Count` (long) with the number of input rows. */
export const count: OperatorDef<Count, CountPlan> = {
  astKind: 'Count',
  planKind: 'Count',
  bind: (node, input) => ({ kind: 'Count', schema: SCHEMA, input: inputOf(input), loc: node.loc }),
  *exec(plan, input) {
    let n = 0;
    for (const batch of input) n += batch.length;
    yield new Batch(plan.schema, [Column.fromValues('long', [BigInt(n)])]);
  },
  explain: () => 'Count',
};
