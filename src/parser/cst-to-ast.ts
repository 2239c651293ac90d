/**
 * The one walk from Chevrotain's CST to the typed AST: a function per grammar rule, typed by the
 * generated cst.d.ts, building every node with `node()` and a span that covers exactly its tokens.
 */
import type { IToken } from 'chevrotain';
import { KqlSyntaxError } from '../engine/errors.js';
import {
  cover,
  node,
  span,
  type Assignment,
  type BinaryOp,
  type ColumnPattern,
  type Datatable,
  type DynLiteral,
  type Expr,
  type JoinKey,
  type Lambda,
  type LambdaParam,
  type LetStatement,
  type ListOp,
  type Literal,
  type MvExpand,
  type MvExpandItem,
  type NameRef,
  type ParsePart,
  type Pipe,
  type Query,
  type QueryOperator,
  type RenderProperty,
  type SeriesAggregate,
  type SortKey,
  type Span,
  type Statement,
  type TabularExpr,
  type Union,
} from './ast.js';
import type * as cst from './cst.js';
import { tokenSpan } from './errors.js';
import { decodeLong, decodeString, decodeTimespan, decodeTypedLiteral, quotedNameString } from './literals.js';

/** The span from the first to the last of some spans (tokens or nodes), in any order. */
function coverAll(...parts: (Span | IToken | undefined)[]): Span {
  const spans = parts.filter((p) => p !== undefined).map((p) => ('image' in p ? tokenSpan(p) : p));
  return spans.reduce(cover);
}

// ---------------------------------------------------------------------------------------------
// Statements

export function toAst(query: cst.QueryCstNode): Query {
  const c = query.children;
  const statements = (c.statement ?? []).map((s) => statement(s.children));
  const parts = [...statements.map((s) => s.loc), ...(c.Semicolon ?? []).map(tokenSpan)];
  return node('Query', parts.length > 0 ? coverAll(...parts) : span(0, 0), { statements });
}

function statement(c: cst.StatementCstChildren): Statement {
  if (c.letStatement) return letStatement(c.letStatement[0]!.children);
  const expr = expression(c.expression![0]!.children);
  return node('ExprStatement', expr.loc, { expr });
}

function letStatement(c: cst.LetStatementCstChildren): LetStatement {
  const value = c.lambda ? lambda(c.lambda[0]!.children) : expression(c.expression![0]!.children);
  return node('Let', coverAll(c.Let[0], value.loc), { name: name(c.name[0]!.children), value });
}

function lambda(c: cst.LambdaCstChildren): Lambda {
  const params = (c.lambdaParam ?? []).map((p) => lambdaParam(p.children));
  const lets = (c.letStatement ?? []).map((l) => letStatement(l.children));
  const body = expression(c.expression[0]!.children);
  return node('Lambda', coverAll(c.View?.[0], c.LParen[0], c.RBrace[0]), { params, lets, body });
}

function lambdaParam(c: cst.LambdaParamCstChildren): LambdaParam {
  const paramName = name(c.name[0]!.children);
  if (c.typeName) {
    const defaultValue = c.scalarExpr && scalarExpr(c.scalarExpr[0]!.children);
    return node('LambdaParam', coverAll(paramName.loc, c.typeName[0], defaultValue?.loc), {
      name: paramName,
      typeName: c.typeName[0]!.image,
      ...(defaultValue && { defaultValue }),
    });
  }
  const columns = c.columnDeclarations ? columnDeclarations(c.columnDeclarations[0]!.children) : [];
  return node('LambdaParam', coverAll(paramName.loc, c.RParen![0]), { name: paramName, typeName: 'table', columns });
}

function columnDeclarations(c: cst.ColumnDeclarationsCstChildren): Datatable['columns'] {
  return c.columnDeclaration.map(({ children: d }) => ({ name: name(d.name[0]!.children), typeName: d.typeName[0]!.image }));
}

function name(c: cst.NameCstChildren): NameRef {
  if (c.Identifier) return node('Name', tokenSpan(c.Identifier[0]!), { name: c.Identifier[0]!.image });
  const token = c.QuotedIdentifier![0]!;
  return node('Name', tokenSpan(token), { name: quotedNameString(token.image, token.startOffset).value });
}

// ---------------------------------------------------------------------------------------------
// Tabular expressions

