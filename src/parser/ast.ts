/**
 * The typed, immutable KQL syntax tree. Every node has a `kind` discriminant and a `loc` span
 * (character offsets into the query text, end exclusive). Nodes are built only through `node()`
 * so that no production forgets its location. The parser knows nothing about tables or column
 * types: literal values are decoded here only as far as their spelling goes.
 */

export interface Span {
  readonly start: number;
  readonly end: number;
}

// ---------------------------------------------------------------------------------------------
// Literal values

/** A dynamic literal value as written: JSON-like, with longs as bigint and reals as number. */
export type DynLiteral =
  | null
  | boolean
  | number
  | bigint
  | string
  | readonly DynLiteral[]
  | { readonly [key: string]: DynLiteral };

/**
 * Literal type names as written. Values by type:
 * - bool: boolean | null; int: number | null; long: bigint | null; real/decimal: number | null
 * - string: string (never null)
 * - datetime: the text inside `datetime(...)` (decoded by the engine), or null
 * - timespan: bigint ticks, or null
 * - guid: the text inside `guid(...)`, or null
 * - dynamic: DynLiteral
 */
export type LiteralType =
  | 'bool' | 'int' | 'long' | 'real' | 'decimal' | 'string' | 'datetime' | 'timespan' | 'guid' | 'dynamic';

export interface Literal {
  readonly kind: 'Literal';
  readonly type: LiteralType;
  readonly value: boolean | number | bigint | string | DynLiteral | null;
  readonly loc: Span;
}

// ---------------------------------------------------------------------------------------------
// Scalar expressions

/** A bare or bracketed name: a column, a `let` name or a table (`Url`, `['Some name']`). */
export interface NameRef {
  readonly kind: 'Name';
  readonly name: string;
  readonly loc: Span;
}

export type BinaryOp =
  | 'or' | 'and'
  | '==' | '!=' | '<' | '<=' | '>' | '>=' | '=~' | '!~' | '<>'
  | '+' | '-' | '*' | '/' | '%'
  // string operators, all spelled as in KQL (lower case)
  | 'has' | '!has' | 'has_cs' | '!has_cs'
  | 'hasprefix' | '!hasprefix' | 'hasprefix_cs' | '!hasprefix_cs'
  | 'hassuffix' | '!hassuffix' | 'hassuffix_cs' | '!hassuffix_cs'
  | 'contains' | '!contains' | 'contains_cs' | '!contains_cs'
  | 'startswith' | '!startswith' | 'startswith_cs' | '!startswith_cs'
  | 'endswith' | '!endswith' | 'endswith_cs' | '!endswith_cs'
  | 'matches regex';

export interface Binary {
  readonly kind: 'Binary';
  readonly op: BinaryOp;
  readonly left: Expr;
  readonly right: Expr;
  readonly loc: Span;
}

export interface Unary {
  readonly kind: 'Unary';
  readonly op: '-' | '+';
  readonly operand: Expr;
  readonly loc: Span;
}

/** `x in (a, b)`, `x !in~ (...)`, `x has_any (...)`, `x has_all (...)`; items may be tabular. */
export type ListOp = 'in' | '!in' | 'in~' | '!in~' | 'has_any' | 'has_all';

export interface InList {
  readonly kind: 'InList';
  readonly op: ListOp;
  readonly left: Expr;
  readonly items: readonly Expr[];
  readonly loc: Span;
}

/** `x between (low .. high)` and `x !between (low .. high)`. */
export interface Between {
  readonly kind: 'Between';
  readonly negated: boolean;
  readonly left: Expr;
  readonly low: Expr;
  readonly high: Expr;
  readonly loc: Span;
}

/** A function or aggregate call: `startofday(x)`, `count()`, `not(p)`. */
export interface Call {
  readonly kind: 'Call';
  readonly name: string;
  readonly nameLoc: Span;
  readonly args: readonly Expr[];
  readonly loc: Span;
}

