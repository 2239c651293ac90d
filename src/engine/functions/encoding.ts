/**
 * URL, base64, compression and hash functions: url_encode, url_encode_component, url_decode,
 * base64_encode_tostring, base64_decode_tostring, base64_decode_toarray,
 * base64_encode_fromarray, base64_decode_toguid, base64_encode_fromguid,
 * gzip_decompress_from_base64_string, zlib_decompress_from_base64_string, parse_url,
 * parse_urlquery, hash / hash_xxhash64, hash_md5, hash_sha1, hash_sha256. The compressing
 * directions are left out: their bytes depend on .NET's deflate implementation.
 */
import { createHash } from 'node:crypto';
import { gunzipSync, inflateSync } from 'node:zlib';
import type { JsValue } from '../column.js';
import type { DynBag, DynValue } from '../dynamic.js';
import { NotSupportedError } from '../errors.js';
import type { KqlType } from '../types.js';
import { toKqlString } from './conversion.js';
import { fn } from './define.js';
import { sig, type ScalarFunction } from './signature.js';

const encoder = new TextEncoder();
const strictUtf8 = new TextDecoder('utf-8', { fatal: true });
const lenientUtf8 = new TextDecoder('utf-8');

// ---------------------------------------------------------------------------------------------
// URL encoding (.NET HttpUtility rules: the engine writes `hello+world` and lower-case `%3a`)

const HEX = '0123456789abcdef';

function isUrlSafe(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57)
    || c === 45 || c === 95 || c === 46 || c === 33 || c === 42 || c === 40 || c === 41; // - _ . ! * ( )
}

export function urlEncode(s: string): string {
  let out = '';
  for (const b of encoder.encode(s)) {
    if (b === 32) out += '+';
    else if (isUrlSafe(b)) out += String.fromCharCode(b);
    else out += '%' + HEX[b >> 4] + HEX[b & 15];
  }
  return out;
}

function hexValue(c: string | undefined): number {
  if (c === undefined) return -1;
  const i = '0123456789abcdef'.indexOf(c.toLowerCase());
  return i;
}

/** `+` is a space, `%xx` a UTF-8 byte, `%uXXXX` a UTF-16 unit; malformed escapes stay as written. */
export function urlDecode(s: string): string {
  let out = '';
  let bytes: number[] = [];
  const flush = () => {
    if (bytes.length) {
      out += lenientUtf8.decode(new Uint8Array(bytes));
      bytes = [];
    }
  };
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === '%') {
      if (s[i + 1] === 'u' || s[i + 1] === 'U') {
        const h = [2, 3, 4, 5].map((k) => hexValue(s[i + k]));
        if (h.every((x) => x >= 0)) {
          flush();
          out += String.fromCharCode((h[0] << 12) | (h[1] << 8) | (h[2] << 4) | h[3]);
          i += 5;
          continue;
        }
      }
      const hi = hexValue(s[i + 1]);
      const lo = hexValue(s[i + 2]);
      if (hi >= 0 && lo >= 0) {
        bytes.push((hi << 4) | lo);
        i += 2;
        continue;
      }
    }
    flush();
    out += c === '+' ? ' ' : c;
  }
  flush();
  return out;
}

// ---------------------------------------------------------------------------------------------
// base64

export function base64EncodeString(s: string): string {
  return Buffer.from(s, 'utf8').toString('base64');
}

/** The bytes of strict base64 text (whitespace ignored); null when it is not base64. */
function base64Bytes(s: string): Buffer | null {
  const t = s.replace(/[ \t\r\n]/g, '');
  if (t.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(t)) return null;
  return Buffer.from(t, 'base64');
}

/** UTF-8 text of the bytes; "" when they are not UTF-8 (engine). */
function utf8OrEmpty(bytes: Uint8Array | null): string {
  if (!bytes) return '';
  try {
    return strictUtf8.decode(bytes);
  } catch {
    return '';
  }
}

/** Strict base64 (whitespace ignored); text that is not base64 or not UTF-8 gives "" (engine). */
export function base64DecodeString(s: string): string {
  return utf8OrEmpty(base64Bytes(s));
}

function base64ToArray(s: string): DynValue {
  const b = base64Bytes(s);
  return b && [...b].map(BigInt);
}

/** Bytes from an array of longs 0–255; anything else gives "" (null). */
function base64FromArray(a: DynValue): string {
  if (!Array.isArray(a) || !a.every((v) => typeof v === 'bigint' && v >= 0n && v <= 255n)) return '';
  return Buffer.from(a.map(Number)).toString('base64');
}

/** .NET's Guid byte order: the first three fields little-endian, the last eight bytes as written. */
const GUID_BYTE_ORDER = [3, 2, 1, 0, 5, 4, 7, 6, 8, 9, 10, 11, 12, 13, 14, 15];

function guidToBase64(g: string): string {
  const hex = g.replace(/-/g, '');
  return Buffer.from(GUID_BYTE_ORDER.map((i) => parseInt(hex.slice(2 * i, 2 * i + 2), 16))).toString('base64');
}

