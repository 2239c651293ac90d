/** `range x from a to b step s`: a, a+s, … up to and including b. */
import { describe, it } from 'vitest';
import { expectTable, run } from '../helpers/table.js';

describe('range', () => {
  it('longs, the end included', async () => {
    expectTable(await run('range x from 1 to 5 step 2'), { columns: ['x:long'], rows: [[1n], [3n], [5n]], ordered: true });
  });

  it('the end is not reached exactly', async () => {
    expectTable(await run('range x from 1 to 6 step 2'), { columns: ['x:long'], rows: [[1n], [3n], [5n]], ordered: true });
  });

  it('a negative step counts down', async () => {
    expectTable(await run('range x from 5 to 1 step -2'), { columns: ['x:long'], rows: [[5n], [3n], [1n]], ordered: true });
  });

  it('from after to with a positive step: no rows', async () => {
    expectTable(await run('range x from 5 to 1 step 1'), { columns: ['x:long'], rows: [] });
  });

  it('datetimes with a timespan step', async () => {
    expectTable(await run('range d from datetime(2024-03-01) to datetime(2024-03-03) step 1d'), {
      columns: ['d:datetime'],
      rows: [['2024-03-01T00:00:00.0000000Z'], ['2024-03-02T00:00:00.0000000Z'], ['2024-03-03T00:00:00.0000000Z']],
      ordered: true,
    });
  });

  it('reals', async () => {
    expectTable(await run('range r from 0.0 to 1.0 step 0.25'), {
      columns: ['r:real'], rows: [[0], [0.25], [0.5], [0.75], [1]], ordered: true,
    });
  });

  it('between is inclusive at both ends (kql-notes §2)', async () => {
    expectTable(await run('range x from 1 to 100 step 1 | where x between (50 .. 55)'), {
      columns: ['x:long'], rows: [[50n], [51n], [52n], [53n], [54n], [55n]],
    });
  });

  it('!between (cf not-between-operator-00)', async () => {
    expectTable(await run('range x from 1 to 10 step 1 | where x !between (5 .. 9)'), {
      columns: ['x:long'], rows: [[1n], [2n], [3n], [4n], [10n]],
    });
  });

  it('case buckets (cf case example, kql-notes §9.2)', async () => {
    expectTable(await run('range Size from 1 to 15 step 2 | extend bucket = case(Size <= 3, "Small", Size <= 10, "Medium", "Large")'), {
      columns: ['Size:long', 'bucket:string'],
      rows: [[1n, 'Small'], [3n, 'Small'], [5n, 'Medium'], [7n, 'Medium'], [9n, 'Medium'], [11n, 'Large'], [13n, 'Large'], [15n, 'Large']],
    });
  });
});
