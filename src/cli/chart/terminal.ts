/**
 * Charts drawn with Unicode for a terminal: line, area and scatter charts on a braille canvas (2×4 dots a
 * cell), bar and column charts and pie shares as horizontal bars, a card as a box of values.
 */
import { truncate } from '../output/table.js';
import type { CardChart, Chart, PieChart, Point, XyChart } from './model.js';
import { timeLabels } from './time-labels.js';

export interface TerminalOptions {
  /** Terminal columns the chart may use. */
  readonly width: number;
  /** ANSI colours, one per series. */
  readonly color: boolean;
}

const PLOT_ROWS = 12;
const COLORS = [34, 33, 31, 32, 35, 36];
/** Fill characters of stacked bar segments, so segments differ without colour too. */
const FILLS = ['█', '▓', '▒', '░'];
const EIGHTHS = ['', '▏', '▎', '▍', '▌', '▋', '▊', '▉'];
const LABEL_WIDTH = 24;

export function terminalChart(chart: Chart, options: TerminalOptions): string {
  const lines: string[] = [];
  if (chart.title) lines.push(chart.title);
  switch (chart.kind) {
    case 'table':
      return '';
    case 'card':
      lines.push(...cardLines(chart));
      break;
    case 'piechart':
      lines.push(...pieLines(chart, options));
      break;
    case 'columnchart':
    case 'barchart':
      lines.push(...barLines(chart, options));
      break;
    default:
      lines.push(...plotLines(chart, options));
  }
  return lines.join('\n') + '\n';
}

function paint(text: string, series: number, options: TerminalOptions): string {
  return options.color ? `\x1b[${COLORS[series % COLORS.length]}m${text}\x1b[0m` : text;
}

/** Numbers as axis and bar labels: whole numbers as they are, others to three significant digits. */
export function formatValue(v: number): string {
  if (Number.isInteger(v)) return String(v);
  return String(Number(v.toPrecision(3)));
}

function legendLine(names: readonly string[], options: TerminalOptions, marker: (k: number) => string): string {
  return names.map((name, k) => `${paint(marker(k), k, options)} ${name}`).join('   ');
}

/** The y value each point is drawn at: stacked series sit on the ones before them; stacked100 in percent. */
function stackedPoints(chart: XyChart): Point[][] {
  if (chart.stack === 'none') return chart.series.map((s) => [...s.points]);
  const base = new Map<number | string, number>();
  const totals = new Map<number | string, number>();
  for (const s of chart.series) for (const p of s.points) totals.set(p.x, (totals.get(p.x) ?? 0) + Math.abs(p.y ?? 0));
  return chart.series.map((s) => s.points.map((p) => {
    const top = (base.get(p.x) ?? 0) + (p.y ?? 0);
    base.set(p.x, top);
    const total = totals.get(p.x) ?? 0;
    return { x: p.x, y: chart.stack === 'stacked100' ? (total === 0 ? 0 : (top / total) * 100) : top };
  }));
}

class BrailleCanvas {
  private readonly dots: Uint8Array;
  private readonly owner: Int16Array;
  constructor(readonly cols: number, readonly rows: number) {
    this.dots = new Uint8Array(cols * rows);
    this.owner = new Int16Array(cols * rows).fill(-1);
  }

  /** Dot (x, y) with y = 0 at the bottom. */
  set(x: number, y: number, series: number): void {
    const dotRow = this.rows * 4 - 1 - y;
    if (x < 0 || x >= this.cols * 2 || dotRow < 0 || dotRow >= this.rows * 4) return;
    const cell = Math.floor(dotRow / 4) * this.cols + Math.floor(x / 2);
    const bit = x % 2 === 0 ? [0x01, 0x02, 0x04, 0x40][dotRow % 4] : [0x08, 0x10, 0x20, 0x80][dotRow % 4];
    this.dots[cell] |= bit;
    this.owner[cell] = series;
  }

  line(x0: number, y0: number, x1: number, y1: number, series: number): void {
    const steps = Math.max(Math.abs(x1 - x0), Math.abs(y1 - y0), 1);
    for (let i = 0; i <= steps; i++) {
      this.set(Math.round(x0 + ((x1 - x0) * i) / steps), Math.round(y0 + ((y1 - y0) * i) / steps), series);
    }
  }

  row(r: number, options: TerminalOptions): string {
    let out = '';
    for (let c = 0; c < this.cols; c++) {
      const cell = r * this.cols + c;
      const ch = String.fromCharCode(0x2800 + this.dots[cell]);
      out += this.dots[cell] && this.owner[cell] >= 0 ? paint(ch, this.owner[cell], options) : ch;
    }
    return out;
  }
}