function expression(c: cst.ExpressionCstChildren): Expr {
  const source = pipeSource(c.pipeSource[0]!.children);
  const [first, ...rest] = c.queryOperator ?? [];
  if (!first) return source;
  if (!isTabularSource(source)) throw new KqlSyntaxError("Expected a tabular expression before '|'.", source.loc);
  return rest.reduce((input, o) => pipe(input, queryOperator(o.children)), pipe(source, queryOperator(first.children)));
}

function pipe(source: TabularExpr, operator: QueryOperator): Pipe {
  return node('Pipe', cover(source.loc, operator.loc), { source, operator });
}

/** What may stand left of the first `|`: a table or `let` name, a call, a parenthesis, a source operator. */
function isTabularSource(e: Expr): e is TabularExpr {
  return e.kind === 'Name' || e.kind === 'Call' || e.kind === 'Paren' || isTabular(e);
}

function pipeSource(c: cst.PipeSourceCstChildren): Expr {
  if (c.printOperator) {
    const p = c.printOperator[0]!.children;
    const items = assignmentList(p.assignmentList[0]!.children);
    return node('Print', coverAll(p.Print[0], items.at(-1)!.loc), { items });
  }
  if (c.rangeOperator) {
    const r = c.rangeOperator[0]!.children;
    const [from, to, step] = r.scalarExpr.map((e) => scalarExpr(e.children)) as [Expr, Expr, Expr];
    const rangeName = name(r.name[0]!.children);
    return node('Range', coverAll(r.Range[0], step.loc), { name: rangeName, from, to, step });
  }
  if (c.datatableOperator) return datatable(c.datatableOperator[0]!.children);
  if (c.unionOperator) return union(c.unionOperator[0]!.children);
  // `unsupportedSource` never gets here: the parser refuses it as soon as it is met.
  return scalarExpr(c.scalarExpr![0]!.children);
}

function datatable(c: cst.DatatableOperatorCstChildren): Datatable {
  const columns = columnDeclarations(c.columnDeclarations[0]!.children);
  const loc = coverAll(c.Datatable[0], c.RBracket?.[0], c.QuotedIdentifier?.[0]);
  if (c.QuotedIdentifier) {
    const token = c.QuotedIdentifier[0]!;
    const value = quotedNameString(token.image, token.startOffset);
    return node('Datatable', loc, { columns, values: [node('Literal', value.loc, { type: 'string', value: value.value })] });
  }
  const values = (c.datatableValue ?? []).map(({ children: v }) => {
    const value = literal(v.literal![0]!.children);
    if (!v.AdditiveOp) return value;
    const sign = v.AdditiveOp[0]!;
    return node('Unary', coverAll(sign, value.loc), { op: sign.image as '-' | '+', operand: value });
  });
  return node('Datatable', loc, { columns, values });
}

function union(c: cst.UnionOperatorCstChildren): Union {
  const params = parameters(c.operatorParameters[0]!.children);
  // `wildcardTableName` never gets here: the parser refuses it as soon as it is met.
  const tables = c.unionOperand.map((o) => tabularOperand(o.children.tabularOperand![0]!.children));
  const unionKind = params.get('kind')?.image;
  const withSource = params.get('withsource');
  const isFuzzy = params.get('isfuzzy');
  return node('Union', coverAll(c.Union[0], tables.at(-1)!.loc), {
    ...(unionKind !== undefined && { unionKind }),
    ...(withSource && { withSource: nameOfToken(withSource) }),
    ...(isFuzzy && { isFuzzy: isFuzzy.image.toLowerCase() === 'true' }),
    tables,
  });
}

/** The `key=value` parameters of an operator, by key (the parser has checked keys and values). */
function parameters(c: cst.OperatorParametersCstChildren): Map<string, IToken> {
  return new Map((c.key ?? []).map((key, i) => [key.image, c.value![i]!]));
}

function nameOfToken(token: IToken): NameRef {
  if (token.tokenType.name !== 'QuotedIdentifier') return node('Name', tokenSpan(token), { name: token.image });
  return node('Name', tokenSpan(token), { name: quotedNameString(token.image, token.startOffset).value });
}

