/**
 * Helpers for the operators that need all of their input at once (sort, top, join, union):
 * gathering batches into one, and ordering values of one KQL type.
 */
import { Batch } from './batch.js';
import { Column, ColumnBuilder, type JsValue } from './column.js';
import { dynToJson, type DynValue } from './dynamic.js';
import { hasWindow, type BoundExpr } from './expr.js';
import type { Field, KqlType } from './types.js';

/** All batches as one (copied only when there is more than one). */
export function concatBatches(schema: readonly Field[], batches: readonly Batch[]): Batch {
  if (batches.length === 1) return batches[0];
  const n = batches.reduce((s, b) => s + b.length, 0);
  const columns = schema.map((f, k) => {
    const out = new ColumnBuilder(f.type, n);
    for (const b of batches) {
      const r = b.columns[k].reader();
      for (let i = 0; i < b.length; i++) out.append(r(i));
    }
    return out.finish();
  });
  return new Batch(schema, columns, n);
}

/** The input as one batch when an expression calls a window function (it must see every row at once). */
export function wholeIfWindowed(exprs: readonly BoundExpr[], schema: readonly Field[], input: Iterable<Batch>): Iterable<Batch> {
  return exprs.some(hasWindow) ? [concatBatches(schema, [...input])] : input;
}

/** A column of the given type with the rows picked by `rows` (-1 gives null, or "" for strings). */
export function gather(col: Column, rows: Int32Array): Column {
  let dense = true;
  for (let i = 0; i < rows.length; i++) if (rows[i] < 0) { dense = false; break; }
  if (dense) return col.take(rows);
  const r = col.reader();
  const out = new ColumnBuilder(col.type, rows.length);
  const empty: JsValue = col.type === 'string' ? '' : null;
  for (let i = 0; i < rows.length; i++) out.append(rows[i] < 0 ? empty : r(rows[i]));
  return out.finish();
}

/**
 * Total order of non-null values of one type: numbers by value, strings ordinally, bools
 * false < true, dynamic values by their JSON text. NaN sorts with nulls (handled by the caller).
 */
export function compareValues(a: JsValue, b: JsValue, type: KqlType): number {
  if (type === 'dynamic') {
    const x = dynToJson(a as DynValue);
    const y = dynToJson(b as DynValue);
    return x < y ? -1 : x > y ? 1 : 0;
  }
  if (typeof a === 'boolean') return (a ? 1 : 0) - ((b as boolean) ? 1 : 0);
  return (a as number) < (b as number) ? -1 : (a as number) > (b as number) ? 1 : 0;
}

export function isNullLike(v: JsValue): boolean {
  return v === null || (typeof v === 'number' && Number.isNaN(v));
}
