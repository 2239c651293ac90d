/**
 * Geospatial functions on points, lines and polygons. Kusto measures on a sphere (S2 geometry, edges are
 * geodesics) of radius 6,371,010 m: that radius reproduces the documented distances and areas to
 * the last digits. Invalid coordinates or shapes give null, as documented.
 *
 * Functions whose results need S2's boolean operations (unions of overlapping polygons, buffers,
 * simplification, intersections) are not registered; the measures of a MultiPolygon or
 * MultiLineString (area, perimeter, length, centroid) refuse members that meet, since Kusto
 * measures their union.
 */
import { isBag, type DynBag, type DynValue } from '../dynamic.js';
import { NotSupportedError } from '../errors.js';
import { fn } from './define.js';
import { s2 } from './geo-libs.js';
import { geoPoint, validLatitude, validLongitude } from './geo-cells.js';
import { fromWkt } from './geo-wkt.js';
import { sig, type ScalarFunction } from './signature.js';

type S2Point = InstanceType<ReturnType<typeof s2>['Point']>;
type S2Polygon = InstanceType<ReturnType<typeof s2>['Polygon']>;
type S2Polyline = InstanceType<ReturnType<typeof s2>['Polyline']>;

const EARTH_RADIUS = 6_371_010;
const DEGREE = Math.PI / 180;
const TWO_PI = 2 * Math.PI;

function validPoint(lng: number, lat: number): boolean {
  return validLongitude(lng) && validLatitude(lat);
}

function toS2(lng: number, lat: number): S2Point {
  return s2().Point.fromLatLng(s2().LatLng.fromDegrees(lat, lng));
}

function isAntipodal(a: S2Point, b: S2Point): boolean {
  return a.x === -b.x && a.y === -b.y && a.z === -b.z;
}

function pointEquals(a: S2Point, b: S2Point): boolean {
  return a.x === b.x && a.y === b.y && a.z === b.z;
}

function distance2Points(lng1: number, lat1: number, lng2: number, lat2: number): number | null {
  if (!validPoint(lng1, lat1) || !validPoint(lng2, lat2)) return null;
  return toS2(lng1, lat1).distance(toS2(lng2, lat2)) * EARTH_RADIUS;
}

function pointInCircle(lng: number, lat: number, cLng: number, cLat: number, radius: number): boolean | null {
  const d = distance2Points(lng, lat, cLng, cLat);
  // The documentation asks for a positive radius.
  if (d === null || !(radius > 0)) return null;
  return d <= radius;
}

/** Initial bearing of the geodesic from 1 to 2, clockwise from north, in [0, 2π). */
function bearing(lng1: number, lat1: number, lng2: number, lat2: number): number {
  const f1 = lat1 * DEGREE;
  const f2 = lat2 * DEGREE;
  const dl = (lng2 - lng1) * DEGREE;
  const t = Math.atan2(Math.sin(dl) * Math.cos(f2), Math.cos(f1) * Math.sin(f2) - Math.sin(f1) * Math.cos(f2) * Math.cos(dl));
  return t < 0 ? t + TWO_PI : t;
}

/** Null when the two points coincide or are antipodal: the line between them is undefined. */
function lineDefined(lng1: number, lat1: number, lng2: number, lat2: number): boolean {
  if (!validPoint(lng1, lat1) || !validPoint(lng2, lat2)) return false;
  const a = toS2(lng1, lat1);
  const b = toS2(lng2, lat2);
  return !pointEquals(a, b) && !isAntipodal(a, b);
}

function azimuth(lng1: number, lat1: number, lng2: number, lat2: number): number | null {
  return lineDefined(lng1, lat1, lng2, lat2) ? bearing(lng1, lat1, lng2, lat2) : null;
}

