/**
 * The operators added after the first grammar: sort, top, distinct, project-away/-keep/-reorder/-rename,
 * join, lookup, union, mv-expand, as, datatable, and `let` functions and views. Expected trees are
 * written by hand; spans are checked on a few.
 */
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
  paren,
  pipe,
  str,
  strip,
  where,
} from './helpers.js';

const sortKey = (expr: unknown, order?: string, nulls?: string) => ({
  kind: 'SortKey',
  expr,
  ...(order && { order }),
  ...(nulls && { nulls }),
});
const column = (pattern: string, order?: string) => ({ kind: 'ColumnPattern', pattern, ...(order && { order }) });
const key = (left: string, right = left) => ({ kind: 'JoinKey', left: name(left), right: name(right) });
const item = (expr: unknown, target?: string, toType?: string) => ({
  kind: 'MvExpandItem',
  ...(target && { name: name(target) }),
  expr,
  ...(toType && { toType }),
});
const decl = (n: string, typeName: string) => ({ name: name(n), typeName });
const neg = (operand: unknown) => ({ kind: 'Unary', op: '-', operand });
const count = { kind: 'Count' };

describe('sort and top', () => {
  it.each([
    ['sort by a', [sortKey(name('a'))]],
    ['order by a', [sortKey(name('a'))]],
    ['sort by a desc', [sortKey(name('a'), 'desc')]],
    ['sort by a asc nulls first', [sortKey(name('a'), 'asc', 'first')]],
    ['sort by a nulls last', [sortKey(name('a'), undefined, 'last')]],
    ['sort by count_ desc, strlen(b), c asc', [sortKey(name('count_'), 'desc'), sortKey(call('strlen', name('b'))), sortKey(name('c'), 'asc')]],
    ["sort by ['Click-Through Count'] desc", [sortKey(name('Click-Through Count'), 'desc')]],
    // `first` and `last` are names when they do not follow `nulls`.
    ['sort by first, last desc', [sortKey(name('first')), sortKey(name('last'), 'desc')]],
  ])('%s', (text, keys) => {
    expect(strip(operatorOf(text))).toEqual({ kind: 'Sort', keys });
  });

  it.each([
    ['top 10 by Blocked desc', long(10n), [sortKey(name('Blocked'), 'desc')]],
    ['top 10 by count_', long(10n), [sortKey(name('count_'))]],
    ["top 20 by ['Click Count']", long(20n), [sortKey(name('Click Count'))]],
    ['top n * 2 by a asc nulls last, b desc', binary('*', name('n'), long(2n)), [sortKey(name('a'), 'asc', 'last'), sortKey(name('b'), 'desc')]],
  ])('%s', (text, countExpr, keys) => {
    expect(strip(operatorOf(text))).toEqual({ kind: 'Top', count: countExpr, keys });
  });
});

describe('distinct', () => {
  it.each([
    ['distinct AccountUpn', [name('AccountUpn')], false],
    ['distinct a, b', [name('a'), name('b')], false],
    ['distinct *', [], true],
  ])('%s', (text, items, star) => {
    expect(strip(operatorOf(text))).toEqual({ kind: 'Distinct', items, star });
  });
});

describe('project-away, project-keep, project-reorder, project-rename', () => {
  it.each([
    ['project-away UrlChain', 'project-away', [column('UrlChain')]],
    ['project-away Email*, *Id, a*b, *', 'project-away', [column('Email*'), column('*Id'), column('a*b'), column('*')]],
    ["project-keep ['Some name'], x_*", 'project-keep', [column('Some name'), column('x_*')]],
    ['project-keep count, by', 'project-keep', [column('count'), column('by')]],
    ['project-reorder a', 'project-reorder', [column('a')]],
    [
      'project-reorder a asc, b* desc, c granny-asc, d granny-desc',
      'project-reorder',
      [column('a', 'asc'), column('b*', 'desc'), column('c', 'granny-asc'), column('d', 'granny-desc')],
    ],
  ])('%s', (text, variant, columns) => {
    expect(strip(operatorOf(text))).toEqual({ kind: 'ProjectColumns', variant, columns });
  });

  it('project-rename, over several lines', () => {
    expect(strip(operatorOf("project-rename\n  TI_Url = Url,\n  ['Type Name'] = Type"))).toEqual({
      kind: 'ProjectRename',
      items: [
        { newName: name('TI_Url'), oldName: name('Url') },
        { newName: name('Type Name'), oldName: name('Type') },
      ],
    });
  });
});

