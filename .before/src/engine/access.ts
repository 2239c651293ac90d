/** Kernels of `d.key`, `d["key"]` and `a[i]` on dynamic values: a missing element is null, never an error. */
import { isBag, type DynValue } from './dynamic.js';

export function memberOf(target: DynValue, key: string): DynValue {
  return target !== null && isBag(target) ? target.get(key) ?? null : null;
}

/** Arrays index from 0; a negative index counts from the end (`[-1]` is the last element). */
export function elementOf(target: DynValue, index: bigint): DynValue {
  if (!Array.isArray(target)) return null;
  const i = Number(index < 0n ? BigInt(target.length) + index : index);
  return i >= 0 && i < target.length ? target[i] : null;
}
