import { describe, expect, it } from 'vitest';
import { progressBar, progressLine } from '../../src/cli/progress.js';

const at = (bytes: number, rows: number) => ({ bytes, totalBytes: 400e6, rows });

describe('progressLine', () => {
  it.each([
    [at(0, 0), 1, 'T [░░░░░░░░░░░░░░░░░░░░░░░░]   0%  0/400 MB  0 rows  0 MB/s'],
    [at(100e6, 250_000), 2, 'T [██████░░░░░░░░░░░░░░░░░░]  25%  100/400 MB  250,000 rows  50 MB/s'],
    [at(399e6, 1_000_000), 4, 'T [████████████████████████]  99%  399/400 MB  1,000,000 rows  100 MB/s'],
    [at(400e6, 1_000_001), 4, 'T [████████████████████████] 100%  400/400 MB  1,000,001 rows  100 MB/s'],
  ])('%o after %d s', (p, seconds, line) => {
    expect(progressLine('T', p, seconds)).toBe(line);
  });
});

describe('progressBar', () => {
  function bar(width = 80) {
    let now = 0;
    let out = '';
    const b = progressBar((s) => void (out += s), width, () => now);
    return { b, tick: (ms: number) => void (now += ms), out: () => out };
  }

  it('draws nothing for reads under a second, and erases nothing', () => {
    const t = bar();
    t.tick(900);
    t.b.update('T', at(1e6, 10));
    t.b.done();
    expect(t.out()).toBe('');
  });

  it('draws on one line after a second, at most every 100 ms, then erases it', () => {
    const t = bar();
    t.tick(1000);
    t.b.update('T', at(100e6, 250_000));
    t.tick(50);
    t.b.update('T', at(150e6, 300_000)); // too soon: not drawn
    t.tick(50);
    t.b.update('T', at(200e6, 500_000));
    t.b.done();
    expect(t.out().split('\r')).toEqual([
      '',
      'T [██████░░░░░░░░░░░░░░░░░░]  25%  100/400 MB  250,000 rows  100 MB/s\x1b[K',
      'T [████████████░░░░░░░░░░░░]  50%  200/400 MB  500,000 rows  182 MB/s\x1b[K',
      '\x1b[K',
    ]);
  });

  it('cuts the line to the terminal width', () => {
    const t = bar(20);
    t.tick(2000);
    t.b.update('UrlClickEvents', at(1e6, 1));
    expect(t.out()).toBe('\rUrlClickEvents [░░░\x1b[K');
  });
});
