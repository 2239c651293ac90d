/**
 * The operator registry: AST kind → operator, plan kind → executor. Adding an operator is one
 * file and one line here.
 */
import type { Node } from '../parser/ast.js';
import type { PlanNode } from '../engine/plan.js';
import { as } from './as.js';
import { count } from './count.js';
import { datatable } from './datatable.js';
import { distinct } from './distinct.js';
import { join, lookup } from './join.js';
import { getschema } from './getschema.js';
import { scanOperator } from './scan-operator.js';
import { mvApply } from './mv-apply.js';
import { mvExpand } from './mv-expand.js';
import { parse } from './parse.js';
import { evaluate } from './evaluate.js';
import { projectColumns, projectRename } from './project-columns.js';
import { sort } from './sort.js';
import { top } from './top.js';
import { union } from './union.js';
import { extend, serialize } from './extend.js';
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
  { keywords: ['serialize'], def: serialize },
  { keywords: ['project'], def: project },
  { keywords: ['summarize'], def: summarize },
  { keywords: ['make-series'], def: makeSeries },
  { keywords: ['render'], def: render },
  { keywords: ['take', 'limit'], def: take },
  { keywords: ['count'], def: count },
  { keywords: ['print'], def: print },
  { keywords: ['range'], def: range },
  { keywords: ['sort', 'order'], def: sort },
  { keywords: ['top'], def: top },
  { keywords: ['distinct'], def: distinct },
  { keywords: ['project-away', 'project-keep', 'project-reorder'], def: projectColumns },
  { keywords: ['project-rename'], def: projectRename },
  { keywords: ['join'], def: join },
  { keywords: ['lookup'], def: lookup },
  { keywords: ['union'], def: union },
  { keywords: ['mv-expand'], def: mvExpand },
  { keywords: ['mv-apply'], def: mvApply },
  { keywords: ['getschema'], def: getschema },
  { keywords: ['scan'], def: scanOperator },
  { keywords: ['parse', 'parse-where'], def: parse },
  { keywords: ['evaluate'], def: evaluate },
  { keywords: ['as'], def: as },
  { keywords: ['datatable'], def: datatable },
] as never;

const byAst = new Map<string, OperatorDef>();
// Several operators may share one plan kind and executor (project-away and project-rename: Select).
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
