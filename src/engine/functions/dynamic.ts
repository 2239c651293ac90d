/**
 * Functions on dynamic values: arrays (array_length, array_concat, array_slice, array_index_of,
 * array_reverse, array_rotate_*, array_shift_*, array_sort_*, array_sum, zip), sets (set_has_element,
 * set_union, set_intersect, set_difference) and property bags (pack_array, bag_pack/pack, bag_keys,
 * bag_has_key, bag_merge, dynamic_to_json). Non-array (or non-bag) inputs give null.
 */
import type { JsValue } from '../column.js';
import { dynEquals, dynToJson, isBag, type DynBag, type DynValue } from '../dynamic.js';
import type { KqlType } from '../types.js';
import { toDynValue } from './conversion.js';
import { fn } from './define.js';
import { sig, type ScalarFunction } from './signature.js';

const MAX_ARGS = 64;

/** Equality of dynamic elements where a long and a real with the same value are equal. */
export function dynLooseEquals(a: DynValue, b: DynValue): boolean {
  if (typeof a === 'bigint' && typeof b === 'bigint') return a === b;
  if (typeof a === 'number' && typeof b === 'number') return a === b;
  if (typeof a === 'bigint' && typeof b === 'number') return Number.isInteger(b) && BigInt(b) === a;
  if (typeof a === 'number' && typeof b === 'bigint') return Number.isInteger(a) && BigInt(a) === b;
  return dynEquals(a, b);
}

/** A canonical text key for distinct-element sets. */
function elementKey(v: DynValue): string {
  return dynToJson(v);
}

function arrayIndexOf(arr: DynValue, value: DynValue, start = 0n, length = -1n, occurrence = 1n): bigint | null {
  if (!Array.isArray(arr)) return null;
  if (length < -1n || occurrence <= 0n) return null;
  const len = arr.length;
  let st = Number(start);
  if (st < 0) st = Math.max(0, len + st);
  const end = length === -1n ? len : Math.min(len, st + Number(length));
  let count = 0n;
  for (let i = st; i < end; i++) {
    if (dynLooseEquals(arr[i], value) && ++count === occurrence) return BigInt(i);
  }
  return -1n;
}

/** array_slice(): both ends inclusive; negative indices count from the end; out-of-range ends are clipped. */
function arraySlice(arr: DynValue, start: bigint, end: bigint): DynValue {
  if (!Array.isArray(arr)) return null;
  const len = BigInt(arr.length);
  let s = start < 0n ? len + start : start;
  let e = end < 0n ? len + end : end;
  if (s < 0n) s = 0n;
  if (e >= len) e = len - 1n;
  if (s > e) return [];
  return arr.slice(Number(s), Number(e) + 1);
}

/** Sort order across kinds (documented): numbers, then strings, then everything else. */
function kindRank(v: DynValue): number {
  if (typeof v === 'bigint' || typeof v === 'number') return 0;
  if (typeof v === 'string') return 1;
  return 2;
}

function compareElements(a: DynValue, b: DynValue): number {
  const ra = kindRank(a);
  const rb = kindRank(b);
  if (ra !== rb) return ra - rb;
  if (ra === 0) {
    const x = a as number | bigint;
    const y = b as number | bigint;
    return x < y ? -1 : x > y ? 1 : 0;
  }
  if (ra === 1) return (a as string) < (b as string) ? -1 : (a as string) > (b as string) ? 1 : 0;
  return 0;
}

function arraySort(arr: DynValue, desc: boolean, nullsLast = true): DynValue {
  if (!Array.isArray(arr)) return null;
  const nulls = arr.filter((v) => v === null);
  const rest = arr.filter((v) => v !== null);
  rest.sort((a, b) => (desc ? compareElements(b, a) : compareElements(a, b)));
  return nullsLast ? [...rest, ...nulls] : [...nulls, ...rest];
}

