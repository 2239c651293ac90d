/**
 * Chart files: the Vega-Lite spec (.vl.json), SVG rendered by Vega on the server, PNG from that SVG via
 * resvg, and a self-contained HTML page. The chart libraries load only when a chart file is asked for.
 */
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { UsageError } from '../../engine/errors.js';
import type { Chart } from './model.js';
import { vegaLiteSpec, type VegaLiteSpec } from './vega.js';

export const CHART_FORMATS = ['svg', 'png', 'html', 'vl.json'] as const;
export type ChartFormat = (typeof CHART_FORMATS)[number];

const FONT_DIR = '/usr/share/fonts/truetype/dejavu';
const FONT_FILES = ['DejaVuSans.ttf', 'DejaVuSans-Bold.ttf'].map((f) => `${FONT_DIR}/${f}`);

/** The format a `--chart` path asks for, from its extension. */
export function chartFormatOf(path: string): ChartFormat {
  const format = CHART_FORMATS.find((f) => path.toLowerCase().endsWith(`.${f}`));
  if (!format) {
    throw new UsageError(`--chart '${path}': unknown chart file type; use a path ending in ${CHART_FORMATS.map((f) => `.${f}`).join(', ')}.`);
  }
  return format;
}

export async function writeChartFile(path: string, chart: Chart): Promise<void> {
  const spec = vegaLiteSpec(chart);
  const content = await chartFileContent(chartFormatOf(path), spec);
  try {
    await writeFile(path, content);
  } catch (e) {
    throw new UsageError(`--chart: cannot write '${path}' (${(e as NodeJS.ErrnoException).code}).`);
  }
}

async function chartFileContent(format: ChartFormat, spec: VegaLiteSpec): Promise<string | Uint8Array> {
  switch (format) {
    case 'vl.json':
      return JSON.stringify(spec, null, 2) + '\n';
    case 'svg':
      return svgOf(spec);
    case 'png':
      return pngOf(await svgOf(spec));
    case 'html':
      return htmlOf(spec);
  }
}

export async function svgOf(spec: VegaLiteSpec): Promise<string> {
  const [vega, vegaLite] = await Promise.all([import('vega'), import('vega-lite')]);
  const view = new vega.View(vega.parse(vegaLite.compile(spec as never).spec), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

async function pngOf(svg: string): Promise<Uint8Array> {
  const { Resvg } = await import('@resvg/resvg-js');
  // The DejaVu fonts when the system has them (the chart's font), else whatever fonts it has.
  const bundled = FONT_FILES.every((f) => existsSync(f));
  const resvg = new Resvg(svg, {
    background: 'white',
    font: bundled
      ? { fontFiles: FONT_FILES, loadSystemFonts: false, defaultFontFamily: 'DejaVu Sans' }
      : { loadSystemFonts: true },
  });
  return resvg.render().asPng();
}

/** A page that draws the chart with inlined Vega and Vega-Lite: it needs no network. */
async function htmlOf(spec: VegaLiteSpec): Promise<string> {
  const require = createRequire(import.meta.url);
  // Both packages keep their browser bundle next to their entry file, which is all their exports map allows to resolve.
  // Their source-map comments are dropped: a browser's developer tools would try to fetch the maps.
  const bundle = async (pkg: string, file: string) =>
    (await readFile(join(dirname(require.resolve(pkg)), file), 'utf8')).replace(/\/\/# sourceMappingURL=\S*/g, '');
  const [vega, vegaLite] = await Promise.all([bundle('vega', 'vega.min.js'), bundle('vega-lite', 'vega-lite.min.js')]);
  const title = typeof spec.title === 'object' && spec.title ? String((spec.title as { text: string }).text) : 'kql chart';
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>${escapeHtml(title)}</title>
<style>body { margin: 24px; background: #fff; font-family: 'DejaVu Sans', Helvetica, Arial, sans-serif; }</style>
</head>
<body>
<div id="chart"></div>
<script>${inlineScript(vega)}</script>
<script>${inlineScript(vegaLite)}</script>
<script>
const spec = ${inlineScript(JSON.stringify(spec))};
new vega.View(vega.parse(vegaLite.compile(spec).spec), { renderer: 'svg', container: '#chart', hover: true }).runAsync();
</script>
</body>
</html>
`;
}

/** Text safe inside a <script> element. */
function inlineScript(code: string): string {
  return code.replace(/<\/(script)/gi, '<\\/$1').replace(/<!--/g, '<\\!--');
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
}
