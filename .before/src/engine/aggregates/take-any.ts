/**
 * take_any(x) and take_anyif(x, p): a value of the group. The engine picks an arbitrary row;
 * here it is deterministically the group's first row (so the value may be null), or for
 * take_anyif the first row where p is true. The default column name is the argument's own name.
 */
import type { JsValue, Reader } from '../column.js';
import type { KqlType } from '../types.js';
import type { AggregateFunction, GroupedAccumulator } from './aggregate.js';
import { predicateAt } from './state.js';

function first(resultType: KqlType, predIndex?: number): GroupedAccumulator {
  const seen: boolean[] = [];
  const values: JsValue[] = [];
  return {
    add(groups: Int32Array, n: number, args: readonly Reader[]) {
      const x = args[0];
      const p = predicateAt(args, predIndex);
      for (let i = 0; i < n; i++) {
        const g = groups[i];
        if (seen[g]) continue;
        if (p && p(i) !== true) continue;
        while (values.length <= g) {
          values.push(null);
          seen.push(false);
        }
        values[g] = x(i);
        seen[g] = true;
      }
    },
    result(groupCount: number): JsValue[] {
      const empty: JsValue = resultType === 'string' ? '' : null;
      const out: JsValue[] = new Array(groupCount);
      for (let g = 0; g < groupCount; g++) out[g] = seen[g] ? values[g] : empty;
      return out;
    },
  };
}

export const takeAny: AggregateFunction = {
  name: 'take_any',
  namePrefix: '',
  signatures: [{ params: ['any'], result: (ts) => ts[0] }],
  create: (_ts, resultType) => first(resultType),
};

export const takeAnyIf: AggregateFunction = {
  name: 'take_anyif',
  namePrefix: '',
  signatures: [{ params: ['any', 'bool'], result: (ts) => ts[0] }],
  create: (_ts, resultType) => first(resultType, 1),
};

export const takeAnyAggregates: readonly AggregateFunction[] = [takeAny, takeAnyIf];
