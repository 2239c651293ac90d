import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../../helpers/cli.js';
import { parseXml, type XmlElement } from '../../helpers/xml.js';

const dir = mkdtempSync(join(tmpdir(), 'kql-chart-'));
const SEED = ['-f', 'fixtures/queries/malicious-clicks-allowed.kql', '-t', 'UrlClickEvents=fixtures/tables/UrlClickEvents.csv', '--now', '2026-07-20T12:00:00Z'];
const PIE = `datatable(User:string, Clicks:long)['rob', 3, 'eve', 1] | render piechart with (title='Top users')`;

function all(el: XmlElement): XmlElement[] {
  return [el, ...el.children.flatMap(all)];
}

async function chartFile(name: string, args = SEED): Promise<Buffer> {
  const path = join(dir, name);
  const run = await cli(['run', ...args, '--chart', path]);
  expect(run).toMatchObject({ code: 0, err: '' });
  return readFileSync(path);
}

describe('kql run --chart', () => {
  it('.svg: well-formed SVG with the title, axis titles, the series line and its legend', async () => {
    const svg = parseXml((await chartFile('seed.svg')).toString('utf8'));
    expect(svg.name).toBe('svg');
    expect(svg.attributes).toMatchObject({ width: '900', height: '450' });
    const texts = all(svg).filter((e) => e.name === 'text').map((e) => e.text);
    expect(texts).toEqual(expect.arrayContaining(['Malicious clicks allowed', 'Timestamp', 'Count', 'Jun 20', 'Jul 18']));
    const lines = all(svg).filter((e) => e.attributes.class?.startsWith('mark-line role-mark'));
    expect(lines).toHaveLength(1);
    // 30 daily points: one path with a move and 29 line segments.
    const d = lines[0].children.find((c) => c.name === 'path')!.attributes.d;
    expect(d.match(/L/g)).toHaveLength(29);
  });

  it('.png: a PNG of 900×450 pixels', async () => {
    const png = await chartFile('seed.png');
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([900, 450]);
  });

  it('.html: the spec and the chart libraries inline, nothing loaded from the network', async () => {
    const html = (await chartFile('seed.html')).toString('utf8');
    expect(html).not.toMatch(/<script[^>]*\bsrc=|<link\b/i);
    expect(html).not.toMatch(/(?:src|href)\s*=\s*["']?https?:/i);
    expect(html).toContain('"title":{"text":"Malicious clicks allowed"');
    expect(html).not.toContain('sourceMappingURL');
    expect(html).toMatch(/vegaLite\.compile\(spec\)/);
    expect(html.length).toBeGreaterThan(500_000);
  });

  it('.vl.json: the Vega-Lite spec with the points of the chart', async () => {
    const spec = JSON.parse((await chartFile('seed.vl.json')).toString('utf8'));
    expect(spec.$schema).toMatch(/vega-lite\/v6\.json$/);
    expect(spec.mark.type).toBe('line');
    expect(spec.encoding.x).toMatchObject({ field: 'x', type: 'temporal', title: 'Timestamp' });
    expect(spec.encoding.y).toMatchObject({ field: 'y', type: 'quantitative', title: 'Count' });
    expect(spec.data.values).toHaveLength(30);
    expect(spec.data.values[0]).toEqual({ x: '2026-06-20T00:00:00.000Z', y: 5, series: 'Count', label: '2026-06-20' });
  });

  it('a piechart spec: arcs sized by the numeric column, coloured by the first', async () => {
    const spec = JSON.parse((await chartFile('pie.vl.json', [PIE])).toString('utf8'));
    expect(spec.title.text).toBe('Top users');
    expect(spec.data.values).toEqual([{ label: 'rob', value: 3, share: 0.75 }, { label: 'eve', value: 1, share: 0.25 }]);
    expect(spec.layer[0].mark.type).toBe('arc');
  });

  it.each([
    [['--chart', join(dir, 'chart.gif')], 2, /--chart '.*chart\.gif': unknown chart file type; use a path ending in \.svg, \.png, \.html, \.vl\.json\./],
    [['--chart', join(dir, 'no.svg'), 'datatable(A:long)[1]'], 2, /the query has no render operator, so there is no chart to write/],
    [['--chart', join(dir, 'table.svg'), 'datatable(A:long)[1] | render table'], 2, /render table\), which has no chart to write/],
    [['--chart', join(dir, 'x.svg'), 'datatable(A:string)["a"] | render timechart'], 1, /render timechart: no datetime column for the x-axis/],
  ])('refuses %j', async (args, code, message) => {
    const run = await cli(['run', ...args]);
    expect(run.code).toBe(code);
    expect(run.err).toMatch(message);
  });

  it('notes on stderr the properties it cannot draw', async () => {
    const run = await cli(['run', 'datatable(X:long, Y:long)[1, 2] | render linechart with (ysplit=panels)', '--chart', join(dir, 'n.vl.json')]);
    expect(run).toMatchObject({ code: 0, err: "note: render: the ysplit property is not supported by kql's charts; ignored.\n" });
  });
});

describe('the terminal chart', () => {
  it('is drawn under the table when stdout is a terminal', async () => {
    const run = await cli(['run', ...SEED], undefined, true);
    expect(run.code).toBe(0);
    const [table, chart] = run.out.split('render: timechart\n');
    expect(table).toContain('1 row');
    expect(chart).toContain('Malicious clicks allowed\n');
    expect(chart).toMatch(/^5 ┤/m);
    expect(chart).toMatch(/^0 ┤/m);
    expect(chart).toMatch(/2026-06-20 +2026-07-19\n/);
    expect(chart).toMatch(/[\u2801-\u28ff]/);
  });

  it('is not drawn when stdout is piped, or for csv', async () => {
    expect((await cli(['run', ...SEED])).out).not.toMatch(/[\u2801-\u28ff]/);
    expect((await cli(['run', ...SEED, '--format', 'csv'], undefined, true)).out).not.toMatch(/[\u2801-\u28ff]/);
  });

  it('a chart it cannot draw is a note, and the run still succeeds', async () => {
    const run = await cli(['run', 'datatable(A:string)["a"] | render timechart'], undefined, true);
    expect(run.code).toBe(0);
    expect(run.err).toBe('note: no chart drawn: render timechart: no datetime column for the x-axis (columns: A:string).\n');
  });
});
