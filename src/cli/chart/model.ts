/**
 * The chart of a result that carries `render` metadata: which columns are x, y and series, following the
 * render operator's data model (dx `query/render-operator.md`):
 * - x: `xcolumn`, else the first column that fits the chart (timechart: the first datetime column; the
 *   other x–y charts: the first column). When a dynamic column holds arrays of datetimes (make-series
 *   output), its elements are the x values and each y column holds an array of the same length.
 * - y: `ycolumns`, else every numeric column (numeric array, for make-series output) that is not x.
 * - series: `series`, else the remaining string, guid and bool columns; each distinct combination of
 *   their values is one series, so each row × each y column adds to one series.
 * Properties the renderers cannot honour become notes, which the CLI prints on stderr.
 */
import { tableRows } from '../../engine/batch.js';
import type { JsValue } from '../../engine/column.js';
import type { DynValue } from '../../engine/dynamic.js';
import { NotSupportedError, SemanticError } from '../../engine/errors.js';
import { parseIsoDatetime } from '../../engine/time.js';
import { isNumeric, TICKS_PER_MS, UNIX_EPOCH_TICKS, type Field } from '../../engine/types.js';
import type { QueryResult, Visualization } from '../output/index.js';
import { textEncoder } from '../output/values.js';

export const CHART_KINDS = [
  'timechart', 'linechart', 'areachart', 'stackedareachart', 'columnchart', 'barchart', 'piechart',
  'scatterchart', 'card', 'table',
] as const;
export type ChartKind = (typeof CHART_KINDS)[number];
export type XyKind = Exclude<ChartKind, 'piechart' | 'card' | 'table'>;

/** time: x is milliseconds since 1970 (UTC); number: a plain number; category: a label, in row order. */
export type XType = 'time' | 'number' | 'category';
export type Stack = 'none' | 'stacked' | 'stacked100';

export interface Point {
  readonly x: number | string;
  readonly y: number | null;
}

export interface Series {
  readonly name: string;
  readonly points: readonly Point[];
}

interface ChartBase {
  readonly title?: string;
  /** Properties or columns the chart does not show, said on stderr. */
  readonly notes: readonly string[];
}

export interface XyChart extends ChartBase {
  readonly kind: XyKind;
  readonly xTitle: string;
  readonly yTitle: string;
  readonly xType: XType;
  readonly series: readonly Series[];
  readonly stack: Stack;
  readonly legend: boolean;
  readonly yMin?: number;
  readonly yMax?: number;
  readonly xLog: boolean;
  readonly yLog: boolean;
}

export interface PieChart extends ChartBase {
  readonly kind: 'piechart';
  readonly slices: readonly { readonly label: string; readonly value: number }[];
  readonly legend: boolean;
}

export interface CardChart extends ChartBase {
  readonly kind: 'card';
  readonly fields: readonly { readonly name: string; readonly text: string }[];
}

export interface TableChart extends ChartBase {
  readonly kind: 'table';
}

export type Chart = XyChart | PieChart | CardChart | TableChart;

/** What a column can be in a chart. */
type Role = 'datetime' | 'number' | 'text' | 'timeArray' | 'numberArray' | 'other';

interface ColumnInfo {
  readonly field: Field;
  readonly index: number;
  readonly role: Role;
}

const STACKABLE: readonly ChartKind[] = ['areachart', 'barchart', 'columnchart'];
const KIND_VALUES: Record<string, Stack> = { default: 'none', unstacked: 'none', stacked: 'stacked', stacked100: 'stacked100' };
/** Properties no renderer here draws. */
const IGNORED = ['ysplit', 'anomalycolumns'];

