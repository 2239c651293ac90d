/**
 * The column-with-constant comparison loops agree with the row kernels of the comparison operators (the
 * reference, functions/operators.ts) on random columns with nulls, with and without a selection vector,
 * the column on either side.
 */
import { describe, expect, it } from 'vitest';
import { Column, type JsValue } from '../../src/engine/column.js';
import { compareColumnWithConstant } from '../../src/engine/compare-kernels.js';
import type { CallExpr } from '../../src/engine/expr.js';
import { binaryOperatorSignatures } from '../../src/engine/functions/operators.js';
import { kernelOf, resolve } from '../../src/engine/functions/signature.js';
import type { KqlType } from '../../src/engine/types.js';
import { prng } from '../../scripts/urlclick-rows.mjs';

const random = prng(42);
const RELATIONS = ['==', '!=', '<', '<=', '>', '>='];

function callOf(rel: string, left: KqlType, right: KqlType): CallExpr {
  const r = resolve(binaryOperatorSignatures(rel), [left, right])!;
  const arg = (type: KqlType) => ({ kind: 'Const' as const, type, value: null });
  return {
    kind: 'Call', type: 'bool', name: rel, kernel: kernelOf(r), args: [arg(left), arg(right)], paramTypes: r.paramTypes,
    nulls: 'handle', usesContext: false, loc: { start: 0, end: 0 },
  };
}

const draw: Record<string, () => JsValue> = {
  long: () => BigInt(Math.floor(random() * 7) - 3),
  real: () => [-1.5, 0, 0.5, 2, NaN, Infinity][Math.floor(random() * 6)],
  datetime: () => 638448840000000000n + BigInt(Math.floor(random() * 5)),
  timespan: () => BigInt(Math.floor(random() * 5) - 2) * 10_000_000n,
  bool: () => random() < 0.5,
};

const cases: [KqlType, KqlType, JsValue[]][] = [
  ['long', 'long', [-1n, 0n, 2n]],
  ['real', 'real', [0, 0.5, NaN]],
  ['datetime', 'datetime', [638448840000000002n]],
  ['timespan', 'timespan', [0n, 10_000_000n]],
  ['bool', 'bool', [true, false]],
  ['bool', 'long', [0n, 1n]],
];

describe('compareColumnWithConstant', () => {
  it.each(cases)('%s column vs %s constant agrees with the row kernel', (colType, valueType, constants) => {
    let checked = 0;
    for (const rel of RELATIONS) {
      for (const v of constants) {
        for (const left of [true, false]) {
          const values = Array.from({ length: 200 }, () => (random() < 0.15 ? null : draw[colType]()));
          const full = Column.fromValues(colType, values);
          const sel = Int32Array.from({ length: 80 }, () => Math.floor(random() * 200));
          for (const [col, rows] of [[full, values], [full.take(sel), [...sel].map((i) => values[i])]] as const) {
            const e = left ? callOf(rel, colType, valueType) : callOf(rel, valueType, colType);
            const fast = left ? compareColumnWithConstant(e, col, v) : compareColumnWithConstant(e, v, col);
            if (colType === 'bool' && rel !== '==' && rel !== '!=') {
              expect(fast).toBeUndefined();
              continue;
            }
            expect(fast).toBeDefined();
            const convert = (x: JsValue, k: number) => (x !== null && e.paramTypes[k] === 'real' && typeof x === 'bigint' ? Number(x) : x);
            const expected = rows.map((x) => (left ? e.kernel(convert(x, 0), convert(v, 1)) : e.kernel(convert(v, 0), convert(x, 1))));
            expect(fast!.toArray()).toEqual(expected);
            checked++;
          }
        }
      }
    }
    expect(checked).toBeGreaterThan(0);
  });

  it('leaves other cases to the row kernel', () => {
    const longs = Column.fromValues('long', [1n, null]);
    expect(compareColumnWithConstant(callOf('==', 'long', 'real'), longs, 1.5)).toBeUndefined(); // a conversion
    expect(compareColumnWithConstant(callOf('==', 'long', 'long'), longs, null)).toBeUndefined(); // a null constant
    expect(compareColumnWithConstant(callOf('==', 'long', 'long'), longs, longs)).toBeUndefined(); // two columns
    expect(compareColumnWithConstant(callOf('==', 'bool', 'long'), Column.fromValues('bool', [true]), 2n)).toBeUndefined();
    expect(compareColumnWithConstant(callOf('+', 'long', 'long'), longs, 1n)).toBeUndefined(); // not a comparison
  });
});
