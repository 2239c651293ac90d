/** `kql convert`'s files read back as the table they were written from: every fixture and export shape, as Arrow IPC and Parquet. */
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { sourceOf, tableRowCount, tableRows, type Table } from '../../../src/engine/batch.js';
import { loadTable, loadTableInfo, readSchemaFile, writeColumnar } from '../../../src/engine/io/index.js';

const tmp = mkdtempSync(join(tmpdir(), 'kql-columnar-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const DATA_RE = /\.(csv|json|jsonl|log|gz)$/;
function dataFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? dataFiles(path) : DATA_RE.test(name) && name !== 'schema.json' ? [path] : [];
  });
}

/** Every fixture that loads (bad-input fixtures don't), as `-t FILE` would bind it: named after the file. */
async function fixtures(): Promise<{ path: string; table: Table }[]> {
  const schema = await readSchemaFile('test/fixtures/io/shapes/schema.json');
  const out = [];
  for (const path of ['fixtures', 'test/fixtures', 'test/golden/data'].flatMap(dataFiles)) {
    const options = /adx-export/.test(path) ? { schema } : { tableName: basename(path).replace(/\..*$/, '') };
    try {
      // Batches of 3 rows: several record batches sharing each string column's dictionary.
      out.push({ path, table: await loadTable(path, { ...options, batchSize: 3 }) });
    } catch {
      // a fixture of bad input
    }
  }
  return out;
}

describe('converted files', () => {
  // A dictionary limit of 2 distinct values writes most text columns as plain Utf8 instead of one shared dictionary.
  it.each([['arrow', undefined], ['parquet', undefined], ['arrow', 2]] as const)(
    'read back identical as %s (dictionary limit %s): schema, values and types of every fixture', async (format, limit) => {
    const all = await fixtures();
    expect(all.length).toBeGreaterThan(60);
    for (const [k, { path, table }] of all.entries()) {
      const out = join(tmp, `f${k}-${limit}.${format}`);
      expect((await writeColumnar(sourceOf(table), out, format, 'T', limit)).rows).toBe(tableRowCount(table));
      const { table: back, info } = await loadTableInfo(out);
      expect({ path, schema: back.schema }).toEqual({ path, schema: table.schema });
      expect({ path, rows: tableRows(back) }).toEqual({ path, rows: tableRows(table) });
      expect(info.table).toBe('T');
      // Every other column: an Arrow file then has only those columns' bytes read.
      const some = table.schema.filter((_, c) => c % 2 === 1).map((f) => f.name);
      const part = await loadTable(out, { columns: some });
      expect({ path, schema: part.schema }).toEqual({ path, schema: table.schema.filter((f) => some.includes(f.name)) });
      expect({ path, rows: tableRows(part) }).toEqual({ path, rows: tableRows(table).map((row) => row.filter((_, c) => c % 2 === 1)) });
    }
  }, 60_000);
});
