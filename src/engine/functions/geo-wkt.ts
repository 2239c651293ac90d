/**
 * geo_from_wkt: Well-known text to a GeoJSON dynamic value. Supports the two-dimensional POINT,
 * LINESTRING, POLYGON, MULTIPOINT, MULTILINESTRING, MULTIPOLYGON and GEOMETRYCOLLECTION forms
 * (keywords in any case); EMPTY geometries, Z/M coordinates, invalid coordinates, lines of fewer
 * than two positions and rings that are not closed with at least four positions give null.
 * Coordinates are reals, as Kusto writes them (`[1.0, 2.0]`).
 */
import type { DynValue } from '../dynamic.js';
import { validLatitude, validLongitude } from './geo-cells.js';

type Position = [number, number];

class WktParser {
  private pos = 0;

  constructor(private readonly text: string) {}

  private skipSpace(): void {
    while (this.pos < this.text.length && /\s/.test(this.text[this.pos])) this.pos++;
  }

  atEnd(): boolean {
    this.skipSpace();
    return this.pos === this.text.length;
  }

  private peek(ch: string): boolean {
    this.skipSpace();
    return this.text[this.pos] === ch;
  }

  private expect(ch: string): void {
    if (!this.peek(ch)) throw WKT_FAIL;
    this.pos++;
  }

  private keyword(): string {
    this.skipSpace();
    const m = /^[A-Za-z]+/.exec(this.text.slice(this.pos));
    if (!m) throw WKT_FAIL;
    this.pos += m[0].length;
    return m[0].toUpperCase();
  }

  private number(): number {
    this.skipSpace();
    const m = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?/.exec(this.text.slice(this.pos));
    if (!m) throw WKT_FAIL;
    this.pos += m[0].length;
    return Number(m[0]);
  }

  /** `( item, item, … )` */
  private list<T>(item: () => T): T[] {
    this.expect('(');
    const out = [item()];
    while (this.peek(',')) {
      this.pos++;
      out.push(item());
    }
    this.expect(')');
    return out;
  }

  private position(): Position {
    const lng = this.number();
    const lat = this.number();
    if (!validLongitude(lng) || !validLatitude(lat)) throw WKT_FAIL;
    return [lng, lat];
  }

  private line(): Position[] {
    const points = this.list(() => this.position());
    if (points.length < 2) throw WKT_FAIL;
    return points;
  }

  private ring(): Position[] {
    const points = this.list(() => this.position());
    const [first, last] = [points[0], points[points.length - 1]];
    if (points.length < 4 || first[0] !== last[0] || first[1] !== last[1]) throw WKT_FAIL;
    return points;
  }

  private polygon(): Position[][] {
    return this.list(() => this.ring());
  }

  /** MULTIPOINT accepts both `(1 1, 2 2)` and `((1 1), (2 2))`. */
  private multiPointMember(): Position {
    if (!this.peek('(')) return this.position();
    this.pos++;
    const p = this.position();
    this.expect(')');
    return p;
  }

  geometry(): DynValue {
    const kind = this.keyword();
    const shape = (type: string, coordinates: DynValue): DynValue =>
      new Map<string, DynValue>([['type', type], ['coordinates', coordinates]]);
    switch (kind) {
      case 'POINT': {
        this.expect('(');
        const p = this.position();
        this.expect(')');
        return shape('Point', p);
      }
      case 'LINESTRING':
        return shape('LineString', this.line());
      case 'POLYGON':
        return shape('Polygon', this.polygon());
      case 'MULTIPOINT':
        return shape('MultiPoint', this.list(() => this.multiPointMember()));
      case 'MULTILINESTRING':
        return shape('MultiLineString', this.list(() => this.line()));
      case 'MULTIPOLYGON':
        return shape('MultiPolygon', this.list(() => this.polygon()));
      case 'GEOMETRYCOLLECTION':
        return new Map<string, DynValue>([
          ['type', 'GeometryCollection'], ['geometries', this.list(() => this.geometry())],
        ]);
      default:
        throw WKT_FAIL;
    }
  }
}

const WKT_FAIL = new Error('invalid WKT');

export function fromWkt(text: string): DynValue {
  const p = new WktParser(text);
  try {
    const g = p.geometry();
    return p.atEnd() ? g : null;
  } catch (e) {
    if (e === WKT_FAIL) return null;
    throw e;
  }
}
