/** A chart as a Vega-Lite spec: one look for every output file (SVG, PNG, HTML, the spec itself). */
import { UsageError } from '../../engine/errors.js';
import type { CardChart, Chart, PieChart, XyChart } from './model.js';
import { timeLabels } from './time-labels.js';

export type VegaLiteSpec = Record<string, unknown>;

export const CHART_WIDTH = 900;
export const CHART_HEIGHT = 450;
/** DejaVu is what the PNG renderer loads; the others serve browsers that lack it. */
const FONT = 'DejaVu Sans, Helvetica, Arial, sans-serif';

export function vegaLiteSpec(chart: Chart): VegaLiteSpec {
  const base: VegaLiteSpec = {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    width: CHART_WIDTH,
    height: CHART_HEIGHT,
    autosize: { type: 'fit', contains: 'padding' },
    padding: 20,
    background: 'white',
    ...(chart.title ? { title: { text: chart.title, anchor: 'start', fontSize: 18, fontWeight: 'bold', offset: 14 } } : {}),
    config: {
      font: FONT,
      view: { stroke: null },
      axis: { labelFontSize: 12, titleFontSize: 13, titleFontWeight: 'normal', titlePadding: 10, gridColor: '#e5e5e5', domainColor: '#888', tickColor: '#888' },
      legend: { labelFontSize: 12, titleFontSize: 12, symbolSize: 120, labelLimit: 300 },
      range: { category: { scheme: 'tableau10' } },
    },
  };
  switch (chart.kind) {
    case 'table':
      throw new UsageError('--chart: the query renders a table (render table), which has no chart to write.');
    case 'card':
      return { ...base, ...cardSpec(chart) };
    case 'piechart':
      return { ...base, ...pieSpec(chart) };
    default:
      return { ...base, ...xySpec(chart) };
  }
}

function xySpec(chart: XyChart): VegaLiteSpec {
  const bars = chart.kind === 'columnchart' || chart.kind === 'barchart';
  const labels = chart.xType === 'time' ? timeLabels(chart.series.flatMap((s) => s.points.map((p) => p.x as number))) : undefined;
  const values = chart.series.flatMap((s) => s.points.map((p) => ({
    // Bars stand on category bands, so their time x values become labels; lines keep a time scale.
    x: chart.xType === 'time' ? (bars ? labels!.format(p.x as number) : new Date(p.x as number).toISOString()) : p.x,
    y: p.y,
    series: s.name,
    // For tooltips: the x value as the terminal and tables write it.
    label: labels ? labels.format(p.x as number) : p.x,
  })));
  const many = chart.series.length > 1;
  // Whole-number data (counts, mostly) gets whole-number ticks.
  const counts = values.every((v) => v.y === null || Number.isInteger(v.y));
  const stack = chart.stack === 'stacked' ? 'zero' : chart.stack === 'stacked100' ? 'normalize' : null;
  const y = {
    field: 'y', type: 'quantitative', title: chart.yTitle || null, stack,
    scale: {
      ...(chart.yLog ? { type: 'log' } : {}),
      ...(chart.yMin !== undefined ? { domainMin: chart.yMin } : {}),
      ...(chart.yMax !== undefined ? { domainMax: chart.yMax } : {}),
    },
    ...(chart.stack === 'stacked100' ? { axis: { format: '%' } } : counts ? { axis: { format: ',d', tickMinStep: 1 } } : {}),
  };
  const x = bars || chart.xType === 'category'
    ? { field: 'x', type: 'nominal', title: chart.xTitle, sort: null, axis: { labelAngle: bars && chart.kind === 'columnchart' && values.length > 12 ? -45 : 0, labelLimit: 200 } }
    : chart.xType === 'time'
      ? { field: 'x', type: 'temporal', title: chart.xTitle, scale: { type: 'utc' }, axis: { format: labels!.axisFormat, labelOverlap: true, tickCount: 10 } }
      : { field: 'x', type: 'quantitative', title: chart.xTitle, scale: chart.xLog ? { type: 'log' } : { zero: false } };
  const color = { field: 'series', type: 'nominal', title: null, sort: null, legend: chart.legend ? { orient: 'bottom', direction: 'horizontal' } : null };
  const tooltip = [
    { field: 'series', type: 'nominal', title: 'series' },
    { field: 'label', title: chart.xTitle },
    { field: 'y', type: 'quantitative', title: chart.yTitle || 'value' },
  ];
  const encoding: VegaLiteSpec = chart.kind === 'barchart'
    ? { y: { ...x, title: chart.xTitle }, x: y, color, tooltip, ...(many && !stack ? { yOffset: { field: 'series', sort: null } } : {}) }
    : { x, y, color, tooltip, ...(bars && many && !stack ? { xOffset: { field: 'series', sort: null } } : {}) };
  return { data: { values }, mark: markOf(chart, values.length), encoding };
}

function markOf(chart: XyChart, count: number): VegaLiteSpec {
  switch (chart.kind) {
    case 'timechart':
    case 'linechart':
      return { type: 'line', strokeWidth: 2, point: count <= 60 * chart.series.length ? { size: 30 } : false };
    case 'areachart':
    case 'stackedareachart':
      return { type: 'area', opacity: chart.stack === 'none' ? 0.45 : 0.85, line: { strokeWidth: 1.5 } };
    case 'scatterchart':
      return { type: 'point', filled: true, size: 60 };
    case 'columnchart':
    case 'barchart':
      return { type: 'bar' };
  }
}

function pieSpec(chart: PieChart): VegaLiteSpec {
  const total = chart.slices.reduce((sum, s) => sum + s.value, 0);
  const values = chart.slices.map((s) => ({ label: s.label, value: s.value, share: total > 0 ? s.value / total : 0 }));
  return {
    data: { values },
    encoding: {
      theta: { field: 'value', type: 'quantitative', stack: true },
      color: { field: 'label', type: 'nominal', title: null, sort: null, legend: chart.legend ? { orient: 'right' } : null },
      order: { field: 'value', type: 'quantitative', sort: 'descending' },
      tooltip: [{ field: 'label', title: 'label' }, { field: 'value', title: 'value' }, { field: 'share', format: '.1%', title: 'share' }],
    },
    layer: [
      { mark: { type: 'arc', outerRadius: 170, stroke: 'white', strokeWidth: 1.5 } },
      { mark: { type: 'text', radius: 195, fontSize: 12 }, encoding: { text: { field: 'share', type: 'quantitative', format: '.1%' }, color: { value: '#333' } } },
    ],
  };
}

function cardSpec(chart: CardChart): VegaLiteSpec {
  return {
    data: { values: chart.fields },
    encoding: { x: { field: 'name', type: 'nominal', sort: null, axis: null } },
    layer: [
      { mark: { type: 'text', fontSize: 40, fontWeight: 'bold', y: CHART_HEIGHT / 2 - 30 }, encoding: { text: { field: 'text' } } },
      { mark: { type: 'text', fontSize: 15, color: '#555', y: CHART_HEIGHT / 2 + 20 }, encoding: { text: { field: 'name' } } },
    ],
  };
}
