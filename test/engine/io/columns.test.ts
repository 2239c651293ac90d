import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tableRows, type Table } from '../../../src/engine/batch.js';
import { loadTable, readTableSchema } from '../../../src/engine/io/index.js';
import type { Field } from '../../../src/engine/types.js';

const fixture = (name: string): string => `test/fixtures/io/${name}`;
const types = (fields: readonly Field[]): string[] => fields.map((f) => `${f.name}:${f.type}`);
const column = (t: Table, name: string): unknown[] => {
  const j = t.schema.findIndex((f) => f.name === name);
  return tableRows(t).map((row) => row[j]);
};

const tmp = mkdtempSync(join(tmpdir(), 'kql-columns-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
let tmpCount = 0;
function tmpFile(content: string, ext = 'csv'): string {
  const path = join(tmp, `f${tmpCount++}.${ext}`);
  writeFileSync(path, content);
  return path;
}

describe('LoadOptions.columns', () => {
  it('keeps only the wanted columns: the file\'s in file order, then the schema\'s; unknown names are ignored', async () => {
    const options = { tableName: 'UrlClickEvents', columns: ['TimeGenerated', 'Extra', 'Nope', 'Url'] };
    const t = await loadTable(fixture('clicks.csv'), options);
    expect(types(t.schema)).toEqual(['Url:string', 'Extra:long', 'TimeGenerated:datetime']);
    const all = await loadTable(fixture('clicks.csv'), { tableName: 'UrlClickEvents' });
    for (const name of ['Url', 'Extra', 'TimeGenerated']) expect(column(t, name)).toEqual(column(all, name));
    expect(await readTableSchema(fixture('clicks.csv'), options)).toEqual(t.schema);
  });

  it('keeps the values of quoted fields with line breaks and doubled quotes', async () => {
    const t = await loadTable(fixture('bom-crlf.csv'), { columns: ['Text'] });
    expect(tableRows(t)).toEqual([['line one\r\nline "two"'], ['plain'], ['"quoted"']]);
  });

  it('still counts the fields of skipped columns', async () => {
    await expect(loadTable(fixture('bad-fields.csv'), { columns: ['a'] })).rejects.toHaveProperty(
      'message', 'test/fixtures/io/bad-fields.csv:4: expected 2 fields as in the header, found 1.',
    );
  });

  it('still reports a quote error in a skipped column', async () => {
    await expect(loadTable(fixture('bad-quote.csv'), { columns: ['a'] })).rejects.toThrow("bad-quote.csv:2: a '\"' inside an unquoted field");
  });

  it('neither types nor converts skipped columns', async () => {
    const path = tmpFile('A,B\n1,not a number\n2,x\n');
    const schema: Field[] = [{ name: 'A', type: 'long' }, { name: 'B', type: 'long' }];
    await expect(loadTable(path, { schema })).rejects.toThrow("column 'B' (long): cannot read 'not a number' as a long.");
    const t = await loadTable(path, { schema, columns: ['A'] });
    expect(tableRows(t)).toEqual([[1n], [2n]]);
  });

  it('gives a table of rows without columns when none is wanted', async () => {
    const t = await loadTable(fixture('datetimes.csv'), { columns: [], batchSize: 4 });
    expect(t.schema).toEqual([]);
    expect(t.batches.map((b) => b.length)).toEqual([4, 4, 2]);
  });

  it('applies to JSON files too', async () => {
    const t = await loadTable(fixture('rows.json'), { columns: ['Score', 'Count'] });
    expect(types(t.schema)).toEqual(['Count:long', 'Score:real']);
    expect(tableRows(t)).toEqual([[9007199254740993n, null], [2n, 1.5], [-1n, 2]]);
  });
});