function plotLines(chart: XyChart, options: TerminalOptions): string[] {
  const drawn = stackedPoints(chart);
  const all = drawn.flat().filter((p) => p.y !== null && !(chart.yLog && p.y <= 0));
  if (all.length === 0) return ['(no values to draw)'];
  const yOf = (v: number) => (chart.yLog ? Math.log10(v) : v);
  const ys = all.map((p) => yOf(p.y!));
  let lo = chart.yMin !== undefined ? yOf(chart.yMin) : minOf(ys, chart.yLog ? Infinity : 0);
  let hi = chart.yMax !== undefined ? yOf(chart.yMax) : maxOf(ys);
  if (hi <= lo) hi = lo + 1;
  const label = (v: number) => formatValue(chart.yLog ? 10 ** v : v) + (chart.stack === 'stacked100' ? '%' : '');
  const yLabels = [label(hi), label(lo)];
  const yWidth = maxOf(yLabels.map((l) => l.length));
  const cols = Math.max(10, options.width - yWidth - 2);
  const canvas = new BrailleCanvas(cols, PLOT_ROWS);

  const categories = chart.xType === 'category' ? [...new Set(all.map((p) => p.x as string))] : [];
  const xNum = (x: number | string) => (chart.xType === 'category' ? categories.indexOf(x as string) : chart.xLog ? Math.log10(x as number) : (x as number));
  const xs = all.map((p) => xNum(p.x));
  const xLo = minOf(xs);
  const xSpan = maxOf(xs) - xLo || 1;
  const dotX = (x: number | string) => Math.round(((xNum(x) - xLo) / xSpan) * (cols * 2 - 1));
  const dotY = (v: number) => Math.round(((Math.min(Math.max(yOf(v), lo), hi) - lo) / (hi - lo)) * (PLOT_ROWS * 4 - 1));
  const area = chart.kind === 'areachart' || chart.kind === 'stackedareachart';

  drawn.forEach((points, k) => {
    const below = area && chart.stack !== 'none' && k > 0 ? drawn[k - 1] : undefined;
    let prev: Point | undefined;
    points.forEach((p, i) => {
      if (p.y === null || (chart.yLog && p.y <= 0)) {
        prev = undefined;
        return;
      }
      if (chart.kind === 'scatterchart') canvas.set(dotX(p.x), dotY(p.y), k);
      else if (prev) canvas.line(dotX(prev.x), dotY(prev.y!), dotX(p.x), dotY(p.y), k);
      else canvas.set(dotX(p.x), dotY(p.y), k);
      if (area) {
        const floor = below?.[i]?.y ?? lo;
        for (let y = dotY(floor); y < dotY(p.y); y++) canvas.set(dotX(p.x), y, k);
        if (prev) fillBetween(canvas, prev, p, dotX, dotY, floor, below?.[i - 1]?.y ?? lo, k);
      }
      prev = p;
    });
  });

  const lines: string[] = [];
  for (let r = 0; r < PLOT_ROWS; r++) {
    const yl = r === 0 ? yLabels[0] : r === PLOT_ROWS - 1 ? yLabels[1] : '';
    lines.push(`${yl.padStart(yWidth)} ${yl ? '┤' : '│'}${canvas.row(r, options)}`);
  }
  lines.push(`${' '.repeat(yWidth)} └${'─'.repeat(cols)}`);
  lines.push(' '.repeat(yWidth + 2) + xAxisLabels(chart, all.map((p) => p.x), categories, cols));
  const axisTitles = [chart.xTitle && `x: ${chart.xTitle}`, chart.yTitle && `y: ${chart.yTitle}`].filter(Boolean).join('   ');
  if (axisTitles) lines.push(' '.repeat(yWidth + 2) + axisTitles);
  if (chart.legend) lines.push(' '.repeat(yWidth + 2) + legendLine(chart.series.map((s) => s.name), options, () => chart.kind === 'scatterchart' ? '•' : '━━'));
  return lines;
}

/** Area between two neighbouring points, filled column by column of dots. */
function fillBetween(
  canvas: BrailleCanvas, a: Point, b: Point, dotX: (x: number | string) => number, dotY: (v: number) => number,
  floorB: number, floorA: number, series: number,
): void {
  const x0 = dotX(a.x);
  const x1 = dotX(b.x);
  for (let x = x0 + 1; x < x1; x++) {
    const t = (x - x0) / (x1 - x0);
    const top = dotY(a.y! + (b.y! - a.y!) * t);
    for (let y = dotY(floorA + (floorB - floorA) * t); y < top; y++) canvas.set(x, y, series);
  }
}

/** First and last x value under the ends of the axis, and the middle one when there is room. */
function xAxisLabels(chart: XyChart, xs: readonly (number | string)[], categories: readonly string[], cols: number): string {
  let text: (x: number | string) => string;
  let first: number | string;
  let last: number | string;
  if (chart.xType === 'category') {
    text = (x) => String(x);
    first = categories[0];
    last = categories[categories.length - 1];
  } else {
    const nums = xs as number[];
    const labels = chart.xType === 'time' ? timeLabels(nums) : undefined;
    text = (x) => (labels ? labels.format(x as number) : formatValue(x as number));
    first = minOf(nums);
    last = maxOf(nums);
  }
  const left = text(first);
  const right = first === last ? '' : text(last);
  const gap = cols - left.length - right.length;
  if (gap < 1) return truncate(left, cols);
  return left + ' '.repeat(gap) + right;
}

