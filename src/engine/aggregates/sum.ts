/**
 * sum(x) and sumif(x, p): nulls are skipped; int/long sum to long (64-bit wrap-around), real to
 * real, decimal to decimal, timespan to timespan. Empty input (or only nulls) gives 0.
 */
import type { JsValue, Reader } from '../column.js';
import type { KqlType } from '../types.js';
import type { AggregateFunction, AggregateSignature, GroupedAccumulator } from './aggregate.js';
import { asBigint, asNumber, growArray, growF64, eachValue } from './state.js';

function bigSum(predIndex?: number): GroupedAccumulator {
  const sums: bigint[] = [];
  return {
    add(groups: Int32Array, n: number, args: readonly Reader[]) {
      eachValue(groups, n, args, predIndex, (g, v) => {
        if (g >= sums.length) growArray(sums, g + 1, () => 0n);
        sums[g] = BigInt.asIntN(64, sums[g] + asBigint(v));
      });
    },
    result(groupCount: number): JsValue[] {
      const out: JsValue[] = new Array(groupCount);
      for (let g = 0; g < groupCount; g++) out[g] = g < sums.length ? sums[g] : 0n;
      return out;
    },
  };
}

function realSum(predIndex?: number): GroupedAccumulator {
  let sums = new Float64Array(16);
  return {
    add(groups: Int32Array, n: number, args: readonly Reader[]) {
      eachValue(groups, n, args, predIndex, (g, v) => {
        if (g >= sums.length) sums = growF64(sums, g + 1);
        sums[g] += asNumber(v);
      });
    },
    result(groupCount: number): JsValue[] {
      const out: JsValue[] = new Array(groupCount);
      for (let g = 0; g < groupCount; g++) out[g] = g < sums.length ? sums[g] : 0;
      return out;
    },
  };
}

function sumSignatures(extra: readonly ('bool')[]): AggregateSignature[] {
  return [
    { params: ['int', ...extra], result: 'long' },
    { params: ['long', ...extra], result: 'long' },
    { params: ['real', ...extra], result: 'real' },
    { params: ['decimal', ...extra], result: 'decimal' },
    { params: ['timespan', ...extra], result: 'timespan' },
  ];
}

function create(predIndex?: number) {
  return (_argTypes: readonly KqlType[], resultType: KqlType): GroupedAccumulator =>
    (resultType === 'real' || resultType === 'decimal' ? realSum(predIndex) : bigSum(predIndex));
}

export const sum: AggregateFunction = {
  name: 'sum',
  namePrefix: 'sum',
  signatures: sumSignatures([]),
  create: create(),
};

export const sumif: AggregateFunction = {
  name: 'sumif',
  namePrefix: 'sumif',
  signatures: sumSignatures(['bool']),
  create: create(1),
};

export const sumAggregates: readonly AggregateFunction[] = [sum, sumif];
