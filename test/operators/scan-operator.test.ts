/**
 * The `scan` operator (dx `query/scan-operator.md`, "Scan logic"; conformance scan-operator-00…07),
 * expectations worked by hand from the documented checks: each row goes through the steps from the
 * last to the first; step k matches when step k-1 has a state (which then moves to step k), or when
 * step k has a state of its own or is the first step (which starts a new sequence and match id).
 * Matched rows are output with the declared columns (assigned, or at their default).
 */
import { describe, expect, it } from 'vitest';
import { expectTable, queryError, run } from '../helpers/table.js';

const EVENTS = 'datatable(t:long, e:string)[1, "start", 2, "mid", 3, "start", 4, "end", 5, "end"] | sort by t asc';

describe('scan', () => {
  it.each([
    {
      what: 'a running sum from a declared default',
      query: 'range x from 1 to 4 step 1 | scan declare (s:long = 10) with (step a: true => s = x + a.s;)',
      columns: ['x:long', 's:long'],
      rows: [[1n, 11n], [2n, 13n], [3n, 16n], [4n, 20n]],
    },
    {
      what: 'a column the step does not assign keeps its default',
      query: 'range x from 1 to 3 step 1 | scan declare (a:long = 7, b:string = "d") with (step s: true => a = x * 2;)',
      columns: ['x:long', 'a:long', 'b:string'],
      rows: [[1n, 2n, 'd'], [2n, 4n, 'd'], [3n, 6n, 'd']],
    },
    {
      // start@1 opens sequence 0; start@3 opens sequence 1; end@4 moves it to s2 (began = 3);
      // end@5 matches s2's own state, still reading s1's record (3). output=none hides s1's rows.
      what: 'a two-step sequence with match ids; a later start restarts the sequence',
      query: `${EVENTS} | scan with_match_id = id declare (began:long) with (step s1 output=none: e == "start"; step s2: e == "end" => began = s1.t;)`,
      columns: ['t:long', 'e:string', 'began:long', 'id:long'],
      rows: [[4n, 'end', 3n, 1n], [5n, 'end', 3n, 1n]],
    },
  ])('$what', async ({ query, columns, rows }) => {
    expectTable(await run(query), { columns, rows, ordered: true });
  });

  it.each([
    [`${EVENTS} | scan with (step s1 output=last: e == "start";)`, 'Not supported: the scan step option output=last.'],
    [`${EVENTS} | scan declare (n:long) with (step s1: true; step s2: s2.t > 1;)`,
      "Not supported: a scan step reading its own or a later step's values (s2.t in step s2)."],
    [`${EVENTS} | scan declare (n:long = 0) with (step s1: true => n = n + 1;)`,
      "Not supported: a scan column without its step name ('n'; write Step.n)."],
    ['datatable(x:long)[1] | scan with (step s1: true;)', "Not supported: 'scan' over rows in no defined order. Put 'sort' or 'serialize' before it."],
  ])('%s is refused', async (query, message) => {
    expect(await queryError(query)).toMatchObject({ name: 'NotSupportedError', message });
  });

  it('assigning an undeclared column is an error', async () => {
    expect(await queryError(`${EVENTS} | scan with (step s1: true => t = 1;)`))
      .toMatchObject({ name: 'SemanticError', message: 'A scan step assigns only declared columns.' });
  });
});
