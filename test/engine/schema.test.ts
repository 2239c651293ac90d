/** Column lookup with did-you-mean, and the naming rules for colliding and unnamed columns. */
import { describe, expect, it } from 'vitest';
import { SemanticError } from '../../src/engine/errors.js';
import { nextColumnName, requireColumn, suggest, uniqueName } from '../../src/engine/schema.js';

describe('suggest', () => {
  const names = ['Timestamp', 'Url', 'ActionType', 'IsClickedThrough'];
  it.each([
    ['Timestmp', 'Timestamp'], // one letter missing
    ['timestamp', 'Timestamp'], // case only
    ['ActonType', 'ActionType'],
    ['Urls', 'Url'],
    ['Zebra', undefined],
    ['X', undefined],
  ])('%s → %s', (name, expected) => {
    expect(suggest(name, names)).toBe(expected);
  });
});

describe('requireColumn', () => {
  const schema = [{ name: 'Timestamp', type: 'datetime' as const }, { name: 'Url', type: 'string' as const }];
  it('returns the index of a known column', () => {
    expect(requireColumn(schema, 'Url', { start: 0, end: 3 })).toBe(1);
  });
  it('throws a positioned SemanticError with a suggestion for an unknown one', () => {
    let err: unknown;
    try {
      requireColumn(schema, 'Timestmp', { start: 10, end: 18 });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(SemanticError);
    expect((err as SemanticError).message).toBe("Unknown column 'Timestmp'. Did you mean 'Timestamp'?");
    expect((err as SemanticError).span).toEqual({ start: 10, end: 18 });
    expect((err as SemanticError).code).toBe('UNKNOWN_COLUMN');
  });
});

describe('uniqueName and nextColumnName', () => {
  it('keeps a free name', () => expect(uniqueName('set_y', new Set(['x']))).toBe('set_y'));
  it('appends 1, then 2 (set_y, set_y1, set_y2)', () => {
    expect(uniqueName('set_y', new Set(['set_y']))).toBe('set_y1');
    expect(uniqueName('set_y', new Set(['set_y', 'set_y1']))).toBe('set_y2');
  });
  it('ColumnN takes the first free N', () => {
    expect(nextColumnName(new Set())).toBe('Column1');
    expect(nextColumnName(new Set(['Column1', 'Column3']))).toBe('Column2');
  });
});
