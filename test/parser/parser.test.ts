import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseQuery, type Node, type Span } from '../../src/parser/index.js';
import {
  assign,
  binary,
  call,
  expressionOf,
  long,
  name,
  operatorOf,
  pipe,
  printed,
  str,
  strip,
  sx,
  timespan,
  where,
} from './helpers.js';

const DAY = 864_000_000_000n;

describe('scalar precedence', () => {
  it.each([
    ['a or b and c', '(a or (b and c))'],
    ['a and b or c', '((a and b) or c)'],
    ['a or b or c', '((a or b) or c)'],
    ['a + b * c', '(a + (b * c))'],
    ['a - b - c', '((a - b) - c)'],
    ['a * b % c / d', '(((a * b) % c) / d)'],
    ['-x.y', '(-x.y)'],
    ['-x * y', '((-x) * y)'],
    ['- -x', '(-(-x))'],
    ['+1', '(+long:1)'],
    ['a + 1 > b * 2', '((a + long:1) > (b * long:2))'],
    ['a == b and c != d', '((a == b) and (c != d))'],
    ['(a or b) and c', '(paren((a or b)) and c)'],
    ['not(a or b)', 'not((a or b))'],
    ['x has_any ("a", \'b\')', '(x has_any ["a", "b"])'],
    ['x has_all (1, y)', '(x has_all [long:1, y])'],
    ['x in ("a")', '(x in ["a"])'],
    ['x !in ("a", "b")', '(x !in ["a", "b"])'],
    ['x in~ ("a")', '(x in~ ["a"])'],
    ['x !in~ ("a", dynamic(["b"]))', '(x !in~ ["a", dynamic:b])'],
    ['x in (ClickedUrls)', '(x in [ClickedUrls])'],
    ['x in (T | project c)', '(x in [subquery(T | Project)])'],
    ['x has_any ((T | project c))', '(x has_any [subquery(paren(T | Project))])'],
    ['x between (1 .. 5)', '(x between long:1 .. long:5)'],
    ['x !between (a - 1 .. a + 1)', '(x !between (a - long:1) .. (a + long:1))'],
    ['(t - c) between (-2min .. 7min)', '(paren((t - c)) between (-timespan:1200000000) .. timespan:4200000000)'],
    ['s matches regex "a.*"', '(s matches regex "a.*")'],
    ['a + b == c and d has "x" or e', '((((a + b) == c) and (d has "x")) or e)'],
    ['d.a.b[0]["k"]', 'd.a.b[long:0]["k"]'],
    ["d['k'].x", 'd["k"].x'],
    ['split(x, ".")[-1]', 'split(x, ".")[(-long:1)]'],
    ['parse_json(s).description', 'parse_json(s).description'],
    ['arg_max(t, *)', 'arg_max(t, *)'],
    ['count()', 'count()'],
    ['extract("a", 1, s, typeof(int))', 'extract("a", long:1, s, typeof(int))'],
    ['toscalar(T | count)', 'toscalar(T | Count)'],
    ['x.[k]', 'x[k]'],
    ['x.["k"].y', 'x["k"].y'],
    ["['Click Count'] > 1", '(Click Count > long:1)'],
    ['by + on + kind + step + from + to + with + range + count + project + table', '((((((((((by + on) + kind) + step) + from) + to) + with) + range) + count) + project) + table)'],
    // Words that are keywords only after `|`, in `let` or in a clause are names elsewhere.
    ['sort + order + asc + desc + nulls + first + last + top + distinct', '((((((((sort + order) + asc) + desc) + nulls) + first) + last) + top) + distinct)'],
    ['join + lookup + as + view + datatable + union', '(((((join + lookup) + as) + view) + datatable) + union)'],
  ])('%s', (text, expected) => {
    expect(sx(printed(text))).toBe(expected);
  });

  // Every comparison and string operator of ast.ts's BinaryOp, each as written.
  it.each([
    '==', '!=', '<', '<=', '>', '>=', '=~', '!~', '<>',
    'has', '!has', 'has_cs', '!has_cs',
    'hasprefix', '!hasprefix', 'hasprefix_cs', '!hasprefix_cs',
    'hassuffix', '!hassuffix', 'hassuffix_cs', '!hassuffix_cs',
    'contains', '!contains', 'contains_cs', '!contains_cs',
    'startswith', '!startswith', 'startswith_cs', '!startswith_cs',
    'endswith', '!endswith', 'endswith_cs', '!endswith_cs',
  ])('a %s "b"', (op) => {
    expect(strip(printed(`a ${op} "b"`))).toEqual(binary(op, name('a'), str('b')));
  });
});

