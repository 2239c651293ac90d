/**
 * covariance, covarianceif, covariancep and covariancepif over the rows where both values are
 * non-null, as reals: (Σxy − ΣxΣy/n) / (n−1), or / n for the population forms. Their default
 * column name joins both argument names (covariance_x_y).
 * Engine checks: covariancep(1..5, [14, 10, 17, 20, 50]) = 16.4.
 */
import type { JsValue, Reader } from '../column.js';
import { NotSupportedError } from '../errors.js';
import type { AggregateFunction, GroupedAccumulator } from './aggregate.js';
import { asNumber, growF64, predicateAt } from './state.js';

function products(name: string, population: boolean, predIndex?: number): GroupedAccumulator {
  let n = new Float64Array(16);
  let sx = new Float64Array(16);
  let sy = new Float64Array(16);
  let sxy = new Float64Array(16);
  return {
    add(groups: Int32Array, count: number, args: readonly Reader[]) {
      const [x, y] = args;
      const p = predicateAt(args, predIndex);
      for (let i = 0; i < count; i++) {
        if (p && p(i) !== true) continue;
        const a = x(i);
        const b = y(i);
        if (a === null || b === null) continue;
        const g = groups[i];
        if (g >= n.length) [n, sx, sy, sxy] = [n, sx, sy, sxy].map((arr) => growF64(arr, g + 1));
        const u = asNumber(a);
        const v = asNumber(b);
        n[g]++;
        sx[g] += u;
        sy[g] += v;
        sxy[g] += u * v;
      }
    },
    result(groupCount: number): JsValue[] {
      const out: JsValue[] = new Array(groupCount);
      for (let g = 0; g < groupCount; g++) {
        const c = g < n.length ? n[g] : 0;
        const denominator = population ? c : c - 1;
        // What the engine gives for too few values is not documented.
        if (denominator <= 0) throw new NotSupportedError(`${name}() of a group with ${c} value pair(s)`);
        out[g] = (sxy[g] - (sx[g] * sy[g]) / c) / denominator;
      }
      return out;
    },
  };
}

function define(name: string, population: boolean, conditional: boolean): AggregateFunction {
  return {
    name,
    namePrefix: name,
    nameArgs: 2,
    signatures: [{ params: conditional ? ['real', 'real', 'bool'] : ['real', 'real'], result: 'real' }],
    create: () => products(name, population, conditional ? 2 : undefined),
  };
}

export const covarianceAggregates: readonly AggregateFunction[] = [
  define('covariance', false, false),
  define('covarianceif', false, true),
  define('covariancep', true, false),
  define('covariancepif', true, true),
];