/** A name, a call or a parenthesised expression, which must be tabular. */
function tabularOperand(c: cst.TabularOperandCstChildren): TabularExpr {
  if (c.name) return name(c.name[0]!.children);
  if (c.call) {
    const result = call(c.call[0]!.children);
    if (result.kind !== 'Call') throw new KqlSyntaxError('Expected a tabular expression, found typeof(...).', result.loc);
    return result;
  }
  return paren(c.parenExpr![0]!.children);
}

function queryOperator(c: cst.QueryOperatorCstChildren): QueryOperator {
  if (c.whereOperator) {
    const w = c.whereOperator[0]!.children;
    const predicate = scalarExpr(w.scalarExpr[0]!.children);
    return node('Where', coverAll((w.Where ?? w.Filter)![0], predicate.loc), { predicate });
  }
  if (c.extendOperator) {
    const e = c.extendOperator[0]!.children;
    const items = assignmentList(e.assignmentList[0]!.children);
    return node('Extend', coverAll(e.Extend[0], items.at(-1)!.loc), { items });
  }
  if (c.serializeOperator) {
    const s = c.serializeOperator[0]!.children;
    const items = s.assignmentList ? assignmentList(s.assignmentList[0]!.children) : [];
    return node('Serialize', coverAll(s.Serialize[0], items.at(-1)?.loc), { items });
  }
  if (c.parseOperator) return parse(c.parseOperator[0]!.children);
  if (c.evaluateOperator) {
    const e = c.evaluateOperator[0]!.children;
    const plugin = e.plugin[0]!;
    const args = (e.evaluateArgument ?? []).map(({ children: a }) => ({
      ...(a.argName && { name: a.argName[0]!.image }),
      value: scalarExpr(a.scalarExpr[0]!.children),
    }));
    return node('Evaluate', coverAll(e.Evaluate[0], e.RParen[0]), { plugin: nameOfToken(plugin), args });
  }
  if (c.projectOperator) {
    const p = c.projectOperator[0]!.children;
    const items = assignmentList(p.assignmentList[0]!.children);
    return node('Project', coverAll(p.Project[0], items.at(-1)!.loc), { items });
  }
  if (c.summarizeOperator) return summarize(c.summarizeOperator[0]!.children);
  if (c.makeSeriesOperator) return makeSeries(c.makeSeriesOperator[0]!.children);
  if (c.renderOperator) return render(c.renderOperator[0]!.children);
  if (c.takeOperator) {
    const t = c.takeOperator[0]!.children;
    const count = scalarExpr(t.scalarExpr[0]!.children);
    return node('Take', coverAll((t.Take ?? t.Limit)![0], count.loc), { count });
  }
  if (c.countOperator) return node('Count', tokenSpan(c.countOperator[0]!.children.Count[0]!), {});
  if (c.sortOperator) {
    const s = c.sortOperator[0]!.children;
    const keys = sortKeys(s.sortKeys[0]!.children);
    return node('Sort', coverAll((s.Sort ?? s.Order)![0], keys.at(-1)!.loc), { keys });
  }
  if (c.topOperator) {
    const t = c.topOperator[0]!.children;
    const keys = sortKeys(t.sortKeys[0]!.children);
    return node('Top', coverAll(t.Top[0], keys.at(-1)!.loc), { count: scalarExpr(t.scalarExpr[0]!.children), keys });
  }
  if (c.distinctOperator) {
    const d = c.distinctOperator[0]!.children;
    const items = (d.scalarExpr ?? []).map((e) => scalarExpr(e.children));
    return node('Distinct', coverAll(d.Distinct[0], d.Star?.[0], items.at(-1)?.loc), { items, star: !!d.Star });
  }
  if (c.projectColumnsOperator) return projectColumns(c.projectColumnsOperator[0]!.children);
  if (c.projectRenameOperator) {
    const r = c.projectRenameOperator[0]!.children;
    const items = r.rename.map(({ children: i }) => ({
      newName: name(i.newName[0]!.children),
      oldName: name(i.oldName[0]!.children),
    }));
    return node('ProjectRename', coverAll(r.ProjectRename[0], items.at(-1)!.oldName.loc), { items });
  }
  if (c.joinOperator) {
    const j = c.joinOperator[0]!.children;
    const joinKind = parameters(j.operatorParameters[0]!.children).get('kind')?.image;
    const right = tabularOperand(j.tabularOperand[0]!.children);
    const on = joinKeys(j.joinKeys[0]!.children);
    return node('Join', coverAll(j.Join[0], on.at(-1)!.loc), { ...(joinKind !== undefined && { joinKind }), right, on });
  }
  if (c.lookupOperator) {
    const l = c.lookupOperator[0]!.children;
    const lookupKind = parameters(l.operatorParameters[0]!.children).get('kind')?.image;
    const right = tabularOperand(l.tabularOperand[0]!.children);
    const on = joinKeys(l.joinKeys[0]!.children);
    return node('Lookup', coverAll(l.Lookup[0], on.at(-1)!.loc), {
      ...(lookupKind !== undefined && { lookupKind }),
      right,
      on,
    });
  }
  if (c.unionOperator) return union(c.unionOperator[0]!.children);
  if (c.mvExpandOperator) return mvExpand(c.mvExpandOperator[0]!.children);
  if (c.mvApplyOperator) return mvApply(c.mvApplyOperator[0]!.children);
  if (c.scanOperator) return scanOperator(c.scanOperator[0]!.children);
  if (c.getSchemaOperator) return node('GetSchema', tokenSpan(c.getSchemaOperator[0]!.children.GetSchema[0]!), {});
  // The parser refuses `unsupportedOperator` as soon as it is met, so this is `as`.
  const a = c.asOperator![0]!.children;
  const asName = name(a.name[0]!.children);
  return node('As', coverAll(a.As[0], asName.loc), { name: asName });
}