describe('query operators', () => {
  it('where and filter', () => {
    expect(strip(operatorOf('where x > 1'))).toEqual({ kind: 'Where', predicate: binary('>', name('x'), long(1n)) });
    expect(strip(operatorOf('filter x'))).toEqual({ kind: 'Where', predicate: name('x') });
  });

  it('extend and project, with and without names', () => {
    expect(strip(operatorOf('extend a = 1, b + 2'))).toEqual({
      kind: 'Extend',
      items: [assign('a', long(1n)), assign(undefined, binary('+', name('b'), long(2n)))],
    });
    expect(strip(operatorOf("project Url, ['Threat Types'] = ThreatTypes"))).toEqual({
      kind: 'Project',
      items: [assign(undefined, name('Url')), assign('Threat Types', name('ThreatTypes'))],
    });
  });

  it.each([
    ['summarize count()', [assign(undefined, call('count'))], []],
    ['summarize by Url', [], [assign(undefined, name('Url'))]],
    [
      'summarize n = count(), dcount(u) by Url, d = bin(t, 1d)',
      [assign('n', call('count')), assign(undefined, call('dcount', name('u')))],
      [assign(undefined, name('Url')), assign('d', call('bin', name('t'), timespan(DAY)))],
    ],
    ['summarize\n  by\n  a,\n  b', [], [assign(undefined, name('a')), assign(undefined, name('b'))]],
    ['summarize countif(x)by y', [assign(undefined, call('countif', name('x')))], [assign(undefined, name('y'))]],
  ])('%s', (text, aggregates, by) => {
    expect(strip(operatorOf(text))).toEqual({ kind: 'Summarize', aggregates, by });
  });

  it('make-series with from, to, step and by', () => {
    const op = operatorOf('make-series n = count() default = 0, avg(x) on Ts from A to B step 1d by k');
    expect(strip(op)).toEqual({
      kind: 'MakeSeries',
      aggregates: [
        { kind: 'SeriesAggregate', item: assign('n', call('count')), defaultValue: long(0n) },
        { kind: 'SeriesAggregate', item: assign(undefined, call('avg', name('x'))) },
      ],
      axis: name('Ts'),
      from: name('A'),
      to: name('B'),
      step: timespan(DAY),
      inRange: false,
      by: [assign(undefined, name('k'))],
    });
  });

  it('make-series kind=nonempty with only a step', () => {
    expect(strip(operatorOf('make-series kind=nonempty sum(x) default=double(null) on Ts step 1h'))).toEqual({
      kind: 'MakeSeries',
      seriesKind: 'nonempty',
      aggregates: [
        {
          kind: 'SeriesAggregate',
          item: assign(undefined, call('sum', name('x'))),
          defaultValue: { kind: 'Literal', type: 'real', value: null },
        },
      ],
      axis: name('Ts'),
      step: timespan(36_000_000_000n),
      inRange: false,
      by: [],
    });
  });

  it('make-series ... in range(start, stop, step)', () => {
    expect(strip(operatorOf('make-series count() on Ts in range(A, B, 15d) by k'))).toEqual({
      kind: 'MakeSeries',
      aggregates: [{ kind: 'SeriesAggregate', item: assign(undefined, call('count')) }],
      axis: name('Ts'),
      from: name('A'),
      to: name('B'),
      step: timespan(15n * DAY),
      inRange: true,
      by: [assign(undefined, name('k'))],
    });
  });

  it('render', () => {
    expect(strip(operatorOf('render timechart'))).toEqual({ kind: 'Render', visualization: 'timechart', properties: [] });
    expect(strip(operatorOf('render columnchart with (title="Clicks", ycolumns = a, b, kind=stacked, ysplit=axes)'))).toEqual({
      kind: 'Render',
      visualization: 'columnchart',
      properties: [
        { kind: 'RenderProperty', name: 'title', values: [str('Clicks')] },
        { kind: 'RenderProperty', name: 'ycolumns', values: [name('a'), name('b')] },
        { kind: 'RenderProperty', name: 'kind', values: [name('stacked')] },
        { kind: 'RenderProperty', name: 'ysplit', values: [name('axes')] },
      ],
    });
  });

  it('take, limit and count', () => {
    expect(strip(operatorOf('take 10'))).toEqual({ kind: 'Take', count: long(10n) });
    expect(strip(operatorOf('limit n * 2'))).toEqual({ kind: 'Take', count: binary('*', name('n'), long(2n)) });
    expect(strip(operatorOf('count'))).toEqual({ kind: 'Count' });
  });

  it('chains nest to the left', () => {
    expect(strip(expressionOf('T | where a | count'))).toEqual({
      kind: 'Pipe',
      source: { kind: 'Pipe', source: name('T'), operator: { kind: 'Where', predicate: name('a') } },
      operator: { kind: 'Count' },
    });
  });

  it('a pipeline may start with a call or a parenthesised pipeline', () => {
    expect(sx(expressionOf('materialize(T | where a) | count'))).toBe('materialize(T | Where) | Count');
    expect(sx(expressionOf('(T | where a) | count'))).toBe('paren(T | Where) | Count');
  });
});

