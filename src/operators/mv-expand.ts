import type { MvExpand } from '../parser/ast.js';
import { Batch } from '../engine/batch.js';
import { ColumnBuilder, type JsValue } from '../engine/column.js';
import { compileExpr, readerOf } from '../engine/compile-expr.js';
import { isBag, type DynValue } from '../engine/dynamic.js';
import { SemanticError } from '../engine/errors.js';
import { exprText, type BoundExpr } from '../engine/expr.js';
import type { PlanNode } from '../engine/plan.js';
import { gather } from '../engine/rows.js';
import { parseIsoDatetime, parseTimespanText } from '../engine/time.js';
import { parseTypeName, type Field, type KqlType } from '../engine/types.js';
import { inputOf, type OperatorDef } from './operator.js';

interface ExpandItem {
  readonly expr: BoundExpr;
  /** The output column it writes (an input position it replaces, or a new one). */
  readonly target: number;
  readonly type: KqlType;
}

export interface MvExpandPlan extends PlanNode {
  readonly kind: 'MvExpand';
  readonly items: readonly ExpandItem[];
  readonly bagAsArray: boolean;
  readonly limit: number;
  /** Output position of the with_itemindex column, if any. */
  readonly indexColumn: number;
}

/** `to typeof(T)` casts elements without parsing text; elements of another kind become null. */
function castElement(v: DynValue, type: KqlType): JsValue {
  if (v === null) return type === 'string' ? '' : null;
  switch (type) {
    case 'dynamic':
      return v;
    case 'string':
      return typeof v === 'string' ? v : '';
    case 'long':
      return typeof v === 'bigint' ? v : null;
    case 'int':
      return typeof v === 'bigint' && v >= -(2n ** 31n) && v < 2n ** 31n ? Number(v) : null;
    case 'real':
    case 'decimal':
      return typeof v === 'number' ? v : typeof v === 'bigint' ? Number(v) : null;
    case 'bool':
      return typeof v === 'boolean' ? v : null;
    case 'guid':
      return typeof v === 'string' && /^[0-9a-f-]{36}$/i.test(v) ? v.toLowerCase() : null;
    // Datetimes and timespans inside dynamic values are held as their text (see dynamic.ts).
    case 'datetime':
      return typeof v === 'string' ? parseIsoDatetime(v) ?? null : null;
    case 'timespan':
      return typeof v === 'string' ? parseTimespanText(v) ?? null : null;
  }
}

/** The elements a value expands to: array elements, bag entries, or the value itself. */
function elements(v: DynValue, bagAsArray: boolean): DynValue[] {
  if (v === null) return [null];
  if (Array.isArray(v)) return v;
  if (isBag(v)) return [...v].map(([k, x]) => (bagAsArray ? [k, x] : new Map([[k, x]])));
  return [v];
}

/** `mv-expand`: one output row per element of the expanded arrays (expanded side by side). */
export const mvExpand: OperatorDef<MvExpand, MvExpandPlan> = {
  astKind: 'MvExpand',
  planKind: 'MvExpand',
  bind(node, input, cx) {
    const inPlan = inputOf(input);
    const schema: Field[] = [...inPlan.schema];
    let unnamed = 0;
    const items = node.items.map((item) => {
      const expr = cx.bindScalar(item.expr, inPlan.schema);
      if (expr.type !== 'dynamic') {
        throw new SemanticError(`'mv-expand' expands dynamic arrays or bags; this is a ${expr.type}.`, item.expr.loc);
      }
      let type: KqlType = 'dynamic';
      if (item.toType) {
        const t = parseTypeName(item.toType);
        if (!t) throw new SemanticError(`Unknown type '${item.toType}'.`, item.loc);
        type = t;
      }
      // The k-th expression without a name is Column<k>, replacing a column of that name (as Microsoft's analyzer does).
      const name = item.name?.name ?? cx.inferName(item.expr, inPlan.schema) ?? `Column${++unnamed}`;
      let target = schema.findIndex((f) => f.name === name);
      if (target < 0) target = schema.push({ name, type }) - 1;
      else schema[target] = { name, type };
      return { expr, target, type };
    });
    let limit = 2147483647;
    if (node.limit) limit = Number(cx.constantValue(node.limit, ['long', 'int']).value);
    const indexColumn = node.withItemIndex ? schema.push({ name: node.withItemIndex.name, type: 'long' }) - 1 : -1;
    if (node.bagExpansion && node.bagExpansion !== 'bag' && node.bagExpansion !== 'array') {
      throw new SemanticError(`Unknown bagexpansion '${node.bagExpansion}'; use bag or array.`, node.loc);
    }
    return {
      kind: 'MvExpand', schema, input: inPlan, items, bagAsArray: node.bagExpansion === 'array', limit, indexColumn,
      loc: node.loc,
    };
  },
  *exec(plan, input, ex) {
    const evals = plan.items.map((it) => compileExpr(it.expr, ex));
    for (const batch of input) {
      const readers = evals.map((f) => readerOf(f(batch)));
      const sourceRows: number[] = [];
      const builders = plan.items.map((it) => new ColumnBuilder(it.type, batch.length));
      const index = new ColumnBuilder('long', batch.length);
      for (let i = 0; i < batch.length; i++) {
        const lists = readers.map((r) => elements(r(i) as DynValue, plan.bagAsArray));
        const count = Math.min(plan.limit, Math.max(...lists.map((l) => l.length)));
        for (let k = 0; k < count; k++) {
          sourceRows.push(i);
          plan.items.forEach((it, j) => builders[j].append(castElement(k < lists[j].length ? lists[j][k] : null, it.type)));
          index.append(BigInt(k));
        }
      }
      if (sourceRows.length === 0) continue;
      const rows = Int32Array.from(sourceRows);
      const columns = batch.columns.map((c) => gather(c, rows));
      plan.items.forEach((it, j) => {
        columns[it.target] = builders[j].finish();
      });
      if (plan.indexColumn >= 0) columns[plan.indexColumn] = index.finish();
      yield new Batch(plan.schema, columns, rows.length);
    }
  },
  explain: (plan) => `MvExpand ${plan.items.map((it) => `${plan.schema[it.target].name}:${it.type} = ${exprText(it.expr)}`).join(', ')}`,
};
