/**
 * Conditional functions: iff/iif, case, coalesce, not, max_of, min_of.
 *
 * Branch types must agree (kql-notes §9.2): int and long count as one type (the result is long),
 * a dynamic branch makes the result dynamic, and anything else — including int vs real — is an
 * error reported by `check`. Branches arrive with their own types ('any' parameters) and are
 * converted to the result type inside the kernel.
 */
import type { JsValue } from '../column.js';
import type { KqlType } from '../types.js';
import { toDynValue } from './conversion.js';
import { commonType, describeTypes, fn, isOrderable } from './define.js';
import { sig, type ScalarFunction, type Signature } from './signature.js';

type Conv = (v: JsValue) => JsValue;

const identity: Conv = (v) => v;

/** Converts a branch value of type `from` to the common result type `to`. */
export function converterTo(from: KqlType, to: KqlType): Conv {
  if (from === to) return identity;
  if (to === 'long' && from === 'int') return (v) => (v === null ? null : BigInt(v as number));
  if (to === 'dynamic') return (v) => toDynValue(v, from);
  return identity;
}

function mismatch(name: string, types: readonly KqlType[]): string {
  return `${name}(): all branches must have the same type; got ${describeTypes(types)}.`;
}

/** The value positions of case(p1, v1, …, else). */
function caseValueTypes(ts: readonly KqlType[]): KqlType[] {
  return ts.filter((_, i) => i % 2 === 1 || i === ts.length - 1);
}

const MAX_ARGS = 64;

/**
 * A signature taking 2–64 arguments of one common type, each converted to it before the kernel
 * sees it; the kernel handles nulls itself.
 */
function commonTypeSignature(
  kernel: (args: readonly JsValue[], convs: readonly ((v: JsValue) => JsValue)[]) => JsValue,
): Signature {
  return {
    params: ['any', 'any'], rest: 'any', nulls: 'handle',
    result: (ts) => commonType(ts) ?? ts[0],
    makeKernel: (ts) => {
      const to = commonType(ts) ?? ts[0];
      const convs = ts.map((t) => converterTo(t, to));
      return (...args: JsValue[]) => kernel(args, convs);
    },
  };
}

function extremum(name: string, better: (a: JsValue, b: JsValue) => boolean): ScalarFunction {
  return fn(name, [
    // Nulls are skipped; all null gives null (engine: max_of(int(null), 2) is 2).
    commonTypeSignature((args, convs) => {
      let best: JsValue = null;
      for (let i = 0; i < args.length; i++) {
        const v = convs[i](args[i]);
        if (v !== null && (best === null || better(v, best))) best = v;
      }
      return best;
    }),
  ], {
    check: (ts) => {
      if (ts.length > MAX_ARGS) return `${name}() expects 2 to ${MAX_ARGS} arguments.`;
      const t = commonType(ts);
      if (t === undefined) return mismatch(name, ts);
      if (!isOrderable(t)) return `${name}(): values of type ${t} cannot be compared.`;
      return undefined;
    },
  });
}

export const conditionalFunctions: readonly ScalarFunction[] = [
  fn('iff', [
    {
      params: ['bool', 'any', 'any'], nulls: 'handle',
      result: (ts) => commonType([ts[1], ts[2]]) ?? ts[1],
      makeKernel: (ts) => {
        const to = commonType([ts[1], ts[2]]) ?? ts[1];
        const a = converterTo(ts[1], to);
        const b = converterTo(ts[2], to);
        // A null condition takes the else branch.
        return (c: boolean | null, x: JsValue, y: JsValue) => (c === true ? a(x) : b(y));
      },
    },
  ], {
    aliases: ['iif'],
    check: (ts) => (commonType([ts[1], ts[2]]) === undefined ? mismatch('iff', [ts[1], ts[2]]) : undefined),
  }),
  fn('case', [
    {
      params: ['bool', 'any', 'any'], rest: 'any', nulls: 'handle',
      result: (ts) => commonType(caseValueTypes(ts)) ?? ts[1],
      makeKernel: (ts) => {
        const to = commonType(caseValueTypes(ts)) ?? ts[1];
        const convs = ts.map((t) => converterTo(t, to));
        return (...args: JsValue[]) => {
          const last = args.length - 1;
          for (let i = 0; i < last; i += 2) if (args[i] === true) return convs[i + 1](args[i + 1]);
          return convs[last](args[last]);
        };
      },
    },
  ], {
    check: (ts) => {
      if (ts.length % 2 === 0) return 'case() expects pairs of predicate and value followed by an else value.';
      for (let i = 0; i < ts.length - 1; i += 2) {
        if (ts[i] !== 'bool') return `case(): argument ${i + 1} must be a bool predicate, not ${ts[i]}.`;
      }
      const values = caseValueTypes(ts);
      return commonType(values) === undefined ? mismatch('case', values) : undefined;
    },
  }),
  fn('coalesce', [
    // Skips nulls and empty strings (measured: coalesce('', 'fallback') is 'fallback').
    commonTypeSignature((args, convs) => {
      let fallback: JsValue = null;
      for (let i = 0; i < args.length; i++) {
        const v = args[i];
        if (v === null) continue;
        if (v === '') {
          // All-empty strings give '' rather than null.
          if (fallback === null) fallback = convs[i](v);
          continue;
        }
        return convs[i](v);
      }
      return fallback;
    }),
  ], {
    check: (ts) => {
      if (ts.length > MAX_ARGS) return `coalesce() expects 2 to ${MAX_ARGS} arguments.`;
      return commonType(ts) === undefined ? mismatch('coalesce', ts) : undefined;
    },
  }),
  fn('not', [
    sig(['bool'], 'bool', (b: boolean) => !b),
    // Measured: not(1) is false; a number counts by its non-zero-ness.
    sig(['long'], 'bool', (n: bigint) => n === 0n),
  ]),
  extremum('max_of', (a, b) => (a as number) > (b as number)),
  extremum('min_of', (a, b) => (a as number) < (b as number)),
];
