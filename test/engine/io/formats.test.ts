/** The export shapes of Defender XDR and Sentinel (../shared/exports.md), read from real or faithfully reproduced bytes. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { tableRows, type Table } from '../../../src/engine/batch.js';
import { loadTable, loadTableInfo, readSchemaFile, readTableInfo, readTableSchema } from '../../../src/engine/io/index.js';
import type { Field } from '../../../src/engine/types.js';

const real = (name: string): string => `test/fixtures/io/real/${name}`;
const shape = (name: string): string => `test/fixtures/io/shapes/${name}`;
const types = (fields: readonly Field[]): string[] => fields.map((f) => `${f.name}:${f.type}`);
const column = (t: Table, name: string): unknown[] => {
  const j = t.schema.findIndex((f) => f.name === name);
  if (j < 0) throw new Error(`no column ${name}`);
  return tableRows(t).map((row) => row[j]);
};
const bag = (o: Record<string, unknown>): Map<string, unknown> => new Map(Object.entries(o));

const tmp = mkdtempSync(join(tmpdir(), 'kql-formats-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
let tmpCount = 0;
function tmpFile(content: string | Buffer, ext = 'json'): string {
  const path = join(tmp, `f${tmpCount++}.${ext}`);
  writeFileSync(path, content);
  return path;
}

describe('Streaming API records', () => {
  it('reads a Storage blob (JSON lines, CRLF) of real records: the row is properties, the table is the category', async () => {
    const { table, info } = await loadTableInfo(real('urlclickevents.PT1H.json'));
    expect(info).toMatchObject({ format: 'streaming', table: 'UrlClickEvents' });
    // Typed by the built-in UrlClickEvents schema (found from the category), which also adds its missing columns.
    expect(types(table.schema).slice(0, 12)).toEqual([
      'Timestamp:datetime', 'Url:string', 'ActionType:string', 'AccountUpn:string', 'Workload:string', 'NetworkMessageId:string',
      'ThreatTypes:string', 'DetectionMethods:string', 'IPAddress:string', 'IsClickedThrough:bool', 'UrlChain:string', 'ReportId:string',
    ]);
    expect(column(table, 'Timestamp')).toEqual([639200773261314605n]); // 2026-07-19T17:02:06.1314605Z
    expect(column(table, 'IsClickedThrough')).toEqual([false]);
    expect(column(table, 'ThreatTypes')).toEqual(['']); // JSON null in a string column
    expect(column(table, 'IPAddress')).toEqual(['2001:8b0:1f05::106c']);
    expect((column(table, 'UrlChain')[0] as string).startsWith('["https://u20216706.ct.sendgrid.net/ls/click?upn=')).toBe(true);
    expect(column(table, 'ReportId')).toEqual(['e2cf1de7-98af-47b5-4a2d-08dee5b77665']);
  });

  it('reads one pretty-printed record as the samples show it', async () => {
    const info = await readTableInfo(real('email.envelope.json'));
    expect(info).toMatchObject({ format: 'streaming', table: 'EmailEvents' });
    const t = await loadTable(real('urlclickevents.envelope.json'));
    expect(column(t, 'ActionType')).toEqual(['ClickAllowed']);
  });

  it('picks the named table from a file of records of several tables, and refuses to guess', async () => {
    const t = await loadTable(real('test-email.log'), { tableName: 'UrlClickEvents' });
    expect(tableRows(t)).toHaveLength(1);
    expect(column(t, 'ActionType')).toEqual(['DpapiAccessed']);
    const e = await loadTable(real('test-email.log'), { tableName: 'EmailEvents' });
    expect(tableRows(e)).toHaveLength(1);
    await expect(loadTable(real('test-email.log'))).rejects.toThrow(
      'test/fixtures/io/real/test-email.log: the Streaming API records are of 5 tables (EmailAttachmentInfo, EmailEvents, '
      + 'EmailUrlInfo, EmailPostDeliveryEvents, UrlClickEvents); name the one to load, e.g. -t EmailAttachmentInfo=test/fixtures/io/real/test-email.log.',
    );
  });

  it('reads an Event Hub message {"records":[…]}', async () => {
    const { table, info } = await loadTableInfo(shape('actions/eventhub.json'));
    expect(info).toMatchObject({ format: 'eventhub', table: 'UrlClickEvents' });
    expect(column(table, 'IsClickedThrough')).toEqual([false, true, false, false, false, false, null]);
  });

  it('reads a Storage folder recursively, in path order, and reports the file of a bad value', async () => {
    const t = await loadTable(shape('actions/storage'));
    expect(column(t, 'ReportId').map((s) => (s as string).slice(-1))).toEqual(['1', '2', '3', '4', '5', '6', '7']);
    const dir = join(tmp, 'blobs');
    const rec = (ts: string): string => JSON.stringify({ category: 'AdvancedHunting-UrlClickEvents', properties: { Timestamp: ts } }) + '\r\n';
    mkdirSync(join(dir, 'h=10'), { recursive: true });
    mkdirSync(join(dir, 'h=09'), { recursive: true });
    writeFileSync(join(dir, 'h=10', 'PT1H.json'), rec('2024-03-01T10:00:00Z') + rec('nonsense'));
    writeFileSync(join(dir, 'h=09', 'PT1H.json'), rec('2024-03-01T09:00:00Z'));
    await expect(loadTable(dir)).rejects.toThrow(
      `${join(dir, 'h=10', 'PT1H.json')}:2: column 'Timestamp' (datetime): cannot read 'nonsense' as a datetime.`,
    );
  });

  it('reads gzip files by their magic bytes, whatever the name', async () => {
    const t = await loadTable(shape('actions/streaming.json.gz'));
    expect(tableRows(t)).toHaveLength(7);
    const csv = tmpFile(gzipSync('a,b\n1,x\n'), 'csv');
    expect(tableRows(await loadTable(csv))).toEqual([[1n, 'x']]);
    expect(await readTableSchema(csv)).toEqual([{ name: 'a', type: 'long' }, { name: 'b', type: 'string' }]);
    await expect(loadTable(tmpFile(gzipSync('a,b\n1,x\n').subarray(0, 12), 'gz'))).rejects.toThrow('not a valid gzip file (is it truncated?).');
  });
});

describe('Graph runHuntingQuery and the Advanced Hunting API', () => {
  it('reads a real response: SByte 0/1 as bool, sidecar keys dropped, Double as real', async () => {
    const { table, info } = await loadTableInfo(real('runHuntingQuery_response_DeviceTvmSoftwareVulnerabilities.json'));
    expect(info.format).toBe('graph');
    expect(info.columns.map((c) => `${c.name}:${c.type}:${c.origin}`)).toEqual([
      'CveId:string:file', 'IsExploitAvailable:bool:file', 'CvssScore:real:file',
    ]);
    expect(tableRows(table)).toEqual([['CVE-2026-33829', true, 4.3], ['CVE-2026-00001', false, 9.8]]);
  });

  it('reads a real row: collections, SByte sidecars, dynamicColumnValue objects without @odata.type, {} as null', async () => {
    const t = await loadTable(real('runHuntingQuery_row_OAuthAppInfo.json'));
    const names = t.schema.map((f) => f.name);
    expect(names.some((n) => n.includes('@odata'))).toBe(false);
    expect(types(t.schema.filter((f) => ['Permissions', 'IsAdminConsented', 'AssignedRoles', 'VerifiedPublisher', 'RiskScore', 'ConsentedUsersCount'].includes(f.name))))
      .toEqual(['Permissions:dynamic', 'IsAdminConsented:bool', 'RiskScore:long', 'AssignedRoles:dynamic', 'ConsentedUsersCount:string', 'VerifiedPublisher:dynamic']);
    expect(column(t, 'IsAdminConsented')).toEqual([true]);
    expect(column(t, 'ConsentedUsersCount')).toEqual(['']);
    expect(column(t, 'AssignedRoles')).toEqual([[]]);
    expect(column(t, 'VerifiedPublisher')).toEqual([bag({
      displayName: 'OpenAI, L.L.C.', verifiedPublisherId: '6692127', addedDateTime: '2023-10-05T16:48:39.0000000Z',
    })]);
    // Elements that are JSON text stay strings.
    expect((column(t, 'Permissions')[0] as unknown[])[0]).toBe(
      '{"PermissionType":"Delegated","PermissionValue":"Files.Read.All","InUse":"true","PrivilegeLevel":"High"}',
    );
  });

  it('reads real results saved alone: nested dynamicColumnValue objects lose @odata.type at every level', async () => {
    const t = await loadTable(real('runHuntingQuery_results_ExposureGraphNodes.json'));
    const first = column(t, 'NodeProperties')[0] as Map<string, Map<string, Map<string, unknown>>>;
    const meta = first.get('rawData')!.get('aiModelMetadata')!;
    expect(meta.get('@odata.type')).toBeUndefined();
    expect(meta.get('modelName')).toBe('gpt-realtime-mini');
    expect(meta.get('taskCapabilities')).toEqual(['realtime']);
    expect(meta.has('taskCapabilities@odata.type')).toBe(false);
  });

  it('reads real summarize results with bools as 0/1 without sidecars: long, unless a schema says bool', async () => {
    const path = real('runHuntingQuery_results_OAuthAppInfo_summarize.json');
    expect(column(await loadTable(path), 'IsAdminConsented')).toEqual([0n, 0n, 1n, 0n, 0n]);
    const t = await loadTable(path, { schema: [{ name: 'IsAdminConsented', type: 'bool' }] });
    expect(types(t.schema.filter((f) => f.name === 'IsAdminConsented'))).toEqual(['IsAdminConsented:bool']);
    expect(column(t, 'IsAdminConsented')).toEqual([false, false, true, false, false]);
  });

  it('maps every .NET type name; the built-in schema still decides its columns', async () => {
    const doc = {
      Stats: { ExecutionTime: 1 },
      Schema: ['Int32', 'Int64', 'Double', 'DateTime', 'Guid', 'Object', 'String', 'TimeSpan', 'SqlDecimal', 'Boolean', 'SByte']
        .map((Type, k) => ({ Name: `C${k}`, Type })),
      Results: [{
        C0: 7, C1: 9007199254740993, C2: 1.5, C3: '2021-04-26T09:37:48Z', C4: 'A5D7A0B6-0000-4000-8000-000000000001', C5: '{"a":[1]}',
        C6: 42, C7: '01:02:03', C8: 2.25, C9: true, C10: 0,
      }],
    };
    const { table, info } = await loadTableInfo(tmpFile(JSON.stringify(doc).replace('"C1":9007199254740992', '"C1":9007199254740993')));
    expect(info.format).toBe('ah-api');
    expect(types(table.schema)).toEqual([
      'C0:int', 'C1:long', 'C2:real', 'C3:datetime', 'C4:guid', 'C5:dynamic', 'C6:string', 'C7:timespan', 'C8:decimal', 'C9:bool', 'C10:bool',
    ]);
    expect(tableRows(table)).toEqual([[
      7, 9007199254740993n, 1.5, 637550266680000000n, 'a5d7a0b6-0000-4000-8000-000000000001', bag({ a: [1n] }), '42', 37230000000n, 2.25, true, false,
    ]]);
    // UrlClickEvents.IsClickedThrough is bool in the built-in schema even if the file says String.
    const graph = { schema: [{ name: 'IsClickedThrough', type: 'String' }], results: [{ IsClickedThrough: 'true' }] };
    const t = await loadTable(tmpFile(JSON.stringify(graph)), { tableName: 'UrlClickEvents' });
    expect(column(t, 'IsClickedThrough')).toEqual([true]);
  });
});

describe('Log Analytics query API and data export', () => {
  it('reads {"tables":[…]} typed by its columns, parsing dynamic text', async () => {
    const doc = {
      tables: [{
        name: 'PrimaryResult',
        columns: [{ name: 'Category', type: 'string' }, { name: 'count_', type: 'long' }, { name: 'd', type: 'dynamic' }, { name: 'w', type: 'datetime' }],
        rows: [['Administrative', 20839, '{"k":1}', '2018-02-02T15:03:12.18Z'], ['Policy', 1, null, null]],
      }],
    };
    const { table, info } = await loadTableInfo(tmpFile(JSON.stringify(doc)));
    expect(info.format).toBe('la-query');
    expect(types(table.schema)).toEqual(['Category:string', 'count_:long', 'd:dynamic', 'w:datetime']);
    expect(tableRows(table)).toEqual([['Administrative', 20839n, bag({ k: 1n }), 636531805921800000n], ['Policy', 1n, null, null]]);
  });

  it('reads Kusto REST v1 {"Tables":[{"Columns":[{"ColumnName","ColumnType"}]…}]}', async () => {
    const doc = { Tables: [{ TableName: 'Table_0', Columns: [{ ColumnName: 'n', DataType: 'Int64', ColumnType: 'long' }], Rows: [[3]] }] };
    expect(tableRows(await loadTable(tmpFile(JSON.stringify(doc))))).toEqual([[3n]]);
  });

  it('reads data-export JSON lines (plain objects with TimeGenerated) by the Sentinel schema', async () => {
    const { table, info } = await loadTableInfo(shape('actions/la-export.json'), { tableName: 'UrlClickEvents' });
    expect(info.format).toBe('rows');
    expect(types(table.schema).slice(0, 2)).toEqual(['TimeGenerated:datetime', 'Url:string']);
    expect(column(table, 'TimeGenerated')[0]).toBe(638456256000000000n); // 2024-03-10T00:00:00Z
  });
});

describe('bad input', () => {
  it('refuses a binary file', async () => {
    const path = tmpFile(Buffer.from('a,b\n1,\u0000x\n'), 'csv');
    await expect(loadTable(path)).rejects.toThrow(`${path}:2: a binary file (it holds NUL bytes), not CSV or JSON text; UTF-16 text must be saved as UTF-8.`);
  });

  it('refuses a truncated pretty-printed document', async () => {
    const path = tmpFile('{\n  "schema": [\n');
    await expect(loadTable(path)).rejects.toThrow(
      `${path}:1: invalid JSON: the file is neither one JSON object per line nor one JSON document (is it truncated?).`,
    );
  });
});

/** Ticks of an ISO instant with at most millisecond digits, computed by Date (independent of the loaders). */
const ticks = (iso: string): bigint => BigInt(Date.parse(iso)) * 10000n + 621355968000000000n;

