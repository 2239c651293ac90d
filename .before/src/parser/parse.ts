import { EOF, type IToken } from 'chevrotain';
import { KqlSyntaxError } from '../engine/errors.js';
import { span, type Query, type Span } from './ast.js';
import type { QueryCstNode } from './cst.js';
import { toAst } from './cst-to-ast.js';
import { tokenSpan } from './errors.js';
import { tokenize } from './lexer.js';
import { kqlParser } from './parser.js';

/** Parses a whole query; throws a KqlSyntaxError at the first lexing or parsing error. */
export function parseQuery(text: string): Query {
  const tokens = tokenize(text);
  kqlParser.input = tokens;
  const cst = kqlParser.query() as QueryCstNode;
  const [error] = kqlParser.errors;
  if (error) throw new KqlSyntaxError(error.message, errorSpan(error.token, tokens));
  return toAst(cst);
}

/** The offending token; "end of query" points just after the last token, not at trailing blanks. */
function errorSpan(token: IToken, tokens: readonly IToken[]): Span {
  if (token.tokenType !== EOF) return tokenSpan(token);
  const end = tokens.length > 0 ? tokenSpan(tokens.at(-1)!).end : 0;
  return span(end, end);
}
