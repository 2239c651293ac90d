/**
 * The binder: output column names and types (kql-notes §4.2, §12), column order (§3.4, §4.1), and
 * semantic errors with their exact messages and the query text their span covers.
 */
import { describe, expect, it } from 'vitest';
import { bindQuery, type TableCatalog } from '../../src/engine/bind.js';
import { explainPlan } from '../../src/engine/execute.js';
import { checkQuery } from '../../src/engine/run.js';
import { parseQuery } from '../../src/parser/index.js';
import { queryError, table, ticks } from '../helpers/table.js';

const T = table({
  Timestamp: { type: 'datetime', values: ['2024-03-01T10:00:00Z'] },
  Url: { type: 'string', values: ['a'] },
  x: { type: 'long', values: [1] },
  y: { type: 'long', values: [2] },
  r: { type: 'real', values: [1.5] },
  b: { type: 'bool', values: [true] },
  d: { type: 'dynamic', values: [new Map([['k', 1n]])] },
});
const UrlClickEvents = table({
  Timestamp: { type: 'datetime', values: [] },
  Url: { type: 'string', values: [] },
  ActionType: { type: 'string', values: [] },
  IsClickedThrough: { type: 'bool', values: [] },
});
const tables = { T, UrlClickEvents };

/** `name:type` of every output column of the (last) result, from binding alone. */
async function columnsOf(query: string): Promise<string[]> {
  const results = await checkQuery(query, { tables, now: '2024-03-31T15:00:00Z' });
  return results[results.length - 1].schema.map((f) => `${f.name}:${f.type}`);
}

describe('default column names of aggregates (kql-notes §4.2)', () => {
  it.each([
    ['summarize count()', ['count_:long']],
    ['summarize count(x)', ['count_x:long']],
    ['summarize countif(x > 0)', ['countif_:long']],
    ['extend UrlBlocked = Url has_any("ClickBlocked") | summarize countif(UrlBlocked)', ['countif_UrlBlocked:long']],
    ['summarize sum(y)', ['sum_y:long']],
    ['summarize sum(r)', ['sum_r:real']],
    ['summarize sum(x + 1)', ['sum_:long']],
    ['summarize avg(y)', ['avg_y:real']],
    ['summarize min(x), max(x)', ['min_x:long', 'max_x:long']],
    ['summarize dcount(x)', ['dcount_x:long']],
    ['summarize make_set(x)', ['set_x:dynamic']],
    ['summarize make_list(x)', ['list_x:dynamic']],
    ['summarize take_any(x)', ['x:long']],
    ['summarize sumif(x, b)', ['sumif_x:long']],
  ])('T | %s', async (tail, expected) => {
    expect(await columnsOf(`T | ${tail}`)).toEqual(expected);
  });

  it('colliding names get a numeric suffix: make_set(y), make_set(y) → set_y, set_y1', async () => {
    expect(await columnsOf('T | summarize make_set(y), make_set(y)')).toEqual(['set_y:dynamic', 'set_y1:dynamic']);
  });

  it('a third collision continues the sequence: count(), count(), count() → count_, count_1, count_2', async () => {
    expect(await columnsOf('T | summarize count(), count(), count()')).toEqual(['count_:long', 'count_1:long', 'count_2:long']);
  });

  it('an explicit name is kept as written', async () => {
    expect(await columnsOf('T | summarize Blocked = countif(b), Total = count()')).toEqual(['Blocked:long', 'Total:long']);
  });
});

describe('by-keys', () => {
  it('a by-key computed from one column keeps that column name: bin(Timestamp, 1d) → Timestamp', async () => {
    expect(await columnsOf('T | summarize count() by bin(Timestamp, 1d)')).toEqual(['Timestamp:datetime', 'count_:long']);
  });

  it('tostring(x) and bin_at(Timestamp, …) keep the column name; other unnamed keys are Column1, Column2', async () => {
    expect(await columnsOf('T | summarize count() by tostring(x), bin_at(Timestamp, 1d, datetime(2024-01-01)), x + 1, strlen(Url) * 2'))
      .toEqual(['x:string', 'Timestamp:datetime', 'Column1:long', 'Column2:long', 'count_:long']);
  });

  it('by-columns come first, in by order, whatever order the query writes them in', async () => {
    expect(await columnsOf('T | summarize n = count(), s = sum(x) by Url, Day = bin(Timestamp, 1d)'))
      .toEqual(['Url:string', 'Day:datetime', 'n:long', 's:long']);
  });

  it('a dynamic by-key is a semantic error', async () => {
    const err = await queryError('T | summarize count() by d', tables);
    expect(err.message).toBe("A 'summarize' key cannot be of type dynamic; convert it first (for example with tostring()).");
    expect(err.spanText).toBe('d');
  });
});