/** `*` as a call argument, as in `arg_max(Timestamp, *)`. */
export interface Star {
  readonly kind: 'Star';
  readonly loc: Span;
}

/** `d.key`. */
export interface Member {
  readonly kind: 'Member';
  readonly target: Expr;
  readonly name: string;
  readonly loc: Span;
}

/** `d["key"]`, `arr[0]`, `arr[-1]`. */
export interface Index {
  readonly kind: 'Index';
  readonly target: Expr;
  readonly index: Expr;
  readonly loc: Span;
}

export interface Paren {
  readonly kind: 'Paren';
  readonly expr: Expr;
  readonly loc: Span;
}

/** `typeof(string)`, as used by `extract(..., typeof(int))` and `mv-expand ... to typeof(T)`. */
export interface TypeOf {
  readonly kind: 'TypeOf';
  readonly typeName: string;
  readonly loc: Span;
}

/** A tabular expression used in scalar position, e.g. `x in (T | project c)`. */
export interface Subquery {
  readonly kind: 'Subquery';
  readonly query: TabularExpr;
  readonly loc: Span;
}

export type ScalarExpr =
  | Literal | NameRef | Binary | Unary | InList | Between | Call | Star | Member | Index | Paren | TypeOf | Subquery;

// ---------------------------------------------------------------------------------------------
// Tabular expressions and query operators

/** `Source | op`. A chain `T | a | b` is `Pipe(Pipe(T, a), b)`. */
export interface Pipe {
  readonly kind: 'Pipe';
  readonly source: TabularExpr;
  readonly operator: QueryOperator;
  readonly loc: Span;
}

/**
 * The start of a pipeline: a table or `let` name (NameRef), a call of a tabular `let` function
 * (Call), or a source operator that needs no input (`print`, `range`, `datatable`, `union`).
 */
export type TabularExpr = Pipe | NameRef | Call | Paren | SourceOperator;

/** `Name = expr` or just `expr` (the name is then derived by the binder). */
export interface Assignment {
  readonly kind: 'Assignment';
  readonly name?: NameRef;
  readonly expr: Expr;
  readonly loc: Span;
}

export interface Where {
  readonly kind: 'Where';
  readonly predicate: Expr;
  readonly loc: Span;
}

export interface Extend {
  readonly kind: 'Extend';
  readonly items: readonly Assignment[];
  readonly loc: Span;
}

/** `serialize [Name = Expr, ...]`: extend that also marks the row order as fixed (for window functions). */
export interface Serialize {
  readonly kind: 'Serialize';
  readonly items: readonly Assignment[];
  readonly loc: Span;
}

export interface Project {
  readonly kind: 'Project';
  readonly items: readonly Assignment[];
  readonly loc: Span;
}

export interface Summarize {
  readonly kind: 'Summarize';
  readonly aggregates: readonly Assignment[];
  readonly by: readonly Assignment[];
  readonly loc: Span;
}

export interface SeriesAggregate {
  readonly kind: 'SeriesAggregate';
  readonly item: Assignment;
  readonly defaultValue?: Expr;
  readonly loc: Span;
}

export interface MakeSeries {
  readonly kind: 'MakeSeries';
  /** `kind=nonempty` when written. */
  readonly seriesKind?: string;
  readonly aggregates: readonly SeriesAggregate[];
  readonly axis: Expr;
  readonly from?: Expr;
  readonly to?: Expr;
  readonly step: Expr;
  /** Set for the `on Axis in range(start, stop, step)` form; from/to/step then come from it. */
  readonly inRange: boolean;
  readonly by: readonly Assignment[];
  readonly loc: Span;
}

/** `title="x"` has one value; `ycolumns=a, b` and `series=a, b` have several. */
export interface RenderProperty {
  readonly kind: 'RenderProperty';
  readonly name: string;
  readonly values: readonly Expr[];
  readonly loc: Span;
}

