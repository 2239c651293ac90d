/**
 * The binder: AST → plan. Resolves tables, columns, `let` names and functions, computes every
 * type, and raises SemanticError at the span of the offending node. Operators bind themselves
 * (src/operators) through the BindContext this class implements.
 */
import type {
  Between, Binary, Call, Expr, InList, Lambda, Literal, Query, QueryOperator, Span, TabularExpr,
} from '../parser/ast.js';
import { operatorFor } from '../operators/index.js';
import type { ScanPlan } from '../operators/scan.js';
import type { RenderPlan } from '../operators/render.js';
import { elementOf, memberOf } from './access.js';
import { lookupAggregate } from './aggregates/registry.js';
import { defaultAggregateName } from './bind-aggregate.js';
import { Batch } from './batch.js';
import type { JsValue } from './column.js';
import { compileExpr, dynElement, readerOf } from './compile-expr.js';
import { dynFromLiteral, type DynValue } from './dynamic.js';
import { NotSupportedError, SemanticError } from './errors.js';
import { constant, type BoundExpr, type CallExpr } from './expr.js';
import { binaryOperatorSignatures } from './functions/operators.js';
import { KQL_AGGREGATE_FUNCTIONS, KQL_ENVIRONMENT_FUNCTIONS, KQL_SCALAR_FUNCTIONS } from './functions/kql-catalog.js';
import { allFunctions, lookupFunction } from './functions/registry.js';
import { lookupWindowFunction, type WindowFunction } from './functions/window.js';
import { RESULT_NAMES } from './functions/result-names.js';
import { conversionCost, convertValue, kernelOf, resolve, type QueryContext, type Signature } from './functions/signature.js';
import type { BindContext, PlanNode, Visualization } from './plan.js';
import { didYouMean, requireColumn, suggest } from './schema.js';
import { parseIsoDatetime, ticksFromParts } from './time.js';
import { parseTypeName, type Field, type KqlType } from './types.js';

/** Where the binder finds table schemas. */
export interface TableCatalog {
  schemaOf(name: string): readonly Field[] | undefined;
  tableNames(): readonly string[];
}

export interface BoundResult {
  readonly name: string;
  readonly plan: PlanNode;
  readonly visualization?: Visualization;
}

export interface BoundQuery {
  readonly results: readonly BoundResult[];
  /** The tables the query reads, for loading. */
  readonly tables: readonly string[];
}

type LetValue =
  | { readonly kind: 'scalar'; readonly expr: BoundExpr }
  | { readonly kind: 'tabular'; readonly plan: PlanNode }
  /** A let function, with the names visible where it was defined (lexical scope). */
  | { readonly kind: 'function'; readonly lambda: Lambda; readonly scope: ReadonlyMap<string, LetValue> };

type FunctionValue = Extract<LetValue, { kind: 'function' }>;

const TEXT_TYPES = new Set<KqlType>(['string']);

/** Output columns learned from the data, by the start offset of the operator (see SchemaFromDataError). */
export type LearnedSchemas = ReadonlyMap<number, readonly Field[]>;

export function bindQuery(query: Query, catalog: TableCatalog, ctx: QueryContext, learned: LearnedSchemas = new Map()): BoundQuery {
  return new Binder(catalog, ctx, learned).bindQuery(query);
}

class Binder implements BindContext {
  readonly query: QueryContext;
  private readonly catalog: TableCatalog;
  private lets = new Map<string, LetValue>();
  private readonly tables = new Set<string>();
  /** The input rows of the expression being bound, when window functions may be used on them. */
  private windowRows: PlanNode | undefined;

  private readonly learned: LearnedSchemas;
  /** The operators whose learned columns were used: each may be bound once (not in a function called twice). */
  private readonly learnedUsed = new Set<number>();

  constructor(catalog: TableCatalog, query: QueryContext, learned: LearnedSchemas) {
    this.catalog = catalog;
    this.query = query;
    this.learned = learned;
  }

