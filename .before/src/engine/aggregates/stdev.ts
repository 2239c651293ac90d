/**
 * variance, varianceif, variancep, variancepif, stdev, stdevif and stdevp (the engine has no
 * stdevpif), over non-null numeric values, as reals. Sample forms divide by n−1, population forms
 * by n; a group with fewer than two values (sample) or none (population) gives 0.0 (§4.3). Computed from the count, sum and sum
 * of squares: var = (Σx² − (Σx)²/n) / (n−1) [or / n].
 * Engine checks: stdev(1..5) = 1.5811388300841898, stdevp(1..5) = 1.4142135623730951,
 * variancep(1..5) = 2.0, varianceif(1..100, even) = 850.0.
 */
import type { JsValue, Reader } from '../column.js';
import type { KqlType } from '../types.js';
import type { AggregateFunction, GroupedAccumulator } from './aggregate.js';
import { asNumber, growF64, predicateAt } from './state.js';

interface Kind {
  readonly population: boolean;
  readonly root: boolean;
}

function moments(kind: Kind, predIndex?: number): GroupedAccumulator {
  let n = new Float64Array(16);
  let s1 = new Float64Array(16);
  let s2 = new Float64Array(16);
  return {
    add(groups: Int32Array, count: number, args: readonly Reader[]) {
      const x = args[0];
      const p = predicateAt(args, predIndex);
      for (let i = 0; i < count; i++) {
        if (p && p(i) !== true) continue;
        const v = x(i);
        if (v === null) continue;
        const g = groups[i];
        if (g >= n.length) {
          n = growF64(n, g + 1);
          s1 = growF64(s1, g + 1);
          s2 = growF64(s2, g + 1);
        }
        const d = asNumber(v);
        n[g]++;
        s1[g] += d;
        s2[g] += d * d;
      }
    },
    result(groupCount: number): JsValue[] {
      const out: JsValue[] = new Array(groupCount);
      for (let g = 0; g < groupCount; g++) {
        const c = g < n.length ? n[g] : 0;
        const denominator = kind.population ? c : c - 1;
        let v = 0;
        if (denominator > 0) v = (s2[g] - (s1[g] * s1[g]) / c) / denominator;
        out[g] = kind.root ? Math.sqrt(v) : v;
      }
      return out;
    },
  };
}

function define(name: string, kind: Kind, conditional: boolean): AggregateFunction {
  return {
    name,
    namePrefix: name,
    signatures: [{ params: conditional ? ['real', 'bool'] : ['real'], result: 'real' }],
    create: (_ts: readonly KqlType[]) => moments(kind, conditional ? 1 : undefined),
  };
}

const SAMPLE_VAR: Kind = { population: false, root: false };
const SAMPLE_SD: Kind = { population: false, root: true };
const POP_VAR: Kind = { population: true, root: false };
const POP_SD: Kind = { population: true, root: true };

export const stdevAggregates: readonly AggregateFunction[] = [
  define('variance', SAMPLE_VAR, false),
  define('varianceif', SAMPLE_VAR, true),
  define('variancep', POP_VAR, false),
  define('variancepif', POP_VAR, true),
  define('stdev', SAMPLE_SD, false),
  define('stdevif', SAMPLE_SD, true),
  define('stdevp', POP_SD, false),
];