describe('join and lookup', () => {
  it.each([
    ['join U on x', { right: name('U'), on: [key('x')] }],
    ['join kind=inner suspiciousUserClicks on AccountUpn', { joinKind: 'inner', right: name('suspiciousUserClicks'), on: [key('AccountUpn')] }],
    ['join kind = inner UrlClicked on NetworkMessageId', { joinKind: 'inner', right: name('UrlClicked'), on: [key('NetworkMessageId')] }],
    [
      'join kind=leftouter (U | where a) on $left.x == $right.y',
      { joinKind: 'leftouter', right: paren(pipe(name('U'), where(name('a')))), on: [key('x', 'y')] },
    ],
    // Either side may come first; the key is always left then right.
    ['join (U) on $right.y == $left.x', { right: paren(name('U')), on: [key('x', 'y')] }],
    [
      'join EmailEvents on NetworkMessageId,  $left.AccountUpn == $right.RecipientEmailAddress',
      { right: name('EmailEvents'), on: [key('NetworkMessageId'), key('AccountUpn', 'RecipientEmailAddress')] },
    ],
    ["join U on ['a b'], $left.['c d'] == $right.e", { right: name('U'), on: [key('a b'), key('c d', 'e')] }],
    ['join f(1) on x', { right: call('f', long(1n)), on: [key('x')] }],
    // Accepted hints are dropped.
    [
      'join hint.strategy=broadcast kind=rightsemi hint.shufflekey=x hint.remote=auto U on x',
      { joinKind: 'rightsemi', right: name('U'), on: [key('x')] },
    ],
  ])('%s', (text, fields) => {
    expect(strip(operatorOf(text))).toEqual({ kind: 'Join', ...fields });
  });

  it.each([
    'innerunique', 'inner', 'leftouter', 'rightouter', 'fullouter', 'leftanti', 'rightanti', 'leftsemi', 'rightsemi',
    'anti', 'leftantisemi', 'rightantisemi', 'semi',
  ])('join kind=%s', (kind) => {
    expect(strip(operatorOf(`join kind=${kind} U on x`))).toMatchObject({ kind: 'Join', joinKind: kind });
  });

  it.each([
    ['lookup U on x', { right: name('U'), on: [key('x')] }],
    ['lookup kind=inner (U | take 1) on $left.a == $right.b, c', { lookupKind: 'inner', right: paren(pipe(name('U'), { kind: 'Take', count: long(1n) })), on: [key('a', 'b'), key('c')] }],
    ['lookup kind=leftouter U on x', { lookupKind: 'leftouter', right: name('U'), on: [key('x')] }],
  ])('%s', (text, fields) => {
    expect(strip(operatorOf(text))).toEqual({ kind: 'Lookup', ...fields });
  });
});

describe('union', () => {
  it.each([
    ['union U', { tables: [name('U')] }],
    ['union U, (V | count), f()', { tables: [name('U'), paren(pipe(name('V'), count)), call('f')] }],
    [
      'union kind=inner withsource=Source isfuzzy=true U',
      { unionKind: 'inner', withSource: name('Source'), isFuzzy: true, tables: [name('U')] },
    ],
    ["union isfuzzy=False withsource=['Table Name'] kind=outer U", { unionKind: 'outer', withSource: name('Table Name'), isFuzzy: false, tables: [name('U')] }],
  ])('as an operator: T | %s (tables are the written operands only)', (text, fields) => {
    expect(strip(operatorOf(text))).toEqual({ kind: 'Union', ...fields });
  });

  it('as a source, with what follows the last operand applying to the whole union', () => {
    expect(strip(expressionOf('union isfuzzy=false (A), (B | project x)\n| count'))).toEqual(
      pipe(
        { kind: 'Union', isFuzzy: false, tables: [paren(name('A')), paren(pipe(name('B'), { kind: 'Project', items: [assign(undefined, name('x'))] }))] },
        count,
      ),
    );
  });

  it('after a pipe, the following operators apply to the union too', () => {
    expect(strip(expressionOf('T | union U | count'))).toEqual(pipe(pipe(name('T'), { kind: 'Union', tables: [name('U')] }), count));
  });

  it('in parentheses and in a list', () => {
    expect(strip(expressionOf('(union A, B) | count'))).toEqual(pipe(paren({ kind: 'Union', tables: [name('A'), name('B')] }), count));
    expect(strip(expressionOf('T | where x in (union A, B)'))).toEqual(
      pipe(name('T'), where({ kind: 'InList', op: 'in', left: name('x'), items: [{ kind: 'Subquery', query: { kind: 'Union', tables: [name('A'), name('B')] } }] })),
    );
  });
});

