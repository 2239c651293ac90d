/**
 * Geospatial functions. Expected values are the Kusto documentation's examples and the engine's
 * results recorded in /work/shared/conformance/kusto-docs-cases.json (case ids in the comments),
 * or worked out by hand; reals must agree to 1e-9 relative.
 */
import { describe, expect, it } from 'vitest';
import { parseDynJson, type DynValue } from '../../../src/engine/dynamic.js';
import type { JsValue } from '../../../src/engine/column.js';
import type { KqlType } from '../../../src/engine/types.js';
import { call } from './helpers.js';

const dyn = (json: string): DynValue => parseDynJson(json)!;

/** Deep comparison where every number (long or real) must agree to 1e-9 relative. */
function close(actual: unknown, expected: unknown): boolean {
  if (typeof expected === 'number') {
    const a = Number(actual);
    return typeof actual !== 'string' && Math.abs(a - expected) <= 1e-9 * Math.max(Math.abs(expected), 1e-300);
  }
  if (Array.isArray(expected)) {
    return Array.isArray(actual) && actual.length === expected.length && expected.every((x, i) => close(actual[i], x));
  }
  if (expected !== null && typeof expected === 'object') {
    const e = Object.entries(expected);
    return actual instanceof Map && actual.size === e.length && e.every(([k, x]) => close(actual.get(k), x));
  }
  return actual === expected;
}

function expectClose(actual: JsValue, expected: unknown): void {
  if (!close(actual, expected)) expect(actual).toEqual(expected);
}

const point = (lng: number, lat: number) => ({ type: 'Point', coordinates: [lng, lat] });
const R4: KqlType[] = ['real', 'real', 'real', 'real'];

const CENTRAL_PARK = dyn('{"type":"Polygon","coordinates":[[[-73.9495,40.7969],[-73.95807266235352,40.80068603561921],' +
  '[-73.98201942443848,40.76825672305777],[-73.97317886352539,40.76455136505513],[-73.9495,40.7969]]]}');
const TWO_PARKS = dyn('{"type":"MultiPolygon","coordinates":[[[[-73.9495,40.7969],[-73.95807266235352,40.80068603561921],' +
  '[-73.98201942443848,40.76825672305777],[-73.97317886352539,40.76455136505513],[-73.9495,40.7969]]],' +
  '[[[-73.94262313842773,40.775991804565585],[-73.98107528686523,40.791849155467695],[-73.99600982666016,40.77092185281977],' +
  '[-73.96150588989258,40.75609977566361],[-73.94262313842773,40.775991804565585]]]]}');
const DEGENERATE = dyn('{"type":"Polygon","coordinates":[[[0,0],[10,10],[10,10],[0,0]]]}');
const LAS_VEGAS_ROAD = dyn('{"type":"LineString","coordinates":[[-115.115385,36.229195],[-115.136995,36.200366],' +
  '[-115.140252,36.192470],[-115.143558,36.188523],[-115.144076,36.181954],[-115.154662,36.174483],[-115.166431,36.176388],' +
  '[-115.183289,36.175007],[-115.192612,36.176736],[-115.202485,36.173439],[-115.225355,36.174365]]}');
const ONE_POINT_LINE = dyn('{"type":"LineString","coordinates":[[1,1]]}');

