/** Group ids shared by summarize and make-series: one id per distinct key combination, null keys included. */
import { describe, expect, it } from 'vitest';
import { Column } from '../../src/engine/column.js';
import { scalar } from '../../src/engine/compile-expr.js';
import { Grouper } from '../../src/engine/grouping.js';

describe('Grouper', () => {
  it('gives ids in first-seen order for one string key and keeps the key values', () => {
    const g = new Grouper(['string']);
    const ids = g.assign([Column.fromValues('string', ['b', 'a', 'b', '', 'a'])], 5);
    expect([...ids]).toEqual([0, 1, 0, 2, 1]);
    expect(g.count).toBe(3);
    expect(g.keyColumns()[0].toArray()).toEqual(['b', 'a', '']);
  });

  it('reads a string key through its selection vector', () => {
    const g = new Grouper(['string']);
    const col = Column.fromValues('string', ['x', 'y', 'x', 'z']).take(Int32Array.from([3, 2, 0]));
    expect([...g.assign([col], 3)]).toEqual([0, 1, 1]);
    expect(g.keyColumns()[0].toArray()).toEqual(['z', 'x']);
  });

  it('null keys form one group of their own', () => {
    const g = new Grouper(['long']);
    const ids = g.assign([Column.fromValues('long', [1n, null, 1n, null, 0n])], 5);
    expect([...ids]).toEqual([0, 1, 0, 1, 2]);
    expect(g.keyColumns()[0].toArray()).toEqual([1n, null, 0n]);
  });

  it('keeps ids stable across batches', () => {
    const g = new Grouper(['string']);
    g.assign([Column.fromValues('string', ['a', 'b'])], 2);
    expect([...g.assign([Column.fromValues('string', ['b', 'c', 'a'])], 3)]).toEqual([1, 2, 0]);
    expect(g.count).toBe(3);
  });

  it('groups by several keys, each combination once', () => {
    const g = new Grouper(['string', 'bool']);
    const ids = g.assign([
      Column.fromValues('string', ['a', 'a', 'b', 'a', 'b']),
      Column.fromValues('bool', [true, null, true, true, null]),
    ], 5);
    expect([...ids]).toEqual([0, 1, 2, 0, 3]);
    expect(g.keyColumns().map((c) => c.toArray())).toEqual([['a', 'a', 'b', 'b'], [true, null, true, null]]);
  });

  it('a constant key puts every row in one group', () => {
    const g = new Grouper(['long']);
    expect([...g.assign([scalar('long', 7n)], 3)]).toEqual([0, 0, 0]);
    expect(g.keyColumns()[0].toArray()).toEqual([7n]);
  });

  it('without keys: one group when there are rows, none when there are none', () => {
    const g = new Grouper([]);
    g.assign([], 0);
    expect(g.count).toBe(0);
    g.assign([], 2);
    expect(g.count).toBe(1);
  });

  it('does not confuse key combinations whose values contain control characters', () => {
    const g = new Grouper(['string', 'string']);
    const ids = g.assign([
      Column.fromValues('string', ['a\u0000s', 'a']),
      Column.fromValues('string', ['', '\u0000s']),
    ], 2);
    // ("a\0s", "") and ("a", "\0s") are different combinations.
    expect(ids[0]).not.toBe(ids[1]);
    expect(g.count).toBe(2);
  });
});
