import type { Range } from '../parser/ast.js';
import { Batch } from '../engine/batch.js';
import { ColumnBuilder, type JsValue } from '../engine/column.js';
import { SemanticError } from '../engine/errors.js';
import type { PlanNode } from '../engine/plan.js';
import type { KqlType } from '../engine/types.js';
import type { OperatorDef } from './operator.js';

export interface RangePlan extends PlanNode {
  readonly kind: 'Range';
  readonly from: bigint | number;
  readonly to: bigint | number;
  readonly step: bigint | number;
}

const BATCH_ROWS = 65536;
const MAX_ROWS = 100_000_000;

/** `range x from a to b step s`: a, a+s, … up to and including b. */
export const range: OperatorDef<Range, RangePlan> = {
  astKind: 'Range',
  planKind: 'Range',
  bind(node, _input, cx) {
    const from = cx.constantValue(node.from, ['long', 'int', 'real', 'datetime', 'timespan']);
    const to = cx.constantValue(node.to, ['long', 'int', 'real', 'datetime', 'timespan']);
    const step = cx.constantValue(node.step, ['long', 'int', 'real', 'timespan']);
    if (from.value === null || to.value === null || step.value === null) {
      throw new SemanticError(`'range' bounds and step must not be null.`, node.loc);
    }
    const isTime = from.type === 'datetime' || from.type === 'timespan';
    const anyReal = [from, to, step].some((v) => v.type === 'real');
    const type: KqlType = isTime ? from.type : anyReal ? 'real' : 'long';
    if (isTime && (step.type !== 'timespan' || (to.type !== from.type))) {
      throw new SemanticError(`'range' over ${from.type} needs a ${from.type} end and a timespan step.`, node.loc);
    }
    const conv = (v: JsValue): bigint | number => (type === 'real' ? Number(v) : BigInt(v as bigint | number));
    const s = conv(step.value);
    if (s === 0 || s === 0n) throw new SemanticError(`'range' step must not be zero.`, node.step.loc);
    const f = conv(from.value);
    const t = conv(to.value);
    const count = type === 'real' ? Math.floor(((t as number) - (f as number)) / (s as number)) + 1 : Number(((t as bigint) - (f as bigint)) / (s as bigint)) + 1;
    if (count > MAX_ROWS) throw new SemanticError(`'range' would produce ${count} rows; the limit is ${MAX_ROWS}.`, node.loc);
    return { kind: 'Range', schema: [{ name: node.name.name, type }], from: f, to: t, step: s, loc: node.loc };
  },
  *exec(plan) {
    const type = plan.schema[0].type;
    const up = plan.step > 0;
    let b = new ColumnBuilder(type, BATCH_ROWS);
    let n = 0;
    for (let v = plan.from; up ? v <= plan.to : v >= plan.to; v = (v as number) + (plan.step as number)) {
      b.append(v);
      if (++n === BATCH_ROWS) {
        yield new Batch(plan.schema, [b.finish()]);
        b = new ColumnBuilder(type, BATCH_ROWS);
        n = 0;
      }
    }
    if (n > 0) yield new Batch(plan.schema, [b.finish()]);
  },
  explain: (plan) => `Range ${plan.schema[0].name}:${plan.schema[0].type} from ${plan.from} to ${plan.to} step ${plan.step}`,
};