  learnedSchema(loc: Span): readonly Field[] | undefined {
    if (this.learnedUsed.has(loc.start)) {
      throw new NotSupportedError('an operator whose columns depend on the data, bound more than once (in a function called several times)', loc);
    }
    const fields = this.learned.get(loc.start);
    if (fields) this.learnedUsed.add(loc.start);
    return fields;
  }

  bindQuery(query: Query): BoundQuery {
    const plans: { plan: PlanNode; loc: Span }[] = [];
    for (const st of query.statements) {
      if (st.kind === 'Let') {
        this.lets.set(st.name.name, st.value.kind === 'Lambda' ? this.functionValue(st.value) : this.bindLetValue(st.value));
        continue;
      }
      if (!this.isTabular(st.expr)) {
        throw new SemanticError('A query statement must be tabular (a table, or a pipeline such as T | where …).', st.expr.loc);
      }
      plans.push({ plan: this.bindTabular(st.expr as TabularExpr), loc: st.loc });
    }
    if (query.statements.length === 0) throw new SemanticError('The query is empty.', query.loc);
    if (plans.length === 0) {
      throw new SemanticError('The query has no tabular statement to run (only let statements).', query.loc);
    }
    const results = plans.map(({ plan }, i) => ({
      name: plans.length === 1 ? 'PrimaryResult' : `Table_${i}`,
      plan,
      visualization: plan.kind === 'Render' ? (plan as RenderPlan).visualization : undefined,
    }));
    return { results, tables: [...this.tables] };
  }

  private bindLetValue(value: Expr): LetValue {
    if (this.isTabular(value)) return { kind: 'tabular', plan: this.bindTabular(value as TabularExpr) };
    return { kind: 'scalar', expr: this.bindScalar(value, []) };
  }

  /** Whether an expression denotes a table (decided by its syntax and the names it uses). */
  private isTabular(e: Expr): boolean {
    switch (e.kind) {
      case 'Pipe':
      case 'Print':
      case 'Range':
      case 'Datatable':
      case 'Union':
        return true;
      case 'Paren':
        return this.isTabular(e.expr);
      case 'Name': {
        // A name that is not a scalar let is a table (unknown tables fail when bound, by name).
        const v = this.lets.get(e.name);
        // A function without parameters used by bare name is a view: a table.
        if (v?.kind === 'function') return v.lambda.params.length === 0 && this.isTabularBody(v);
        return v?.kind !== 'scalar';
      }
      case 'Call': {
        const v = this.lets.get(e.name);
        if (v?.kind === 'function') return this.isTabularBody(v);
        return e.name === 'materialize';
      }
      default:
        return false;
    }
  }

  defineTable(name: string, plan: PlanNode): void {
    this.lets.set(name, { kind: 'tabular', plan });
  }

  bindTabular(e: TabularExpr): PlanNode {
    const saved = this.windowRows;
    this.windowRows = undefined;
    try {
      return this.bindTabularExpr(e);
    } finally {
      this.windowRows = saved;
    }
  }

  private bindTabularExpr(e: TabularExpr): PlanNode {
    switch (e.kind) {
      case 'Pipe':
        return this.bindQueryOperator(e.operator, this.bindTabular(e.source));
      case 'Paren':
        return this.bindTabular(e.expr as TabularExpr);
      case 'Name':
        return this.bindTableName(e.name, e.loc);
      case 'Call': {
        const v = this.lets.get(e.name);
        if (v?.kind === 'function') return this.invoke(v, e, [], (body) => this.bindTabular(body as TabularExpr));
        if (e.name === 'materialize' && e.args.length === 1) return this.bindTabular(e.args[0] as TabularExpr);
        throw new NotSupportedError(`the tabular function '${e.name}'`, e.loc);
      }
      default: {
        const def = operatorFor(e.kind);
        if (!def) throw new NotSupportedError(`the '${e.kind}' operator`, e.loc);
        return def.bind(e as never, undefined, this);
      }
    }
  }