function sortKeys(c: cst.SortKeysCstChildren): SortKey[] {
  return c.sortKey.map(({ children: k }) => {
    const expr = scalarExpr(k.scalarExpr[0]!.children);
    const order = (k.Asc ?? k.Desc)?.[0];
    const nulls = (k.First ?? k.Last)?.[0];
    return node('SortKey', coverAll(expr.loc, order, nulls), {
      expr,
      ...(order && { order: order.image as 'asc' | 'desc' }),
      ...(nulls && { nulls: nulls.image as 'first' | 'last' }),
    });
  });
}

function projectColumns(c: cst.ProjectColumnsOperatorCstChildren): QueryOperator {
  const keyword = (c.ProjectAway ?? c.ProjectKeep ?? c.ProjectReorder)![0]!;
  const variant = keyword.image as 'project-away' | 'project-keep' | 'project-reorder';
  const columns = c.columnPattern.map(({ children: p }) => columnPattern(p, variant));
  return node('ProjectColumns', coverAll(keyword, columns.at(-1)!.loc), { variant, columns });
}

/** The parts of a pattern were written without blanks; a quoted part is its string. */
function columnPattern(c: cst.ColumnPatternCstChildren, variant: string): ColumnPattern {
  const parts = [...(c.Identifier ?? []), ...(c.QuotedIdentifier ?? []), ...(c.Star ?? [])].sort(
    (a, b) => a.startOffset - b.startOffset,
  );
  const pattern = parts
    .map((p) => (p.tokenType.name === 'QuotedIdentifier' ? quotedNameString(p.image, p.startOffset).value : p.image))
    .join('');
  const order = c.order?.[0];
  if (order && variant !== 'project-reorder') {
    throw new KqlSyntaxError(`Unexpected '${order.image}'.`, tokenSpan(order));
  }
  return node('ColumnPattern', coverAll(parts[0], parts.at(-1), order), {
    pattern,
    ...(order && { order: order.image as ColumnPattern['order'] & string }),
  });
}

function joinKeys(c: cst.JoinKeysCstChildren): JoinKey[] {
  return c.joinKey.map(({ children: k }) => {
    if (k.name) {
      const column = name(k.name[0]!.children);
      return node('JoinKey', column.loc, { left: column, right: column });
    }
    // The parser has checked that one side is $left and the other $right.
    const [first, second] = k.sideColumn!.map(({ children: s }) => ({
      side: s.JoinSide[0]!,
      column: name(s.name[0]!.children),
    })) as [{ side: IToken; column: NameRef }, { side: IToken; column: NameRef }];
    const [left, right] = first.side.image === '$left' ? [first, second] : [second, first];
    return node('JoinKey', coverAll(first.side, second.column.loc), { left: left.column, right: right.column });
  });
}

function mvExpand(c: cst.MvExpandOperatorCstChildren): QueryOperator {
  return expansion(c.MvExpand[0]!, c.mvExpansion[0]!.children);
}

