import { describe, expect, it } from 'vitest';
import { tokenize } from '../../src/parser/lexer.js';
import { literalOf } from './helpers.js';

/** `Type:image` of every token. */
function tokens(text: string): string[] {
  return tokenize(text).map((t) => `${t.tokenType.name}:${t.image}`);
}

describe('tokens', () => {
  it.each([
    ['make-series', ['MakeSeries:make-series']],
    ['make - series', ['Identifier:make', 'Minus:-', 'Identifier:series']],
    ['make_series', ['Identifier:make_series']],
    ['project-away project-keep project-reorder project-rename', ['ProjectAway:project-away', 'ProjectKeep:project-keep', 'ProjectReorder:project-reorder', 'ProjectRename:project-rename']],
    ['mv-apply top-nested parse-kv', ['MvApply:mv-apply', 'UnsupportedDashedOperator:top-nested', 'UnsupportedDashedOperator:parse-kv']],
    ['granny-asc granny-desc granny - asc', ['GrannyAsc:granny-asc', 'GrannyDesc:granny-desc', 'Identifier:granny', 'Minus:-', 'Asc:asc']],
    ['project', ['Project:project']],
    ['projects', ['Identifier:projects']],
    ['mv-expand x', ['MvExpand:mv-expand', 'Identifier:x']],
    ['sort order asc desc nulls first last top distinct', ['Sort:sort', 'Order:order', 'Asc:asc', 'Desc:desc', 'Nulls:nulls', 'First:first', 'Last:last', 'Top:top', 'Distinct:distinct']],
    ['join lookup union as datatable view', ['Join:join', 'Lookup:lookup', 'Union:union', 'As:as', 'Datatable:datatable', 'View:view']],
    ['ascending asc_ as_of toppers', ['Identifier:ascending', 'Identifier:asc_', 'Identifier:as_of', 'Identifier:toppers']],
    ['externaldata find search', ['UnsupportedSourceOperator:externaldata', 'UnsupportedSourceOperator:find', 'UnsupportedSourceOperator:search']],
    ['Email* *Id', ['Identifier:Email', 'Star:*', 'Star:*', 'Identifier:Id']],
    ['a-b', ['Identifier:a', 'Minus:-', 'Identifier:b']],
    ['x-1', ['Identifier:x', 'Minus:-', 'LongLiteral:1']],
    ['1..5', ['LongLiteral:1', 'DotDot:..', 'LongLiteral:5']],
    ['a.b', ['Identifier:a', 'Dot:.', 'Identifier:b']],
    ['!in~ !in in~ in', ['NotInCi:!in~', 'NotIn:!in', 'InCi:in~', 'In:in']],
    ['index !index', ['Identifier:index', 'BangWord:!index']],
    ['has has_cs has_any has_all hasprefix_cs hasx', ['Has:has', 'HasCs:has_cs', 'HasAny:has_any', 'HasAll:has_all', 'HasPrefixCs:hasprefix_cs', 'Identifier:hasx']],
    ['!has !has_cs !has_any !contains_cs', ['NotHas:!has', 'NotHasCs:!has_cs', 'BangWord:!has_any', 'NotContainsCs:!contains_cs']],
    ['has_any_cs', ['Identifier:has_any_cs']],
    ['= == =~ != !~ <> < <= > >=', ['Equals:=', 'EqualEqual:==', 'EqualTilde:=~', 'NotEqual:!=', 'NotTilde:!~', 'LessGreater:<>', 'Less:<', 'LessEqual:<=', 'Greater:>', 'GreaterEqual:>=']],
    ['Has AND', ['Identifier:Has', 'Identifier:AND']],
    ['a // comment | where\nb', ['Identifier:a', 'Identifier:b']],
    ['a/b', ['Identifier:a', 'Slash:/', 'Identifier:b']],
    ['int(5) int typeof(int)', ['TypedLiteral:int(5)', 'Identifier:int', 'Identifier:typeof', 'LParen:(', 'Identifier:int', 'RParen:)']],
    ['datetime(2015-12-31 23:59:59.9)', ['TypedLiteral:datetime(2015-12-31 23:59:59.9)']],
    ['todatetime(x)', ['Identifier:todatetime', 'LParen:(', 'Identifier:x', 'RParen:)']],
    ['time(0.12:34:56.7) timechart', ['TypedLiteral:time(0.12:34:56.7)', 'Identifier:timechart']],
    ['dynamic([1]) dynamic', ['DynamicOpen:dynamic(', 'LBracket:[', 'LongLiteral:1', 'RBracket:]', 'RParen:)', 'Identifier:dynamic']],
    ['1min 1m 1ms 1.5h 30d', ['TimespanLiteral:1min', 'TimespanLiteral:1m', 'TimespanLiteral:1ms', 'TimespanLiteral:1.5h', 'TimespanLiteral:30d']],
    ['42 0x1F 1.5 1e3 2.5E-2', ['LongLiteral:42', 'LongLiteral:0x1F', 'RealLiteral:1.5', 'RealLiteral:1e3', 'RealLiteral:2.5E-2']],
    ['"a" \'b\' @"c" h"d" H@\'e\'', ['StringLiteral:"a"', "StringLiteral:'b'", 'StringLiteral:@"c"', 'StringLiteral:h"d"', "StringLiteral:H@'e'"]],
    ['[\'a b\'] ["c"] [1]', ["QuotedIdentifier:['a b']", 'QuotedIdentifier:["c"]', 'LBracket:[', 'LongLiteral:1', 'RBracket:]']],
    ['$left.a == $right.b', ['JoinSide:$left', 'Dot:.', 'Identifier:a', 'EqualEqual:==', 'JoinSide:$right', 'Dot:.', 'Identifier:b']],
    ['true True TRUE false False FALSE tRue', ['BoolLiteral:true', 'BoolLiteral:True', 'BoolLiteral:TRUE', 'BoolLiteral:false', 'BoolLiteral:False', 'BoolLiteral:FALSE', 'Identifier:tRue']],
  ])('%s', (text, expected) => {
    expect(tokens(text)).toEqual(expected);
  });
});

