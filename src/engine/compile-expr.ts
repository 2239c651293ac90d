/**
 * Turns bound expressions into batch evaluators, once per query. Constants stay scalar; a call
 * whose only column argument is a string column runs its kernel once per distinct value
 * (dictionary entry) instead of once per row.
 */
import type { Batch } from './batch.js';
import { Column, ColumnBuilder, type JsValue, type Reader } from './column.js';
import { compareColumnWithConstant } from './compare-kernels.js';
import type { DynValue } from './dynamic.js';
import type { BoundExpr, CallExpr, InSetExpr, LogicalExpr, WindowExpr } from './expr.js';
import { toKqlString } from './functions/conversion.js';
import { convertValue } from './functions/signature.js';
import { executePlan } from './execute.js';
import type { ExecContext, PlanNode } from './plan.js';
import { hasTerm } from './functions/strings.js';
import type { KqlType } from './types.js';

export interface ScalarValue {
  readonly kind: 'scalar';
  readonly type: KqlType;
  readonly value: JsValue;
}

export type Value = Column | ScalarValue;
export type Evaluator = (batch: Batch) => Value;

export function scalar(type: KqlType, value: JsValue): ScalarValue {
  return { kind: 'scalar', type, value };
}

export function isScalar(v: Value): v is ScalarValue {
  return !(v instanceof Column);
}

/** A column of n rows for a value (a scalar is repeated). */
export function toColumn(v: Value, n: number): Column {
  return isScalar(v) ? Column.constant(v.type, v.value, n) : v;
}

export function readerOf(v: Value): Reader {
  if (!isScalar(v)) return v.reader();
  const x = v.value;
  return () => x;
}

/** The rows where a bool value is true; undefined when every row passes. */
export function selectTrue(v: Value, n: number): Int32Array | undefined {
  if (isScalar(v)) return v.value === true ? undefined : new Int32Array(0);
  const out = new Int32Array(n);
  let k = 0;
  const { data, sel } = v;
  if (v.type === 'bool') {
    // Straight from the bits: set and valid.
    const bits = data.values as Uint8Array;
    const bitmap = data.nullCount > 0 ? data.nullBitmap : undefined;
    for (let i = 0; i < n; i++) {
      const p = (sel ? sel[i] : i) + data.offset;
      if (((bits[p >> 3] >> (p & 7)) & 1) === 1 && (!bitmap || ((bitmap[p >> 3] >> (p & 7)) & 1) === 1)) out[k++] = i;
    }
  } else {
    const r = v.reader();
    for (let i = 0; i < n; i++) if (r(i) === true) out[k++] = i;
  }
  return k === n ? undefined : out.subarray(0, k);
}

export function compileExpr(e: BoundExpr, ex: ExecContext): Evaluator {
  switch (e.kind) {
    case 'Const': {
      const v = scalar(e.type, e.value);
      return () => v;
    }
    case 'ColumnRef': {
      const index = e.index;
      return (b) => b.columns[index];
    }
    case 'Call':
      return compileCall(e, ex);
    case 'Logical':
      return compileLogical(e, ex);
    case 'InSet':
      return compileInSet(e, ex);
    case 'Window':
      return compileWindow(e, ex);
    case 'ScalarSubquery': {
      let value: ScalarValue | undefined;
      return () => (value ??= scalar(e.type, firstColumnValues(e.plan, ex, 1)[0] ?? (e.type === 'string' ? '' : null)));
    }
  }
}

/** Up to `limit` values of the first column of a plan's result (runs the plan once). */
function firstColumnValues(plan: PlanNode, ex: ExecContext, limit = Infinity): JsValue[] {
  const out: JsValue[] = [];
  for (const batch of executePlan(plan, ex)) {
    const r = batch.columns[0].reader();
    for (let i = 0; i < batch.length && out.length < limit; i++) out.push(r(i));
    if (out.length >= limit) break;
  }
  return out;
}

/** Result of a kernel as stored: strings are never null. */
function finishValue(type: KqlType, v: JsValue | undefined): JsValue {
  if (v === undefined || v === null) return type === 'string' ? '' : null;
  return v;
}

