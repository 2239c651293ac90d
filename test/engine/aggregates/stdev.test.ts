import { describe, expect, it } from 'vitest';
import { aggregate, aggregateAll, range } from './helpers.js';

describe('variance and standard deviation (engine results)', () => {
  it.each([
    ['stdev', 1.5811388300841898],
    ['stdevp', 1.4142135623730951],
    ['variance', 2.5],
    ['variancep', 2.0],
  ])('%s(1..5) = %s', (name, expected) => {
    expect(aggregateAll(name, ['long'], range(5))).toEqual({ values: [expected], type: 'real' });
  });
  it.each([
    ['stdevif', 29.154759474226502],
    ['varianceif', 850.0],
    ['variancepif', 833.0],
  ])('%s(1..100, x %% 2 == 0) = %s', (name, expected) => {
    const rows = range(100).map(([x]) => [x, (x as bigint) % 2n === 0n]);
    expect(aggregateAll(name, ['long', 'bool'], rows).values).toEqual([expected]);
  });
  it('gives 0.0 for empty, all-null and single-value groups', () => {
    for (const name of ['stdev', 'variance', 'stdevp', 'variancep']) {
      expect(aggregate(name, ['real'], [[null], [4.0]], [0, 1], 3).values).toEqual([0, 0, 0]);
    }
  });
});
