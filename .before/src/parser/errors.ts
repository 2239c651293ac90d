/**
 * Syntax errors in the project's templates ("Expected X, found Y.") instead of Chevrotain's wording,
 * and the spans they point at. The parser reports its first error only (recovery is off).
 */
import { EOF, type IParserErrorMessageProvider, type IToken, type TokenType } from 'chevrotain';
import { KqlSyntaxError } from '../engine/errors.js';
import { span, type Span } from './ast.js';

export function tokenSpan(token: IToken): Span {
  return span(token.startOffset, token.startOffset + token.image.length);
}

function label(type: TokenType): string {
  return type === EOF ? 'end of query' : (type.LABEL ?? type.name);
}

/** How an error names the token it stopped at. */
function describeToken(token: IToken): string {
  if (token.tokenType === EOF) return 'end of query';
  const text = token.image.length > 40 ? `${token.image.slice(0, 37)}...` : token.image;
  return `'${text}'`;
}

/** "a, b or c" from the first token of each path, for choices that have no ERR_MSG of their own. */
function firstTokens(paths: readonly (readonly TokenType[])[]): string {
  const labels = [...new Set(paths.filter((p) => p.length > 0).map((p) => label(p[0]!)))];
  return labels.length <= 1 ? (labels[0] ?? 'more') : `${labels.slice(0, -1).join(', ')} or ${labels.at(-1)}`;
}

export const errorMessageProvider: IParserErrorMessageProvider = {
  buildMismatchTokenMessage: ({ expected, actual }) => `Expected ${label(expected)}, found ${describeToken(actual)}.`,
  buildNotAllInputParsedMessage: ({ firstRedundant }) => `Unexpected ${describeToken(firstRedundant)}.`,
  buildNoViableAltMessage: ({ expectedPathsPerAlt, actual, customUserDescription }) =>
    `Expected ${customUserDescription ?? firstTokens(expectedPathsPerAlt.flat())}, found ${describeToken(actual[0]!)}.`,
  buildEarlyExitMessage: ({ expectedIterationPaths, actual, customUserDescription }) =>
    `Expected ${customUserDescription ?? firstTokens(expectedIterationPaths)}, found ${describeToken(actual[0]!)}.`,
};

/** A refusal of KQL we recognise but do not implement, e.g. `Not supported: the 'join' operator.` */
export function notSupported(what: string, at: Span): KqlSyntaxError {
  return new KqlSyntaxError(`Not supported: ${what}.`, at);
}

/** The first lexing error: an unterminated string, or a character that starts no token. */
export function lexingError(text: string, offset: number): KqlSyntaxError {
  if (/^[hH]?@?["']/.test(text.slice(offset, offset + 3))) {
    const lineEnd = text.slice(offset).search(/[\r\n]|$/);
    return new KqlSyntaxError('Unterminated string literal.', span(offset, offset + lineEnd));
  }
  const char = String.fromCodePoint(text.codePointAt(offset)!);
  return new KqlSyntaxError(`Unexpected character '${char}'.`, span(offset, offset + char.length));
}