/** The chart of a result; throws when the result has no render metadata or cannot be drawn as asked. */
export function buildChart(result: QueryResult, defaultTitle?: string): Chart {
  const vis = result.visualization;
  if (!vis) throw new SemanticError('the query has no render operator, so there is no chart to draw.');
  if (!(CHART_KINDS as readonly string[]).includes(vis.kind)) {
    throw new NotSupportedError(`render ${vis.kind} as a chart`, undefined, `Charts are drawn for ${CHART_KINDS.join(', ')}.`);
  }
  const kind = vis.kind as ChartKind;
  const props = new Properties(vis);
  if (String(vis.properties.kind).toLowerCase() === 'map') throw new NotSupportedError(`render ${kind} with (kind=map) (geospatial charts)`);
  const title = props.text('title') ?? defaultTitle;
  const rows = tableRows(result.table) as JsValue[][];
  const columns = result.table.schema.map((field, index) => ({ field, index, role: roleOf(field, rows, index) }));
  let chart: Chart;
  switch (kind) {
    case 'table':
      chart = { kind, title, notes: [] };
      break;
    case 'card':
      chart = cardChart(rows, columns, title);
      break;
    case 'piechart':
      chart = pieChart(rows, columns, props, title);
      break;
    default:
      chart = xyChart(kind, rows, columns, props, title);
  }
  return { ...chart, notes: [...chart.notes, ...props.unusedNotes(kind)] } as Chart;
}

/** The render properties, remembering which ones were read so the rest can be reported. */
class Properties {
  private readonly used = new Set<string>();
  constructor(private readonly vis: Visualization) {}

  text(name: string): string | undefined {
    const v = this.vis.properties[name];
    this.used.add(name);
    return v === undefined ? undefined : String(v);
  }

  word(name: string): string | undefined {
    return this.text(name)?.toLowerCase();
  }

  list(name: string): readonly string[] | undefined {
    const v = this.vis.properties[name];
    this.used.add(name);
    return v === undefined ? undefined : Array.isArray(v) ? v : [String(v)];
  }

  number(name: string, notes: string[]): number | undefined {
    const v = this.vis.properties[name];
    this.used.add(name);
    if (v === undefined) return undefined;
    if (typeof v === 'number' && Number.isFinite(v)) return v;
    notes.push(`render: ${name}=${String(v)} is not a number; ignored.`);
    return undefined;
  }

  unusedNotes(kind: string): string[] {
    return Object.keys(this.vis.properties)
      .filter((name) => !this.used.has(name))
      .map((name) => IGNORED.includes(name)
        ? `render: the ${name} property is not supported by kql's charts; ignored.`
        : `render: ${kind} does not use the ${name} property; ignored.`);
  }
}

function roleOf(field: Field, rows: readonly JsValue[][], index: number): Role {
  if (field.type === 'datetime') return 'datetime';
  if (isNumeric(field.type)) return 'number';
  if (field.type === 'string' || field.type === 'guid' || field.type === 'bool') return 'text';
  if (field.type !== 'dynamic') return 'other';
  const sample = rows.map((r) => r[index]).find((v) => Array.isArray(v) && v.length > 0) as DynValue[] | undefined;
  if (!sample) return 'other';
  const present = sample.filter((v) => v !== null);
  if (present.length > 0 && present.every((v) => typeof v === 'number' || typeof v === 'bigint')) return 'numberArray';
  if (present.length > 0 && present.every((v) => typeof v === 'string' && parseIsoDatetime(v) !== undefined)) return 'timeArray';
  return 'other';
}

function columnNamed(columns: readonly ColumnInfo[], name: string, property: string): ColumnInfo {
  const c = columns.find((col) => col.field.name === name);
  if (!c) {
    throw new SemanticError(`render: ${property} names '${name}', which is not a column of the result (columns: ${columns.map((col) => col.field.name).join(', ')}).`);
  }
  return c;
}

function describeColumns(columns: readonly ColumnInfo[]): string {
  return columns.map((c) => `${c.field.name}:${c.field.type}`).join(', ');
}

function toMs(ticks: bigint): number {
  return Number(ticks - UNIX_EPOCH_TICKS) / Number(TICKS_PER_MS);
}

function toNumber(v: JsValue | DynValue): number | null {
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint') return Number(v);
  return null;
}

