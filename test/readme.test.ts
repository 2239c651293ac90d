import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

describe('README', () => {
  it('its support matrix matches the registries (npm run support-matrix regenerates it)', () => {
    const r = spawnSync(process.execPath, ['scripts/support-matrix.mjs', '--check'], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });
});