describe('other default names', () => {
  it('unnamed extend expressions are Column1, Column2, … appended at the end', async () => {
    expect(await columnsOf('T | project x | extend x * 2, x + 1.5')).toEqual(['x:long', 'Column1:long', 'Column2:real']);
  });

  it('extend of a bare column reference keeps the name and replaces the column in place', async () => {
    expect(await columnsOf('T | project x, Url | extend x = tostring(x)')).toEqual(['x:string', 'Url:string']);
  });

  it('a property access d.k is named d_k, in project and as an aggregate argument', async () => {
    expect(await columnsOf('T | project d.k')).toEqual(['d_k:dynamic']);
    expect(await columnsOf('T | summarize make_set(d.k)')).toEqual(['set_d_k:dynamic']);
  });

  it('print names unnamed items print_<position>', async () => {
    expect(await columnsOf('print 1')).toEqual(['print_0:long']);
    expect(await columnsOf('print 1, a = "s", 2.5')).toEqual(['print_0:long', 'a:string', 'print_2:real']);
  });

  it('the count operator gives one long column named Count', async () => {
    expect(await columnsOf('T | count')).toEqual(['Count:long']);
  });

  it('make-series: by-columns, then aggregates, then the axis column (all dynamic but the keys)', async () => {
    expect(await columnsOf(
      'T | make-series n = count(), avg(r) default = 1.0 on Timestamp from datetime(2024-03-01) to datetime(2024-03-04) step 1d by Url',
    )).toEqual(['Url:string', 'n:dynamic', 'avg_r:dynamic', 'Timestamp:dynamic']);
  });

  it('render keeps the schema and reports the visualization', async () => {
    const [r] = await checkQuery('T | project Timestamp, x | render timechart', { tables });
    expect(r.schema.map((f) => `${f.name}:${f.type}`)).toEqual(['Timestamp:datetime', 'x:long']);
    expect(r.visualization).toEqual({ kind: 'timechart', properties: {} });
  });
});

describe('types', () => {
  it.each([
    ['b == 1', 'bool'], // bool == number is valid (kql-notes §8)
    ['x / 2', 'long'],
    ['x / 2.0', 'real'],
    ['Timestamp - datetime(2024-01-01)', 'timespan'],
    ['Timestamp + 1d', 'datetime'],
    ['startofday(ago(30d))', 'datetime'],
    ['Url has_any ("a", "b")', 'bool'],
    ['isnotempty(Url)', 'bool'],
    ['tostring(x)', 'string'],
  ])('extend v = %s → %s', async (expr, type) => {
    expect((await columnsOf(`T | project x, b, Timestamp, Url | extend v = ${expr}`)).at(-1)).toBe(`v:${type}`);
  });

  it('let-bound scalars bind with their own type', async () => {
    expect(await columnsOf('let Start = startofday(ago(30d)); T | where Timestamp >= Start | project Timestamp'))
      .toEqual(['Timestamp:datetime']);
  });
});

