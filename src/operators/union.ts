import type { Union } from '../parser/ast.js';
import { Batch } from '../engine/batch.js';
import { Column } from '../engine/column.js';
import { KqlError, SemanticError } from '../engine/errors.js';
import { executePlan } from '../engine/execute.js';
import type { PlanNode } from '../engine/plan.js';
import type { Field } from '../engine/types.js';
import type { AsPlan } from './as.js';
import type { ScanPlan } from './scan.js';
import type { OperatorDef } from './operator.js';

export interface UnionPlan extends PlanNode {
  readonly kind: 'Union';
  readonly operands: readonly PlanNode[];
  /** The name of each operand, for `withsource`. */
  readonly sourceNames: readonly string[];
  /** For each operand, the input column feeding each output column (-1: none, filled with null/""). */
  readonly mapping: readonly (readonly number[])[];
  readonly withSource: boolean;
}

/**
 * `union`: the rows of every operand. kind=outer (default) keeps every column, matched by name
 * and type (a name with two types becomes `name_type` columns); kind=inner keeps the common ones.
 */
export const union: OperatorDef<Union, UnionPlan> = {
  astKind: 'Union',
  planKind: 'Union',
  bind(node, input, cx) {
    const operands: PlanNode[] = input ? [input] : [];
    // withsource names each operand: a table, let or `as` name where it has one.
    const nameOf = (plan: PlanNode, k: number, written?: string): string =>
      plan.kind === 'As' ? (plan as AsPlan).name : written ?? (plan.kind === 'Scan' ? (plan as ScanPlan).table : `union_arg${k}`);
    const sourceNames: string[] = input ? [nameOf(input, 0)] : [];
    node.tables.forEach((t) => {
      try {
        const plan = cx.bindTabular(t);
        sourceNames.push(nameOf(plan, operands.length, t.kind === 'Name' ? t.name : undefined));
        operands.push(plan);
      } catch (e) {
        // isfuzzy=true skips operands that do not resolve (missing tables).
        if (!(node.isFuzzy && e instanceof KqlError && e.code === 'UNKNOWN_TABLE')) throw e;
      }
    });
    if (operands.length === 0) throw new SemanticError(`'union' has no table that resolves.`, node.loc);
    const kind = node.unionKind ?? 'outer';
    if (kind !== 'outer' && kind !== 'inner') throw new SemanticError(`Unknown union kind '${kind}'.`, node.loc);
    // A column is identified by name and type; names used with several types get a type suffix.
    const typesByName = new Map<string, Set<string>>();
    for (const p of operands) for (const f of p.schema) (typesByName.get(f.name) ?? typesByName.set(f.name, new Set()).get(f.name)!).add(f.type);
    const outName = (f: Field): string => (typesByName.get(f.name)!.size > 1 ? `${f.name}_${f.type}` : f.name);
    const columns: Field[] = [];
    for (const p of operands) {
      for (const f of p.schema) {
        const name = outName(f);
        if (!columns.some((c) => c.name === name)) columns.push({ name, type: f.type });
      }
    }
    const kept = kind === 'inner'
      ? columns.filter((c) => operands.every((p) => p.schema.some((f) => outName(f) === c.name)))
      : columns;
    const mapping = operands.map((p) => kept.map((c) => p.schema.findIndex((f) => outName(f) === c.name)));
    const withSource = node.withSource !== undefined;
    const schema: Field[] = withSource ? [{ name: node.withSource!.name, type: 'string' }, ...kept] : kept;
    return { kind: 'Union', schema, operands, sourceNames, mapping, withSource, loc: node.loc };
  },
  *exec(plan, _input, ex) {
    for (let k = 0; k < plan.operands.length; k++) {
      const fields = plan.withSource ? plan.schema.slice(1) : plan.schema;
      for (const batch of executePlan(plan.operands[k], ex)) {
        const columns = plan.mapping[k].map((src, c) =>
          src >= 0 ? batch.columns[src] : Column.constant(fields[c].type, fields[c].type === 'string' ? '' : null, batch.length));
        if (plan.withSource) columns.unshift(Column.constant('string', plan.sourceNames[k], batch.length));
        yield new Batch(plan.schema, columns, batch.length);
      }
    }
  },
  explain: (plan) => `Union ${plan.operands.length} operands`,
};
