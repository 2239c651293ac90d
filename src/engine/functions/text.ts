/**
 * More string functions: strrep, tohex, replace_strings, parse_csv.
 */
import type { JsValue } from '../column.js';
import type { DynValue } from '../dynamic.js';
import { NotSupportedError } from '../errors.js';
import { toKqlString } from './conversion.js';
import { fn } from './define.js';
import { sig, type ScalarFunction } from './signature.js';

/**
 * The documentation says both "a value from 1 to 67108864" and "more than the maximal allowed value
 * of 1024 … repeated 1024 times", so only 1 to 1024 is certain.
 */
const MAX_REPEAT = 1024n;

function strrep(s: string, times: bigint, delimiter = ''): string {
  if (times < 1n || times > MAX_REPEAT) {
    throw new NotSupportedError(`strrep() with a multiplier of ${times} (only 1 to ${MAX_REPEAT} is documented consistently)`);
  }
  return new Array<string>(Number(times)).fill(s).join(delimiter);
}

/** Hex digits of the two's complement form at the given bit width, zero-padded to minLength. */
function toHex(bits: number) {
  return (v: bigint | number, minLength = 0n): string => {
    const hex = BigInt.asUintN(bits, BigInt(v)).toString(16);
    return minLength > BigInt(hex.length) ? hex.padStart(Number(minLength), '0') : hex;
  };
}

/**
 * replace_strings: lookups apply in order; each replaces its non-overlapping matches in the text
 * that no earlier lookup matched, and rewritten text is not searched again (documented: "the
 * earlier match takes precedence"). A lookup that is not a non-empty string is ignored; a
 * rewrite that is not a string leaves its matches as they are.
 */
function replaceStrings(text: string, lookups: DynValue, rewrites: DynValue): string {
  if (!Array.isArray(lookups) || !Array.isArray(rewrites)) return text;
  let pieces: { text: string; done: boolean }[] = [{ text, done: false }];
  lookups.forEach((lookup, i) => {
    if (typeof lookup !== 'string' || lookup === '') return;
    const rewrite = rewrites[i];
    const replacement = typeof rewrite === 'string' ? rewrite : lookup;
    pieces = pieces.flatMap((p) => {
      if (p.done) return [p];
      const parts = p.text.split(lookup);
      return parts.flatMap((t, k) => (k === 0 ? [{ text: t, done: false }] : [{ text: replacement, done: true }, { text: t, done: false }]));
    });
  });
  return pieces.map((p) => p.text).join('');
}

/**
 * The fields of the first CSV record (documented: further records are ignored). A quoted field
 * may hold commas, newlines and `""` for a quote.
 */
function parseCsv(text: string): DynValue {
  const fields: DynValue[] = [];
  let field = '';
  let i = 0;
  let quoted = false;
  while (i < text.length) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i += 2;
        continue;
      }
      if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === ',') {
      fields.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') break;
    else field += c;
    i++;
  }
  fields.push(field);
  return fields;
}

export const textFunctions: readonly ScalarFunction[] = [
  fn('strrep', [
    {
      params: ['any', 'long', 'string'], optional: 1, result: 'string',
      makeKernel: ([t]) => (v: JsValue, times: bigint, delimiter?: string) => strrep(toKqlString(v, t), times, delimiter),
    },
  ], { check: (ts) => (ts[0] === 'dynamic' ? 'Not supported: strrep() of a dynamic value.' : undefined) }),
  fn('tohex', [
    sig(['int', 'long'], 'string', toHex(32), { optional: 1 }),
    sig(['long', 'long'], 'string', toHex(64), { optional: 1 }),
  ]),
  fn('replace_strings', [sig(['string', 'dynamic', 'dynamic'], 'string', replaceStrings)]),
  fn('parse_csv', [sig(['string'], 'dynamic', parseCsv)]),
];