/** The clockwise angle at p2 from the line towards p1 to the line towards p3, in [0, 2π). */
function angle(lng1: number, lat1: number, lng2: number, lat2: number, lng3: number, lat3: number): number | null {
  if (!lineDefined(lng1, lat1, lng2, lat2) || !lineDefined(lng2, lat2, lng3, lat3)) return null;
  const a = bearing(lng2, lat2, lng3, lat3) - bearing(lng2, lat2, lng1, lat1);
  return a < 0 ? a + TWO_PI : a;
}

// ---------------------------------------------------------------------------------------------
// GeoJSON polygons

function num(v: DynValue): number | undefined {
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint') return Number(v);
  return undefined;
}

/** A [longitude, latitude] position with valid coordinates. */
function position(v: DynValue): [number, number] | undefined {
  if (!Array.isArray(v) || v.length !== 2) return undefined;
  const lng = num(v[0]);
  const lat = num(v[1]);
  return lng !== undefined && lat !== undefined && validPoint(lng, lat) ? [lng, lat] : undefined;
}

/**
 * A closed ring (at least four positions, the last equal to the first) as an S2 loop around the
 * smaller of the two regions it bounds; undefined when S2 finds it invalid (repeated or antipodal
 * neighbouring vertices, self-crossing edges).
 */
function ringLoop(v: DynValue): InstanceType<ReturnType<typeof s2>['Loop']> | undefined {
  if (!Array.isArray(v) || v.length < 4) return undefined;
  const positions = v.map(position);
  if (positions.some((p) => p === undefined)) return undefined;
  const first = positions[0]!;
  const last = positions[positions.length - 1]!;
  if (first[0] !== last[0] || first[1] !== last[1]) return undefined;
  const loop = new (s2().Loop)(positions.slice(0, -1).map((p) => toS2(p![0], p![1])));
  if (loop.validate() !== null) return undefined;
  loop.normalize();
  return loop;
}

function polygonOf(rings: DynValue): S2Polygon | undefined {
  if (!Array.isArray(rings) || rings.length === 0) return undefined;
  const loops = rings.map(ringLoop);
  if (loops.some((l) => l === undefined)) return undefined;
  const polygon = new (s2().Polygon)(loops as InstanceType<ReturnType<typeof s2>['Loop']>[]);
  return polygon.validate() === null ? polygon : undefined;
}

/**
 * The members of a GeoJSON shape of type `single` (one member) or, when `multi` is given, of that
 * type (an array of members); undefined when the shape or a member is invalid.
 */
function members<T>(shape: DynValue, single: string, multi: string | undefined, of: (c: DynValue) => T | undefined): T[] | undefined {
  if (!isBag(shape)) return undefined;
  const type = shape.get('type');
  const coordinates = shape.get('coordinates') ?? null;
  if (type === single) {
    const m = of(coordinates);
    return m ? [m] : undefined;
  }
  if (type !== multi || !Array.isArray(coordinates) || coordinates.length === 0) return undefined;
  const out = coordinates.map(of);
  return out.some((m) => m === undefined) ? undefined : (out as T[]);
}

/** The polygons of a GeoJSON Polygon or MultiPolygon; undefined when the shape is invalid. */
/** Parsed shapes by value object: a constant shape is parsed and validated once per query. */
const polygonCache = new WeakMap<DynBag, S2Polygon[] | null>();
const polylineCache = new WeakMap<DynBag, S2Polyline[] | null>();

function cached<T>(cache: WeakMap<DynBag, T | null>, shape: DynValue, parse: () => T | undefined): T | undefined {
  if (!isBag(shape)) return undefined;
  let v = cache.get(shape);
  if (v === undefined) {
    v = parse() ?? null;
    cache.set(shape, v);
  }
  return v ?? undefined;
}

function polygons(shape: DynValue): S2Polygon[] | undefined {
  return cached(polygonCache, shape, () => members(shape, 'Polygon', 'MultiPolygon', polygonOf));
}

/**
 * Members whose union is their disjoint sum. Members that meet are refused: the engine measures
 * their union, which needs S2's boolean operations.
 */
