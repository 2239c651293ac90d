/**
 * Compiled expressions: constants stay scalar, three-valued and/or (kql-notes §11), `in`/`has_any`
 * sets with nulls, null propagation and strings that are never null, and `where`'s row selection.
 */
import { describe, expect, it } from 'vitest';
import { Batch } from '../../src/engine/batch.js';
import { Column, type JsValue } from '../../src/engine/column.js';
import { compileExpr, isScalar, selectTrue, type Value } from '../../src/engine/compile-expr.js';
import { constant, type BoundExpr, type CallExpr } from '../../src/engine/expr.js';
import type { ExecContext } from '../../src/engine/plan.js';
import type { KqlType } from '../../src/engine/types.js';

const q: ExecContext = { query: { now: 0n }, tables: new Map() };
const col = (index: number, type: KqlType, name = `c${index}`): BoundExpr => ({ kind: 'ColumnRef', type, index, name });
const values = (v: Value, n: number): JsValue[] =>
  isScalar(v) ? Array.from({ length: n }, () => v.value) : v.toArray();

function call(name: string, type: KqlType, args: BoundExpr[], kernel: (...a: never[]) => JsValue, nulls: 'propagate' | 'handle' = 'propagate'): CallExpr {
  return {
    kind: 'Call', type, name, kernel: kernel as CallExpr['kernel'], args, paramTypes: args.map((a) => a.type),
    nulls, usesContext: false, loc: { start: 0, end: 0 },
  };
}

describe('constants and column references', () => {
  it('a constant stays a scalar', () => {
    const v = compileExpr(constant('long', 5n), q)(new Batch([], [], 3));
    expect(isScalar(v)).toBe(true);
    expect(values(v, 3)).toEqual([5n, 5n, 5n]);
  });

  it('a column reference returns the batch column itself (no copy)', () => {
    const c = Column.fromValues('long', [1n, 2n]);
    const b = new Batch([{ name: 'x', type: 'long' }], [c]);
    expect(compileExpr(col(0, 'long'), q)(b)).toBe(c);
  });

  it('a call with only constant arguments is evaluated once, as a scalar', () => {
    const plus = call('+', 'long', [constant('long', 1n), constant('long', 2n)], (a: bigint, b: bigint) => a + b);
    const v = compileExpr(plus, q)(new Batch([], [], 4));
    expect(isScalar(v)).toBe(true);
    expect(values(v, 1)).toEqual([3n]);
  });
});

describe('calls over columns', () => {
  const b = new Batch(
    [{ name: 's', type: 'string' }, { name: 'x', type: 'long' }],
    [Column.fromValues('string', ['ab', 'c', 'ab', 'ab']), Column.fromValues('long', [1n, null, 3n, 4n])],
  );

  it('propagates nulls without calling the kernel', () => {
    let calls = 0;
    const plus1 = call('+', 'long', [col(1, 'long'), constant('long', 1n)], (a: bigint, c: bigint) => (calls++, a + c));
    expect(values(compileExpr(plus1, q)(b), 4)).toEqual([2n, null, 4n, 5n]);
    expect(calls).toBe(3);
  });

  it('a string-valued kernel returning null gives "" (strings are never null)', () => {
    const f = call('f', 'string', [col(1, 'long')], () => null, 'handle');
    expect(values(compileExpr(f, q)(b), 4)).toEqual(['', '', '', '']);
  });

  it('a kernel over one string column runs once per distinct value', () => {
    let calls = 0;
    const len = call('strlen', 'long', [col(0, 'string')], (s: string) => (calls++, BigInt(s.length)));
    expect(values(compileExpr(len, q)(b), 4)).toEqual([2n, 1n, 2n, 2n]);
    expect(calls).toBe(2);
  });

  it('respects the selection vector of a string column', () => {
    const sel = b.take(Int32Array.from([1, 3]));
    const len = call('strlen', 'long', [col(0, 'string')], (s: string) => BigInt(s.length));
    expect(values(compileExpr(len, q)(sel), 2)).toEqual([1n, 2n]);
  });
});

