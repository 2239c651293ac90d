/**
 * Maps rows to group ids by their key values, shared by summarize and make-series. Each group
 * remembers its key values for the output. One string key is grouped through its dictionary:
 * one hash lookup per distinct value instead of per row.
 */
import { Column, ColumnBuilder, type JsValue } from './column.js';
import { isScalar, readerOf, type Value } from './compile-expr.js';
import { dynToJson } from './dynamic.js';
import type { KqlType } from './types.js';

/** One key value as text; strings carry their length so no two combinations can collide. */
function keyPart(v: JsValue): string {
  if (v === null) return 'n';
  if (typeof v === 'string') return `s${v.length}:${v}`;
  return typeof v === 'object' ? `j${dynToJson(v)}` : `v${String(v)}`;
}

export class Grouper {
  private readonly ids = new Map<string, number>();
  private readonly keyValues: JsValue[][];
  private readonly keyTypes: readonly KqlType[];

  constructor(keyTypes: readonly KqlType[]) {
    this.keyTypes = keyTypes;
    this.keyValues = keyTypes.map(() => []);
  }

  get count(): number {
    return this.keyValues.length === 0 ? (this.ids.size > 0 ? 1 : 0) : this.keyValues[0].length;
  }

  private idOf(composite: string, values: readonly JsValue[]): number {
    let id = this.ids.get(composite);
    if (id === undefined) {
      id = this.ids.size;
      this.ids.set(composite, id);
      for (let k = 0; k < values.length; k++) this.keyValues[k].push(values[k]);
    }
    return id;
  }

  /** The group id of each of the n rows with the given key values. */
  assign(keys: readonly Value[], n: number): Int32Array {
    const out = new Int32Array(n);
    if (keys.length === 0) {
      if (n > 0) this.idOf('', []);
      return out;
    }
    const single = keys.length === 1 ? keys[0] : undefined;
    if (single && !isScalar(single) && single.type === 'string') {
      const dict = single.dictionaryStrings();
      const dictKeys = single.dictionaryKeys();
      const sel = single.sel;
      const memo = new Int32Array(dict.length).fill(-1);
      for (let i = 0; i < n; i++) {
        const key = dictKeys[sel ? sel[i] : i];
        let id = memo[key];
        if (id < 0) id = memo[key] = this.idOf(keyPart(dict[key]) + '|', [dict[key]]);
        out[i] = id;
      }
      return out;
    }
    const readers = keys.map(readerOf);
    const values: JsValue[] = new Array(keys.length);
    for (let i = 0; i < n; i++) {
      let composite = '';
      for (let k = 0; k < readers.length; k++) {
        values[k] = readers[k](i);
        composite += keyPart(values[k]) + '|';
      }
      out[i] = this.idOf(composite, values);
    }
    return out;
  }

  /** One column per key, one row per group in id order. */
  keyColumns(): Column[] {
    return this.keyTypes.map((t, k) => {
      const b = new ColumnBuilder(t, this.keyValues[k].length);
      for (const v of this.keyValues[k]) b.append(v);
      return b.finish();
    });
  }
}