describe('H3 cells', () => {
  it.each([
    [[-74.04450446039874, 40.689250859314974, 6n], '862a1072fffffff'], // geo-point-to-h3cell-function-00
    [[-73.956683, 40.807907, 5n], '852a100bfffffff'], // -01
    [[-73.989148, 40.743273, 5n], '852a1073fffffff'],
    [[300, 1, 8n], ''], // -02
    [[1, 1, 16n], ''], // -03
    [[1, 1, null], ''], // -04
  ])('geo_point_to_h3cell(%s) = "%s"', (args, expected) => {
    expect(call('geo_point_to_h3cell', args, ['real', 'real', 'long'])).toBe(expected);
  });
  it.each([
    [['862a1072fffffff'], '852a1073fffffff'], // geo-h3cell-parent-function-00
    [['862a1072fffffff', 1n], '812a3ffffffffff'], // -01
    [['123'], ''], // -04
    [['862a1072fffffff', 100n], ''], // -05
    [['862a1072fffffff', 15n], ''], // -06
  ])('geo_h3cell_parent(%s) = "%s"', (args, expected) => {
    expect(call('geo_h3cell_parent', args, ['string', 'long'].slice(0, args.length) as KqlType[])).toBe(expected);
  });
  it('children, level and rings', () => {
    // geo-h3cell-children-function-00, -03 and the documented count three levels down
    expect(call('geo_h3cell_children', ['862a1072fffffff'], ['string'])).toEqual([
      '872a10728ffffff', '872a10729ffffff', '872a1072affffff', '872a1072bffffff', '872a1072cffffff', '872a1072dffffff',
      '872a1072effffff',
    ]);
    expect((call('geo_h3cell_children', ['862a1072fffffff', 9n], ['string', 'long']) as DynValue[]).length).toBe(343);
    expect(call('geo_h3cell_children', ['abc'], ['string'])).toBe(null);
    expect(call('geo_h3cell_level', ['862a1072fffffff'], ['string'])).toBe(6);
    expect(call('geo_h3cell_level', ['abc'], ['string'])).toBe(null); // geo-h3cell-level-function-02
    // geo-h3cell-rings-function-00 and -05
    expect(call('geo_h3cell_rings', ['861f8894fffffff', 2n], ['string', 'long'])).toEqual([
      ['861f8894fffffff'],
      ['861f88947ffffff', '861f8895fffffff', '861f88867ffffff', '861f8d497ffffff', '861f8d4b7ffffff', '861f8896fffffff'],
      ['861f88967ffffff', '861f88977ffffff', '861f88957ffffff', '861f8882fffffff', '861f88877ffffff', '861f88847ffffff',
        '861f8886fffffff', '861f8d49fffffff', '861f8d487ffffff', '861f8d4a7ffffff', '861f8d59fffffff', '861f8d597ffffff'],
    ]);
    expect(call('geo_h3cell_rings', ['861f8894fffffff', 150n], ['string', 'long'])).toBe(null);
  });
  it('center and polygon', () => {
    // geo-h3cell-to-central-point-function-00 and -02
    expectClose(call('geo_h3cell_to_central_point', ['862a1072fffffff'], ['string']), point(-74.01600847979243, 40.704167908350385));
    expect(call('geo_h3cell_to_central_point', ['1'], ['string'])).toBe(null);
    // geo-h3cell-neighbors-function-02 (its first polygon) and geo-h3cell-to-polygon-function-02
    expectClose(call('geo_h3cell_to_polygon', ['862a1072fffffff'], ['string']), {
      type: 'Polygon',
      coordinates: [[[-74.0022744646159, 40.73537602621501], [-74.04690802968624, 40.72798622248911],
        [-74.06061071222366, 40.69677514034901], [-74.02972440815668, 40.672970047595456],
        [-73.98514098370819, 40.680349049267576], [-73.97139376102862, 40.71154393543933], [-74.0022744646159, 40.73537602621501]]],
    });
    expect(call('geo_h3cell_to_polygon', ['@'], ['string'])).toBe(null);
  });
});

