/**
 * Geospatial grid cells: H3 (through h3-js, the H3 C library compiled to JS), S2 (through s2js)
 * and geohash. Invalid coordinates, levels or cell tokens give "" for string results and null
 * otherwise, as documented. geo_h3cell_neighbors, geo_s2cell_neighbors, geo_geohash_neighbors and
 * geo_polygon_to_h3cells are left out: the engine lists their cells in an order that neither the
 * libraries nor a fixed direction order reproduces.
 */
import type { DynValue } from '../dynamic.js';
import { fn } from './define.js';
import { h3, s2 } from './geo-libs.js';
import { sig, type ScalarFunction } from './signature.js';

const DEGREE = Math.PI / 180;

export function validLongitude(lng: number): boolean {
  return lng >= -180 && lng <= 180;
}

export function validLatitude(lat: number): boolean {
  return lat >= -90 && lat <= 90;
}

/** A GeoJSON point; coordinates are [longitude, latitude] in degrees. */
export function geoPoint(lng: number, lat: number): DynValue {
  return new Map<string, DynValue>([['type', 'Point'], ['coordinates', [lng, lat]]]);
}

/** A GeoJSON polygon with one closed ring of [longitude, latitude] pairs. */
export function geoPolygon(ring: readonly (readonly [number, number])[]): DynValue {
  return new Map<string, DynValue>([['type', 'Polygon'], ['coordinates', [ring.map(([x, y]) => [x, y])]]]);
}

function inRange(x: bigint, min: number, max: number): boolean {
  return x >= BigInt(min) && x <= BigInt(max);
}

// ---------------------------------------------------------------------------------------------
// H3

const H3_MAX_RES = 15;
/** geo_h3cell_children refuses more than five levels below the cell (up to 16807 children). */
const H3_MAX_CHILD_LEVELS = 5;
const H3_MAX_RING = 142;

function h3Cell(token: string): string | undefined {
  return token !== '' && h3().isValidCell(token) ? token : undefined;
}

function pointToH3(lng: number, lat: number, res = 6n): string {
  if (!validLongitude(lng) || !validLatitude(lat) || !inRange(res, 0, H3_MAX_RES)) return '';
  return h3().latLngToCell(lat, lng, Number(res));
}

function h3Parent(token: string, res?: bigint): string {
  const cell = h3Cell(token);
  if (!cell) return '';
  const level = h3().getResolution(cell);
  const target = res ?? BigInt(level - 1);
  if (!inRange(target, 0, level)) return '';
  return h3().cellToParent(cell, Number(target));
}

function h3Children(token: string, res?: bigint): DynValue {
  const cell = h3Cell(token);
  if (!cell) return null;
  const level = h3().getResolution(cell);
  const target = res ?? BigInt(level + 1);
  if (!inRange(target, level, Math.min(H3_MAX_RES, level + H3_MAX_CHILD_LEVELS))) return null;
  return h3().cellToChildren(cell, Number(target));
}

function h3Rings(token: string, distance: bigint): DynValue {
  const cell = h3Cell(token);
  if (!cell || !inRange(distance, 0, H3_MAX_RING)) return null;
  return h3().gridDiskDistances(cell, Number(distance));
}

function h3ToPolygon(token: string): DynValue {
  const cell = h3Cell(token);
  return cell ? geoPolygon(h3().cellToBoundary(cell, true) as [number, number][]) : null;
}

function h3ToCentralPoint(token: string): DynValue {
  const cell = h3Cell(token);
  if (!cell) return null;
  const [lat, lng] = h3().cellToLatLng(cell);
  return geoPoint(lng, lat);
}

// ---------------------------------------------------------------------------------------------
// S2

const S2_MAX_LEVEL = 30;

/** A token is 1 to 16 hex digits of either case (as S2's FromToken reads it) naming a valid cell. */
function s2Cell(token: string): bigint | undefined {
  if (!/^[0-9a-fA-F]{1,16}$/.test(token)) return undefined;
  const id = s2().cellid.fromToken(token.toLowerCase());
  return s2().cellid.valid(id) ? id : undefined;
}

function pointToS2(lng: number, lat: number, level = 11n): string {
  if (!validLongitude(lng) || !validLatitude(lat) || !inRange(level, 0, S2_MAX_LEVEL)) return '';
  const leaf = s2().cellid.fromLatLng(s2().LatLng.fromDegrees(lat, lng));
  return s2().cellid.toToken(s2().cellid.parent(leaf, Number(level)));
}

function degrees(p: InstanceType<ReturnType<typeof s2>['Point']>): [number, number] {
  const ll = s2().LatLng.fromPoint(p);
  return [ll.lng / DEGREE, ll.lat / DEGREE];
}

function s2ToPolygon(token: string): DynValue {
  const id = s2Cell(token);
  if (id === undefined) return null;
  const cell = s2().Cell.fromCellID(id);
  const ring = [0, 1, 2, 3, 0].map((k) => degrees(cell.vertex(k)));
  return geoPolygon(ring);
}