/** The expansion part shared by mv-expand and mv-apply: parameters, items, limit. */
function expansion(keyword: IToken, c: cst.MvExpansionCstChildren): MvExpand {
  const params = parameters(c.operatorParameters[0]!.children);
  const items = c.mvExpandItem.map((i) => mvExpandItem(i.children));
  const limit = c.scalarExpr && scalarExpr(c.scalarExpr[0]!.children);
  const [bag, kind] = [params.get('bagexpansion'), params.get('kind')];
  // `kind=` is the older spelling of `bagexpansion=`: one of them at most.
  if (bag && kind) {
    const later = bag.startOffset > kind.startOffset ? 'bagexpansion' : 'kind';
    const key = c.operatorParameters[0]!.children.key!.find((k) => k.image === later)!;
    throw new KqlSyntaxError(`Unexpected '${later}'.`, tokenSpan(key));
  }
  const bagExpansion = (bag ?? kind)?.image;
  const withItemIndex = params.get('with_itemindex');
  return node('MvExpand', coverAll(keyword, items.at(-1)!.loc, limit?.loc), {
    items,
    ...(limit && { limit }),
    ...(bagExpansion !== undefined && { bagExpansion }),
    ...(withItemIndex && { withItemIndex: nameOfToken(withItemIndex) }),
  });
}

function scanOperator(c: cst.ScanOperatorCstChildren): QueryOperator {
  const matchId = parameters(c.operatorParameters[0]!.children).get('with_match_id');
  const declarations = (c.scanDeclaration ?? []).map(({ children: d }) => {
    const declared = name(d.name[0]!.children);
    const defaultValue = d.scalarExpr && scalarExpr(d.scalarExpr[0]!.children);
    return node('ScanDeclaration', coverAll(declared.loc, d.typeName[0], defaultValue?.loc), {
      name: declared, typeName: d.typeName[0]!.image, ...(defaultValue && { defaultValue }),
    });
  });
  const steps = c.scanStep.map(({ children: s }) => node('ScanStep', coverAll(s.Step[0], s.Semicolon[0]), {
    name: name(s.name[0]!.children),
    ...(s.outputValue && { output: s.outputValue[0]!.image }),
    condition: scalarExpr(s.scalarExpr[0]!.children),
    assignments: s.assignmentList ? assignmentList(s.assignmentList[0]!.children) : [],
  }));
  return node('ScanOperator', coverAll(c.Scan[0], c.RParen.at(-1)), {
    ...(matchId && { matchId: nameOfToken(matchId) }), declarations, steps,
  });
}

function mvApply(c: cst.MvApplyOperatorCstChildren): QueryOperator {
  const expand = expansion(c.MvApply[0]!, c.mvExpansion[0]!.children);
  const subquery = c.queryOperator.map((o) => queryOperator(o.children));
  return node('MvApply', coverAll(c.MvApply[0], c.RParen[0]), { expand, subquery });
}

function parse(c: cst.ParseOperatorCstChildren): QueryOperator {
  const params = parameters(c.operatorParameters[0]!.children);
  const flags = params.get('flags')?.image;
  const parts: ParsePart[] = c.parsePart.map(({ children: p }) => {
    if (p.Star) return { kind: 'star' };
    if (p.StringLiteral) {
      const token = p.StringLiteral[0]!;
      return { kind: 'text', text: decodeString(token.image, token.startOffset), loc: tokenSpan(token) };
    }
    const column = name(p.name![0]!.children);
    const typeName = p.typeName?.[0]!.image;
    return { kind: 'column', name: column, ...(typeName !== undefined && { typeName }), loc: coverAll(column.loc, p.typeName?.[0]) };
  });
  const last = c.parsePart.at(-1)!.children;
  return node('Parse', coverAll((c.Parse ?? c.ParseWhere)![0], last.Star?.[0], last.StringLiteral?.[0], last.typeName?.[0],
    last.name && name(last.name[0]!.children).loc), {
    where: !!c.ParseWhere,
    parseKind: params.get('kind')?.image ?? 'simple',
    ...(flags !== undefined && { flags }),
    source: scalarExpr(c.scalarExpr[0]!.children),
    parts,
  });
}

