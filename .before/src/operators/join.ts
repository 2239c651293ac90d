import type { Join, JoinKey, Lookup } from '../parser/ast.js';
import { Batch } from '../engine/batch.js';
import type { Column, JsValue } from '../engine/column.js';
import { dynToJson, type DynValue } from '../engine/dynamic.js';
import { SemanticError } from '../engine/errors.js';
import type { ExecContext, PlanNode } from '../engine/plan.js';
import { concatBatches, gather } from '../engine/rows.js';
import { requireColumn, uniqueName } from '../engine/schema.js';
import type { Field } from '../engine/types.js';
import { inputOf, type OperatorDef } from './operator.js';
import { executePlan } from '../engine/execute.js';

const JOIN_KINDS: Record<string, JoinKind> = {
  innerunique: 'innerunique', inner: 'inner', leftouter: 'leftouter', rightouter: 'rightouter',
  fullouter: 'fullouter', leftanti: 'leftanti', anti: 'leftanti', leftantisemi: 'leftanti',
  rightanti: 'rightanti', rightantisemi: 'rightanti', leftsemi: 'leftsemi', semi: 'leftsemi', rightsemi: 'rightsemi',
};
type JoinKind =
  | 'innerunique' | 'inner' | 'leftouter' | 'rightouter' | 'fullouter' | 'leftanti' | 'rightanti' | 'leftsemi' | 'rightsemi';

export interface JoinPlan extends PlanNode {
  readonly kind: 'Join';
  readonly joinKind: JoinKind;
  readonly right: PlanNode;
  readonly leftKeys: readonly number[];
  readonly rightKeys: readonly number[];
  /** Output column i comes from the left (side 0) or right (side 1) input's column `index`. */
  readonly outputs: readonly { readonly side: 0 | 1; readonly index: number }[];
}

function bindKeys(on: readonly JoinKey[], left: readonly Field[], right: readonly Field[]) {
  const leftKeys: number[] = [];
  const rightKeys: number[] = [];
  for (const k of on) {
    const l = requireColumn(left, k.left.name, k.left.loc);
    const r = requireColumn(right, k.right.name, k.right.loc);
    if (left[l].type !== right[r].type) {
      throw new SemanticError(
        `The join key '${k.left.name}' is a ${left[l].type} on the left and '${k.right.name}' a ${right[r].type} on the right; convert one side first.`, k.loc);
    }
    if (left[l].type === 'dynamic') throw new SemanticError(`A join key cannot be of type dynamic.`, k.loc);
    leftKeys.push(l);
    rightKeys.push(r);
  }
  return { leftKeys, rightKeys };
}

/** Output columns: left then right; a right column whose name is taken gets a numeric suffix (ActionType1). */
function joinOutputs(kind: JoinKind, left: readonly Field[], right: readonly Field[], dropRight: ReadonlySet<number>) {
  const schema: Field[] = [];
  const outputs: { side: 0 | 1; index: number }[] = [];
  if (kind !== 'rightanti' && kind !== 'rightsemi') {
    left.forEach((f, index) => {
      schema.push(f);
      outputs.push({ side: 0, index });
    });
  }
  if (kind !== 'leftanti' && kind !== 'leftsemi') {
    const taken = new Set(schema.map((f) => f.name));
    right.forEach((f, index) => {
      if (dropRight.has(index)) return;
      const name = uniqueName(f.name, taken);
      taken.add(name);
      schema.push({ name, type: f.type });
      outputs.push({ side: 1, index });
    });
  }
  return { schema, outputs };
}

export const join: OperatorDef<Join, JoinPlan> = {
  astKind: 'Join',
  planKind: 'Join',
  bind(node, input, cx) {
    const left = inputOf(input);
    const joinKind = JOIN_KINDS[node.joinKind ?? 'innerunique'];
    if (!joinKind) throw new SemanticError(`Unknown join kind '${node.joinKind}'.`, node.loc);
    const right = cx.bindTabular(node.right);
    const { leftKeys, rightKeys } = bindKeys(node.on, left.schema, right.schema);
    const { schema, outputs } = joinOutputs(joinKind, left.schema, right.schema, new Set());
    return { kind: 'Join', schema, input: left, right, joinKind, leftKeys, rightKeys, outputs, loc: node.loc };
  },
  exec: (plan, input, ex) => runJoin(plan, input, ex),
  explain: (plan) => `Join kind=${plan.joinKind} on ${plan.leftKeys.map((l, i) => `${plan.input!.schema[l].name} == ${plan.right.schema[plan.rightKeys[i]].name}`).join(', ')}`,
};

