/**
 * Signatures of scalar functions and operators, and overload resolution. Resolution happens once
 * at bind time; the chosen signature says how to convert each argument before the row kernel runs.
 */
import type { JsValue } from '../column.js';
import type { KqlType } from '../types.js';

/** A declared parameter type; 'any' accepts every type unchanged. */
export type ParamType = KqlType | 'any';

/** Per-query values some kernels need (now() is one instant for a whole query). */
export interface QueryContext {
  readonly now: bigint;
}

// Kernels take their arguments already converted to the declared parameter types.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Kernel = (...args: any[]) => JsValue;

export interface Signature {
  readonly params: readonly ParamType[];
  /** How many trailing params may be omitted (the kernel then sees `undefined`). */
  readonly optional?: number;
  /** Any number of further arguments of this type. */
  readonly rest?: ParamType;
  readonly result: KqlType | ((argTypes: readonly KqlType[]) => KqlType);
  /** The row kernel; for kernels that depend on argument types, use `makeKernel`. */
  readonly kernel?: Kernel;
  readonly makeKernel?: (argTypes: readonly KqlType[]) => Kernel;
  /**
   * 'propagate' (default): a null argument gives a null result without calling the kernel
   * (the result of a string function is then ""). 'handle': the kernel sees nulls.
   */
  readonly nulls?: 'propagate' | 'handle';
}

export interface ScalarFunction {
  readonly name: string;
  readonly aliases?: readonly string[];
  readonly signatures: readonly Signature[];
  /** A further check after resolution; returns an error message when argument types are invalid. */
  readonly check?: (argTypes: readonly KqlType[]) => string | undefined;
  /** The kernel's first argument is the QueryContext. */
  readonly usesContext?: boolean;
  /**
   * The result type when it depends on constant arguments (`extract(…, typeof(int))`); gets the
   * value of each constant argument (undefined for the others). Undefined keeps the signature's type.
   */
  readonly resultFromArguments?: (constants: readonly (JsValue | undefined)[]) => KqlType | undefined;
  /** A check returning a message that starts with "Not supported:" refuses the call by name. */
  /** Argument positions that must be constant (for example a regex); checked by the binder. */
  readonly constantArgs?: readonly number[];
}

export function sig(
  params: readonly ParamType[],
  result: Signature['result'],
  kernel: Kernel,
  extra: Omit<Signature, 'params' | 'result' | 'kernel'> = {},
): Signature {
  return { params, result, kernel, ...extra };
}

/** Cost of passing a value of type `from` where `to` is declared; undefined when not allowed. */
export function conversionCost(from: KqlType, to: ParamType): number | undefined {
  if (to === 'any' || from === to) return 0;
  if (from === 'int' && to === 'long') return 1;
  if ((from === 'int' || from === 'long') && to === 'real') return 2;
  if ((from === 'int' || from === 'long' || from === 'real') && to === 'decimal') return 3;
  return undefined;
}

export interface Resolved {
  readonly signature: Signature;
  /** Declared type of each argument after resolution ('any' replaced by the actual type). */
  readonly paramTypes: readonly KqlType[];
  readonly resultType: KqlType;
}

/** Picks the signature with the cheapest conversions; ties go to the first declared. */
export function resolve(signatures: readonly Signature[], argTypes: readonly KqlType[]): Resolved | undefined {
  let best: Resolved | undefined;
  let bestCost = Infinity;
  for (const s of signatures) {
    const min = s.params.length - (s.optional ?? 0);
    if (argTypes.length < min || (argTypes.length > s.params.length && !s.rest)) continue;
    let cost = 0;
    const paramTypes: KqlType[] = [];
    for (let i = 0; i < argTypes.length; i++) {
      const declared = i < s.params.length ? s.params[i] : s.rest!;
      const c = conversionCost(argTypes[i], declared);
      if (c === undefined) {
        cost = Infinity;
        break;
      }
      cost += c;
      paramTypes.push(declared === 'any' ? argTypes[i] : declared);
    }
    if (cost < bestCost) {
      bestCost = cost;
      const resultType = typeof s.result === 'function' ? s.result(paramTypes) : s.result;
      best = { signature: s, paramTypes, resultType };
    }
  }
  return best;
}

/** Converts a value to a wider numeric type (int → long → real). */
export function convertValue(v: JsValue, from: KqlType, to: KqlType): JsValue {
  if (v === null || from === to) return v;
  if (to === 'long' && from === 'int') return BigInt(v as number);
  if ((to === 'real' || to === 'decimal') && (from === 'int' || from === 'long' || from === 'real')) return Number(v);
  return v;
}

/** The kernel for a resolved signature. */
export function kernelOf(r: Resolved): Kernel {
  const k = r.signature.kernel ?? r.signature.makeKernel?.(r.paramTypes);
  if (!k) throw new Error('signature without kernel');
  return k;
}