function compileCall(e: CallExpr, ex: ExecContext): Evaluator {
  const q = ex.query;
  const args = e.args.map((a) => compileExpr(a, ex));
  const fromTypes = e.args.map((a) => a.type);
  const toTypes = e.paramTypes;
  const propagate = e.nulls === 'propagate';
  const kernel = e.kernel;
  const arity = args.length;
  const buf: JsValue[] = new Array(arity + (e.usesContext ? 1 : 0));
  const base = e.usesContext ? 1 : 0;
  if (e.usesContext) buf[0] = q as unknown as JsValue;

  const apply = (vals: readonly JsValue[]): JsValue => {
    for (let k = 0; k < arity; k++) {
      const v = vals[k];
      if (v === null && propagate) return finishValue(e.type, null);
      buf[base + k] = convertValue(v, fromTypes[k], toTypes[k]);
    }
    return finishValue(e.type, kernel(...buf));
  };

  return (batch) => {
    const vals = args.map((f) => f(batch));
    const columnArgs = vals.filter((v) => !isScalar(v)) as Column[];
    if (columnArgs.length === 0) return scalar(e.type, apply(vals.map((v) => (v as ScalarValue).value)));
    const n = batch.length;
    if (arity === 2) {
      const side = (v: Value): Column | JsValue => (isScalar(v) ? v.value : v);
      const compared = compareColumnWithConstant(e, side(vals[0]), side(vals[1]));
      if (compared) return compared;
    }
    const out = new ColumnBuilder(e.type, n);
    const rowVals: JsValue[] = new Array(arity);
    if (columnArgs.length === 1 && columnArgs[0].type === 'string') {
      // Once per distinct string: the dictionary entry's result is memoised by key.
      const col = columnArgs[0];
      const at = vals.indexOf(col);
      for (let k = 0; k < arity; k++) if (k !== at) rowVals[k] = (vals[k] as ScalarValue).value;
      const dict = col.dictionaryStrings();
      const keys = col.dictionaryKeys();
      const sel = col.sel;
      const memo = new Array<JsValue | undefined>(dict.length);
      for (let i = 0; i < n; i++) {
        const key = keys[sel ? sel[i] : i];
        let r = memo[key];
        if (r === undefined) {
          rowVals[at] = dict[key];
          r = memo[key] = apply(rowVals);
        }
        out.append(r);
      }
      return out.finish();
    }
    const readers = vals.map(readerOf);
    for (let i = 0; i < n; i++) {
      for (let k = 0; k < arity; k++) rowVals[k] = readers[k](i);
      out.append(apply(rowVals));
    }
    return out.finish();
  };
}

/** A window function over the batch, which its operator made the whole row set (see hasWindow). */
function compileWindow(e: WindowExpr, ex: ExecContext): Evaluator {
  const args = e.args.map((a) => compileExpr(a, ex));
  return (batch) => {
    const readers = args.map((f, k) => {
      const r = readerOf(f(batch));
      const from = e.args[k].type;
      const to = e.paramTypes[k];
      return from === to ? r : (i: number) => convertValue(r(i), from, to);
    });
    return Column.fromValues(e.type, e.fn.run(readers, batch.length, e.loc).map((v) => finishValue(e.type, v)));
  };
}

function compileLogical(e: LogicalExpr, ex: ExecContext): Evaluator {
  const left = compileExpr(e.left, ex);
  const right = compileExpr(e.right, ex);
  const isAnd = e.op === 'and';
  // The value that decides the result on its own: false for `and`, true for `or`.
  const decisive = !isAnd;
  const combine = (a: JsValue, b: JsValue): JsValue => {
    if (a === decisive || b === decisive) return decisive;
    if (a === null || b === null) return null;
    return !decisive;
  };
  return (batch) => {
    const l = left(batch);
    if (isScalar(l) && l.value === decisive) return l;
    const r = right(batch);
    if (isScalar(l) && isScalar(r)) return scalar('bool', combine(l.value, r.value));
    const n = batch.length;
    const lr = readerOf(l);
    const rr = readerOf(r);
    const out = new ColumnBuilder('bool', n);
    for (let i = 0; i < n; i++) out.append(combine(lr(i), rr(i)));
    return out.finish();
  };
}