describe('portal CSV datetimes', () => {
  it('refuses the real Sentinel Local Time export without --tz, and reads it with one', async () => {
    const path = real('M365_ProcessEvents_InesgtedLogs.EXCERPT.csv');
    const info = await readTableInfo(path);
    expect(info.format).toBe('la-csv');
    expect(info.columns.filter((c) => c.type === 'datetime').map((c) => c.name)).toEqual([
      'ProcessCreationTime', 'TimeGenerated', 'Timestamp', 'InitiatingProcessParentCreationTime', 'InitiatingProcessCreationTime',
    ]);
    await expect(loadTable(path)).rejects.toThrow(
      `${path}: column 'ProcessCreationTime' ('ProcessCreationTime [Local Time]') holds local times without an offset; pass the time zone `
      + 'they were exported in, e.g. --tz +01:00 or --tz Europe/Berlin (or export with the portal set to UTC).',
    );
    const t = await loadTable(path, { timeZone: '+02:00' });
    expect(column(t, 'TimeGenerated')).toEqual([ticks('2023-10-25T07:43:21.994Z')]); // "10/25/2023, 9:43:21.994 AM" at +02:00
    expect(column(t, 'ProcessCreationTime')).toEqual([ticks('2023-10-25T07:43:21.990Z')]);
    expect(column(t, 'ProcessId')).toEqual([10018n]);
  });

  it('strips " [UTC]" and decides month-first from a value', async () => {
    const t = await loadTable(shape('series/la-portal.csv'), { tableName: 'UrlClickEvents' });
    expect(t.schema[0]).toEqual({ name: 'TimeGenerated', type: 'datetime' });
    expect(column(t, 'TimeGenerated').slice(0, 3)).toEqual([
      ticks('2024-02-29T23:59:59Z'), ticks('2024-03-01T00:00:00Z'), ticks('2024-03-01T10:00:00Z'), // "2/29/2024, 11:59:59.000 PM", …
    ]);
    expect(column(t, 'IsClickedThrough').slice(0, 4)).toEqual([true, true, true, false]);
  });

  it('decides day-first 24-hour dates from a value', async () => {
    const t = await loadTable(shape('series/la-portal-dmy.csv'));
    expect(column(t, 'TimeGenerated').slice(0, 2)).toEqual([ticks('2024-02-29T23:59:59Z'), ticks('2024-03-01T00:00:00Z')]);
  });

  it('refuses a column whose dates do not tell day from month, unless --date-order says', async () => {
    const path = shape('actions/la-portal.csv');
    await expect(loadTable(path)).rejects.toThrow(
      `${path}: column 'TimeGenerated': no date has a day above 12, so the day/month order is unknown; `
      + 'pass --date-order mdy (3/10/2024 = March 10) or --date-order dmy (3/10/2024 = 3 October).',
    );
    const t = await loadTable(path, { dateOrder: 'mdy' });
    expect(column(t, 'TimeGenerated')[1]).toEqual(ticks('2024-03-10T01:00:00Z'));
    const d = await loadTable(path, { dateOrder: 'dmy' });
    expect(column(d, 'TimeGenerated')[1]).toEqual(ticks('2024-10-03T01:00:00Z'));
    await expect(loadTable(shape('series/la-portal-dmy.csv'), { dateOrder: 'mdy' })).rejects.toThrow(
      "column 'TimeGenerated': --date-order mdy contradicts the date on line 2, which is day-first.",
    );
  });

  it('refuses a column with both orders', async () => {
    const path = tmpFile('"T [UTC]"\n"13/1/2024 10:00"\n"1/13/2024 10:00"\n', 'csv');
    await expect(loadTable(path)).rejects.toThrow(`${path}: column 'T' has day-first dates (line 2) and month-first dates (line 3).`);
  });

  it('reads Defender "Timestamp Local time" display values in a zone given by offset or IANA name', async () => {
    const path = tmpFile('Timestamp Local time,DeviceName\n"13/03/2024, 3:40:13.988 pm",a\n"Apr 15, 2024 11:09:27 AM",b\n"May 7, 2024 6:41:33 PM",c\n', 'csv');
    const info = await readTableInfo(path);
    expect(info.format).toBe('defender-csv-local');
    await expect(loadTable(path)).rejects.toThrow("column 'Timestamp' ('Timestamp Local time') holds local times without an offset");
    const berlin = await loadTable(path, { timeZone: 'Europe/Berlin' });
    expect(column(berlin, 'Timestamp')).toEqual([
      ticks('2024-03-13T14:40:13.988Z'), // CET, +01:00
      ticks('2024-04-15T09:09:27Z'), // CEST, +02:00
      ticks('2024-05-07T16:41:33Z'),
    ]);
    const utc = await loadTable(path, { timeZone: 'UTC' });
    expect(column(utc, 'Timestamp')[0]).toEqual(ticks('2024-03-13T15:40:13.988Z'));
    const west = await loadTable(path, { timeZone: '-05:00' });
    expect(column(west, 'Timestamp')[1]).toEqual(ticks('2024-04-15T16:09:27Z'));
    await expect(loadTable(path, { timeZone: 'Mars/Olympus' })).rejects.toThrow("--tz 'Mars/Olympus': expected UTC");
  });

  it('reads 12 AM as midnight and 12 PM as noon; refuses a bad display value with its line', async () => {
    const path = tmpFile('"T [UTC]"\n"1/1/2025, 12:00:00.000 AM"\n"1/13/2025, 12:30:00.000 PM"\n', 'csv');
    expect(column(await loadTable(path), 'T')).toEqual([ticks('2025-01-01T00:00:00Z'), ticks('2025-01-13T12:30:00Z')]);
    const bad = tmpFile('"T [UTC]"\n"1/13/2025, 10:00 AM"\nlater\n', 'csv');
    await expect(loadTable(bad)).rejects.toThrow(`${bad}:3: column 'T' (datetime): cannot read 'later' as a datetime.`);
  });

  it('reads an Excel re-save: BOM, CRLF, TRUE/FALSE', async () => {
    const t = await loadTable(shape('actions/excel.csv'), { tableName: 'UrlClickEvents' });
    expect(t.schema[0]).toEqual({ name: 'Timestamp', type: 'datetime' });
    expect(column(t, 'IsClickedThrough')).toEqual([false, true, false, false, false, false, null]);
    const inferred = await loadTable(shape('actions/excel.csv'));
    expect(inferred.schema.find((f) => f.name === 'IsClickedThrough')?.type).toBe('bool');
  });
});

