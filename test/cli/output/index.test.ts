import { describe, expect, it } from 'vitest';
import { Batch, type Table } from '../../../src/engine/batch.js';
import { Column, type JsValue } from '../../../src/engine/column.js';
import type { Field, KqlType } from '../../../src/engine/types.js';
import { writeResult, writeResults, type OutputFormat, type QueryResult } from '../../../src/cli/output/index.js';

function table(columns: [string, KqlType, JsValue[]][]): Table {
  const schema: Field[] = columns.map(([name, type]) => ({ name, type }));
  return { schema, batches: [new Batch(schema, columns.map(([, type, values]) => Column.fromValues(type, values)))] };
}

const sample = table([
  ['Url', 'string', ['https://a.example/x', 'say "hi", ok\nbye', '']],
  ['Count', 'long', [9007199254740993n, null, -5n]],
  ['Ratio', 'real', [NaN, 4, -Infinity]],
  ['When', 'datetime', [639200773261314605n, null, 638448840000000000n]], // 2026-07-19T17:02:06.1314605Z, 2024-03-01T10:00:00Z
  ['Took', 'timespan', [-36000000000n, 937845000000n, 15n]],
  ['Ok', 'bool', [true, false, null]],
  ['N', 'int', [1, null, -2]],
  ['Data', 'dynamic', [[4, 0], [111n, 36n], new Map<string, JsValue>([['n', NaN], ['s', 'x,y']])]],
]);

const chart = table([['Day', 'datetime', [638448840000000000n]], ['Blocked', 'long', [2n]]]);
const visualization = { kind: 'timechart', properties: { title: 'Clicks per day', ycolumns: ['Blocked', 'Allowed'] } };

function render(result: QueryResult, format: OutputFormat, options?: { color?: boolean; maxColumnWidth?: number }): string {
  let text = '';
  writeResult(result, format, (chunk) => (text += chunk), options);
  return text;
}

const sp = (n: number): string => ' '.repeat(n);
const dashes = (...widths: number[]): string => widths.map((n) => '-'.repeat(n)).join('  ');

describe('json', () => {
  it('writes types, exact longs, trimmed datetimes, timespans, NaN as strings and dynamic values as JSON', () => {
    expect(render({ name: 'PrimaryResult', table: sample }, 'json')).toBe(
      '{"tables":[{"name":"PrimaryResult","columns":[{"name":"Url","type":"string"},{"name":"Count","type":"long"},'
      + '{"name":"Ratio","type":"real"},{"name":"When","type":"datetime"},{"name":"Took","type":"timespan"},'
      + '{"name":"Ok","type":"bool"},{"name":"N","type":"int"},{"name":"Data","type":"dynamic"}],"rows":['
      + '["https://a.example/x",9007199254740993,"NaN","2026-07-19T17:02:06.1314605Z","-01:00:00",true,1,[4.0,0.0]],'
      + '["say \\"hi\\", ok\\nbye",null,4,null,"1.02:03:04.5000000",false,null,[111,36]],'
      + '["",-5,"-Infinity","2024-03-01T10:00:00Z","00:00:00.0000015",null,-2,{"n":"NaN","s":"x,y"}]'
      + ']}]}\n',
    );
  });

  it('puts the render properties beside kind', () => {
    expect(render({ name: 'PrimaryResult', table: chart, visualization }, 'json')).toBe(
      '{"tables":[{"name":"PrimaryResult","columns":[{"name":"Day","type":"datetime"},{"name":"Blocked","type":"long"}],'
      + '"rows":[["2024-03-01T10:00:00Z",2]],'
      + '"visualization":{"kind":"timechart","title":"Clicks per day","ycolumns":["Blocked","Allowed"]}}]}\n',
    );
  });

  it('keeps kind for the chart type and writes a render property named kind as subkind', () => {
    const stacked = { kind: 'areachart', properties: { kind: 'stacked', title: 'T' } };
    expect(render({ name: 'PrimaryResult', table: chart, visualization: stacked }, 'json')).toContain(
      '"visualization":{"kind":"areachart","subkind":"stacked","title":"T"}}]}',
    );
    expect(render({ name: 'PrimaryResult', table: chart, visualization: stacked }, 'table')).toContain(
      'render: areachart (kind=stacked, title=T)\n',
    );
  });

  it('writes several tables in one document, and an empty table with its columns', () => {
    let text = '';
    const empty = table([['a', 'string', []]]);
    writeResults([{ name: 'A', table: chart }, { name: 'B', table: empty }], 'json', (c) => (text += c));
    expect(text).toBe(
      '{"tables":[{"name":"A","columns":[{"name":"Day","type":"datetime"},{"name":"Blocked","type":"long"}],'
      + '"rows":[["2024-03-01T10:00:00Z",2]]},{"name":"B","columns":[{"name":"a","type":"string"}],"rows":[]}]}\n',
    );
  });

  it('streams big results in chunks that concatenate to valid JSON', () => {
    const n = 20000;
    const big = table([['i', 'long', Array.from({ length: n }, (_, i) => BigInt(i))], ['s', 'string', Array(n).fill('xxxxxxxx')]]);
    const chunks: string[] = [];
    writeResult({ name: 'PrimaryResult', table: big }, 'json', (c) => chunks.push(c));
    expect(chunks.length).toBeGreaterThan(1);
    const doc = JSON.parse(chunks.join(''));
    expect(doc.tables[0].rows).toHaveLength(n);
    expect(doc.tables[0].rows[n - 1]).toEqual([n - 1, 'xxxxxxxx']);
  });
});

