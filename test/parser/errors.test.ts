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

describe('malformed forms of the newer operators', () => {
  it.each([
    ['T | sort x', "Expected 'by', found 'x'.", '1:10', 'x'],
    ['T | order by', 'Expected an expression, found end of query.', '1:13', ''],
    ['T | sort by x nulls', "Expected 'first' or 'last', found end of query.", '1:20', ''],
    ['T | sort by x desc asc', "Unexpected 'asc'.", '1:20', 'asc'],
    ['T | top by x', "Expected 'by', found 'x'.", '1:12', 'x'],
    ['T | top 10', "Expected 'by', found end of query.", '1:11', ''],
    ['T | distinct', "Expected an expression or '*', found end of query.", '1:13', ''],
    ['T | distinct a,', 'Expected an expression, found end of query.', '1:16', ''],
    ['T | project-away', "Expected a name or '*', found end of query.", '1:17', ''],
    ['T | project-away a b', "Unexpected 'b'.", '1:20', 'b'],
    ['T | project-away a asc', "Unexpected 'asc'.", '1:20', 'asc'],
    ['T | project-keep a granny-desc', "Unexpected 'granny-desc'.", '1:20', 'granny-desc'],
    ['T | project-away x.y', "Unexpected '.'.", '1:19', '.'],
    ['T | project-reorder a*, b asc desc', "Unexpected 'desc'.", '1:31', 'desc'],
    ['T | project-rename a', "Expected '=', found end of query.", '1:21', ''],
    ['T | project-rename a = 1', "Expected a name, found '1'.", '1:24', '1'],
    ['T | join U', "Expected 'on', found end of query.", '1:11', ''],
    // `on` is a name where a table is expected: a table named `on`, then no `on`.
    ['T | join on x', "Expected 'on', found 'x'.", '1:13', 'x'],
    ['T | join | count', "Expected a table, found '|'.", '1:10', '|'],
    ['T | join U on', "Expected a column name or '$left', found end of query.", '1:14', ''],
    ['T | join U on $left.a', "Expected '==', found end of query.", '1:22', ''],
    ['T | join U on $left.a == b', "Expected '$left' or '$right', found 'b'.", '1:26', 'b'],
    ['T | join U on $left.a == $left.b', "Expected '$right', found '$left'.", '1:26', '$left'],
    ['T | join U on $right.a == $right.b', "Expected '$left', found '$right'.", '1:27', '$right'],
    ['T | join U on $lefty.a == $right.b', "Unexpected character '$'.", '1:15', '$'],
    [
      'T | join kind=outer U on x',
      "Expected 'innerunique', 'inner', 'leftouter', 'rightouter', 'fullouter', 'leftanti', 'rightanti', 'leftsemi', 'rightsemi', 'anti', 'leftantisemi', 'rightantisemi' or 'semi' after 'kind=', found 'outer'.",
      '1:15',
      'outer',
    ],
    ['T | join kind=inner kind=inner U on x', "Unexpected 'kind'.", '1:21', 'kind'],
    ['T | join kind= U on x', "Expected 'innerunique', 'inner', 'leftouter', 'rightouter', 'fullouter', 'leftanti', 'rightanti', 'leftsemi', 'rightsemi', 'anti', 'leftantisemi', 'rightantisemi' or 'semi' after 'kind=', found 'U'.", '1:16', 'U'],
    ['T | lookup kind=leftanti U on x', "Expected 'leftouter' or 'inner' after 'kind=', found 'leftanti'.", '1:17', 'leftanti'],
    ['T | union', 'Expected a table, found end of query.', '1:10', ''],
    ['T | union U,', 'Expected a table, found end of query.', '1:13', ''],
    ['union kind=left T', "Expected 'inner' or 'outer' after 'kind=', found 'left'.", '1:12', 'left'],
    ['union isfuzzy=1 T', "Expected true or false after 'isfuzzy=', found '1'.", '1:15', '1'],
    ['union withsource="x" T', 'Expected a name after \'withsource=\', found \'"x"\'.', '1:18', '"x"'],
    ['union T | where', 'Expected an expression, found end of query.', '1:16', ''],
    ['T | mv-expand', 'Expected an expression, found end of query.', '1:14', ''],
    ['T | mv-expand x to long', "Expected 'typeof', found 'long'.", '1:20', 'long'],
    ['T | mv-expand x to typeof(1)', "Expected a name, found '1'.", '1:27', '1'],
    ['T | mv-expand x limit', 'Expected an expression, found end of query.', '1:22', ''],
    ['T | mv-expand bagexpansion=dict x', "Expected 'bag' or 'array' after 'bagexpansion=', found 'dict'.", '1:28', 'dict'],
    ['T | mv-expand kind=bag bagexpansion=array x', "Unexpected 'bagexpansion'.", '1:24', 'bagexpansion'],
    ['T | as', 'Expected a name, found end of query.', '1:7', ''],
    ['T | as X Y', "Unexpected 'Y'.", '1:10', 'Y'],
    ['datatable (a:long)', "Expected '[', found end of query.", '1:19', ''],
    ['datatable (a) [1]', "Expected ':', found ')'.", '1:13', ')'],
    ['datatable [1]', "Expected '(', found '['.", '1:11', '['],
    ['datatable (a:long) [x]', "Expected a literal or ']', found 'x'.", '1:21', 'x'],
    ['datatable (a:long) [1, x]', "Expected ']', found 'x'.", '1:24', 'x'],
    ['datatable (a:long) [1 + 2]', "Expected ']', found '+'.", '1:23', '+'],
    ['datatable (a:long) [1', "Expected ']', found end of query.", '1:22', ''],
    ['let f = (a) { 1 };', "Expected ':', found ')'.", '1:11', ')'],
    ['let f = (a, b:long) { 1 };', "Expected ':', found ','.", '1:11', ','],
    ['let f = (a:long) { };', "Expected an expression, found '}'.", '1:20', '}'],
    ['let f = (a:long) { let x = 1 };', "Expected ';', found '}'.", '1:30', '}'],
    ['let f = (a:long) { a a };', "Expected '}', found 'a'.", '1:22', 'a'],
    ['let f = (a:long) {\n  a\n', "Expected '}', found end of query.", '2:4', ''],
    ['let f = (T:()) { T };', "Expected '*' or a name, found ')'.", '1:13', ')'],
    ['let f = (T:(a)) { T };', "Expected ':', found ')'.", '1:14', ')'],
    ['let f = (a:long) { 1 } | count', "Unexpected '|'.", '1:24', '|'],
    ['print $x', "Unexpected character '$'.", '1:7', '$'],
    ['print $left.a', "Expected an expression, found '$left'.", '1:7', '$left'],
    ['print x.', 'Expected a name, found end of query.', '1:9', ''],
  ])('%j', (text, message, at, spanned) => {
    expect(errorOf(text)).toEqual({ message, at, spanned });
  });
});