function sortedJson(v: DynValue): string {
  if (Array.isArray(v)) return '[' + v.map(sortedJson).join(',') + ']';
  if (isBag(v)) {
    const keys = [...v.keys()].sort();
    return '{' + keys.map((k) => JSON.stringify(k) + ':' + sortedJson(v.get(k)!)).join(',') + '}';
  }
  return dynToJson(v);
}

function bagHasKey(bag: DynValue, key: string): boolean {
  if (!isBag(bag)) return false;
  if (!key.startsWith('$')) return bag.has(key);
  // A JSONPath of property names: $.a.b
  const path = key.slice(1).split('.').slice(1);
  let cur: DynValue = bag;
  for (const k of path) {
    if (!isBag(cur) || !cur.has(k)) return false;
    cur = cur.get(k)!;
  }
  return path.length > 0;
}

function setOp(kind: 'union' | 'intersect' | 'difference') {
  return (...arrays: DynValue[]): DynValue => {
    if (!arrays.every(Array.isArray)) return null;
    const lists = arrays as DynValue[][];
    const seen = new Set<string>();
    const out: DynValue[] = [];
    const others = kind === 'union' ? [] : lists.slice(1).map((l) => new Set(l.map(elementKey)));
    for (const list of kind === 'union' ? lists : [lists[0]]) {
      for (const v of list) {
        const k = elementKey(v);
        if (seen.has(k)) continue;
        if (kind === 'intersect' && !others.every((o) => o.has(k))) continue;
        if (kind === 'difference' && others.some((o) => o.has(k))) continue;
        seen.add(k);
        out.push(v);
      }
    }
    return out;
  };
}

function rotate(arr: DynValue, n: bigint, left: boolean): DynValue {
  if (!Array.isArray(arr)) return null;
  const len = arr.length;
  if (len === 0) return [];
  let k = Number(((left ? n : -n) % BigInt(len) + BigInt(len)) % BigInt(len));
  if (k < 0) k += len;
  return [...arr.slice(k), ...arr.slice(0, k)];
}

function shift(arr: DynValue, n: bigint, left: boolean, fill: DynValue): DynValue {
  if (!Array.isArray(arr)) return null;
  const len = arr.length;
  const k = n < 0n ? -n : n;
  const toLeft = (n >= 0n) === left;
  const out: DynValue[] = new Array(len).fill(fill);
  for (let i = 0; i < len; i++) {
    const src = toLeft ? BigInt(i) + k : BigInt(i) - k;
    if (src >= 0n && src < BigInt(len)) out[i] = arr[Number(src)];
  }
  return out;
}

const dynAt = (t: KqlType) => (v: JsValue): DynValue => toDynValue(v, t);

function arraySortSignatures(descending: boolean) {
  return [
    sig(['dynamic', 'bool'], 'dynamic', (a: DynValue, nl?: boolean) => arraySort(a, descending, nl), { optional: 1 }),
    // Sorting several arrays by the first gives one output column per array: not supported.
    sig(['dynamic', 'dynamic'], 'dynamic', () => null, { rest: 'any' }),
  ];
}

function refuseSeveralArrays(name: string) {
  return (types: readonly KqlType[]): string | undefined =>
    types.length > 1 && types[1] === 'dynamic' ? `Not supported: ${name}() of several arrays.` : undefined;
}

/** Arrays hold at most 2^20 elements in the engine. */
const MAX_ARRAY = 1 << 20;

/** range(start, stop[, step]): start, start+step, … up to and including stop (null past the limit). */
function rangeArray<T extends number | bigint>(start: T, stop: T, step: T, out: (v: T) => DynValue): JsValue {
  const zero = (typeof step === 'bigint' ? 0n : 0) as T;
  if (step === zero) return null;
  const values: DynValue[] = [];
  const up = step > zero;
  for (let v = start; up ? v <= stop : v >= stop; v = ((v as number) + (step as number)) as T) {
    if (values.length === MAX_ARRAY) return null;
    values.push(out(v));
  }
  return values;
}

