/**
 * min, max, minif, maxif: the result keeps the input type; nulls are skipped; a group without a
 * value gives null ("" for strings, which have no null). Strings compare ordinally.
 */
import type { JsValue, Reader } from '../column.js';
import type { KqlType } from '../types.js';
import type { AggregateFunction, AggregateSignature, GroupedAccumulator } from './aggregate.js';
import { eachValue } from './state.js';

const ORDERABLE: readonly KqlType[] = ['int', 'long', 'real', 'decimal', 'datetime', 'timespan', 'string', 'bool', 'guid'];

function extremum(better: (a: JsValue, b: JsValue) => boolean, resultType: KqlType, predIndex?: number): GroupedAccumulator {
  const best: JsValue[] = [];
  return {
    add(groups: Int32Array, n: number, args: readonly Reader[]) {
      eachValue(groups, n, args, predIndex, (g, v) => {
        while (best.length <= g) best.push(null);
        const b = best[g];
        if (b === null || better(v, b)) best[g] = v;
      });
    },
    result(groupCount: number): JsValue[] {
      const empty: JsValue = resultType === 'string' ? '' : null;
      const out: JsValue[] = new Array(groupCount);
      for (let g = 0; g < groupCount; g++) out[g] = g < best.length && best[g] !== null ? best[g] : empty;
      return out;
    },
  };
}

const less = (a: JsValue, b: JsValue): boolean => (a as number) < (b as number);
const greater = (a: JsValue, b: JsValue): boolean => (a as number) > (b as number);

function signatures(extra: readonly ('bool')[]): AggregateSignature[] {
  return ORDERABLE.map((t) => ({ params: [t, ...extra], result: t }));
}

function define(name: string, better: (a: JsValue, b: JsValue) => boolean, conditional: boolean): AggregateFunction {
  return {
    name,
    namePrefix: name,
    signatures: signatures(conditional ? ['bool'] : []),
    create: (_ts: readonly KqlType[], resultType: KqlType) => extremum(better, resultType, conditional ? 1 : undefined),
  };
}

export const minMaxAggregates: readonly AggregateFunction[] = [
  define('min', less, false),
  define('max', greater, false),
  define('minif', less, true),
  define('maxif', greater, true),
];
