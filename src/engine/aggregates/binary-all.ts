/**
 * binary_all_and(x), binary_all_or(x), binary_all_xor(x): the bitwise fold of a group's non-null
 * values, typed as x (int or long; conformance binary-all-and/or-aggregation-function-00). A group
 * without a value is refused: what the engine returns for it is not documented.
 */
import { NotSupportedError } from '../errors.js';
import type { JsValue, Reader } from '../column.js';
import type { AggregateFunction, GroupedAccumulator } from './aggregate.js';
import { asBigint, eachValue } from './state.js';

type Fold = (a: bigint, b: bigint) => bigint;

function folder(name: string, fold: Fold, bits: 32 | 64): GroupedAccumulator {
  const acc: (bigint | undefined)[] = [];
  return {
    add(groups: Int32Array, n: number, args: readonly Reader[]) {
      eachValue(groups, n, args, undefined, (g, v) => {
        const x = asBigint(v);
        acc[g] = acc[g] === undefined ? x : BigInt.asIntN(bits, fold(acc[g]!, x));
      });
    },
    result(groupCount: number): JsValue[] {
      return Array.from({ length: groupCount }, (_, g) => {
        const v = acc[g];
        if (v === undefined) throw new NotSupportedError(`${name}() of a group without values (the engine's result is not documented)`);
        return bits === 32 ? Number(v) : v;
      });
    },
  };
}

function binaryAll(name: string, fold: Fold): AggregateFunction {
  return {
    name,
    namePrefix: '',
    signatures: [{ params: ['int'], result: 'int' }, { params: ['long'], result: 'long' }],
    create: (ts) => folder(name, fold, ts[0] === 'int' ? 32 : 64),
  };
}

export const binaryAllAggregates: readonly AggregateFunction[] = [
  binaryAll('binary_all_and', (a, b) => a & b),
  binaryAll('binary_all_or', (a, b) => a | b),
  binaryAll('binary_all_xor', (a, b) => a ^ b),
];
