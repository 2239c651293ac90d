/**
 * make_bag(x[, maxSize]) and make_bag_if(x, p[, maxSize]): one property bag holding the slots of
 * the group's bags, in first-seen order. Null values are skipped; an empty group gives {}. Refused
 * (the engine "selects an arbitrary value", or the docs are silent): a slot met with two different
 * values, a value that is not a bag, and more slots than maxSize.
 */
import type { JsValue, Reader } from '../column.js';
import { dynToJson, isBag, type DynBag, type DynValue } from '../dynamic.js';
import { NotSupportedError } from '../errors.js';
import type { AggregateFunction, GroupedAccumulator } from './aggregate.js';
import { maxSizeOf } from './make-set.js';
import { eachValue } from './state.js';

function bagBuilder(name: string, max: number, predIndex?: number): GroupedAccumulator {
  const bags: DynBag[] = [];
  return {
    add(groups: Int32Array, n: number, args: readonly Reader[]) {
      eachValue(groups, n, args, predIndex, (g, v) => {
        const d = v as DynValue;
        if (!isBag(d)) throw new NotSupportedError(`${name}() of a value that is not a property bag (${dynToJson(d)})`);
        const bag = bags[g] ?? (bags[g] = new Map());
        for (const [k, x] of d) {
          const had = bag.get(k);
          if (had === undefined) {
            if (bag.size >= max) throw new NotSupportedError(`${name}() of more than ${max} slots (which are kept is not documented)`);
            bag.set(k, x);
          } else if (dynToJson(had) !== dynToJson(x)) {
            throw new NotSupportedError(`${name}() of the slot '${k}' with different values (the engine picks one arbitrarily)`);
          }
        }
      });
    },
    result(groupCount: number): JsValue[] {
      return Array.from({ length: groupCount }, (_, g) => bags[g] ?? new Map());
    },
  };
}

export const makeBagAggregates: readonly AggregateFunction[] = [
  {
    name: 'make_bag',
    namePrefix: 'bag',
    signatures: [{ params: ['dynamic', 'long'], optional: 1, result: 'dynamic' }],
    constantArgs: [1],
    create: (_ts, _r, constants) => bagBuilder('make_bag', maxSizeOf(constants, 1)),
  },
  {
    name: 'make_bag_if',
    namePrefix: 'bag',
    signatures: [{ params: ['dynamic', 'bool', 'long'], optional: 1, result: 'dynamic' }],
    constantArgs: [2],
    create: (_ts, _r, constants) => bagBuilder('make_bag_if', maxSizeOf(constants, 2), 1),
  },
];