  bindOperators(operators: readonly QueryOperator[], input: PlanNode): PlanNode {
    const saved = this.windowRows;
    this.windowRows = undefined;
    try {
      return operators.reduce((plan, op) => this.bindQueryOperator(op, plan), input);
    } finally {
      this.windowRows = saved;
    }
  }

  private bindQueryOperator(op: QueryOperator, input: PlanNode): PlanNode {
    if (input.kind === 'Render') {
      // The docs say render comes last; what the engine does with operators after it is unknown.
      throw new NotSupportedError(`operators after 'render' (render must be the last operator of a query)`, op.loc);
    }
    const def = operatorFor(op.kind);
    if (!def) throw new NotSupportedError(`the '${op.kind}' operator`, op.loc);
    return def.bind(op as never, input, this);
  }

  private functionValue(lambda: Lambda): FunctionValue {
    return { kind: 'function', lambda, scope: new Map(this.lets) };
  }

  /** Whether a let function returns a table (its body is tabular). */
  private isTabularBody(fn: FunctionValue): boolean {
    const { lambda } = fn;
    const saved = this.lets;
    this.lets = new Map(fn.scope);
    try {
      for (const p of lambda.params) this.lets.set(p.name.name, p.typeName === 'table'
        ? { kind: 'tabular', plan: { kind: 'Scan', schema: [], loc: p.loc } }
        : { kind: 'scalar', expr: constant('long', null) });
      for (const l of lambda.lets) this.lets.set(l.name.name, l.value.kind === 'Lambda' ? this.functionValue(l.value) : { kind: 'scalar', expr: constant('long', null) });
      return this.isTabular(lambda.body);
    } finally {
      this.lets = saved;
    }
  }

  /**
   * Binds a call of a `let` function by binding its body in a scope where each parameter
   * names the bound argument (or its default).
   */
  private invoke<T>(fn: FunctionValue, call: Call, schema: readonly Field[], bindBody: (body: Expr) => T): T {
    const { lambda } = fn;
    if (call.args.length > lambda.params.length) {
      throw new SemanticError(`'${call.name}' takes ${lambda.params.length} argument(s), not ${call.args.length}.`, call.loc);
    }
    // Arguments are bound where the call is; the body sees the names of its definition point.
    const scope = new Map(fn.scope);
    lambda.params.forEach((p, i) => {
      const arg = call.args[i] ?? p.defaultValue;
      if (!arg) throw new SemanticError(`'${call.name}' needs a value for its parameter '${p.name.name}'.`, call.loc);
      if (p.typeName === 'table') {
        scope.set(p.name.name, { kind: 'tabular', plan: this.bindTabular(arg as TabularExpr) });
        return;
      }
      let expr = this.bindScalar(arg, schema);
      const declared = parseTypeName(p.typeName);
      if (declared && declared !== expr.type) {
        if (conversionCost(expr.type, declared) === undefined && expr.type !== 'dynamic' && declared !== 'dynamic') {
          throw new SemanticError(`The parameter '${p.name.name}' of '${call.name}' is a ${declared}, not a ${expr.type}.`, arg.loc);
        }
        if (conversionCost(expr.type, declared) !== undefined) expr = this.widen(expr, declared);
      }
      scope.set(p.name.name, { kind: 'scalar', expr });
    });
    const saved = this.lets;
    this.lets = scope;
    try {
      for (const l of lambda.lets) {
        this.lets.set(l.name.name, l.value.kind === 'Lambda' ? this.functionValue(l.value) : this.bindLetValue(l.value));
      }
      return bindBody(lambda.body);
    } finally {
      this.lets = saved;
    }
  }