describe('S2 cells', () => {
  it.each([
    [[-80.195829, 25.802215, 8n], '88d9b'], // documentation
    [[10.1234, 53, 8n], '47b1d'],
    [[10.3579, 53, 8n], '47b1d'],
    [[10.6842, 53, 8n], '47ae3'],
    [[-73.956683, 40.807907, 10n], '89c2f7'], // geo-s2cell-to-polygon-function-01, via its polygons
    [[300, 1, 8n], ''], // geo-point-to-s2cell-function-03
    [[1, 1, 35n], ''],
    [[1, 1, null], ''], // -05
  ])('geo_point_to_s2cell(%s) = "%s"', (args, expected) => {
    expect(call('geo_point_to_s2cell', args, ['real', 'real', 'long'])).toBe(expected);
  });
  it('covers a polygon with the cells of one level', () => {
    // geo-polygon-to-s2cells-function-04 and -05 (over the documented limit of 65536 cells)
    const triangle = dyn('{"type":"Polygon","coordinates":[[[0,0],[0,50],[100,50],[0,0]]]}');
    expect((call('geo_polygon_to_s2cells', [triangle, 5n], ['dynamic', 'long']) as DynValue[]).length).toBe(286);
    expect(call('geo_polygon_to_s2cells', [triangle, 30n], ['dynamic', 'long'])).toBe(null);
    expect(call('geo_polygon_to_s2cells', [DEGENERATE, 5n], ['dynamic', 'long'])).toBe(null);
  });
  it('polygon and center', () => {
    // geo-s2cell-to-polygon-function-00 and -02
    expectClose(call('geo_s2cell_to_polygon', ['89c259'], ['string']), {
      type: 'Polygon',
      coordinates: [[[-74.03001224983848, 40.8012684339439], [-74.03001224983848, 40.7222262918358],
        [-73.93598211433742, 40.708880489804564], [-73.93598211433742, 40.78791713450684], [-74.03001224983848, 40.8012684339439]]],
    });
    expect(call('geo_s2cell_to_polygon', ['a'], ['string'])).toBe(null);
    // geo-s2cell-to-central-point-function-00
    expectClose(call('geo_s2cell_to_central_point', ['1234567'], ['string']), point(9.86830731850408, 27.468392925827605));
  });
});

describe('geohash', () => {
  it.each([
    [[139.806115, 35.554128, 12n], 'xn76m27ty9g4'], // documentation
    [[-80.195829, 25.802215, 8n], 'dhwfz15h'], // geo-point-to-geohash-function-01
    [[-122.303404, 47.570482], 'c23n8'], // documentation, default accuracy 5
    [[-122.278156, 47.566936], 'c23n9'],
    [[200, 1, 8n], ''],
    [[1, 1, null], ''], // -04
  ])('geo_point_to_geohash(%s) = "%s"', (args, expected) => {
    expect(call('geo_point_to_geohash', args, ['real', 'real', 'long'].slice(0, args.length) as KqlType[])).toBe(expected);
  });
  it('polygon and center', () => {
    // geo-geohash-to-polygon-function-00
    expectClose(call('geo_geohash_to_polygon', ['dr5ru'], ['string']), {
      type: 'Polygon',
      coordinates: [[[-74.00390625, 40.7373046875], [-73.9599609375, 40.7373046875], [-73.9599609375, 40.78125],
        [-74.00390625, 40.78125], [-74.00390625, 40.7373046875]]],
    });
    // geo-geohash-to-central-point-function-02 (through its Bing URL) and -01
    expectClose(call('geo_geohash_to_central_point', ['sv8wzvy7'], ['string']), point(34.80245590209961, 32.15620994567871));
    expect(call('geo_geohash_to_central_point', ['a'], ['string'])).toBe(null);
  });
});

describe('points on the sphere', () => {
  it('distance, circle, azimuth and angle', () => {
    expectClose(call('geo_distance_2points', [-122.407628, 47.578557, -118.275287, 34.019056], R4), 1546754.35197381); // docs
    expect(call('geo_distance_2points', [300, 1, 1, 1], R4)).toBe(null); // geo-distance-2points-function-03
    const circle: KqlType[] = [...R4, 'real'];
    expect(call('geo_point_in_circle', [-122.143564, 47.535677, -122.100896, 47.527351, 3500], circle)).toBe(true); // docs
    expect(call('geo_point_in_circle', [-122.137575, 47.630683, -122.100896, 47.527351, 3500], circle)).toBe(false);
    expect(call('geo_point_in_circle', [200, 1, 1, 1, 1], circle)).toBe(null);
    expect(call('geo_point_in_circle', [1, 1, 1, 1, -1], circle)).toBe(null);
    expectClose(call('geo_azimuth', [5, 10, 10, -40], R4), 3.054599397964492); // geo-azimuth-function-00
    expect(call('geo_azimuth', [5, 10, 5, 10], R4)).toBe(null); // -03
    const six: KqlType[] = [...R4, 'real', 'real'];
    expectClose(call('geo_angle', [0, 10, 0, 5, 3, -10], six), 2.9449384340688165); // geo-angle-function-00
    expect(call('geo_angle', [0, 10, 0, 10, 3, -10], six)).toBe(null); // -02
  });
});

