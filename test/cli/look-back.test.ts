/** `kql run --use-query-period` (an analytic rule's queryPeriod) and `--look-back`: rows in [now - period, now]. */
import { describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';

const DIR = 'test/fixtures/look-back';
const NOW = ['--now', '2026-07-20T12:00:00Z'];
const EVENTS = ['-t', `${DIR}/Events.csv`];
const CLICKS = ['-t', `${DIR}/Clicks.csv`];
const RULE_BANNER = 'Rule: Events in the look-back (0a1b2c3d-0000-4000-8000-0000000000b1)\n';
// 14d before 2026-07-20T12:00:00Z; Events.csv has rows one tick outside each end, on each end, and a null time.
const EVENTS_14D = 'Look-back 14d (the rule\'s queryPeriod): Events rows with TimeGenerated from 2026-07-06T12:00:00.0000000Z to 2026-07-20T12:00:00.0000000Z, both inclusive\n';

describe('--use-query-period', () => {
  it('keeps the rows whose TimeGenerated is in [now - queryPeriod, now], both ends inclusive', async () => {
    const r = await cli(['run', `${DIR}/events-rule.yaml`, ...EVENTS, ...NOW, '--use-query-period', '--format', 'csv']);
    expect(r).toEqual({ code: 0, out: 'Id\nat-start\ninside\nat-now\n', err: RULE_BANNER + EVENTS_14D });
  });

  it('without the option the rule reads every row (queryPeriod is opt-in)', async () => {
    const r = await cli(['run', `${DIR}/events-rule.yaml`, ...EVENTS, ...NOW, '--format', 'csv']);
    expect(r).toEqual({ code: 0, out: 'Id\nbefore-start\nat-start\ninside\nat-now\nafter-now\nno-time\n', err: RULE_BANNER });
  });

  it('--explain shows the filter above the scan', async () => {
    const r = await cli(['run', `${DIR}/events-rule.yaml`, ...EVENTS, ...NOW, '--use-query-period', '--explain']);
    expect(r.code).toBe(0);
    expect(r.out).toBe(
      'Project Id:string = Id  [Id:string]\n'
      // 2026-07-06T12:00:00Z and 2026-07-20T12:00:00Z in ticks.
      + '  Where (>=(TimeGenerated, 639189360000000000) and <=(TimeGenerated, 639201456000000000))'
      + '  [Id:string, TimeGenerated:datetime, Timestamp:datetime]\n'
      + '    Scan Events  [Id:string, TimeGenerated:datetime, Timestamp:datetime]\n',
    );
  });

  it.each([
    [['run', 'Events | take 1', ...EVENTS, '--use-query-period'], '--use-query-period needs a rule file (.yaml) as the query.'],
    [['run', `${DIR}/no-period-rule.yaml`, ...EVENTS, '--use-query-period'], `--use-query-period: the rule ${DIR}/no-period-rule.yaml has no queryPeriod.`],
    [['run', `${DIR}/bad-period-rule.yaml`, ...EVENTS, '--use-query-period'], `${DIR}/bad-period-rule.yaml: queryPeriod 'P14D': expected a positive timespan such as 14d, 1h or 30m.`],
    [['run', `${DIR}/events-rule.yaml`, ...EVENTS, '--use-query-period', '--look-back', '1d'], 'give either --use-query-period or --look-back, not both.'],
  ])('usage errors: %j', async (argv, message) => {
    const r = await cli(argv);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err.split('\n').filter((l) => !l.startsWith('Rule: '))).toEqual([`Usage error: ${message}`, '']);
  });
});

describe('--look-back', () => {
  it.each([
    // Events has both columns: TimeGenerated decides (its Timestamp values would pick other rows).
    ['14d', EVENTS, 'Events | project Id', 'Id\nat-start\ninside\nat-now\n',
      'Look-back 14d (--look-back): Events rows with TimeGenerated from 2026-07-06T12:00:00.0000000Z to 2026-07-20T12:00:00.0000000Z, both inclusive\n'],
    // Clicks has only Timestamp (Defender XDR).
    ['1d', CLICKS, 'Clicks | project Id', 'Id\nc-start\nc-now\n',
      'Look-back 1d (--look-back): Clicks rows with Timestamp from 2026-07-19T12:00:00.0000000Z to 2026-07-20T12:00:00.0000000Z, both inclusive\n'],
    ['1.5h', CLICKS, 'Clicks | count', 'Count\n1\n',
      'Look-back 1.5h (--look-back): Clicks rows with Timestamp from 2026-07-20T10:30:00.0000000Z to 2026-07-20T12:00:00.0000000Z, both inclusive\n'],
  ])('--look-back %s', async (period, tables, query, out, err) => {
    const r = await cli(['run', query, ...tables, ...NOW, '--look-back', period, '--format', 'csv']);
    expect(r).toEqual({ code: 0, out, err });
  });

  it('filters every table the query reads: both sides of a join, union operands, subqueries', async () => {
    const query = 'Events | extend k = 1 | join kind=inner (Clicks | extend k = 1) on k | project Id, Id1'
      + ' | union (Clicks | where Id in ((Clicks | project Id)) | project Id1 = Id) | order by Id asc, Id1 asc';
    const r = await cli(['run', query, ...EVENTS, ...CLICKS, ...NOW, '--look-back', '1d', '--format', 'csv']);
    expect(r.code).toBe(0);
    // Events keeps only at-now within 1d; Clicks keeps c-start and c-now.
    expect(r.out).toBe('Id,Id1\n,c-now\n,c-start\nat-now,c-now\nat-now,c-start\n');
    expect(r.err.split('\n').map((l) => l.replace(/ rows with.*/, ''))).toEqual([
      'Look-back 1d (--look-back): Events', 'Look-back 1d (--look-back): Clicks', '',
    ]);
  });

  it('a table without a datetime TimeGenerated or Timestamp: usage error naming it', async () => {
    const r = await cli(['run', 'Users | take 1', '-t', `${DIR}/Users.csv`, '--look-back', '1d']);
    expect(r).toEqual({
      code: 2, out: '',
      err: "Usage error: --look-back: the table 'Users' has no datetime TimeGenerated or Timestamp column, so its rows cannot be limited to the look-back.\n",
    });
  });

  it.each(['0d', '-1d', '14', 'P14D', '14 days', 'd'])('--look-back %s: usage error', async (period) => {
    const r = await cli(['run', 'print 1', '--look-back', period]);
    expect(r).toEqual({ code: 2, out: '', err: `Usage error: --look-back '${period}': expected a positive timespan such as 14d, 1h or 30m.\n` });
  });
});
