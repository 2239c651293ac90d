/**
 * make_list(x[, maxSize]), make_list_if(x, p[, maxSize]) and make_list_with_nulls(x): the values
 * in input order as a dynamic array. make_list and make_list_if skip nulls; make_list_with_nulls
 * keeps them (engine: [null,4,4,5,…]). make_list and make_list_if add the elements of an array value
 * one level flattened (engine: make_list over the rings of geo_h3cell_rings gives one list of cells);
 * other dynamic values are elements as they are.
 * Elements: longs stay longs, reals reals, datetimes their 7-digit ISO text. Empty groups give [].
 */
import type { JsValue, Reader } from '../column.js';
import type { DynValue } from '../dynamic.js';
import { toDynValue } from '../functions/conversion.js';
import type { KqlType } from '../types.js';
import type { AggregateFunction, GroupedAccumulator } from './aggregate.js';
import { maxSizeOf, MAX_COLLECTION_SIZE } from './make-set.js';
import { eachValue } from './state.js';

function listBuilder(type: KqlType, max: number, keepNulls: boolean, predIndex?: number): GroupedAccumulator {
  const lists: DynValue[][] = [];
  const flatten = !keepNulls;
  return {
    add(groups: Int32Array, n: number, args: readonly Reader[]) {
      eachValue(groups, n, args, predIndex, (g, v) => {
        while (lists.length <= g) lists.push([]);
        const list = lists[g];
        const value = toDynValue(v, type);
        for (const x of flatten && Array.isArray(value) ? value : [value]) if (list.length < max) list.push(x);
      }, keepNulls);
    },
    result(groupCount: number): JsValue[] {
      const out: JsValue[] = new Array(groupCount);
      for (let g = 0; g < groupCount; g++) out[g] = g < lists.length ? lists[g] : [];
      return out;
    },
  };
}

export const makeList: AggregateFunction = {
  name: 'make_list',
  namePrefix: 'list',
  signatures: [{ params: ['any', 'long'], optional: 1, result: 'dynamic' }],
  constantArgs: [1],
  create: (ts, _r, constants) => listBuilder(ts[0], maxSizeOf(constants, 1), false),
};

export const makeListIf: AggregateFunction = {
  name: 'make_list_if',
  namePrefix: 'list',
  signatures: [{ params: ['any', 'bool', 'long'], optional: 1, result: 'dynamic' }],
  constantArgs: [2],
  create: (ts, _r, constants) => listBuilder(ts[0], maxSizeOf(constants, 2), false, 1),
};

export const makeListWithNulls: AggregateFunction = {
  name: 'make_list_with_nulls',
  namePrefix: 'list',
  signatures: [{ params: ['any'], result: 'dynamic' }],
  create: (ts) => listBuilder(ts[0], MAX_COLLECTION_SIZE, true),
};

export const makeListAggregates: readonly AggregateFunction[] = [makeList, makeListIf, makeListWithNulls];
