/** The `count` operator: one row, one long column named Count. */
import { describe, it } from 'vitest';
import { expectTable, run, splitInTwo, table } from '../helpers/table.js';

const T = table({ x: { type: 'long', values: [1, null, 3, 4] } });

describe('count', () => {
  it('counts every row, nulls included', async () => {
    expectTable(await run('T | count', { T }), { columns: ['Count:long'], rows: [[4n]] });
  });

  it('an empty input gives one row with 0', async () => {
    expectTable(await run('T | where x > 100 | count', { T }), { columns: ['Count:long'], rows: [[0n]] });
  });

  it('a table with no batches at all gives 0', async () => {
    expectTable(await run('T | count', { T: { schema: T.schema, batches: [] } }), { columns: ['Count:long'], rows: [[0n]] });
  });

  it('adds up rows across batches', async () => {
    expectTable(await run('T | count', { T: splitInTwo(T, 1) }), { columns: ['Count:long'], rows: [[4n]] });
  });

  it('after a filter', async () => {
    expectTable(await run('T | where x >= 3 | count', { T }), { columns: ['Count:long'], rows: [[2n]] });
  });
});
