import { ColumnBuilder, type Column, type JsValue } from '../column.js';
import type { KqlType } from '../types.js';
import { BAD, type ValueCodec } from './values.js';

/** A file's records before typing: column names, the line of each record, and typed access to the values. */
export interface Records {
  /** Every column of the file, in file order (also those a reader was told to skip). */
  readonly names: readonly string[];
  /** How many records there are. */
  readonly count: number;
  /** The 1-based line where record i starts (for messages, so it may be slow). */
  line(i: number): number;
  /** The type the non-empty values of column j suggest; undefined when it has none. */
  inferType(j: number): KqlType | undefined;
  /** A builder of column j read as `type`, for a Column of the next `length` records appended to it. */
  column(j: number, type: KqlType, length: number): RecordColumn;
  /** Column j of record i as quoted in error messages. */
  show(i: number, j: number): string;
  /** The shape of the file, as `kql schema` names it (JSON readers; CSV when absent). */
  format?: string;
  /** The table the file's records name (Streaming API `category`). */
  table?: string;
  /** Column types the file itself declares (Graph `schema`, query API `columns`, sidecars). */
  declared?: ReadonlyMap<string, KqlType>;
  /** The file record i comes from, when the records come from several files. */
  fileOf?: (i: number) => string;
  /** Lines of records a reader skipped (skipBadRows). */
  skippedLines?: readonly number[];
  /** Things a reader found worth telling the user (LoadOptions.warn). */
  warnings?: readonly string[];
}

/** Converts the values of one column into a Column, a run of records at a time. */
export interface RecordColumn {
  /** Appends records `from` to `to - 1`; returns the first whose value is not of the type, else -1. */
  append(from: number, to: number): number;
  finish(): Column;
}

/** The type `count` values suggest together, as inferType describes. */
export function inferValuesType<V>(codec: ValueCodec<V>, count: number, value: (i: number) => V): KqlType | undefined {
  let type: KqlType | undefined;
  for (let i = 0; i < count; i++) {
    const t = codec.infer(value(i));
    if (t === undefined) continue;
    type = type === undefined ? t : codec.merge(type, t);
    if (type === codec.top) break;
  }
  return type;
}

/** A RecordColumn of the values record i has, converted one at a time. */
export function valuesColumn(type: KqlType, length: number, value: (i: number) => JsValue | typeof BAD): RecordColumn {
  const b = new ColumnBuilder(type, length);
  return {
    append(from, to) {
      for (let i = from; i < to; i++) {
        const v = value(i);
        if (v === BAD) return i;
        b.append(v);
      }
      return -1;
    },
    finish: () => b.finish(),
  };
}

/** Records held as raw values typed by their codec (JSON values; also the empty records of a CSV). */
export class RawRecords<V> implements Records {
  constructor(
    readonly names: readonly string[],
    /** `rows[i][j]` is column j of record i; JSON rows may be shorter than `names` (missing keys). */
    private readonly rows: readonly (readonly V[])[],
    private readonly lines: readonly number[],
    private readonly codec: ValueCodec<V>,
  ) {}

  get count(): number {
    return this.rows.length;
  }

  line(i: number): number {
    return this.lines[i];
  }

  inferType(j: number): KqlType | undefined {
    return inferValuesType(this.codec, this.rows.length, (i) => this.rows[i][j]);
  }

  column(j: number, type: KqlType, length: number): RecordColumn {
    const convert = this.codec.converter(type);
    const rows = this.rows;
    return valuesColumn(type, length, (i) => convert(rows[i][j]));
  }

  show(i: number, j: number): string {
    return this.codec.show(this.rows[i][j]);
  }
}