describe('ADX .export CSV without a header', () => {
  it('reads it when a schema file gives the columns', async () => {
    const schema = await readSchemaFile(shape('schema.json'));
    const { table } = await loadTableInfo(shape('actions/adx-export.csv'), { schema });
    expect(types(table.schema).slice(0, 2)).toEqual(['Timestamp:datetime', 'Url:string']);
    expect(tableRows(table)).toHaveLength(7); // the first row is data
    expect(column(table, 'Timestamp')[0]).toBe(ticks('2024-03-10T00:00:00Z'));
    expect(column(table, 'IsClickedThrough')).toEqual([false, true, false, false, false, false, null]);
  });

  it('reads it by a built-in schema of as many columns', async () => {
    const path = tmpFile('2024-03-10T00:00:00Z,GivenName,Surname\n', 'csv');
    const t = await loadTable(path, { schema: [{ name: 'T', type: 'datetime' }, { name: 'A', type: 'string' }, { name: 'B', type: 'string' }] });
    expect(tableRows(t)).toEqual([[ticks('2024-03-10T00:00:00Z'), 'GivenName', 'Surname']]);
  });

  it('refuses it without a schema, or with one of another width, and keeps real headers', async () => {
    const path = shape('actions/adx-export.csv');
    await expect(loadTable(path)).rejects.toThrow(
      `${path}:1: the first row looks like data, not a header (an ADX .export without includeHeaders?), and its columns are unknown; `
      + 'give them with --schema PATH (a JSON file {"columns":[{"name","type"}, …]}) or bind a known table, e.g. -t UrlClickEvents=PATH.',
    );
    await expect(loadTable(path, { tableName: 'UrlClickEvents' })).rejects.toThrow('the schema has 19 or 20 columns but the row has 12 fields.');
    // A header row that names schema columns stays a header.
    const t = await loadTable(shape('actions/excel.csv'), { schema: await readSchemaFile(shape('schema.json')) });
    expect(tableRows(t)).toHaveLength(7);
  });

  it('refuses a bad schema file', async () => {
    await expect(readSchemaFile(tmpFile('{"columns":[{"name":"a","type":"text"}]}'))).rejects.toThrow(
      'column 1 of the schema: expected {"name": …, "type": a KQL type such as "string" or "datetime"}.',
    );
    await expect(readSchemaFile('nope.json')).rejects.toThrow('nope.json: no such schema file.');
  });
});

