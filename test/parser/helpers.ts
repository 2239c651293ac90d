/** Helpers for the parser tests: short AST builders without spans, and a compact expression printer. */
import { expect } from 'vitest';
import { parseQuery } from '../../src/parser/index.js';
import type { Expr, Literal, Node, QueryOperator } from '../../src/parser/index.js';

/** A copy of an AST without `loc` and `nameLoc`, to compare shapes with `toEqual`. */
export function strip(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(strip);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([key]) => key !== 'loc' && key !== 'nameLoc')
      .map(([key, v]) => [key, strip(v)]),
  );
}

// Builders of span-less nodes, for expected values.
export const name = (n: string) => ({ kind: 'Name', name: n });
export const long = (v: bigint) => ({ kind: 'Literal', type: 'long', value: v });
export const str = (v: string) => ({ kind: 'Literal', type: 'string', value: v });
export const timespan = (ticks: bigint) => ({ kind: 'Literal', type: 'timespan', value: ticks });
export const call = (n: string, ...args: unknown[]) => ({ kind: 'Call', name: n, args });
export const binary = (op: string, left: unknown, right: unknown) => ({ kind: 'Binary', op, left, right });
export const assign = (target: string | undefined, expr: unknown) =>
  target === undefined ? { kind: 'Assignment', expr } : { kind: 'Assignment', name: name(target), expr };
export const pipe = (source: unknown, operator: unknown) => ({ kind: 'Pipe', source, operator });
export const paren = (expr: unknown) => ({ kind: 'Paren', expr });
export const where = (predicate: unknown) => ({ kind: 'Where', predicate });

/** The first statement's expression. */
export function expressionOf(text: string): Expr {
  const [first] = parseQuery(text).statements;
  if (first?.kind !== 'ExprStatement') throw new Error(`no expression statement in ${text}`);
  return first.expr;
}

/** The expression of `print <text>`. */
export function printed(text: string): Expr {
  const print = expressionOf(`print ${text}`);
  if (print.kind !== 'Print') throw new Error(`not a print: ${text}`);
  return print.items[0]!.expr;
}

export function literalOf(text: string): Literal {
  const expr = printed(text);
  expect(expr.kind).toBe('Literal');
  return expr as Literal;
}

/** The last operator of `T | <text>`. */
export function operatorOf(text: string): QueryOperator {
  const expr = expressionOf(`T | ${text}`);
  if (expr.kind !== 'Pipe') throw new Error(`no pipe in ${text}`);
  return expr.operator;
}

/**
 * A compact, fully parenthesised rendering of an expression, to state precedence by hand:
 * `(a or (b and c))`, `(-x.y)`, `(x in ["a", b])`, `f(x, *)`, `long:5`.
 */
export function sx(n: Node): string {
  switch (n.kind) {
    case 'Name':
      return n.name;
    case 'Literal':
      return n.type === 'string' ? JSON.stringify(n.value) : `${n.type}:${String(n.value)}`;
    case 'Binary':
      return `(${sx(n.left)} ${n.op} ${sx(n.right)})`;
    case 'Unary':
      return `(${n.op}${sx(n.operand)})`;
    case 'InList':
      return `(${sx(n.left)} ${n.op} [${n.items.map(sx).join(', ')}])`;
    case 'Between':
      return `(${sx(n.left)} ${n.negated ? '!between' : 'between'} ${sx(n.low)} .. ${sx(n.high)})`;
    case 'Call':
      return `${n.name}(${n.args.map(sx).join(', ')})`;
    case 'Star':
      return '*';
    case 'Member':
      return `${sx(n.target)}.${n.name}`;
    case 'Index':
      return `${sx(n.target)}[${sx(n.index)}]`;
    case 'Paren':
      return `paren(${sx(n.expr)})`;
    case 'TypeOf':
      return `typeof(${n.typeName})`;
    case 'Subquery':
      return `subquery(${sx(n.query)})`;
    case 'Pipe':
      return `${sx(n.source)} | ${n.operator.kind}`;
    default:
      return n.kind;
  }
}
