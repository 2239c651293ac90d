/**
 * Every token of the KQL subset, and the order the lexer tries them in. Chevrotain takes the first
 * pattern that matches (not the longest), so the order below is part of the grammar:
 * literals whose text starts with a word (`datetime(...)`, `int(5)`, `h"..."`) come before keywords
 * and names; dashed keywords come before `-` and before the plain word; longer spellings come
 * before their prefixes (`!in~` before `!in`, `has_any` before `has`, `=~` before `=`).
 */
import { createToken, Lexer, type TokenType } from 'chevrotain';

// ---------------------------------------------------------------------------------------------
// Skipped

export const WhiteSpace = createToken({ name: 'WhiteSpace', pattern: /\s+/, group: Lexer.SKIPPED });
export const Comment = createToken({ name: 'Comment', pattern: /\/\/[^\r\n]*/, group: Lexer.SKIPPED });

// ---------------------------------------------------------------------------------------------
// Names. Soft keywords (below) are put in the Identifier category, so they are names wherever the
// grammar does not expect them as keywords.

export const Identifier = createToken({ name: 'Identifier', pattern: /[A-Za-z_][A-Za-z0-9_]*/, label: 'a name' });

/** `$left` / `$right` of join keys: not names, so `$x` is a lexing error and `$leftx` is not `$left`. */
export const JoinSide = createToken({
  name: 'JoinSide',
  pattern: /\$(?:left|right)(?![A-Za-z0-9_])/,
  start_chars_hint: ['$'],
  label: "'$left' or '$right'",
});

/** `['Some name']` or `["Some name"]`; after an expression it is an index: `d["key"]`. */
export const QuotedIdentifier = createToken({
  name: 'QuotedIdentifier',
  pattern: /\[\s*(?:'(?:[^'\\\r\n]|\\.)*'|"(?:[^"\\\r\n]|\\.)*")\s*\]/,
  label: 'a name',
});

// ---------------------------------------------------------------------------------------------
// Literals

/**
 * `datetime(...)`, `timespan(...)`, `guid(...)`, `int(...)` and the other scalar typed literals as one
 * token: their content (`2015-12-31 23:59:59.9`, `0.12:34:56.7`, `15 seconds`) is not made of KQL tokens.
 * A word followed by anything but `(` stays a name, as in `typeof(int)`.
 */
export const TypedLiteral = createToken({
  name: 'TypedLiteral',
  pattern: /(?:bool|boolean|int|long|real|double|decimal|datetime|timespan|time|guid)\s*\([^()]*\)/,
  label: 'a literal',
});

/** `dynamic(`: the JSON-like content is parsed by the grammar. */
export const DynamicOpen = createToken({ name: 'DynamicOpen', pattern: /dynamic\s*\(/, label: "'dynamic('" });

/** Regular, verbatim (`@"..."`) and obfuscated (`h"..."`) strings; none may span lines. */
export const StringLiteral = createToken({
  name: 'StringLiteral',
  pattern: /[hH]?(?:@"(?:[^"\r\n]|"")*"|@'(?:[^'\r\n]|'')*'|"(?:[^"\\\r\n]|\\.)*"|'(?:[^'\\\r\n]|\\.)*')/,
  label: 'a string',
});

/** Timespan suffixes (kql-notes §6.3) with their length in nanoseconds (1 tick = 100 ns). */
export const TIMESPAN_UNITS: ReadonlyMap<string, bigint> = new Map([
  ...units(['d', 'day', 'days'], 86_400_000_000_000n),
  ...units(['h', 'hr', 'hrs', 'hour', 'hours'], 3_600_000_000_000n),
  ...units(['m', 'min', 'minute', 'minutes'], 60_000_000_000n),
  ...units(['s', 'sec', 'second', 'seconds'], 1_000_000_000n),
  ...units(['ms', 'milli', 'millis', 'millisec', 'millisecond', 'milliseconds'], 1_000_000n),
  ...units(['micro', 'micros', 'microsec', 'microsecond', 'microseconds'], 1_000n),
  ...units(['nano', 'nanos', 'nanosec', 'nanosecond', 'nanoseconds'], 1n),
  ...units(['tick', 'ticks'], 100n),
]);

function units(names: string[], nanos: bigint): [string, bigint][] {
  return names.map((n) => [n, nanos]);
}

/** Longest suffix first, since regex alternation also takes the first match: `1min` is not `1m` + `in`. */
const suffixes = [...TIMESPAN_UNITS.keys()].sort((a, b) => b.length - a.length).join('|');

