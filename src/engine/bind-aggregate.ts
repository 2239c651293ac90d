/**
 * Binding of aggregate calls (`count()`, `countif(p)`, `make_set(x, 10)`), shared by summarize
 * and make-series: resolves the aggregate and its overload, binds the arguments and derives the
 * default output column name.
 */
import { rewriteExpr, type Call, type Expr } from '../parser/ast.js';
import { lookupAggregate, allAggregates } from './aggregates/registry.js';
import type { AggregateFunction, GroupedAccumulator } from './aggregates/aggregate.js';
import type { Reader, JsValue } from './column.js';
import { readerOf, type Value } from './compile-expr.js';
import { NotSupportedError, SemanticError } from './errors.js';
import { KQL_AGGREGATE_FUNCTIONS } from './functions/kql-catalog.js';
import type { BoundExpr } from './expr.js';
import { convertValue, resolve } from './functions/signature.js';
import type { BindContext } from './plan.js';
import { didYouMean } from './schema.js';
import type { Field, KqlType } from './types.js';

export interface AggregateSlot {
  readonly fn: AggregateFunction;
  readonly name: string;
  readonly args: readonly BoundExpr[];
  readonly paramTypes: readonly KqlType[];
  readonly resultType: KqlType;
  readonly constants: readonly JsValue[];
}

/** A call of an aggregate function, implemented or not (unimplemented ones are refused by name when bound). */
export function isAggregateCall(expr: Expr): expr is Call {
  return expr.kind === 'Call' && (lookupAggregate(expr.name) !== undefined || KQL_AGGREGATE_FUNCTIONS.has(expr.name));
}

/** `a` → "a", `a.b` → "a_b"; anything else has no name. */
function argumentName(expr: Expr | undefined): string {
  if (!expr) return '';
  if (expr.kind === 'Name') return expr.name;
  if (expr.kind === 'Member') {
    const t = argumentName(expr.target);
    return t ? `${t}_${expr.name}` : '';
  }
  if (expr.kind === 'Paren') return argumentName(expr.expr);
  return '';
}

/** Kusto's default name of an aggregate column: prefix_firstArgumentName (count() → count_). */
export function defaultAggregateName(call: Call, fn: AggregateFunction): string {
  const arg = [...Array(fn.nameArgs ?? 1).keys()].map((k) => argumentName(call.args[k])).join('_');
  return fn.namePrefix === '' ? arg || fn.name : `${fn.namePrefix}_${arg}`;
}

export function bindAggregate(call: Call, schema: readonly Field[], cx: BindContext): AggregateSlot {
  const fn = lookupAggregate(call.name);
  if (!fn) {
    if (KQL_AGGREGATE_FUNCTIONS.has(call.name)) throw new NotSupportedError(`the aggregate function '${call.name}'`, call.nameLoc);
    throw new SemanticError(
      `Unknown aggregate function '${call.name}'.${didYouMean(call.name, allAggregates().map((a) => a.name))}`,
      call.nameLoc, 'UNKNOWN_FUNCTION');
  }
  const args = call.args.map((a) => {
    if (a.kind === 'Star') throw new SemanticError(`'*' is not a valid argument of '${fn.name}'.`, a.loc);
    return cx.bindScalar(a, schema);
  });
  const argTypes = args.map((a) => a.type);
  const resolved = resolve(fn.signatures, argTypes);
  if (!resolved) {
    throw new SemanticError(
      `The aggregate '${fn.name}' cannot take arguments of types (${argTypes.join(', ')}).`, call.loc);
  }
  const problem = fn.check?.(resolved.paramTypes);
  if (problem) throw new SemanticError(problem, call.loc);
  const constants: JsValue[] = args.map((a, i) =>
    fn.constantArgs?.includes(i) ? cx.evaluateConstant(a) : undefined as unknown as JsValue);
  return {
    fn, name: defaultAggregateName(call, fn), args, paramTypes: resolved.paramTypes,
    resultType: resolved.resultType, constants,
  };
}

/**
 * An expression over aggregate results (`count() * 2`, `round(avg(a), 2)`): the aggregates it calls,
 * and the expression bound over their results (column k of `fields` is slot k's result).
 */
export interface ComputedAggregate {
  readonly kind: 'computed';
  readonly slots: readonly AggregateSlot[];
  readonly fields: readonly Field[];
  readonly expr: BoundExpr;
}

/**
 * Binds an expression over aggregate calls. Outside those calls it may use constants and scalar
 * functions, but not the input's columns (Kusto: "not an aggregate or scalar function").
 */
export function bindOverAggregates(expr: Expr, schema: readonly Field[], cx: BindContext): ComputedAggregate {
  const slots: AggregateSlot[] = [];
  const fields: Field[] = [];
  const rewritten = rewriteExpr(expr, (e) => {
    if (isAggregateCall(e)) {
      if (e.name === 'arg_max' || e.name === 'arg_min') {
        throw new SemanticError(`'${e.name}' returns several columns; it cannot be part of an expression.`, e.loc);
      }
      const slot = bindAggregate(e, schema, cx);
      // A name no query can spell, so the expression cannot reach it other than through this call.
      const name = `\u0000${slots.length}`;
      slots.push(slot);
      fields.push({ name, type: slot.resultType });
      return { kind: 'Name', name, loc: e.loc };
    }
    if (e.kind === 'Name' && schema.some((f) => f.name === e.name)) {
      throw new SemanticError(
        `The column '${e.name}' can be used in 'summarize' only inside an aggregate function (such as take_any(${e.name})).`, e.loc);
    }
    return undefined;
  });
  return { kind: 'computed', slots, fields, expr: cx.bindScalar(rewritten, fields) };
}

export function createAccumulator(slot: AggregateSlot): GroupedAccumulator {
  return slot.fn.create(slot.paramTypes, slot.resultType, slot.constants);
}

/** Readers of an aggregate's argument values, converted to the declared parameter types. */
export function argumentReaders(slot: AggregateSlot, values: readonly Value[]): Reader[] {
  return values.map((v, k) => {
    const r = readerOf(v);
    const from = slot.args[k].type;
    const to = slot.paramTypes[k];
    return from === to ? r : (i: number) => convertValue(r(i), from, to);
  });
}
