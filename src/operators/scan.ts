import type { Batch } from '../engine/batch.js';
import type { ExecContext, PlanNode } from '../engine/plan.js';
import { InternalError } from '../engine/errors.js';
import type { ExecDef } from './operator.js';

/** Reads a table given on the command line (or in the API's `tables`). */
export interface ScanPlan extends PlanNode {
  readonly kind: 'Scan';
  readonly table: string;
}

export const scan: ExecDef<ScanPlan> = {
  planKind: 'Scan',
  *exec(plan: ScanPlan, _input: Iterable<Batch>, ex: ExecContext): Iterable<Batch> {
    const t = ex.tables.get(plan.table);
    if (!t) throw new InternalError(`table ${plan.table} was not loaded`);
    yield* t.scan();
  },
  explain: (plan) => `Scan ${plan.table}`,
};
