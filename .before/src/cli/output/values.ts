/**
 * Cell encodings shared by the writers: JSON text (json, ndjson) and plain text (csv, table), plus the
 * buffered output that lets writers stream rows without one giant string or one write per row.
 */
import type { Table } from '../../engine/batch.js';
import type { JsValue } from '../../engine/column.js';
import { dynToJson, formatReal, isBag, type DynValue } from '../../engine/dynamic.js';
import { formatDatetime, formatTimespan } from '../../engine/time.js';
import type { KqlType } from '../../engine/types.js';

export type Encoder = (v: JsValue) => string;

/**
 * JSON text of a value: datetimes ISO with the fraction trimmed, timespans `[-][d.]hh:mm:ss[.fffffff]`,
 * longs exact, NaN and infinities as strings, dynamic values as JSON (not as a string).
 */
export function jsonEncoder(type: KqlType): Encoder {
  switch (type) {
    case 'bool':
    case 'int':
    case 'long':
      return (v) => (v === null ? 'null' : String(v));
    case 'real':
    case 'decimal':
      return (v) => (v === null ? 'null' : Number.isFinite(v) ? String(v) : `"${formatReal(v as number)}"`);
    case 'datetime':
      return (v) => (v === null ? 'null' : `"${formatDatetime(v as bigint, 'trim')}"`);
    case 'timespan':
      return (v) => (v === null ? 'null' : `"${formatTimespan(v as bigint)}"`);
    case 'string':
    case 'guid':
      return (v) => (v === null ? 'null' : JSON.stringify(v));
    case 'dynamic':
      return (v) => strictDynJson(v as DynValue);
  }
}

/** Text of a value for csv and table: the JSON encoding's text, with strings raw and null empty. */
export function textEncoder(type: KqlType): Encoder {
  switch (type) {
    case 'real':
    case 'decimal':
      return (v) => (v === null ? '' : Number.isFinite(v) ? String(v) : formatReal(v as number));
    case 'datetime':
      return (v) => (v === null ? '' : formatDatetime(v as bigint, 'trim'));
    case 'timespan':
      return (v) => (v === null ? '' : formatTimespan(v as bigint));
    case 'dynamic':
      return (v) => (v === null ? '' : dynToJson(v as DynValue));
    default:
      return (v) => (v === null ? '' : String(v));
  }
}

/** dynToJson, except that NaN and infinities (bare words there, invalid JSON) become strings. */
function strictDynJson(v: DynValue): string {
  const text = dynToJson(v);
  return /NaN|Infinity/.test(text) ? dynToJson(finiteOnly(v)) : text;
}

function finiteOnly(v: DynValue): DynValue {
  if (typeof v === 'number') return Number.isFinite(v) ? v : formatReal(v);
  if (Array.isArray(v)) return v.map(finiteOnly);
  if (isBag(v)) return new Map([...v].map(([k, x]) => [k, finiteOnly(x)]));
  return v;
}

/** The rows of a table, each as its cells encoded by `encoder(type)`. */
export function* encodedRows(table: Table, encoder: (type: KqlType) => Encoder): Generator<string[]> {
  const encoders = table.schema.map((f) => encoder(f.type));
  for (const batch of table.batches) {
    const readers = batch.columns.map((c) => c.reader());
    for (let i = 0; i < batch.length; i++) yield readers.map((read, j) => encoders[j](read(i)));
  }
}

/** Collects output text and hands it to `out` in chunks of about 64 KB. */
export class ChunkedOutput {
  private parts: string[] = [];
  private size = 0;

  constructor(private readonly out: (chunk: string) => void) {}

  write(text: string): void {
    this.parts.push(text);
    this.size += text.length;
    if (this.size >= 65536) this.flush();
  }

  flush(): void {
    if (this.parts.length > 0) this.out(this.parts.join(''));
    this.parts = [];
    this.size = 0;
  }
}