describe('polygons', () => {
  it('area, perimeter and centroid', () => {
    expectClose(call('geo_polygon_area', [CENTRAL_PARK], ['dynamic']), 3475207.28346606); // geo-polygon-area-function-00
    expect(call('geo_polygon_area', [DEGENERATE], ['dynamic'])).toBe(null); // -03
    expectClose(call('geo_polygon_perimeter', [CENTRAL_PARK], ['dynamic']), 9930.30149604938); // documentation
    expect(call('geo_polygon_perimeter', [DEGENERATE], ['dynamic'])).toBe(null);
    // geo-polygon-centroid-function-00
    expectClose(call('geo_polygon_centroid', [CENTRAL_PARK], ['dynamic']), point(-73.96573568990762, 40.78255053805781));
  });
  it('refuses the union of overlapping MultiPolygon members', () => {
    // The engine measures the union (geo-polygon-area-function-01: 10889971.534347963), not the sum.
    expect(() => call('geo_polygon_area', [TWO_PARKS], ['dynamic'])).toThrow(/Not supported: geo_polygon_area\(\)/);
  });
  it('point in polygon: holes, invalid points and rings', () => {
    const withHole = dyn('{"type":"Polygon","coordinates":[[[0,0],[10,0],[10,10],[0,10],[0,0]],[[4,4],[6,4],[6,6],[4,6],[4,4]]]}');
    const types: KqlType[] = ['real', 'real', 'dynamic'];
    expect(call('geo_point_in_polygon', [2, 2, withHole], types)).toBe(true);
    expect(call('geo_point_in_polygon', [5, 5, withHole], types)).toBe(false);
    expect(call('geo_point_in_polygon', [20, 20, withHole], types)).toBe(false);
    const triangle = dyn('{"type":"Polygon","coordinates":[[[0,0],[10,10],[10,1],[0,0]]]}');
    expect(call('geo_point_in_polygon', [200, 1, triangle], types)).toBe(null); // geo-point-in-polygon-function-05
    expect(call('geo_point_in_polygon', [1, 1, DEGENERATE], types)).toBe(null); // -06
    // The centroid of a convex member is inside the MultiPolygon.
    expect(call('geo_point_in_polygon', [-73.96573568990762, 40.78255053805781, TWO_PARKS], types)).toBe(true);
  });
  it('closest point and intersection test', () => {
    // geo-closest-point-on-polygon-function-00; a point inside is its own closest point (documented)
    expectClose(call('geo_closest_point_on_polygon', [-73.9839, 40.7705, CENTRAL_PARK], ['real', 'real', 'dynamic']),
      point(-73.98120558015391, 40.76935945284321));
    expectClose(call('geo_closest_point_on_polygon', [-73.9658, 40.7825, CENTRAL_PARK], ['real', 'real', 'dynamic']),
      point(-73.9658, 40.7825));
    // documentation: distance to the polygon, 0 inside
    expectClose(call('geo_distance_point_to_polygon', [-73.9839, 40.7705, CENTRAL_PARK], ['real', 'real', 'dynamic']),
      259.940756070596);
    expect(call('geo_distance_point_to_polygon', [-73.9658, 40.7825, CENTRAL_PARK], ['real', 'real', 'dynamic'])).toBe(0);
    expect(call('geo_distance_point_to_polygon', [1, 1, DEGENERATE], ['real', 'real', 'dynamic'])).toBe(null);
    // geo-intersects-2polygons-function-00 and -02
    const a = dyn('{"type":"Polygon","coordinates":[[[-73.9630937576294,40.77498840732385],[-73.963565826416,40.774383111780914],' +
      '[-73.96205306053162,40.773745311181585],[-73.96160781383514,40.7743912365898],[-73.9630937576294,40.77498840732385]]]}');
    const b = dyn('{"type":"Polygon","coordinates":[[[-73.96213352680206,40.775045280447145],[-73.9631313085556,40.774578106920345],' +
      '[-73.96207988262177,40.77416780398293],[-73.96213352680206,40.775045280447145]]]}');
    expect(call('geo_intersects_2polygons', [a, b], ['dynamic', 'dynamic'])).toBe(true);
    expect(call('geo_intersects_2polygons', [dyn('{"type":"Polygon"}'), CENTRAL_PARK], ['dynamic', 'dynamic'])).toBe(null);
  });
});

