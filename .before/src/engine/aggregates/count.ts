/**
 * count() and count(x) — rows in the group, nulls included (kql-notes §4.3: count(y) over one null
 * and one value is 2) — and countif(p), which counts rows where p is true (false and null are not
 * counted). All return long; empty input gives 0.
 */
import type { Reader } from '../column.js';
import type { KqlType } from '../types.js';
import type { AggregateFunction, GroupedAccumulator } from './aggregate.js';
import { growF64 } from './state.js';

function counter(predicate: boolean): GroupedAccumulator {
  let counts = new Float64Array(16);
  return {
    add(groups: Int32Array, n: number, args: readonly Reader[]) {
      const p = predicate ? args[0] : undefined;
      for (let i = 0; i < n; i++) {
        if (p && p(i) !== true) continue;
        const g = groups[i];
        if (g >= counts.length) counts = growF64(counts, g + 1);
        counts[g]++;
      }
    },
    result(groupCount: number) {
      const out = new Array(groupCount);
      for (let g = 0; g < groupCount; g++) out[g] = BigInt(g < counts.length ? counts[g] : 0);
      return out;
    },
  };
}

export const count: AggregateFunction = {
  name: 'count',
  namePrefix: 'count',
  signatures: [
    { params: [], result: 'long' },
    { params: ['any'], result: 'long' },
  ],
  create: () => counter(false),
};

export const countif: AggregateFunction = {
  name: 'countif',
  namePrefix: 'countif',
  signatures: [{ params: ['bool'], result: 'long' }],
  check: (ts: readonly KqlType[]) => (ts[0] !== 'bool' ? `countif(): the predicate must be bool, not ${ts[0]}.` : undefined),
  create: () => counter(true),
};

export const countAggregates: readonly AggregateFunction[] = [count, countif];
