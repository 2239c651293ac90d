/**
 * `as [hint.materialized=true] Name` (dx `query/as-operator.md`; conformance cases as-operator-00/01): the rows pass
 * through unchanged; later parts of the same query may read them as Name, and union's withsource names them Name.
 */
import { describe, expect, it } from 'vitest';
import { expectTable, queryError, run, table } from '../helpers/table.js';

const MyLogTable = table({
  type: { type: 'string', values: ['Event', 'Event', 'Event', 'Trace', 'Event'] },
  Name: { type: 'string', values: ['Start', 'Stop', 'Start', 'Stop', 'Stop'] },
  ActivityId: { type: 'long', values: [1, 1, 2, 2, 3] },
});
const tables = { MyLogTable };

describe('as', () => {
  it('passes its input through unchanged', async () => {
    expectTable(await run('MyLogTable | as T', tables), {
      columns: ['type:string', 'Name:string', 'ActivityId:long'],
      rows: [['Event', 'Start', 1n], ['Event', 'Stop', 1n], ['Event', 'Start', 2n], ['Trace', 'Stop', 2n], ['Event', 'Stop', 3n]],
    });
    expectTable(await run('MyLogTable | as hint.materialized=true T | count', tables), { columns: ['Count:long'], rows: [[5n]] });
  });

  it('the documentation example: the name is read again on the right side of a join', async () => {
    // Left: Events named Start (activities 1, 2). Right: Events named Stop (activities 1, 3); the Trace row is gone.
    const q = 'MyLogTable | where type == "Event" | as T | where Name == "Start" | join (T | where Name == "Stop") on ActivityId';
    expectTable(await run(q, tables), {
      columns: ['type:string', 'Name:string', 'ActivityId:long', 'type1:string', 'Name1:string', 'ActivityId1:long'],
      rows: [['Event', 'Start', 1n, 'Event', 'Stop', 1n]],
    });
  });

  it('names a union operand for withsource (as-operator-00 and -01)', async () => {
    const expected = {
      columns: ['TableName:string', 'x:long'],
      rows: [['T1', 1n], ['T1', 2n], ['T1', 3n], ['T2', 1n], ['T2', 2n], ['T2', 3n]],
    };
    expectTable(await run('range x from 1 to 3 step 1 | as T1 | union withsource=TableName (range x from 1 to 3 step 1 | as T2)'), expected);
    expectTable(await run('union withsource=TableName (range x from 1 to 3 step 1 | as T1), (range x from 1 to 3 step 1 | as T2)'), expected);
  });

  it('the name is not known before the as', async () => {
    const e = await queryError('T | count', tables);
    expect(e.name).toBe('SemanticError');
    expect(e.spanText).toBe('T');
  });
});
