/**
 * `json`: {"tables":[{"name","columns":[{"name","type"}],"rows":[[…]],"visualization"?}]}, the shape of the
 * Log Analytics query API; `visualization` holds `kind` and the render properties side by side.
 */
import type { QueryResult, Visualization } from './result.js';
import { ChunkedOutput, encodedRows, jsonEncoder } from './values.js';

export function writeJson(results: readonly QueryResult[], out: (chunk: string) => void): void {
  const w = new ChunkedOutput(out);
  w.write('{"tables":[');
  results.forEach((result, k) => {
    if (k > 0) w.write(',');
    writeTable(result, w);
  });
  w.write(']}\n');
  w.flush();
}

function writeTable({ name, table, visualization }: QueryResult, w: ChunkedOutput): void {
  const columns = table.schema.map((f) => `{"name":${JSON.stringify(f.name)},"type":"${f.type}"}`);
  w.write(`{"name":${JSON.stringify(name)},"columns":[${columns.join(',')}],"rows":[`);
  let sep = '';
  for (const cells of encodedRows(table, jsonEncoder)) {
    w.write(`${sep}[${cells.join(',')}]`);
    sep = ',';
  }
  w.write(']');
  if (visualization) w.write(`,"visualization":${visualizationJson(visualization)}`);
  w.write('}');
}

/**
 * The visualization as one flat object: `kind` is the chart type; the render property also named
 * `kind` (`render areachart with (kind=stacked)`) is written as `subkind` so neither is lost.
 */
export function visualizationObject({ kind, properties }: Visualization): Record<string, unknown> {
  const rest = Object.entries(properties).map(([key, v]) => [key === 'kind' ? 'subkind' : key, v]);
  return Object.fromEntries([['kind', kind], ...rest]);
}

function visualizationJson(v: Visualization): string {
  return JSON.stringify(visualizationObject(v));
}