function barLines(chart: XyChart, options: TerminalOptions): string[] {
  const categories: string[] = [];
  const labelOf = chart.xType === 'time' ? timeLabels(chart.series.flatMap((s) => s.points.map((p) => p.x as number))).format : (x: number | string) => (typeof x === 'number' ? formatValue(x) : x);
  const values = chart.series.map(() => new Map<string, number>());
  chart.series.forEach((s, k) => s.points.forEach((p) => {
    const label = labelOf(p.x as never);
    if (!categories.includes(label)) categories.push(label);
    values[k].set(label, (values[k].get(label) ?? 0) + (p.y ?? 0));
  }));
  const labelWidth = Math.min(LABEL_WIDTH, maxOf(categories.map((c) => c.length), 0));
  const totals = categories.map((c) => values.reduce((sum, m) => sum + (m.get(c) ?? 0), 0));
  const stacked = chart.stack !== 'none';
  const shown = stacked ? totals : values.flatMap((m) => [...m.values()]);
  const peak = maxOf(shown, 0);
  const valueWidth = maxOf(shown.map((v) => formatValue(v).length), 0);
  const room = Math.max(5, options.width - labelWidth - valueWidth - 3);
  const lines: string[] = [];
  categories.forEach((c, i) => {
    const label = truncate(c, labelWidth).padEnd(labelWidth);
    if (stacked) {
      const scale = chart.stack === 'stacked100' ? (totals[i] === 0 ? 0 : room / totals[i]) : peak === 0 ? 0 : room / peak;
      const bar = values.map((m, k) => paint(FILLS[k % FILLS.length].repeat(Math.round((m.get(c) ?? 0) * scale)), k, options)).join('');
      lines.push(`${label} │${bar} ${formatValue(totals[i])}`);
      return;
    }
    values.forEach((m, k) => {
      const v = m.get(c);
      if (v === undefined) return;
      lines.push(`${k === 0 ? label : ' '.repeat(labelWidth)} │${paint(barOf(v, peak, room), k, options)} ${formatValue(v)}`);
    });
  });
  const axisTitles = [chart.xTitle, chart.yTitle].filter(Boolean).join(' → ');
  if (axisTitles) lines.push(`${' '.repeat(labelWidth)}  ${axisTitles}`);
  if (chart.legend && chart.series.length > 1) {
    lines.push(`${' '.repeat(labelWidth)}  ${legendLine(chart.series.map((s) => s.name), options, (k) => (stacked ? FILLS[k % FILLS.length] : '█'))}`);
  }
  return lines;
}

/** A bar `room` cells long at `peak`, with eighth blocks for the fraction. */
function barOf(v: number, peak: number, room: number): string {
  if (peak <= 0 || v <= 0) return '';
  const eighths = Math.round((v / peak) * room * 8);
  return '█'.repeat(Math.floor(eighths / 8)) + EIGHTHS[eighths % 8];
}

function pieLines(chart: PieChart, options: TerminalOptions): string[] {
  const total = chart.slices.reduce((sum, s) => sum + s.value, 0);
  const peak = maxOf(chart.slices.map((s) => s.value), 0);
  const labelWidth = Math.min(LABEL_WIDTH, maxOf(chart.slices.map((s) => s.label.length), 0));
  const tails = chart.slices.map((s) => `${formatValue(s.value)} (${total === 0 ? '0.0' : ((s.value / total) * 100).toFixed(1)}%)`);
  const room = Math.max(5, options.width - labelWidth - maxOf(tails.map((t) => t.length), 0) - 3);
  return chart.slices.map((s, k) => `${truncate(s.label, labelWidth).padEnd(labelWidth)} │${paint(barOf(s.value, peak, room), k, options)} ${tails[k]}`);
}

function cardLines(chart: CardChart): string[] {
  const nameWidth = maxOf(chart.fields.map((f) => f.name.length));
  const textWidth = maxOf(chart.fields.map((f) => f.text.length));
  const rule = (left: string, mid: string, right: string) => `${left}${'─'.repeat(nameWidth + 2)}${mid}${'─'.repeat(textWidth + 2)}${right}`;
  const rows = chart.fields.map((f) => `│ ${f.name.padEnd(nameWidth)} │ ${f.text.padStart(textWidth)} │`);
  return [rule('┌', '┬', '┐'), ...rows, rule('└', '┴', '┘')];
}

/** Math.max and Math.min without spreading (which overflows the stack on long series). */
function maxOf(values: readonly number[], start = -Infinity): number {
  return values.reduce((m, v) => (v > m ? v : m), start);
}

function minOf(values: readonly number[], start = Infinity): number {
  return values.reduce((m, v) => (v < m ? v : m), start);
}
