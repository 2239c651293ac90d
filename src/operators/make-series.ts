import type { MakeSeries } from '../parser/ast.js';
import { Batch } from '../engine/batch.js';
import { Column, type JsValue } from '../engine/column.js';
import { compileExpr, readerOf } from '../engine/compile-expr.js';
import {
  argumentReaders, bindAggregate, createAccumulator, isAggregateCall, type AggregateSlot,
} from '../engine/bind-aggregate.js';
import type { DynValue } from '../engine/dynamic.js';
import { NotSupportedError, SemanticError } from '../engine/errors.js';
import { exprText, type BoundExpr } from '../engine/expr.js';
import { toDynValue } from '../engine/functions/conversion.js';
import { convertValue } from '../engine/functions/signature.js';
import { Grouper } from '../engine/grouping.js';
import type { BindContext, PlanNode } from '../engine/plan.js';
import { nextColumnName, uniqueName } from '../engine/schema.js';
import { floorDiv } from '../engine/time.js';
import { isNumeric, type Field, type KqlType } from '../engine/types.js';
import { inputOf, type OperatorDef } from './operator.js';

/** The aggregates make-series accepts (kql-notes §3.1). */
const SERIES_AGGREGATES = new Set([
  'avg', 'avgif', 'count', 'countif', 'covariance', 'covarianceif', 'covariancep', 'covariancepif', 'dcount',
  'dcountif', 'max', 'maxif', 'min', 'minif', 'percentile', 'take_any', 'stdev', 'sum', 'sumif', 'variance',
  'varianceif', 'variancep', 'variancepif',
]);

/**
 * The series axis: bin k starts at `first + k * step`. Axis values are held as bigint (datetime,
 * timespan, long) or number (int, real).
 */
interface Axis {
  readonly type: KqlType;
  readonly first: bigint | number;
  readonly step: bigint | number;
  readonly bins: number;
  /** `to`, exclusive, in the `from … to` form (the last bin may reach past it); absent for `in range`. */
  readonly end?: bigint | number;
}

export interface MakeSeriesPlan extends PlanNode {
  readonly kind: 'MakeSeries';
  readonly nonEmpty: boolean;
  readonly by: readonly BoundExpr[];
  readonly aggregates: readonly AggregateSlot[];
  readonly defaults: readonly JsValue[];
  readonly axisExpr: BoundExpr;
  readonly axis: Axis;
}

const MAX_BINS = 1 << 20;

function isBigAxis(t: KqlType): boolean {
  return t === 'datetime' || t === 'timespan' || t === 'long';
}

function bindAxis(node: MakeSeries, axisType: KqlType, cx: BindContext): Axis {
  if (!node.from || !node.to) {
    throw new NotSupportedError("make-series without both 'from' and 'to' (the engine's choice of bounds from the data is not documented)", node.loc);
  }
  const big = isBigAxis(axisType);
  const boundType: readonly KqlType[] = big ? [axisType, 'long', 'int'] : ['int', 'long', 'real'];
  const stepTypes: readonly KqlType[] = axisType === 'datetime' || axisType === 'timespan' ? ['timespan'] : ['int', 'long', 'real'];
  const num = (v: { type: KqlType; value: JsValue }): bigint | number =>
    big ? BigInt(v.value as bigint | number) : Number(v.value);
  const from = cx.constantValue(node.from, boundType);
  const to = cx.constantValue(node.to, boundType);
  const step = cx.constantValue(node.step, stepTypes);
  if (from.value === null || to.value === null || step.value === null) {
    throw new SemanticError("make-series 'from', 'to' and 'step' must not be null.", node.loc);
  }
  if (big && (from.type === 'real' || to.type === 'real' || step.type === 'real')) {
    throw new SemanticError(`make-series bounds and step must be whole numbers for a ${axisType} axis.`, node.loc);
  }
  const f = num(from);
  const t = num(to);
  const s = num(step);
  if (s <= 0) throw new SemanticError("make-series 'step' must be greater than zero.", node.step.loc);
  let first: bigint | number;
  let bins: number;
  if (node.inRange) {
    // range(start, stop, step): stop is inclusive and bins come from bin(), aligned to zero.
    first = big ? floorDiv(f as bigint, s as bigint) * (s as bigint) : Math.floor((f as number) / (s as number)) * (s as number);
    const last = big ? floorDiv(t as bigint, s as bigint) * (s as bigint) : Math.floor((t as number) / (s as number)) * (s as number);
    bins = last < first ? 0 : Number(big ? ((last as bigint) - (first as bigint)) / (s as bigint) : ((last as number) - (first as number)) / (s as number)) + 1;
  } else {
    // from … to: `to` is exclusive; the number of bins is ceil((to - from) / step).
    first = f;
    if (t <= f) bins = 0;
    else if (big) {
      const span = (t as bigint) - (f as bigint);
      bins = Number((span + (s as bigint) - 1n) / (s as bigint));
    } else bins = Math.ceil(((t as number) - (f as number)) / (s as number));
  }
  if (bins > MAX_BINS) {
    throw new SemanticError(`make-series would create ${bins} bins; the limit is ${MAX_BINS}.`, node.step.loc);
  }
  return { type: axisType, first, step: s, bins, end: node.inRange ? undefined : t };
}