function disjoint<T extends { intersects(o: T): boolean }>(items: T[] | undefined, what: string): T[] | undefined {
  if (!items) return undefined;
  for (let i = 0; i < items.length; i++) {
    for (let j = i + 1; j < items.length; j++) {
      if (items[i].intersects(items[j])) throw new NotSupportedError(what);
    }
  }
  return items;
}

function disjointPolygons(shape: DynValue, name: string): S2Polygon[] | undefined {
  return disjoint(polygons(shape), `${name}() of a MultiPolygon whose polygons overlap`);
}

/** The rings of the polygons as closed lines. */
function boundaries(ps: readonly S2Polygon[]): S2Polyline[] {
  const out: S2Polyline[] = [];
  for (const p of ps) {
    for (let k = 0; k < p.numLoops(); k++) {
      const loop = p.loop(k);
      out.push(new (s2().Polyline)(Array.from({ length: loop.numVertices() + 1 }, (_, i) => loop.vertex(i))));
    }
  }
  return out;
}

function closestPointOnPolygon(lng: number, lat: number, shape: DynValue): DynValue {
  if (!validPoint(lng, lat)) return null;
  const ps = polygons(shape);
  if (!ps) return null;
  const x = toS2(lng, lat);
  // A point inside is its own closest point; outside, the closest point of the union is the closest
  // point of some member's boundary, so overlapping members need no union.
  if (ps.some((p) => p.containsPoint(x))) return geoPoint(lng, lat);
  return pointOf(closestOnLines(boundaries(ps), x)[0]);
}

function distancePointToPolygon(lng: number, lat: number, shape: DynValue): number | null {
  if (!validPoint(lng, lat)) return null;
  const ps = polygons(shape);
  if (!ps) return null;
  const x = toS2(lng, lat);
  if (ps.some((p) => p.containsPoint(x))) return 0;
  return closestOnLines(boundaries(ps), x)[1] * EARTH_RADIUS;
}

function pointInPolygon(lng: number, lat: number, shape: DynValue): boolean | null {
  if (!validPoint(lng, lat)) return null;
  const ps = polygons(shape);
  if (!ps) return null;
  const p = toS2(lng, lat);
  return ps.some((polygon) => polygon.containsPoint(p));
}

function polygonArea(shape: DynValue): number | null {
  const ps = disjointPolygons(shape, 'geo_polygon_area');
  if (!ps) return null;
  return ps.reduce((sum, p) => sum + p.area(), 0) * EARTH_RADIUS * EARTH_RADIUS;
}

function polygonPerimeter(shape: DynValue): number | null {
  const ps = disjointPolygons(shape, 'geo_polygon_perimeter');
  if (!ps) return null;
  let sum = 0;
  for (const p of ps) {
    for (let k = 0; k < p.numLoops(); k++) {
      const loop = p.loop(k);
      for (let i = 0; i < loop.numVertices(); i++) sum += loop.vertex(i).distance(loop.vertex(i + 1));
    }
  }
  return sum * EARTH_RADIUS;
}

function pointOf(p: S2Point): DynValue {
  const ll = s2().LatLng.fromPoint(p);
  return geoPoint(ll.lng / DEGREE, ll.lat / DEGREE);
}

/** The direction of the sum of centroid vectors (S2 centroids are unnormalized, so they add up). */
function sumOfCentroids(centroids: readonly S2Point[]): DynValue {
  let [x, y, z] = [0, 0, 0];
  for (const c of centroids) {
    x += c.x;
    y += c.y;
    z += c.z;
  }
  return pointOf(new (s2().Point)(x, y, z));
}

function polygonCentroid(shape: DynValue): DynValue {
  const ps = disjointPolygons(shape, 'geo_polygon_centroid');
  return ps ? sumOfCentroids(ps.map((p) => p.centroid())) : null;
}

// ---------------------------------------------------------------------------------------------
// GeoJSON lines: at least two valid positions; neighbouring positions must not be antipodal
// (the edge between them would be undefined).


