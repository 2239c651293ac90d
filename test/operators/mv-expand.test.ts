/**
 * `mv-expand` (dx `query/mv-expand-operator.md`; conformance cases mv-expand-operator-02…05):
 * - one output row per element of the array (per entry of a bag); other columns are repeated;
 * - a null value gives one row (null); an empty array or bag gives no row; any other value gives one row, itself;
 * - several expressions expand in parallel, the shorter ones padded with null;
 * - the expanded column keeps its place (a new name is added at the end) and is dynamic unless `to typeof(T)`,
 *   which casts without parsing: elements of another kind become null;
 * - bagexpansion=bag (default) gives one-entry bags, bagexpansion=array (or kind=array) `[key, value]` pairs;
 * - with_itemindex=I adds I (long, from 0) at the end; `limit N` caps the rows made from one input row.
 */
import { describe, expect, it } from 'vitest';
import { expectTable, queryError, run, splitInTwo, table } from '../helpers/table.js';

const T = table({
  id: { type: 'long', values: [1, 2, 3, 4, 5] },
  arr: {
    type: 'dynamic',
    values: [[10n, 20n, 30n], null, [], new Map<string, bigint | string>([['p', 1n], ['q', 'v']]), 'scalar'],
  },
  tag: { type: 'string', values: ['t1', 't2', 't3', 't4', 't5'] },
});
const tables = { T };

