/**
 * String functions, and the term/substring matching helpers shared with the operator kernels and
 * the expression compiler (`has_any` / `has_all`).
 *
 * Case-insensitive forms fold ASCII A–Z only (kql-notes §1.2), which also keeps string lengths and
 * therefore match positions unchanged. Positions and lengths are UTF-16 code units, except
 * `strlen`, which the engine documents as counting Unicode code points.
 */
import type { JsValue } from '../column.js';
import type { DynValue } from '../dynamic.js';
import { parseTimespanText } from '../time.js';
import { parseTypeName, type KqlType } from '../types.js';
import {
  dynToString, parseGuidText, toBoolValue, toIntValue, toKqlString, toLongValue, toRealValue,
} from './conversion.js';
import { parseKqlDatetime } from './datetime-parse.js';
import { fn } from './define.js';
import { compileRe2 } from './regex.js';
import { sig, type ScalarFunction } from './signature.js';

// ---------------------------------------------------------------------------------------------
// Case folding

/** Lower-cases ASCII A–Z only; returns the same string when there is nothing to fold. */
export function asciiLower(s: string): string {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 65 && c <= 90) return s.replace(/[A-Z]+/g, (m) => m.toLowerCase());
  }
  return s;
}

/** `=~`: equality ignoring ASCII case. */
export function equalsIgnoreCase(a: string, b: string): boolean {
  return a.length === b.length && (a === b || asciiLower(a) === asciiLower(b));
}

// The needle of an operator is nearly always a constant: keep its folded form.
let lastNeedle = '';
let lastFolded = '';
function foldNeedle(n: string): string {
  if (n !== lastNeedle) {
    lastNeedle = n;
    lastFolded = asciiLower(n);
  }
  return lastFolded;
}

// ---------------------------------------------------------------------------------------------
// Terms (kql-notes §1)

const TERM_CHAR = /[\p{L}\p{N}]/u;

/** A term character is a Unicode letter or digit; `_` and all punctuation separate terms. */
export function isTermCodePoint(cp: number): boolean {
  if (cp < 128) return (cp >= 48 && cp <= 57) || ((cp | 32) >= 97 && (cp | 32) <= 122);
  return TERM_CHAR.test(String.fromCodePoint(cp));
}

/** The code point that ends just before index p (joins a surrogate pair). */
function codePointBefore(s: string, p: number): number {
  const c = s.charCodeAt(p - 1);
  if (c >= 0xdc00 && c <= 0xdfff && p >= 2) {
    const h = s.charCodeAt(p - 2);
    if (h >= 0xd800 && h <= 0xdbff) return ((h - 0xd800) << 10) + (c - 0xdc00) + 0x10000;
  }
  return c;
}

/**
 * R occurs in L at p where, if R starts with a term character, p starts a term (boundary
 * before), and, if R ends with a term character, p+|R| ends one (boundary after). Boundaries are
 * checked only where asked (`hasprefix` needs only the start, `hassuffix` only the end).
 */
function termMatch(hay: string, needle: string, caseSensitive: boolean, atStart: boolean, atEnd: boolean): boolean {
  if (needle.length === 0) return true;
  const h = caseSensitive ? hay : asciiLower(hay);
  const n = caseSensitive ? needle : foldNeedle(needle);
  const startBoundary = atStart && isTermCodePoint(n.codePointAt(0)!);
  const endBoundary = atEnd && isTermCodePoint(codePointBefore(n, n.length));
  let p = h.indexOf(n);
  while (p >= 0) {
    const e = p + n.length;
    if ((!startBoundary || p === 0 || !isTermCodePoint(codePointBefore(h, p)))
      && (!endBoundary || e === h.length || !isTermCodePoint(h.codePointAt(e)!))) return true;
    p = h.indexOf(n, p + 1);
  }
  return false;
}

/** `L has R` (kql-notes §1.3): R occurs with term boundaries at its term-character ends. */
export function hasTerm(haystack: string, needle: string, caseSensitive: boolean): boolean {
  return termMatch(haystack, needle, caseSensitive, true, true);
}

