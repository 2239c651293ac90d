/** `render`: rows unchanged, chart metadata attached (kql-notes §10). */
import { describe, expect, it } from 'vitest';
import { expectTable, queryError, run, table } from '../helpers/table.js';

const T = table({
  Day: { type: 'datetime', values: ['2024-03-01T00:00:00Z', '2024-03-02T00:00:00Z'] },
  a: { type: 'long', values: [1, 2] },
  b: { type: 'long', values: [3, null] },
});
const rows = [['2024-03-01T00:00:00.0000000Z', 1n, 3n], ['2024-03-02T00:00:00.0000000Z', 2n, null]];

describe('render', () => {
  it('passes the rows through and reports the visualization kind', async () => {
    const r = await run('T | render timechart', { T });
    expectTable(r, { columns: ['Day:datetime', 'a:long', 'b:long'], rows });
    expect(r.visualization).toEqual({ kind: 'timechart', properties: {} });
  });

  it('a query without render has no visualization', async () => {
    expect((await run('T', { T })).visualization).toBeUndefined();
  });

  it('collects with(...) properties: lists of columns, words and values', async () => {
    const r = await run('T | render columnchart with (title = "Clicks", ycolumns = a, b, xcolumn = Day, ymax = 10)', { T });
    expect(r.visualization).toEqual({
      kind: 'columnchart', properties: { title: 'Clicks', ycolumns: ['a', 'b'], xcolumn: 'Day', ymax: 10 },
    });
  });

  it('an unknown visualization is a semantic error with a suggestion', async () => {
    expect((await queryError('T | render timechartt', { T })).message).toBe("Unknown visualization 'timechartt'. Did you mean 'timechart'?");
  });

  it('render must be the last operator', async () => {
    const err = await queryError('T | render table | where a > 1', { T });
    expect(err.message).toBe("Not supported: operators after 'render' (render must be the last operator of a query).");
    expect(err.spanText).toBe('where a > 1');
  });
});