export interface Render {
  readonly kind: 'Render';
  readonly visualization: string;
  readonly properties: readonly RenderProperty[];
  readonly loc: Span;
}

export interface Take {
  readonly kind: 'Take';
  readonly count: Expr;
  readonly loc: Span;
}

export interface Count {
  readonly kind: 'Count';
  readonly loc: Span;
}

/** A sort key: `expr [asc|desc] [nulls first|last]`. Defaults are decided by the binder. */
export interface SortKey {
  readonly kind: 'SortKey';
  readonly expr: Expr;
  readonly order?: 'asc' | 'desc';
  readonly nulls?: 'first' | 'last';
  readonly loc: Span;
}

/** `sort by` / `order by`. */
export interface Sort {
  readonly kind: 'Sort';
  readonly keys: readonly SortKey[];
  readonly loc: Span;
}

/** `top N by key [asc|desc] [nulls first|last]` (one or more keys). */
export interface Top {
  readonly kind: 'Top';
  readonly count: Expr;
  readonly keys: readonly SortKey[];
  readonly loc: Span;
}

/** `distinct a, b` or `distinct *` (then `items` is empty and `star` is set). */
export interface Distinct {
  readonly kind: 'Distinct';
  readonly items: readonly Expr[];
  readonly star: boolean;
  readonly loc: Span;
}

/** A column name or a wildcard pattern such as `Email*` in project-away/-keep/-reorder. */
export interface ColumnPattern {
  readonly kind: 'ColumnPattern';
  /** The name, with `*` standing for any characters. */
  readonly pattern: string;
  readonly order?: 'asc' | 'desc' | 'granny-asc' | 'granny-desc';
  readonly loc: Span;
}

/** `project-away`, `project-keep`, `project-reorder` with column names or wildcard patterns. */
export interface ProjectColumns {
  readonly kind: 'ProjectColumns';
  readonly variant: 'project-away' | 'project-keep' | 'project-reorder';
  readonly columns: readonly ColumnPattern[];
  readonly loc: Span;
}

/** `project-rename New = Old, ...`. */
export interface ProjectRename {
  readonly kind: 'ProjectRename';
  readonly items: readonly { readonly newName: NameRef; readonly oldName: NameRef }[];
  readonly loc: Span;
}

/**
 * A join or lookup key: `Col` (same name on both sides), or `$left.A == $right.B`
 * (then `left` and `right` differ).
 */
export interface JoinKey {
  readonly kind: 'JoinKey';
  readonly left: NameRef;
  readonly right: NameRef;
  readonly loc: Span;
}

/** `join [kind=K] [hint.x=y ...] (Right) on keys`; the right side may be a bare table name. */
export interface Join {
  readonly kind: 'Join';
  /** As written (`inner`, `leftouter`, …); absent means the default, innerunique. */
  readonly joinKind?: string;
  readonly right: TabularExpr;
  readonly on: readonly JoinKey[];
  readonly loc: Span;
}

/** `lookup [kind=leftouter|inner] (Right) on keys`. */
export interface Lookup {
  readonly kind: 'Lookup';
  readonly lookupKind?: string;
  readonly right: TabularExpr;
  readonly on: readonly JoinKey[];
  readonly loc: Span;
}

/** `union [kind=inner|outer] [withsource=Name] [isfuzzy=true|false] T1, (T2 | ...)`; as an operator the input is the first table. */
export interface Union {
  readonly kind: 'Union';
  readonly unionKind?: string;
  readonly withSource?: NameRef;
  readonly isFuzzy?: boolean;
  readonly tables: readonly TabularExpr[];
  readonly loc: Span;
}

/** One expanded column of mv-expand: `[Name =] expr [to typeof(T)]`. */
export interface MvExpandItem {
  readonly kind: 'MvExpandItem';
  readonly name?: NameRef;
  readonly expr: Expr;
  readonly toType?: string;
  readonly loc: Span;
}