function polylineOf(v: DynValue): S2Polyline | undefined {
  if (!Array.isArray(v) || v.length < 2) return undefined;
  const points: S2Point[] = [];
  for (const x of v) {
    const p = position(x);
    if (!p) return undefined;
    const q = toS2(p[0], p[1]);
    if (points.length > 0 && isAntipodal(points[points.length - 1], q)) return undefined;
    points.push(q);
  }
  return new (s2().Polyline)(points);
}

/** The lines of a GeoJSON LineString (or, when allowed, MultiLineString); undefined when invalid. */
function polylines(shape: DynValue, allowMulti: boolean): S2Polyline[] | undefined {
  if (!allowMulti && isBag(shape) && shape.get('type') !== 'LineString') return undefined;
  return cached(polylineCache, shape, () => members(shape, 'LineString', 'MultiLineString', polylineOf));
}

/** The point of the lines closest to x, and its distance (radians). */
function closestOnLines(lines: readonly S2Polyline[], x: S2Point): [S2Point, number] {
  let best: [S2Point, number] = [x, Infinity];
  for (const line of lines) {
    const [q] = line.project(x);
    const d = q.distance(x);
    if (d < best[1]) best = [q, d];
  }
  return best;
}

function distancePointToLine(lng: number, lat: number, shape: DynValue): number | null {
  const lines = polylines(shape, true);
  if (!validPoint(lng, lat) || !lines) return null;
  return closestOnLines(lines, toS2(lng, lat))[1] * EARTH_RADIUS;
}

function closestPointOnLine(lng: number, lat: number, shape: DynValue): DynValue {
  const lines = polylines(shape, true);
  if (!validPoint(lng, lat) || !lines) return null;
  return pointOf(closestOnLines(lines, toS2(lng, lat))[0]);
}

function disjointPolylines(shape: DynValue, name: string): S2Polyline[] | undefined {
  return disjoint(polylines(shape, true), `${name}() of a MultiLineString whose lines meet`);
}

function lineLength(shape: DynValue): number | null {
  const lines = disjointPolylines(shape, 'geo_line_length');
  return lines ? lines.reduce((sum, l) => sum + l.length(), 0) * EARTH_RADIUS : null;
}

function lineCentroid(shape: DynValue): DynValue {
  const lines = disjointPolylines(shape, 'geo_line_centroid');
  return lines ? sumOfCentroids(lines.map((l) => l.centroid())) : null;
}

/** Lines that cross or share a vertex intersect (S2's polyline rule). */
function intersects2Lines(a: DynValue, b: DynValue): boolean | null {
  const la = polylines(a, true);
  const lb = polylines(b, true);
  if (!la || !lb) return null;
  return la.some((x) => lb.some((y) => x.intersects(y)));
}

/** A line meets a polygon when one of its vertices is inside or it meets the polygon's boundary. */
function intersectsLineWithPolygon(line: DynValue, polygon: DynValue): boolean | null {
  const lines = polylines(line, true);
  const ps = polygons(polygon);
  if (!lines || !ps) return null;
  const rings = boundaries(ps);
  return lines.some((l) =>
    l.points.some((v) => ps.some((p) => p.containsPoint(v))) ||
    rings.some((r) => l.intersects(r)));
}

function intersects2Polygons(a: DynValue, b: DynValue): boolean | null {
  const pa = polygons(a);
  const pb = polygons(b);
  if (!pa || !pb) return null;
  return pa.some((x) => pb.some((y) => x.intersects(y)));
}

/** geo_polygon_to_s2cells gives null above this many cells (documented). */
const S2_MAX_COVERING_CELLS = 65_536;
/** S2's kMaxArea metric: no cell of level k is larger than this / 4^k steradians. */
const S2_MAX_CELL_AREA = 2.635799256963161491;

/**
 * The cells of one level that cover the polygons (S2's region coverer with that level as both the
 * minimum and the maximum), sorted by cell id; their count is checked against the documented limit.
 */
