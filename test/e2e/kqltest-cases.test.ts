/**
 * The end-to-end query cases written in the `kql test` format (README, "Query tests"), run through the CLI:
 * test/corpus holds one case per query of ../shared/corpus (34, listed in its manifest.tsv) over the hand-made
 * fixtures of test/fixtures/corpus, and test/seed the two seed queries over CSV and JSON-lines exports. Each case file
 * explains how its expected result was worked out.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';

const CORPUS = fileURLToPath(new URL('../../../shared/corpus/', import.meta.url));
const FOLDERS = ['test/corpus', 'test/seed'];

describe('kql test over the corpus and seed cases', () => {
  it('every case passes (a failure shows the diff)', async () => {
    const r = await cli(['test', ...FOLDERS]);
    const failures = r.out.split(/^(?=PASS |FAIL |\d+ passed)/m).filter((block) => block.startsWith('FAIL '));
    expect({ failures, err: r.err }).toEqual({ failures: [], err: '' });
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^\d+ passed, 0 failed\n$/m);
  });

  it('test/corpus has one case file per corpus query', () => {
    const manifest = readFileSync(`${CORPUS}manifest.tsv`, 'utf8').trim().split('\n').slice(1).map((l) => l.split('\t')[0]);
    const cases = readdirSync('test/corpus').filter((f) => f.endsWith('.kqltest.yaml'));
    expect(cases.map((f) => f.replace(/\.kqltest\.yaml$/, '.kql')).sort()).toEqual([...manifest].sort());
  });
});