/** `lookup`: a leftouter (default) or inner join whose right key columns are not repeated. */
export const lookup: OperatorDef<Lookup, JoinPlan> = {
  astKind: 'Lookup',
  planKind: 'Join',
  bind(node, input, cx) {
    const left = inputOf(input);
    const kind = node.lookupKind ?? 'leftouter';
    if (kind !== 'leftouter' && kind !== 'inner') {
      throw new SemanticError(`Unknown lookup kind '${kind}'; use leftouter or inner.`, node.loc);
    }
    const right = cx.bindTabular(node.right);
    const { leftKeys, rightKeys } = bindKeys(node.on, left.schema, right.schema);
    const { schema, outputs } = joinOutputs(kind, left.schema, right.schema, new Set(rightKeys));
    return { kind: 'Join', schema, input: left, right, joinKind: kind, leftKeys, rightKeys, outputs, loc: node.loc };
  },
  exec: join.exec,
  explain: join.explain,
};

function keyOf(readers: readonly ((i: number) => JsValue)[], i: number): string | undefined {
  let key = '';
  for (const r of readers) {
    const v = r(i);
    // Null keys match nothing.
    if (v === null) return undefined;
    key += (typeof v === 'object' ? dynToJson(v as DynValue) : String(v)) + '\u0000';
  }
  return key;
}

function* runJoin(plan: JoinPlan, input: Iterable<Batch>, ex: ExecContext): Iterable<Batch> {
  const left = concatBatches(plan.input!.schema, [...input]);
  const right = concatBatches(plan.right.schema, [...executePlan(plan.right, ex)]);
  const lr = plan.leftKeys.map((k) => left.columns[k].reader());
  const rr = plan.rightKeys.map((k) => right.columns[k].reader());
  // Hash the right side, then probe with the left rows.
  const table = new Map<string, number[]>();
  for (let j = 0; j < right.length; j++) {
    const key = keyOf(rr, j);
    if (key === undefined) continue;
    const list = table.get(key);
    if (list) list.push(j);
    else table.set(key, [j]);
  }
  const leftRows: number[] = [];
  const rightRows: number[] = [];
  const rightMatched = new Uint8Array(right.length);
  const seenLeftKeys = new Set<string>();
  for (let i = 0; i < left.length; i++) {
    const key = keyOf(lr, i);
    // innerunique keeps one left row per key before joining.
    if (plan.joinKind === 'innerunique') {
      if (key === undefined || seenLeftKeys.has(key)) continue;
      seenLeftKeys.add(key);
    }
    const matches = key === undefined ? undefined : table.get(key);
    switch (plan.joinKind) {
      case 'leftanti':
        if (!matches) leftRows.push(i);
        break;
      case 'leftsemi':
        if (matches) leftRows.push(i);
        break;
      case 'rightanti':
      case 'rightsemi':
        if (matches) for (const j of matches) rightMatched[j] = 1;
        break;
      default:
        if (matches) {
          for (const j of matches) {
            leftRows.push(i);
            rightRows.push(j);
            rightMatched[j] = 1;
          }
        } else if (plan.joinKind === 'leftouter' || plan.joinKind === 'fullouter') {
          leftRows.push(i);
          rightRows.push(-1);
        }
    }
  }
  if (plan.joinKind === 'rightanti' || plan.joinKind === 'rightsemi') {
    const want = plan.joinKind === 'rightsemi' ? 1 : 0;
    for (let j = 0; j < right.length; j++) if (rightMatched[j] === want) rightRows.push(j);
  } else if (plan.joinKind === 'rightouter' || plan.joinKind === 'fullouter') {
    for (let j = 0; j < right.length; j++) {
      if (!rightMatched[j]) {
        leftRows.push(-1);
        rightRows.push(j);
      }
    }
  }
  const n = plan.joinKind === 'leftanti' || plan.joinKind === 'leftsemi' ? leftRows.length : rightRows.length;
  if (n === 0) return;
  const li = Int32Array.from(leftRows);
  const ri = Int32Array.from(rightRows);
  const columns: Column[] = plan.outputs.map((o) => (o.side === 0 ? gather(left.columns[o.index], li) : gather(right.columns[o.index], ri)));
  yield new Batch(plan.schema, columns, n);
}
