import { describe, expect, it } from 'vitest';
import { buildChart, type Chart, type XyChart } from '../../../src/cli/chart/model.js';
import { runQuery } from '../../../src/index.js';

async function chartOf(query: string, title?: string): Promise<Chart> {
  const [result] = await runQuery(query);
  return buildChart(result, title);
}

async function xyOf(query: string): Promise<XyChart> {
  return (await chartOf(query)) as XyChart;
}

const DAY1 = Date.UTC(2024, 0, 1);
const DAY2 = Date.UTC(2024, 0, 2);
const DAY3 = Date.UTC(2024, 0, 3);

const SUMMARY = `datatable(T:datetime, Action:string, N:long, Ratio:real)[
  datetime(2024-01-02), 'Blocked', 4, 0.5,
  datetime(2024-01-01), 'Allowed', 2, 0.25,
  datetime(2024-01-01), 'Blocked', 1, 1.0,
  datetime(2024-01-03), 'Allowed', 5, 2.0]`;

describe('x, y and series columns', () => {
  it('make-series arrays: each row × each y array is a series, named by the string columns', async () => {
    const chart = await xyOf(`datatable(Count:dynamic, Total:dynamic, Timestamp:dynamic, App:string)[
      dynamic([1, 0, 3]), dynamic([2, 2, 2]), dynamic(["2024-01-01T00:00:00.0000000Z", "2024-01-02T00:00:00.0000000Z", "2024-01-03T00:00:00.0000000Z"]), 'Teams',
      dynamic([5, 6, 7]), dynamic([1, 1, 1]), dynamic(["2024-01-01T00:00:00.0000000Z", "2024-01-02T00:00:00.0000000Z", "2024-01-03T00:00:00.0000000Z"]), 'Outlook']
      | render timechart`);
    expect(chart.xType).toBe('time');
    expect(chart.xTitle).toBe('Timestamp');
    expect(chart.yTitle).toBe('');
    expect(chart.series).toEqual([
      { name: 'Teams:Count', points: [{ x: DAY1, y: 1 }, { x: DAY2, y: 0 }, { x: DAY3, y: 3 }] },
      { name: 'Teams:Total', points: [{ x: DAY1, y: 2 }, { x: DAY2, y: 2 }, { x: DAY3, y: 2 }] },
      { name: 'Outlook:Count', points: [{ x: DAY1, y: 5 }, { x: DAY2, y: 6 }, { x: DAY3, y: 7 }] },
      { name: 'Outlook:Total', points: [{ x: DAY1, y: 1 }, { x: DAY2, y: 1 }, { x: DAY3, y: 1 }] },
    ]);
  });

  it('one make-series array and no string column: the series is the y column', async () => {
    const chart = await xyOf(`datatable(Count:dynamic, Timestamp:dynamic)[
      dynamic([5, 0]), dynamic(["2024-01-01T00:00:00.0000000Z", "2024-01-02T00:00:00.0000000Z"])] | render timechart`);
    expect(chart.series).toEqual([{ name: 'Count', points: [{ x: DAY1, y: 5 }, { x: DAY2, y: 0 }] }]);
    expect(chart.yTitle).toBe('Count');
  });

  it('timechart over rows: x is the first datetime column, points sorted by time, the string column splits series', async () => {
    const chart = await xyOf(`${SUMMARY} | project Action, T, N | render timechart`);
    expect(chart.xTitle).toBe('T');
    expect(chart.series).toEqual([
      { name: 'Blocked', points: [{ x: DAY1, y: 1 }, { x: DAY2, y: 4 }] },
      { name: 'Allowed', points: [{ x: DAY1, y: 2 }, { x: DAY3, y: 5 }] },
    ]);
  });

  it('several numeric columns and a series column: one series per value and column', async () => {
    const chart = await xyOf(`${SUMMARY} | where Action == 'Allowed' | render linechart`);
    expect(chart.series.map((s) => s.name)).toEqual(['Allowed:N', 'Allowed:Ratio']);
    expect(chart.series[1].points).toEqual([{ x: DAY1, y: 0.25 }, { x: DAY3, y: 2 }]);
  });

  it('xcolumn, ycolumns and series choose the columns', async () => {
    const chart = await xyOf(`${SUMMARY} | render scatterchart with (xcolumn=N, ycolumns=Ratio, series=Action)`);
    expect(chart.xType).toBe('number');
    expect(chart.series).toEqual([
      { name: 'Blocked', points: [{ x: 1, y: 1 }, { x: 4, y: 0.5 }] },
      { name: 'Allowed', points: [{ x: 2, y: 0.25 }, { x: 5, y: 2 }] },
    ]);
    expect(chart.notes).toEqual(['render: the column T (datetime) is not the x-axis, a y column or a series; not drawn.']);
  });

  it('columnchart: the first column is the x category, kept in row order', async () => {
    const chart = await xyOf(`datatable(Workload:string, Clicks:long)['Teams', 3, 'Email', 7, 'Office', 1]
      | render columnchart with (kind=stacked, title='Clicks', xtitle='Where', ytitle='How many')`);
    expect(chart).toMatchObject({
      kind: 'columnchart', xType: 'category', stack: 'stacked', title: 'Clicks', xTitle: 'Where', yTitle: 'How many',
      series: [{ name: 'Clicks', points: [{ x: 'Teams', y: 3 }, { x: 'Email', y: 7 }, { x: 'Office', y: 1 }] }],
    });
  });

  it.each([
    ['areachart', 'default', 'none'],
    ['areachart', 'stacked100', 'stacked100'],
    ['barchart', 'unstacked', 'none'],
    ['stackedareachart', undefined, 'stacked'],
    ['linechart', undefined, 'none'],
  ])('%s with kind=%s stacks as %s', async (kind, sub, stack) => {
    const chart = await xyOf(`datatable(X:long, Y:long)[1, 2] | render ${kind}${sub ? ` with (kind=${sub})` : ''}`);
    expect(chart.stack).toBe(stack);
  });

  it('accumulate, ymin, ymax, legend and yaxis are honoured', async () => {
    const chart = await xyOf(`datatable(X:long, Y:long)[3, 10, 1, 5, 2, long(null), 4, 1]
      | render linechart with (accumulate=true, ymin=0, ymax=20, legend=hidden, yaxis=log)`);
    expect(chart.series[0].points).toEqual([{ x: 1, y: 5 }, { x: 2, y: null }, { x: 3, y: 15 }, { x: 4, y: 16 }]);
    expect(chart).toMatchObject({ yMin: 0, yMax: 20, legend: false, yLog: true, xLog: false, notes: [] });
  });

  it('properties that are not drawn are reported, not dropped', async () => {
    const chart = await xyOf(`datatable(X:long, Y:long)[1, 2] | render linechart with (kind=stacked, ysplit=panels)`);
    expect(chart.notes).toEqual([
      'render: kind=stacked does not apply to linechart; ignored.',
      'render: the ysplit property is not supported by kql\'s charts; ignored.',
    ]);
  });
});