export const TimespanLiteral = createToken({
  name: 'TimespanLiteral',
  pattern: new RegExp(`\\d+(?:\\.\\d+)?(?:${suffixes})`),
  label: 'a timespan',
});

/** Digits are required after the dot, so `1..5` is `1`, `..`, `5`. */
export const RealLiteral = createToken({
  name: 'RealLiteral',
  pattern: /\d+\.\d+(?:[eE][+-]?\d+)?|\d+[eE][+-]?\d+/,
  label: 'a number',
});

export const LongLiteral = createToken({ name: 'LongLiteral', pattern: /0[xX][0-9a-fA-F]+|\d+/, label: 'a number' });

// ---------------------------------------------------------------------------------------------
// Operator categories: the visitor reads the operator from the token image.

export const ComparisonOp = createToken({ name: 'ComparisonOp', pattern: Lexer.NA });
export const ListOp = createToken({ name: 'ListOp', pattern: Lexer.NA });
export const BetweenOp = createToken({ name: 'BetweenOp', pattern: Lexer.NA });
export const AdditiveOp = createToken({ name: 'AdditiveOp', pattern: Lexer.NA });
export const MultiplicativeOp = createToken({ name: 'MultiplicativeOp', pattern: Lexer.NA });

/** Words that are keywords in some places and names elsewhere (`by`, `count`, `range`, ...). */
export const SoftKeyword = createToken({ name: 'SoftKeyword', pattern: Lexer.NA });

// ---------------------------------------------------------------------------------------------
// Dashed keywords, lexed before `-` and before their first word.

function dashed(name: string, word: string): TokenType {
  return createToken({ name, pattern: word, label: `'${word}'` });
}

export const MakeSeries = dashed('MakeSeries', 'make-series');
export const MvExpand = dashed('MvExpand', 'mv-expand');
export const MvApply = dashed('MvApply', 'mv-apply');
export const ProjectAway = dashed('ProjectAway', 'project-away');
export const ProjectKeep = dashed('ProjectKeep', 'project-keep');
export const ProjectReorder = dashed('ProjectReorder', 'project-reorder');
export const ProjectRename = dashed('ProjectRename', 'project-rename');
export const ParseWhere = dashed('ParseWhere', 'parse-where');
/** The orders of project-reorder besides `asc` and `desc`. */
export const GrannyAsc = dashed('GrannyAsc', 'granny-asc');
export const GrannyDesc = dashed('GrannyDesc', 'granny-desc');

/** Dashed operators we refuse by name; without this token `top-nested` would read as `top - nested`. */
const UNSUPPORTED_DASHED = [
  'parse-kv', 'top-nested', 'top-hitters', 'make-graph', 'graph-match', 'graph-merge',
  'graph-to-table', 'graph-shortest-paths', 'graph-mark-components',
];

export const UnsupportedDashedOperator = createToken({
  name: 'UnsupportedDashedOperator',
  pattern: new RegExp(UNSUPPORTED_DASHED.join('|')),
  label: 'an operator',
});

// ---------------------------------------------------------------------------------------------
// Keywords. KQL keywords are case-sensitive; `longer_alt` keeps `hasX` or `index` a name.

/** `!` followed by a word that is no operator (`!has_any`): a token, so errors can quote it whole. */
export const BangWord = createToken({ name: 'BangWord', pattern: /![A-Za-z_][A-Za-z0-9_]*/, label: 'an operator' });

interface KeywordOptions {
  readonly categories?: TokenType[];
  /** Also a name: put in the Identifier category. */
  readonly soft?: boolean;
}

const keywordList: TokenType[] = [];

function keyword(name: string, word: string, options: KeywordOptions = {}): TokenType {
  const negated = word.startsWith('!');
  const token = createToken({
    name,
    pattern: word,
    longer_alt: negated ? BangWord : Identifier,
    categories: [...(options.categories ?? []), ...(options.soft ? [SoftKeyword, Identifier] : [])],
    label: `'${word}'`,
  });
  keywordList.push(token);
  return token;
}

const cmp = { categories: [ComparisonOp] };
const list = { categories: [ListOp] };
const soft = { soft: true };

export const Let = keyword('Let', 'let');
export const And = keyword('And', 'and');
export const Or = keyword('Or', 'or');
export const BoolLiteral = createToken({
  name: 'BoolLiteral',
  pattern: /true|True|TRUE|false|False|FALSE/,
  longer_alt: Identifier,
  label: 'a bool',
});

