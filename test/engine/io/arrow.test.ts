/** Arrow IPC files and streams as inputs: type mapping, schema conversions, projection and bad files, on files written here. */
import {
  Binary, Bool, Data, DateDay, DateMillisecond, Decimal, Dictionary, DurationMillisecond, DurationNanosecond, Field, Float32, Float64,
  Int16, Int32, Int64, Int8, LargeUtf8, Null, RecordBatch, Schema, Struct, Table, TimeMillisecond, TimestampMicrosecond,
  TimestampNanosecond, TimestampSecond, Uint32, Uint64, Uint8, Utf8, makeData, tableToIPC, vectorFromArray, type DataType,
} from 'apache-arrow';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tableRows } from '../../../src/engine/batch.js';
import { loadTable, loadTableInfo, readTableInfo } from '../../../src/engine/io/index.js';

const tmp = mkdtempSync(join(tmpdir(), 'kql-arrow-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
let count = 0;

interface Col { readonly name: string; readonly data: Data; readonly meta?: Record<string, string> }

/** A column of `type` from plain values (null for null). */
function col(name: string, type: DataType, values: readonly unknown[], meta?: Record<string, string>): Col {
  return { name, data: vectorFromArray(values as unknown[], type).data[0], meta };
}

/** A column from raw buffers, for the types vectorFromArray does not build from JS values. */
function raw(name: string, type: DataType, data: ArrayLike<number | bigint> & ArrayBufferView, length: number, meta?: Record<string, string>): Col {
  return { name, data: makeData({ type, length, nullCount: 0, data } as never), meta };
}

function arrowTable(cols: readonly Col[]): Table {
  const fields = cols.map((c) => new Field(c.name, c.data.type, true, c.meta ? new Map(Object.entries(c.meta)) : undefined));
  const schema = new Schema(fields);
  const length = cols[0]?.data.length ?? 0;
  return new Table(schema, [new RecordBatch(schema, makeData({ type: new Struct(fields), length, nullCount: 0, children: cols.map((c) => c.data) }))]);
}

function arrowFile(cols: readonly Col[], format: 'file' | 'stream' = 'file'): string {
  const path = join(tmp, `t${count++}.${format === 'file' ? 'arrow' : 'arrows'}`);
  writeFileSync(path, tableToIPC(arrowTable(cols), format));
  return path;
}

const types = (fields: readonly { name: string; type: string }[]): string[] => fields.map((f) => `${f.name}:${f.type}`);
/** Ticks of 2023-11-14T22:13:20Z (Unix time 1700000000): 1.7e16 + the 621355968000000000 ticks before 1970. */
const T0 = 638_355_968_000_000_000n;

describe('Arrow types as KQL types', () => {
  it.each([
    ['Int8', raw('c', new Int8(), Int8Array.of(-128, 127), 2), 'int', [-128, 127]],
    ['Int16', raw('c', new Int16(), Int16Array.of(-300, 300), 2), 'int', [-300, 300]],
    ['Uint8', raw('c', new Uint8(), Uint8Array.of(0, 255), 2), 'int', [0, 255]],
    ['Int32 with a null', col('c', new Int32(), [7, null]), 'int', [7, null]],
    ['Uint32', raw('c', new Uint32(), Uint32Array.of(4294967295, 1), 2), 'long', [4294967295n, 1n]],
    ['Int64', col('c', new Int64(), [9007199254740993n, null]), 'long', [9007199254740993n, null]],
    ['Uint64 below 2^63', raw('c', new Uint64(), BigUint64Array.of(9223372036854775807n), 1), 'long', [9223372036854775807n]],
    ['Float32', raw('c', new Float32(), Float32Array.of(0.5, -2), 2), 'real', [0.5, -2]],
    ['Float64', col('c', new Float64(), [1.25, null, NaN]), 'real', [1.25, null, NaN]],
    ['Bool', col('c', new Bool(), [true, false, null]), 'bool', [true, false, null]],
    ['Utf8 (null as "")', col('c', new Utf8(), ['x', null, 'é', 'x']), 'string', ['x', '', 'é', 'x']],
    ['LargeUtf8', col('c', new LargeUtf8(), ['ab', null]), 'string', ['ab', '']],
    ['Dictionary<Utf8, Int32>', col('c', new Dictionary(new Utf8(), new Int32()), ['b', 'a', 'b']), 'string', ['b', 'a', 'b']],
    ['Dictionary<Utf8, Int8> with a null', col('c', new Dictionary(new Utf8(), new Int8()), ['b', null, 'a']), 'string', ['b', '', 'a']],
    ['Timestamp in seconds', raw('c', new TimestampSecond(), BigInt64Array.of(1700000000n, 0n), 2), 'datetime', [T0, 621_355_968_000_000_000n]],
    // 1700000000.123456 s: the microseconds are 1234560 ticks.
    ['Timestamp in µs, UTC', raw('c', new TimestampMicrosecond('UTC'), BigInt64Array.of(1700000000123456n), 1), 'datetime', [T0 + 1_234_560n]],
    ['Timestamp in ns', raw('c', new TimestampNanosecond('+01:00'), BigInt64Array.of(1700000000123456700n), 1), 'datetime', [T0 + 1_234_567n]],
    // Day 19675 is 2023-11-14: 19675 × 864000000000 ticks after 1970.
    ['Date32', raw('c', new DateDay(), Int32Array.of(19675), 1), 'datetime', [638_355_168_000_000_000n]],
    ['Date64', raw('c', new DateMillisecond(), BigInt64Array.of(1700000000000n), 1), 'datetime', [T0]],
    ['Duration in ms', raw('c', new DurationMillisecond(), BigInt64Array.of(1500n, -1n), 2), 'timespan', [15_000_000n, -10_000n]],
    ['Duration in ns', raw('c', new DurationNanosecond(), BigInt64Array.of(1234500n), 1), 'timespan', [12_345n]],
    ['Time32 in ms', raw('c', new TimeMillisecond(), Int32Array.of(3600000), 1), 'timespan', [36_000_000_000n]],
    // 12345 and -5 at scale 2, as 128-bit two's complement words, low word first.
    ['Decimal128(10, 2)', raw('c', new Decimal(2, 10, 128), Uint32Array.of(12345, 0, 0, 0, 0xfffffffb, 0xffffffff, 0xffffffff, 0xffffffff), 2), 'decimal', [123.45, -0.05]],
    ['Null', { name: 'c', data: makeData({ type: new Null(), length: 2 }) }, 'string', ['', '']],
  ])('%s', async (_, column, type, values) => {
    const { table, info } = await loadTableInfo(arrowFile([column as Col]));
    expect(info.format).toBe('arrow');
    expect(info.columns).toEqual([{ name: 'c', type, origin: 'file' }]);
    expect(tableRows(table).map((r) => r[0])).toEqual(values);
  });

  it('keeps Int64, Float64, Bool and Dictionary<Utf8, Int32> data as the file holds it (no copy)', async () => {
    const t = await loadTable(arrowFile([
      col('l', new Int64(), [1n, 2n]), col('r', new Float64(), [1, 2]), col('b', new Bool(), [true, false]),
      col('s', new Dictionary(new Utf8(), new Int32()), ['x', 'y']),
    ]));
    const fileArrays = t.batches[0].columns.map((c) => c.data.values as ArrayBufferView);
    // Views into the bytes read from the file, not arrays of their own.
    for (const a of fileArrays) expect(a.buffer.byteLength).toBeGreaterThan(a.byteLength);
  });

  it('reads the kql.type metadata: Int64 ticks as datetime and timespan, text as guid and dynamic', async () => {
    const path = arrowFile([
      col('t', new Int64(), [T0, null], { 'kql.type': 'datetime' }),
      col('d', new Int64(), [10_000_000n, null], { 'kql.type': 'timespan' }),
      col('g', new Dictionary(new Utf8(), new Int32()), ['a5d7a0b6-0000-4000-8000-000000000001', null], { 'kql.type': 'guid' }),
      col('j', new Dictionary(new Utf8(), new Int32()), ['{"a":[1,2.5]}', null], { 'kql.type': 'dynamic' }),
      col('x', new Float64(), [0.1, null], { 'kql.type': 'decimal' }),
    ]);
    const { table, info } = await loadTableInfo(path);
    expect(types(info.columns)).toEqual(['t:datetime', 'd:timespan', 'g:guid', 'j:dynamic', 'x:decimal']);
    expect(tableRows(table)).toEqual([
      [T0, 10_000_000n, 'a5d7a0b6-0000-4000-8000-000000000001', new Map([['a', [1n, 2.5]]]), 0.1],
      [null, null, null, null, null],
    ]);
  });

  it('canonicalises guids and JSON that a file declares in another form', async () => {
    const t = await loadTable(arrowFile([
      col('g', new Utf8(), ['A5D7A0B6-0000-4000-8000-000000000001', ''], { 'kql.type': 'guid' }),
      col('j', new Utf8(), ['{ "a" : 1 }', 'plain'], { 'kql.type': 'dynamic' }),
    ]));
    expect(tableRows(t)).toEqual([['a5d7a0b6-0000-4000-8000-000000000001', new Map([['a', 1n]])], [null, 'plain']]);
  });

  it('refuses metadata that does not fit the Arrow type, and types KQL has none for', async () => {
    const bad = arrowFile([col('n', new Float64(), [1], { 'kql.type': 'datetime' })]);
    await expect(loadTable(bad)).rejects.toThrow(`${bad}: column 'n': its metadata kql.type=datetime does not fit its Arrow type Float64.`);
    const binary = arrowFile([col('ok', new Int32(), [1]), col('blob', new Binary(), [Uint8Array.of(1)])]);
    await expect(loadTable(binary)).rejects.toThrow(`${binary}: column 'blob' is of the Arrow type Binary, which no KQL type holds.`);
    // A query that does not use the column still reads the file.
    expect(tableRows(await loadTable(binary, { columns: ['ok'] }))).toEqual([[1]]);
  });

  it('refuses values a KQL type cannot hold, naming the row and column', async () => {
    const ns = arrowFile([raw('ts', new TimestampNanosecond(), BigInt64Array.of(0n, 150n), 2)]);
    await expect(loadTable(ns)).rejects.toThrow(`${ns}: row 2: column 'ts' (datetime): cannot read '150 (Timestamp<NANOSECOND>)' as a datetime.`);
    const big = arrowFile([raw('u', new Uint64(), BigUint64Array.of(1n, 2n ** 63n), 2)]);
    await expect(loadTable(big)).rejects.toThrow(`${big}: row 2: column 'u' (long): cannot read '9223372036854775808' as a long.`);
    // 9999-12-31T23:59:59.9999999Z is the last tick; one more is out of range.
    const late = arrowFile([col('t', new Int64(), [3_155_378_975_999_999_999n, 3_155_378_976_000_000_000n], { 'kql.type': 'datetime' })]);
    await expect(loadTable(late)).rejects.toThrow(`${late}: row 2: column 't' (datetime): cannot read '3155378976000000000' as a datetime.`);
  });
});

describe('the table schema over the file types', () => {
  // As ADX .export writes Parquet: dynamic and guid as JSON text and text.
  const exported = (): string => arrowFile([
    col('Id', new Utf8(), ['A5D7A0B6-0000-4000-8000-000000000001', 'nope', '']),
    col('Props', new Utf8(), ['{"k":"v"}', '[1,2]', '']),
    col('When', new Utf8(), ['2024-03-01T10:00:00Z', '2024-03-01 10:00:00.1234567', '']),
    col('N', new Int32(), [1, 0, null]),
  ]);
  const schema = [
    { name: 'Id', type: 'guid' }, { name: 'Props', type: 'dynamic' }, { name: 'When', type: 'datetime' }, { name: 'N', type: 'bool' },
    { name: 'Extra', type: 'long' },
  ] as const;

  it('converts text and numbers to the schema types as the CSV and JSON readers do, refusing a bad value by row and column', async () => {
    const path = exported();
    await expect(loadTable(path, { schema })).rejects.toThrow(`${path}: row 2: column 'Id' (guid): cannot read 'nope' as a guid.`);
    const warnings: string[] = [];
    const { table, info } = await loadTableInfo(path, { schema, skipBadRows: true, warn: (m) => warnings.push(m) });
    expect(info.columns.map((c) => `${c.name}:${c.type}:${c.origin}`)).toEqual([
      'Id:guid:schema', 'Props:dynamic:schema', 'When:datetime:schema', 'N:bool:schema', 'Extra:long:missing',
    ]);
    // 2024-03-01T10:00:00Z is Unix time 1709287200: 17092872000000000 + 621355968000000000 ticks.
    expect(tableRows(table)).toEqual([
      ['a5d7a0b6-0000-4000-8000-000000000001', new Map([['k', 'v']]), 638_448_840_000_000_000n, true, null],
      [null, null, null, null, null],
    ]);
    expect(warnings).toEqual([
      '1 column of the given schema is not in the file and will be empty ("" for strings, null otherwise): Extra.',
      'skipped 1 bad row (row 2).',
    ]);
  });

  it('refuses a file type that cannot become the schema type', async () => {
    const path = arrowFile([raw('T', new TimestampSecond(), BigInt64Array.of(0n), 1)]);
    await expect(loadTable(path, { schema: [{ name: 'T', type: 'string' }] })).rejects.toThrow(
      `${path}: column 'T' is Timestamp<SECOND> (datetime) in the file and cannot be read as string, its type in the schema.`,
    );
  });

  it('reads only the wanted columns, and aliases', async () => {
    const path = exported();
    const t = await loadTable(path, { columns: ['N', 'Count'], aliases: { Count: 'N' } });
    expect(types(t.schema)).toEqual(['N:int', 'Count:int']);
    expect(tableRows(t)).toEqual([[1, 1], [0, 0], [null, null]]);
    expect(types(await readTableInfo(path, { columns: ['When'] }).then((i) => i.columns))).toEqual(['When:string']);
  });
});

describe('Arrow files and streams', () => {
  const cols = (): Col[] => [col('a', new Int64(), [1n, 2n]), col('s', new Utf8(), ['x', 'y'])];

  it('reads the stream format', async () => {
    const { table, info } = await loadTableInfo(arrowFile(cols(), 'stream'));
    expect(info.format).toBe('arrow-stream');
    expect(tableRows(table)).toEqual([[1n, 'x'], [2n, 'y']]);
  });

  it.each(['file', 'stream'] as const)('refuses a truncated %s, naming it', async (format) => {
    const path = arrowFile(cols(), format);
    const bytes = tableToIPC(arrowTable(cols()), format);
    writeFileSync(path, bytes.subarray(0, bytes.length - 9));
    await expect(loadTable(path)).rejects.toThrow(new RegExp(`^${path}: not a valid Arrow IPC ${format} \\(.*\\); is it truncated\\?$`));
  });
});