function polygonToS2Cells(shape: DynValue, level = 11n): DynValue {
  const ps = polygons(shape);
  if (!ps || level < 0n || level > 30n) return null;
  const area = ps.reduce((sum, p) => sum + p.area(), 0);
  // Certainly over the limit (each cell is at most this large): null without listing the cells.
  if (area / (S2_MAX_CELL_AREA / 4 ** Number(level)) > S2_MAX_COVERING_CELLS) return null;
  const coverer = new (s2().RegionCoverer)({ minLevel: Number(level), maxLevel: Number(level) });
  const ids = new Set<bigint>();
  for (const p of ps) for (const id of coverer.covering(p)) ids.add(id);
  if (ids.size > S2_MAX_COVERING_CELLS) return null;
  return [...ids].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)).map((id) => s2().cellid.toToken(id));
}

function lineInterpolatePoint(shape: DynValue, fraction: number): DynValue {
  const lines = polylines(shape, false);
  if (!lines || !(fraction >= 0 && fraction <= 1)) return null;
  return pointOf(lines[0].interpolate(fraction)[0]);
}

function lineLocatePoint(shape: DynValue, lng: number, lat: number): number | null {
  const lines = polylines(shape, false);
  if (!validPoint(lng, lat) || !lines) return null;
  const [q, next] = lines[0].project(toS2(lng, lat));
  return lines[0].uninterpolate(q, next);
}

export const geoFunctions: readonly ScalarFunction[] = [
  fn('geo_distance_2points', [sig(['real', 'real', 'real', 'real'], 'real', distance2Points)]),
  fn('geo_point_in_circle', [sig(['real', 'real', 'real', 'real', 'real'], 'bool', pointInCircle)]),
  fn('geo_azimuth', [sig(['real', 'real', 'real', 'real'], 'real', azimuth)]),
  fn('geo_angle', [sig(['real', 'real', 'real', 'real', 'real', 'real'], 'real', angle)]),
  fn('geo_point_in_polygon', [sig(['real', 'real', 'dynamic'], 'bool', pointInPolygon)]),
  fn('geo_polygon_area', [sig(['dynamic'], 'real', polygonArea)]),
  fn('geo_polygon_perimeter', [sig(['dynamic'], 'real', polygonPerimeter)]),
  fn('geo_polygon_centroid', [sig(['dynamic'], 'dynamic', polygonCentroid)]),
  fn('geo_closest_point_on_polygon', [sig(['real', 'real', 'dynamic'], 'dynamic', closestPointOnPolygon)]),
  fn('geo_distance_point_to_polygon', [sig(['real', 'real', 'dynamic'], 'real', distancePointToPolygon)]),
  fn('geo_distance_point_to_line', [sig(['real', 'real', 'dynamic'], 'real', distancePointToLine)]),
  fn('geo_closest_point_on_line', [sig(['real', 'real', 'dynamic'], 'dynamic', closestPointOnLine)]),
  fn('geo_line_interpolate_point', [sig(['dynamic', 'real'], 'dynamic', lineInterpolatePoint)]),
  fn('geo_line_locate_point', [sig(['dynamic', 'real', 'real'], 'real', lineLocatePoint)]),
  fn('geo_intersects_2lines', [sig(['dynamic', 'dynamic'], 'bool', intersects2Lines)]),
  fn('geo_intersects_line_with_polygon', [sig(['dynamic', 'dynamic'], 'bool', intersectsLineWithPolygon)]),
  fn('geo_intersects_2polygons', [sig(['dynamic', 'dynamic'], 'bool', intersects2Polygons)]),
  fn('geo_polygon_to_s2cells', [sig(['dynamic', 'long'], 'dynamic', polygonToS2Cells, { optional: 1 })]),
  fn('geo_line_length', [sig(['dynamic'], 'real', lineLength)]),
  fn('geo_line_centroid', [sig(['dynamic'], 'dynamic', lineCentroid)]),
  fn('geo_from_wkt', [sig(['string'], 'dynamic', fromWkt)]),
];