describe('lines', () => {
  const PARK_PATH = dyn('{"type":"LineString","coordinates":[[-73.95807266235352,40.800426144169315],' +
    '[-73.94966125488281,40.79691751000055],[-73.97317886352539,40.764486356930334],[-73.98210525512695,40.76786669510221],' +
    '[-73.96004676818848,40.7980870753293]]}');
  const SHORT = dyn('{"type":"LineString","coordinates":[[-73.95796, 40.80042], [-73.97317, 40.764486]]}');
  it('distance and closest point', () => {
    const types: KqlType[] = ['real', 'real', 'dynamic'];
    // geo-distance-point-to-line-function-00, -04, -05
    expectClose(call('geo_distance_point_to_line', [-115.199625, 36.210419, LAS_VEGAS_ROAD], types), 3797.8888725332145);
    expect(call('geo_distance_point_to_line', [1, 1, dyn('{"type":"LineString"}')], types)).toBe(null);
    expect(call('geo_distance_point_to_line', [300, 3, dyn('{"type":"LineString","coordinates":[[1,1],[2,2]]}')], types)).toBe(null);
    // geo-closest-point-on-line-function-00
    expectClose(call('geo_closest_point_on_line', [-115.199625, 36.210419, LAS_VEGAS_ROAD], types),
      point(-115.19261200000001, 36.176736));
  });
  it('interpolate and locate', () => {
    // documentation (0.25) and geo-line-interpolate-point-function-02, -03
    expectClose(call('geo_line_interpolate_point', [SHORT, 0.25], ['dynamic', 'real']),
      point(-73.961764043218281, 40.791436687257232));
    expectClose(call('geo_line_interpolate_point', [PARK_PATH, 0.9], ['dynamic', 'real']),
      point(-73.96556545832799, 40.79052937973534));
    expect(call('geo_line_interpolate_point', [ONE_POINT_LINE, 0.5], ['dynamic', 'real'])).toBe(null);
    // geo-line-locate-point-function-00, -01
    expectClose(call('geo_line_locate_point', [SHORT, -73.965, 40.792], ['dynamic', 'real', 'real']), 0.2556013510030755);
    expect(call('geo_line_locate_point', [ONE_POINT_LINE, 1, 1], ['dynamic', 'real', 'real'])).toBe(null);
  });
  it('length and centroid (documentation)', () => {
    const threePoints = dyn('{"type":"LineString","coordinates":[[-73.95807266235352,40.800426144169315],' +
      '[-73.94966125488281,40.79691751000055],[-73.97317886352539,40.764486356930334]]}');
    const two = dyn('{"type":"MultiLineString","coordinates":[[[-73.95798683166502,40.800556090021466],[-73.98193359375,40.76819171855746]],' +
      '[[-73.94940376281738,40.79691751000055],[-73.97317886352539,40.76435634049001]]]}');
    expectClose(call('geo_line_length', [threePoints], ['dynamic']), 4922.48016992081);
    expectClose(call('geo_line_length', [two], ['dynamic']), 8262.24339753741);
    expect(call('geo_line_length', [ONE_POINT_LINE], ['dynamic'])).toBe(null);
    expectClose(call('geo_line_centroid', [SHORT], ['dynamic']), point(-73.965567057230942, 40.782453249627416));
    expectClose((call('geo_line_centroid', [PARK_PATH], ['dynamic']) as Map<string, DynValue[]>).get('coordinates')![0], -73.9660675626837);
    expect(call('geo_line_centroid', [ONE_POINT_LINE], ['dynamic'])).toBe(null); // geo-line-centroid-function-03
  });
  it('intersects', () => {
    const l1 = dyn('{"type":"LineString","coordinates":[[-73.978929,40.785155],[-73.980903,40.782621]]}');
    const l2 = dyn('{"type":"LineString","coordinates":[[-73.985195,40.788275],[-73.974552,40.779761]]}');
    const types: KqlType[] = ['dynamic', 'dynamic'];
    expect(call('geo_intersects_2lines', [l1, l2], types)).toBe(true); // geo-intersects-2lines-function-00
    expect(call('geo_intersects_2lines', [l1, ONE_POINT_LINE], types)).toBe(null); // -02
    expect(call('geo_intersects_2lines', [l1, CENTRAL_PARK], types)).toBe(null); // geo-intersects-line-with-polygon-function-03
    // documentation (geo_intersects_line_with_polygon); a line far away does not meet it
    const park = dyn('{"type":"Polygon","coordinates":[[[-73.9712905883789,40.78580561168767],[-73.98004531860352,40.775276834803655],' +
      '[-73.97000312805176,40.77852663535664],[-73.9712905883789,40.78580561168767]]]}');
    expect(call('geo_intersects_line_with_polygon', [l2, park], types)).toBe(true);
    expect(call('geo_intersects_line_with_polygon', [dyn('{"type":"LineString","coordinates":[[1,1],[2,2]]}'), park], types)).toBe(false);
    expect(call('geo_intersects_line_with_polygon', [ONE_POINT_LINE, park], types)).toBe(null);
    const far = dyn('{"type":"LineString","coordinates":[[3,3],[4,4]]}');
    expect(call('geo_intersects_2lines', [dyn('{"type":"LineString","coordinates":[[1,1],[2,2]]}'), far], types)).toBe(false);
  });
});

