/** The library's public surface. */
export { parseQuery, lineColumn, formatSourceFrame } from './parser/index.js';
export type { Query, Span } from './parser/index.js';
export { bindQuery, type BoundQuery, type TableCatalog } from './engine/bind.js';
export { executeQuery, explainPlan, type QueryResult } from './engine/execute.js';
export { runQuery, checkQuery, type QueryOptions, type CheckedResult } from './engine/run.js';
export { loadTable, readTableSchema, type LoadOptions } from './engine/io/index.js';
export { openTable } from './engine/io/stream.js';
export type { FileSource, TableInput } from './engine/prepare.js';
export type { Table, TableSource } from './engine/batch.js';
export { Batch, sourceOf, tableRows } from './engine/batch.js';
export type { Field, KqlType } from './engine/types.js';
export type { Visualization } from './engine/plan.js';
export {
  KqlError, KqlSyntaxError, SemanticError, NotSupportedError, RuntimeError, InputError, UsageError, InternalError,
} from './engine/errors.js';
