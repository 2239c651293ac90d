import { describe, expect, it } from 'vitest';
import { Column } from '../../../src/engine/column.js';
import { ByteDictionary } from '../../../src/engine/io/dictionary.js';

/** A string column of the values, interned from their UTF-8 bytes in one buffer. */
function fromBytes(values: readonly string[]): Column {
  const bytes = Buffer.from(values.join(''));
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.length);
  const dict = new ByteDictionary();
  const keys = new Int32Array(values.length);
  let at = 0;
  values.forEach((v, i) => {
    const end = at + Buffer.byteLength(v);
    keys[i] = dict.intern(view, at, end);
    at = end;
  });
  return dict.column(keys);
}

describe('ByteDictionary', () => {
  it('builds the column ColumnBuilder builds, one entry per distinct value', () => {
    const values = ['', 'a', 'ab', 'abc', 'abcd', 'abcde', '', 'a', 'abcd', 'é', 'e\u0301', '日本😀', 'abcde', 'x'.repeat(10000), 'x'.repeat(10000)];
    const column = fromBytes(values);
    expect(column.toArray()).toEqual(values);
    expect(column.dictionaryStrings()).toEqual([...new Set(values)]);
    expect(column.toVector().toArray()).toEqual(Column.fromValues('string', values).toVector().toArray());
  });

  it('keeps many distinct values apart through its growth', () => {
    const values = Array.from({ length: 50000 }, (_, i) => `value-${i % 20011}-${'#'.repeat(i % 7)}`);
    const column = fromBytes(values);
    expect(column.toArray()).toEqual(values);
    expect(column.dictionaryStrings()).toHaveLength(new Set(values).size);
  });
});
