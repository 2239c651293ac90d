/** Parquet inputs, written here with parquet-wasm: ADX .export's shape, projection, empty projections and bad files. */
import {
  Bool, Data, Field, Float64, Int64, RecordBatch, Schema, Struct, Table, TimestampMicrosecond, Utf8, makeData, tableToIPC,
  vectorFromArray, type DataType,
} from 'apache-arrow';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as pq from 'parquet-wasm';
import { afterAll, describe, expect, it } from 'vitest';
import { tableRowCount, tableRows } from '../../../src/engine/batch.js';
import { loadTable, loadTableInfo, readTableSchema } from '../../../src/engine/io/index.js';

const tmp = mkdtempSync(join(tmpdir(), 'kql-parquet-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
let count = 0;

/** A Parquet file of the given columns (plain Arrow types, no KQL metadata), `rowGroup` rows per row group. */
function parquetFile(columns: Record<string, [DataType, unknown[]] | Data>, rowGroup = 1024, path = join(tmp, `t${count++}.parquet`)): string {
  const data = Object.values(columns).map((c) => (c instanceof Data ? c : vectorFromArray(c[1], c[0]).data[0]));
  const fields = Object.keys(columns).map((name, k) => new Field(name, data[k].type, true));
  const schema = new Schema(fields);
  const length = data[0].length;
  const table = new Table(schema, [new RecordBatch(schema, makeData({ type: new Struct(fields), length, nullCount: 0, children: data }))]);
  const properties = new pq.WriterPropertiesBuilder().setMaxRowGroupSize(rowGroup).build();
  writeFileSync(path, pq.writeParquet(pq.Table.fromIPCStream(tableToIPC(table, 'stream')), properties));
  return path;
}

// 2024-03-01T10:00:00.123456Z: Unix time 1709287200.123456 s, as ADX .export writes datetimes (microseconds).
const US = 1_709_287_200_123_456n;
const TICKS = 638_448_840_001_234_560n;

/** As ADX `.export to parquet` writes a table: microsecond timestamps, dynamic and guid columns as text. */
const adxExport = (): string => parquetFile({
  Timestamp: makeData({ type: new TimestampMicrosecond('UTC'), length: 2, nullCount: 1, nullBitmap: Uint8Array.of(1), data: BigInt64Array.of(US, 0n) }),
  ReportId: [new Utf8(), ['5D1F0B3C-1111-4222-8333-944445555666', '']],
  Details: [new Utf8(), ['{"Urls":["https://a.example/"],"Count":2}', '']],
  IsClickedThrough: [new Bool(), [true, null]],
  Bytes: [new Int64(), [12n, null]],
  Score: [new Float64(), [0.5, null]],
  Url: [new Utf8(), ['https://a.example/', '']],
});

const SCHEMA = [
  { name: 'Timestamp', type: 'datetime' }, { name: 'ReportId', type: 'guid' }, { name: 'Details', type: 'dynamic' },
  { name: 'IsClickedThrough', type: 'bool' }, { name: 'Bytes', type: 'long' }, { name: 'Score', type: 'real' }, { name: 'Url', type: 'string' },
] as const;

describe('Parquet files', () => {
  it('reads an ADX .export file: µs timestamps to the tick, and guid and dynamic text as the schema says', async () => {
    const path = adxExport();
    const { table, info } = await loadTableInfo(path, { schema: SCHEMA });
    expect(info.format).toBe('parquet');
    expect(info.columns.map((c) => `${c.name}:${c.type}:${c.origin}`)).toEqual(SCHEMA.map((f) => `${f.name}:${f.type}:schema`));
    expect(tableRows(table)).toEqual([
      [TICKS, '5d1f0b3c-1111-4222-8333-944445555666', new Map<string, unknown>([['Urls', ['https://a.example/']], ['Count', 2n]]), true, 12n, 0.5, 'https://a.example/'],
      [null, null, null, null, null, null, ''],
    ]);
  });

  it('without a schema, types the columns by their Parquet types', async () => {
    const { table, info } = await loadTableInfo(adxExport());
    expect(info.columns.map((c) => `${c.name}:${c.type}:${c.origin}`)).toEqual([
      'Timestamp:datetime:file', 'ReportId:string:file', 'Details:string:file', 'IsClickedThrough:bool:file',
      'Bytes:long:file', 'Score:real:file', 'Url:string:file',
    ]);
    expect(tableRows(table)[0][2]).toBe('{"Urls":["https://a.example/"],"Count":2}');
  });

  it('refuses a value the schema type cannot hold, naming the file, row and column', async () => {
    const path = parquetFile({ ReportId: [new Utf8(), ['5d1f0b3c-1111-4222-8333-944445555666', 'x-1']] });
    await expect(loadTable(path, { schema: [{ name: 'ReportId', type: 'guid' }] })).rejects.toThrow(
      `${path}: row 2: column 'ReportId' (guid): cannot read 'x-1' as a guid.`,
    );
  });

  it('reads only the wanted columns, across row groups, and counts rows without reading any', async () => {
    const n = 2500;
    const path = parquetFile({
      a: [new Int64(), Array.from({ length: n }, (_, i) => BigInt(i))],
      s: [new Utf8(), Array.from({ length: n }, (_, i) => `v${i % 7}`)],
    }, 1000);
    const t = await loadTable(path, { columns: ['s'], batchSize: 1000 });
    expect(t.schema).toEqual([{ name: 's', type: 'string' }]);
    expect(t.batches.map((b) => b.length)).toEqual([1000, 1000, 500]);
    expect(tableRows(t).slice(6, 9)).toEqual([['v6'], ['v0'], ['v1']]);
    const none = await loadTable(path, { columns: [] });
    expect(none.schema).toEqual([]);
    expect(tableRowCount(none)).toBe(n);
    expect(await readTableSchema(path)).toEqual([{ name: 'a', type: 'long' }, { name: 's', type: 'string' }]);
  });

  it('reads a folder of parts (as ADX .export writes a large table) in path order, with one schema', async () => {
    const dir = join(tmp, 'export');
    mkdirSync(dir);
    parquetFile({ Id: [new Utf8(), ['A5D7A0B6-0000-4000-8000-000000000003']], N: [new Int64(), [3n]] }, 1024, join(dir, 'part_2.parquet'));
    parquetFile({ Id: [new Utf8(), ['a5d7a0b6-0000-4000-8000-000000000001', '']], N: [new Int64(), [1n, 2n]] }, 1024, join(dir, 'part_1.parquet'));
    const schema = [{ name: 'Id', type: 'guid' }, { name: 'N', type: 'long' }] as const;
    const { table, info } = await loadTableInfo(dir, { schema, columns: ['N', 'Id'] });
    expect(info.format).toBe('parquet');
    expect(tableRows(table)).toEqual([
      ['a5d7a0b6-0000-4000-8000-000000000001', 1n], [null, 2n], ['a5d7a0b6-0000-4000-8000-000000000003', 3n],
    ]);
    expect(tableRowCount(await loadTable(dir, { columns: [] }))).toBe(3);
    parquetFile({ Id: [new Utf8(), ['x']], N: [new Int64(), [4n]] }, 1024, join(dir, 'part_3.parquet'));
    await expect(loadTable(dir, { schema })).rejects.toThrow(`${join(dir, 'part_3.parquet')}: row 1: column 'Id' (guid): cannot read 'x' as a guid.`);
    parquetFile({ Id: [new Utf8(), ['x']] }, 1024, join(dir, 'part_4.parquet'));
    await expect(loadTable(dir)).rejects.toThrow(`${join(dir, 'part_4.parquet')}: its columns differ from those of ${join(dir, 'part_1.parquet')} (Id: Utf8).`);
  });

  it('refuses a truncated file, naming it', async () => {
    const path = join(tmp, 'cut.parquet');
    const bytes = readFileSync(adxExport());
    writeFileSync(path, bytes.subarray(0, bytes.length - 20));
    await expect(loadTable(path)).rejects.toThrow(new RegExp(`^${path}: not a valid Parquet file \\(.*\\); is it truncated\\?$`));
  });
});