describe('join sides', () => {
  // `$` starts no other token: `$left` and `$right` are the only words it may begin.
  it.each(['$x', '$leftx', '$left_1', '$Left', '$'])('%s is not a token', (text) => {
    expect(() => tokenize(text)).toThrow("Unexpected character '$'.");
  });
});

describe('timespan literals', () => {
  // Ticks are 100 ns: 1d = 864,000,000,000 ticks; 1h = 36,000,000,000; 1m = 600,000,000; 1s = 10,000,000.
  it.each([
    ['2d', 1_728_000_000_000n],
    ['2day', 1_728_000_000_000n],
    ['2days', 1_728_000_000_000n],
    ['2h', 72_000_000_000n],
    ['2hr', 72_000_000_000n],
    ['2hrs', 72_000_000_000n],
    ['2hour', 72_000_000_000n],
    ['2hours', 72_000_000_000n],
    ['2m', 1_200_000_000n],
    ['2min', 1_200_000_000n],
    ['2minute', 1_200_000_000n],
    ['2minutes', 1_200_000_000n],
    ['2s', 20_000_000n],
    ['2sec', 20_000_000n],
    ['2second', 20_000_000n],
    ['2seconds', 20_000_000n],
    ['2ms', 20_000n],
    ['2milli', 20_000n],
    ['2millis', 20_000n],
    ['2millisec', 20_000n],
    ['2millisecond', 20_000n],
    ['2milliseconds', 20_000n],
    ['2micro', 20n],
    ['2micros', 20n],
    ['2microsec', 20n],
    ['2microsecond', 20n],
    ['2microseconds', 20n],
    ['200nano', 2n],
    ['200nanos', 2n],
    ['200nanosec', 2n],
    ['200nanosecond', 2n],
    ['200nanoseconds', 2n],
    ['2tick', 2n],
    ['2ticks', 2n],
    ['30d', 25_920_000_000_000n],
    ['1.5h', 54_000_000_000n],
    ['0.1s', 1_000_000n],
    ['2.5m', 1_500_000_000n],
    ['100ms', 1_000_000n],
    ['10microseconds', 100n],
    // Below one tick: truncated toward zero.
    ['150nanos', 1n],
    ['1.5nano', 0n],
    ['0.5tick', 0n],
  ])('%s is %s ticks', (text, ticks) => {
    expect(literalOf(text)).toMatchObject({ type: 'timespan', value: ticks });
  });

  it.each([
    ['timespan(15 seconds)', 150_000_000n],
    ['time(2)', 1_728_000_000_000n],
    ['time(1.5)', 1_296_000_000_000n],
    ['time(1h)', 36_000_000_000n],
    ['time(-1h)', -36_000_000_000n],
    ['time(0.12:34:56.7)', 452_967_000_000n],
    ['time(1.2:00)', 936_000_000_000n],
    ['time(12:34)', 452_400_000_000n],
    ['time(29.09:00:05.12345)', 25_380_051_234_500n],
    ['timespan( 1d )', 864_000_000_000n],
    ['timespan(null)', null],
    ['time(null)', null],
  ])('%s', (text, ticks) => {
    expect(literalOf(text)).toMatchObject({ type: 'timespan', value: ticks });
  });
});