/** `L hasprefix R`: R occurs at the start of a term. */
export function hasPrefix(haystack: string, needle: string, caseSensitive: boolean): boolean {
  return termMatch(haystack, needle, caseSensitive, true, false);
}

/** `L hassuffix R`: R occurs at the end of a term. */
export function hasSuffix(haystack: string, needle: string, caseSensitive: boolean): boolean {
  return termMatch(haystack, needle, caseSensitive, false, true);
}

export function containsText(haystack: string, needle: string, caseSensitive: boolean): boolean {
  return caseSensitive ? haystack.includes(needle) : asciiLower(haystack).includes(foldNeedle(needle));
}

export function startsWithText(haystack: string, prefix: string, caseSensitive: boolean): boolean {
  return caseSensitive ? haystack.startsWith(prefix) : asciiLower(haystack).startsWith(foldNeedle(prefix));
}

export function endsWithText(haystack: string, suffix: string, caseSensitive: boolean): boolean {
  return caseSensitive ? haystack.endsWith(suffix) : asciiLower(haystack).endsWith(foldNeedle(suffix));
}

/** `L matches regex R`: an unanchored search with RE2 syntax. */
export function matchesRegex(haystack: string, pattern: string): boolean {
  return compileRe2(pattern).re.test(haystack);
}

// ---------------------------------------------------------------------------------------------
// Helpers for the functions below

function codePointLength(s: string): number {
  let n = s.length;
  for (let i = 0; i < s.length - 1; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        n--;
        i++;
      }
    }
  }
  return n;
}

function isAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 127) return false;
  return true;
}

/**
 * .NET's invariant casing maps one character to one character (simple case mapping): where JS's
 * full mapping gives several (`ß` → `SS`), the character stays; U+0130 lowers to `i`.
 */
function mapCase(s: string, upper: boolean): string {
  if (isAscii(s)) return upper ? s.toUpperCase() : s.toLowerCase();
  let out = '';
  for (const ch of s) {
    const m = upper ? ch.toUpperCase() : ch.toLowerCase();
    if (m.length === ch.length || [...m].length === 1) out += m;
    else out += !upper && ch === '\u0130' ? 'i' : ch;
  }
  return out;
}

/** A converter to text for an argument whose declared type is 'any'. */
const textOf = (t: KqlType) => (v: JsValue): string => toKqlString(v, t);

/** substring(): negative start counts from the end; reaching back past the start gives "" (dk). */
function substringKernel(s: string, start: bigint, length?: bigint): string {
  const len = BigInt(s.length);
  let st = start;
  if (st < 0n) {
    st += len;
    if (st < 0n) return '';
  }
  if (st >= len) return '';
  if (length === undefined) return s.slice(Number(st));
  if (length <= 0n) return '';
  const end = st + length > len ? len : st + length;
  return s.slice(Number(st), Number(end));
}

/**
 * indexof(): the match must *start* within [start, start+length) (engine: indexof("abcdefg",
 * "cde", 1, 2) is 2); a negative start counts from the end; length -1 is unlimited.
 */
function indexOfKernel(s: string, lookup: string, start = 0n, length = -1n, occurrence = 1n): bigint | null {
  if (length < -1n || occurrence <= 0n) return null;
  const len = s.length;
  let st = Number(start);
  if (st < 0) st = Math.max(0, len + st);
  if (st > len) return -1n;
  const lastStart = length === -1n ? Infinity : st + Number(length) - 1;
  let count = 0n;
  let p = s.indexOf(lookup, st);
  while (p >= 0 && p <= lastStart) {
    if (++count === occurrence) return BigInt(p);
    p = s.indexOf(lookup, p + 1);
  }
  return -1n;
}