/**
 * Only the documented null for text that is not a GUID's base64: the documentation's decoded example
 * (JpbpECu8dUy7Pv5gbeJXAA== → 10e99626-bc2b-754c-…) contradicts .NET's byte order (…-4c75-…), which
 * base64_encode_fromguid follows, so the engine's order for decoding is unknown.
 */
function base64ToGuid(s: string): null {
  const b = base64Bytes(s);
  if (!b || b.length !== 16) return null;
  throw new NotSupportedError('base64_decode_toguid() of a GUID\'s base64 (the documented byte order contradicts .NET\'s)');
}

/** Decompressed UTF-8 text; "" when the text is not base64 of compressed UTF-8 (documented). */
function decompressed(inflate: (b: Buffer) => Buffer) {
  return (s: string): string => {
    const b = base64Bytes(s);
    if (!b) return '';
    try {
      return utf8OrEmpty(inflate(b));
    } catch {
      return '';
    }
  };
}

// ---------------------------------------------------------------------------------------------
// parse_url / parse_urlquery (kql-notes §9.4 and the engine's measured quirks)

/**
 * Query parameters: split on `&`, then on the first `=`; a parameter with an empty key or value,
 * or without `=`, is dropped; keys are sorted; a repeated key holds an array of its values.
 * Nothing is URL-decoded.
 */
function queryParameters(query: string | undefined): DynBag {
  const found = new Map<string, string[]>();
  if (query) {
    for (const part of query.split('&')) {
      const eq = part.indexOf('=');
      if (eq <= 0 || eq === part.length - 1) continue;
      const k = part.slice(0, eq);
      const v = part.slice(eq + 1);
      const list = found.get(k);
      if (list) list.push(v);
      else found.set(k, [v]);
    }
  }
  const bag: DynBag = new Map();
  for (const k of [...found.keys()].sort()) {
    const vs = found.get(k)!;
    bag.set(k, vs.length === 1 ? vs[0] : vs);
  }
  return bag;
}

