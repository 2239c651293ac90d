import { describe, expect, it } from 'vitest';
import { Column, ColumnBuilder, dictionaryStrings } from '../../src/engine/column.js';

/** The dictionary entries as Arrow stores them, decoded from its UTF-8 bytes (not from the builder's cache). */
function storedEntries(column: Column): string[] {
  const d = column.data.dictionary!.data[0];
  const decoder = new TextDecoder();
  return Array.from({ length: d.length }, (_, i) => decoder.decode(d.values.subarray(d.valueOffsets[i], d.valueOffsets[i + 1])));
}

describe('ColumnBuilder strings', () => {
  it('stores each distinct string once, UTF-8 encoded', () => {
    const values = ['', 'a', 'é', 'a', '日本', '😀x', '', 'x'.repeat(5000), 'é'.repeat(3000), '😀'.repeat(2000), '日本'];
    const column = Column.fromValues('string', values);
    expect(column.toArray()).toEqual(values);
    expect(dictionaryStrings(column.data)).toEqual([...new Set(values)]);
    expect(storedEntries(column)).toEqual([...new Set(values)]);
  });

  it('encodes a lone surrogate as U+FFFD, as TextEncoder does', () => {
    const column = Column.fromValues('string', ['a\uD800b']);
    expect(storedEntries(column)).toEqual(['a\uFFFDb']);
  });

  it('builds dictionaries of many entries, with nulls in guid and dynamic columns', () => {
    const guids = Array.from({ length: 3000 }, (_, i) => (i % 5 === 0 ? null : `00000000-0000-0000-0000-${String(i % 1000).padStart(12, '0')}`));
    const g = Column.fromValues('guid', guids);
    expect(g.toArray()).toEqual(guids);
    expect(storedEntries(g)).toHaveLength(new Set(guids.filter((v) => v !== null)).size);
    const b = new ColumnBuilder('dynamic');
    b.append(null);
    b.append(new Map([['ü', [1n, 'ß']]]));
    b.append('text');
    expect(storedEntries(b.finish())).toEqual(['{"ü":[1,"ß"]}', '"text"']);
  });
});