function xyChart(kind: XyKind, rows: JsValue[][], columns: readonly ColumnInfo[], props: Properties, title?: string): XyChart {
  const notes: string[] = [];
  const arrays = columns.some((c) => c.role === 'timeArray' || c.role === 'numberArray');
  const xName = props.text('xcolumn');
  const x = xName !== undefined ? columnNamed(columns, xName, 'xcolumn') : defaultX(kind, columns, arrays);
  const seriesNames = props.list('series');
  const seriesCols = seriesNames
    ? seriesNames.map((n) => columnNamed(columns, n, 'series'))
    : columns.filter((c) => c !== x && c.role === 'text');
  const yNames = props.list('ycolumns');
  const yRole: Role = arrays ? 'numberArray' : 'number';
  const yCols = yNames
    ? yNames.map((n) => columnNamed(columns, n, 'ycolumns'))
    : columns.filter((c) => c !== x && !seriesCols.includes(c) && c.role === yRole);
  if (yCols.length === 0) {
    throw new SemanticError(`render ${kind}: no numeric column for the y-axis (columns: ${describeColumns(columns)}).`);
  }
  for (const y of yCols) {
    if (y.role !== yRole) {
      throw new SemanticError(`render ${kind}: the y column '${y.field.name}' is ${y.field.type}${arrays ? ', not an array of numbers' : ', not numeric'}.`);
    }
  }
  for (const c of columns) {
    if (c !== x && !seriesCols.includes(c) && !yCols.includes(c)) {
      notes.push(`render: the column ${c.field.name} (${c.field.type}) is not the x-axis, a y column or a series; not drawn.`);
    }
  }
  const xType: XType = x.role === 'datetime' || x.role === 'timeArray' ? 'time'
    : x.role === 'number' || x.role === 'numberArray' ? 'number' : 'category';
  const xEncode = textEncoder(x.field.type);
  const xValue = (v: JsValue | DynValue): number | string | null => {
    if (v === null) return null;
    if (xType === 'time') return toMs(typeof v === 'bigint' ? v : parseIsoDatetime(String(v))!);
    if (xType === 'number') return toNumber(v);
    return xEncode(v as JsValue);
  };

  const series = new Map<string, Point[]>();
  const add = (name: string, point: Point) => {
    const points = series.get(name) ?? [];
    points.push(point);
    series.set(name, points);
  };
  const textOf = seriesCols.map((c) => textEncoder(c.field.type));
  let skipped = 0;
  rows.forEach((row, r) => {
    const key = seriesCols.map((c, k) => textOf[k](row[c.index])).join(', ');
    for (const y of yCols) {
      const name = yCols.length === 1 ? (seriesCols.length > 0 ? key : y.field.name) : seriesCols.length > 0 ? `${key}:${y.field.name}` : y.field.name;
      if (!arrays) {
        const xv = xValue(row[x.index]);
        if (xv === null) skipped++;
        else add(name, { x: xv, y: toNumber(row[y.index]) });
        continue;
      }
      const xs = row[x.index];
      const ys = row[y.index];
      if (!Array.isArray(xs) || !Array.isArray(ys)) {
        skipped++;
        continue;
      }
      if (xs.length !== ys.length) {
        throw new SemanticError(`render ${kind}: in row ${r + 1}, ${y.field.name} has ${ys.length} values but the x-axis ${x.field.name} has ${xs.length}.`);
      }
      xs.forEach((xv, i) => {
        const px = xValue(xv);
        if (px === null) skipped++;
        else add(name, { x: px, y: toNumber(ys[i]) });
      });
    }
  });
  if (skipped > 0) notes.push(`render: ${skipped} value(s) with an empty x (${x.field.name}) are not drawn.`);

  const accumulate = props.text('accumulate');
  const ordered = [...series].map(([name, points]) => {
    const sorted = xType === 'category' ? points : [...points].sort((a, b) => (a.x as number) - (b.x as number));
    return { name, points: accumulate === 'true' ? runningSum(sorted) : sorted };
  });

  const kindWord = props.word('kind');
  let stack: Stack = kind === 'stackedareachart' ? 'stacked' : 'none';
  if (kindWord !== undefined) {
    if (STACKABLE.includes(kind) && KIND_VALUES[kindWord] !== undefined) stack = KIND_VALUES[kindWord];
    else notes.push(`render: kind=${kindWord} does not apply to ${kind}; ignored.`);
  }
  return {
    kind, title, notes, xType, stack,
    series: ordered,
    xTitle: props.text('xtitle') ?? x.field.name,
    yTitle: props.text('ytitle') ?? (yCols.length === 1 ? yCols[0].field.name : ''),
    legend: legendOf(props, notes),
    yMin: props.number('ymin', notes),
    yMax: props.number('ymax', notes),
    xLog: axisScale(props, 'xaxis', notes) && xType === 'number',
    yLog: axisScale(props, 'yaxis', notes),
  };
}

