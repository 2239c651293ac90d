/** `print`: one row of constant expressions, named print_0, print_1, … unless named. */
import { describe, it } from 'vitest';
import { expectTable, run } from '../helpers/table.js';

describe('print', () => {
  it('names unnamed items by position', async () => {
    expectTable(await run('print 1 + 1, s = "x", 7 / 2, -7 / 2, 1.0 / 2'), {
      columns: ['print_0:long', 's:string', 'print_2:long', 'print_3:long', 'print_4:real'],
      rows: [[2n, 'x', 3n, -3n, 0.5]],
    });
  });

  it('now() is the fixed instant of the query; ago() and startofday() follow it', async () => {
    expectTable(await run('print n = now(), a = ago(30d), s = startofday(ago(30d)), e = startofday(now()), y = now(-1d)'), {
      columns: ['n:datetime', 'a:datetime', 's:datetime', 'e:datetime', 'y:datetime'],
      rows: [[
        '2024-03-31T15:00:00.0000000Z', '2024-03-01T15:00:00.0000000Z',
        '2024-03-01T00:00:00.0000000Z', '2024-03-31T00:00:00.0000000Z', '2024-03-30T15:00:00.0000000Z',
      ]],
    });
  });

  it('integer division by zero is null; % is never negative (kql-notes §7)', async () => {
    expectTable(await run('print 1 / 0, -14 % 12, 14 % -12'), {
      columns: ['print_0:long', 'print_1:long', 'print_2:long'],
      rows: [[null, 10n, 2n]],
    });
  });

  it('typed nulls and bools', async () => {
    expectTable(await run('print b = bool(null), t = true, l = long(null), d = datetime(null)'), {
      columns: ['b:bool', 't:bool', 'l:long', 'd:datetime'],
      rows: [[null, true, null, null]],
    });
  });

  it('timespans and dynamic values', async () => {
    expectTable(await run('print t = 1d + 2h, n = -12h, d = dynamic([1, 2.0, "a"])'), {
      columns: ['t:timespan', 'n:timespan', 'd:dynamic'],
      rows: [['1.02:00:00', '-12:00:00', '[1,2.0,"a"]']],
    });
  });
});
