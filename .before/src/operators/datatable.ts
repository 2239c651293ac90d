import type { Datatable } from '../parser/ast.js';
import { Batch, type Table } from '../engine/batch.js';
import { ColumnBuilder, type JsValue } from '../engine/column.js';
import { SemanticError } from '../engine/errors.js';
import { convertValue } from '../engine/functions/signature.js';
import type { PlanNode } from '../engine/plan.js';
import { parseTypeName, type Field, type KqlType } from '../engine/types.js';
import type { OperatorDef } from './operator.js';

export interface DatatablePlan extends PlanNode {
  readonly kind: 'Datatable';
  readonly table: Table;
}

/** `datatable (a:long, b:string) [1, "x", ...]`: literal rows, converted to the declared types. */
export const datatable: OperatorDef<Datatable, DatatablePlan> = {
  astKind: 'Datatable',
  planKind: 'Datatable',
  bind(node, _input, cx) {
    const schema: Field[] = node.columns.map((c) => {
      const type = parseTypeName(c.typeName);
      if (!type) throw new SemanticError(`Unknown type '${c.typeName}'.`, c.name.loc);
      return { name: c.name.name, type };
    });
    if (node.values.length % schema.length !== 0) {
      throw new SemanticError(
        `'datatable' has ${node.values.length} values, not a multiple of its ${schema.length} columns.`, node.loc);
    }
    const rows = node.values.length / schema.length;
    const builders = schema.map((f) => new ColumnBuilder(f.type, rows));
    node.values.forEach((e, i) => {
      const k = i % schema.length;
      const want = schema[k].type;
      const { type, value } = cx.constantValue(e);
      builders[k].append(toDeclared(value, type, want, e.loc));
    });
    const columns = builders.map((b) => b.finish());
    return { kind: 'Datatable', schema, table: { schema, batches: rows > 0 ? [new Batch(schema, columns, rows)] : [] }, loc: node.loc };
  },
  *exec(plan) {
    yield* plan.table.batches;
  },
  explain: (plan) => `Datatable ${plan.table.batches.reduce((n, b) => n + b.length, 0)} rows`,
};

function toDeclared(value: JsValue, from: KqlType, to: KqlType, loc: Datatable['loc']): JsValue {
  if (from === to) return value;
  if (value === null) return to === 'string' ? '' : null;
  if (to === 'dynamic') return value as JsValue;
  if (to === 'int' && from === 'long') return Number(value);
  if ((to === 'real' || to === 'decimal' || to === 'long') && (from === 'int' || from === 'long' || from === 'real')) {
    if (to === 'long') {
      if (from === 'real') throw new SemanticError(`A real value cannot go in the long column of a datatable.`, loc);
      return BigInt(value as number);
    }
    return convertValue(value, from, to);
  }
  throw new SemanticError(`A ${from} value cannot go in a ${to} column of a datatable.`, loc);
}
