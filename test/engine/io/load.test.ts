import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tableRows, type Table } from '../../../src/engine/batch.js';
import { detectFormat, loadTable, readTableSchema } from '../../../src/engine/io/index.js';
import type { Field } from '../../../src/engine/types.js';

const dir = 'test/fixtures/io';
const fixture = (name: string): string => `${dir}/${name}`;
const types = (fields: readonly Field[]): string[] => fields.map((f) => `${f.name}:${f.type}`);
const column = (t: Table, name: string): unknown[] => {
  const j = t.schema.findIndex((f) => f.name === name);
  return tableRows(t).map((row) => row[j]);
};

const tmp = mkdtempSync(join(tmpdir(), 'kql-io-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
let tmpCount = 0;
function tmpFile(content: string | Buffer, ext = 'csv'): string {
  const path = join(tmp, `f${tmpCount++}.${ext}`);
  writeFileSync(path, content);
  return path;
}

describe('detectFormat', () => {
  it.each([
    ['[{"a":1}]', 'json-array'],
    ['  \n[\n', 'json-array'],
    ['{"a":1}\n{"a":2}', 'json-lines'],
    ['a,b\n1,2', 'csv'],
    ['"a",b', 'csv'],
  ])('%j is %s', (text, format) => {
    expect(detectFormat(text)).toBe(format);
  });
});

describe('CSV', () => {
  it('reads quoted newlines, doubled quotes, CRLF and LF, and strips the BOM', async () => {
    const t = await loadTable(fixture('bom-crlf.csv'));
    expect(types(t.schema)).toEqual(['Id:long', 'Text:string', 'Note:string']);
    expect(tableRows(t)).toEqual([
      [1n, 'line one\r\nline "two"', 'a, b'],
      [2n, 'plain', ''],
      [3n, '"quoted"', 'lf only'],
    ]);
  });

  it('keeps every fractional digit of datetimes with 0 to 7 digits', async () => {
    const t = await loadTable(fixture('datetimes.csv'));
    expect(types(t.schema)).toEqual(['Label:string', 'When:datetime']);
    expect(column(t, 'When')).toEqual([
      638448840000000000n, // 2024-03-01T10:00:00Z
      638448840005000000n, // .5
      638448840001200000n, // .12
      638448840001230000n, // .123
      638448840001234000n, // .1234 without Z
      638448840001234500n, // .12345 with a space for T
      638448840001234560n, // .123456
      638448840001234567n, // .1234567
      639200773261314605n, // 2026-07-19T17:02:06.1314605Z
      3155378975999999999n, // 9999-12-31T23:59:59.9999999Z
    ]);
  });

  it('converts each type from text as the schema says', async () => {
    const schema: Field[] = [
      { name: 'B', type: 'bool' }, { name: 'I', type: 'int' }, { name: 'L', type: 'long' }, { name: 'R', type: 'real' },
      { name: 'T', type: 'timespan' }, { name: 'G', type: 'guid' }, { name: 'D', type: 'dynamic' }, { name: 'S', type: 'string' },
    ];
    const t = await loadTable(fixture('typed.csv'), { schema });
    expect(t.schema).toEqual(schema);
    expect(tableRows(t)).toEqual([
      [true, 2147483647, 9007199254740993n, NaN, 937845000000n, '0cba8a8e-3c8c-4b3b-9f0a-1a2b3c4d5e6f',
        new Map<string, unknown>([['n', 1], ['l', [111n, 36n]]]), '  spaced  '],
      [false, -2147483648, -1n, -Infinity, -10000000n, null, 'not json', ''],
      [false, null, null, Infinity, null, null, null, ''],
    ]);
  });

  it('infers bool, long, real, datetime and dynamic; leading zeros, overflow and mixes stay strings', async () => {
    const t = await loadTable(fixture('infer.csv'));
    expect(types(t.schema)).toEqual([
      'Flag:bool', 'Count:long', 'Big:long', 'Ratio:real', 'When:datetime', 'Bag:dynamic', 'Code:string',
      'Name:string', 'Empty:string', 'Mixed:string', 'Span:string', 'Huge:string',
    ]);
    expect(tableRows(t)).toEqual([
      [true, 1n, 9223372036854775807n, 1, 638448840000000000n, new Map([['a', 1n]]), '0012', 'alice', '', '1', '01:00:00', '9223372036854775808'],
      [false, -2n, -9223372036854775808n, 2.5, null, null, 'x', '', '', 'abc', '00:30:00', '1'],
      [null, null, null, 1000, 638448840000000000n, [1n, 2n], '7', 'bob', '', '2.5', '', ''],
    ]);
  });

  it('reads a header-only file as an empty table', async () => {
    const t = await loadTable(fixture('header-only.csv'));
    expect(types(t.schema)).toEqual(['a:string', 'b:string']);
    expect(t.batches).toEqual([]);
  });

  it('splits rows into batches of batchSize', async () => {
    const t = await loadTable(fixture('datetimes.csv'), { batchSize: 3 });
    expect(t.batches.map((b) => b.length)).toEqual([3, 3, 3, 1]);
    expect(column(t, 'Label')).toEqual(['d0', 'd1', 'd2', 'd3', 'd4', 'd5', 'd6', 'd7', 'live', 'max']);
  });

  it('reads an excerpt of a real Defender portal export', async () => {
    const t = await loadTable(fixture('defender-excerpt.csv'));
    expect(t.schema).toHaveLength(72);
    const typeOf = (name: string): string | undefined => t.schema.find((f) => f.name === name)?.type;
    expect(typeOf('Timestamp')).toBe('datetime');
    expect(typeOf('InitiatingProcessFileSize')).toBe('long');
    expect(typeOf('AdditionalFields')).toBe('dynamic');
    expect(typeOf('SHA1')).toBe('string');
    expect(typeOf('RemoteIP')).toBe('string'); // empty in every row
    expect(column(t, 'Timestamp')).toEqual([638332366482012261n, 638332403376265921n, 638332334378396607n]);
    // 6 fractional digits in the same file as 7-digit timestamps: 2023-10-18T13:43:57.551828Z.
    expect(column(t, 'InitiatingProcessCreationTime')[2]).toBe(638332334375518280n);
    expect(column(t, 'ProcessCommandLine')[1]).toBe('"C:\\WINDOWS\\system32\\dxdiag.exe" /x C:\\WINDOWS\\TEMP\\tmpBD6C.tmp ');
    expect(column(t, 'FileSize')).toEqual(['', '', '']); // empty in these rows, so a string
    expect(column(t, 'AdditionalFields')[1]).toEqual(new Map<string, unknown>([['IsAudit', true], ['RuleId', '9e6c4e1f-7d60-472f-ba1a-a39ef669e4b2']]));
  });
});

describe('schemas', () => {
  it('types columns by the built-in schema, infers extra columns and appends missing ones', async () => {
    const t = await loadTable(fixture('clicks.csv'), { tableName: 'UrlClickEvents' });
    expect(types(t.schema)).toEqual([
      'Timestamp:datetime', 'Url:string', 'ActionType:string', 'IsClickedThrough:bool', 'UrlChain:string', 'ReportId:string',
      'Extra:long',
      'AccountUpn:string', 'Workload:string', 'NetworkMessageId:string', 'ThreatTypes:string', 'DetectionMethods:string',
      'IPAddress:string', 'AppName:string', 'AppVersion:string', 'SourceId:string', 'TenantId:string', 'Type:string',
      'SourceSystem:string', 'TimeGenerated:datetime',
    ]);
    const missing = ['', '', '', '', '', '', '', '', '', '', '', '', null];
    expect(tableRows(t)).toEqual([
      [638448840001234567n, 'https://a.example/x?y=1', 'ClickBlocked', false, '["https://a.example/x?y=1", "https://b.example/"]',
        'e2cf1de7-98af-47b5-4a2d-08dee5b77665', 7n, ...missing],
      [638448840000000000n, 'https://b.example/', 'ClickAllowed', true, '', '', null, ...missing],
    ]);
  });

  it('picks the Sentinel flavour for a file with TimeGenerated and no Timestamp', async () => {
    const fields = await readTableSchema(fixture('sentinel-clicks.csv'), { tableName: 'UrlClickEvents' });
    expect(types(fields).slice(0, 4)).toEqual(['TimeGenerated:datetime', 'Url:string', 'IsClickedThrough:bool', '_BilledSize:real']);
    expect(types(fields)).not.toContain('Timestamp:datetime');
    const t = await loadTable(fixture('sentinel-clicks.csv'), { tableName: 'UrlClickEvents' });
    expect(tableRows(t)[0].slice(0, 4)).toEqual([638448840000000000n, 'https://b.example/', false, 512]);
  });

  it('prefers an explicit schema to the built-in one', async () => {
    const schema: Field[] = [{ name: 'IsClickedThrough', type: 'string' }, { name: 'Added', type: 'int' }];
    const fields = await readTableSchema(fixture('sentinel-clicks.csv'), { tableName: 'UrlClickEvents', schema });
    expect(types(fields)).toEqual(['TimeGenerated:datetime', 'Url:string', 'IsClickedThrough:string', '_BilledSize:long', 'Added:int']);
  });
});

describe('JSON', () => {
  it('reads an array of objects: keys in order of appearance, exact longs, mixed values as dynamic', async () => {
    const t = await loadTable(fixture('rows.json'));
    expect(types(t.schema)).toEqual(['Timestamp:datetime', 'Count:long', 'Ok:bool', 'Tags:dynamic', 'Note:dynamic', 'Score:real']);
    expect(tableRows(t)).toEqual([
      [639200773261314605n, 9007199254740993n, true, ['a', 'b'], null, null],
      [639199805360000000n, 2n, false, [], 'x', 1.5],
      [639199805364610000n, -1n, null, new Map([['k', 1n]]), new Map([['n', 1]]), 2],
    ]);
  });

  it('gives JSON values to string columns as compact JSON text and null as ""', async () => {
    const schema: Field[] = [{ name: 'Tags', type: 'string' }, { name: 'Note', type: 'string' }, { name: 'Count', type: 'string' }];
    const t = await loadTable(fixture('rows.json'), { schema });
    expect(column(t, 'Tags')).toEqual(['["a","b"]', '[]', '{"k":1}']);
    expect(column(t, 'Note')).toEqual(['', 'x', '{"n":1.0}']);
    expect(column(t, 'Count')).toEqual(['9007199254740993', '2', '-1']);
  });

  it('reads JSON lines with CRLF and blank lines, typed by the Sentinel schema', async () => {
    const t = await loadTable(fixture('rows.jsonl'), { tableName: 'UrlClickEvents' });
    expect(types(t.schema).slice(0, 6)).toEqual([
      'TimeGenerated:datetime', 'Url:string', 'IsClickedThrough:bool', 'Type:string', 'ThreatTypes:string', 'UrlChain:string',
    ]);
    expect(tableRows(t).map((r) => r.slice(0, 6))).toEqual([
      [638448840001234567n, 'https://a.example/x', false, 'UrlClickEvents', '', ''],
      [638448876000000000n, 'https://b.example/', true, 'UrlClickEvents', '', '["https://b.example/"]'],
    ]);
  });

  it('reads an empty array as an empty table with the schema columns', async () => {
    const t = await loadTable(fixture('empty-array.json'), { schema: [{ name: 'a', type: 'long' }] });
    expect(types(t.schema)).toEqual(['a:long']);
    expect(t.batches).toEqual([]);
  });

  it('parses dynamic columns given as JSON text, and reads numbers and 0/1 by the schema', async () => {
    const path = tmpFile('[{"D":"{\\"a\\":[1,2]}","E":"plain","B":1,"I":7,"R":3,"L":5.0}]', 'json');
    const schema: Field[] = [
      { name: 'D', type: 'dynamic' }, { name: 'E', type: 'dynamic' }, { name: 'B', type: 'bool' },
      { name: 'I', type: 'int' }, { name: 'R', type: 'real' }, { name: 'L', type: 'long' },
    ];
    const t = await loadTable(path, { schema });
    expect(tableRows(t)).toEqual([[new Map([['a', [1n, 2n]]]), 'plain', true, 7, 3, 5n]]);
  });
});

describe('readTableSchema', () => {
  it('gives the same columns as loadTable for a small file', async () => {
    expect(await readTableSchema(fixture('infer.csv'))).toEqual((await loadTable(fixture('infer.csv'))).schema);
    expect(await readTableSchema(fixture('rows.json'))).toEqual((await loadTable(fixture('rows.json'))).schema);
  });

  it('infers from the first 1000 rows of a large CSV', async () => {
    // 5 MB: more than the prefix read for the sample; row 2000 is not a number.
    const rows = Array.from({ length: 50000 }, (_, i) => `${i === 1999 ? 'x' : i},${'p'.repeat(90)}`);
    const path = tmpFile(`N,Pad\n${rows.join('\n')}\n`);
    expect(types(await readTableSchema(path))).toEqual(['N:long', 'Pad:string']);
    expect(types((await loadTable(path)).schema)).toEqual(['N:string', 'Pad:string']);
  });

  it('reads a large JSON array from its first objects', async () => {
    const objects = Array.from({ length: 50000 }, (_, i) => `{"N":${i},"Pad":"${'p'.repeat(90)}"}`);
    const path = tmpFile(`[\n${objects.join(',\n')}\n]\n`, 'json');
    expect(types(await readTableSchema(path))).toEqual(['N:long', 'Pad:string']);
  });

  it('reads the whole file when the first record is longer than the prefix', async () => {
    const path = tmpFile(`A,B\n1,"${'q'.repeat(5 << 20)}"\n`);
    expect(types(await readTableSchema(path))).toEqual(['A:long', 'B:string']);
  });
});

describe('bad input', () => {
  it.each([
    ['nope.csv', 'test/fixtures/io/nope.csv: no such file.'],
    ['empty.csv', 'test/fixtures/io/empty.csv: file is empty.'],
    ['blank.csv', 'test/fixtures/io/blank.csv: file is empty.'],
    ['latin1.csv', 'test/fixtures/io/latin1.csv:3: not valid UTF-8 text (save the file as UTF-8, e.g. Excel\'s "CSV UTF-8").'],
    ['bad-fields.csv', 'test/fixtures/io/bad-fields.csv:4: expected 2 fields as in the header, found 1.'],
    ['unterminated.csv', 'test/fixtures/io/unterminated.csv:3: unterminated quoted field: the file ends inside quotes.'],
    ['bad-quote.csv',
      'test/fixtures/io/bad-quote.csv:2: a \'"\' inside an unquoted field; a field holding \'"\' must be quoted and the \'"\' doubled.'],
    ['bad-closing-quote.csv',
      'test/fixtures/io/bad-closing-quote.csv:2: a character follows a closing quote; a \'"\' inside a quoted field must be doubled.'],
    ['dup-header.csv', "test/fixtures/io/dup-header.csv:1: column 'a' appears twice in the header."],
    ['truncated.json',
      'test/fixtures/io/truncated.json:3: unexpected end of file: the JSON array is not closed (is the file truncated?).'],
    ['unclosed.json', 'test/fixtures/io/unclosed.json:2: unexpected end of file: the JSON array is not closed (is the file truncated?).'],
    ['invalid.json', 'test/fixtures/io/invalid.json:3: invalid JSON in the array element that starts on this line.'],
    ['not-objects.json', 'test/fixtures/io/not-objects.json:1: expected an array of JSON objects, found a number in the array.'],
    ['trailing.json', 'test/fixtures/io/trailing.json:2: unexpected text after the JSON array.'],
    ['bad-separator.json', "test/fixtures/io/bad-separator.json:1: expected ',' or ']' after an array element, found '{'."],
    ['bad-line.jsonl', 'test/fixtures/io/bad-line.jsonl:2: invalid JSON; expected one complete JSON object per line.'],
    ['scalar-line.jsonl', 'test/fixtures/io/scalar-line.jsonl:2: expected one JSON object per line, found a number.'],
  ])('%s', async (name, message) => {
    await expect(loadTable(fixture(name))).rejects.toThrow(message);
    // The message is the whole text, not a part of it.
    await expect(loadTable(fixture(name))).rejects.toHaveProperty('message', message);
  });

  it('reports the line where the record starts, past quoted line breaks', async () => {
    const schema: Field[] = [{ name: 'Timestamp', type: 'datetime' }];
    await expect(loadTable(fixture('bad-datetime.csv'), { schema })).rejects.toThrow(
      "test/fixtures/io/bad-datetime.csv:4: column 'Timestamp' (datetime): cannot read 'yesterday' as a datetime.",
    );
  });

  it('reports the line of the object in a JSON array', async () => {
    const schema: Field[] = [{ name: 'Count', type: 'long' }];
    await expect(loadTable(fixture('bad-value.json'), { schema })).rejects.toThrow(
      "test/fixtures/io/bad-value.json:3: column 'Count' (long): cannot read 'abc' as a long.",
    );
  });

  it('shows a non-string JSON value as JSON text', async () => {
    const schema: Field[] = [{ name: 'When', type: 'datetime' }];
    await expect(loadTable(fixture('bad-json-type.json'), { schema })).rejects.toThrow(
      "test/fixtures/io/bad-json-type.json:3: column 'When' (datetime): cannot read '5' as a datetime.",
    );
  });

  it('gives file and line as properties of the InputError', async () => {
    await expect(loadTable(fixture('bad-fields.csv'))).rejects.toMatchObject({
      name: 'InputError', phase: 'input', file: 'test/fixtures/io/bad-fields.csv', line: 4,
    });
  });

  it.each([
    ['bool', 'yes', "cannot read 'yes' as a bool."],
    ['int', '2147483648', "cannot read '2147483648' as an int."],
    ['long', '9223372036854775808', "cannot read '9223372036854775808' as a long."],
    ['long', '1.5', "cannot read '1.5' as a long."],
    ['real', '1,5', "cannot read '1,5' as a real."],
    ['datetime', '2024-02-30T00:00:00Z', "cannot read '2024-02-30T00:00:00Z' as a datetime."],
    ['timespan', '1 hour', "cannot read '1 hour' as a timespan."],
    ['guid', 'not-a-guid', "cannot read 'not-a-guid' as a guid."],
  ] as const)('refuses a %s from %j', async (type, text, message) => {
    const path = tmpFile(`V\n"${text}"\n`);
    await expect(loadTable(path, { schema: [{ name: 'V', type }] })).rejects.toThrow(`${path}:2: column 'V' (${type}): ${message}`);
  });
});