describe('geo_from_wkt (documentation)', () => {
  it.each([
    ['POINT (1 2)', '{"type":"Point","coordinates":[1.0,2.0]}'],
    ['LINESTRING (1 2, 3 4)', '{"type":"LineString","coordinates":[[1.0,2.0],[3.0,4.0]]}'],
    ['POLYGON ((0 0, 2 0, 2 2, 0 0))', '{"type":"Polygon","coordinates":[[[0.0,0.0],[2.0,0.0],[2.0,2.0],[0.0,0.0]]]}'],
    ['MULTIPOINT (1 1, 2 2, 3 3)', '{"type":"MultiPoint","coordinates":[[1.0,1.0],[2.0,2.0],[3.0,3.0]]}'],
    ['MULTILINESTRING ((1 1, 2 2, 3 3), (4 4, 5 5))',
      '{"type":"MultiLineString","coordinates":[[[1.0,1.0],[2.0,2.0],[3.0,3.0]],[[4.0,4.0],[5.0,5.0]]]}'],
    ['MULTIPOLYGON (((0 0, 2 0, 2 2, 0 0)),((10 10, 12 10, 12 12, 10 10)))',
      '{"type":"MultiPolygon","coordinates":[[[[0.0,0.0],[2.0,0.0],[2.0,2.0],[0.0,0.0]]],[[[10.0,10.0],[12.0,10.0],[12.0,12.0],[10.0,10.0]]]]}'],
    ['GEOMETRYCOLLECTION (POINT (1 1),LINESTRING (2 2, 3 3, 4 4),POLYGON ((10 10, 12 10, 12 12, 10 10)))',
      '{"type":"GeometryCollection","geometries":[{"type":"Point","coordinates":[1.0,1.0]},' +
      '{"type":"LineString","coordinates":[[2.0,2.0],[3.0,3.0],[4.0,4.0]]},' +
      '{"type":"Polygon","coordinates":[[[10.0,10.0],[12.0,10.0],[12.0,12.0],[10.0,10.0]]]}]}'],
  ])('%s', (wkt, json) => {
    expect(call('geo_from_wkt', [wkt], ['string'])).toEqual(dyn(json));
  });
  it('gives null for invalid text', () => {
    expect(call('geo_from_wkt', ['LINESTRING'], ['string'])).toBe(null);
  });
});