describe('source operators', () => {
  it('print', () => {
    expect(strip(expressionOf('print x = 1, "a"'))).toEqual({
      kind: 'Print',
      items: [assign('x', long(1n)), assign(undefined, str('a'))],
    });
  });

  it('range', () => {
    expect(strip(expressionOf('range x from 1 to 10 step 2 | count'))).toEqual({
      kind: 'Pipe',
      source: { kind: 'Range', name: name('x'), from: long(1n), to: long(10n), step: long(2n) },
      operator: { kind: 'Count' },
    });
  });

  it('range( is the range() function', () => {
    expect(sx(printed('range(1, 5, 2)'))).toBe('range(long:1, long:5, long:2)');
  });
});

describe('statements', () => {
  it('let forms', () => {
    const query = parseQuery("let a = 1; let ['b c'] = T | take 1; let d = startofday(ago(30d));\nd");
    expect(strip(query.statements)).toEqual([
      { kind: 'Let', name: name('a'), value: long(1n) },
      {
        kind: 'Let',
        name: name('b c'),
        value: { kind: 'Pipe', source: name('T'), operator: { kind: 'Take', count: long(1n) } },
      },
      { kind: 'Let', name: name('d'), value: call('startofday', call('ago', timespan(30n * DAY))) },
      { kind: 'ExprStatement', expr: name('d') },
    ]);
  });

  it.each([
    ['', 0],
    [';', 0],
    [';;T;;', 1],
    ['T;', 1],
    ['let x = 1;\n\n// a comment\nT', 2],
    ['// only a comment', 0],
  ])('%j has %i statements', (text, count) => {
    expect(parseQuery(text).statements).toHaveLength(count);
  });
});

const SEED_1 = `let TimeStart = startofday(ago(30d));
let TimeEnd = startofday(now());
UrlClickEvents
| where Timestamp >= TimeStart
| where IsClickedThrough == 1
| where isnotempty(ThreatTypes)
| make-series Count = count() default = 0 on Timestamp from TimeStart to TimeEnd step 1d
| render timechart`;

const SEED_2 = `UrlClickEvents
| extend UrlBlocked = ActionType has_any("ClickBlocked")
| extend UrlAllowed = ActionType has_any('ClickAllowed')
| extend UrlPendingVerdict = ActionType has_any('UrlScanInProgress')
| extend ErrorPage = ActionType has_any('UrlErrorPage')
| summarize Blocked = countif(UrlBlocked), Allowed = countif(UrlAllowed), PendingVerdict = countif(UrlPendingVerdict), Error = countif(ErrorPage), ClickedThrough = countif(IsClickedThrough) by Url`;

const extendHasAny = (column: string, value: string) => ({
  kind: 'Extend',
  items: [assign(column, { kind: 'InList', op: 'has_any', left: name('ActionType'), items: [str(value)] })],
});

describe('seed queries', () => {
  it('the daily click-through series', () => {
    const series = {
      kind: 'MakeSeries',
      aggregates: [{ kind: 'SeriesAggregate', item: assign('Count', call('count')), defaultValue: long(0n) }],
      axis: name('Timestamp'),
      from: name('TimeStart'),
      to: name('TimeEnd'),
      step: timespan(DAY),
      inRange: false,
      by: [],
    };
    const filtered = pipe(
      pipe(
        pipe(name('UrlClickEvents'), where(binary('>=', name('Timestamp'), name('TimeStart')))),
        where(binary('==', name('IsClickedThrough'), long(1n))),
      ),
      where(call('isnotempty', name('ThreatTypes'))),
    );
    expect(strip(parseQuery(SEED_1))).toEqual({
      kind: 'Query',
      statements: [
        { kind: 'Let', name: name('TimeStart'), value: call('startofday', call('ago', timespan(30n * DAY))) },
        { kind: 'Let', name: name('TimeEnd'), value: call('startofday', call('now')) },
        {
          kind: 'ExprStatement',
          expr: pipe(pipe(filtered, series), { kind: 'Render', visualization: 'timechart', properties: [] }),
        },
      ],
    });
  });

  it('URL clicks actions by URL', () => {
    const extended = pipe(
      pipe(
        pipe(
          pipe(name('UrlClickEvents'), extendHasAny('UrlBlocked', 'ClickBlocked')),
          extendHasAny('UrlAllowed', 'ClickAllowed'),
        ),
        extendHasAny('UrlPendingVerdict', 'UrlScanInProgress'),
      ),
      extendHasAny('ErrorPage', 'UrlErrorPage'),
    );
    const summarize = {
      kind: 'Summarize',
      aggregates: [
        assign('Blocked', call('countif', name('UrlBlocked'))),
        assign('Allowed', call('countif', name('UrlAllowed'))),
        assign('PendingVerdict', call('countif', name('UrlPendingVerdict'))),
        assign('Error', call('countif', name('ErrorPage'))),
        assign('ClickedThrough', call('countif', name('IsClickedThrough'))),
      ],
      by: [assign(undefined, name('Url'))],
    };
    expect(strip(parseQuery(SEED_2))).toEqual({
      kind: 'Query',
      statements: [{ kind: 'ExprStatement', expr: pipe(extended, summarize) }],
    });
  });
});

