/**
 * The streamed CSV scan with worker threads, run from the build (dist/, made by `npm test` before the tests),
 * where the worker script exists. The whole-file loader is the reference, as in stream.test.ts.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { csvHeader, csvLine, randomMs, reseed, row } from '../../../scripts/urlclick-rows.mjs';

type Rows = unknown[][];
interface Built {
  openTable(path: string, options: object): Promise<{ schema: unknown[]; scan(): Iterable<unknown> }>;
  loadTable(path: string, options: object): Promise<unknown>;
  tableRows(t: unknown): Rows;
}
const built = async (): Promise<Built> => ({
  ...(await import('../../../dist/engine/io/stream.js' as string)),
  ...(await import('../../../dist/engine/io/index.js' as string)),
  ...(await import('../../../dist/engine/batch.js' as string)),
}) as Built;

const dir = mkdtempSync(join(tmpdir(), 'kql-workers-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function exportFile(name: string, rows: number, spoil = (s: string) => s): string {
  reseed(rows);
  const path = join(dir, name);
  writeFileSync(path, spoil(csvHeader() + Array.from({ length: rows }, () => csvLine(row(randomMs()))).join('')));
  return path;
}

async function scanned(b: Built, path: string, chunkBytes: number): Promise<Rows> {
  const source = await b.openTable(path, { tableName: 'UrlClickEvents', chunkBytes });
  return b.tableRows({ schema: source.schema, batches: [...source.scan()] });
}

async function errorOf(run: () => Promise<unknown>): Promise<string> {
  try {
    await run();
    return 'no error';
  } catch (e) {
    return (e as Error).message;
  }
}

describe('a streamed CSV scan shared with worker threads', () => {
  it.each([4096, 10000, 65536])('gives the rows of a whole-file load, chunks of %i bytes', async (chunkBytes) => {
    const b = await built();
    const path = exportFile(`export-${chunkBytes}.csv`, 2000);
    const whole = b.tableRows(await b.loadTable(path, { tableName: 'UrlClickEvents' }));
    expect(whole).toHaveLength(2000);
    expect(await scanned(b, path, chunkBytes)).toEqual(whole);
  });

  it('goes on alone, with the same rows, when a line break inside quotes ends a chunk', async () => {
    const b = await built();
    // Every UrlChain holds a line break inside its quotes: many chunks end inside one.
    const path = exportFile('multiline.csv', 1500, (s) => s.replaceAll('"["', '"[\n"'));
    const whole = b.tableRows(await b.loadTable(path, { tableName: 'UrlClickEvents' }));
    expect(String(whole[0][10])).toContain('\n');
    expect(await scanned(b, path, 5000)).toEqual(whole);
  });

  it.each([1024, 4096])('reports the first of several bad values, as a whole-file load does (chunks of %i bytes)', async (chunkBytes) => {
    const b = await built();
    let n = 0;
    const spoilt = new Set([500, 900, 1300, 1700]);
    const path = exportFile(`bad-${chunkBytes}.csv`, 2000, (s) => s.replace(/,(true|false),/g, (m) => (spoilt.has(++n) ? ',maybe,' : m)));
    const expected = await errorOf(() => b.loadTable(path, { tableName: 'UrlClickEvents' }));
    expect(expected).toMatch(/cannot read 'maybe' as a bool/);
    expect(await errorOf(() => scanned(b, path, chunkBytes))).toBe(expected);
  });

  it('reports a bad value found by a worker at its line in the file', async () => {
    const b = await built();
    let n = 0;
    // The 1,700th row's IsClickedThrough: far past the first chunk, so a worker reads it.
    const path = exportFile('bad.csv', 2000, (s) => s.replace(/,(true|false),"\[/g, (m) => (++n === 1700 ? ',maybe,"[' : m)));
    const expected = await errorOf(() => b.loadTable(path, { tableName: 'UrlClickEvents' }));
    const line = /bad\.csv:(\d+): column 'IsClickedThrough' \(bool\): cannot read 'maybe' as a bool\.$/.exec(expected)?.[1];
    expect(Number(line)).toBeGreaterThan(1000);
    expect(await errorOf(() => scanned(b, path, 8192))).toBe(expected);
  });
});
