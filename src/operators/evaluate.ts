import type { Evaluate, Expr } from '../parser/ast.js';
import { Batch } from '../engine/batch.js';
import { isSerialized } from '../engine/bind.js';
import { compileExpr, readerOf, selectTrue } from '../engine/compile-expr.js';
import { NotSupportedError, SemanticError } from '../engine/errors.js';
import { executePlan } from '../engine/execute.js';
import { exprText, type BoundExpr } from '../engine/expr.js';
import { parseIpv4, parseIpv6 } from '../engine/functions/ip.js';
import type { BindContext, PlanNode } from '../engine/plan.js';
import { concatBatches, gather } from '../engine/rows.js';
import { bagUnpack, bindBagUnpack, type BagUnpackPlan } from './bag-unpack.js';
import { inputOf, type OperatorDef } from './operator.js';

/**
 * `evaluate` plugins: rows_near, ipv4_lookup, ipv6_lookup and bag_unpack (bag-unpack.ts). Every other
 * plugin is refused by name.
 */
export type EvaluatePlan = RowsNearPlan | IpLookupPlan | BagUnpackPlan;

interface RowsNearPlan extends PlanNode {
  readonly kind: 'Evaluate';
  readonly plugin: 'rows_near';
  readonly predicate: BoundExpr;
  readonly before: number;
  readonly after: number;
}

interface IpLookupPlan extends PlanNode {
  readonly kind: 'Evaluate';
  readonly plugin: 'ipv4_lookup' | 'ipv6_lookup';
  readonly version: 4 | 6;
  readonly table: PlanNode;
  readonly key: BoundExpr;
  /** The lookup table's column holding networks (`a.b.c.d/n`). */
  readonly networkColumn: number;
  readonly returnUnmatched: boolean;
}

type Args = Evaluate['args'];

function positional(args: Args, plugin: string, named: readonly string[], min: number, max: number, loc: Evaluate['loc']): Expr[] {
  for (const a of args) {
    if (a.name !== undefined && !named.includes(a.name)) throw new NotSupportedError(`the argument '${a.name}' of the plugin '${plugin}'`, a.value.loc);
  }
  const values = args.filter((a) => a.name === undefined).map((a) => a.value);
  if (values.length < min || values.length > max) {
    throw new SemanticError(`The plugin '${plugin}' takes ${min === max ? min : `${min} to ${max}`} argument(s), not ${values.length}.`, loc);
  }
  return values;
}

function longConstant(e: Expr | undefined, fallback: number, cx: BindContext): number {
  if (!e) return fallback;
  const v = cx.constantValue(e, ['long']).value;
  if (v === null || BigInt(v as bigint) < 0n) throw new SemanticError('Expected a non-negative number of rows.', e.loc);
  return Number(v);
}

function bindRowsNear(node: Evaluate, input: PlanNode, cx: BindContext): RowsNearPlan {
  const [condition, before, after] = positional(node.args, 'rows_near', [], 2, 3, node.loc);
  if (!isSerialized(input)) {
    throw new NotSupportedError("'rows_near' over rows in no defined order", node.loc, "Put 'sort' or 'serialize' before it.");
  }
  const predicate = cx.bindScalar(condition, input.schema);
  if (predicate.type !== 'bool') throw new SemanticError(`The condition of 'rows_near' must be a bool, not a ${predicate.type}.`, condition.loc);
  const n = longConstant(before, 0, cx);
  return { kind: 'Evaluate', plugin: 'rows_near', schema: input.schema, input, predicate, before: n, after: longConstant(after, n, cx), loc: node.loc };
}

function bindIpLookup(node: Evaluate, input: PlanNode, cx: BindContext, version: 4 | 6): IpLookupPlan {
  const plugin = `ipv${version}_lookup`;
  const [tableArg, keyArg, networkArg, unmatchedArg] = positional(node.args, plugin, ['return_unmatched'], 3, 4, node.loc);
  const flag = unmatchedArg ?? node.args.find((a) => a.name === 'return_unmatched')?.value;
  const table = cx.bindTabular(tableArg as never);
  if (networkArg.kind !== 'Name') throw new SemanticError(`The third argument of '${plugin}' must be a column of the lookup table.`, networkArg.loc);
  const networkColumn = table.schema.findIndex((f) => f.name === networkArg.name);
  if (networkColumn < 0) throw new SemanticError(`The lookup table has no column '${networkArg.name}'.`, networkArg.loc);
  const key = cx.bindScalar(keyArg, input.schema);
  for (const [e, type] of [[key, key.type], [networkArg, table.schema[networkColumn].type]] as const) {
    if (type !== 'string') throw new SemanticError(`The addresses of '${plugin}' must be strings, not ${type}.`, 'loc' in e ? e.loc as never : keyArg.loc);
  }
  const clash = table.schema.find((f) => input.schema.some((g) => g.name === f.name));
  if (clash) throw new NotSupportedError(`'${plugin}' with the column '${clash.name}' on both sides`, node.loc);
  const returnUnmatched = flag ? cx.constantValue(flag, ['bool']).value === true : false;
  // The engine puts the lookup table's columns first for ipv6_lookup, last for ipv4_lookup.
  const schema = version === 4 ? [...input.schema, ...table.schema] : [...table.schema, ...input.schema];
  return {
    kind: 'Evaluate', plugin: `ipv${version}_lookup`, schema, input, version, table, key, networkColumn, returnUnmatched, loc: node.loc,
  };
}