function axisValue(axis: Axis, k: number): JsValue {
  if (typeof axis.first === 'bigint') return axis.first + BigInt(k) * (axis.step as bigint);
  return axis.first + k * (axis.step as number);
}

/** The bin of an axis value, or -1 when it falls in no bin. */
function binOf(axis: Axis, v: JsValue): number {
  if (v === null) return -1;
  let k: number;
  if (typeof axis.first === 'bigint') {
    const x = BigInt(v as bigint | number);
    if (x < axis.first || (axis.end !== undefined && x >= axis.end)) return -1;
    k = Number((x - axis.first) / (axis.step as bigint));
  } else {
    const x = Number(v);
    if (Number.isNaN(x) || x < axis.first || (axis.end !== undefined && x >= axis.end)) return -1;
    k = Math.floor((x - axis.first) / (axis.step as number));
  }
  return k < axis.bins ? k : -1;
}

/**
 * `make-series`: one row per by-group; each aggregate becomes a dynamic array with one value per
 * bin (the default where a bin has no rows), then the axis itself as a dynamic array.
 */
export const makeSeries: OperatorDef<MakeSeries, MakeSeriesPlan> = {
  astKind: 'MakeSeries',
  planKind: 'MakeSeries',
  bind(node, input, cx) {
    const inPlan = inputOf(input);
    if (node.seriesKind !== undefined && node.seriesKind !== 'nonempty') {
      throw new SemanticError(`Unknown make-series kind '${node.seriesKind}'; the only kind is 'nonempty'.`, node.loc);
    }
    const schema: Field[] = [];
    const taken = new Set<string>();
    const by = node.by.map((item) => {
      const expr = cx.bindScalar(item.expr, inPlan.schema);
      if (expr.type === 'dynamic') throw new SemanticError(`A 'make-series' by-key cannot be of type dynamic.`, item.expr.loc);
      const name = uniqueName(item.name?.name ?? cx.inferName(item.expr, inPlan.schema) ?? nextColumnName(taken), taken);
      taken.add(name);
      schema.push({ name, type: expr.type });
      return expr;
    });
    const defaults: JsValue[] = [];
    const aggregates = node.aggregates.map((sa) => {
      const expr = sa.item.expr;
      if (!isAggregateCall(expr) || !SERIES_AGGREGATES.has(expr.name)) {
        throw new SemanticError(`'make-series' expects one of the aggregates ${[...SERIES_AGGREGATES].join(', ')}.`, expr.loc);
      }
      const slot = bindAggregate(expr, inPlan.schema, cx);
      if (!isNumeric(slot.resultType)) {
        throw new SemanticError(`make-series aggregates must be numeric; '${slot.fn.name}' gives ${slot.resultType}.`, expr.loc);
      }
      let def: JsValue = convertValue(slot.resultType === 'long' ? 0n : 0, slot.resultType === 'long' ? 'long' : 'real', slot.resultType);
      if (sa.defaultValue) {
        if (sa.defaultValue.kind !== 'Literal' && !(sa.defaultValue.kind === 'Unary' && sa.defaultValue.operand.kind === 'Literal')) {
          throw new SemanticError(`The make-series 'default' must be a literal.`, sa.defaultValue.loc);
        }
        const d = cx.constantValue(sa.defaultValue);
        if (d.value !== null && !isNumeric(d.type)) {
          throw new SemanticError(`The make-series 'default' must be a number, not a ${d.type}.`, sa.defaultValue.loc);
        }
        def = d.value === null ? null
          : slot.resultType === 'long' || slot.resultType === 'int'
            ? (d.type === 'real' ? null : BigInt(d.value as bigint | number))
            : Number(d.value);
        if (def === null && d.value !== null) {
          throw new SemanticError(`The make-series 'default' ${String(d.value)} does not fit the ${slot.resultType} result of '${slot.fn.name}'.`, sa.defaultValue.loc);
        }
        if (slot.resultType === 'int' && def !== null) def = Number(def);
      }
      defaults.push(def);
      const name = uniqueName(sa.item.name?.name ?? slot.name, taken);
      taken.add(name);
      schema.push({ name, type: 'dynamic' });
      return slot;
    });
    const axisExpr = cx.bindScalar(node.axis, inPlan.schema);
    if (!isNumeric(axisExpr.type) && axisExpr.type !== 'datetime' && axisExpr.type !== 'timespan') {
      throw new SemanticError(`The make-series axis must be a datetime, timespan or number, not a ${axisExpr.type}.`, node.axis.loc);
    }
    if (axisExpr.type === 'decimal') throw new NotSupportedError('make-series over a decimal axis', node.axis.loc);
    // An int axis bins like a real one (its bounds and step may be fractional).
    const axis = bindAxis(node, axisExpr.type === 'int' ? 'real' : axisExpr.type, cx);
    schema.push({ name: uniqueName(cx.inferName(node.axis, inPlan.schema) ?? nextColumnName(taken), taken), type: 'dynamic' });
    return {
      kind: 'MakeSeries', schema, input: inPlan, nonEmpty: node.seriesKind === 'nonempty',
      by, aggregates, defaults, axisExpr, axis, loc: node.loc,
    };
  },
  *exec(plan, input, ex) {
    const { axis } = plan;
    const axisEval = compileExpr(plan.axisExpr, ex);
    const keys = plan.by.map((e) => compileExpr(e, ex));
    const args = plan.aggregates.map((s) => s.args.map((a) => compileExpr(a, ex)));
    const accs = plan.aggregates.map(createAccumulator);
    const grouper = new Grouper(plan.by.map((e) => e.type));
    let seen = new Uint8Array(1024);
    for (const batch of input) {
      // Rows outside the axis fall in no bin and are dropped before grouping.
      const axisReader = readerOf(axisEval(batch));
      const bins = new Int32Array(batch.length);
      const keptRows = new Int32Array(batch.length);
      let keptCount = 0;
      for (let i = 0; i < batch.length; i++) {
        bins[i] = binOf(axis, axisReader(i));
        if (bins[i] >= 0) keptRows[keptCount++] = i;
      }
      if (keptCount === 0) continue;
      const kept = keptCount === batch.length ? undefined : keptRows.subarray(0, keptCount);
      const rows = kept ? batch.take(kept) : batch;
      const groups = grouper.assign(keys.map((k) => k(rows)), rows.length);
      const cells = new Int32Array(rows.length);
      for (let i = 0; i < rows.length; i++) {
        const cell = groups[i] * axis.bins + bins[kept ? kept[i] : i];
        cells[i] = cell;
        if (cell >= seen.length) {
          const grown = new Uint8Array(Math.max(seen.length * 2, cell + 1));
          grown.set(seen);
          seen = grown;
        }
        seen[cell] = 1;
      }
      plan.aggregates.forEach((slot, a) => {
        accs[a].add(cells, rows.length, argumentReaders(slot, args[a].map((f) => f(rows))));
      });
    }
    let groupCount = grouper.count;
    if (groupCount === 0 && !(plan.nonEmpty && plan.by.length === 0)) return;
    if (groupCount === 0) groupCount = 1;
    const cellCount = groupCount * axis.bins;
    const results = accs.map((acc) => acc.result(cellCount));
    const seriesColumns = plan.aggregates.map((slot, a) => {
      const rows: DynValue[] = [];
      for (let g = 0; g < groupCount; g++) {
        const arr: DynValue[] = new Array(axis.bins);
        for (let k = 0; k < axis.bins; k++) {
          const cell = g * axis.bins + k;
          arr[k] = toDynValue(seen[cell] ? results[a][cell] : plan.defaults[a], slot.resultType);
        }
        rows.push(arr);
      }
      return Column.fromValues('dynamic', rows);
    });
    const axisArray: DynValue[] = Array.from({ length: axis.bins }, (_, k) => toDynValue(axisValue(axis, k), axis.type));
    const keyColumns = grouper.count === 0 ? [] : grouper.keyColumns();
    const columns = [...keyColumns, ...seriesColumns, Column.constant('dynamic', axisArray, groupCount)];
    yield new Batch(plan.schema, columns, groupCount);
  },
  explain: (plan) => {
    const n = plan.by.length;
    const aggs = plan.aggregates.map((s, i) => `${plan.schema[n + i].name} = ${s.fn.name}(${s.args.map(exprText).join(', ')}) default ${String(plan.defaults[i])}`);
    const by = plan.by.map((e, i) => `${plan.schema[i].name}:${e.type} = ${exprText(e)}`);
    return `MakeSeries ${aggs.join(', ')} on ${exprText(plan.axisExpr)} bins=${plan.axis.bins}${by.length ? ` by ${by.join(', ')}` : ''}`;
  },
};
