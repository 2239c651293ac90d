import { Lexer, type IToken } from 'chevrotain';
import { lexingError } from './errors.js';
import { allTokens } from './tokens.js';

/** Offsets are all we need: line and column are derived from them when an error is printed. */
const kqlLexer = new Lexer(allTokens, { positionTracking: 'onlyOffset', ensureOptimizations: true });

/** The tokens of `text`, or a KqlSyntaxError at the first character that starts no token. */
export function tokenize(text: string): IToken[] {
  const { tokens, errors } = kqlLexer.tokenize(text);
  if (errors.length > 0) throw lexingError(text, errors[0]!.offset);
  return tokens;
}
