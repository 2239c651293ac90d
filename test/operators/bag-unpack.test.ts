/**
 * `evaluate bag_unpack` (dx `query/bag-unpack-plugin.md`; conformance bag-unpack-plugin-03, -05):
 * - output: the input's columns less the bag column, then one column per slot, sorted by name;
 * - a slot's column has its values' type when they share one, else dynamic; a row without the slot
 *   gets null (an empty string in a string column);
 * - OutputColumnPrefix prefixes the slot columns; ignoredProperties skips slots; columnsConflict:
 *   error (default) fails, keep_source drops the slot;
 * - the slots come from the data: the query's input is run first to learn them, and `check` (no
 *   data) says the columns depend on the data.
 */
import { describe, expect, it } from 'vitest';
import { checkQuery } from '../../src/engine/run.js';
import { expectTable, queryError, run, table } from '../helpers/table.js';

const T = table({
  id: { type: 'long', values: [1, 2, 3] },
  d: {
    type: 'dynamic',
    values: [
      new Map<string, unknown>([['b', 1n], ['a', 'x'], ['m', 1n]]) as never,
      new Map<string, unknown>([['a', 'y'], ['m', 2.5], ['c', [1n]]]) as never,
      null,
    ],
  },
});
const tables = { T };

describe('evaluate bag_unpack', () => {
  it.each([
    {
      what: 'slots sorted by name; shared type kept, mixed types dynamic; missing slots null or ""',
      query: 'T | evaluate bag_unpack(d)',
      columns: ['id:long', 'a:string', 'b:long', 'c:dynamic', 'm:dynamic'],
      rows: [[1n, 'x', 1n, null, '1'], [2n, 'y', null, '[1]', '2.5'], [3n, '', null, null, null]],
    },
    {
      what: 'OutputColumnPrefix and ignoredProperties, by position',
      query: "T | evaluate bag_unpack(d, 'p_', 'error', dynamic(['m', 'c']))",
      columns: ['id:long', 'p_a:string', 'p_b:long'],
      rows: [[1n, 'x', 1n], [2n, 'y', null], [3n, '', null]],
    },
    {
      what: 'keep_source drops a slot named like an input column (by name)',
      query: "T | extend a = 'src' | evaluate bag_unpack(d, columnsConflict = 'keep_source', ignoredProperties = dynamic(['c', 'm']))",
      columns: ['id:long', 'a:string', 'b:long'],
      rows: [[1n, 'src', 1n], [2n, 'src', null], [3n, 'src', null]],
    },
    {
      what: 'the learned columns can be used after it',
      query: 'T | evaluate bag_unpack(d) | where isnotnull(b) | project id, b * 10',
      columns: ['id:long', 'Column1:long'],
      rows: [[1n, 10n]],
    },
  ])('$what', async ({ query, columns, rows }) => {
    expectTable(await run(query, tables), { columns, rows });
  });

  it.each([
    ["T | extend a = 'src' | evaluate bag_unpack(d)", 'RuntimeError',
      "bag_unpack: the slot 'a' would be a second column 'a'; see columnsConflict."],
    ["T | extend a = 'src' | evaluate bag_unpack(d, columnsConflict = 'replace_source')", 'NotSupportedError',
      "Not supported: bag_unpack with columnsConflict='replace_source' (where the replacing column goes is not documented)."],
    ["print d = dynamic({'x': null}) | evaluate bag_unpack(d)", 'NotSupportedError',
      "Not supported: bag_unpack of the slot 'x' holding null (the column type the engine gives it is not documented)."],
    ["print d = dynamic({'b': 1, 'B': 2, 'a': 3}) | evaluate bag_unpack(d)", 'NotSupportedError',
      'Not supported: bag_unpack of slots whose order depends on letter case (B, a, b).'],
    ['print d = dynamic([1]) | evaluate bag_unpack(d)', 'NotSupportedError',
      'Not supported: bag_unpack of a value that is not a property bag ([1]).'],
    ['T | mv-apply x = d on (evaluate bag_unpack(x))', 'NotSupportedError',
      'Not supported: an operator whose columns depend on the data inside a subquery of mv-apply.'],
    ['let f = (t:(d:dynamic)) { t | evaluate bag_unpack(d) }; union f(T), f(T)', 'NotSupportedError',
      'Not supported: an operator whose columns depend on the data, bound more than once (in a function called several times).'],
    ['T | evaluate bag_unpack(d) : (a:string)', 'KqlSyntaxError',
      "Not supported: the output schema of 'evaluate bag_unpack'."],
  ])('%s fails: %s', async (query, name, message) => {
    expect(await queryError(query, tables)).toMatchObject({ name, message });
  });

  it('without data, check says the columns depend on the data', async () => {
    await expect(checkQuery('T | evaluate bag_unpack(d)', { tables: { T: { schema: T.schema, batches: [] } } })).rejects.toMatchObject({
      name: 'SchemaFromDataError',
      message: "The columns of 'bag_unpack' depend on the data: they are known only when the query runs.",
    });
  });

  it('check learns the columns of an input that reads no table', async () => {
    const [result] = await checkQuery('print d = dynamic({"k": 1, "a": "x"}) | evaluate bag_unpack(d)');
    expect(result.schema).toEqual([{ name: 'a', type: 'string' }, { name: 'k', type: 'long' }]);
  });
});
