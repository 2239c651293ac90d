/**
 * Documented KQL functions the engine does not implement are refused by name, never reported as unknown
 * (src/engine/functions/kql-catalog.ts, `refuseKnownFunction` in src/engine/bind.ts):
 * `Not supported: the function 'x'.` (a NotSupportedError at the function's name); environment functions add the
 * reason in parentheses; aggregates say "the aggregate function". A name that is not KQL stays an unknown function.
 * The functions below are geospatial / signal-processing ones that stay unimplemented.
 */
import { describe, expect, it } from 'vitest';
import { queryError, table } from '../helpers/table.js';

const T = table({ x: { type: 'real', values: [1.5] } });

describe('refusing documented but unimplemented functions', () => {
  it.each([
    ['print d = geo_point_buffer(1.0, 2.0, 3.0)', 'geo_point_buffer'],
    ['print f = series_fir(dynamic([1, 2]), dynamic([1]))', 'series_fir'],
    ['T | extend c = geo_h3cell_neighbors(tostring(x))', 'geo_h3cell_neighbors'],
    ['T | where isnull(geo_polygon_simplify(dynamic(null), x))', 'geo_polygon_simplify'],
  ])('%s', async (q, name) => {
    const e = await queryError(q, { T });
    expect(e).toMatchObject({ name: 'NotSupportedError', message: `Not supported: the function '${name}'.`, spanText: name });
  });

  it('an environment function names its reason', async () => {
    const e = await queryError('print current_cluster_endpoint()');
    expect(e.name).toBe('NotSupportedError');
    expect(e.message).toMatch(/^Not supported: the function 'current_cluster_endpoint' \(.+\)\.$/);
    expect(e.spanText).toBe('current_cluster_endpoint');
  });

  it('an unimplemented aggregate in summarize', async () => {
    const e = await queryError('T | summarize percentilesw(x, x, 50)', { T });
    expect(e).toMatchObject({ name: 'NotSupportedError', message: "Not supported: the aggregate function 'percentilesw'.", spanText: 'percentilesw' });
  });

  it('a name that is not KQL is an unknown function, a semantic error', async () => {
    const e = await queryError('print nosuchfn(1)');
    expect(e).toMatchObject({ name: 'SemanticError', message: "Unknown function 'nosuchfn'.", spanText: 'nosuchfn' });
  });
});
