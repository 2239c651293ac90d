/**
 * make_set(x[, maxSize]) and make_set_if(x, p[, maxSize]): the distinct non-null values as a
 * dynamic array, in first-seen order (the engine leaves the order unspecified). A dynamic array
 * input is flattened: its elements join the set (engine: make_set over ['A1','A2'], ['A2','C1']
 * gives ["A1","A2","C1"]). Empty groups give [].
 */
import type { JsValue, Reader } from '../column.js';
import { dynToJson, type DynValue } from '../dynamic.js';
import { toDynValue } from '../functions/conversion.js';
import type { KqlType } from '../types.js';
import type { AggregateFunction, GroupedAccumulator } from './aggregate.js';
import { eachValue } from './state.js';

export const MAX_COLLECTION_SIZE = 1_048_576;

/** The maxSize constant of a make_* call, or the default. */
export function maxSizeOf(constants: readonly JsValue[], index: number): number {
  const v = constants[index];
  if (v === null || v === undefined) return MAX_COLLECTION_SIZE;
  const n = Number(v);
  return n > 0 && n < MAX_COLLECTION_SIZE ? n : MAX_COLLECTION_SIZE;
}

interface SetState {
  readonly keys: Set<string>;
  readonly values: DynValue[];
}

function setBuilder(type: KqlType, max: number, predIndex?: number): GroupedAccumulator {
  const sets: SetState[] = [];
  const put = (s: SetState, d: DynValue) => {
    if (d === null || s.values.length >= max) return;
    const k = dynToJson(d);
    if (s.keys.has(k)) return;
    s.keys.add(k);
    s.values.push(d);
  };
  return {
    add(groups: Int32Array, n: number, args: readonly Reader[]) {
      eachValue(groups, n, args, predIndex, (g, v) => {
        while (sets.length <= g) sets.push({ keys: new Set(), values: [] });
        const d = toDynValue(v, type);
        if (Array.isArray(d)) for (const e of d) put(sets[g], e);
        else put(sets[g], d);
      });
    },
    result(groupCount: number): JsValue[] {
      const out: JsValue[] = new Array(groupCount);
      for (let g = 0; g < groupCount; g++) out[g] = g < sets.length ? sets[g].values : [];
      return out;
    },
  };
}

export const makeSet: AggregateFunction = {
  name: 'make_set',
  namePrefix: 'set',
  signatures: [{ params: ['any', 'long'], optional: 1, result: 'dynamic' }],
  constantArgs: [1],
  create: (ts, _r, constants) => setBuilder(ts[0], maxSizeOf(constants, 1)),
};

export const makeSetIf: AggregateFunction = {
  name: 'make_set_if',
  namePrefix: 'set',
  signatures: [{ params: ['any', 'bool', 'long'], optional: 1, result: 'dynamic' }],
  constantArgs: [2],
  create: (ts, _r, constants) => setBuilder(ts[0], maxSizeOf(constants, 2), 1),
};

export const makeSetAggregates: readonly AggregateFunction[] = [makeSet, makeSetIf];
