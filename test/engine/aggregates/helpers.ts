/**
 * Runs an aggregate the way summarize will: resolve its signature, create the accumulator, add the
 * rows in two batches (so state must carry over between calls), then read one result per group.
 */
import type { JsValue } from '../../../src/engine/column.js';
import { lookupAggregate } from '../../../src/engine/aggregates/registry.js';
import { convertValue, resolve, type Signature } from '../../../src/engine/functions/signature.js';
import type { KqlType } from '../../../src/engine/types.js';

export interface AggregateOutcome {
  readonly values: JsValue[];
  readonly type: KqlType;
}

export function aggregate(
  name: string,
  argTypes: readonly KqlType[],
  rows: readonly (readonly JsValue[])[],
  groups: readonly number[],
  groupCount: number,
  constants: readonly JsValue[] = [],
): AggregateOutcome {
  const a = lookupAggregate(name);
  if (!a) throw new Error(`unknown aggregate ${name}`);
  const r = resolve(a.signatures as readonly Signature[], argTypes);
  if (!r) throw new Error(`no signature for ${name}(${argTypes.join(', ')})`);
  const problem = a.check?.(r.paramTypes);
  if (problem) throw new Error(problem);
  const acc = a.create(r.paramTypes, r.resultType, constants);
  const batch = (start: number, end: number) => {
    const g = Int32Array.from(groups.slice(start, end));
    const args = argTypes.map((t, k) => (i: number) => convertValue(rows[start + i][k], t, r.paramTypes[k]));
    acc.add(g, end - start, args);
  };
  const half = Math.floor(rows.length / 2);
  batch(0, half);
  batch(half, rows.length);
  return { values: acc.result(groupCount), type: r.resultType };
}

/** One group holding every row. */
export function aggregateAll(name: string, argTypes: readonly KqlType[], rows: readonly (readonly JsValue[])[], constants: readonly JsValue[] = []): AggregateOutcome {
  return aggregate(name, argTypes, rows, rows.map(() => 0), 1, constants);
}

/** The rows 1..n as longs, one column. */
export function range(n: number): JsValue[][] {
  return Array.from({ length: n }, (_, i) => [BigInt(i + 1)]);
}
