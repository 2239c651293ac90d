import { describe, expect, it } from 'vitest';
import { aggregate, aggregateAll } from './helpers.js';

// x = 1..5, y = 14, 10, 17, 20, 50: Σxy = 415, ΣxΣy/n = 15·111/5 = 333, so the co-moment is 82.
const XY = [[1, 14], [2, 10], [3, 17], [4, 20], [5, 50]].map(([x, y]) => [x, y]);

describe('covariance', () => {
  it.each([
    ['covariance', 82 / 4],
    ['covariancep', 82 / 5],
  ])('%s = co-moment / (n−1) or / n', (name, expected) => {
    expect(aggregateAll(name, ['real', 'real'], XY)).toEqual({ values: [expected], type: 'real' });
  });

  it.each([
    // Rows 1, 3 and 5 (odd x): Σxy = 14 + 51 + 250 = 315, ΣxΣy/n = 9·81/3 = 243, co-moment 72.
    ['covarianceif', 72 / 2],
    ['covariancepif', 72 / 3],
  ])('%s counts the rows whose predicate is true', (name, expected) => {
    const rows = XY.map(([x, y]) => [x, y, x % 2 === 1]);
    expect(aggregateAll(name, ['real', 'real', 'bool'], rows).values).toEqual([expected]);
  });

  it('skips rows where either value is null', () => {
    expect(aggregateAll('covariancep', ['real', 'real'], [...XY, [null, 3], [7, null]]).values).toEqual([82 / 5]);
  });

  it('refuses a group with too few pairs (the engine result is not documented)', () => {
    expect(() => aggregate('covariance', ['real', 'real'], [[1, 2]], [0], 1)).toThrow('Not supported: covariance() of a group with 1 value pair(s).');
  });
});
