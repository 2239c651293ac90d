/**
 * Signatures and kernels of the binary operators of the AST (all but `and`/`or`).
 *
 * - Arithmetic (kql-notes §6.4, §7): int/long → long with 64-bit wrap-around; any real → real;
 *   integer `/` truncates and `x / 0` is null; `%` is never negative and `x % 0` is null for
 *   integers; datetime/timespan combinations as documented.
 * - Comparisons (§11): `==`/`=~` with exactly one null → false, `!=`/`!~` → true, both null →
 *   null; ordering with a null → null. Numbers compare by value across int/long/real; `bool ==
 *   number` compares the bool as 0/1 (§8). A dynamic operand is converted to the other side's type
 *   (tostring for strings, toreal for numbers, …); two dynamics cannot be compared.
 * - String operators take string (or dynamic, converted with tostring rules) operands.
 */
import type { JsValue } from '../column.js';
import type { DynValue } from '../dynamic.js';
import type { KqlType } from '../types.js';
import { MAX_DATETIME_TICKS } from '../types.js';
import { dynToString, parseBoolText, toBoolValue, toRealValue } from './conversion.js';
import { parseKqlDatetime } from './datetime-parse.js';
import { sig, type Kernel, type Signature } from './signature.js';
import {
  containsText, endsWithText, equalsIgnoreCase, hasPrefix, hasSuffix, hasTerm, matchesRegex, startsWithText,
} from './strings.js';

const wrap = (x: bigint): bigint => BigInt.asIntN(64, x);
const inRange = (t: bigint): bigint | null => (t < 0n || t > MAX_DATETIME_TICKS ? null : t);