describe('number literals', () => {
  it.each([
    ['42', 'long', 42n],
    ['0', 'long', 0n],
    ['0x1F', 'long', 31n],
    ['0xFFFFFFFFFFFFFFFF', 'long', -1n],
    ['9223372036854775807', 'long', 9223372036854775807n],
    ['1.5', 'real', 1.5],
    ['1e3', 'real', 1000],
    ['2.5E-2', 'real', 0.025],
    ['int(5)', 'int', 5],
    ['int(-3)', 'int', -3],
    ['int(null)', 'int', null],
    ['long(-3)', 'long', -3n],
    ['long(0x10)', 'long', 16n],
    ['long(null)', 'long', null],
    ['real(1.5)', 'real', 1.5],
    ['real(-2)', 'real', -2],
    ['real(nan)', 'real', NaN],
    ['real(+inf)', 'real', Infinity],
    ['real(-inf)', 'real', -Infinity],
    ['real(null)', 'real', null],
    ['double(2.5)', 'real', 2.5],
    ['decimal(1.5)', 'decimal', 1.5],
  ])('%s is %s %s', (text, type, value) => {
    expect(literalOf(text)).toMatchObject({ type, value });
  });
});

describe('other literals', () => {
  it.each([
    ['true', 'bool', true],
    ['True', 'bool', true],
    ['TRUE', 'bool', true],
    ['false', 'bool', false],
    ['False', 'bool', false],
    ['FALSE', 'bool', false],
    ['bool(true)', 'bool', true],
    ['bool(False)', 'bool', false],
    ['bool(null)', 'bool', null],
    ['datetime(2015-12-31 23:59:59.9)', 'datetime', '2015-12-31 23:59:59.9'],
    ['datetime("2007-04-07")', 'datetime', '2007-04-07'],
    ["datetime('2007-04-07')", 'datetime', '2007-04-07'],
    ['datetime( 2017-01-01T10:00:00Z )', 'datetime', '2017-01-01T10:00:00Z'],
    ['datetime(null)', 'datetime', null],
    ['datetime()', 'datetime', ''],
    ['guid(74be27de-1e4e-49d9-b579-fe0b331d3642)', 'guid', '74be27de-1e4e-49d9-b579-fe0b331d3642'],
    ['guid(null)', 'guid', null],
  ])('%s is %s %s', (text, type, value) => {
    expect(literalOf(text)).toMatchObject({ type, value });
  });

  it.each([
    ['dynamic(null)', null],
    ['dynamic([])', []],
    ['dynamic({})', {}],
    ['dynamic([1, 2.5, -3, -1.5e1, "a", \'b\', true, null])', [1n, 2.5, -3n, -15, 'a', 'b', true, null]],
    ['dynamic({"a": {"b": [1]}, \'c\': "d"})', { a: { b: [1n] }, c: 'd' }],
    ["dynamic(['x'])", ['x']],
    ['dynamic({"a": dynamic([1])})', { a: [1n] }],
    ['dynamic([[1, 2], ["a"]])', [[1n, 2n], ['a']]],
  ])('%s', (text, value) => {
    expect(literalOf(text)).toEqual({ kind: 'Literal', type: 'dynamic', value, loc: { start: 6, end: 6 + text.length } });
  });
});

describe('string literals', () => {
  it.each([
    ['"abc"', 'abc'],
    ["'abc'", 'abc'],
    ['"a\'b"', "a'b"],
    ['"a\\"b"', 'a"b'],
    ["'it\\'s'", "it's"],
    ['"a\\\\b"', 'a\\b'],
    ['"1\\n2\\t3\\r"', '1\n2\t3\r'],
    ['"\\u0041\\u00e9"', 'Aé'],
    ['@"C:\\dir\\n"', 'C:\\dir\\n'],
    ["@'it''s'", "it's"],
    ['@"say ""hi"""', 'say "hi"'],
    ['h"secret"', 'secret'],
    ["H'secret'", 'secret'],
    ['h@"a\\b"', 'a\\b'],
    ['""', ''],
  ])('%s', (text, value) => {
    expect(literalOf(text)).toMatchObject({ type: 'string', value });
  });
});
