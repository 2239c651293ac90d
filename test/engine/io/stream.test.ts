/**
 * openTable streams large CSV files a chunk at a time. The whole-file loader is the reference: a streamed
 * table must have the same rows, and a bad file the same error (message, file, line), whatever the chunk size.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tableRows } from '../../../src/engine/batch.js';
import { loadTable, type LoadOptions } from '../../../src/engine/io/index.js';
import { openTable } from '../../../src/engine/io/stream.js';
import type { Field } from '../../../src/engine/types.js';
import { scannedRows } from '../../helpers/table.js';
import { csvHeader, csvLine, prng, randomMs, reseed, row } from '../../../scripts/urlclick-rows.mjs';

const dir = mkdtempSync(join(tmpdir(), 'kql-stream-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, content: string | Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

const SCHEMA: Field[] = [
  { name: 'When', type: 'datetime' }, { name: 'Text', type: 'string' }, { name: 'N', type: 'long' },
  { name: 'Flag', type: 'bool' }, { name: 'Bag', type: 'dynamic' },
];

/** Rows whose text fields hold commas, doubled quotes and line breaks (LF and CRLF), some empty. */
function awkwardCsv(rows: number, seed: number, eol = '\n'): string {
  const random = prng(seed);
  const texts = ['plain', '"a,b"', '"say ""hi"""', '"two\nlines"', '"crlf\r\nin quotes"', '', 'ünïcødé', '"trailing\n"'];
  const lines = ['When,Text,N,Flag,Bag'];
  for (let i = 0; i < rows; i++) {
    const t = texts[Math.floor(random() * texts.length)];
    const day = String(1 + (i % 28)).padStart(2, '0');
    const bag = random() < 0.5 ? '"{""k"":' + i + '}"' : '';
    lines.push(`2026-02-${day}T10:00:0${i % 10}.${String(i).padStart(7, '0').slice(-7)}Z,${t},${i - 50},${i % 3 === 0 ? 'true' : 'False'},${bag}`);
  }
  return '\uFEFF' + lines.join(eol) + eol;
}

async function streamedRows(path: string, options: LoadOptions & { chunkBytes: number }): Promise<unknown[][]> {
  return scannedRows(await openTable(path, options));
}

async function errorOf(run: () => Promise<unknown>): Promise<string> {
  try {
    await run();
  } catch (e) {
    return String((e as Error).message) + ` @${(e as { file?: string }).file}:${(e as { line?: number }).line}`;
  }
  return 'no error';
}

describe('openTable streams a CSV file in chunks', () => {
  const sizes = [150, 257, 1000, 4096];

  it.each(sizes)('gives the rows of a whole-file load, chunks of %i bytes', async (chunkBytes) => {
    const path = file(`awkward-${chunkBytes}.csv`, awkwardCsv(400, chunkBytes));
    const whole = tableRows(await loadTable(path, { schema: SCHEMA }));
    expect(whole).toHaveLength(400);
    expect(await streamedRows(path, { schema: SCHEMA, chunkBytes })).toEqual(whole);
  });

  it('reads CRLF files and keeps only the wanted columns', async () => {
    const path = file('crlf.csv', awkwardCsv(300, 7, '\r\n'));
    const options = { schema: SCHEMA, columns: ['N', 'Text'] };
    const whole = await loadTable(path, options);
    const source = await openTable(path, { ...options, chunkBytes: 200 });
    expect(source.schema).toEqual(whole.schema);
    expect(scannedRows(source)).toEqual(tableRows(whole));
  });

  it('streams a Defender export with the built-in schema, and can be scanned twice', async () => {
    reseed(11);
    const text = csvHeader() + Array.from({ length: 500 }, () => csvLine(row(randomMs()))).join('');
    const path = file('UrlClickEvents.csv', text);
    const whole = tableRows(await loadTable(path, { tableName: 'UrlClickEvents' }));
    const source = await openTable(path, { tableName: 'UrlClickEvents', chunkBytes: 8192 });
    const first = [...source.scan()];
    expect(first.length).toBeGreaterThan(1);
    expect(tableRows({ schema: source.schema, batches: first })).toEqual(whole);
    expect(scannedRows(source)).toEqual(whole);
  });

  it('reports progress after each chunk, ending at the file size and row count', async () => {
    const text = awkwardCsv(200, 3);
    const path = file('progress.csv', text);
    const seen: { bytes: number; totalBytes: number; rows: number }[] = [];
    const source = await openTable(path, { schema: SCHEMA, chunkBytes: 500, progress: (p) => seen.push(p) });
    for (const _ of source.scan());
    expect(seen.length).toBeGreaterThan(3);
    expect(seen.at(-1)).toEqual({ bytes: Buffer.byteLength(text), totalBytes: Buffer.byteLength(text), rows: 200 });
  });

  const bad: [string, (csv: string) => string][] = [
    ['a bad value late in the file', (csv) => csv.replace(',300,', ',3x0,')],
    ['a row with too many fields', (csv) => csv.replace(',301,', ',301,extra,')],
    ['a quote left open at the end', (csv) => csv + '2026-02-01T00:00:00Z,"open,1,true,\n'],
    ['a NUL byte', (csv) => csv.replace(',302,', ',30\u00002,')],
  ];
  it.each(bad)('fails on %s as a whole-file load does', async (_name, spoil) => {
    const path = file('bad.csv', spoil(awkwardCsv(400, 5)));
    const expected = await errorOf(() => loadTable(path, { schema: SCHEMA }));
    expect(expected).toMatch(/@.*bad\.csv:\d+$/);
    expect(await errorOf(() => streamedRows(path, { schema: SCHEMA, chunkBytes: 300 }))).toBe(expected);
  });

  it('fails on invalid UTF-8 late in the file with its line', async () => {
    const text = Buffer.from(awkwardCsv(400, 9));
    const at = text.indexOf(',350,');
    text[at + 2] = 0xff;
    const path = file('latin1.csv', text);
    const expected = await errorOf(() => loadTable(path, { schema: SCHEMA }));
    expect(expected).toMatch(/UTF-8/);
    expect(await errorOf(() => streamedRows(path, { schema: SCHEMA, chunkBytes: 300 }))).toBe(expected);
  });
});
