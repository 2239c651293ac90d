/**
 * Per-group state helpers shared by the aggregates. Group ids are dense (0 … groupCount-1) but
 * the count is known only at `result`, so state arrays grow as ids appear.
 */
import type { JsValue, Reader } from '../column.js';

/** A Float64Array that holds at least `need` slots (new slots are 0). */
export function growF64(a: Float64Array<ArrayBuffer>, need: number): Float64Array<ArrayBuffer> {
  if (need <= a.length) return a;
  const b = new Float64Array(Math.max(need, a.length * 2));
  b.set(a);
  return b;
}

/** A JS array grown to `need` slots filled with `fill`. */
export function growArray<T>(a: T[], need: number, fill: () => T): void {
  while (a.length < need) a.push(fill());
}

/** The value of a long-typed argument (an int column may arrive as a number). */
export function asBigint(v: JsValue): bigint {
  return typeof v === 'bigint' ? v : BigInt(v as number);
}

/** The value of a numeric argument as a double. */
export function asNumber(v: JsValue): number {
  return typeof v === 'number' ? v : Number(v as bigint);
}

/** The predicate reader of an `*if` aggregate, or undefined; a row counts only when it is true. */
export function predicateAt(args: readonly Reader[], index: number | undefined): Reader | undefined {
  return index === undefined ? undefined : args[index];
}

/**
 * Runs `add(group, value)` for each of the n rows whose argument value is not null and, for the
 * `*if` aggregates, whose predicate (argument `predIndex`) is true.
 */
export function eachValue(
  groups: Int32Array, n: number, args: readonly Reader[], predIndex: number | undefined,
  add: (group: number, value: JsValue) => void, keepNulls = false,
): void {
  const x = args[0];
  const p = predicateAt(args, predIndex);
  for (let i = 0; i < n; i++) {
    if (p && p(i) !== true) continue;
    const v = x(i);
    if (v === null && !keepNulls) continue;
    add(groups[i], v);
  }
}
