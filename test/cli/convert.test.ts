/** `kql convert` through runCli: converted files answer the seed queries as their CSV does; summary line; bad input. */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';

const NOW = '2024-03-31T15:00:00Z';
const SEEDS = [
  ['fixtures/queries/malicious-clicks-allowed.kql', 'test/fixtures/seed/series.csv'],
  ['fixtures/queries/url-clicks-actions-by-url.kql', 'test/fixtures/seed/actions.csv'],
] as const;

const tmp = mkdtempSync(join(tmpdir(), 'kql-convert-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('kql convert', () => {
  it.each(SEEDS.flatMap(([query, csv]) => (['arrow', 'parquet'] as const).map((format) => [query, csv, format] as const)))(
    '%s over %s converted to %s gives the CSV\'s result',
    async (query, csv, format) => {
      const out = join(tmp, `seed.${format}`);
      const converted = await cli(['convert', csv, out, '-t', 'UrlClickEvents']);
      expect(converted.code).toBe(0);
      expect(converted.err).toMatch(new RegExp(`^${out}: \\d+ rows, 19 columns, ${readFileSync(out).length} bytes in \\d+\\.\\d\\d s\\.\\n$`));
      const expected = await cli(['run', '-f', query, '-t', `UrlClickEvents=${csv}`, '--now', NOW, '--format', 'json']);
      // A bare path: the file names its table (UrlClickEvents), as -t gave it when converting.
      const actual = await cli(['run', '-f', query, '-t', out, '--now', NOW, '--format', 'json']);
      expect(expected.code).toBe(0);
      expect(actual).toEqual(expected);
    },
  );

  it('keeps the table name and the column types: kql schema shows them', async () => {
    const named = join(tmp, 'named.arrow');
    expect((await cli(['convert', 'test/fixtures/seed/actions.csv', named, '-t', 'UrlClickEvents'])).code).toBe(0);
    const r = await cli(['schema', named]);
    expect(r.err).toBe('');
    // The name the file keeps finds the built-in schema, as -t would.
    expect(r.out.split('\n').slice(0, 5)).toEqual([
      `file:    ${named}`, 'format:  arrow — Arrow IPC file (kql convert, pyarrow, DuckDB, …)',
      'table:   UrlClickEvents (from the file\'s metadata)', 'columns: 19', '  Timestamp         datetime  schema',
    ]);
    const bare = join(tmp, 'bare.parquet');
    expect((await cli(['convert', 'test/fixtures/seed/actions.csv', bare])).code).toBe(0);
    const s = await cli(['schema', bare]);
    expect(s.out).toMatch(/\nformat: {2}parquet — Parquet file \(ADX \.export, kql convert, …\)\ntable: {3}\(not named by the file; -t NAME gives one\)\n/);
    // Types the CSV reader inferred, now declared by the file.
    expect(s.out).toMatch(/\n {2}Timestamp +datetime +declared by the file\n/);
    expect(s.out).toMatch(/\n {2}IsClickedThrough +bool +declared by the file\n/);
  });

  it('refuses an output name without .arrow or .parquet, and a bad input file, with exit 2', async () => {
    const r = await cli(['convert', 'test/fixtures/seed/actions.csv', join(tmp, 'x.csv')]);
    expect(r).toEqual({ code: 2, out: '', err: `Usage error: '${join(tmp, 'x.csv')}': the output file's name must end in .arrow (Arrow IPC) or .parquet.\n` });
    const bad = await cli(['convert', 'test/fixtures/io/bad-fields.csv', join(tmp, 'x.parquet')]);
    expect(bad).toEqual({ code: 2, out: '', err: 'Input error: test/fixtures/io/bad-fields.csv:4: expected 2 fields as in the header, found 1.\n' });
  });

  it('a truncated Parquet file: exit 2 and a message naming it, for run and convert', async () => {
    const whole = join(tmp, 'whole.parquet');
    expect((await cli(['convert', 'test/fixtures/seed/actions.csv', whole])).code).toBe(0);
    const cut = join(tmp, 'cut.parquet');
    const bytes = readFileSync(whole);
    writeFileSync(cut, bytes.subarray(0, bytes.length >> 1));
    for (const argv of [['run', 'T | count', '-t', `T=${cut}`], ['convert', cut, join(tmp, 'again.arrow')]]) {
      const r = await cli(argv);
      expect(r.code).toBe(2);
      expect(r.err).toMatch(new RegExp(`^Input error: ${cut}: not a valid Parquet file \\(.*\\); is it truncated\\?\\n$`));
    }
  });
});