describe('semantic errors: exact message and span', () => {
  it.each([
    [
      'unknown column, with a suggestion',
      'T | where Timestmp > ago(1d)',
      "Unknown column 'Timestmp'. Did you mean 'Timestamp'?", 'Timestmp', '1:11',
    ],
    [
      'unknown column on the second line',
      'T\n| project Urls',
      "Unknown column 'Urls'. Did you mean 'Url'?", 'Urls', '2:11',
    ],
    [
      'unknown column without a close match',
      'T | project Zebra',
      "Unknown column 'Zebra'.", 'Zebra', '1:13',
    ],
    [
      'unknown table, close to a known one',
      'UrlClickEvent | take 1',
      "Unknown table 'UrlClickEvent'. Did you mean 'UrlClickEvents'?", 'UrlClickEvent', '1:1',
    ],
    [
      'unknown table, nothing close',
      'DeviceEvents | take 1',
      "Unknown table 'DeviceEvents'. Known tables: T, UrlClickEvents. Bind a data file to it with -t DeviceEvents=PATH.",
      'DeviceEvents', '1:1',
    ],
    [
      'unknown function, with a suggestion',
      'T | extend n = strlenn(Url)',
      "Unknown function 'strlenn'. Did you mean 'strlen'?", 'strlenn', '1:16',
    ],
    [
      'aggregate outside summarize',
      'T | extend c = count()',
      "The aggregate function 'count' can only be used in 'summarize' or 'make-series'.", 'count', '1:16',
    ],
    [
      'non-bool where predicate',
      'T | where Url',
      "The 'where' predicate must be a bool, not a string.", 'Url', '1:11',
    ],
    [
      'and on a non-bool operand',
      'T | where x > 1 and Url',
      "The operands of 'and' must be bool; this one is a string.", 'Url', '1:21',
    ],
    [
      'or on a non-bool operand',
      'T | where x or b',
      "The operands of 'or' must be bool; this one is a long.", 'x', '1:11',
    ],
    [
      'make-series without from/to',
      'T | make-series count() on Timestamp step 1d',
      "Not supported: make-series without both 'from' and 'to' (the engine's choice of bounds from the data is not documented).",
      'make-series count() on Timestamp step 1d', '1:5',
    ],
    [
      'render not last',
      'T | render table | take 1',
      "Not supported: operators after 'render' (render must be the last operator of a query).", 'take 1', '1:20',
    ],
    [
      'comparing a string with a long',
      'T | where Url == 1',
      "The operator '==' cannot be applied to string and long.", 'Url == 1', '1:11',
    ],
  ])('%s', async (_label, query, message, spanText, at) => {
    const err = await queryError(query, tables);
    expect(err.message).toBe(message);
    expect(err.spanText).toBe(spanText);
    expect(err.at).toBe(at);
  });

  it('make-series without from/to is a NotSupportedError whose message starts with "Not supported: "', async () => {
    const err = await queryError('T | make-series count() on Timestamp step 1d', tables);
    expect(err.name).toBe('NotSupportedError');
    expect(err.message.startsWith('Not supported: ')).toBe(true);
  });

  it('binding errors are raised before any row is read (checkQuery fails the same way)', async () => {
    await expect(checkQuery('T | where Timestmp > ago(1d)', { tables })).rejects.toThrow(
      "Unknown column 'Timestmp'. Did you mean 'Timestamp'?",
    );
  });

  it('query (1) on a Sentinel-shaped table (no Timestamp) fails on Timestamp (kql-notes §13.2)', async () => {
    const Sentinel = table({
      TimeGenerated: { type: 'datetime', values: [] },
      IsClickedThrough: { type: 'bool', values: [] },
      ThreatTypes: { type: 'string', values: [] },
    });
    const err = await queryError('let TimeStart = startofday(ago(30d));\nUrlClickEvents\n| where Timestamp >= TimeStart', { UrlClickEvents: Sentinel });
    expect(err.message).toBe("Unknown column 'Timestamp'.");
    expect(err.at).toBe('3:9');
  });
});

describe('explainPlan', () => {
  it('prints one line per operator, output first, inputs indented, with column types', () => {
    const catalog: TableCatalog = {
      schemaOf: (name) => (name === 'T' ? T.schema : undefined),
      tableNames: () => ['T'],
    };
    const bound = bindQuery(
      parseQuery('T | where x > 1 | extend z = x * 2 | summarize n = count(), sum(z) by Url | take 10'),
      catalog, { now: ticks('2024-03-31T15:00:00Z') },
    );
    const schemaT = 'Timestamp:datetime, Url:string, x:long, y:long, r:real, b:bool, d:dynamic';
    expect(explainPlan(bound.results[0].plan)).toBe([
      'Take 10  [Url:string, n:long, sum_z:long]',
      '  Summarize n:long = count(), sum_z:long = sum(z) by Url:string = Url  [Url:string, n:long, sum_z:long]',
      `    Extend z:long = *(x, 2)  [${schemaT}, z:long]`,
      `      Where >(x, 1)  [${schemaT}]`,
      `        Scan T  [${schemaT}]`,
    ].join('\n'));
  });
});