  private bindTableName(name: string, loc: Span): PlanNode {
    const v = this.lets.get(name);
    if (v?.kind === 'tabular') return v.plan;
    if (v?.kind === 'function') {
      // A function without parameters (a view) may be used by its bare name, like a table.
      if (v.lambda.params.length === 0 && this.isTabularBody(v)) {
        return this.invoke(v, { kind: 'Call', name, nameLoc: loc, args: [], loc }, [], (body) => this.bindTabular(body as TabularExpr));
      }
      throw new SemanticError(`'${name}' is a function; call it as ${name}(...).`, loc);
    }
    if (v?.kind === 'scalar') throw new SemanticError(`'${name}' is a scalar value, not a table.`, loc);
    const schema = this.catalog.schemaOf(name);
    if (!schema) {
      const known = this.catalog.tableNames();
      const hint = suggest(name, known)
        ? didYouMean(name, known)
        : ` ${known.length > 0 ? `Known tables: ${known.join(', ')}. ` : ''}Bind a data file to it with -t ${name}=PATH.`;
      throw new SemanticError(`Unknown table '${name}'.${hint}`, loc, 'UNKNOWN_TABLE');
    }
    this.tables.add(name);
    const plan: ScanPlan = { kind: 'Scan', table: name, schema, loc };
    return plan;
  }

  // ---------------------------------------------------------------------------------------------
  // Scalars

  bindScalar(e: Expr, schema: readonly Field[], rows?: PlanNode): BoundExpr {
    if (rows === undefined) return this.bindExpr(e, schema);
    const saved = this.windowRows;
    this.windowRows = rows;
    try {
      return this.bindExpr(e, schema);
    } finally {
      this.windowRows = saved;
    }
  }

  private bindExpr(e: Expr, schema: readonly Field[]): BoundExpr {
    switch (e.kind) {
      case 'Literal':
        return this.bindLiteral(e);
      case 'Name': {
        const i = schema.findIndex((f) => f.name === e.name);
        if (i >= 0) return { kind: 'ColumnRef', type: schema[i].type, index: i, name: e.name };
        const v = this.lets.get(e.name);
        if (v?.kind === 'scalar') return v.expr;
        if (v?.kind === 'tabular') throw new SemanticError(`'${e.name}' is a table, not a scalar value.`, e.loc);
        if (v?.kind === 'function') throw new SemanticError(`'${e.name}' is a function; call it as ${e.name}(...).`, e.loc);
        requireColumn(schema, e.name, e.loc);
        throw new SemanticError(`Unknown name '${e.name}'.`, e.loc);
      }
      case 'Paren':
        return this.bindScalar(e.expr, schema);
      case 'Unary': {
        const operand = this.bindScalar(e.operand, schema);
        if (e.op === '+') return operand;
        const zero = constant(operand.type, operand.type === 'real' || operand.type === 'int' || operand.type === 'decimal' ? 0 : 0n);
        return this.bindOperator('-', zero, operand, e.loc);
      }
      case 'Binary':
        return this.bindBinary(e, schema);
      case 'InList':
        return this.bindInList(e, schema);
      case 'Between':
        return this.bindBetween(e, schema);
      case 'Call':
        return this.bindCall(e, schema);
      case 'Member': {
        const target = this.requireDynamic(this.bindScalar(e.target, schema), e.loc);
        return this.internalCall('member', target, constant('string', e.name), (d: DynValue, k: string) => memberOf(d, k), e.loc);
      }
      case 'Index': {
        const target = this.requireDynamic(this.bindScalar(e.target, schema), e.loc);
        const index = this.bindScalar(e.index, schema);
        if (index.type === 'string') {
          return this.internalCall('member', target, index, (d: DynValue, k: string) => memberOf(d, k), e.loc);
        }
        if (index.type !== 'long' && index.type !== 'int') {
          throw new SemanticError(`An array index must be a number or a string key, not a ${index.type}.`, e.index.loc);
        }
        const idx = index.type === 'int' ? this.widen(index, 'long') : index;
        return this.internalCall('index', target, idx, (d: DynValue, i: bigint) => elementOf(d, i), e.loc);
      }
      case 'TypeOf': {
        const t = parseTypeName(e.typeName);
        if (!t) throw new SemanticError(`Unknown type '${e.typeName}'.`, e.loc);
        return constant('string', t);
      }
      case 'Star':
        throw new SemanticError(`'*' is not valid here.`, e.loc);
      case 'Subquery':
      case 'Pipe':
      case 'Print':
      case 'Range':
      case 'Datatable':
      case 'Union':
        throw new SemanticError('A tabular expression cannot be used as a scalar value here.', e.loc);
    }
  }

