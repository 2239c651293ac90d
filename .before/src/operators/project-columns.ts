import type { ColumnPattern, ProjectColumns, ProjectRename } from '../parser/ast.js';
import { Batch } from '../engine/batch.js';
import { SemanticError } from '../engine/errors.js';
import type { PlanNode } from '../engine/plan.js';
import { requireColumn } from '../engine/schema.js';
import type { Field } from '../engine/types.js';
import { inputOf, type OperatorDef } from './operator.js';

/** Output column i is input column `sources[i]` (possibly renamed). */
export interface SelectPlan extends PlanNode {
  readonly kind: 'Select';
  readonly operator: string;
  readonly sources: readonly number[];
}

function matcher(p: ColumnPattern): (name: string) => boolean {
  if (!p.pattern.includes('*')) return (name) => name === p.pattern;
  const re = new RegExp('^' + p.pattern.split('*').map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*') + '$');
  return (name) => re.test(name);
}

/** Input positions matched by one pattern; a plain name must exist. */
function matches(p: ColumnPattern, schema: readonly Field[]): number[] {
  if (!p.pattern.includes('*')) return [requireColumn(schema, p.pattern, p.loc)];
  const m = matcher(p);
  const found = schema.flatMap((f, i) => (m(f.name) ? [i] : []));
  if (p.order === 'asc' || p.order === 'granny-asc') found.sort((a, b) => (schema[a].name < schema[b].name ? -1 : 1));
  if (p.order === 'desc' || p.order === 'granny-desc') found.sort((a, b) => (schema[a].name < schema[b].name ? 1 : -1));
  return found;
}

function selectPlan(operator: string, input: PlanNode, sources: number[], loc: PlanNode['loc'], names?: string[]): SelectPlan {
  const schema = sources.map((s, i) => ({ name: names?.[i] ?? input.schema[s].name, type: input.schema[s].type }));
  return { kind: 'Select', operator, schema, input, sources, loc };
}

/** `project-away`, `project-keep`, `project-reorder`: select input columns by name or wildcard. */
export const projectColumns: OperatorDef<ProjectColumns, SelectPlan> = {
  astKind: 'ProjectColumns',
  planKind: 'Select',
  bind(node, input) {
    const inPlan = inputOf(input);
    const schema = inPlan.schema;
    const picked = node.columns.flatMap((p) => matches(p, schema));
    const pickedSet = new Set(picked);
    const all = schema.map((_, i) => i);
    switch (node.variant) {
      case 'project-away':
        return selectPlan(node.variant, inPlan, all.filter((i) => !pickedSet.has(i)), node.loc);
      case 'project-keep':
        return selectPlan(node.variant, inPlan, all.filter((i) => pickedSet.has(i)), node.loc);
      case 'project-reorder': {
        const first = [...new Set(picked)];
        return selectPlan(node.variant, inPlan, [...first, ...all.filter((i) => !pickedSet.has(i))], node.loc);
      }
    }
  },
  *exec(plan, input) {
    for (const batch of input) yield new Batch(plan.schema, plan.sources.map((s) => batch.columns[s]), batch.length);
  },
  explain: (plan) => `${plan.operator} [${plan.schema.map((f) => f.name).join(', ')}]`,
};

/** `project-rename New = Old`: same columns, same order, new names. */
export const projectRename: OperatorDef<ProjectRename, SelectPlan> = {
  astKind: 'ProjectRename',
  planKind: 'Select',
  bind(node, input) {
    const inPlan = inputOf(input);
    const names = inPlan.schema.map((f) => f.name);
    for (const { newName, oldName } of node.items) {
      const i = requireColumn(inPlan.schema, oldName.name, oldName.loc);
      names[i] = newName.name;
    }
    if (new Set(names).size !== names.length) {
      throw new SemanticError(`'project-rename' would give two columns the same name.`, node.loc);
    }
    return selectPlan('project-rename', inPlan, inPlan.schema.map((_, i) => i), node.loc, names);
  },
  exec: projectColumns.exec,
  explain: projectColumns.explain,
};