/** countof(): the `normal` kind counts overlapping occurrences, `regex` non-overlapping matches (dk). */
function countOfKernel(s: string, search: string, kind = 'normal'): bigint {
  if (kind === 'regex') {
    const re = compileRe2(search, 'g').re;
    re.lastIndex = 0;
    let n = 0n;
    for (;;) {
      const m = re.exec(s);
      if (!m) return n;
      n++;
      if (m[0] === '') re.lastIndex++;
    }
  }
  if (kind !== 'normal') throw new Error(`countof(): the kind must be 'normal' or 'regex', not '${kind}'.`);
  if (search === '') return 0n;
  let n = 0n;
  for (let p = s.indexOf(search); p >= 0; p = s.indexOf(search, p + 1)) n++;
  return n;
}

/** The anchored regexes of trim(): repeated matches at the start and/or end. */
function trimRegex(pattern: string, where: 'start' | 'end' | 'both'): RegExp[] {
  const out: RegExp[] = [];
  const src = compileRe2(pattern).re;
  if (where !== 'end') out.push(new RegExp(`^(?:${src.source})+`, src.flags));
  if (where !== 'start') out.push(new RegExp(`(?:${src.source})+$`, src.flags));
  return out;
}
const trimCache = new Map<string, RegExp[]>();
function trimKernel(where: 'start' | 'end' | 'both') {
  return (pattern: string, s: string): string => {
    const key = where + '\u0000' + pattern;
    let res = trimCache.get(key);
    if (!res) {
      res = trimRegex(pattern, where);
      trimCache.set(key, res);
    }
    let out = s;
    for (const re of res) out = out.replace(re, '');
    return out;
  };
}

/** A parsed rewrite pattern of replace_regex(): `\0`…`\9` name capture groups. */
type Rewrite = (string | number)[];
const rewriteCache = new Map<string, Rewrite>();
function parseRewrite(rewrite: string): Rewrite {
  let r = rewriteCache.get(rewrite);
  if (!r) {
    r = [];
    let lit = '';
    for (let i = 0; i < rewrite.length; i++) {
      const c = rewrite[i];
      if (c === '\\' && i + 1 < rewrite.length) {
        const d = rewrite[i + 1];
        if (d >= '0' && d <= '9') {
          if (lit) r.push(lit);
          lit = '';
          r.push(Number(d));
          i++;
          continue;
        }
        if (d === '\\') {
          lit += '\\';
          i++;
          continue;
        }
      }
      lit += c;
    }
    if (lit) r.push(lit);
    rewriteCache.set(rewrite, r);
  }
  return r;
}

function replaceRegexKernel(s: string, pattern: string, rewrite: string): string {
  const c = compileRe2(pattern, 'g');
  const re = c.re;
  re.lastIndex = 0;
  const groupCount = c.groups.length;
  const parts = parseRewrite(rewrite);
  return s.replace(re, (...m: unknown[]) => {
    let out = '';
    // m holds the match, then one entry per group, then offset and input: index past the groups.
    for (const p of parts) out += typeof p === 'string' ? p : p <= groupCount ? ((m[p] as string | undefined) ?? '') : '';
    return out;
  });
}

/** Converts extracted text to the type named by extract()'s 4th argument; null when it does not parse. */
export function convertExtracted(text: string, type: KqlType): JsValue {
  switch (type) {
    case 'string':
      return text;
    case 'int':
      return toIntValue(text, 'string');
    case 'long':
      return toLongValue(text, 'string');
    case 'real':
    case 'decimal':
      return toRealValue(text, 'string');
    case 'bool':
      return toBoolValue(text, 'string');
    case 'datetime':
      return parseKqlDatetime(text) ?? null;
    case 'timespan':
      return parseTimespanText(text) ?? null;
    case 'guid':
      return parseGuidText(text);
    case 'dynamic':
      return text;
  }
}

/**
 * The result type of `extract(regex, group, source, typeof(T))`: the binder passes `typeof(T)` as
 * the string constant "T" and must use this type for the call (the signature alone says string).
 */
export function extractResultType(typeName: string): KqlType | undefined {
  return parseTypeName(typeName);
}