/** `mv-expand [bagexpansion=…] [with_itemindex=Name] item, ... [limit N]`. */
export interface MvExpand {
  readonly kind: 'MvExpand';
  readonly items: readonly MvExpandItem[];
  readonly limit?: Expr;
  readonly bagExpansion?: string;
  readonly withItemIndex?: NameRef;
  readonly loc: Span;
}

/** `getschema`: one row per input column (name, ordinal, .NET type, KQL type). */
export interface GetSchema {
  readonly kind: 'GetSchema';
  readonly loc: Span;
}

/** A scan variable: `declare (Name:type [= default])`. */
export interface ScanDeclaration {
  readonly kind: 'ScanDeclaration';
  readonly name: NameRef;
  readonly typeName: string;
  readonly defaultValue?: Expr;
  readonly loc: Span;
}

/** `step Name [output=…]: condition [=> Column = expr, ...];`. */
export interface ScanStep {
  readonly kind: 'ScanStep';
  readonly name: NameRef;
  /** `all` (the default), `last` or `none`, as written. */
  readonly output?: string;
  readonly condition: Expr;
  readonly assignments: readonly Assignment[];
  readonly loc: Span;
}

/** The `scan` operator (named so as not to be confused with the plan's table scan). */
export interface ScanOperator {
  readonly kind: 'ScanOperator';
  readonly matchId?: NameRef;
  readonly declarations: readonly ScanDeclaration[];
  readonly steps: readonly ScanStep[];
  readonly loc: Span;
}

/** `mv-apply expansion on (subquery)`: the operators of the subquery run over each input row's expansion. */
export interface MvApply {
  readonly kind: 'MvApply';
  readonly expand: MvExpand;
  readonly subquery: readonly QueryOperator[];
  readonly loc: Span;
}

/** One element of a parse pattern: `*`, a delimiter text, or a column (type name as written, if any). */
export type ParsePart =
  | { readonly kind: 'star' }
  | { readonly kind: 'text'; readonly text: string; readonly loc: Span }
  | { readonly kind: 'column'; readonly name: NameRef; readonly typeName?: string; readonly loc: Span };

/** `parse` and `parse-where` (`where: true`): columns extracted from a string by a pattern. */
export interface Parse {
  readonly kind: 'Parse';
  readonly where: boolean;
  /** `simple`, `regex` or `relaxed` (the default is simple). */
  readonly parseKind: string;
  readonly flags?: string;
  readonly source: Expr;
  readonly parts: readonly ParsePart[];
  readonly loc: Span;
}

/** `evaluate plugin(args)`: arguments may be named (`return_unmatched = true`). */
export interface Evaluate {
  readonly kind: 'Evaluate';
  readonly plugin: NameRef;
  readonly args: readonly { readonly name?: string; readonly value: Expr }[];
  readonly loc: Span;
}

/** `as [hint.materialized=true] Name`: names the input for later reference in the same query. */
export interface As {
  readonly kind: 'As';
  readonly name: NameRef;
  readonly loc: Span;
}

export type QueryOperator =
  | Where | Extend | Serialize | Project | Summarize | MakeSeries | Render | Take | Count
  | Sort | Top | Distinct | ProjectColumns | ProjectRename | Join | Lookup | Union | MvExpand | MvApply | GetSchema | ScanOperator | Parse | Evaluate | As;

/** `print [Name =] expr, ...`: one row, no input. */
export interface Print {
  readonly kind: 'Print';
  readonly items: readonly Assignment[];
  readonly loc: Span;
}

/** `range Name from start to stop step step`: one column, stop inclusive. */
export interface Range {
  readonly kind: 'Range';
  readonly name: NameRef;
  readonly from: Expr;
  readonly to: Expr;
  readonly step: Expr;
  readonly loc: Span;
}

