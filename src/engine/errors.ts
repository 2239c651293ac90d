import type { Span } from '../parser/ast.js';
import type { Batch } from './batch.js';
import type { PlanNode } from './plan.js';
import type { Field } from './types.js';

export type ErrorPhase = 'syntax' | 'semantic' | 'runtime' | 'input' | 'usage' | 'internal';

/**
 * The one error family of the project. Stores offsets; line and column are derived from the
 * query text when the error is printed (see parser/source.ts).
 */
export class KqlError extends Error {
  readonly phase: ErrorPhase;
  readonly span?: Span;
  readonly code: string;

  constructor(phase: ErrorPhase, code: string, message: string, span?: Span) {
    super(message);
    this.name = 'KqlError';
    this.phase = phase;
    this.code = code;
    this.span = span;
  }
}

export class KqlSyntaxError extends KqlError {
  constructor(message: string, span?: Span) {
    super('syntax', 'SYN', message, span);
    this.name = 'KqlSyntaxError';
  }
}

/** Name, type and arity problems found while binding a query. */
export class SemanticError extends KqlError {
  constructor(message: string, span?: Span, code = 'SEM') {
    super('semantic', code, message, span);
    this.name = 'SemanticError';
  }
}

/** A query uses a KQL feature this engine does not implement: never approximated, always refused. */
export class NotSupportedError extends KqlError {
  constructor(feature: string, span?: Span, hint?: string) {
    super('semantic', 'NOT_SUPPORTED', `Not supported: ${feature}.${hint ? ' ' + hint : ''}`, span);
    this.name = 'NotSupportedError';
  }
}

/**
 * An operator whose output columns depend on the data (evaluate bag_unpack) was bound before those
 * columns were learned. Whoever has the data runs `input`, gives its rows to `learn`, and binds again
 * with the result (see prepare.ts); without data (`kql check`) this is the error shown.
 */
export class SchemaFromDataError extends KqlError {
  readonly input: PlanNode;
  readonly learn: (rows: Iterable<Batch>) => readonly Field[];
  constructor(what: string, span: Span, input: PlanNode, learn: (rows: Iterable<Batch>) => readonly Field[]) {
    super('semantic', 'SCHEMA_FROM_DATA', `The columns of ${what} depend on the data: they are known only when the query runs.`, span);
    this.name = 'SchemaFromDataError';
    this.input = input;
    this.learn = learn;
  }
}

/** Bad data met while running a query (for example a value out of range). */
export class RuntimeError extends KqlError {
  constructor(message: string, span?: Span) {
    super('runtime', 'RUN', message, span);
    this.name = 'RuntimeError';
  }
}

/** Input files that cannot be read: always names the file, and the line when there is one. */
export class InputError extends KqlError {
  /** The message without the file and line. */
  readonly problem: string;
  readonly file?: string;
  readonly line?: number;
  constructor(problem: string, file?: string, line?: number) {
    const where = file ? `${file}${line !== undefined ? `:${line}` : ''}: ` : '';
    super('input', 'INPUT', `${where}${problem}`);
    this.name = 'InputError';
    this.problem = problem;
    this.file = file;
    this.line = line;
  }
}

/** Bad command-line usage (unknown option values, missing arguments). */
export class UsageError extends KqlError {
  constructor(message: string) {
    super('usage', 'USAGE', message);
    this.name = 'UsageError';
  }
}

/** A broken invariant of the engine itself: a bug, reported as such. */
export class InternalError extends KqlError {
  constructor(message: string, span?: Span) {
    super('internal', 'INTERNAL', `Internal error: ${message}`, span);
    this.name = 'InternalError';
  }
}