/** Every node of a tree, with its parent. */
function* nodes(value: unknown, parent?: Node): Generator<{ node: Node; parent?: Node }> {
  if (Array.isArray(value)) {
    for (const item of value) yield* nodes(item, parent);
  } else if (value !== null && typeof value === 'object' && 'kind' in value) {
    const node = value as Node;
    yield { node, parent };
    for (const [key, child] of Object.entries(node)) if (key !== 'loc') yield* nodes(child, node);
  }
}

function textOf(text: string, loc: Span): string {
  return text.slice(loc.start, loc.end);
}

describe('spans', () => {
  it('cover exactly the text of each node in the first seed query', () => {
    const query = parseQuery(SEED_1);
    const [timeStart, , main] = query.statements;
    expect(textOf(SEED_1, query.loc)).toBe(SEED_1);
    expect(textOf(SEED_1, timeStart!.loc)).toBe('let TimeStart = startofday(ago(30d))');
    if (main!.kind !== 'ExprStatement' || main.expr.kind !== 'Pipe' || main.expr.source.kind !== 'Pipe') {
      throw new Error('unexpected shape');
    }
    const series = main.expr.source.operator;
    expect(textOf(SEED_1, main.expr.operator.loc)).toBe('render timechart');
    expect(textOf(SEED_1, series.loc)).toBe(
      'make-series Count = count() default = 0 on Timestamp from TimeStart to TimeEnd step 1d',
    );
    expect(textOf(SEED_1, main.expr.source.source.loc)).toBe(
      'UrlClickEvents\n| where Timestamp >= TimeStart\n| where IsClickedThrough == 1\n| where isnotempty(ThreatTypes)',
    );
    if (series.kind !== 'MakeSeries') throw new Error('unexpected shape');
    expect(textOf(SEED_1, series.aggregates[0]!.loc)).toBe('Count = count() default = 0');
    expect(textOf(SEED_1, series.step.loc)).toBe('1d');
  });

  it.each([
    ['-x.y', ['-x.y', 'x.y', 'x']],
    ['f( a , * )', ['f( a , * )', 'a', '*']],
    ['x has_any ((T | take 1))', ['x has_any ((T | take 1))', 'x', '(T | take 1)', '(T | take 1)', 'T | take 1', 'T', 'take 1', '1']],
    ['x !between (1 .. 2)', ['x !between (1 .. 2)', 'x', '1', '2']],
    ["d['k']", ["d['k']", 'd', "'k'"]],
    ['typeof(int)', ['typeof(int)']],
    ['dynamic([1, 2])', ['dynamic([1, 2])']],
  ])('%s: every node in order', (expression, expected) => {
    const text = `print ${expression}`;
    const all = [...nodes(parseQuery(text))].map(({ node }) => node);
    // Query, ExprStatement, Print, Assignment come first.
    expect(all.slice(4).map((n) => textOf(text, n.loc))).toEqual(expected);
  });

  it('call names have their own span', () => {
    const c = printed('  startofday ( x )');
    expect(c.kind === 'Call' && c.nameLoc).toEqual({ start: 8, end: 18 });
  });
});

describe('span invariants over every parsed corpus query', () => {
  const dir = new URL('../../../shared/corpus/', import.meta.url);
  const texts = readdirSync(dir)
    .filter((f) => f.endsWith('.kql'))
    .map((f) => readFileSync(new URL(f, dir), 'utf8'));
  const parsed = texts.flatMap((text) => {
    try {
      return [{ text, query: parseQuery(text) }];
    } catch {
      return [];
    }
  });

  it('every corpus query parses', () => {
    expect(parsed.length).toBe(texts.length);
  });

  it('every span is non-empty, trimmed, and inside its parent', () => {
    for (const { text, query } of parsed) {
      for (const { node, parent } of nodes(query)) {
        const source = textOf(text, node.loc);
        expect(source.length, node.kind).toBeGreaterThan(0);
        expect(source.trim(), node.kind).toBe(source);
        if (parent) {
          expect(node.loc.start).toBeGreaterThanOrEqual(parent.loc.start);
          expect(node.loc.end).toBeLessThanOrEqual(parent.loc.end);
        }
      }
    }
  });
});