function mvExpandItem(c: cst.MvExpandItemCstChildren): MvExpandItem {
  const target = c.name && name(c.name[0]!.children);
  const expr = scalarExpr(c.scalarExpr[0]!.children);
  const toType = c.typeName?.[0]!.image;
  return node('MvExpandItem', coverAll(target?.loc, expr.loc, c.RParen?.[0]), {
    ...(target && { name: target }),
    expr,
    ...(toType !== undefined && { toType }),
  });
}

function summarize(c: cst.SummarizeOperatorCstChildren): QueryOperator {
  const aggregates = c.aggregates ? assignmentList(c.aggregates[0]!.children) : [];
  const by = byClause(c.byClause);
  const loc = coverAll(c.Summarize[0], aggregates.at(-1)?.loc, by.at(-1)?.loc);
  return node('Summarize', loc, { aggregates, by });
}

function makeSeries(c: cst.MakeSeriesOperatorCstChildren): QueryOperator {
  const seriesKind = c.seriesKind?.[0]!.image;
  const aggregates = c.seriesAggregate.map((a) => seriesAggregate(a.children));
  const axis = additiveExpr(c.additiveExpr[0]!.children);
  const { end, ...bounds } = c.seriesRange
    ? seriesRange(c.seriesRange[0]!.children)
    : seriesFromToStep(c.seriesFromToStep![0]!.children);
  const by = byClause(c.byClause);
  return node('MakeSeries', coverAll(c.MakeSeries[0], end, by.at(-1)?.loc), {
    ...(seriesKind !== undefined && { seriesKind }),
    aggregates,
    axis,
    ...bounds,
    by,
  });
}

/** The axis bounds of make-series, and where they end. */
interface SeriesBounds {
  readonly from?: Expr;
  readonly to?: Expr;
  readonly step: Expr;
  readonly inRange: boolean;
  readonly end: Span;
}

function seriesRange(c: cst.SeriesRangeCstChildren): SeriesBounds {
  const [from, to, step] = c.scalarExpr.map((e) => scalarExpr(e.children)) as [Expr, Expr, Expr];
  return { from, to, step, inRange: true, end: tokenSpan(c.RParen[0]!) };
}

function seriesFromToStep(c: cst.SeriesFromToStepCstChildren): SeriesBounds {
  const step = scalarExpr(c.step[0]!.children);
  return {
    ...(c.from && { from: scalarExpr(c.from[0]!.children) }),
    ...(c.to && { to: scalarExpr(c.to[0]!.children) }),
    step,
    inRange: false,
    end: step.loc,
  };
}

function seriesAggregate(c: cst.SeriesAggregateCstChildren): SeriesAggregate {
  const item = assignment(c.assignment[0]!.children);
  const defaultValue = c.scalarExpr && scalarExpr(c.scalarExpr[0]!.children);
  return node('SeriesAggregate', coverAll(item.loc, defaultValue?.loc), {
    item,
    ...(defaultValue && { defaultValue }),
  });
}

function render(c: cst.RenderOperatorCstChildren): QueryOperator {
  const properties = (c.renderProperty ?? []).map((p) => renderProperty(p.children));
  const visualization = c.Identifier[0]!;
  return node('Render', coverAll(c.Render[0], visualization, c.RParen?.[0]), {
    visualization: visualization.image,
    properties,
  });
}

function renderProperty(c: cst.RenderPropertyCstChildren): RenderProperty {
  const values = c.scalarExpr.map((e) => scalarExpr(e.children));
  const propertyName = c.Identifier[0]!;
  return node('RenderProperty', coverAll(propertyName, values.at(-1)!.loc), { name: propertyName.image, values });
}

function byClause(c: cst.ByClauseCstNode[] | undefined): Assignment[] {
  return c ? assignmentList(c[0]!.children.assignmentList[0]!.children) : [];
}

function assignmentList(c: cst.AssignmentListCstChildren): Assignment[] {
  return c.assignment.map((a) => assignment(a.children));
}

function assignment(c: cst.AssignmentCstChildren): Assignment {
  const target = c.name && name(c.name[0]!.children);
  const expr = scalarExpr(c.scalarExpr[0]!.children);
  return node('Assignment', coverAll(target?.loc, expr.loc), { ...(target && { name: target }), expr });
}

// ---------------------------------------------------------------------------------------------
// Scalar expressions

