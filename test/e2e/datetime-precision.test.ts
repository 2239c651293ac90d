/**
 * Datetimes keep their 100-ns precision from a Defender XDR CSV export or JSON lines through to the output.
 * (The seed queries' end-to-end cases are test/seed/*.kqltest.yaml, run by kqltest-cases.test.ts.)
 */
import { describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';
import { expectTable, run } from '../helpers/table.js';

const NOW = '2024-03-31T15:00:00Z';
const SEED = 'test/fixtures/seed';

describe.each(['csv', 'jsonl'])('datetime precision (%s)', (ext) => {
  it('2026-07-19T17:02:06.1314605Z read from a file prints back identically in --format json', async () => {
    const r = await cli([
      'run', 'UrlClickEvents | project Timestamp, Url', '-t', `UrlClickEvents=${SEED}/precise.${ext}`, '--format', 'json', '--now', NOW,
    ]);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toBe(
      '{"tables":[{"name":"PrimaryResult","columns":[{"name":"Timestamp","type":"datetime"},{"name":"Url","type":"string"}],'
      + '"rows":[["2026-07-19T17:02:06.1314605Z","https://p.example/"],["2026-07-19T17:02:06.0000001Z","https://q.example/"]]}]}\n',
    );
  });

  it('keeps the last tick in arithmetic: + 1tick and tostring()', async () => {
    const r = await run('UrlClickEvents | project t = Timestamp + 1tick, s = tostring(Timestamp)', { UrlClickEvents: `${SEED}/precise.${ext}` });
    expectTable(r, {
      columns: ['t:datetime', 's:string'],
      rows: [
        ['2026-07-19T17:02:06.1314606Z', '2026-07-19T17:02:06.1314605Z'],
        ['2026-07-19T17:02:06.0000002Z', '2026-07-19T17:02:06.0000001Z'],
      ],
    });
  });
});