const URL_RE = /^([A-Za-z][A-Za-z0-9+.-]*):\/\/([^/?#]*)([^?#]*)(?:\?([^#]*))?(?:#([\s\S]*))?$/;
const USERINFO_RE = /^([^:@]*):([^@]*)@([\s\S]*)$/;

export function parseUrl(url: string): DynValue {
  let scheme = '', host = '', port = '', path = '', user = '', password = '', fragment = '';
  let query: string | undefined;
  const m = URL_RE.exec(url);
  if (m) {
    scheme = m[1];
    let authority = m[2];
    // User info is recognised only with a password: `user@host` stays in Host (engine quirk).
    const ui = USERINFO_RE.exec(authority);
    if (ui) {
      user = ui[1];
      password = ui[2];
      authority = ui[3];
    }
    // Host and port split at the last colon, even inside an IPv6 literal (engine quirk).
    const colon = authority.lastIndexOf(':');
    if (colon >= 0) {
      host = authority.slice(0, colon);
      port = authority.slice(colon + 1);
    } else host = authority;
    path = m[3];
    query = m[4];
    fragment = m[5] ?? '';
    // A lone trailing slash is the empty path, but only at the very end of the URL.
    if (path === '/' && m[4] === undefined && m[5] === undefined) path = '';
  }
  return new Map<string, DynValue>([
    ['Scheme', scheme], ['Host', host], ['Port', port], ['Path', path],
    ['Username', user], ['Password', password], ['Query Parameters', queryParameters(query)],
    ['Fragment', fragment],
  ]);
}

export function parseUrlQuery(query: string): DynValue {
  return new Map<string, DynValue>([['Query Parameters', queryParameters(query)]]);
}

// ---------------------------------------------------------------------------------------------
// Hashes

const MASK64 = (1n << 64n) - 1n;
const P1 = 11400714785074694791n;
const P2 = 14029467366897019727n;
const P3 = 1609587929392839161n;
const P4 = 9650029242287828579n;
const P5 = 2870177450012600261n;

const rotl = (x: bigint, r: bigint): bigint => ((x << r) | (x >> (64n - r))) & MASK64;
const mul = (a: bigint, b: bigint): bigint => (a * b) & MASK64;
const round = (acc: bigint, input: bigint): bigint => mul(rotl((acc + mul(input, P2)) & MASK64, 31n), P1);
const mergeRound = (acc: bigint, val: bigint): bigint => (mul(acc ^ round(0n, val), P1) + P4) & MASK64;

function read64(b: Uint8Array, i: number): bigint {
  let v = 0n;
  for (let k = 7; k >= 0; k--) v = (v << 8n) | BigInt(b[i + k]);
  return v;
}

function read32(b: Uint8Array, i: number): bigint {
  return BigInt((b[i] | (b[i + 1] << 8) | (b[i + 2] << 16) | (b[i + 3] << 24)) >>> 0);
}

/** XXH64 with seed 0, as a signed 64-bit value (the engine's hash(): hash("World") = 1846988464401551951). */
export function xxhash64(b: Uint8Array): bigint {
  const len = b.length;
  let i = 0;
  let h: bigint;
  if (len >= 32) {
    let v1 = (P1 + P2) & MASK64;
    let v2 = P2;
    let v3 = 0n;
    let v4 = (-P1) & MASK64;
    while (i <= len - 32) {
      v1 = round(v1, read64(b, i));
      v2 = round(v2, read64(b, i + 8));
      v3 = round(v3, read64(b, i + 16));
      v4 = round(v4, read64(b, i + 24));
      i += 32;
    }
    h = (rotl(v1, 1n) + rotl(v2, 7n) + rotl(v3, 12n) + rotl(v4, 18n)) & MASK64;
    h = mergeRound(h, v1);
    h = mergeRound(h, v2);
    h = mergeRound(h, v3);
    h = mergeRound(h, v4);
  } else {
    h = P5;
  }
  h = (h + BigInt(len)) & MASK64;
  while (i + 8 <= len) {
    h ^= round(0n, read64(b, i));
    h = (mul(rotl(h, 27n), P1) + P4) & MASK64;
    i += 8;
  }
  if (i + 4 <= len) {
    h ^= mul(read32(b, i), P1);
    h = (mul(rotl(h, 23n), P2) + P3) & MASK64;
    i += 4;
  }
  while (i < len) {
    h ^= mul(BigInt(b[i]), P5);
    h = mul(rotl(h, 11n), P1);
    i++;
  }
  h ^= h >> 33n;
  h = mul(h, P2);
  h ^= h >> 29n;
  h = mul(h, P3);
  h ^= h >> 32n;
  return BigInt.asIntN(64, h);
}

const ticksBytes = new Uint8Array(8);
const ticksView = new DataView(ticksBytes.buffer);

/** A datetime hashes as the 8 little-endian bytes of its ticks (measured: 2015-01-01 → 1380966698541616202). */
function hashTicks(t: bigint): bigint {
  ticksView.setBigInt64(0, t, true);
  return xxhash64(ticksBytes);
}

/** hash_md5/sha1/sha256 digest the string form; the empty string gives "" (measured). */
function digest(algorithm: string) {
  return {
    params: ['any'] as const, result: 'string' as const, nulls: 'handle' as const,
    makeKernel: ([t]: readonly KqlType[]) => (v: JsValue) => {
      const s = toKqlString(v, t);
      return s === '' ? '' : createHash(algorithm).update(s, 'utf8').digest('hex');
    },
  };
}

const notDynamic = (name: string) => (ts: readonly KqlType[]) =>
  (ts[0] === 'dynamic' ? `${name}(): the argument cannot be dynamic.` : undefined);

// hash(x, mod) is left out: the engine's treatment of negative hashes under mod is unverified.
const hashSignatures = [
  sig(['string'], 'long', (s: string) => xxhash64(encoder.encode(s))),
  sig(['datetime'], 'long', hashTicks),
  // hash(x, mod): the engine's treatment of negative hashes is unverified, so it is refused.
  sig(['any', 'long'], 'long', () => null),
];
const refuseModulo = (types: readonly KqlType[]): string | undefined =>
  types.length > 1 ? 'Not supported: hash() with a modulo argument.' : undefined;

export const encodingFunctions: readonly ScalarFunction[] = [
  fn('url_encode', [sig(['string'], 'string', urlEncode)]),
  // url_encode_component writes a space as %20 (documented example).
  fn('url_encode_component', [sig(['string'], 'string', (s: string) => urlEncode(s).replace(/\+/g, '%20'))]),
  fn('url_decode', [sig(['string'], 'string', urlDecode)]),
  fn('base64_encode_tostring', [sig(['string'], 'string', base64EncodeString)]),
  fn('base64_decode_tostring', [sig(['string'], 'string', base64DecodeString)]),
  fn('base64_decode_toarray', [sig(['string'], 'dynamic', base64ToArray)]),
  fn('base64_encode_fromarray', [sig(['dynamic'], 'string', base64FromArray)]),
  fn('base64_decode_toguid', [sig(['string'], 'guid', base64ToGuid)]),
  fn('base64_encode_fromguid', [sig(['guid'], 'string', guidToBase64)]),
  fn('gzip_decompress_from_base64_string', [sig(['string'], 'string', decompressed(gunzipSync))]),
  fn('zlib_decompress_from_base64_string', [sig(['string'], 'string', decompressed(inflateSync))]),
  fn('parse_url', [sig(['string'], 'dynamic', parseUrl)]),
  fn('parse_urlquery', [sig(['string'], 'dynamic', parseUrlQuery)]),
  fn('hash', hashSignatures, { check: refuseModulo }),
  fn('hash_xxhash64', hashSignatures, { check: refuseModulo }),
  fn('hash_md5', [digest('md5')], { check: notDynamic('hash_md5') }),
  fn('hash_sha1', [digest('sha1')], { check: notDynamic('hash_sha1') }),
  fn('hash_sha256', [digest('sha256')], { check: notDynamic('hash_sha256') }),
];
