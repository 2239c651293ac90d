import { describe, expect, it } from 'vitest';
import { allFunctions, buildFunctionIndex, lookupFunction } from '../../../src/engine/functions/registry.js';
import { sig } from '../../../src/engine/functions/signature.js';

describe('function registry', () => {
  it.each([
    ['strlen', 'strlen'], ['iif', 'iff'], ['floor', 'bin'], ['todouble', 'toreal'], ['toboolean', 'tobool'],
    ['pack', 'bag_pack'], ['parse_json', 'todynamic'], ['notempty', 'isnotempty'],
  ])('finds %s as %s', (name, canonical) => {
    expect(lookupFunction(name)?.name).toBe(canonical);
  });
  it('is case-sensitive and knows nothing unregistered', () => {
    expect(lookupFunction('StrLen')).toBeUndefined();
    expect(lookupFunction('rand')).toBeUndefined();
    expect(lookupFunction('percentile')).toBeUndefined();
  });
  it('holds well-formed entries with lower-case names', () => {
    for (const f of allFunctions()) {
      for (const n of [f.name, ...(f.aliases ?? [])]) expect(n).toMatch(/^[a-z][a-z0-9_]*$/);
      expect(f.signatures.length).toBeGreaterThan(0);
      for (const s of f.signatures) expect(s.kernel ?? s.makeKernel).toBeTypeOf('function');
    }
  });
  it('rejects duplicate names', () => {
    const a = { name: 'x', signatures: [sig([], 'long', () => 1n)] };
    const b = { name: 'y', aliases: ['x'], signatures: [sig([], 'long', () => 2n)] };
    expect(() => buildFunctionIndex([[a], [b]])).toThrow(/registered twice/);
  });
});
