/**
 * Comparisons of a column with a constant, as loops over the column's Arrow buffer instead of a kernel
 * call per row: `Timestamp >= ago(30d)`, `IsClickedThrough == 1`. The results are those of the row
 * kernels in functions/operators.ts (a test checks them against each other), nulls included: a null
 * row is false for `==`, true for `!=` and null for an ordering.
 */
import { Column, fixedWidthColumn, type JsValue } from './column.js';
import type { CallExpr } from './expr.js';
import type { KqlType } from './types.js';

type Relation = '==' | '!=' | '<' | '<=' | '>' | '>=';
const RELATIONS = new Set<string>(['==', '!=', '<', '<=', '>', '>=']);
const MIRRORED: Record<Relation, Relation> = { '==': '==', '!=': '!=', '<': '>', '<=': '>=', '>': '<', '>=': '<=' };
const NUMERIC = new Set<KqlType>(['long', 'int', 'real', 'datetime', 'timespan']);

/**
 * The comparison's result, or undefined when this is not one of the cases handled here (the row kernel
 * then runs): same-type numeric, datetime or timespan operands without conversion, or a bool column with
 * a bool or a 0/1 long, one side a column, the other a non-null constant.
 */
export function compareColumnWithConstant(e: CallExpr, left: Column | JsValue, right: Column | JsValue): Column | undefined {
  if (!RELATIONS.has(e.name)) return undefined;
  const columnLeft = left instanceof Column;
  if (columnLeft === right instanceof Column) return undefined;
  const col = (columnLeft ? left : right) as Column;
  const value = (columnLeft ? right : left) as JsValue;
  const rel = columnLeft ? (e.name as Relation) : MIRRORED[e.name as Relation];
  const [colType, valueType] = columnLeft ? [e.args[0].type, e.args[1].type] : [e.args[1].type, e.args[0].type];
  if (value === null || col.type !== colType) return undefined;
  if (NUMERIC.has(colType) && colType === valueType && e.paramTypes.every((t) => t === colType)) {
    return numericCompare(col, rel, value as number | bigint);
  }
  if (colType === 'bool' && (rel === '==' || rel === '!=')) {
    const wanted = valueType === 'bool' ? (value as boolean) : valueType === 'long' && (value === 0n || value === 1n) ? value === 1n : undefined;
    if (wanted !== undefined) return boolEquals(col, rel === '==' ? wanted : !wanted, rel === '!=');
  }
  return undefined;
}

function numericCompare(col: Column, rel: Relation, v: number | bigint): Column {
  const n = col.length;
  const { data, sel } = col;
  const values = data.values as BigInt64Array | Float64Array | Int32Array;
  const offset = data.offset;
  const bitmap = data.nullCount > 0 ? data.nullBitmap : undefined;
  const out = new Uint8Array(n);
  const valid = new Uint8Array(n);
  let nulls = 0;
  const test = TESTS[rel];
  for (let i = 0; i < n; i++) {
    const p = (sel ? sel[i] : i) + offset;
    if (bitmap && ((bitmap[p >> 3] >> (p & 7)) & 1) === 0) {
      // A null row: `==` false, `!=` true, an ordering null.
      if (rel === '==' || rel === '!=') {
        out[i] = rel === '!=' ? 1 : 0;
        valid[i] = 1;
      } else {
        nulls++;
      }
      continue;
    }
    out[i] = test(values[p], v) ? 1 : 0;
    valid[i] = 1;
  }
  return fixedWidthColumn('bool', out, valid, nulls);
}

const TESTS: Record<Relation, (a: number | bigint, b: number | bigint) => boolean> = {
  '==': (a, b) => a === b,
  '!=': (a, b) => a !== b,
  '<': (a, b) => a < b,
  '<=': (a, b) => a <= b,
  '>': (a, b) => a > b,
  '>=': (a, b) => a >= b,
};

/** `b == wanted` of a bool column: a null row is false (true for `!=`, where `nullIs` is true). */
function boolEquals(col: Column, wanted: boolean, nullIs: boolean): Column {
  const n = col.length;
  const { data, sel } = col;
  const bits = data.values as Uint8Array;
  const offset = data.offset;
  const bitmap = data.nullCount > 0 ? data.nullBitmap : undefined;
  const out = new Uint8Array(n);
  const target = wanted ? 1 : 0;
  for (let i = 0; i < n; i++) {
    const p = (sel ? sel[i] : i) + offset;
    if (bitmap && ((bitmap[p >> 3] >> (p & 7)) & 1) === 0) out[i] = nullIs ? 1 : 0;
    else out[i] = ((bits[p >> 3] >> (p & 7)) & 1) === target ? 1 : 0;
  }
  return fixedWidthColumn('bool', out, out, 0);
}
