import { describe, expect, it } from 'vitest';
import type { Chart, XyChart } from '../../../src/cli/chart/model.js';
import { terminalChart } from '../../../src/cli/chart/terminal.js';

const plain = (width: number) => ({ width, color: false });
const xy = (fields: Partial<XyChart>): Chart => ({
  kind: 'linechart', notes: [], xType: 'number', xTitle: 'X', yTitle: 'N', stack: 'none', legend: true,
  xLog: false, yLog: false, series: [], ...fields,
});
const clicks = { name: 'Clicks', points: [{ x: 'Email', y: 8 }, { x: 'Teams', y: 3 }] };

// Worked out by hand: 17 cells = 34 dots across, 12 rows = 48 dots up; y=2 of 0..8 is dot 12 from the
// bottom, the lowest dots of row 9; bars are scaled so the peak fills the room left after label and value.
describe('terminal charts', () => {
  it('a line chart on a braille canvas, with y min/max, x ends, axis titles and a legend', () => {
    const chart = xy({
      title: 'Clicks',
      series: [{ name: 'up', points: [{ x: 0, y: 0 }, { x: 4, y: 8 }] }, { name: 'flat', points: [{ x: 0, y: 2 }, { x: 4, y: 2 }] }],
    });
    expect(terminalChart(chart, plain(20))).toBe(LINE);
  });

  it('bars: eighth blocks for the fraction; stacked segments in distinct fills with a legend', () => {
    const bars = xy({ kind: 'barchart', xType: 'category', xTitle: 'Workload', yTitle: 'Clicks', series: [clicks] });
    expect(terminalChart(bars, plain(30))).toBe(
      'Email │█████████████████████ 8\n' +
      'Teams │███████▉ 3\n' +
      '       Workload → Clicks\n');
    const stacked = xy({ ...bars, stack: 'stacked', series: [clicks, { name: 'Blocked', points: [{ x: 'Email', y: 2 }, { x: 'Teams', y: 2 }] }] });
    expect(terminalChart(stacked, plain(30))).toBe(
      'Email │████████████████▓▓▓▓ 10\n' +
      'Teams │██████▓▓▓▓ 5\n' +
      '       Workload → Clicks\n' +
      '       █ Clicks   ▓ Blocked\n');
  });

  it('a pie as shares and a card as a box', () => {
    const pie: Chart = { kind: 'piechart', notes: [], legend: true, slices: [{ label: 'a', value: 3 }, { label: 'bb', value: 1 }] };
    expect(terminalChart(pie, plain(30))).toBe('a  │████████████████ 3 (75.0%)\nbb │█████▍ 1 (25.0%)\n');
    const card: Chart = { kind: 'card', title: 'Totals', notes: [], fields: [{ name: 'Total', text: '42' }, { name: 'Since', text: '2024-01-01' }] };
    expect(terminalChart(card, plain(30))).toBe([
      'Totals',
      '┌───────┬────────────┐',
      '│ Total │         42 │',
      '│ Since │ 2024-01-01 │',
      '└───────┴────────────┘',
      '',
    ].join('\n'));
  });

  it('colours series with ANSI codes when asked', () => {
    const out = terminalChart(xy({ series: [{ name: 'a', points: [{ x: 0, y: 1 }, { x: 1, y: 2 }] }] }), { width: 20, color: true });
    expect(out).toContain('\x1b[34m━━\x1b[0m a');
  });
});

const LINE = [
  'Clicks',
  '8 ┤⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⢀⠎',
  '  │⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⡰⠁⠀',
  '  │⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⢀⠜⠀⠀⠀',
  '  │⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⡠⠊⠀⠀⠀⠀',
  '  │⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⡔⠁⠀⠀⠀⠀⠀',
  '  │⠀⠀⠀⠀⠀⠀⠀⠀⢀⠎⠀⠀⠀⠀⠀⠀⠀',
  '  │⠀⠀⠀⠀⠀⠀⠀⡰⠁⠀⠀⠀⠀⠀⠀⠀⠀',
  '  │⠀⠀⠀⠀⠀⢀⠜⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀',
  '  │⣀⣀⣀⣀⣠⣊⣀⣀⣀⣀⣀⣀⣀⣀⣀⣀⣀',
  '  │⠀⠀⠀⡔⠁⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀',
  '  │⠀⢀⠎⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀',
  '0 ┤⡰⠁⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀⠀',
  '  └─────────────────',
  '   0               4',
  '   x: X   y: N',
  '   ━━ up   ━━ flat',
  '',
].join('\n');
