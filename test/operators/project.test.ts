/** `project`: choose, order, rename and compute columns. */
import { describe, expect, it } from 'vitest';
import { expectTable, queryError, run, table } from '../helpers/table.js';

const T = table({
  Url: { type: 'string', values: ['a', 'b', ''] },
  x: { type: 'long', values: [1, null, 3] },
  Timestamp: { type: 'datetime', values: ['2024-03-01T10:00:00Z', '2024-03-02T23:59:59.9999999Z', null] },
});
const tables = { T };

describe('project', () => {
  it('keeps the listed columns in the listed order', async () => {
    expectTable(await run('T | project x, Url', tables), {
      columns: ['x:long', 'Url:string'],
      rows: [[1n, 'a'], [null, 'b'], [3n, '']],
    });
  });

  it('renames and computes', async () => {
    expectTable(await run('T | project Day = startofday(Timestamp), u = Url, x2 = x * 2', tables), {
      columns: ['Day:datetime', 'u:string', 'x2:long'],
      rows: [
        ['2024-03-01T00:00:00.0000000Z', 'a', 2n],
        ['2024-03-02T00:00:00.0000000Z', 'b', null],
        [null, '', 6n],
      ],
    });
  });

  it('keeps datetimes at full 100-ns precision', async () => {
    expectTable(await run('T | project Timestamp', tables), {
      columns: ['Timestamp:datetime'],
      rows: [['2024-03-01T10:00:00.0000000Z'], ['2024-03-02T23:59:59.9999999Z'], [null]],
    });
  });

  it('an unnamed computed column is Column1', async () => {
    expectTable(await run('T | project Url, x + 1', tables), {
      columns: ['Url:string', 'Column1:long'],
      rows: [['a', 2n], ['b', null], ['', 4n]],
    });
  });

  it('the same output name twice is a semantic error', async () => {
    const err = await queryError('T | project x, x', tables);
    expect(err.message).toBe("The column 'x' appears twice in 'project'.");
    expect(err.at).toBe('1:16');
  });

  it('an unknown column is a semantic error with a suggestion', async () => {
    const err = await queryError('T | project Urll', tables);
    expect(err.message).toBe("Unknown column 'Urll'. Did you mean 'Url'?");
    expect(err.spanText).toBe('Urll');
  });
});
