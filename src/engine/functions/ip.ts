/**
 * IPv4 and IPv6 functions: text search (has_ipv4, has_ipv4_prefix, has_any_ipv4,
 * has_any_ipv4_prefix), parsing (parse_ipv4), comparison under a prefix mask (ipv4_compare,
 * ipv4_is_match, ipv4_is_in_range, ipv4_is_in_any_range, ipv6_compare, ipv6_is_match,
 * ipv6_is_in_range, ipv6_is_in_any_range) and ipv4_range_to_cidr_list. Text that is not an
 * address gives null (false for the has_* searches).
 *
 * An address may carry a prefix length (`192.168.1.1/24`); comparisons use the shortest of the
 * prefixes of both sides and the explicit prefix argument (documented). The IPv6 functions read
 * IPv4 text as the mapped address ::ffff:a.b.c.d, so an IPv4 prefix p is the IPv6 prefix 96 + p.
 */
import type { JsValue } from '../column.js';
import type { DynValue } from '../dynamic.js';
import { NotSupportedError } from '../errors.js';
import type { KqlType } from '../types.js';
import { fn } from './define.js';
import { sig, type ScalarFunction } from './signature.js';

const MAX_ARGS = 64;

interface Address {
  readonly bits: bigint;
  readonly prefix: number;
}

/** Dotted-quad IPv4 text: four decimal parts of 1–3 digits, each at most 255. */
function ipv4Bits(text: string): bigint | null {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(text);
  if (!m) return null;
  let v = 0n;
  for (let i = 1; i <= 4; i++) {
    const part = Number(m[i]);
    if (part > 255) return null;
    v = (v << 8n) | BigInt(part);
  }
  return v;
}

/** IPv6 text (RFC 4291 §2.2: hex groups, one `::`, an optional dotted IPv4 tail). */
function ipv6Bits(text: string): bigint | null {
  const halves = text.split('::');
  if (halves.length > 2) return null;
  const groups = (s: string): bigint[] | null => {
    if (s === '') return [];
    const out: bigint[] = [];
    const parts = s.split(':');
    for (let i = 0; i < parts.length; i++) {
      const p = parts[i];
      if (i === parts.length - 1 && p.includes('.')) {
        const v4 = ipv4Bits(p);
        if (v4 === null) return null;
        out.push(v4 >> 16n, v4 & 0xffffn);
      } else if (/^[0-9A-Fa-f]{1,4}$/.test(p)) out.push(BigInt('0x' + p));
      else return null;
    }
    return out;
  };
  const head = groups(halves[0]);
  const tail = halves.length === 2 ? groups(halves[1]) : [];
  if (!head || !tail) return null;
  if (halves.length === 2 && head.length > 0 && halves[0].includes('.')) return null;
  const missing = 8 - head.length - tail.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return null;
  let v = 0n;
  for (const g of [...head, ...new Array<bigint>(missing).fill(0n), ...tail]) v = (v << 16n) | g;
  return v;
}

/** `address[/prefix]` with a prefix of 0–max. */
function withPrefix(text: string, max: number, bits: (s: string) => bigint | null): Address | null {
  const slash = text.indexOf('/');
  const addr = bits(slash < 0 ? text : text.slice(0, slash));
  if (addr === null) return null;
  if (slash < 0) return { bits: addr, prefix: max };
  const p = text.slice(slash + 1);
  if (!/^\d{1,3}$/.test(p) || Number(p) > max) return null;
  return { bits: addr, prefix: Number(p) };
}

/** Numbers (decimal or hex) joined by dots: the shapes address parsers disagree on beyond the dotted quad. */
const NUMBERS_AND_DOTS = /^(0x[0-9a-f]*|\d+)(\.(0x[0-9a-f]*|\d+))*(\/\d*)?$/i;

/**
 * IPv4 text with an optional prefix. The documentation only says text that does not convert gives
 * null; it does not say whether fewer than four parts, leading zeros (octal?), hex parts or spaces
 * convert, so those are refused.
 */
export function parseIpv4(text: string): Address | null {
  if (/^\s|\s$/.test(text)) throw new NotSupportedError(`IPv4 text with surrounding spaces ('${text}')`);
  if (NUMBERS_AND_DOTS.test(text) && (!/^(\d{1,3}\.){3}\d{1,3}(\/\d{1,3})?$/.test(text) || /(^|[./])0\d/.test(text))) {
    throw new NotSupportedError(`IPv4 text '${text}' (only four decimal parts without leading zeros are documented)`);
  }
  return withPrefix(text, 32, ipv4Bits);
}

const V4_MAPPED = 0xffffn << 32n;