describe('three-valued and / or', () => {
  // Every pair of (true, false, null).
  const L: (boolean | null)[] = [true, true, true, false, false, false, null, null, null];
  const R: (boolean | null)[] = [true, false, null, true, false, null, true, false, null];
  const b = new Batch(
    [{ name: 'l', type: 'bool' }, { name: 'r', type: 'bool' }],
    [Column.fromValues('bool', L), Column.fromValues('bool', R)],
  );
  const logical = (op: 'and' | 'or'): BoundExpr => ({ kind: 'Logical', type: 'bool', op, left: col(0, 'bool'), right: col(1, 'bool') });

  it('and: false wins, then null', () => {
    expect(values(compileExpr(logical('and'), q)(b), 9)).toEqual([true, false, null, false, false, false, null, false, null]);
  });

  it('or: true wins, then null', () => {
    expect(values(compileExpr(logical('or'), q)(b), 9)).toEqual([true, true, true, true, false, null, true, null, null]);
  });

  it('a constant false on the left of and decides without evaluating the right', () => {
    const boom = call('boom', 'bool', [col(0, 'bool')], () => {
      throw new Error('evaluated');
    });
    const e: BoundExpr = { kind: 'Logical', type: 'bool', op: 'and', left: constant('bool', false), right: boom };
    expect(values(compileExpr(e, q)(b), 9)).toEqual(Array(9).fill(false));
  });
});

describe('in / has_any sets', () => {
  const b = new Batch(
    [{ name: 's', type: 'string' }, { name: 'x', type: 'long' }],
    [
      Column.fromValues('string', ['ClickBlocked', 'clickblocked', 'ClickBlockedByTenantPolicy', '']),
      Column.fromValues('long', [1n, null, 3n, 4n]),
    ],
  );
  const inSet = (op: 'in' | '!in' | 'in~' | '!in~' | 'has_any' | 'has_all', left: BoundExpr, vals: { type: KqlType; value: JsValue }[]): BoundExpr =>
    ({ kind: 'InSet', type: 'bool', op, left, values: vals });

  it('in is case-sensitive; in~ is not', () => {
    const vals = [{ type: 'string' as const, value: 'ClickBlocked' }];
    expect(values(compileExpr(inSet('in', col(0, 'string'), vals), q)(b), 4)).toEqual([true, false, false, false]);
    expect(values(compileExpr(inSet('in~', col(0, 'string'), vals), q)(b), 4)).toEqual([true, true, false, false]);
  });

  it('a null left side: in → false, !in → true (kql-notes §11)', () => {
    const vals = [{ type: 'long' as const, value: 1n }, { type: 'long' as const, value: 3n }];
    expect(values(compileExpr(inSet('in', col(1, 'long'), vals), q)(b), 4)).toEqual([true, false, true, false]);
    expect(values(compileExpr(inSet('!in', col(1, 'long'), vals), q)(b), 4)).toEqual([false, true, false, true]);
  });

  it('has_any matches whole terms, ignoring case (ClickBlockedByTenantPolicy is one term)', () => {
    const vals = [{ type: 'string' as const, value: 'ClickBlocked' }];
    expect(values(compileExpr(inSet('has_any', col(0, 'string'), vals), q)(b), 4)).toEqual([true, true, false, false]);
  });

  it('has_any of no values is false; has_all of no values is true (kql-notes §1.4)', () => {
    expect(values(compileExpr(inSet('has_any', col(0, 'string'), []), q)(b), 4)).toEqual([false, false, false, false]);
    expect(values(compileExpr(inSet('has_all', col(0, 'string'), []), q)(b), 4)).toEqual([true, true, true, true]);
  });

  it('a long column in a list mixing int and real values compares by value', () => {
    const vals = [{ type: 'int' as const, value: 3 }, { type: 'real' as const, value: 4.0 }];
    expect(values(compileExpr(inSet('in', col(1, 'long'), vals), q)(b), 4)).toEqual([false, false, true, true]);
  });
});

describe('selectTrue (where)', () => {
  it('keeps only true rows: null and false are dropped', () => {
    expect([...selectTrue(Column.fromValues('bool', [true, null, false, true]), 4)!]).toEqual([0, 3]);
  });
  it('every row true → undefined (the input passes unchanged)', () => {
    expect(selectTrue(Column.fromValues('bool', [true, true]), 2)).toBeUndefined();
  });
  it('a constant decides for every row', () => {
    expect(selectTrue({ kind: 'scalar', type: 'bool', value: true }, 3)).toBeUndefined();
    expect(selectTrue({ kind: 'scalar', type: 'bool', value: null }, 3)!.length).toBe(0);
  });
});