function extractKernel(pattern: string, group: bigint, s: string, typeName?: string): JsValue {
  const c = compileRe2(pattern);
  const m = c.re.exec(s);
  const g = Number(group);
  const text = m && g >= 0 && g <= c.groups.length ? m[g] : undefined;
  if (typeName === undefined) return text ?? '';
  const type = parseTypeName(typeName);
  if (!type) throw new Error(`extract(): unknown type '${typeName}'.`);
  return text === undefined ? (type === 'string' ? '' : null) : convertExtracted(text, type);
}

/**
 * extract_all(): one selected group gives a flat array, several an array per match; no match is
 * null; a regex without capture groups is an error (dk). `groups` selects groups by number or
 * name; out-of-range entries are dropped and an empty selection means every group.
 */
function extractAllKernel(pattern: string, selection: DynValue | undefined, s: string): DynValue {
  const c = compileRe2(pattern, 'g');
  if (c.groups.length === 0 || c.groups.length > 16) {
    throw new Error('extract_all(): the regular expression must have between 1 and 16 capture groups.');
  }
  let idx: number[] = [];
  if (Array.isArray(selection)) {
    for (const e of selection) {
      if (typeof e === 'bigint' && e >= 1n && e <= BigInt(c.groups.length)) idx.push(Number(e));
      else if (typeof e === 'number' && Number.isInteger(e) && e >= 1 && e <= c.groups.length) idx.push(e);
      else if (typeof e === 'string') {
        const k = c.groups.indexOf(e);
        if (k >= 0) idx.push(k + 1);
      }
    }
  }
  if (idx.length === 0) idx = c.groups.map((_, k) => k + 1);
  const re = c.re;
  re.lastIndex = 0;
  const out: DynValue[] = [];
  for (;;) {
    const m = re.exec(s);
    if (!m) break;
    if (m[0] === '') re.lastIndex++;
    if (idx.length === 1) out.push(m[idx[0]] ?? '');
    else out.push(idx.map((k) => m[k] ?? ''));
  }
  return out.length === 0 ? null : out;
}

function splitKernel(s: string, delim: string, index?: bigint): DynValue {
  const parts = delim === '' ? [s] : s.split(delim);
  if (index === undefined) return parts;
  return index >= 0n && index < BigInt(parts.length) ? [parts[Number(index)]] : [];
}

const MAX_ARGS = 64;

// ---------------------------------------------------------------------------------------------
// Registry entries