function binary(op: BinaryOp, left: Expr, right: Expr): Expr {
  return node('Binary', cover(left.loc, right.loc), { op, left, right });
}

/** `a op b op c` → `(a op b) op c`; `ops[i]` sits between operands i and i+1, its image is the operator. */
function leftAssociative(operands: Expr[], ops: IToken[] | undefined): Expr {
  return operands.reduce((left, right, i) => binary(ops![i - 1]!.image as BinaryOp, left, right));
}

function scalarExpr(c: cst.ScalarExprCstChildren): Expr {
  return leftAssociative(c.andExpr.map((a) => andExpr(a.children)), c.Or);
}

function andExpr(c: cst.AndExprCstChildren): Expr {
  return leftAssociative(c.comparison.map((a) => comparison(a.children)), c.And);
}

/** The operator token's image is the AST operator: `==`, `!has_cs`, `in~`, ... */
function comparison(c: cst.ComparisonCstChildren): Expr {
  const [left, right] = c.additiveExpr.map((a) => additiveExpr(a.children)) as [Expr, Expr | undefined];
  if (c.ComparisonOp) return binary(c.ComparisonOp[0]!.image as BinaryOp, left, right!);
  if (c.Matches) return binary('matches regex', left, right!);
  if (c.ListOp) {
    const list = c.listItems![0]!.children;
    const items = list.expression.map((e) => listItem(expression(e.children)));
    return node('InList', coverAll(left.loc, list.RParen[0]), { op: c.ListOp[0]!.image as ListOp, left, items });
  }
  if (c.BetweenOp) {
    const range = c.betweenRange![0]!.children;
    const [low, high] = range.additiveExpr.map((a) => additiveExpr(a.children)) as [Expr, Expr];
    return node('Between', coverAll(left.loc, range.RParen[0]), {
      negated: c.BetweenOp[0]!.image === '!between',
      left,
      low,
      high,
    });
  }
  return left;
}

/** A tabular list item, `(T | project c)` or `((T | project c))`, becomes a Subquery. */
function listItem(item: Expr): Expr {
  return isTabular(item) ? node('Subquery', item.loc, { query: item }) : item;
}

/** A pipeline or source operator, possibly in parentheses. */
function isTabular(e: Expr): e is TabularExpr {
  switch (e.kind) {
    case 'Pipe':
    case 'Print':
    case 'Range':
    case 'Datatable':
    case 'Union':
      return true;
    case 'Paren':
      return isTabular(e.expr);
    default:
      return false;
  }
}

function additiveExpr(c: cst.AdditiveExprCstChildren): Expr {
  return leftAssociative(c.multiplicativeExpr.map((m) => multiplicativeExpr(m.children)), c.AdditiveOp);
}

function multiplicativeExpr(c: cst.MultiplicativeExprCstChildren): Expr {
  return leftAssociative(c.unaryExpr.map((u) => unaryExpr(u.children)), c.MultiplicativeOp);
}

function unaryExpr(c: cst.UnaryExprCstChildren): Expr {
  if (c.AdditiveOp) {
    const op = c.AdditiveOp[0]!;
    const operand = unaryExpr(c.unaryExpr![0]!.children);
    return node('Unary', coverAll(op, operand.loc), { op: op.image as '-' | '+', operand });
  }
  const p = c.postfixExpr![0]!.children;
  return (p.accessor ?? []).reduce((target, a) => accessor(target, a.children), primary(p.primary[0]!.children));
}

function accessor(target: Expr, c: cst.AccessorCstChildren): Expr {
  if (c.Identifier) {
    return node('Member', coverAll(target.loc, c.Identifier[0]), { target, name: c.Identifier[0]!.image });
  }
  if (c.bracketIndex) {
    const b = c.bracketIndex[0]!.children;
    const index = scalarExpr(b.scalarExpr[0]!.children);
    return node('Index', coverAll(target.loc, b.RBracket[0]), { target, index });
  }
  const token = c.QuotedIdentifier![0]!;
  const key = quotedNameString(token.image, token.startOffset);
  const index = node('Literal', key.loc, { type: 'string', value: key.value });
  return node('Index', coverAll(target.loc, token), { target, index });
}

