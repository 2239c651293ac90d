import { describe, expect, it } from 'vitest';
import { aggregate } from './helpers.js';

// 12 = 0b1100, 10 = 0b1010, 6 = 0b0110: and 0, or 14, xor 0; group 1 holds -1 and 5: and 5, or -1, xor -6.
describe('binary_all_and / binary_all_or / binary_all_xor', () => {
  it.each([
    ['binary_all_and', [0n, 5n]],
    ['binary_all_or', [14n, -1n]],
    ['binary_all_xor', [0n, -6n]],
  ])('%s folds each group, skipping nulls', (name, expected) => {
    const rows = [[12n], [-1n], [10n], [null], [6n], [5n]];
    expect(aggregate(name, ['long'], rows, [0, 1, 0, 1, 0, 1], 2)).toEqual({ values: expected, type: 'long' });
  });

  it('an int argument gives an int', () => {
    expect(aggregate('binary_all_or', ['int'], [[1], [2]], [0, 0], 1)).toEqual({ values: [3], type: 'int' });
  });

  it('refuses a group without values (the engine result is not documented)', () => {
    expect(() => aggregate('binary_all_and', ['long'], [[null]], [0], 1))
      .toThrow('Not supported: binary_all_and() of a group without values (the engine\'s result is not documented).');
  });
});