describe('mv-expand', () => {
  it.each([
    ['mv-expand todynamic(UrlChain)', { items: [item(call('todynamic', name('UrlChain')))] }],
    ['mv-expand a, b', { items: [item(name('a')), item(name('b'))] }],
    ['mv-expand x = d.list to typeof(string)', { items: [item({ kind: 'Member', target: name('d'), name: 'list' }, 'x', 'string')] }],
    ['mv-expand a to typeof(long), b limit 10', { items: [item(name('a'), undefined, 'long'), item(name('b'))], limit: long(10n) }],
    [
      'mv-expand bagexpansion=array with_itemindex=Index b',
      { items: [item(name('b'))], bagExpansion: 'array', withItemIndex: name('Index') },
    ],
    ['mv-expand kind=bag b', { items: [item(name('b'))], bagExpansion: 'bag' }],
    ['mv-expand with_itemindex=i a', { items: [item(name('a'))], withItemIndex: name('i') }],
  ])('%s', (text, fields) => {
    expect(strip(operatorOf(text))).toEqual({ kind: 'MvExpand', ...fields });
  });
});

describe('as', () => {
  it.each([
    ['as T1', 'T1'],
    ["as ['a b']", 'a b'],
    ['as hint.materialized=true X', 'X'],
  ])('%s', (text, target) => {
    expect(strip(operatorOf(text))).toEqual({ kind: 'As', name: name(target) });
  });
});

describe('datatable', () => {
  it.each([
    ['datatable (a:long, b:string) [1, "x", 2, "y"]', [decl('a', 'long'), decl('b', 'string')], [long(1n), str('x'), long(2n), str('y')]],
    ['datatable(a:long)[]', [decl('a', 'long')], []],
    // A trailing comma; values over several lines, with comments.
    ['datatable(a:long)\n[\n  1, // one\n  -2,\n]', [decl('a', 'long')], [long(1n), neg(long(2n))]],
    // `['x']` is a quoted name to the lexer; here it is a list of one string.
    ["datatable(s:string)['x']", [decl('s', 'string')], [str('x')]],
    ["datatable(s:string)[\n  'x'\n]", [decl('s', 'string')], [str('x')]],
    [
      'datatable (d:datetime, t:timespan, r:real, b:bool, x:dynamic, g:guid) [datetime(2020-01-02), -1d, real(null), true, dynamic({"k": [1]}), guid(null)]',
      [decl('d', 'datetime'), decl('t', 'timespan'), decl('r', 'real'), decl('b', 'bool'), decl('x', 'dynamic'), decl('g', 'guid')],
      [
        { kind: 'Literal', type: 'datetime', value: '2020-01-02' },
        neg({ kind: 'Literal', type: 'timespan', value: 864_000_000_000n }),
        { kind: 'Literal', type: 'real', value: null },
        { kind: 'Literal', type: 'bool', value: true },
        { kind: 'Literal', type: 'dynamic', value: { k: [1n] } },
        { kind: 'Literal', type: 'guid', value: null },
      ],
    ],
    ["datatable(['a b']:int, count:long) [int(1), +2]", [decl('a b', 'int'), decl('count', 'long')], [{ kind: 'Literal', type: 'int', value: 1 }, { kind: 'Unary', op: '+', operand: long(2n) }]],
  ])('%j', (text, columns, values) => {
    expect(strip(expressionOf(text))).toEqual({ kind: 'Datatable', columns, values });
  });

  it('starts a pipeline and may be a let value', () => {
    const [statement, main] = parseQuery('let DT = datatable(x:long) [1];\nDT | count').statements;
    expect(strip(statement)).toEqual({ kind: 'Let', name: name('DT'), value: { kind: 'Datatable', columns: [decl('x', 'long')], values: [long(1n)] } });
    expect(strip(main)).toEqual({ kind: 'ExprStatement', expr: pipe(name('DT'), count) });
  });
});

const param = (n: string, typeName: string, extra: object = {}) => ({ kind: 'LambdaParam', name: name(n), typeName, ...extra });
const lambda = (params: unknown[], lets: unknown[], body: unknown) => ({ kind: 'Lambda', params, lets, body });
const letOf = (n: string, value: unknown) => ({ kind: 'Let', name: name(n), value });