/** Rounds half to even (.NET Math.Round), used when a timespan is scaled by a real. */
function roundHalfEven(x: number): number {
  const r = Math.round(x);
  return Math.abs(x % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

function scaleTicks(ticks: bigint, factor: number): bigint | null {
  const x = roundHalfEven(Number(ticks) * factor);
  return Number.isFinite(x) && Math.abs(x) < 9.2e18 ? BigInt(x) : null;
}

function modLong(a: bigint, b: bigint): bigint | null {
  if (b === 0n) return null;
  const m = b < 0n ? -b : b;
  const r = a % m;
  return r < 0n ? r + m : r;
}

function modReal(a: number, b: number): number {
  const m = Math.abs(b);
  const r = a % m;
  return r < 0 ? r + m : r;
}

// ---------------------------------------------------------------------------------------------
// Arithmetic

const arithmetic: Record<string, Signature[]> = {
  '+': [
    sig(['long', 'long'], 'long', (a: bigint, b: bigint) => wrap(a + b)),
    sig(['real', 'real'], 'real', (a: number, b: number) => a + b),
    sig(['decimal', 'decimal'], 'decimal', (a: number, b: number) => a + b),
    sig(['datetime', 'timespan'], 'datetime', (a: bigint, b: bigint) => inRange(a + b)),
    sig(['timespan', 'datetime'], 'datetime', (a: bigint, b: bigint) => inRange(a + b)),
    sig(['timespan', 'timespan'], 'timespan', (a: bigint, b: bigint) => wrap(a + b)),
  ],
  '-': [
    sig(['long', 'long'], 'long', (a: bigint, b: bigint) => wrap(a - b)),
    sig(['real', 'real'], 'real', (a: number, b: number) => a - b),
    sig(['decimal', 'decimal'], 'decimal', (a: number, b: number) => a - b),
    sig(['datetime', 'datetime'], 'timespan', (a: bigint, b: bigint) => a - b),
    sig(['datetime', 'timespan'], 'datetime', (a: bigint, b: bigint) => inRange(a - b)),
    sig(['timespan', 'timespan'], 'timespan', (a: bigint, b: bigint) => wrap(a - b)),
  ],
  '*': [
    sig(['long', 'long'], 'long', (a: bigint, b: bigint) => wrap(a * b)),
    sig(['real', 'real'], 'real', (a: number, b: number) => a * b),
    sig(['decimal', 'decimal'], 'decimal', (a: number, b: number) => a * b),
    sig(['timespan', 'long'], 'timespan', (a: bigint, b: bigint) => wrap(a * b)),
    sig(['long', 'timespan'], 'timespan', (a: bigint, b: bigint) => wrap(a * b)),
    sig(['timespan', 'real'], 'timespan', scaleTicks),
    sig(['real', 'timespan'], 'timespan', (a: number, b: bigint) => scaleTicks(b, a)),
  ],
  '/': [
    // Integer division truncates toward zero (BigInt `/` does); by zero it is null.
    sig(['long', 'long'], 'long', (a: bigint, b: bigint) => (b === 0n ? null : wrap(a / b))),
    // Reals follow IEEE: 1.0/0 is +∞, 0.0/0 is NaN.
    sig(['real', 'real'], 'real', (a: number, b: number) => a / b),
    sig(['decimal', 'decimal'], 'decimal', (a: number, b: number) => (b === 0 ? null : a / b)),
    sig(['timespan', 'timespan'], 'real', (a: bigint, b: bigint) => Number(a) / Number(b)),
    sig(['timespan', 'real'], 'timespan', (a: bigint, b: number) => (b === 0 ? null : scaleTicks(a, 1 / b))),
  ],
  '%': [
    sig(['long', 'long'], 'long', modLong),
    sig(['real', 'real'], 'real', modReal),
    sig(['decimal', 'decimal'], 'decimal', (a: number, b: number) => (b === 0 ? null : modReal(a, b))),
  ],
};

// ---------------------------------------------------------------------------------------------
// Comparisons

type Cmp = (a: never, b: never) => number;

const cmpPrimitive = (a: number | bigint | string | boolean, b: number | bigint | string | boolean): number =>
  (a < b ? -1 : a > b ? 1 : a === b ? 0 : NaN);

/** Exact comparison of a long with a real (no rounding of the long); NaN when unordered. */
export function compareNumbers(a: number | bigint, b: number | bigint): number {
  if (typeof a === typeof b) return cmpPrimitive(a, b);
  const [l, r, sign] = typeof a === 'bigint' ? [a, b as number, 1] : [b as bigint, a as number, -1];
  if (Number.isNaN(r)) return NaN;
  if (r === Infinity) return -sign;
  if (r === -Infinity) return sign;
  const fl = Math.floor(r);
  const bl = BigInt(fl);
  if (l < bl) return -sign;
  if (l > bl) return sign;
  return r > fl ? -sign : 0;
}

type Relation = '==' | '!=' | '<' | '<=' | '>' | '>=';

function relationKernel(rel: Relation, cmp: (a: JsValue, b: JsValue) => number): Kernel {
  switch (rel) {
    case '==':
      return (a: JsValue, b: JsValue) => (a === null || b === null ? (a === null && b === null ? null : false) : cmp(a, b) === 0);
    case '!=':
      return (a: JsValue, b: JsValue) => (a === null || b === null ? (a === null && b === null ? null : true) : cmp(a, b) !== 0);
    case '<':
      return (a: JsValue, b: JsValue) => (a === null || b === null ? null : cmp(a, b) < 0);
    case '<=':
      return (a: JsValue, b: JsValue) => (a === null || b === null ? null : cmp(a, b) <= 0);
    case '>':
      return (a: JsValue, b: JsValue) => (a === null || b === null ? null : cmp(a, b) > 0);
    case '>=':
      return (a: JsValue, b: JsValue) => (a === null || b === null ? null : cmp(a, b) >= 0);
  }
}

/** Applies per-side conversions before comparing (a dynamic side becomes the other side's type). */
function converted(
  rel: Relation, cmp: (a: JsValue, b: JsValue) => number,
  left: (v: JsValue) => JsValue, right: (v: JsValue) => JsValue,
): Kernel {
  const k = relationKernel(rel, cmp);
  return (a: JsValue, b: JsValue) => k(left(a), right(b));
}

const same = (v: JsValue): JsValue => v;
const boolAsNumber = (v: JsValue): JsValue => (v === null ? null : v ? 1 : 0);
const dynAsReal = (v: JsValue): JsValue => toRealValue(v, 'dynamic');
const dynAsString = (v: JsValue): JsValue => dynToString(v as DynValue);
const dynAsBool = (v: JsValue): JsValue => toBoolValue(v, 'dynamic');
const stringAsBool = (v: JsValue): JsValue => parseBoolText(v as string);
const dynAsDatetime = (v: JsValue): JsValue => (typeof v === 'string' ? parseKqlDatetime(v) ?? null : null);

const numCmp = compareNumbers as (a: JsValue, b: JsValue) => number;
const primCmp = cmpPrimitive as Cmp as (a: JsValue, b: JsValue) => number;

function comparisonSignatures(rel: Relation): Signature[] {
  const h = { nulls: 'handle' as const };
  const s = (params: [KqlType, KqlType], kernel: Kernel): Signature => sig(params, 'bool', kernel, h);
  const out: Signature[] = [
    s(['long', 'long'], relationKernel(rel, primCmp)),
    s(['real', 'real'], relationKernel(rel, primCmp)),
    s(['decimal', 'decimal'], relationKernel(rel, primCmp)),
    // Exact long/real comparison, so a long beyond 2^53 is not rounded first.
    s(['long', 'real'], relationKernel(rel, numCmp)),
    s(['real', 'long'], relationKernel(rel, numCmp)),
    s(['datetime', 'datetime'], relationKernel(rel, primCmp)),
    s(['timespan', 'timespan'], relationKernel(rel, primCmp)),
    // Strings compare ordinally (UTF-16 code units, as .NET's ordinal comparison).
    s(['string', 'string'], relationKernel(rel, primCmp)),
    s(['bool', 'bool'], relationKernel(rel, primCmp)),
    // The lower-case hex text orders guids as .NET's Guid.CompareTo does.
    s(['guid', 'guid'], relationKernel(rel, primCmp)),
    // bool vs number (§8): the bool counts as 0 or 1, so `b == 1` is true exactly when b is true.
    s(['bool', 'long'], converted(rel, numCmp, boolAsNumber, same)),
    s(['long', 'bool'], converted(rel, numCmp, same, boolAsNumber)),
    s(['bool', 'real'], converted(rel, numCmp, boolAsNumber, same)),
    s(['real', 'bool'], converted(rel, numCmp, same, boolAsNumber)),
    // A dynamic operand takes the other side's type.
    s(['dynamic', 'long'], converted(rel, numCmp, dynAsReal, same)),
    s(['long', 'dynamic'], converted(rel, numCmp, same, dynAsReal)),
    s(['dynamic', 'real'], converted(rel, numCmp, dynAsReal, same)),
    s(['real', 'dynamic'], converted(rel, numCmp, same, dynAsReal)),
    s(['dynamic', 'datetime'], converted(rel, primCmp, dynAsDatetime, same)),
    s(['datetime', 'dynamic'], converted(rel, primCmp, same, dynAsDatetime)),
    s(['dynamic', 'bool'], converted(rel, primCmp, dynAsBool, same)),
    s(['bool', 'dynamic'], converted(rel, primCmp, same, dynAsBool)),
  ];
  if (rel === '==' || rel === '!=') {
    // Only equality converts a dynamic to text; ordering a dynamic against a string is an error.
    out.push(
      s(['dynamic', 'string'], converted(rel, primCmp, dynAsString, same)),
      s(['string', 'dynamic'], converted(rel, primCmp, same, dynAsString)),
      // bool vs string (`IsClickedThrough != "0"`, in Microsoft's own hunting queries): the text
      // is read as a bool ("0", "1", "true", "false"); text that is no bool compares as null.
      // An inference (kql-notes §8 leaves it open), documented in the README.
      s(['bool', 'string'], converted(rel, primCmp, same, stringAsBool)),
      s(['string', 'bool'], converted(rel, primCmp, stringAsBool, same)),
    );
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// String operators

type StringTest = (l: string, r: string) => boolean;

/** Signatures of one string operator; a dynamic operand is read as its tostring text. */
function stringOperator(test: StringTest, negate: boolean, dynamicRight: boolean): Signature[] {
  const k = negate ? (l: string, r: string) => !test(l, r) : test;
  const h = { nulls: 'handle' as const };
  const out: Signature[] = [
    sig(['string', 'string'], 'bool', k, h),
    sig(['dynamic', 'string'], 'bool', (l: DynValue, r: string) => k(dynToString(l), r), h),
  ];
  if (dynamicRight) {
    out.push(
      sig(['string', 'dynamic'], 'bool', (l: string, r: DynValue) => k(l, dynToString(r)), h),
      sig(['dynamic', 'dynamic'], 'bool', (l: DynValue, r: DynValue) => k(dynToString(l), dynToString(r)), h),
    );
  }
  return out;
}

const STRING_TESTS: Record<string, { test: StringTest; dynamicRight: boolean }> = {
  // The term operators require a string right operand (engine: `k has s` with dynamic s is refused).
  has: { test: (l, r) => hasTerm(l, r, false), dynamicRight: false },
  has_cs: { test: (l, r) => hasTerm(l, r, true), dynamicRight: false },
  hasprefix: { test: (l, r) => hasPrefix(l, r, false), dynamicRight: false },
  hasprefix_cs: { test: (l, r) => hasPrefix(l, r, true), dynamicRight: false },
  hassuffix: { test: (l, r) => hasSuffix(l, r, false), dynamicRight: false },
  hassuffix_cs: { test: (l, r) => hasSuffix(l, r, true), dynamicRight: false },
  contains: { test: (l, r) => containsText(l, r, false), dynamicRight: true },
  contains_cs: { test: (l, r) => containsText(l, r, true), dynamicRight: true },
  startswith: { test: (l, r) => startsWithText(l, r, false), dynamicRight: true },
  startswith_cs: { test: (l, r) => startsWithText(l, r, true), dynamicRight: true },
  endswith: { test: (l, r) => endsWithText(l, r, false), dynamicRight: true },
  endswith_cs: { test: (l, r) => endsWithText(l, r, true), dynamicRight: true },
};

// ---------------------------------------------------------------------------------------------
// The table

const TABLE = new Map<string, readonly Signature[]>();

for (const [op, sigs] of Object.entries(arithmetic)) TABLE.set(op, sigs);
for (const rel of ['==', '!=', '<', '<=', '>', '>='] as const) TABLE.set(rel, comparisonSignatures(rel));
TABLE.set('<>', TABLE.get('!=')!);
TABLE.set('=~', stringOperator(equalsIgnoreCase, false, true));
TABLE.set('!~', stringOperator(equalsIgnoreCase, true, true));
for (const [name, { test, dynamicRight }] of Object.entries(STRING_TESTS)) {
  TABLE.set(name, stringOperator(test, false, dynamicRight));
  TABLE.set('!' + name, stringOperator(test, true, dynamicRight));
}
TABLE.set('matches regex', stringOperator(matchesRegex, false, false));

/** Signatures of a binary operator (`and`/`or` are the compiler's); empty for an unknown operator. */
export function binaryOperatorSignatures(op: string): readonly Signature[] {
  return TABLE.get(op) ?? [];
}

/** Every operator spelling with signatures (tests, diagnostics). */
export function binaryOperators(): readonly string[] {
  return [...TABLE.keys()];
}
