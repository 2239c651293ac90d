/** One place that turns errors into messages and exit codes. */
import { KqlError } from '../engine/errors.js';
import { formatSourceFrame, lineColumn } from '../parser/index.js';

/** The query text an error's span points into, and the name to show for it. */
export interface QuerySource {
  readonly text: string;
  readonly name: string;
}

const PHASE_TITLE: Record<KqlError['phase'], string> = {
  syntax: 'Syntax error',
  semantic: 'Semantic error',
  runtime: 'Runtime error',
  input: 'Input error',
  usage: 'Usage error',
  internal: 'Internal error',
};

/** 1: the query is wrong; 2: the command line or an input file is; 70: a bug in kql. */
export function exitCodeOf(e: KqlError): number {
  switch (e.phase) {
    case 'usage':
    case 'input':
      return 2;
    case 'internal':
      return 70;
    default:
      return 1;
  }
}

export function describeError(e: unknown, source: QuerySource | undefined, debug: boolean): string {
  const stack = debug && e instanceof Error && e.stack ? `\n${e.stack}` : '';
  if (!(e instanceof KqlError)) {
    const message = e instanceof Error ? e.message : String(e);
    return `Internal error: ${message}${stack || '\n(run again with --debug for a stack trace, and please report it)'}`;
  }
  const title = PHASE_TITLE[e.phase];
  if (e.span && source) {
    const { line, column } = lineColumn(source.text, e.span.start);
    return `${title} at ${source.name}:${line}:${column}: ${e.message}\n${formatSourceFrame(source.text, e.span)}${stack}`;
  }
  const message = e.message.startsWith('Internal error: ') ? e.message.slice('Internal error: '.length) : e.message;
  return `${title}: ${message}${stack}`;
}

/** The error as a JSON object, for `--format json` consumers. */
export function errorJson(e: unknown, source: QuerySource | undefined): Record<string, unknown> {
  if (!(e instanceof KqlError)) return { phase: 'internal', message: e instanceof Error ? e.message : String(e) };
  const out: Record<string, unknown> = { phase: e.phase, code: e.code, message: e.message };
  if (e.span && source) {
    const { line, column } = lineColumn(source.text, e.span.start);
    Object.assign(out, { line, column, source: source.name });
  }
  return out;
}