  private requireDynamic(e: BoundExpr, loc: Span): BoundExpr {
    if (e.type !== 'dynamic') {
      throw new SemanticError(`Only dynamic values have properties and elements; this is a ${e.type}.`, loc);
    }
    return e;
  }

  private widen(e: BoundExpr, to: KqlType): BoundExpr {
    return this.internalCall(`to${to}`, e, undefined, (v: JsValue) => v, { start: 0, end: 0 }, [to], to);
  }

  private internalCall(
    name: string, a: BoundExpr, b: BoundExpr | undefined, kernel: (...args: never[]) => JsValue, loc: Span,
    paramTypes?: readonly KqlType[], type: KqlType = 'dynamic',
  ): CallExpr {
    const args = b ? [a, b] : [a];
    return {
      kind: 'Call', type, name, kernel: kernel as CallExpr['kernel'], args,
      paramTypes: paramTypes ?? args.map((x) => x.type), nulls: 'propagate', usesContext: false, loc,
    };
  }

  private bindLiteral(e: Literal): BoundExpr {
    switch (e.type) {
      case 'datetime': {
        if (e.value === null) return constant('datetime', null);
        const text = e.value as string;
        if (text === '') return constant('datetime', this.query.now);
        const ticks = parseIsoDatetime(text) ?? partsDatetime(text) ?? this.parseDatetimeText(text);
        if (ticks === undefined) throw new SemanticError(`Invalid datetime literal '${text}'.`, e.loc);
        return constant('datetime', ticks);
      }
      case 'guid': {
        if (e.value === null) return constant('guid', null);
        const text = (e.value as string).toLowerCase();
        if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(text)) {
          throw new SemanticError(`Invalid guid literal '${e.value as string}'.`, e.loc);
        }
        return constant('guid', text);
      }
      case 'dynamic':
        return constant('dynamic', dynFromLiteral(e.value));
      default:
        return constant(e.type, e.value as JsValue);
    }
  }

  /** Other datetime literal forms (RFC 822 and the like), through todatetime()'s parser. */
  private parseDatetimeText(text: string): bigint | undefined {
    const fn = lookupFunction('todatetime');
    const r = fn && resolve(fn.signatures, ['string']);
    const v = r ? kernelOf(r)(text) : null;
    return typeof v === 'bigint' ? v : undefined;
  }

  private bindBinary(e: Binary, schema: readonly Field[]): BoundExpr {
    const left = this.bindScalar(e.left, schema);
    const right = this.bindScalar(e.right, schema);
    if (e.op === 'and' || e.op === 'or') {
      for (const [side, node] of [[left, e.left], [right, e.right]] as const) {
        if (side.type !== 'bool') {
          throw new SemanticError(`The operands of '${e.op}' must be bool; this one is a ${side.type}.`, node.loc);
        }
      }
      return { kind: 'Logical', type: 'bool', op: e.op, left, right };
    }
    return this.bindOperator(e.op === '<>' ? '!=' : e.op, left, right, e.loc);
  }

  private bindOperator(op: string, left: BoundExpr, right: BoundExpr, loc: Span): BoundExpr {
    const sigs = binaryOperatorSignatures(op);
    const resolved = resolve(sigs, [left.type, right.type]);
    if (!resolved) {
      throw new SemanticError(`The operator '${op}' cannot be applied to ${left.type} and ${right.type}.`, loc);
    }
    return this.callExpr(op, resolved.signature, resolved.paramTypes, resolved.resultType, [left, right], false, loc);
  }

  private callExpr(
    name: string, s: Signature, paramTypes: readonly KqlType[], type: KqlType, args: readonly BoundExpr[],
    usesContext: boolean, loc: Span,
  ): CallExpr {
    return {
      kind: 'Call', type, name, kernel: kernelOf({ signature: s, paramTypes, resultType: type }), args, paramTypes,
      nulls: s.nulls ?? 'propagate', usesContext, loc,
    };
  }

  private bindBetween(e: Between, schema: readonly Field[]): BoundExpr {
    const left = this.bindScalar(e.left, schema);
    const low = this.bindScalar(e.low, schema);
    let high = this.bindScalar(e.high, schema);
    // `dt between (d .. 2h)` means the range [d, d + 2h].
    if (left.type === 'datetime' && high.type === 'timespan') high = this.bindOperator('+', low, high, e.high.loc);
    const lo = this.bindOperator(e.negated ? '<' : '>=', left, low, e.loc);
    const hi = this.bindOperator(e.negated ? '>' : '<=', left, high, e.loc);
    return { kind: 'Logical', type: 'bool', op: e.negated ? 'or' : 'and', left: lo, right: hi };
  }

  private bindInList(e: InList, schema: readonly Field[]): BoundExpr {
    const left = this.bindScalar(e.left, schema);
    const values: { type: KqlType; value: JsValue }[] = [];
    let source: PlanNode | undefined;
    for (const item of e.items) {
      const tabular = item.kind === 'Subquery' ? item.query : this.isTabular(item) ? (item as TabularExpr) : undefined;
      if (tabular) {
        if (e.items.length > 1) throw new NotSupportedError(`a tabular operand of '${e.op}' beside other values`, item.loc);
        source = this.bindTabular(tabular);
        if (source.schema.length === 0) throw new SemanticError(`The tabular operand of '${e.op}' has no columns.`, item.loc);
        continue;
      }
      const bound = this.bindScalar(item, schema);
      if (!isConstant(bound)) {
        throw new NotSupportedError(`a non-constant operand of '${e.op}'`, item.loc);
      }
      const value = this.evaluateConstant(bound);
      if (bound.type === 'dynamic' && Array.isArray(value)) {
        for (const el of value) values.push(dynElement(el));
      } else values.push({ type: bound.type, value });
    }
    if ((e.op === 'has_any' || e.op === 'has_all') && !TEXT_TYPES.has(left.type) && left.type !== 'dynamic') {
      throw new SemanticError(`The left side of '${e.op}' must be a string or dynamic, not a ${left.type}.`, e.left.loc);
    }
    return { kind: 'InSet', type: 'bool', op: e.op, left, values, source };
  }

  private bindCall(e: Call, schema: readonly Field[]): BoundExpr {
    const user = this.lets.get(e.name);
    if (user?.kind === 'function') return this.invoke(user, e, schema, (body) => this.bindScalar(body, schema));
    if (e.name === 'toscalar') {
      if (e.args.length !== 1) throw new SemanticError(`'toscalar' takes one argument.`, e.loc);
      if (!this.isTabular(e.args[0])) return this.bindScalar(e.args[0], schema);
      const plan = this.bindTabular(e.args[0] as TabularExpr);
      if (plan.schema.length === 0) throw new SemanticError(`The argument of 'toscalar' has no columns.`, e.args[0].loc);
      return { kind: 'ScalarSubquery', type: plan.schema[0].type, plan };
    }
    const windowFn = lookupWindowFunction(e.name);
    if (windowFn) return this.bindWindow(windowFn, e, schema);
    const fn = lookupFunction(e.name);
    if (!fn) {
      if (lookupAggregate(e.name)) {
        throw new SemanticError(`The aggregate function '${e.name}' can only be used in 'summarize' or 'make-series'.`, e.nameLoc);
      }
      refuseKnownFunction(e.name, e.nameLoc);
      const names = allFunctions().flatMap((f) => [f.name, ...(f.aliases ?? [])]);
      throw new SemanticError(`Unknown function '${e.name}'.${didYouMean(e.name, names)}`, e.nameLoc, 'UNKNOWN_FUNCTION');
    }
    const args = e.args.map((a) => this.bindScalar(a, schema));
    const argTypes = args.map((a) => a.type);
    const resolved = resolve(fn.signatures, argTypes);
    if (!resolved) {
      const arities = [...new Set(fn.signatures.map((s) => s.params.length))];
      const arityOk = fn.signatures.some((s) =>
        argTypes.length >= s.params.length - (s.optional ?? 0) && (argTypes.length <= s.params.length || !!s.rest));
      if (!arityOk) {
        throw new SemanticError(
          `The function '${e.name}' expects ${arities.join(' or ')} argument(s), not ${argTypes.length}.`, e.loc);
      }
      throw new SemanticError(
        `The function '${e.name}' cannot take arguments of types (${argTypes.join(', ')}).`, e.loc);
    }
    const problem = fn.check?.(resolved.paramTypes);
    if (problem?.startsWith('Not supported: ')) {
      throw new NotSupportedError(problem.slice('Not supported: '.length).replace(/\.$/, ''), e.loc);
    }
    if (problem) throw new SemanticError(problem, e.loc);
    for (const i of fn.constantArgs ?? []) {
      if (i < args.length && !isConstant(args[i])) {
        throw new SemanticError(`Argument ${i + 1} of '${e.name}' must be a constant.`, e.args[i].loc);
      }
    }
    const call = this.callExpr(e.name, resolved.signature, resolved.paramTypes, resolved.resultType, args, !!fn.usesContext, e.loc);
    const resultType = fn.resultFromArguments?.(args.map((a) => (isConstant(a) ? this.evaluateConstant(a) : undefined)));
    if (!resultType || resultType === call.type) return call;
    // The kernel's value keeps its own type; widen it (long → real) to the declared result.
    const from = call.type;
    const kernel = call.kernel;
    return { ...call, type: resultType, kernel: (...xs) => convertValue(kernel(...xs), from, resultType) };
  }

  private bindWindow(fn: WindowFunction, e: Call, schema: readonly Field[]): BoundExpr {
    if (!this.windowRows || !isSerialized(this.windowRows)) {
      throw new SemanticError(
        `The function '${e.name}' needs a serialized row set: put 'serialize' or 'sort' before it.`, e.nameLoc);
    }
    const args = e.args.map((a) => this.bindScalar(a, schema));
    const resolved = resolve(fn.signatures, args.map((a) => a.type));
    if (!resolved) {
      throw new SemanticError(`The function '${e.name}' cannot take arguments of types (${args.map((a) => a.type).join(', ')}).`, e.loc);
    }
    const problem = fn.check?.(resolved.paramTypes);
    if (problem) throw new SemanticError(problem, e.loc);
    for (const i of fn.constantArgs ?? []) {
      if (i < args.length && !isConstant(args[i])) {
        throw new SemanticError(`Argument ${i + 1} of '${e.name}' must be a constant.`, e.args[i].loc);
      }
    }
    return { kind: 'Window', type: resolved.resultType, fn, args, paramTypes: resolved.paramTypes, loc: e.loc };
  }

  // ---------------------------------------------------------------------------------------------
  // BindContext services for operators

  constantValue(expr: Expr, expected?: readonly KqlType[]): { type: KqlType; value: JsValue } {
    const bound = this.bindScalar(expr, []);
    if (expected && !expected.some((t) => conversionCost(bound.type, t) !== undefined)) {
      throw new SemanticError(`Expected a value of type ${expected.join(' or ')}, not ${bound.type}.`, expr.loc);
    }
    return { type: bound.type, value: this.evaluateConstant(bound) };
  }

  evaluateConstant(expr: BoundExpr): JsValue {
    return readerOf(compileExpr(expr, { query: this.query, tables: new Map() })(new Batch([], [], 1)))(0);
  }

  inferName(expr: Expr, schema: readonly Field[]): string | undefined {
    switch (expr.kind) {
      case 'Name':
        // Only columns lend their names; a let name does not (`let d = 1; print d` → print_0).
        return schema.some((f) => f.name === expr.name) ? expr.name : undefined;
      case 'Paren':
        return this.inferName(expr.expr, schema);
      case 'Member': {
        const t = this.inferName(expr.target, schema);
        return t === undefined ? undefined : `${t}_${expr.name}`;
      }
      case 'Call': {
        // An aggregate's own default name (count_, sum_a), which the functions over it then use.
        const aggregate = lookupAggregate(expr.name);
        if (aggregate) return defaultAggregateName(expr, aggregate);
        // Kusto's per-function rule: `tostring(Url)` → Url, `strlen(Url)` → strlen_Url, else ColumnN.
        const rule = RESULT_NAMES.get(expr.name);
        if (!rule || expr.args.length === 0 || (rule.onlyWithArgs !== undefined && expr.args.length !== rule.onlyWithArgs)) {
          return undefined;
        }
        const first = this.inferName(expr.args[0], schema);
        if (first === undefined) return undefined;
        return rule.kind === 'first' ? first : `${rule.prefix}_${first}`;
      }
      default:
        return undefined;
    }
  }

}

