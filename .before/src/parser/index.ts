/** The parser's public surface: KQL text in, typed AST with spans (or a KqlSyntaxError) out. */
export type * from './ast.js';
export { parseQuery } from './parse.js';
export { formatSourceFrame, lineColumn, type LineColumn } from './source.js';