/** Equality key of a value for `in`: numbers of any type compare by value. */
function equalityKey(v: JsValue, type: KqlType): string {
  if (typeof v === 'bigint') return (type === 'datetime' ? 'd' : type === 'timespan' ? 't' : 'n') + v.toString();
  if (typeof v === 'number') return Number.isInteger(v) ? 'n' + BigInt(v).toString() : 'n' + String(v);
  if (typeof v === 'string') return 's' + v;
  return 'o' + String(v);
}

function foldAscii(s: string): string {
  return s.replace(/[A-Z]+/g, (m) => m.toLowerCase());
}

function compileInSet(e: InSetExpr, ex: ExecContext): Evaluator {
  const left = compileExpr(e.left, ex);
  let test: ((v: JsValue) => JsValue) | undefined;
  return (batch) => {
    test ??= inSetTest(e, e.source ? [...e.values, ...subqueryValues(e.source, ex)] : e.values);
    const l = left(batch);
    if (isScalar(l)) return scalar('bool', test(l.value));
    const n = batch.length;
    const out = new ColumnBuilder('bool', n);
    if (l.type === 'string') {
      const dict = l.dictionaryStrings();
      const keys = l.dictionaryKeys();
      const sel = l.sel;
      const memo = new Array<JsValue | undefined>(dict.length);
      for (let i = 0; i < n; i++) {
        const key = keys[sel ? sel[i] : i];
        let r = memo[key];
        if (r === undefined) r = memo[key] = test(dict[key]);
        out.append(r);
      }
    } else {
      const r = l.reader();
      for (let i = 0; i < n; i++) out.append(test(r(i)));
    }
    return out.finish();
  };
}

/** The values of a tabular `in`/`has_any` operand: its first column, dynamic arrays flattened. */
function subqueryValues(plan: PlanNode, ex: ExecContext): { type: KqlType; value: JsValue }[] {
  const type = plan.schema[0].type;
  return firstColumnValues(plan, ex).flatMap((value) =>
    type === 'dynamic' && Array.isArray(value) ? value.map(dynElement) : [{ type, value }]);
}

/** The membership test of an `in`-family operator against a list of values. */
function inSetTest(e: InSetExpr, values: readonly { readonly type: KqlType; readonly value: JsValue }[]): (v: JsValue) => JsValue {
  const leftType = e.left.type;
  let test: (v: JsValue) => JsValue;
  switch (e.op) {
    case 'in':
    case '!in': {
      const keys = new Set(values.filter((x) => x.value !== null).map((x) => equalityKey(x.value, x.type)));
      const negate = e.op === '!in';
      test = (v) => (v === null ? negate : keys.has(equalityKey(v, leftType)) !== negate);
      break;
    }
    case 'in~':
    case '!in~': {
      const keys = new Set(values.filter((x) => x.value !== null).map((x) => foldAscii(toKqlString(x.value, x.type))));
      const negate = e.op === '!in~';
      test = (v) => (v === null ? negate : keys.has(foldAscii(toKqlString(v, leftType))) !== negate);
      break;
    }
    case 'has_any':
    case 'has_all': {
      // A null element behaves as "" (matches everything) under has_any and drops out of has_all.
      const any = e.op === 'has_any';
      const needles = values
        .filter((x) => any || x.value !== null)
        .map((x) => (x.value === null ? '' : toKqlString(x.value, x.type)));
      test = (v) => {
        const s = leftType === 'string' ? (v as string) : toKqlString(v, leftType);
        return any ? needles.some((nd) => hasTerm(s, nd, false)) : needles.every((nd) => hasTerm(s, nd, false));
      };
      break;
    }
  }
  return test;
}

/** An element of a dynamic array with the KQL type of its JS form. */
export function dynElement(v: DynValue): { type: KqlType; value: JsValue } {
  if (typeof v === 'bigint') return { type: 'long', value: v };
  if (typeof v === 'number') return { type: 'real', value: v };
  if (typeof v === 'string') return { type: 'string', value: v };
  if (typeof v === 'boolean') return { type: 'bool', value: v };
  return { type: 'dynamic', value: v };
}