describe('ndjson', () => {
  it('writes one object per row and nothing else', () => {
    expect(render({ name: 'PrimaryResult', table: sample, visualization }, 'ndjson')).toBe(
      '{"Url":"https://a.example/x","Count":9007199254740993,"Ratio":"NaN","When":"2026-07-19T17:02:06.1314605Z",'
      + '"Took":"-01:00:00","Ok":true,"N":1,"Data":[4.0,0.0]}\n'
      + '{"Url":"say \\"hi\\", ok\\nbye","Count":null,"Ratio":4,"When":null,"Took":"1.02:03:04.5000000","Ok":false,'
      + '"N":null,"Data":[111,36]}\n'
      + '{"Url":"","Count":-5,"Ratio":"-Infinity","When":"2024-03-01T10:00:00Z","Took":"00:00:00.0000015","Ok":null,'
      + '"N":-2,"Data":{"n":"NaN","s":"x,y"}}\n',
    );
  });
});

describe('csv', () => {
  it('quotes only fields holding a quote, comma or line break; null is an empty field', () => {
    expect(render({ name: 'PrimaryResult', table: sample }, 'csv')).toBe(
      'Url,Count,Ratio,When,Took,Ok,N,Data\n'
      + 'https://a.example/x,9007199254740993,NaN,2026-07-19T17:02:06.1314605Z,-01:00:00,true,1,"[4.0,0.0]"\n'
      + '"say ""hi"", ok\nbye",,4,,1.02:03:04.5000000,false,,"[111,36]"\n'
      + ',-5,-Infinity,2024-03-01T10:00:00Z,00:00:00.0000015,,-2,"{""n"":NaN,""s"":""x,y""}"\n',
    );
  });

  it('quotes a lone empty field so that the row is not a blank line', () => {
    expect(render({ name: 'PrimaryResult', table: table([['a', 'string', ['x', '']]]) }, 'csv')).toBe('a\nx\n""\n');
  });

  it('separates several tables with a blank line', () => {
    let text = '';
    writeResults([{ name: 'A', table: chart }, { name: 'B', table: table([['a', 'bool', [true]]]) }], 'csv', (c) => (text += c));
    expect(text).toBe('Day,Blocked\n2024-03-01T10:00:00Z,2\n\na\ntrue\n');
  });
});

describe('table', () => {
  it('aligns columns, numbers to the right, shows nulls empty and counts the rows', () => {
    expect(render({ name: 'PrimaryResult', table: sample }, 'table')).toBe([
      `Url${sp(16)}  ${sp(11)}Count  ${sp(4)}Ratio  When${sp(24)}  Took${sp(14)}  Ok${sp(3)}   N  Data`,
      dashes(19, 16, 9, 28, 18, 5, 2, 19),
      `https://a.example/x  9007199254740993  ${sp(6)}NaN  2026-07-19T17:02:06.1314605Z  -01:00:00${sp(9)}  true   ${sp(1)}1  [4.0,0.0]`,
      `say "hi", ok␊bye${sp(3)}  ${sp(16)}  ${sp(8)}4  ${sp(28)}  1.02:03:04.5000000  false  ${sp(2)}  [111,36]`,
      `${sp(19)}  ${sp(14)}-5  -Infinity  2024-03-01T10:00:00Z${sp(8)}  00:00:00.0000015${sp(2)}  ${sp(5)}  -2  {"n":NaN,"s":"x,y"}`,
      '',
      '3 rows',
      '',
    ].join('\n'));
  });

  it('adds the render request after the count', () => {
    expect(render({ name: 'PrimaryResult', table: chart, visualization }, 'table')).toBe([
      `Day${sp(17)}  Blocked`,
      dashes(20, 7),
      `2024-03-01T10:00:00Z  ${sp(6)}2`,
      '',
      '1 row',
      'render: timechart (title=Clicks per day, ycolumns=Blocked,Allowed)',
      '',
    ].join('\n'));
  });

  it('cuts long cells to maxColumnWidth with an ellipsis and shows control characters', () => {
    const t = table([['LongHeaderName', 'string', ['abcdefghijklmnop', 'tab\there', '\x1b[31mred']], ['x', 'long', [1n, 2n, 3n]]]);
    expect(render({ name: 'PrimaryResult', table: t }, 'table', { maxColumnWidth: 10 })).toBe([
      'LongHeade…  x',
      '----------  -',
      'abcdefghi…  1',
      'tab␉here    2',
      '␛[31mred    3',
      '',
      '3 rows',
      '',
    ].join('\n'));
  });

  it('styles headers, separator and count when color is on', () => {
    expect(render({ name: 'PrimaryResult', table: table([['a', 'long', [1n]]]) }, 'table', { color: true })).toBe(
      '\x1b[1ma\x1b[22m\n\x1b[2m-\x1b[22m\n1\n\n\x1b[2m1 row\x1b[22m\n',
    );
  });

  it('writes several results under their names', () => {
    let text = '';
    const one = table([['a', 'long', [1n]]]);
    writeResults([{ name: 'A', table: one }, { name: 'B', table: table([['b', 'string', []]]) }], 'table', (c) => (text += c));
    expect(text).toBe('A\na\n-\n1\n\n1 row\n\nB\nb\n-\n\n0 rows\n');
  });
});