export const Has = keyword('Has', 'has', cmp);
export const NotHas = keyword('NotHas', '!has', cmp);
export const HasCs = keyword('HasCs', 'has_cs', cmp);
export const NotHasCs = keyword('NotHasCs', '!has_cs', cmp);
export const HasPrefix = keyword('HasPrefix', 'hasprefix', cmp);
export const NotHasPrefix = keyword('NotHasPrefix', '!hasprefix', cmp);
export const HasPrefixCs = keyword('HasPrefixCs', 'hasprefix_cs', cmp);
export const NotHasPrefixCs = keyword('NotHasPrefixCs', '!hasprefix_cs', cmp);
export const HasSuffix = keyword('HasSuffix', 'hassuffix', cmp);
export const NotHasSuffix = keyword('NotHasSuffix', '!hassuffix', cmp);
export const HasSuffixCs = keyword('HasSuffixCs', 'hassuffix_cs', cmp);
export const NotHasSuffixCs = keyword('NotHasSuffixCs', '!hassuffix_cs', cmp);
export const Contains = keyword('Contains', 'contains', cmp);
export const NotContains = keyword('NotContains', '!contains', cmp);
export const ContainsCs = keyword('ContainsCs', 'contains_cs', cmp);
export const NotContainsCs = keyword('NotContainsCs', '!contains_cs', cmp);
export const StartsWith = keyword('StartsWith', 'startswith', cmp);
export const NotStartsWith = keyword('NotStartsWith', '!startswith', cmp);
export const StartsWithCs = keyword('StartsWithCs', 'startswith_cs', cmp);
export const NotStartsWithCs = keyword('NotStartsWithCs', '!startswith_cs', cmp);
export const EndsWith = keyword('EndsWith', 'endswith', cmp);
export const NotEndsWith = keyword('NotEndsWith', '!endswith', cmp);
export const EndsWithCs = keyword('EndsWithCs', 'endswith_cs', cmp);
export const NotEndsWithCs = keyword('NotEndsWithCs', '!endswith_cs', cmp);

export const In = keyword('In', 'in', list);
export const NotIn = keyword('NotIn', '!in', list);
export const InCi = keyword('InCi', 'in~', list);
export const NotInCi = keyword('NotInCi', '!in~', list);
export const HasAny = keyword('HasAny', 'has_any', list);
export const HasAll = keyword('HasAll', 'has_all', list);
export const Between = keyword('Between', 'between', { categories: [BetweenOp] });
export const NotBetween = keyword('NotBetween', '!between', { categories: [BetweenOp] });

export const Matches = keyword('Matches', 'matches', soft);
export const Regex = keyword('Regex', 'regex', soft);

// Query operators and their clause words.
export const Where = keyword('Where', 'where', soft);
export const Filter = keyword('Filter', 'filter', soft);
export const Extend = keyword('Extend', 'extend', soft);
export const Serialize = keyword('Serialize', 'serialize', soft);
export const GetSchema = keyword('GetSchema', 'getschema', soft);
export const Scan = keyword('Scan', 'scan', soft);
export const Parse = keyword('Parse', 'parse', soft);
export const Evaluate = keyword('Evaluate', 'evaluate', soft);
export const Project = keyword('Project', 'project', soft);
export const Summarize = keyword('Summarize', 'summarize', soft);
export const Render = keyword('Render', 'render', soft);
export const Take = keyword('Take', 'take', soft);
export const Limit = keyword('Limit', 'limit', soft);
export const Count = keyword('Count', 'count', soft);
export const Print = keyword('Print', 'print', soft);
export const Range = keyword('Range', 'range', soft);
export const By = keyword('By', 'by', soft);
export const On = keyword('On', 'on', soft);
export const Kind = keyword('Kind', 'kind', soft);
export const From = keyword('From', 'from', soft);
export const To = keyword('To', 'to', soft);
export const Step = keyword('Step', 'step', soft);
export const With = keyword('With', 'with', soft);
export const Default = keyword('Default', 'default', soft);
export const Null = keyword('Null', 'null', soft);
export const Sort = keyword('Sort', 'sort', soft);
export const Order = keyword('Order', 'order', soft);
export const Asc = keyword('Asc', 'asc', soft);
export const Desc = keyword('Desc', 'desc', soft);
export const Nulls = keyword('Nulls', 'nulls', soft);
export const First = keyword('First', 'first', soft);
export const Last = keyword('Last', 'last', soft);
export const Top = keyword('Top', 'top', soft);
export const Distinct = keyword('Distinct', 'distinct', soft);
export const Join = keyword('Join', 'join', soft);
export const Lookup = keyword('Lookup', 'lookup', soft);
export const Union = keyword('Union', 'union', soft);
export const As = keyword('As', 'as', soft);
export const Datatable = keyword('Datatable', 'datatable', soft);
export const View = keyword('View', 'view', soft);

