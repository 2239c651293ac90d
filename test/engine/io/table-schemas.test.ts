import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { builtinSchema, builtinSchemaFor } from '../../../src/engine/io/index.js';

const SCHEMA_DIR = '../shared/schemas';

describe('built-in schemas', () => {
  it('match ../shared/schemas (rerun scripts/generate-schemas.mjs when this fails)', () => {
    const files = readdirSync(SCHEMA_DIR).filter((f) => f.endsWith('.json'));
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      const { table, flavor, columns } = JSON.parse(readFileSync(`${SCHEMA_DIR}/${file}`, 'utf8'));
      expect(builtinSchema(table, flavor), file).toEqual(columns.map((c: { name: string; type: string }) => ({ name: c.name, type: c.type })));
    }
  });

  it('default to the Defender XDR flavour and know the single-flavour tables', () => {
    expect(builtinSchema('UrlClickEvents')?.[0]).toEqual({ name: 'Timestamp', type: 'datetime' });
    expect(builtinSchema('UrlClickEvents', 'sentinel')?.some((f) => f.name === 'Timestamp')).toBe(false);
    expect(builtinSchema('SecurityAlert')).toBe(builtinSchema('SecurityAlert', 'sentinel'));
    expect(builtinSchema('AADSignInEventsBeta', 'sentinel')).toBeUndefined();
    expect(builtinSchema('NoSuchTable')).toBeUndefined();
    expect(builtinSchema('urlclickevents')).toBeUndefined(); // table names are case-sensitive
  });

  it('pick the flavour from a header', () => {
    const defender = builtinSchema('UrlClickEvents', 'defender-xdr');
    const sentinel = builtinSchema('UrlClickEvents', 'sentinel');
    expect(builtinSchemaFor('UrlClickEvents', ['Timestamp', 'Url'])).toBe(defender);
    expect(builtinSchemaFor('UrlClickEvents', ['TimeGenerated', 'Url'])).toBe(sentinel);
    expect(builtinSchemaFor('UrlClickEvents', ['Timestamp', 'TimeGenerated'])).toBe(defender);
    expect(builtinSchemaFor('UrlClickEvents', ['Url', '_BilledSize'])).toBe(sentinel);
    expect(builtinSchemaFor('UrlClickEvents', ['Url'])).toBe(defender);
    expect(builtinSchemaFor('SecurityAlert', ['Timestamp'])).toBe(builtinSchema('SecurityAlert'));
    expect(builtinSchemaFor('NoSuchTable', ['Timestamp'])).toBeUndefined();
  });
});
