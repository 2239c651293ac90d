/**
 * `getschema` (dx `query/getschema-operator.md`; conformance case mv-expand-operator-05): one row per
 * input column — ColumnName, ColumnOrdinal (int, from 0), DataType (the .NET type name), ColumnType
 * (the KQL type). bool and decimal columns are refused: their .NET names are not documented.
 */
import { describe, expect, it } from 'vitest';
import { expectTable, queryError, run, table } from '../helpers/table.js';

const T = table({
  s: { type: 'string', values: ['a'] },
  n: { type: 'long', values: [1] },
  ok: { type: 'bool', values: [true] },
});

describe('getschema', () => {
  it('lists each column with its ordinal, .NET type and KQL type, in order', async () => {
    const q = 'print s = "x", i = int(1), n = 2, r = 1.5, t = now(), d = 1d, g = guid(00000000-0000-0000-0000-000000000000), dyn = dynamic([]) | getschema';
    expectTable(await run(q, {}), {
      columns: ['ColumnName:string', 'ColumnOrdinal:int', 'DataType:string', 'ColumnType:string'],
      rows: [
        ['s', 0, 'System.String', 'string'],
        ['i', 1, 'System.Int32', 'int'],
        ['n', 2, 'System.Int64', 'long'],
        ['r', 3, 'System.Double', 'real'],
        ['t', 4, 'System.DateTime', 'datetime'],
        ['d', 5, 'System.TimeSpan', 'timespan'],
        ['g', 6, 'System.Guid', 'guid'],
        ['dyn', 7, 'System.Object', 'dynamic'],
      ],
      ordered: true,
    });
  });

  it('an empty input still has its columns', async () => {
    expectTable(await run('T | project n, s | where n > 5 | getschema', { T }), {
      columns: ['ColumnName:string', 'ColumnOrdinal:int', 'DataType:string', 'ColumnType:string'],
      rows: [['n', 0, 'System.Int64', 'long'], ['s', 1, 'System.String', 'string']],
      ordered: true,
    });
  });

  it('a bool column is refused by name', async () => {
    const e = await queryError('T | getschema', { T });
    expect(e.name).toBe('NotSupportedError');
    expect(e.message).toBe("Not supported: getschema of a bool column ('ok'; the engine's .NET type name for bool is not documented).");
  });
});