describe('skipBadRows', () => {
  it('skips rows with a wrong field count or a bad value, and says how many and where', async () => {
    const path = tmpFile('T,N,S\n2024-03-01T00:00:00Z,1,a\n2024-03-01T00:00:00Z,2\nyesterday,3,c\n2024-03-02T00:00:00Z,x,d\n2024-03-03T00:00:00Z,5,e\n', 'csv');
    const schema: Field[] = [{ name: 'T', type: 'datetime' }, { name: 'N', type: 'long' }, { name: 'S', type: 'string' }];
    await expect(loadTable(path, { schema })).rejects.toThrow(`${path}:3: expected 3 fields as in the header, found 2.`);
    const warnings: string[] = [];
    const t = await loadTable(path, { schema, skipBadRows: true, warn: (m) => warnings.push(m) });
    expect(tableRows(t)).toEqual([[ticks('2024-03-01T00:00:00Z'), 1n, 'a'], [ticks('2024-03-03T00:00:00Z'), 5n, 'e']]);
    expect(warnings).toEqual(['skipped 3 bad rows (lines 3, 4, 5).']);
  });

  it('skips bad JSON values and keeps batches right', async () => {
    const lines = Array.from({ length: 12 }, (_, k) => JSON.stringify({ N: k % 5 === 0 ? 'bad' : k })).join('\n');
    const warnings: string[] = [];
    const t = await loadTable(tmpFile(lines), { schema: [{ name: 'N', type: 'long' }], skipBadRows: true, batchSize: 4, warn: (m) => warnings.push(m) });
    expect(column(t, 'N')).toEqual([1n, 2n, 3n, 4n, 6n, 7n, 8n, 9n, 11n]);
    expect(t.batches.map((b) => b.length)).toEqual([4, 4, 1]);
    expect(warnings).toEqual(['skipped 3 bad rows (lines 1, 6, 11).']);
  });
});

describe('warnings', () => {
  it('warns of a partial query API result and of a row count equal to an export cap', async () => {
    const doc = { tables: [{ name: 'PrimaryResult', columns: [{ name: 'n', type: 'long' }], rows: [[1]] }], error: { code: 'PartialError', message: 'Query timed out' } };
    const warnings: string[] = [];
    await loadTable(tmpFile(JSON.stringify(doc)), { warn: (m) => warnings.push(m) });
    expect(warnings).toEqual(['the query API reported an error, so the rows may be incomplete: Query timed out']);
    const capped: string[] = [];
    await loadTable(tmpFile('n\n' + '1\n'.repeat(10000), 'csv'), { warn: (m) => capped.push(m) });
    expect(capped).toEqual(['exactly 10000 rows, a row limit of the portal and APIs: the export is probably cut off.']);
  });
});
