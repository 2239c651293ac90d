/** `make-series` (kql-notes §3): bins aligned to `from`, `to` exclusive, defaults, by-groups, `in range`. */
import { describe, expect, it } from 'vitest';
import { expectTable, queryError, run, splitInTwo, table } from '../helpers/table.js';

const T = table({
  Timestamp: {
    type: 'datetime',
    values: [
      '2024-02-29T23:59:59Z', // before from: dropped
      '2024-03-01T00:00:00Z', // bin 0 (03-01)
      '2024-03-01T10:00:00Z', // bin 0
      '2024-03-03T12:00:00Z', // bin 2 (03-03)
      '2024-03-04T00:00:00Z', // at to: dropped (to is exclusive)
      null, // no bin
    ],
  },
  Url: { type: 'string', values: ['a', 'a', 'b', 'a', 'b', 'a'] },
  x: { type: 'long', values: [1, 2, 3, 4, 5, 6] },
});
const tables = { T };
const AXIS = '["2024-03-01T00:00:00.0000000Z","2024-03-02T00:00:00.0000000Z","2024-03-03T00:00:00.0000000Z"]';
const SERIES = 'on Timestamp from datetime(2024-03-01) to datetime(2024-03-04) step 1d';

describe('make-series', () => {
  it('counts per bin; rows before from, at to and with a null axis fall in no bin', async () => {
    expectTable(await run(`T | make-series Count = count() default = 0 ${SERIES}`, tables), {
      columns: ['Count:dynamic', 'Timestamp:dynamic'],
      rows: [['[2,0,1]', AXIS]],
    });
  });

  it('default names follow summarize; longs print without .0, reals with it', async () => {
    expectTable(await run(`T | make-series count(), sum(x), avg(x) ${SERIES}`, tables), {
      columns: ['count_:dynamic', 'sum_x:dynamic', 'avg_x:dynamic', 'Timestamp:dynamic'],
      rows: [['[2,0,1]', '[5,0,4]', '[2.5,0.0,4.0]', AXIS]],
    });
  });

  it('default = value fills the empty bins', async () => {
    expectTable(await run(`T | make-series c = count() default = -1, a = avg(x) default = real(null) ${SERIES}`, tables), {
      columns: ['c:dynamic', 'a:dynamic', 'Timestamp:dynamic'],
      rows: [['[2,-1,1]', '[2.5,null,4.0]', AXIS]],
    });
  });

  it('by: one row per group, by-columns first, each with the whole axis', async () => {
    expectTable(await run(`T | make-series n = count() ${SERIES} by Url`, tables), {
      columns: ['Url:string', 'n:dynamic', 'Timestamp:dynamic'],
      rows: [['a', '[1,0,1]', AXIS], ['b', '[1,0,0]', AXIS]],
    });
  });

  it('the number of bins is ceil((to - from) / step): 2.5 days → 3 bins', async () => {
    expectTable(await run('T | make-series n = count() on Timestamp from datetime(2024-03-01) to datetime(2024-03-03T12:00:00) step 1d', tables), {
      columns: ['n:dynamic', 'Timestamp:dynamic'],
      // The 03-03T12:00 row is at `to`: dropped.
      rows: [['[2,0,0]', AXIS]],
    });
  });

  it('bins align to from, not to midnight', async () => {
    expectTable(await run('T | make-series n = count() on Timestamp from datetime(2024-02-29T12:00:00) to datetime(2024-03-02T12:00:00) step 1d', tables), {
      columns: ['n:dynamic', 'Timestamp:dynamic'],
      rows: [['[3,0]', '["2024-02-29T12:00:00.0000000Z","2024-03-01T12:00:00.0000000Z"]']],
    });
  });

  it('a 7-day step from 2025-01-06 to 2025-02-09 gives 5 bins (kql-notes §3.2)', async () => {
    const W = table({ Timestamp: { type: 'datetime', values: ['2025-01-06T00:00:00Z', '2025-02-08T23:00:00Z', '2025-02-09T00:00:00Z'] } });
    expectTable(await run('W | make-series n = count() on Timestamp from datetime(2025-01-06) to datetime(2025-02-09) step 7d', { W }), {
      columns: ['n:dynamic', 'Timestamp:dynamic'],
      rows: [[
        '[1,0,0,0,1]',
        '["2025-01-06T00:00:00.0000000Z","2025-01-13T00:00:00.0000000Z","2025-01-20T00:00:00.0000000Z","2025-01-27T00:00:00.0000000Z","2025-02-03T00:00:00.0000000Z"]',
      ]],
    });
  });

  it('empty input gives zero rows, without by', async () => {
    expectTable(await run(`T | where x > 100 | make-series n = count() ${SERIES}`, tables), {
      columns: ['n:dynamic', 'Timestamp:dynamic'], rows: [],
    });
  });

  it('empty input gives zero rows, with by', async () => {
    expectTable(await run(`T | where x > 100 | make-series n = count() ${SERIES} by Url`, tables), {
      columns: ['Url:string', 'n:dynamic', 'Timestamp:dynamic'], rows: [],
    });
  });

  it('kind=nonempty on empty input gives one row of defaults (cf make-series-operator-03)', async () => {
    expectTable(await run(`T | where x > 100 | make-series kind=nonempty a = avg(x) default = 1.0 ${SERIES}`, tables), {
      columns: ['a:dynamic', 'Timestamp:dynamic'],
      rows: [['[1.0,1.0,1.0]', AXIS]],
    });
  });

  it('in range(start, stop, step): stop inclusive, bins aligned to 0001-01-01 (kql-notes §3.3)', async () => {
    const R = table({ Timestamp: { type: 'datetime', values: ['2007-01-01T00:00:00Z', '2007-01-20T00:00:00Z', '2007-01-31T10:00:00Z'] } });
    expectTable(await run('R | make-series n = count() on Timestamp in range(datetime(2007-01-01), datetime(2007-01-31 23:59), 15d)', { R }), {
      columns: ['n:dynamic', 'Timestamp:dynamic'],
      rows: [['[1,1,1]', '["2006-12-31T00:00:00.0000000Z","2007-01-15T00:00:00.0000000Z","2007-01-30T00:00:00.0000000Z"]']],
    });
  });

  it('a long axis', async () => {
    expectTable(await run('range x from 0 to 9 step 1 | make-series n = count() on x from 0 to 10 step 5'), {
      columns: ['n:dynamic', 'x:dynamic'], rows: [['[5,5]', '[0,5]']],
    });
  });

  it('keeps state across input batches', async () => {
    expectTable(await run(`T | make-series n = count(), sum(x) ${SERIES} by Url`, { T: splitInTwo(T, 3) }), {
      columns: ['Url:string', 'n:dynamic', 'sum_x:dynamic', 'Timestamp:dynamic'],
      rows: [['a', '[1,0,1]', '[2,0,4]', AXIS], ['b', '[1,0,0]', '[3,0,0]', AXIS]],
    });
  });

  it.each([
    ['default must be a literal (kql-notes §3.1)', `T | make-series c = count() default = 1 + 1 ${SERIES}`,
      "The make-series 'default' must be a literal.", '1 + 1'],
    ['only numeric aggregates are allowed', `T | make-series make_set(x) ${SERIES}`,
      "'make-series' expects one of the aggregates avg, avgif, count, countif, covariance, covarianceif, covariancep, covariancepif, dcount, dcountif, max, maxif, min, minif, percentile, take_any, stdev, sum, sumif, variance, varianceif, variancep, variancepif.",
      'make_set(x)'],
    ['the step must be positive', 'T | make-series count() on Timestamp from datetime(2024-03-01) to datetime(2024-03-04) step 0d',
      "make-series 'step' must be greater than zero.", '0d'],
    ['the axis must be a datetime, timespan or number', 'T | make-series count() on Url from 1 to 2 step 1',
      'The make-series axis must be a datetime, timespan or number, not a string.', 'Url'],
  ])('error: %s', async (_label, query, message, spanText) => {
    const err = await queryError(query, tables);
    expect(err.message).toBe(message);
    expect(err.spanText).toBe(spanText);
  });
});