/** IPv6 text, or IPv4 text as its mapped IPv6 address. */
export function parseIpv6(text: string): Address | null {
  const v4 = parseIpv4(text);
  if (v4) return { bits: V4_MAPPED | v4.bits, prefix: 96 + v4.prefix };
  return withPrefix(text, 128, ipv6Bits);
}

function masked(bits: bigint, prefix: number, width: number): bigint {
  return bits >> BigInt(width - prefix);
}

/** -1, 0 or 1 comparing the two addresses on their common prefix; null when either is not an address. */
function comparer(width: number, parse: (s: string) => Address | null) {
  return (a: string, b: string, prefix?: bigint): bigint | null => {
    const x = parse(a);
    const y = parse(b);
    if (!x || !y) return null;
    if (prefix !== undefined && (prefix < 0n || prefix > BigInt(width))) return null;
    const p = Math.min(x.prefix, y.prefix, prefix === undefined ? width : Number(prefix));
    const mx = masked(x.bits, p, width);
    const my = masked(y.bits, p, width);
    return mx < my ? -1n : mx > my ? 1n : 0n;
  };
}

const ipv4Compare = comparer(32, parseIpv4);
const ipv6Compare = comparer(128, parseIpv6);

function isMatch(compare: (a: string, b: string, p?: bigint) => bigint | null) {
  return (a: string, b: string, p?: bigint): boolean | null => {
    const c = compare(a, b, p);
    return c === null ? null : c === 0n;
  };
}

/** The address with the bits past its own prefix cleared (parse_ipv4's "long representation"). */
function network(a: Address, width: number): bigint {
  return masked(a.bits, a.prefix, width) << BigInt(width - a.prefix);
}

/** Whether the network of ip (documented: its long representation) lies in the range. */
function inRange(width: number, parse: (s: string) => Address | null) {
  return (ip: string, range: string): boolean | null => {
    const x = parse(ip);
    const r = parse(range);
    if (!x || !r) return null;
    return masked(network(x, width), r.prefix, width) === masked(r.bits, r.prefix, width);
  };
}

const ipv4InRange = inRange(32, parseIpv4);
const ipv6InRange = inRange(128, parseIpv6);

/** The string arguments after the first, with dynamic arrays flattened (elements that are not strings are skipped). */
function stringList(types: readonly KqlType[], args: readonly JsValue[]): string[] {
  const out: string[] = [];
  args.forEach((v, i) => {
    if (types[i] === 'dynamic') {
      for (const x of Array.isArray(v) ? v : [v as DynValue]) if (typeof x === 'string') out.push(x);
    } else if (typeof v === 'string') out.push(v);
  });
  return out;
}

function inAnyRange(test: (ip: string, range: string) => boolean | null) {
  return (types: readonly KqlType[]) => (ip: string, ...ranges: JsValue[]): boolean | null => {
    let anyValid = false;
    for (const r of stringList(types.slice(1), ranges)) {
      const ok = test(ip, r);
      if (ok) return true;
      if (ok === false) anyValid = true;
    }
    return anyValid ? false : null;
  };
}

// ---------------------------------------------------------------------------------------------
// Addresses in text

/** Runs of dot-separated numbers in text. */
const DOTTED_NUMBERS = /\d+(?:\.\d+)+/g;
const ASCII_ALNUM = /[A-Za-z0-9]/;
const OTHER_ALNUM = /[\p{L}\p{N}]/u;

/**
 * Dotted quads in text, delimited by characters that are not letters or digits (documented). Runs the
 * documentation does not cover are refused: more than four numbers (1.2.3.4.5), a part with a leading
 * zero, a dot or a non-ASCII letter or digit next to the address.
 */
function addressesIn(source: string): string[] {
  const out: string[] = [];
  for (const m of source.matchAll(DOTTED_NUMBERS)) {
    const parts = m[0].split('.');
    if (parts.length < 4) continue;
    const before = source[m.index - 1] ?? '';
    const after = source[m.index + m[0].length] ?? '';
    if (ASCII_ALNUM.test(before) || ASCII_ALNUM.test(after)) continue;
    if (parts.length > 4 || parts.some((p) => p.length > 1 && p.startsWith('0')) || before === '.' ||
      (after === '.' && OTHER_ALNUM.test(source[m.index + m[0].length + 1] ?? '')) ||
      OTHER_ALNUM.test(before) || OTHER_ALNUM.test(after)) {
      throw new NotSupportedError(`searching text for IPv4 addresses where '${m[0]}' is not a plainly delimited dotted quad`);
    }
    if (ipv4Bits(m[0]) !== null) out.push(m[0]);
  }
  return out;
}

