import { Column } from './column.js';
import { InternalError } from './errors.js';
import type { Field } from './types.js';

/** A record batch: columns of equal logical length, described by the schema. */
export class Batch {
  readonly schema: readonly Field[];
  readonly columns: readonly Column[];
  readonly length: number;

  constructor(schema: readonly Field[], columns: readonly Column[], length?: number) {
    if (schema.length !== columns.length) throw new InternalError('batch schema and columns differ in count');
    this.schema = schema;
    this.columns = columns;
    this.length = length ?? (columns.length > 0 ? columns[0].length : 0);
    for (const c of columns) {
      if (c.length !== this.length) throw new InternalError('batch columns differ in length');
    }
  }

  /** The rows at the given indices, as views over the same data. */
  take(indices: Int32Array): Batch {
    return new Batch(this.schema, this.columns.map((c) => c.take(indices)), indices.length);
  }

  column(name: string): Column {
    const i = this.schema.findIndex((f) => f.name === name);
    if (i < 0) throw new InternalError(`no column ${name} in batch`);
    return this.columns[i];
  }
}

/** A whole table: a schema and the batches holding its rows. */
export interface Table {
  readonly schema: readonly Field[];
  readonly batches: readonly Batch[];
}

/**
 * A table a query reads: its schema and its batches, produced on demand each time it is scanned (a file
 * read as the query runs, so only the batches in flight are in memory).
 */
export interface TableSource {
  readonly schema: readonly Field[];
  scan(): Iterable<Batch>;
}

/** A loaded table as a TableSource. */
export function sourceOf(t: Table): TableSource {
  return { schema: t.schema, scan: () => t.batches };
}

export function tableRowCount(t: Table): number {
  return t.batches.reduce((n, b) => n + b.length, 0);
}

/** Rows of a table as arrays of JS values (tests and writers). */
export function tableRows(t: Table): unknown[][] {
  const rows: unknown[][] = [];
  for (const b of t.batches) {
    const readers = b.columns.map((c) => c.reader());
    for (let i = 0; i < b.length; i++) rows.push(readers.map((r) => r(i)));
  }
  return rows;
}
