import { describe, expect, it } from 'vitest';
import type { DynValue } from '../../../src/engine/dynamic.js';
import { call } from './helpers.js';

const bag = (o: Record<string, DynValue>): DynValue => new Map(Object.entries(o));

describe('bag_zip (documented examples)', () => {
  it.each([
    ['more keys than values', ['a', 'b', 'c'], [1n, '2'], bag({ a: 1n, b: '2', c: null })],
    ['more values than keys', ['a', 'b'], [1n, '2', 2.5], bag({ a: 1n, b: '2' })],
    ['non-string keys are skipped', ['a', 8n, 'b'], [1n, '2', 2.5], bag({ a: 1n, b: 2.5 })],
    ['values not an array', ['a', 8n, 'b'], 1n, bag({ a: null, b: null })],
    ['keys not an array', 'a', [1n], null],
  ] as const)('%s', (_, keys, values, expected) => {
    expect(call('bag_zip', [keys as DynValue, values as DynValue], ['dynamic', 'dynamic'])).toEqual(expected);
  });
  it('refuses a repeated key (which value it keeps is not documented)', () => {
    expect(() => call('bag_zip', [['a', 'a'], [1n, 2n]], ['dynamic', 'dynamic'])).toThrow("Not supported: bag_zip() with the key 'a' twice.");
  });
});

describe('bag_remove_keys and bag_set_key (documented examples)', () => {
  const input = bag({ key1: 123n, key2: bag({ prop1: 'abc', prop2: 'xyz' }), key3: [100n, 200n] });
  it('removes top-level keys and JSONPath keys', () => {
    expect(call('bag_remove_keys', [input, ['$.key2.prop1', 'key3']], ['dynamic', 'dynamic']))
      .toEqual(bag({ key1: 123n, key2: bag({ prop2: 'xyz' }) }));
    expect(call('bag_remove_keys', [input, ['key2', 'nope']], ['dynamic', 'dynamic']))
      .toEqual(bag({ key1: 123n, key3: [100n, 200n] }));
  });
  it('leaves the input bag unchanged', () => {
    call('bag_remove_keys', [input, ['key1']], ['dynamic', 'dynamic']);
    expect((input as Map<string, DynValue>).has('key1')).toBe(true);
  });
  it.each([
    ['sets a new root key', bag({ key1: 1n, key2: 2n }), 'key3', 3n, bag({ key1: 1n, key2: 2n, key3: 3n })],
    ['overrides an existing key', bag({ key1: 1n, key3: 'abc' }), 'key3', 3n, bag({ key1: 1n, key3: 3n })],
    ['sets a nested key', bag({ key1: 123n, key2: bag({ prop1: 123n, prop2: 'xyz' }) }), '$.key2.prop1', 'abc',
      bag({ key1: 123n, key2: bag({ prop1: 'abc', prop2: 'xyz' }) })],
    ['creates the path', bag({ key1: 123n }), '$.key2.prop1', 'abc', bag({ key1: 123n, key2: bag({ prop1: 'abc' }) })],
    ['gives null for a non-bag', [1n], 'k', 1n, null],
  ] as const)('bag_set_key %s', (_, b, key, value, expected) => {
    const t = typeof value === 'string' ? 'string' : 'long';
    expect(call('bag_set_key', [b as DynValue, key, value], ['dynamic', 'string', t])).toEqual(expected);
  });
});