/** `datatable (a:long, b:string) [1, "x", 2, "y"]`: values row by row. */
export interface Datatable {
  readonly kind: 'Datatable';
  readonly columns: readonly { readonly name: NameRef; readonly typeName: string }[];
  readonly values: readonly Expr[];
  readonly loc: Span;
}

/** Operators that start a pipeline without input (`union` in source position is a Union). */
export type SourceOperator = Print | Range | Datatable | Union;

export type Expr = ScalarExpr | Pipe | SourceOperator;

// ---------------------------------------------------------------------------------------------
// Statements

/** A parameter of a `let` function: `name: type`, `T: (*)` or `T: (a: long, ...)` for tables, with an optional default. */
export interface LambdaParam {
  readonly kind: 'LambdaParam';
  readonly name: NameRef;
  /** A scalar type name, or 'table' for a tabular parameter. */
  readonly typeName: string;
  /** For a tabular parameter: the declared columns (empty for `(*)`). */
  readonly columns?: readonly { readonly name: NameRef; readonly typeName: string }[];
  readonly defaultValue?: Expr;
  readonly loc: Span;
}

/** `(params) { let ...; body }`: the value of a `let` function. */
export interface Lambda {
  readonly kind: 'Lambda';
  readonly params: readonly LambdaParam[];
  /** The let statements inside the body, then the body's result expression. */
  readonly lets: readonly LetStatement[];
  readonly body: Expr;
  readonly loc: Span;
}

export interface LetStatement {
  readonly kind: 'Let';
  readonly name: NameRef;
  readonly value: Expr | Lambda;
  readonly loc: Span;
}

export interface ExprStatement {
  readonly kind: 'ExprStatement';
  readonly expr: Expr;
  readonly loc: Span;
}

export type Statement = LetStatement | ExprStatement;

export interface Query {
  readonly kind: 'Query';
  readonly statements: readonly Statement[];
  readonly loc: Span;
}

export type Node =
  | Query | Statement | Expr | QueryOperator | SourceOperator | Assignment | SeriesAggregate | RenderProperty
  | SortKey | ColumnPattern | JoinKey | MvExpandItem | Lambda | LambdaParam | ScanDeclaration | ScanStep;

type NodeOf<K extends Node['kind']> = Extract<Node, { kind: K }>;

/** The only way nodes are built: every node gets its kind and location, and is frozen. */
/** Node kinds whose insides are not part of a scalar expression (literals, tabular operands). */
const OPAQUE_KINDS = new Set(['Literal', 'TypeOf', 'Star', 'Subquery', 'Pipe', 'Print', 'Range', 'Datatable', 'Union']);

/**
 * A copy of a scalar expression in which `replace` substitutes nodes: it is called on each node,
 * outermost first, and its result (when defined) is used instead of looking inside that node.
 */
export function rewriteExpr(e: Expr, replace: (e: Expr) => Expr | undefined): Expr {
  const replaced = replace(e);
  if (replaced) return replaced;
  if (OPAQUE_KINDS.has(e.kind)) return e;
  const walk = (v: unknown): unknown =>
    Array.isArray(v) ? v.map(walk) : v !== null && typeof v === 'object' && 'kind' in v ? rewriteExpr(v as Expr, replace) : v;
  return Object.freeze(Object.fromEntries(Object.entries(e).map(([k, v]) => [k, walk(v)]))) as unknown as Expr;
}

export function node<K extends Node['kind']>(
  kind: K,
  loc: Span,
  fields: Omit<NodeOf<K>, 'kind' | 'loc'>,
): NodeOf<K> {
  return Object.freeze({ kind, ...fields, loc }) as unknown as NodeOf<K>;
}

export function span(start: number, end: number): Span {
  return { start, end };
}

/** The span covering two spans. */
export function cover(a: Span, b: Span): Span {
  return { start: Math.min(a.start, b.start), end: Math.max(a.end, b.end) };
}