describe('refusals of KQL we do not support', () => {
  it.each([
    ['T | evaluate pivot(x)', "Not supported: the plugin 'pivot'.", '1:14', 'pivot'],
    ['T | invoke f()', "Not supported: the 'invoke' operator.", '1:5', 'invoke'],
    ['T | fork (take 1)', "Not supported: the 'fork' operator.", '1:5', 'fork'],
    ['T | facet by x', "Not supported: the 'facet' operator.", '1:5', 'facet'],
    ['T | search "x"', "Not supported: the 'search' operator.", '1:5', 'search'],
    ['T | sample 10', "Not supported: the 'sample' operator.", '1:5', 'sample'],
    ['T | partition by x (take 1)', "Not supported: the 'partition' operator.", '1:5', 'partition'],
    ['T | make-graph a --> b with N on id', "Not supported: the 'make-graph' operator.", '1:5', 'make-graph'],
    ['T | top-nested 3 of x by count()', "Not supported: the 'top-nested' operator.", '1:5', 'top-nested'],
    ['T | top-hitters 3 of x', "Not supported: the 'top-hitters' operator.", '1:5', 'top-hitters'],
    ['T | parse-kv x as (a:string)', "Not supported: the 'parse-kv' operator.", '1:5', 'parse-kv'],
    ['T | make_series x', "Not supported: the 'make_series' operator.", '1:5', 'make_series'],
    ['find "x"', "Not supported: the 'find' operator.", '1:1', 'find'],
    ['search "x"', "Not supported: the 'search' operator.", '1:1', 'search'],
    [
      'let t = externaldata(a:string) [@"x"];',
      "Not supported: the 'externaldata' operator (it reads from the network). Load the file with -t Name=PATH and query it as a table instead.",
      '1:9',
      'externaldata',
    ],
    ['union Email*', "Not supported: wildcard table names ('Email*').", '1:7', 'Email*'],
    ['T | union U, *Events', "Not supported: wildcard table names ('*Events').", '1:14', '*Events'],
    ['union *', "Not supported: wildcard table names ('*').", '1:7', '*'],
    ['union Device*Events, T', "Not supported: wildcard table names ('Device*Events').", '1:7', 'Device*Events'],
    ['T | extend (a, b) = f(x)', 'Not supported: assigning several columns at once.', '1:12', '(a, b)'],
    ['T | project x, (a, (b)) = f(x)', 'Not supported: assigning several columns at once.', '1:16', '(a, (b))'],
    ['T | summarize hint.strategy = shuffle count() by x', "Not supported: the 'hint.strategy' hint.", '1:15', 'hint.strategy'],
    ['T | make-series hint.shufflekey = k count() on t step 1d', "Not supported: the 'hint.shufflekey' hint.", '1:17', 'hint.shufflekey'],
    ['T | join hint.spread=3 U on x', "Not supported: the 'hint.spread' hint.", '1:10', 'hint.spread'],
    ['T | distinct hint.strategy=shuffle x', "Not supported: the 'hint.strategy' hint.", '1:14', 'hint.strategy'],
    ['union hint.concurrency=2 T', "Not supported: the 'hint.concurrency' hint.", '1:7', 'hint.concurrency'],
    ['T | as hint.remote=true X', "Not supported: the 'hint.remote' hint.", '1:8', 'hint.remote'],
    ['set query_now = datetime(2020-01-01);\nT', "Not supported: the 'set' statement.", '1:1', 'set'],
    ['declare query_parameters(x:long = 1);', "Not supported: the 'declare' statement.", '1:1', 'declare'],
    // The first error wins, even when an unsupported operator follows it.
    ['T | join kind=bad U on x | parse y with z', "Expected 'innerunique', 'inner', 'leftouter', 'rightouter', 'fullouter', 'leftanti', 'rightanti', 'leftsemi', 'rightsemi', 'anti', 'leftantisemi', 'rightantisemi' or 'semi' after 'kind=', found 'bad'.", '1:15', 'bad'],
  ])('%j', (text, message, at, spanned) => {
    expect(errorOf(text)).toEqual({ message, at, spanned });
  });

  it('a table may still be named like a refused statement', () => {
    expect(parseQuery('set | count').statements).toHaveLength(1);
  });
});
