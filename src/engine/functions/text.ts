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
 * may hold commas, newlines and `""` for a quote. The documentation does not say how spaces next
 * to a field, a quote inside an unquoted field, text after a closing quote or a lone carriage
 * return or empty text are read, so such text is refused.
 */
function parseCsv(text: string): DynValue {
  const refuse = (what: string): never => {
    throw new NotSupportedError(`parse_csv() of text with ${what} (undocumented)`);
  };
  if (text === '') refuse('no field');
  const fields: DynValue[] = [];
  let i = 0;
  for (;;) {
    let field = '';
    if (text[i] === '"') {
      for (i++; ; i++) {
        if (i >= text.length) refuse('an unclosed quote');
        if (text[i] === '"' && text[i + 1] === '"') {
          field += '"';
          i++;
        } else if (text[i] === '"') break;
        else field += text[i];
      }
      i++;
      if (i < text.length && !',\r\n'.includes(text[i])) refuse('text after a closing quote');
    } else {
      while (i < text.length && !',\r\n'.includes(text[i])) {
        if (text[i] === '"') refuse('a quote inside an unquoted field');
        field += text[i++];
      }
      if (/^\s|\s$/.test(field)) refuse('spaces around a field');
    }
    fields.push(field);
    if (text[i] === '\r' && text[i + 1] !== '\n') refuse('a carriage return without a line feed');
    if (text[i] !== ',') return fields;
    i++;
  }
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