/** A prefix is a whole address or 1–3 leading parts each followed by a dot (documented). */
function isIpv4Prefix(p: string): boolean {
  return ipv4Bits(p) !== null || /^(\d{1,3}\.){1,3}$/.test(p) && p.split('.').slice(0, -1).every((x) => Number(x) <= 255);
}

function hasAny(source: string, candidates: readonly string[], prefixes: boolean): boolean {
  if (candidates.some((c) => /(^|\.)0\d/.test(c))) throw new NotSupportedError(`an IPv4 address or prefix with a leading zero ('${candidates.find((c) => /(^|\.)0\d/.test(c))}')`);
  const wanted = candidates.filter((c) => (prefixes ? isIpv4Prefix(c) : ipv4Bits(c) !== null));
  if (wanted.length === 0) return false;
  return addressesIn(source).some((a) => wanted.some((w) => (prefixes ? a.startsWith(w) : a === w)));
}

function hasAnySignature(prefixes: boolean) {
  return {
    params: ['string', 'any'] as const, rest: 'any' as const, result: 'bool' as const, nulls: 'handle' as const,
    makeKernel: (types: readonly KqlType[]) => (source: string, ...args: JsValue[]) =>
      hasAny(source, stringList(types.slice(1), args), prefixes),
  };
}

function checkStringsOrDynamic(name: string) {
  return (types: readonly KqlType[]): string | undefined => {
    if (types.length > MAX_ARGS) return `${name}() expects at most ${MAX_ARGS} arguments.`;
    const bad = types.slice(1).find((t) => t !== 'string' && t !== 'dynamic');
    return bad ? `${name}(): the addresses must be strings or a dynamic array, not ${bad}.` : undefined;
  };
}

// ---------------------------------------------------------------------------------------------
// CIDR lists

function formatIpv4(bits: bigint): string {
  return [24n, 16n, 8n, 0n].map((s) => String((bits >> s) & 0xffn)).join('.');
}

/** The fewest CIDR blocks covering start..end, in address order. */
function rangeToCidrList(start: string, end: string): DynValue {
  const a = ipv4Bits(start);
  const b = ipv4Bits(end);
  if (a === null || b === null || a > b) return null;
  const out: DynValue[] = [];
  let cur = a;
  while (cur <= b) {
    // The largest block aligned at cur that does not pass b.
    let size = 32;
    while (size > 0 && (cur & ((1n << BigInt(33 - size)) - 1n)) === 0n && cur + (1n << BigInt(33 - size)) - 1n <= b) size--;
    out.push(`${formatIpv4(cur)}/${size}`);
    cur += 1n << BigInt(32 - size);
  }
  return out;
}

export const ipFunctions: readonly ScalarFunction[] = [
  fn('parse_ipv4', [sig(['string'], 'long', (s: string) => {
    const a = parseIpv4(s);
    return a && network(a, 32);
  })]),
  fn('has_ipv4', [sig(['string', 'string'], 'bool', (s: string, ip: string) => hasAny(s, [ip], false))]),
  fn('has_ipv4_prefix', [sig(['string', 'string'], 'bool', (s: string, p: string) => hasAny(s, [p], true))]),
  fn('has_any_ipv4', [hasAnySignature(false)], { check: checkStringsOrDynamic('has_any_ipv4') }),
  fn('has_any_ipv4_prefix', [hasAnySignature(true)], { check: checkStringsOrDynamic('has_any_ipv4_prefix') }),
  fn('ipv4_compare', [sig(['string', 'string', 'long'], 'long', ipv4Compare, { optional: 1 })]),
  fn('ipv4_is_match', [sig(['string', 'string', 'long'], 'bool', isMatch(ipv4Compare), { optional: 1 })]),
  fn('ipv4_is_in_range', [sig(['string', 'string'], 'bool', ipv4InRange)]),
  fn('ipv4_is_in_any_range', [
    { params: ['string', 'any'], rest: 'any', result: 'bool', makeKernel: inAnyRange(ipv4InRange) },
  ], { check: checkStringsOrDynamic('ipv4_is_in_any_range') }),
  fn('ipv4_range_to_cidr_list', [sig(['string', 'string'], 'dynamic', rangeToCidrList)]),
  fn('ipv6_compare', [sig(['string', 'string', 'long'], 'long', ipv6Compare, { optional: 1 })]),
  fn('ipv6_is_match', [sig(['string', 'string', 'long'], 'bool', isMatch(ipv6Compare), { optional: 1 })]),
  fn('ipv6_is_in_range', [sig(['string', 'string'], 'bool', ipv6InRange)]),
  fn('ipv6_is_in_any_range', [
    { params: ['string', 'any'], rest: 'any', result: 'bool', makeKernel: inAnyRange(ipv6InRange) },
  ], { check: checkStringsOrDynamic('ipv6_is_in_any_range') }),
];
