/**
 * Loading what a query needs: only the tables it reads, and of those only the columns it
 * mentions (projection pushdown into the loaders), when that provably gives the same result.
 */
import type { Query } from '../parser/ast.js';
import { sourceOf, type Table, type TableSource } from './batch.js';
import { bindQuery, type BoundQuery, type TableCatalog } from './bind.js';
import { NotSupportedError, SchemaFromDataError } from './errors.js';
import { executePlan } from './execute.js';
import type { PlanNode } from './plan.js';
import type { QueryContext } from './functions/signature.js';
import { readTableSchema, type LoadOptions } from './io/index.js';
import { openTable, type ScanProgress } from './io/stream.js';
import type { Field } from './types.js';

export interface PrepareOptions {
  /** Told how far the scan of each streamed file has got. */
  readonly progress?: (table: string, p: ScanProgress) => void;
  /** Columns to load even when the query does not name them (e.g. the time column of a look-back filter). */
  readonly keepColumns?: readonly string[];
}

export interface PreparedQuery {
  readonly bound: BoundQuery;
  readonly tables: ReadonlyMap<string, TableSource>;
}

/** A data file and how to read it (the CLI's data options). */
export interface FileSource {
  readonly path: string;
  readonly options?: LoadOptions;
}

/** What a table name is bound to: a file path, a file with options, or a loaded Table. */
export type TableInput = string | FileSource | Table;

const fileOf = (input: TableInput): FileSource | undefined =>
  typeof input === 'string' ? { path: input } : 'path' in input ? input : undefined;

export function catalogOf(schemas: ReadonlyMap<string, readonly Field[]>): TableCatalog {
  return { schemaOf: (name) => schemas.get(name), tableNames: () => [...schemas.keys()] };
}

/** The schema of each table: from a file's header (or a sample), or a loaded Table's own. */
export async function readSchemas(sources: Readonly<Record<string, TableInput>>): Promise<Map<string, readonly Field[]>> {
  const schemas = new Map<string, readonly Field[]>();
  for (const [name, source] of Object.entries(sources)) {
    const file = fileOf(source);
    schemas.set(name, file ? await readTableSchema(file.path, { ...file.options, tableName: name }) : (source as Table).schema);
  }
  return schemas;
}

/** Every name the query text mentions, or undefined when it uses `*` (all columns). */
function mentionedNames(query: Query): Set<string> | undefined {
  const names = new Set<string>();
  let star = false;
  const visit = (x: unknown): void => {
    if (star || x === null || typeof x !== 'object') return;
    if (Array.isArray(x)) {
      x.forEach(visit);
      return;
    }
    const node = x as { kind?: string; name?: unknown; pattern?: string; star?: boolean };
    // getschema lists every column of its input.
    if (node.kind === 'Star' || node.kind === 'GetSchema' || (node.kind === 'Distinct' && node.star)) star = true;
    if (node.kind === 'Name' && typeof node.name === 'string') names.add(node.name);
    if (node.kind === 'ColumnPattern') {
      if (node.pattern!.includes('*')) star = true;
      else names.add(node.pattern!);
    }
    for (const v of Object.values(x)) visit(v);
  };
  visit(query);
  return star ? undefined : names;
}

function sameSchemas(a: BoundQuery, b: BoundQuery): boolean {
  return a.results.length === b.results.length && a.results.every((r, i) => {
    const s = b.results[i].plan.schema;
    return r.plan.schema.length === s.length && r.plan.schema.every((f, k) => f.name === s[k].name && f.type === s[k].type);
  });
}

/**
 * Binds the query against the files' headers, decides which columns each table needs, loads
 * them, and binds again against what was loaded.
 */
