import { describe, expect, it } from 'vitest';
import { call, callTyped } from './helpers.js';

describe('abs', () => {
  it('keeps integers integral', () => {
    expect(callTyped('abs', [-5n], ['long'])).toEqual({ value: 5n, type: 'long' });
    expect(callTyped('abs', [-5], ['int'])).toEqual({ value: 5n, type: 'long' });
    expect(callTyped('abs', [-2.5], ['real'])).toEqual({ value: 2.5, type: 'real' });
    expect(callTyped('abs', [-36_000_000_000n], ['timespan'])).toEqual({ value: 36_000_000_000n, type: 'timespan' });
    expect(call('abs', [null], ['long'])).toBe(null);
  });
});

describe('round (documented examples)', () => {
  it.each([
    [2.98765, 3n, 2.988],
    [2.15, 1n, 2.2],
    [2.15, undefined, 2],
    [-50.55, -2n, -100],
    [21.5, -1n, 20],
    [1234.5678, 2n, 1234.57],
    [-2.7, undefined, -3],
  ])('round(%s, %s) = %s', (x, d, expected) => {
    const args = d === undefined ? [x] : [x, d];
    const types = d === undefined ? ['real'] as const : ['real', 'long'] as const;
    expect(callTyped('round', args, types)).toEqual({ value: expected, type: 'real' });
  });
  it('rounds longs to negative precision and keeps the type', () => {
    expect(callTyped('round', [1234n, -2n], ['long', 'long'])).toEqual({ value: 1200n, type: 'long' });
    expect(call('round', [1234n], ['long'])).toBe(1234n);
    expect(call('round', [-1290n, -2n], ['long', 'long'])).toBe(-1300n);
    expect(callTyped('round', [1234, -2n], ['int', 'long'])).toEqual({ value: 1200, type: 'int' });
  });
});

describe('other math', () => {
  it.each([
    ['pow', [2n, 3n], ['long', 'long'], 8.0],
    ['exp', [2n], ['long'], 7.38905609893065],
    ['log2', [5n], ['long'], 2.321928094887362],
    ['log10', [1000.0], ['real'], 3],
    ['log', [1.0], ['real'], 0],
    ['sqrt', [16n], ['long'], 4],
    ['exp2', [10n], ['long'], 1024],
    ['exp10', [3n], ['long'], 1000],
    ['sign', [-6n], ['long'], -1],
    ['sign', [0n], ['long'], 0],
    ['sign', [8.5], ['real'], 1],
    ['ceiling', [1.2], ['real'], 2],
    ['ceiling', [-1.5], ['real'], -1],
  ] as const)('%s%o = %s (real)', (f, args, types, expected) => {
    expect(callTyped(f, [...args], [...types])).toEqual({ value: expected, type: 'real' });
  });
  it('handles the edges as .NET does', () => {
    expect(call('log', [0.0], ['real'])).toBe(-Infinity);
    expect(call('log', [-1.0], ['real'])).toBeNaN();
    expect(call('sqrt', [-1.0], ['real'])).toBeNaN();
    expect(call('pi', [], [])).toBe(3.141592653589793);
    expect(callTyped('ceiling', [5n], ['long'])).toEqual({ value: 5n, type: 'long' });
  });
});
