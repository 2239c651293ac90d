/**
 * Runs a bound plan: each operator's exec pulls batches from its input's, so rows stream through
 * the pipeline and only pipeline breakers (summarize, make-series, count) hold state.
 */
import { executorFor } from '../operators/index.js';
import type { Batch, Table } from './batch.js';
import type { BoundQuery } from './bind.js';
import type { ExecContext, PlanNode, Visualization } from './plan.js';

/** One result table of a query, with the chart metadata `render` attached to it. */
export interface QueryResult {
  readonly name: string;
  readonly table: Table;
  readonly visualization?: Visualization;
}

export function executePlan(plan: PlanNode, ex: ExecContext): Iterable<Batch> {
  const input = plan.input ? executePlan(plan.input, ex) : [];
  return executorFor(plan).exec(plan, input, ex);
}

export function executeQuery(bound: BoundQuery, ex: ExecContext): QueryResult[] {
  return bound.results.map((r) => ({
    name: r.name,
    table: { schema: r.plan.schema, batches: [...executePlan(r.plan, ex)] },
    visualization: r.visualization,
  }));
}

/** The plan as text, one line per operator, output first, each input indented below it. */
export function explainPlan(plan: PlanNode): string {
  const lines: string[] = [];
  for (let p: PlanNode | undefined = plan, depth = 0; p; p = p.input, depth++) {
    const schema = p.schema.map((f) => `${f.name}:${f.type}`).join(', ');
    lines.push(`${'  '.repeat(depth)}${executorFor(p).explain(p as never)}  [${schema}]`);
  }
  return lines.join('\n');
}
