import { describe, expect, it } from 'vitest';
import { KqlSyntaxError } from '../../src/engine/errors.js';
import { lineColumn, parseQuery } from '../../src/parser/index.js';

/** The error of parsing `text`, as message, `line:column` of its start, and the text it spans. */
function errorOf(text: string): { message: string; at: string; spanned: string } {
  try {
    parseQuery(text);
  } catch (e) {
    expect(e).toBeInstanceOf(KqlSyntaxError);
    const { message, span } = e as KqlSyntaxError;
    const { line, column } = lineColumn(text, span!.start);
    return { message, at: `${line}:${column}`, spanned: text.slice(span!.start, span!.end) };
  }
  throw new Error(`no error for ${text}`);
}

describe('syntax errors', () => {
  it.each([
    ['print "abc', 'Unterminated string literal.', '1:7', '"abc'],
    ["T\n| where Url == 'abc\n| count", 'Unterminated string literal.', '2:16', "'abc"],
    ['print @"abc', 'Unterminated string literal.', '1:7', '@"abc'],
    ['print f(1, 2', "Expected ')', found end of query.", '1:13', ''],
    ['UrlClickEvents\n| where', 'Expected an expression, found end of query.', '2:8', ''],
    ['UrlClickEvents\n| where   \n\n', 'Expected an expression, found end of query.', '2:8', ''],
    ['UrlClickEvents\n| where // nothing yet', 'Expected an expression, found end of query.', '2:8', ''],
    ['let a = 1;\nT\n| where a >\n| count', "Expected an expression, found '|'.", '4:1', '|'],
    ['T | where x !has_any ("a")', "Unexpected '!has_any'.", '1:13', '!has_any'],
    ['T | where x !has_all ("a")', "Unexpected '!has_all'.", '1:13', '!has_all'],
    ['T | where x has_any_cs ("a")', "Unexpected 'has_any_cs'.", '1:13', 'has_any_cs'],
    ['T | where a AND b', "Unexpected 'AND'.", '1:13', 'AND'],
    ['T | where a § b', "Unexpected character '§'.", '1:13', '§'],
    ['print a ? b', "Unexpected character '?'.", '1:9', '?'],
    ['T | where | count', "Expected an expression, found '|'.", '1:11', '|'],
    ['T | where x == 1 == 2', "Unexpected '=='.", '1:18', '=='],
    ['print 1 +', 'Expected an expression, found end of query.', '1:10', ''],
    ['T | extend x = 1,', 'Expected an expression, found end of query.', '1:18', ''],
    ['T | ', 'Expected a query operator, found end of query.', '1:4', ''],
    ['T | and', "Expected a query operator, found 'and'.", '1:5', 'and'],
    ['T | render', 'Expected a name, found end of query.', '1:11', ''],
    ['T | summarize', "Expected an expression or 'by', found end of query.", '1:14', ''],
    ['T | summarize by', 'Expected an expression, found end of query.', '1:17', ''],
    ['T | make-series count() on T', "Expected 'in', 'from', 'to' or 'step', found end of query.", '1:29', ''],
    ['T | where x between (1, 2)', "Expected '..', found ','.", '1:23', ','],
    ['let x = 5 T', "Unexpected 'T'.", '1:11', 'T'],
    ['let = 1', "Expected a name, found '='.", '1:5', '='],
    ['print x.1', "Expected a name, found '1'.", '1:9', '1'],
    ['T | where x in ()', "Expected an expression, found ')'.", '1:17', ')'],
    ['print dynamic([1,)', "Expected a dynamic value, found ')'.", '1:18', ')'],
    ['print "a\\qb"', "Invalid escape sequence '\\q' in string literal.", '1:9', '\\q'],
    ['print int(1.5)', "Invalid int literal 'int(1.5)'.", '1:7', 'int(1.5)'],
    ['print int(2147483648)', "Invalid int literal 'int(2147483648)'.", '1:7', 'int(2147483648)'],
    ['print bool(yes)', "Invalid bool literal 'bool(yes)'.", '1:7', 'bool(yes)'],
    ['print time(abc)', "Invalid timespan literal 'time(abc)'.", '1:7', 'time(abc)'],
    ['print 99999999999999999999', "Invalid long literal '99999999999999999999'.", '1:7', '99999999999999999999'],
    ['print typeof(1)', 'Expected a type name in typeof(...).', '1:7', 'typeof(1)'],
    ['1 | count', "Expected a tabular expression before '|'.", '1:1', '1'],
    // The first error wins, even when an unsupported operator follows it.
    ['T | where ( | join U', "Expected an expression, found '|'.", '1:13', '|'],
  ])('%j', (text, message, at, spanned) => {
    expect(errorOf(text)).toEqual({ message, at, spanned });
  });
});

describe('refusals of KQL we do not support', () => {
  it.each([
    ['T | join U on x', "Not supported: the 'join' operator.", '1:5', 'join'],
    ['T | join kind=inner (U) on $left.a == $right.b', "Not supported: the 'join' operator.", '1:5', 'join'],
    ['T\n| mv-expand x', "Not supported: the 'mv-expand' operator.", '2:3', 'mv-expand'],
    ['T | project-away x', "Not supported: the 'project-away' operator.", '1:5', 'project-away'],
    ['T | make_series x', "Not supported: the 'make_series' operator.", '1:5', 'make_series'],
    ['T | sort by x desc', "Not supported: the 'sort' operator.", '1:5', 'sort'],
    ['T | top 10 by x', "Not supported: the 'top' operator.", '1:5', 'top'],
    ['T | distinct x', "Not supported: the 'distinct' operator.", '1:5', 'distinct'],
    ['T | as X', "Not supported: the 'as' operator.", '1:5', 'as'],
    ['T | where a | union U', "Not supported: the 'union' operator.", '1:15', 'union'],
    ['union T, U', "Not supported: the 'union' operator.", '1:1', 'union'],
    ['datatable(a:int) [1]', "Not supported: the 'datatable' operator.", '1:1', 'datatable'],
    ['let t = externaldata(a:string) [@"x"];', "Not supported: the 'externaldata' operator.", '1:9', 'externaldata'],
    ['print x in (union T)', "Not supported: the 'union' operator.", '1:13', 'union'],
    ['T | summarize hint.strategy = shuffle count() by x', "Not supported: the 'hint.strategy' hint.", '1:15', 'hint.strategy'],
    ['T | make-series hint.shufflekey = k count() on t step 1d', "Not supported: the 'hint.shufflekey' hint.", '1:17', 'hint.shufflekey'],
    ['let f = (a:long) { a * 2 };', 'Not supported: user-defined functions.', '1:9', '('],
    ['let f = () { 1 };', 'Not supported: user-defined functions.', '1:9', '('],
    ['let v = view () { T };', 'Not supported: user-defined functions.', '1:9', 'view'],
    ['set query_now = datetime(2020-01-01);\nT', "Not supported: the 'set' statement.", '1:1', 'set'],
    ['declare query_parameters(x:long = 1);', "Not supported: the 'declare' statement.", '1:1', 'declare'],
  ])('%j', (text, message, at, spanned) => {
    expect(errorOf(text)).toEqual({ message, at, spanned });
  });

  it('a table may still be named like a refused statement', () => {
    expect(parseQuery('set | count').statements).toHaveLength(1);
  });
});
