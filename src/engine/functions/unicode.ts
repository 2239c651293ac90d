/**
 * Code points and byte sizes of strings: unicode_codepoints_from_string,
 * unicode_codepoints_to_string (alias make_string), string_size.
 */
import type { JsValue } from '../column.js';
import type { DynValue } from '../dynamic.js';
import { NotSupportedError } from '../errors.js';
import type { KqlType } from '../types.js';
import { fn } from './define.js';
import { sig, type ScalarFunction } from './signature.js';

const MAX_ARGS = 64;
const encoder = new TextEncoder();

function codepointsFromString(s: string): DynValue {
  const out: DynValue[] = [];
  for (const ch of s) out.push(BigInt(ch.codePointAt(0)!));
  return out;
}

/** A Unicode scalar value: 0–0x10FFFF outside the surrogate range. */
function isScalarValue(cp: bigint): boolean {
  return cp >= 0n && cp <= 0x10ffffn && !(cp >= 0xd800n && cp <= 0xdfffn);
}

/**
 * Arguments are ints, longs or arrays of them; any other value or element makes the result null
 * (documented), which for a string is "".
 */
function codepointsToString(types: readonly KqlType[]) {
  return (...args: JsValue[]): JsValue => {
    const cps: number[] = [];
    for (let i = 0; i < args.length; i++) {
      const v = args[i];
      const t = types[i];
      const items: DynValue[] = t === 'dynamic' && Array.isArray(v) ? v : [t === 'int' ? BigInt(v as number) : (v as DynValue)];
      for (const x of items) {
        // "An array of integral numbers": whether a real such as 75.0 counts is not documented.
        if (typeof x === 'number') throw new NotSupportedError('unicode_codepoints_to_string() of a real array element');
        if (typeof x !== 'bigint' || !isScalarValue(x)) return '';
        cps.push(Number(x));
      }
    }
    return String.fromCodePoint(...cps);
  };
}

export const unicodeFunctions: readonly ScalarFunction[] = [
  fn('unicode_codepoints_from_string', [sig(['string'], 'dynamic', codepointsFromString)]),
  fn('unicode_codepoints_to_string', [
    { params: ['any'], rest: 'any', result: 'string', makeKernel: codepointsToString },
  ], {
    aliases: ['make_string'],
    check: (ts) => {
      if (ts.length > MAX_ARGS) return `unicode_codepoints_to_string() expects 1 to ${MAX_ARGS} arguments.`;
      const bad = ts.find((t) => t !== 'int' && t !== 'long' && t !== 'dynamic');
      return bad ? `unicode_codepoints_to_string(): arguments must be int, long or dynamic, not ${bad}.` : undefined;
    },
  }),
  // The size in bytes of the string's UTF-8 encoding.
  fn('string_size', [sig(['string'], 'long', (s: string) => BigInt(encoder.encode(s).length))]),
];