function defaultX(kind: XyKind, columns: readonly ColumnInfo[], arrays: boolean): ColumnInfo {
  const x = arrays
    ? columns.find((c) => c.role === 'timeArray') ?? (kind !== 'timechart' && columns[0].role === 'numberArray' ? columns[0] : undefined)
    : kind === 'timechart' ? columns.find((c) => c.role === 'datetime') : columns[0];
  if (!x) {
    throw new SemanticError(`render ${kind}: no ${kind === 'timechart' ? 'datetime ' : ''}column for the x-axis (columns: ${describeColumns(columns)}).`);
  }
  return x;
}

function runningSum(points: readonly Point[]): Point[] {
  let total = 0;
  return points.map((p) => {
    if (p.y === null) return p;
    total += p.y;
    return { x: p.x, y: total };
  });
}

function legendOf(props: Properties, notes: string[]): boolean {
  const legend = props.word('legend');
  if (legend === undefined || legend === 'visible') return true;
  if (legend === 'hidden') return false;
  notes.push(`render: legend=${legend} is neither visible nor hidden; the legend is shown.`);
  return true;
}

function axisScale(props: Properties, name: 'xaxis' | 'yaxis', notes: string[]): boolean {
  const scale = props.word(name);
  if (scale === undefined || scale === 'linear') return false;
  if (scale === 'log') return true;
  notes.push(`render: ${name}=${scale} is neither linear nor log; linear is used.`);
  return false;
}

/** piechart: the first column (or `series`) labels the slices, the first numeric column sizes them. */
function pieChart(rows: JsValue[][], columns: readonly ColumnInfo[], props: Properties, title?: string): PieChart {
  const notes: string[] = [];
  const seriesNames = props.list('series');
  const labelCols = seriesNames ? seriesNames.map((n) => columnNamed(columns, n, 'series')) : columns.slice(0, 1);
  const yNames = props.list('ycolumns');
  const value = yNames
    ? columnNamed(columns, yNames[0], 'ycolumns')
    : columns.find((c) => !labelCols.includes(c) && c.role === 'number');
  if (!value || value.role !== 'number') {
    throw new SemanticError(`render piechart: no numeric column for the slice sizes (columns: ${describeColumns(columns)}).`);
  }
  for (const c of columns) {
    if (c !== value && !labelCols.includes(c)) notes.push(`render: the column ${c.field.name} (${c.field.type}) is not drawn by piechart.`);
  }
  const textOf = labelCols.map((c) => textEncoder(c.field.type));
  const slices: { label: string; value: number }[] = [];
  let dropped = 0;
  for (const row of rows) {
    const v = toNumber(row[value.index]);
    if (v === null || v < 0 || Number.isNaN(v)) dropped++;
    else slices.push({ label: labelCols.map((c, k) => textOf[k](row[c.index])).join(', '), value: v });
  }
  if (dropped > 0) notes.push(`render: ${dropped} row(s) with an empty or negative ${value.field.name} have no slice.`);
  return { kind: 'piechart', title, notes, slices, legend: legendOf(props, notes) };
}

/** card: the first record's values, each under its column name. */
function cardChart(rows: JsValue[][], columns: readonly ColumnInfo[], title?: string): CardChart {
  const notes: string[] = [];
  if (rows.length === 0) throw new SemanticError('render card: the result has no rows to show.');
  if (rows.length > 1) notes.push(`render: card shows the first of ${rows.length} rows.`);
  const fields = columns.map((c) => ({ name: c.field.name, text: textEncoder(c.field.type)(rows[0][c.index]) }));
  return { kind: 'card', title, notes, fields };
}
