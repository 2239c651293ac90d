/**
 * Element-wise and splitting functions on dynamic arrays: array_iff (alias array_iif) and
 * array_split. Non-array inputs give null.
 */
import type { JsValue } from '../column.js';
import type { DynValue } from '../dynamic.js';
import { NotSupportedError } from '../errors.js';
import type { KqlType } from '../types.js';
import { toDynValue } from './conversion.js';
import { fn } from './define.js';
import type { ScalarFunction } from './signature.js';

/** A condition element: bools as they are, numbers true when non-zero, anything else null. */
function conditionOf(v: DynValue): boolean | null {
  if (typeof v === 'boolean') return v;
  if (typeof v === 'bigint') return v !== 0n;
  if (typeof v === 'number') return v !== 0;
  return null;
}

/** A branch: an array gives its i-th element (null past its end), a scalar itself at every index. */
function branchAt(branch: JsValue, type: KqlType): (i: number) => DynValue {
  if (type === 'dynamic' && Array.isArray(branch)) return (i) => branch[i] ?? null;
  const v = toDynValue(branch, type);
  return () => v;
}

/**
 * array_split: the documented ranges [0..i1), [i1..i2), … [iN..length), a negative index counting
 * from the end. Indices outside 0..length (after that), out of order or not whole numbers are not
 * documented, so they are refused.
 */
function arraySplit(arr: DynValue, at: DynValue): DynValue {
  if (!Array.isArray(arr)) return null;
  const indices = Array.isArray(at) ? at : [at];
  const len = arr.length;
  const parts: DynValue[] = [];
  let start = 0;
  for (const v of indices) {
    if (typeof v !== 'bigint') throw new NotSupportedError(`array_split() at an index that is not a long (${JSON.stringify(v)})`);
    const i = Number(v < 0n ? BigInt(len) + v : v);
    if (i < start || i > len) throw new NotSupportedError(`array_split() at index ${v} of an array of ${len} after index ${start}`);
    parts.push(arr.slice(start, i));
    start = i;
  }
  parts.push(arr.slice(start));
  return parts;
}

export const arrayFunctions: readonly ScalarFunction[] = [
  fn('array_iff', [
    {
      params: ['dynamic', 'any', 'any'], result: 'dynamic', nulls: 'handle',
      makeKernel: ([, tt, ft]) => (cond: DynValue, whenTrue: JsValue, whenFalse: JsValue) => {
        if (!Array.isArray(cond)) return null;
        const t = branchAt(whenTrue, tt);
        const f = branchAt(whenFalse, ft);
        return cond.map((c, i) => {
          const b = conditionOf(c);
          return b === null ? null : b ? t(i) : f(i);
        });
      },
    },
  ], { aliases: ['array_iif'] }),
  fn('array_split', [
    { params: ['dynamic', 'long'], result: 'dynamic', kernel: (a: DynValue, i: bigint) => arraySplit(a, i) },
    { params: ['dynamic', 'dynamic'], result: 'dynamic', kernel: arraySplit },
  ]),
];