/** Plans whose rows come in a defined order (window functions need one); others keep their input's order. */
const SERIALIZING = new Set(['Sort', 'Top', 'Serialize', 'Range']);
const ORDER_KEEPING = new Set(['Extend', 'Project', 'Where', 'Take', 'Select', 'MvExpand', 'Parse', 'ScanSteps']);

export function isSerialized(plan: PlanNode): boolean {
  if (SERIALIZING.has(plan.kind)) return true;
  return ORDER_KEEPING.has(plan.kind) && plan.input !== undefined && isSerialized(plan.input);
}

/** `datetime(2025, 6, 14[, h, m, s])`: a datetime from its parts. */
function partsDatetime(text: string): bigint | undefined {
  const m = /^(\d{1,4})\s*,\s*(\d{1,2})\s*,\s*(\d{1,2})(?:\s*,\s*(\d{1,2})(?:\s*,\s*(\d{1,2})(?:\s*,\s*(\d{1,2})(?:\.(\d{1,7}))?)?)?)?$/.exec(text.trim());
  if (!m) return undefined;
  return ticksFromParts({
    year: +m[1], month: +m[2], day: +m[3], hour: +(m[4] ?? 0), minute: +(m[5] ?? 0), second: +(m[6] ?? 0),
    fractionTicks: m[7] ? +m[7].padEnd(7, '0') : 0,
  });
}

/** A documented KQL function this engine does not implement is refused by name, never "unknown". */
export function refuseKnownFunction(name: string, loc: Span): void {
  const reason = KQL_ENVIRONMENT_FUNCTIONS.get(name);
  if (reason) throw new NotSupportedError(`the function '${name}' (${reason})`, loc);
  if (KQL_SCALAR_FUNCTIONS.has(name) || KQL_AGGREGATE_FUNCTIONS.has(name)) {
    throw new NotSupportedError(`the function '${name}'`, loc);
  }
}

function isConstant(e: BoundExpr): boolean {
  switch (e.kind) {
    case 'Const':
      return true;
    case 'ColumnRef':
      return false;
    case 'Call':
      return e.args.every(isConstant);
    case 'Logical':
      return isConstant(e.left) && isConstant(e.right);
    case 'InSet':
      return !e.source && isConstant(e.left);
    case 'ScalarSubquery':
    case 'Window':
      return false;
  }
}