function primary(c: cst.PrimaryCstChildren): Expr {
  if (c.literal) return literal(c.literal[0]!.children);
  if (c.call) return call(c.call[0]!.children);
  if (c.name) return name(c.name[0]!.children);
  return paren(c.parenExpr![0]!.children);
}

function paren(c: cst.ParenExprCstChildren) {
  return node('Paren', coverAll(c.LParen[0], c.RParen[0]), { expr: expression(c.expression[0]!.children) });
}

/** `typeof(int)` is written as a call; it becomes a TypeOf node. */
function call(c: cst.CallCstChildren): Expr {
  const callee = c.Identifier[0]!;
  const loc = coverAll(callee, c.RParen[0]);
  const args = (c.argument ?? []).map(({ children: a }) =>
    a.Star ? node('Star', tokenSpan(a.Star[0]!), {}) : expression(a.expression![0]!.children),
  );
  if (callee.image !== 'typeof') return node('Call', loc, { name: callee.image, nameLoc: tokenSpan(callee), args });
  const [typeName] = args;
  if (args.length !== 1 || typeName!.kind !== 'Name') {
    throw new KqlSyntaxError('Expected a type name in typeof(...).', loc);
  }
  return node('TypeOf', loc, { typeName: typeName.name });
}

// ---------------------------------------------------------------------------------------------
// Literals

function literal(c: cst.LiteralCstChildren): Literal {
  if (c.dynamicLiteral) {
    const d = c.dynamicLiteral[0]!.children;
    const loc = coverAll(d.DynamicOpen[0], d.RParen[0]);
    return node('Literal', loc, { type: 'dynamic', value: dynamicValue(d.dynamicValue[0]!.children) });
  }
  const [token] =
    c.StringLiteral ?? c.LongLiteral ?? c.RealLiteral ?? c.TimespanLiteral ?? c.BoolLiteral ?? c.TypedLiteral!;
  const { image, startOffset } = token!;
  const loc = tokenSpan(token!);
  if (c.StringLiteral) return node('Literal', loc, { type: 'string', value: decodeString(image, startOffset) });
  if (c.LongLiteral) return node('Literal', loc, { type: 'long', value: decodeLong(image, startOffset) });
  if (c.RealLiteral) return node('Literal', loc, { type: 'real', value: Number(image) });
  if (c.TimespanLiteral) return node('Literal', loc, { type: 'timespan', value: decodeTimespan(image, startOffset) });
  if (c.BoolLiteral) return node('Literal', loc, { type: 'bool', value: image.toLowerCase() === 'true' });
  return node('Literal', loc, decodeTypedLiteral(image, startOffset));
}

function dynamicValue(c: cst.DynamicValueCstChildren): DynLiteral {
  if (c.Null) return null;
  if (c.BoolLiteral) return c.BoolLiteral[0]!.image.toLowerCase() === 'true';
  if (c.StringLiteral) return decodeString(c.StringLiteral[0]!.image, c.StringLiteral[0]!.startOffset);
  if (c.dynamicNumber) return dynamicNumber(c.dynamicNumber[0]!.children);
  if (c.dynamicArray) return (c.dynamicArray[0]!.children.dynamicValue ?? []).map((v) => dynamicValue(v.children));
  if (c.dynamicObject) {
    const properties = c.dynamicObject[0]!.children.dynamicProperty ?? [];
    // fromEntries defines own properties, so even a "__proto__" key stays a plain key.
    return Object.fromEntries(
      properties.map(({ children: p }) => [
        decodeString(p.StringLiteral[0]!.image, p.StringLiteral[0]!.startOffset),
        dynamicValue(p.dynamicValue[0]!.children),
      ]),
    );
  }
  if (c.dynamicLiteral) return dynamicValue(c.dynamicLiteral[0]!.children.dynamicValue[0]!.children);
  const token = c.QuotedIdentifier![0]!;
  return [quotedNameString(token.image, token.startOffset).value];
}

/** Integers are longs (bigint), anything with a fraction or exponent is a real. */
function dynamicNumber(c: cst.DynamicNumberCstChildren): number | bigint {
  const negative = c.AdditiveOp?.[0]!.image === '-';
  if (c.LongLiteral) {
    const value = decodeLong(c.LongLiteral[0]!.image, c.LongLiteral[0]!.startOffset);
    return negative ? -value : value;
  }
  const value = Number(c.RealLiteral![0]!.image);
  return negative ? -value : value;
}