describe('piechart and card', () => {
  it('piechart: the first column labels the slices, the first numeric column sizes them', async () => {
    const chart = await chartOf(`datatable(User:string, Clicks:long, Extra:real)['a', 3, 1.0, 'b', 1, 2.0, 'c', -2, 0.0]
      | render piechart with (title='Top users')`);
    expect(chart).toEqual({
      kind: 'piechart', title: 'Top users', legend: true,
      slices: [{ label: 'a', value: 3 }, { label: 'b', value: 1 }],
      notes: ['render: the column Extra (real) is not drawn by piechart.', 'render: 1 row(s) with an empty or negative Clicks have no slice.'],
    });
  });

  it('card: the first record, each value under its column name', async () => {
    const chart = await chartOf(`datatable(Total:long, Since:datetime)[42, datetime(2024-01-01), 7, datetime(2024-02-01)] | render card`, 'Default title');
    expect(chart).toEqual({
      kind: 'card', title: 'Default title',
      fields: [{ name: 'Total', text: '42' }, { name: 'Since', text: '2024-01-01T00:00:00Z' }],
      notes: ['render: card shows the first of 2 rows.'],
    });
  });
});

describe('refusals', () => {
  it.each([
    ['datatable(A:string, N:long)["x", 1] | render timechart', 'render timechart: no datetime column for the x-axis (columns: A:string, N:long).'],
    ['datatable(T:datetime, A:string)[datetime(2024-01-01), "x"] | render timechart', 'render timechart: no numeric column for the y-axis (columns: T:datetime, A:string).'],
    ['datatable(X:long, Y:long)[1, 2] | render linechart with (xcolumn=Z)', "render: xcolumn names 'Z', which is not a column of the result (columns: X, Y)."],
    ['datatable(X:long, Y:string)[1, "a"] | render linechart with (ycolumns=Y)', "render linechart: the y column 'Y' is string, not numeric."],
    ['datatable(X:real, Y:real)[1.0, 2.0] | render scatterchart with (kind=map)', 'Not supported: render scatterchart with (kind=map) (geospatial charts).'],
    ['datatable(X:long, Y:long)[1, 2] | render treemap', 'Not supported: render treemap as a chart. Charts are drawn for timechart, linechart, areachart, stackedareachart, columnchart, barchart, piechart, scatterchart, card, table.'],
    ['datatable(X:long, Y:long)[1, 2]', 'the query has no render operator, so there is no chart to draw.'],
  ])('%s', async (query, message) => {
    await expect(chartOf(query)).rejects.toThrow(message);
  });
});
