/**
 * dcount(x[, accuracy]) and dcountif(x, p[, accuracy]): the number of distinct non-null values.
 * The engine estimates with HyperLogLog; this count is exact (the estimate is exact for small
 * cardinalities in practice), so the accuracy argument is accepted and ignored.
 */
import type { JsValue, Reader } from '../column.js';
import { dynToJson, type DynValue } from '../dynamic.js';
import type { KqlType } from '../types.js';
import type { AggregateFunction, GroupedAccumulator } from './aggregate.js';
import { eachValue } from './state.js';

/** A Set key for a value: primitives as they are; dynamic values by their canonical JSON. */
export function distinctKey(type: KqlType): (v: JsValue) => unknown {
  return type === 'dynamic' ? (v) => dynToJson(v as DynValue) : (v) => v;
}

function distinctCounter(type: KqlType, predIndex?: number): GroupedAccumulator {
  const sets: Set<unknown>[] = [];
  const key = distinctKey(type);
  return {
    add(groups: Int32Array, n: number, args: readonly Reader[]) {
      eachValue(groups, n, args, predIndex, (g, v) => {
        while (sets.length <= g) sets.push(new Set());
        sets[g].add(key(v));
      });
    },
    result(groupCount: number): JsValue[] {
      const out: JsValue[] = new Array(groupCount);
      for (let g = 0; g < groupCount; g++) out[g] = BigInt(g < sets.length ? sets[g].size : 0);
      return out;
    },
  };
}

export const dcount: AggregateFunction = {
  name: 'dcount',
  namePrefix: 'dcount',
  signatures: [{ params: ['any', 'long'], optional: 1, result: 'long' }],
  constantArgs: [1],
  create: (ts: readonly KqlType[]) => distinctCounter(ts[0]),
};

export const dcountif: AggregateFunction = {
  name: 'dcountif',
  namePrefix: 'dcountif',
  signatures: [{ params: ['any', 'bool', 'long'], optional: 1, result: 'long' }],
  constantArgs: [2],
  create: (ts: readonly KqlType[]) => distinctCounter(ts[0], 1),
};

export const dcountAggregates: readonly AggregateFunction[] = [dcount, dcountif];
