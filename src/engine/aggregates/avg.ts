/**
 * avg(x) and avgif(x, p): nulls are skipped; the result is real (decimal for decimal input), and
 * NaN when a group has no value (kql-notes §4.3). Values are summed in input order as doubles.
 */
import type { JsValue, Reader } from '../column.js';
import type { KqlType } from '../types.js';
import type { AggregateFunction, AggregateSignature, GroupedAccumulator } from './aggregate.js';
import { asNumber, growF64, eachValue } from './state.js';

function averager(predIndex?: number): GroupedAccumulator {
  let sums = new Float64Array(16);
  let counts = new Float64Array(16);
  return {
    add(groups: Int32Array, n: number, args: readonly Reader[]) {
      eachValue(groups, n, args, predIndex, (g, v) => {
        if (g >= sums.length) {
          sums = growF64(sums, g + 1);
          counts = growF64(counts, g + 1);
        }
        sums[g] += asNumber(v);
        counts[g]++;
      });
    },
    result(groupCount: number): JsValue[] {
      const out: JsValue[] = new Array(groupCount);
      for (let g = 0; g < groupCount; g++) out[g] = g < counts.length && counts[g] > 0 ? sums[g] / counts[g] : NaN;
      return out;
    },
  };
}

function avgSignatures(extra: readonly ('bool')[]): AggregateSignature[] {
  return [
    { params: ['long', ...extra], result: 'real' },
    { params: ['real', ...extra], result: 'real' },
    { params: ['decimal', ...extra], result: 'decimal' },
  ];
}

export const avg: AggregateFunction = {
  name: 'avg',
  namePrefix: 'avg',
  signatures: avgSignatures([]),
  create: (_ts: readonly KqlType[]) => averager(),
};

export const avgif: AggregateFunction = {
  name: 'avgif',
  namePrefix: 'avgif',
  signatures: avgSignatures(['bool']),
  create: (_ts: readonly KqlType[]) => averager(1),
};

export const avgAggregates: readonly AggregateFunction[] = [avg, avgif];