describe('mv-expand', () => {
  it('arrays, null, empty array, bag and scalar: one row per element; null → one row; [] → none', async () => {
    expectTable(await run('T | mv-expand arr', tables), {
      columns: ['id:long', 'arr:dynamic', 'tag:string'],
      rows: [
        [1n, '10', 't1'], [1n, '20', 't1'], [1n, '30', 't1'],
        [2n, null, 't2'],
        [4n, '{"p":1}', 't4'], [4n, '{"q":"v"}', 't4'],
        [5n, '"scalar"', 't5'],
      ],
    });
  });

  it('elements come out in array order', async () => {
    expectTable(await run('T | where id == 1 | mv-expand arr | project arr', tables), {
      columns: ['arr:dynamic'], rows: [['10'], ['20'], ['30']], ordered: true,
    });
  });

  it('with_itemindex adds a long index column at the end', async () => {
    expectTable(await run('T | mv-expand with_itemindex=i arr', tables), {
      columns: ['id:long', 'arr:dynamic', 'tag:string', 'i:long'],
      rows: [
        [1n, '10', 't1', 0n], [1n, '20', 't1', 1n], [1n, '30', 't1', 2n],
        [2n, null, 't2', 0n],
        [4n, '{"p":1}', 't4', 0n], [4n, '{"q":"v"}', 't4', 1n],
        [5n, '"scalar"', 't5', 0n],
      ],
    });
  });

  it('limit N caps the rows made from each input row', async () => {
    expectTable(await run('T | mv-expand arr limit 1 | project id, arr', tables), {
      columns: ['id:long', 'arr:dynamic'],
      rows: [[1n, '10'], [2n, null], [4n, '{"p":1}'], [5n, '"scalar"']],
    });
  });

  it.each(['bagexpansion=array', 'kind=array'])('%s: bag entries as [key, value] arrays (mv-expand-operator-02)', async (opt) => {
    expectTable(await run(`T | where id == 4 | mv-expand ${opt} arr | extend key = arr[0], val = arr[1]`, tables), {
      columns: ['id:long', 'arr:dynamic', 'tag:string', 'key:dynamic', 'val:dynamic'],
      rows: [[4n, '["p",1]', 't4', '"p"', '1'], [4n, '["q","v"]', 't4', '"q"', '"v"']],
    });
  });

  it('bagexpansion=bag is the default', async () => {
    expectTable(await run('T | where id == 4 | mv-expand bagexpansion=bag arr | project arr', tables), {
      columns: ['arr:dynamic'], rows: [['{"p":1}'], ['{"q":"v"}']],
    });
  });

  it('Name = expr adds a new column at the end and keeps the original', async () => {
    expectTable(await run('T | where id <= 2 | mv-expand e = arr', tables), {
      columns: ['id:long', 'arr:dynamic', 'tag:string', 'e:dynamic'],
      rows: [
        [1n, '[10,20,30]', 't1', '10'], [1n, '[10,20,30]', 't1', '20'], [1n, '[10,20,30]', 't1', '30'],
        [2n, null, 't2', null],
      ],
    });
  });

  it('to typeof(long): the column is long; elements of another kind become null (cast, no parsing)', async () => {
    expectTable(await run('print d = dynamic(["abc", 1, 2.5, null, 7]) | mv-expand d to typeof(long)'), {
      columns: ['d:long'], rows: [[null], [1n], [null], [null], [7n]],
    });
  });

  it('to typeof(string) and to typeof(datetime)', async () => {
    expectTable(await run('print s = dynamic(["a", "b"]) | mv-expand s to typeof(string)'), {
      columns: ['s:string'], rows: [['a'], ['b']],
    });
    expectTable(await run('print d = range(datetime(2026-07-20), datetime(2026-07-20 02:00), 1h) | mv-expand d to typeof(datetime)'), {
      columns: ['d:datetime'],
      rows: [['2026-07-20T00:00:00.0000000Z'], ['2026-07-20T01:00:00.0000000Z'], ['2026-07-20T02:00:00.0000000Z']],
    });
  });

  it('to typeof applies to its own item only (mv-expand-operator-05)', async () => {
    const q = 'datatable (a: string, b: dynamic, c: dynamic)["Constant", dynamic([1, 2, 3, 4]), dynamic([6, 7, 8, 9])]\n| mv-expand b, c to typeof(int)';
    expectTable(await run(q), {
      columns: ['a:string', 'b:dynamic', 'c:int'],
      rows: [['Constant', '1', 6], ['Constant', '2', 7], ['Constant', '3', 8], ['Constant', '4', 9]],
    });
  });

  it('two items expand in parallel; the shorter is padded with null (mv-expand-operator-03)', async () => {
    const q = 'datatable (a: int, b: dynamic, c: dynamic)[1, dynamic({"prop1": "a", "prop2": "b"}), dynamic([5, 4, 3])]\n| mv-expand b, c';
    expectTable(await run(q), {
      columns: ['a:int', 'b:dynamic', 'c:dynamic'],
      rows: [[1, '{"prop1":"a"}', '5'], [1, '{"prop2":"b"}', '4'], [1, null, '3']],
      ordered: true,
    });
  });

  it('parallel expansion with with_itemindex, a null and an empty array', async () => {
    const P = table({
      x: { type: 'dynamic', values: [[1n, 2n], [], null] },
      y: { type: 'dynamic', values: [['a'], ['b', 'c'], []] },
    });
    expectTable(await run('P | mv-expand with_itemindex=Index x, y', { P }), {
      columns: ['x:dynamic', 'y:dynamic', 'Index:long'],
      rows: [['1', '"a"', 0n], ['2', null, 1n], [null, '"b"', 0n], [null, '"c"', 1n], [null, null, 0n]],
    });
  });

  it('two mv-expands one after the other give every combination (mv-expand-operator-04)', async () => {
    const q = 'datatable (a: int, b: dynamic, c: dynamic)[1, dynamic({"prop1": "a", "prop2": "b"}), dynamic([5, 6])]\n| mv-expand b\n| mv-expand c';
    expectTable(await run(q), {
      columns: ['a:int', 'b:dynamic', 'c:dynamic'],
      rows: [[1, '{"prop1":"a"}', '5'], [1, '{"prop1":"a"}', '6'], [1, '{"prop2":"b"}', '5'], [1, '{"prop2":"b"}', '6']],
    });
  });

  it('mv-expand todynamic(col) expands a JSON-array string column in place (as the TI-map rules do with UrlChain)', async () => {
    const U = table({
      ReportId: { type: 'string', values: ['r1', 'r2', 'r3'] },
      UrlChain: { type: 'string', values: ['["https://a.example/","https://b.example/"]', '[]', ''] },
      Url: { type: 'string', values: ['https://a.example/', 'https://c.example/', 'https://d.example/'] },
    });
    expectTable(await run('U | mv-expand todynamic(UrlChain)', { U }), {
      columns: ['ReportId:string', 'UrlChain:dynamic', 'Url:string'],
      // todynamic("") is null → one row; todynamic("[]") is an empty array → no row.
      rows: [
        ['r1', '"https://a.example/"', 'https://a.example/'],
        ['r1', '"https://b.example/"', 'https://a.example/'],
        ['r3', null, 'https://d.example/'],
      ],
    });
    expectTable(await run('U | mv-expand todynamic(UrlChain) | extend UrlChain = tolower(UrlChain) | project ReportId, UrlChain', { U }), {
      columns: ['ReportId:string', 'UrlChain:string'],
      rows: [['r1', 'https://a.example/'], ['r1', 'https://b.example/'], ['r3', '']],
    });
  });

  it('expands rows from every batch', async () => {
    expectTable(await run('T | mv-expand arr | count', { T: splitInTwo(T, 2) }), { columns: ['Count:long'], rows: [[7n]] });
  });

  it('an empty input gives no rows, with the expanded column typed', async () => {
    expectTable(await run('T | where id > 10 | mv-expand arr to typeof(long)', tables), {
      columns: ['id:long', 'arr:long', 'tag:string'], rows: [],
    });
  });

  it('expanding a value that is not dynamic is a semantic error', async () => {
    const e = await queryError('T | mv-expand tag', tables);
    expect(e.name).toBe('SemanticError');
    expect(e.spanText).toBe('tag');
  });
});