export async function prepareQuery(
  query: Query, sources: Readonly<Record<string, TableInput>>, ctx: QueryContext, options: PrepareOptions = {},
): Promise<PreparedQuery> {
  const { progress, keepColumns = [] } = options;
  const headers = await readSchemas(sources);
  const tables = new Map<string, TableSource>();
  const open = async (name: string, columns?: string[]): Promise<TableSource> => {
    const file = fileOf(sources[name]);
    let t = tables.get(name);
    if (!t) {
      t = file
        ? await openTable(file.path, { ...file.options, tableName: name, columns, progress: progress && ((p) => progress(name, p)) })
        : sourceOf(sources[name] as Table);
      tables.set(name, t);
    }
    return t;
  };
  const learned = new Map<number, readonly Field[]>();
  const full = await bindLearning(query, catalogOf(headers), ctx, learned, open);
  // Learning read whole tables; columns are pruned only when nothing was learned.
  const mentioned = learned.size === 0 ? mentionedNames(query) : undefined;
  // The columns a table needs: those the query names, and those its results carry by name.
  const wanted = new Map<string, readonly Field[]>();
  for (const name of full.tables) {
    const keep = (f: Field) => mentioned === undefined || mentioned.has(f.name) || keepColumns.includes(f.name)
      || full.results.some((r) => r.plan.schema.some((o) => o.name === f.name));
    wanted.set(name, headers.get(name)!.filter(keep));
  }
  // Like DuckDB's CSV reader, the columns a query does not need are not converted, so not checked either:
  // a bad value there cannot change the answer (`kql schema` or a query naming the column finds it). But
  // when bad rows are skipped, every typed column is checked, so the same rows go whatever the query.
  const needed = (name: string): string[] => {
    const skipping = fileOf(sources[name])?.options?.skipBadRows;
    const typed = (f: Field) => skipping && f.type !== 'string' && f.type !== 'dynamic';
    return headers.get(name)!.filter((f) => wanted.get(name)!.includes(f) || typed(f)).map((f) => f.name);
  };
  // Pushdown is used only when binding with fewer columns gives the very same result schemas.
  let pushdown = mentioned !== undefined;
  if (pushdown) {
    try {
      pushdown = sameSchemas(full, bindQuery(query, catalogOf(new Map([...headers, ...wanted])), ctx, learned));
    } catch {
      pushdown = false;
    }
  }
  for (const name of full.tables) await open(name, pushdown ? needed(name) : undefined);
  const loaded = new Map([...headers, ...[...tables].map(([n, t]) => [n, t.schema] as const)]);
  return { bound: bindQuery(query, catalogOf(loaded), ctx, learned), tables };
}

/**
 * Binds the query; where an operator's columns depend on the data (SchemaFromDataError), runs its
 * input over the tables it reads, learns the columns, and binds again. Without `open` (no data),
 * only inputs that read no table (datatable, print, range) can be run.
 */
export async function bindLearning(
  query: Query, catalog: TableCatalog, ctx: QueryContext, learned: Map<number, readonly Field[]>,
  open?: (name: string) => Promise<TableSource>,
): Promise<BoundQuery> {
  for (;;) {
    try {
      return bindQuery(query, catalog, ctx, learned);
    } catch (e) {
      if (!(e instanceof SchemaFromDataError) || learned.has(e.span!.start)) throw e;
      const tables = new Map<string, TableSource>();
      for (const name of scannedTables(e.input)) {
        if (!open) throw e;
        if (catalog.schemaOf(name) === undefined) {
          // A table that exists only while the query runs: the rows of mv-apply's subquery.
          throw new NotSupportedError('an operator whose columns depend on the data inside a subquery of mv-apply', e.span);
        }
        tables.set(name, await open(name));
      }
      learned.set(e.span!.start, e.learn(executePlan(e.input, { query: ctx, tables })));
    }
  }
}

/** The tables a plan reads, wherever they are in it (inputs, join sides, subqueries). */
function scannedTables(plan: PlanNode): Set<string> {
  const names = new Set<string>();
  const visit = (x: unknown): void => {
    if (x === null || typeof x !== 'object') return;
    if (Array.isArray(x)) {
      x.forEach(visit);
      return;
    }
    // Plan nodes and bound expressions are plain objects; values (columns, bags) are not looked into.
    if (Object.getPrototypeOf(x) !== Object.prototype) return;
    const node = x as { kind?: unknown; table?: unknown };
    if (node.kind === 'Scan' && typeof node.table === 'string') names.add(node.table);
    Object.values(x).forEach(visit);
  };
  visit(plan);
  return names;
}