function s2ToCentralPoint(token: string): DynValue {
  const id = s2Cell(token);
  if (id === undefined) return null;
  const [lng, lat] = degrees(s2().cellid.point(id));
  return geoPoint(lng, lat);
}

// ---------------------------------------------------------------------------------------------
// Geohash: base-32 digits, each 5 bits interleaving longitude (first) and latitude halvings.

const GEOHASH_DIGITS = '0123456789bcdefghjkmnpqrstuvwxyz';
const GEOHASH_MAX_LENGTH = 18;

interface Box {
  readonly minLng: number;
  readonly maxLng: number;
  readonly minLat: number;
  readonly maxLat: number;
}

function pointToGeohash(lng: number, lat: number, accuracy = 5n): string {
  if (!validLongitude(lng) || !validLatitude(lat) || !inRange(accuracy, 1, GEOHASH_MAX_LENGTH)) return '';
  let [minLng, maxLng, minLat, maxLat] = [-180, 180, -90, 90];
  let out = '';
  let bit = 0;
  for (let i = 0; out.length < Number(accuracy); i++) {
    if (i % 2 === 0) {
      const mid = (minLng + maxLng) / 2;
      bit = bit * 2 + (lng >= mid ? 1 : 0);
      if (lng >= mid) minLng = mid;
      else maxLng = mid;
    } else {
      const mid = (minLat + maxLat) / 2;
      bit = bit * 2 + (lat >= mid ? 1 : 0);
      if (lat >= mid) minLat = mid;
      else maxLat = mid;
    }
    if (i % 5 === 4) {
      out += GEOHASH_DIGITS[bit];
      bit = 0;
    }
  }
  return out;
}

function geohashBox(hash: string): Box | undefined {
  if (hash.length < 1 || hash.length > GEOHASH_MAX_LENGTH) return undefined;
  let [minLng, maxLng, minLat, maxLat] = [-180, 180, -90, 90];
  let even = true;
  for (const ch of hash) {
    const v = GEOHASH_DIGITS.indexOf(ch);
    if (v < 0) return undefined;
    for (let b = 4; b >= 0; b--) {
      const upper = ((v >> b) & 1) === 1;
      if (even) {
        const mid = (minLng + maxLng) / 2;
        if (upper) minLng = mid;
        else maxLng = mid;
      } else {
        const mid = (minLat + maxLat) / 2;
        if (upper) minLat = mid;
        else maxLat = mid;
      }
      even = !even;
    }
  }
  return { minLng, maxLng, minLat, maxLat };
}

function geohashToCentralPoint(hash: string): DynValue {
  const b = geohashBox(hash);
  return b ? geoPoint((b.minLng + b.maxLng) / 2, (b.minLat + b.maxLat) / 2) : null;
}

function geohashToPolygon(hash: string): DynValue {
  const b = geohashBox(hash);
  if (!b) return null;
  return geoPolygon([
    [b.minLng, b.minLat], [b.maxLng, b.minLat], [b.maxLng, b.maxLat], [b.minLng, b.maxLat], [b.minLng, b.minLat],
  ]);
}

export const geoCellFunctions: readonly ScalarFunction[] = [
  fn('geo_point_to_h3cell', [sig(['real', 'real', 'long'], 'string', pointToH3, { optional: 1 })]),
  fn('geo_h3cell_parent', [sig(['string', 'long'], 'string', h3Parent, { optional: 1 })]),
  fn('geo_h3cell_children', [sig(['string', 'long'], 'dynamic', h3Children, { optional: 1 })]),
  fn('geo_h3cell_level', [
    sig(['string'], 'int', (t: string) => { const c = h3Cell(t); return c ? h3().getResolution(c) : null; }),
  ]),
  fn('geo_h3cell_rings', [sig(['string', 'long'], 'dynamic', h3Rings)]),
  fn('geo_h3cell_to_polygon', [sig(['string'], 'dynamic', h3ToPolygon)]),
  fn('geo_h3cell_to_central_point', [sig(['string'], 'dynamic', h3ToCentralPoint)]),
  fn('geo_point_to_s2cell', [sig(['real', 'real', 'long'], 'string', pointToS2, { optional: 1 })]),
  fn('geo_s2cell_to_polygon', [sig(['string'], 'dynamic', s2ToPolygon)]),
  fn('geo_s2cell_to_central_point', [sig(['string'], 'dynamic', s2ToCentralPoint)]),
  fn('geo_point_to_geohash', [sig(['real', 'real', 'long'], 'string', pointToGeohash, { optional: 1 })]),
  fn('geo_geohash_to_central_point', [sig(['string'], 'dynamic', geohashToCentralPoint)]),
  fn('geo_geohash_to_polygon', [sig(['string'], 'dynamic', geohashToPolygon)]),
];
