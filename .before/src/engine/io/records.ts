import type { JsValue } from '../column.js';
import type { KqlType } from '../types.js';
import type { BAD, ValueCodec } from './values.js';

/** A file's records before typing: column names, the line of each record, and typed access to the values. */
export interface Records {
  readonly names: readonly string[];
  /** The 1-based line where each record starts (one entry per record). */
  readonly lines: readonly number[];
  /** The type the non-empty values of column j suggest; undefined when it has none. */
  inferType(j: number): KqlType | undefined;
  /** Reads column j of record i as `type`; BAD when the value is not of that type. */
  converter(j: number, type: KqlType): (i: number) => JsValue | typeof BAD;
  /** Column j of record i as quoted in error messages. */
  show(i: number, j: number): string;
}

/** Records held as raw values (CSV text, JSON values) typed by their codec. */
export class RawRecords<V> implements Records {
  constructor(
    readonly names: readonly string[],
    /** `rows[i][j]` is column j of record i; JSON rows may be shorter than `names` (missing keys). */
    private readonly rows: readonly (readonly V[])[],
    readonly lines: readonly number[],
    private readonly codec: ValueCodec<V>,
  ) {}

  inferType(j: number): KqlType | undefined {
    let type: KqlType | undefined;
    for (const row of this.rows) {
      const t = this.codec.infer(row[j]);
      if (t === undefined) continue;
      type = type === undefined ? t : this.codec.merge(type, t);
      if (type === this.codec.top) break;
    }
    return type;
  }

  converter(j: number, type: KqlType): (i: number) => JsValue | typeof BAD {
    const convert = this.codec.converter(type);
    const rows = this.rows;
    return (i) => convert(rows[i][j]);
  }

  show(i: number, j: number): string {
    return this.codec.show(this.rows[i][j]);
  }
}