export const evaluate: OperatorDef<Evaluate, EvaluatePlan> = {
  astKind: 'Evaluate',
  planKind: 'Evaluate',
  bind(node, input, cx) {
    const inPlan = inputOf(input);
    switch (node.plugin.name) {
      case 'rows_near':
        return bindRowsNear(node, inPlan, cx);
      case 'ipv4_lookup':
        return bindIpLookup(node, inPlan, cx, 4);
      case 'ipv6_lookup':
        return bindIpLookup(node, inPlan, cx, 6);
      case 'bag_unpack':
        return bindBagUnpack(node, inPlan, cx);
      default:
        throw new NotSupportedError(`the plugin '${node.plugin.name}'`, node.plugin.loc);
    }
  },
  *exec(plan, input, ex) {
    if (plan.plugin === 'rows_near') yield* rowsNear(plan, input, ex);
    else if (plan.plugin === 'bag_unpack') yield* bagUnpack(plan, input);
    else yield* ipLookup(plan, input, ex);
  },
  explain: (plan) => {
    switch (plan.plugin) {
      case 'rows_near':
        return `RowsNear ${exprText(plan.predicate)} before ${plan.before} after ${plan.after}`;
      case 'bag_unpack':
        return `BagUnpack ${plan.input!.schema[plan.column].name}`;
      default:
        return `Ipv${plan.version}Lookup ${exprText(plan.key)} in ${plan.table.schema[plan.networkColumn].name}${plan.returnUnmatched ? ' return_unmatched' : ''}`;
    }
  },
};

function* rowsNear(plan: RowsNearPlan, input: Iterable<Batch>, ex: Parameters<typeof evaluate.exec>[2]): Iterable<Batch> {
  const all = concatBatches(plan.schema, [...input]);
  const hits = selectTrue(compileExpr(plan.predicate, ex)(all), all.length);
  if (!hits) {
    if (all.length > 0) yield all;
    return;
  }
  const keep = new Uint8Array(all.length);
  for (const i of hits) for (let j = Math.max(0, i - plan.before); j <= Math.min(all.length - 1, i + plan.after); j++) keep[j] = 1;
  const rows: number[] = [];
  keep.forEach((k, i) => k && rows.push(i));
  if (rows.length > 0) yield all.take(Int32Array.from(rows));
}

function* ipLookup(plan: IpLookupPlan, input: Iterable<Batch>, ex: Parameters<typeof evaluate.exec>[2]): Iterable<Batch> {
  const parseAddress = plan.version === 4 ? parseIpv4 : parseIpv6;
  const width = plan.version === 4 ? 32 : 128;
  const table = concatBatches(plan.table.schema, [...executePlan(plan.table, ex)]);
  const networks = table.columns[plan.networkColumn].toArray().map((t) => parseAddress(t as string));
  const key = compileExpr(plan.key, ex);
  for (const batch of input) {
    const ips = readerOf(key(batch));
    const left: number[] = [];
    const right: number[] = [];
    for (let i = 0; i < batch.length; i++) {
      const ip = parseAddress(ips(i) as string);
      const matches: number[] = [];
      if (ip) {
        networks.forEach((net, k) => {
          if (net && net.prefix <= ip.prefix && ip.bits >> BigInt(width - net.prefix) === net.bits >> BigInt(width - net.prefix)) matches.push(k);
        });
      }
      if (matches.length > 1) {
        throw new NotSupportedError(`ipv${plan.version}_lookup of '${ips(i) as string}', which is in several networks of the lookup table`);
      }
      if (matches.length === 0 && !plan.returnUnmatched) continue;
      left.push(i);
      right.push(matches.length ? matches[0] : -1);
    }
    if (left.length === 0) continue;
    const base = batch.take(Int32Array.from(left)).columns;
    const rows = Int32Array.from(right);
    const looked = table.columns.map((c) => gather(c, rows));
    yield new Batch(plan.schema, plan.version === 4 ? [...base, ...looked] : [...looked, ...base], left.length);
  }
}
