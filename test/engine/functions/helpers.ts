/**
 * Test helpers: call a registered function or operator the way the engine will — resolve the
 * signature, run `check`, convert the arguments, apply 'propagate' null handling, run the kernel.
 */
import type { JsValue } from '../../../src/engine/column.js';
import { binaryOperatorSignatures } from '../../../src/engine/functions/operators.js';
import { lookupFunction } from '../../../src/engine/functions/registry.js';
import {
  convertValue, kernelOf, resolve, type QueryContext, type ScalarFunction, type Signature,
} from '../../../src/engine/functions/signature.js';
import type { KqlType } from '../../../src/engine/types.js';

export interface Outcome {
  readonly value: JsValue;
  readonly type: KqlType;
}

function run(
  signatures: readonly Signature[], args: readonly JsValue[], argTypes: readonly KqlType[],
  f?: ScalarFunction, ctx?: QueryContext,
): Outcome {
  const r = resolve(signatures, argTypes);
  if (!r) throw new Error(`no signature for (${argTypes.join(', ')})`);
  const problem = f?.check?.(r.paramTypes);
  if (problem) throw new Error(problem);
  const converted = args.map((v, i) => convertValue(v, argTypes[i], r.paramTypes[i]));
  if ((r.signature.nulls ?? 'propagate') === 'propagate' && converted.some((v) => v === null)) {
    return { value: r.resultType === 'string' ? '' : null, type: r.resultType };
  }
  const k = kernelOf(r);
  const value = f?.usesContext ? k(ctx, ...converted) : k(...converted);
  return { value, type: r.resultType };
}

export function fnOf(name: string): ScalarFunction {
  const f = lookupFunction(name);
  if (!f) throw new Error(`unknown function ${name}`);
  return f;
}

/** Runs function `name` on values of the given types; returns the kernel's value. */
export function call(name: string, args: readonly JsValue[], argTypes: readonly KqlType[], ctx?: QueryContext): JsValue {
  return run(fnOf(name).signatures, args, argTypes, fnOf(name), ctx).value;
}

/** The value and the result type. */
export function callTyped(name: string, args: readonly JsValue[], argTypes: readonly KqlType[], ctx?: QueryContext): Outcome {
  return run(fnOf(name).signatures, args, argTypes, fnOf(name), ctx);
}

/** The result type the binder would give, or the error message of resolution/check. */
export function resultTypeOf(name: string, argTypes: readonly KqlType[]): KqlType | string {
  const f = fnOf(name);
  const r = resolve(f.signatures, argTypes);
  if (!r) return 'no signature';
  return f.check?.(r.paramTypes) ?? r.resultType;
}

/** Runs binary operator `op`. */
export function op(name: string, l: JsValue, r: JsValue, lt: KqlType, rt: KqlType): JsValue {
  return run(binaryOperatorSignatures(name), [l, r], [lt, rt]).value;
}

export function opTyped(name: string, l: JsValue, r: JsValue, lt: KqlType, rt: KqlType): Outcome {
  return run(binaryOperatorSignatures(name), [l, r], [lt, rt]);
}

/** Whether an operator accepts the operand types. */
export function opAccepts(name: string, lt: KqlType, rt: KqlType): boolean {
  return resolve(binaryOperatorSignatures(name), [lt, rt]) !== undefined;
}
