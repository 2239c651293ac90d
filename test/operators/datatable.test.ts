/**
 * `datatable (Col:type, ...) [values...]` (dx `query/datatable-operator.md`; conformance case datatable-operator-00):
 * literal rows, row-major, converted to the declared column types; typed nulls; an empty list gives no rows.
 */
import { describe, expect, it } from 'vitest';
import { expectTable, queryError, run } from '../helpers/table.js';

describe('datatable', () => {
  it('every scalar type, with a row of typed nulls', async () => {
    const q = `datatable(i:int, l:long, r:real, s:string, b:bool, d:datetime, t:timespan, g:guid, x:dynamic) [
      1, 2, 1.5, "s", true, datetime(2026-07-20 01:02:03), 90m, guid(0c5b1a2e-1111-2222-3333-444455556666), dynamic({"a":[1,2.5]}),
      int(null), long(null), real(null), "", bool(null), datetime(null), timespan(null), guid(null), dynamic(null)
    ]`;
    expectTable(await run(q), {
      columns: ['i:int', 'l:long', 'r:real', 's:string', 'b:bool', 'd:datetime', 't:timespan', 'g:guid', 'x:dynamic'],
      rows: [
        [1, 2n, 1.5, 's', true, '2026-07-20T01:02:03.0000000Z', '01:30:00', '0c5b1a2e-1111-2222-3333-444455556666', '{"a":[1,2.5]}'],
        [null, null, null, '', null, null, null, null, null],
      ],
      ordered: true,
    });
  });

  it('rows keep their order; integers are widened to a real column', async () => {
    expectTable(await run('datatable(Url:string, Score:real)["https://a.example/", 1, "https://b.example/", 2.5, "https://c.example/", -3]'), {
      columns: ['Url:string', 'Score:real'],
      rows: [['https://a.example/', 1], ['https://b.example/', 2.5], ['https://c.example/', -3]],
      ordered: true,
    });
  });

  it('type aliases: boolean, date, double', async () => {
    expectTable(await run('datatable(b:boolean, d:date, x:double)[false, datetime(2026-01-01), 3]'), {
      columns: ['b:bool', 'd:datetime', 'x:real'], rows: [[false, '2026-01-01T00:00:00.0000000Z', 3]],
    });
  });

  it('an empty value list gives no rows but keeps the columns', async () => {
    expectTable(await run('datatable(a:long, b:string)[]'), { columns: ['a:long', 'b:string'], rows: [] });
    expectTable(await run('datatable(a:long, b:string)[] | count'), { columns: ['Count:long'], rows: [[0n]] });
  });

  it('a trailing comma is allowed', async () => {
    expectTable(await run('datatable(a:long, b:string)[1, "x", 2, "y",]'), {
      columns: ['a:long', 'b:string'], rows: [[1n, 'x'], [2n, 'y']],
    });
  });

  it('the documentation example datatable-operator-00', async () => {
    const q = `datatable(Date:datetime, Event:string, MoreData:dynamic) [
    datetime(1910-06-11), "Born", dynamic({"key1":"value1", "key2":"value2"}),
    datetime(1930-01-01), "Enters Ecole Navale", dynamic({"key1":"value3", "key2":"value4"}),
    datetime(1953-01-01), "Published first book", dynamic({"key1":"value5", "key2":"value6"}),
    datetime(1997-06-25), "Died", dynamic({"key1":"value7", "key2":"value8"}),
]
| where strlen(Event) > 4
| extend key2 = MoreData.key2`;
    expectTable(await run(q), {
      columns: ['Date:datetime', 'Event:string', 'MoreData:dynamic', 'key2:dynamic'],
      rows: [
        ['1930-01-01T00:00:00.0000000Z', 'Enters Ecole Navale', '{"key1":"value3","key2":"value4"}', '"value4"'],
        ['1953-01-01T00:00:00.0000000Z', 'Published first book', '{"key1":"value5","key2":"value6"}', '"value6"'],
      ],
    });
  });

  it('a datatable can be let-bound and read like a table', async () => {
    expectTable(await run('let Users = datatable(AccountUpn:string, Risk:int)["alice@contoso.com", 50, "bob@contoso.com", 10]; Users | where Risk > 20'), {
      columns: ['AccountUpn:string', 'Risk:int'], rows: [['alice@contoso.com', 50]],
    });
  });

  it('a value count that is not a multiple of the column count is a semantic error', async () => {
    expect((await queryError('datatable(a:long, b:string)[1, "x", 2]')).name).toBe('SemanticError');
  });

  it('a value of the wrong type is a semantic error', async () => {
    expect((await queryError('datatable(s:string)[1]')).name).toBe('SemanticError');
    expect((await queryError('datatable(a:long)[1.5]')).name).toBe('SemanticError');
  });
});