export const stringFunctions: readonly ScalarFunction[] = [
  fn('strlen', [
    sig(['string'], 'long', (s: string) => BigInt(codePointLength(s))),
    sig(['dynamic'], 'long', (d: DynValue) => BigInt(codePointLength(dynToString(d)))),
  ]),
  fn('substring', [
    {
      params: ['any', 'long', 'long'], optional: 1, result: 'string',
      makeKernel: ([t]) => {
        const text = textOf(t);
        return (v: JsValue, start: bigint, length?: bigint) => substringKernel(text(v), start, length);
      },
    },
  ]),
  fn('tolower', [
    { params: ['any'], result: 'string', makeKernel: ([t]) => { const text = textOf(t); return (v: JsValue) => mapCase(text(v), false); } },
  ]),
  fn('toupper', [
    { params: ['any'], result: 'string', makeKernel: ([t]) => { const text = textOf(t); return (v: JsValue) => mapCase(text(v), true); } },
  ]),
  fn('strcat', [
    {
      // Nulls render as "" rather than propagating: strcat('x', int(null)) is "x".
      params: ['any'], rest: 'any', result: 'string', nulls: 'handle',
      makeKernel: (types) => {
        const texts = types.map(textOf);
        return (...args: JsValue[]) => {
          let out = '';
          for (let i = 0; i < args.length; i++) out += texts[i](args[i]);
          return out;
        };
      },
    },
  ], { check: (ts) => (ts.length > MAX_ARGS ? `strcat() expects 1 to ${MAX_ARGS} arguments.` : undefined) }),
  fn('strcat_delim', [
    {
      params: ['any', 'any', 'any'], rest: 'any', result: 'string', nulls: 'handle',
      makeKernel: (types) => {
        const texts = types.map(textOf);
        return (...args: JsValue[]) => {
          const delim = texts[0](args[0]);
          let out = texts[1](args[1]);
          for (let i = 2; i < args.length; i++) out += delim + texts[i](args[i]);
          return out;
        };
      },
    },
  ], { check: (ts) => (ts.length > MAX_ARGS + 1 ? `strcat_delim() expects 2 to ${MAX_ARGS} values.` : undefined) }),
  fn('strcat_array', [
    {
      params: ['dynamic', 'any'], result: 'string',
      makeKernel: ([, t]) => {
        const text = textOf(t);
        return (arr: DynValue, delim: JsValue) => (Array.isArray(arr) ? arr.map(dynToString).join(text(delim)) : '');
      },
    },
  ]),
  fn('replace_string', [
    sig(['string', 'string', 'string'], 'string', (s: string, lookup: string, rewrite: string) =>
      (lookup === '' ? s : s.split(lookup).join(rewrite))),
  ]),
  fn('replace_regex', [sig(['string', 'string', 'string'], 'string', replaceRegexKernel)], { constantArgs: [1, 2] }),
  // The deprecated replace(regex, rewrite, text) is replace_regex with its arguments reordered.
  fn('replace', [sig(['string', 'string', 'string'], 'string', (re: string, rw: string, text: string) => replaceRegexKernel(text, re, rw))], { constantArgs: [0, 1] }),
  fn('trim', [sig(['string', 'string'], 'string', trimKernel('both'))], { constantArgs: [0] }),
  fn('trim_start', [sig(['string', 'string'], 'string', trimKernel('start'))], { constantArgs: [0] }),
  fn('trim_end', [sig(['string', 'string'], 'string', trimKernel('end'))], { constantArgs: [0] }),
  fn('split', [
    {
      params: ['any', 'string', 'long'], optional: 1, result: 'dynamic',
      makeKernel: ([t]) => {
        const text = textOf(t);
        return (v: JsValue, delim: string, index?: bigint) => splitKernel(text(v), delim, index);
      },
    },
  ]),
  fn('countof', [sig(['string', 'string', 'string'], 'long', countOfKernel, { optional: 1 })], { constantArgs: [1, 2] }),
  fn('indexof', [
    {
      params: ['any', 'any', 'long', 'long', 'long'], optional: 3, result: 'long',
      makeKernel: ([t, u]) => {
        const text = textOf(t);
        const lookup = textOf(u);
        return (v: JsValue, m: JsValue, start?: bigint, length?: bigint, occ?: bigint) =>
          indexOfKernel(text(v), lookup(m), start, length, occ);
      },
    },
  ], { constantArgs: [4] }),
  fn('reverse', [
    { params: ['any'], result: 'string', makeKernel: ([t]) => { const text = textOf(t); return (v: JsValue) => Array.from(text(v)).reverse().join(''); } },
  ]),
  fn('extract', [
    sig(['string', 'long', 'string'], 'string', extractKernel),
    // The 4th argument is typeof(T) passed as the constant type name "T"; see extractResultType().
    sig(['string', 'long', 'string', 'string'], 'string', extractKernel),
  ], { constantArgs: [0, 3], resultFromArguments: (c) => (typeof c[3] === 'string' ? extractResultType(c[3]) : undefined) }),
  fn('extract_all', [
    sig(['string', 'string'], 'dynamic', (p: string, s: string) => extractAllKernel(p, undefined, s)),
    sig(['string', 'dynamic', 'string'], 'dynamic', extractAllKernel),
  ], { constantArgs: [0] }),
  fn('isascii', [
    { params: ['any'], result: 'bool', makeKernel: ([t]) => { const text = textOf(t); return (v: JsValue) => isAscii(text(v)); } },
  ]),
];