/** Source operators we refuse by name when they start an expression; names elsewhere. */
export const UnsupportedSourceOperator = createToken({
  name: 'UnsupportedSourceOperator',
  pattern: /externaldata|find|search/,
  longer_alt: Identifier,
  categories: [SoftKeyword, Identifier],
  label: 'an operator',
});

// ---------------------------------------------------------------------------------------------
// Punctuation

function symbol(name: string, text: string, categories: TokenType[] = []): TokenType {
  return createToken({ name, pattern: text, categories, label: `'${text}'` });
}

export const DotDot = symbol('DotDot', '..');
export const Dot = symbol('Dot', '.');
export const EqualEqual = symbol('EqualEqual', '==', [ComparisonOp]);
export const EqualTilde = symbol('EqualTilde', '=~', [ComparisonOp]);
/** `=>` between a scan step's condition and its assignments. */
export const FatArrow = symbol('FatArrow', '=>');
export const Equals = symbol('Equals', '=');
export const NotEqual = symbol('NotEqual', '!=', [ComparisonOp]);
export const NotTilde = symbol('NotTilde', '!~', [ComparisonOp]);
export const LessEqual = symbol('LessEqual', '<=', [ComparisonOp]);
export const LessGreater = symbol('LessGreater', '<>', [ComparisonOp]);
export const Less = symbol('Less', '<', [ComparisonOp]);
export const GreaterEqual = symbol('GreaterEqual', '>=', [ComparisonOp]);
export const Greater = symbol('Greater', '>', [ComparisonOp]);
export const Pipe = symbol('Pipe', '|');
export const Semicolon = symbol('Semicolon', ';');
export const Comma = symbol('Comma', ',');
export const LParen = symbol('LParen', '(');
export const RParen = symbol('RParen', ')');
export const LBracket = symbol('LBracket', '[');
export const RBracket = symbol('RBracket', ']');
export const LBrace = symbol('LBrace', '{');
export const RBrace = symbol('RBrace', '}');
export const Colon = symbol('Colon', ':');
export const Plus = symbol('Plus', '+', [AdditiveOp]);
export const Minus = symbol('Minus', '-', [AdditiveOp]);
export const Star = symbol('Star', '*', [MultiplicativeOp]);
export const Slash = symbol('Slash', '/', [MultiplicativeOp]);
export const Percent = symbol('Percent', '%', [MultiplicativeOp]);

/** Longer keywords first, so that `has_any` is tried before `has` and `!in~` before `!in`. */
const keywordsByLength = [...keywordList].sort((a, b) => String(b.PATTERN).length - String(a.PATTERN).length);

export const allTokens: TokenType[] = [
  WhiteSpace,
  Comment,
  TypedLiteral,
  DynamicOpen,
  StringLiteral,
  TimespanLiteral,
  RealLiteral,
  LongLiteral,
  QuotedIdentifier,
  MakeSeries,
  MvExpand,
  MvApply,
  ProjectAway,
  ProjectKeep,
  ProjectReorder,
  ProjectRename,
  ParseWhere,
  GrannyAsc,
  GrannyDesc,
  UnsupportedDashedOperator,
  BoolLiteral,
  ...keywordsByLength,
  UnsupportedSourceOperator,
  BangWord,
  Identifier,
  JoinSide,
  DotDot,
  Dot,
  EqualEqual,
  EqualTilde,
  FatArrow,
  Equals,
  NotEqual,
  NotTilde,
  LessEqual,
  LessGreater,
  Less,
  GreaterEqual,
  Greater,
  Pipe,
  Semicolon,
  Comma,
  LParen,
  RParen,
  LBracket,
  RBracket,
  LBrace,
  RBrace,
  Colon,
  Plus,
  Minus,
  Star,
  Slash,
  Percent,
  // Categories are listed so that the parser knows them; their NA pattern never matches.
  ComparisonOp,
  ListOp,
  BetweenOp,
  AdditiveOp,
  MultiplicativeOp,
  SoftKeyword,
];
