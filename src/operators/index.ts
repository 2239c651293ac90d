/**
 * The operator registry: AST kind → operator, plan kind → executor. Adding an operator is one
 * file and one line here.
 */
import type { Node } from '../parser/ast.js';
import type { PlanNode } from '../engine/plan.js';
import { count } from './count.js';
import { extend } from './extend.js';
import { makeSeries } from './make-series.js';
import type { ExecDef, OperatorDef } from './operator.js';
import { print } from './print.js';
import { project } from './project.js';
import { range } from './range.js';
import { render } from './render.js';
import { scan } from './scan.js';
import { summarize } from './summarize.js';
import { take } from './take.js';
import { where } from './where.js';

/** Every operator, with the KQL keywords that spell it (for the support matrix and help). */
export const OPERATORS: readonly { readonly keywords: readonly string[]; readonly def: OperatorDef<never, never> }[] = [
  { keywords: ['where', 'filter'], def: where },
  { keywords: ['extend'], def: extend },
  { keywords: ['project'], def: project },
  { keywords: ['summarize'], def: summarize },
  { keywords: ['make-series'], def: makeSeries },
  { keywords: ['render'], def: render },
  { keywords: ['take', 'limit'], def: take },
  { keywords: ['count'], def: count },
  { keywords: ['print'], def: print },
  { keywords: ['range'], def: range },
] as never;

const byAst = new Map<string, OperatorDef>();
const byPlan = new Map<string, ExecDef>([[scan.planKind, scan as unknown as ExecDef]]);
for (const { def } of OPERATORS) {
  const d = def as unknown as OperatorDef;
  if (byAst.has(d.astKind)) throw new Error(`operator ${d.astKind} registered twice`);
  byAst.set(d.astKind, d);
  byPlan.set(d.planKind, d);
}

export function operatorFor(astKind: Node['kind']): OperatorDef | undefined {
  return byAst.get(astKind);
}

export function executorFor(plan: PlanNode): ExecDef {
  const d = byPlan.get(plan.kind);
  if (!d) throw new Error(`no executor for plan ${plan.kind}`);
  return d;
}

export type { ScanPlan } from './scan.js';
export type { RenderPlan } from './render.js';