describe('let functions and views', () => {
  it.each([
    ['let f = () { 1 }', lambda([], [], long(1n))],
    ['let f = () { 1; }', lambda([], [], long(1n))],
    ['let f = (a:long) { a * 2 };', lambda([param('a', 'long')], [], binary('*', name('a'), long(2n)))],
    [
      'let F = (a:long, b:string = "x", T:(*), U:(c:long, d:string)) { let y = 1; T | where c > a }',
      lambda(
        [
          param('a', 'long'),
          param('b', 'string', { defaultValue: str('x') }),
          param('T', 'table', { columns: [] }),
          param('U', 'table', { columns: [decl('c', 'long'), decl('d', 'string')] }),
        ],
        [letOf('y', long(1n))],
        pipe(name('T'), where(binary('>', name('c'), name('a')))),
      ),
    ],
    // A body over several lines, its lets ending in `;`, its expression too.
    [
      'let f = (dt: datetime)\n{\n  let a = 1;;\n  let g = (x:long) { x };\n  g(a);\n};',
      lambda([param('dt', 'datetime')], [letOf('a', long(1n)), letOf('g', lambda([param('x', 'long')], [], name('x')))], call('g', name('a'))),
    ],
    ['let V = view () { print x=1 };', lambda([], [], { kind: 'Print', items: [assign('x', long(1n))] })],
    ['let V = view (n:int) { range x from 1 to n step 1 }', lambda([param('n', 'int')], [], { kind: 'Range', name: name('x'), from: long(1n), to: name('n'), step: long(1n) })],
  ])('%j', (text, value) => {
    const [statement] = parseQuery(text).statements;
    expect(strip(statement)).toEqual({ kind: 'Let', name: name(text.split(' ')[1]!), value });
  });

  it('a function, then a query calling it', () => {
    const query = parseQuery('let f = (n:long) { T | take n };\nf(5) | count');
    expect(strip(query.statements[1])).toEqual({ kind: 'ExprStatement', expr: pipe(call('f', long(5n)), count) });
  });

  it('parenthesised values are still expressions', () => {
    expect(strip(parseQuery('let x = (1) + 2').statements[0])).toEqual(letOf('x', binary('+', paren(long(1n)), long(2n))));
    expect(strip(parseQuery('let x = (T | take 1)').statements[0])).toEqual(letOf('x', paren(pipe(name('T'), { kind: 'Take', count: long(1n) }))));
    expect(strip(parseQuery('let x = view').statements[0])).toEqual(letOf('x', name('view')));
  });
});

function textOf(text: string, loc: Span): string {
  return text.slice(loc.start, loc.end);
}

/** The text of every node, depth first, after the Query and ExprStatement/Let. */
function nodeTexts(text: string): string[] {
  const out: string[] = [];
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) return value.forEach(visit);
    if (value === null || typeof value !== 'object') return;
    if ('kind' in value) out.push(textOf(text, (value as Node).loc));
    for (const [k, child] of Object.entries(value)) if (k !== 'loc' && k !== 'nameLoc') visit(child);
  };
  visit(parseQuery(text).statements[0]);
  return out.slice(1);
}

describe('spans', () => {
  it.each([
    ['T | sort by a desc nulls last, b', ['T | sort by a desc nulls last, b', 'T', 'sort by a desc nulls last, b', 'a desc nulls last', 'a', 'b', 'b']],
    ['T | top 3 by a asc', ['T | top 3 by a asc', 'T', 'top 3 by a asc', '3', 'a asc', 'a']],
    ['T | distinct *', ['T | distinct *', 'T', 'distinct *']],
    ['T | project-reorder a* asc, *b', ['T | project-reorder a* asc, *b', 'T', 'project-reorder a* asc, *b', 'a* asc', '*b']],
    ['T | project-rename a = b', ['T | project-rename a = b', 'T', 'project-rename a = b', 'a', 'b']],
    [
      'T | join kind=inner (U) on x, $left.a == $right.b',
      ['T | join kind=inner (U) on x, $left.a == $right.b', 'T', 'join kind=inner (U) on x, $left.a == $right.b', '(U)', 'U', 'x', 'x', 'x', '$left.a == $right.b', 'a', 'b'],
    ],
    ['T | lookup U on $right.b == $left.a', ['T | lookup U on $right.b == $left.a', 'T', 'lookup U on $right.b == $left.a', 'U', '$right.b == $left.a', 'a', 'b']],
    ['union withsource=S A, (B)', ['union withsource=S A, (B)', 'S', 'A', '(B)', 'B']],
    [
      'T | mv-expand with_itemindex=i x = y to typeof(long) limit 2',
      ['T | mv-expand with_itemindex=i x = y to typeof(long) limit 2', 'T', 'mv-expand with_itemindex=i x = y to typeof(long) limit 2', 'x = y to typeof(long)', 'x', 'y', '2', 'i'],
    ],
    ['T | as hint.materialized=true X', ['T | as hint.materialized=true X', 'T', 'as hint.materialized=true X', 'X']],
    ['datatable(a:long) [-1, 2]', ['datatable(a:long) [-1, 2]', 'a', '-1', '1', '2']],
    ['let f = view (a:long = 1, T:(x:int)) { T }', ['f', 'view (a:long = 1, T:(x:int)) { T }', 'a:long = 1', 'a', '1', 'T:(x:int)', 'T', 'x', 'T']],
  ])('%s', (text, expected) => {
    expect(nodeTexts(text)).toEqual(expected);
  });

  it('a let function spans from let to its closing brace', () => {
    const text = 'let f = () {\n  1\n};\nprint f()';
    expect(textOf(text, parseQuery(text).statements[0]!.loc)).toBe('let f = () {\n  1\n}');
  });
});
