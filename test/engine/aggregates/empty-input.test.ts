import { describe, expect, it } from 'vitest';
import { aggregateAll } from './helpers.js';

describe('empty input, no by (kql-notes §4.3 table)', () => {
  it.each([
    ['count', [], [0n]],
    ['countif', ['bool'], [0n]],
    ['dcount', ['long'], [0n]],
    ['dcountif', ['long', 'bool'], [0n]],
    ['sum', ['long'], [0n]],
    ['sumif', ['long', 'bool'], [0n]],
    ['stdev', ['long'], [0]],
    ['stdevif', ['long', 'bool'], [0]],
    ['variance', ['long'], [0]],
    ['varianceif', ['long', 'bool'], [0]],
    ['make_set', ['long'], [[]]],
    ['make_list', ['long'], [[]]],
    ['make_set_if', ['long', 'bool'], [[]]],
    ['make_list_if', ['long', 'bool'], [[]]],
    ['avg', ['long'], [NaN]],
    ['min', ['long'], [null]],
    ['max', ['long'], [null]],
    ['take_any', ['long'], [null]],
  ] as const)('%s → %o', (name, types, expected) => {
    expect(aggregateAll(name, types, []).values).toEqual(expected);
  });
});