const HOUR_TICKS = 36_000_000_000n;

export const dynamicFunctions: readonly ScalarFunction[] = [
  fn('range', [
    sig(['long', 'long', 'long'], 'dynamic', (a: bigint, b: bigint, s?: bigint) => rangeArray(a, b, s ?? 1n, (v) => v), { optional: 1 }),
    sig(['real', 'real', 'real'], 'dynamic', (a: number, b: number, s?: number) => rangeArray(a, b, s ?? 1, (v) => v), { optional: 1 }),
    sig(['timespan', 'timespan', 'timespan'], 'dynamic',
      (a: bigint, b: bigint, s?: bigint) => rangeArray(a, b, s ?? HOUR_TICKS, (v) => toDynValue(v, 'timespan')), { optional: 1 }),
    sig(['datetime', 'datetime', 'timespan'], 'dynamic',
      (a: bigint, b: bigint, s: bigint) => rangeArray(a, b, s, (v) => toDynValue(v, 'datetime'))),
  ]),
  fn('array_length', [sig(['dynamic'], 'long', (a: DynValue) => (Array.isArray(a) ? BigInt(a.length) : null))]),
  fn('pack_array', [
    {
      params: ['any'], rest: 'any', result: 'dynamic', nulls: 'handle',
      makeKernel: (ts) => {
        const convs = ts.map(dynAt);
        return (...args: JsValue[]) => args.map((v, i) => convs[i](v));
      },
    },
  ]),
  fn('bag_pack', [
    {
      params: ['string', 'any'], rest: 'any', result: 'dynamic', nulls: 'handle',
      makeKernel: (ts) => {
        const convs = ts.map(dynAt);
        return (...args: JsValue[]) => {
          const bag: DynBag = new Map();
          for (let i = 0; i + 1 < args.length; i += 2) bag.set(args[i] as string, convs[i + 1](args[i + 1]));
          return bag;
        };
      },
    },
  ], {
    aliases: ['pack'],
    check: (ts) => {
      if (ts.length % 2 !== 0) return 'bag_pack() expects pairs of key and value.';
      for (let i = 0; i < ts.length; i += 2) if (ts[i] !== 'string') return `bag_pack(): key ${i / 2 + 1} must be a string.`;
      return undefined;
    },
  }),
  fn('bag_keys', [sig(['dynamic'], 'dynamic', (b: DynValue) => (isBag(b) ? [...b.keys()] : null))]),
  fn('bag_has_key', [sig(['dynamic', 'string'], 'bool', bagHasKey)]),
  fn('bag_merge', [
    {
      // The first bag holding a key wins (engine).
      params: ['dynamic', 'dynamic'], rest: 'dynamic', result: 'dynamic',
      kernel: (...bags: DynValue[]) => {
        if (!bags.every(isBag)) return null;
        const out: DynBag = new Map();
        for (const b of bags as DynBag[]) for (const [k, v] of b) if (!out.has(k)) out.set(k, v);
        return out;
      },
    },
  ], { check: (ts) => (ts.length > MAX_ARGS ? `bag_merge() expects 2 to ${MAX_ARGS} arguments.` : undefined) }),
  fn('dynamic_to_json', [
    // Property bags are written with their keys sorted (engine).
    sig(['dynamic'], 'string', sortedJson),
  ]),
  fn('array_concat', [
    {
      params: ['dynamic'], rest: 'dynamic', result: 'dynamic',
      kernel: (...arrays: DynValue[]) => (arrays.every(Array.isArray) ? (arrays as DynValue[][]).flat(1) : null),
    },
  ], { check: (ts) => (ts.length > MAX_ARGS ? `array_concat() expects 1 to ${MAX_ARGS} arguments.` : undefined) }),
  fn('array_slice', [sig(['dynamic', 'long', 'long'], 'dynamic', arraySlice)]),
  fn('array_reverse', [sig(['dynamic'], 'dynamic', (a: DynValue) => (Array.isArray(a) ? [...a].reverse() : null))]),
  fn('array_index_of', [
    {
      params: ['dynamic', 'any', 'long', 'long', 'long'], optional: 3, result: 'long',
      makeKernel: ([, t]) => {
        const conv = dynAt(t);
        return (arr: DynValue, v: JsValue, start?: bigint, length?: bigint, occ?: bigint) =>
          arrayIndexOf(arr, conv(v), start, length, occ);
      },
    },
  ], { constantArgs: [4] }),
  fn('set_has_element', [
    {
      params: ['dynamic', 'any'], result: 'bool',
      makeKernel: ([, t]) => {
        const conv = dynAt(t);
        return (arr: DynValue, v: JsValue) => (Array.isArray(arr) ? arr.some((e) => dynLooseEquals(e, conv(v))) : null);
      },
    },
  ]),
  fn('set_union', [{ params: ['dynamic', 'dynamic'], rest: 'dynamic', result: 'dynamic', kernel: setOp('union') }]),
  fn('set_intersect', [{ params: ['dynamic', 'dynamic'], rest: 'dynamic', result: 'dynamic', kernel: setOp('intersect') }]),
  fn('set_difference', [{ params: ['dynamic', 'dynamic'], rest: 'dynamic', result: 'dynamic', kernel: setOp('difference') }]),
  fn('array_sort_asc', arraySortSignatures(false), { constantArgs: [1], check: refuseSeveralArrays('array_sort_asc') }),
  fn('array_sort_desc', arraySortSignatures(true), { constantArgs: [1], check: refuseSeveralArrays('array_sort_desc') }),
  fn('array_sum', [
    sig(['dynamic'], 'real', (a: DynValue) => {
      if (!Array.isArray(a)) return null;
      let s = 0;
      for (const v of a) {
        if (typeof v === 'number') s += v;
        else if (typeof v === 'bigint') s += Number(v);
        else return null;
      }
      return s;
    }),
  ]),
  fn('array_rotate_left', [sig(['dynamic', 'long'], 'dynamic', (a: DynValue, n: bigint) => rotate(a, n, true))]),
  fn('array_rotate_right', [sig(['dynamic', 'long'], 'dynamic', (a: DynValue, n: bigint) => rotate(a, n, false))]),
  fn('array_shift_left', [
    {
      params: ['dynamic', 'long', 'any'], optional: 1, result: 'dynamic',
      makeKernel: (ts) => {
        const conv = ts.length > 2 ? dynAt(ts[2]) : () => null;
        return (a: DynValue, n: bigint, fill?: JsValue) => shift(a, n, true, fill === undefined ? null : conv(fill));
      },
    },
  ]),
  fn('array_shift_right', [
    {
      params: ['dynamic', 'long', 'any'], optional: 1, result: 'dynamic',
      makeKernel: (ts) => {
        const conv = ts.length > 2 ? dynAt(ts[2]) : () => null;
        return (a: DynValue, n: bigint, fill?: JsValue) => shift(a, n, false, fill === undefined ? null : conv(fill));
      },
    },
  ]),
  fn('zip', [
    {
      // Shorter arrays are padded with null.
      params: ['dynamic', 'dynamic'], rest: 'dynamic', result: 'dynamic',
      kernel: (...arrays: DynValue[]) => {
        if (!arrays.every(Array.isArray)) return null;
        const lists = arrays as DynValue[][];
        const n = Math.max(...lists.map((l) => l.length));
        const out: DynValue[] = [];
        for (let i = 0; i < n; i++) out.push(lists.map((l) => (i < l.length ? l[i] : null)));
        return out;
      },
    },
  ], { check: (ts) => (ts.length > MAX_ARGS ? `zip() expects 2 to ${MAX_ARGS} arguments.` : undefined) }),
];
