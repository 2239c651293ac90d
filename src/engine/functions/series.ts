/**
 * Series functions over numeric dynamic arrays: element-wise arithmetic and comparison
 * (series_add, series_subtract, series_multiply, series_divide, series_pow, series_greater,
 * series_greater_equals, series_less, series_less_equals, series_equals, series_not_equals),
 * element-wise math (series_abs, series_acos, series_asin, series_atan, series_cos, series_sin,
 * series_tan, series_ceiling, series_floor, series_exp, series_log, series_sign), reductions
 * (series_dot_product, series_magnitude, series_cosine_similarity, series_pearson_correlation),
 * filling (series_fill_forward, series_fill_backward, series_fill_linear) and series_iir.
 *
 * Documented rules: a non-numeric element, or an element missing because the other array is
 * shorter, gives a null element; integer arithmetic stays long (series_add shows [5,4,5]) except
 * series_divide, which is always real.
 */
import type { JsValue } from '../column.js';
import type { DynValue } from '../dynamic.js';
import { NotSupportedError } from '../errors.js';
import { toDynValue } from './conversion.js';
import { fn } from './define.js';
import { absLong, signOf } from './math.js';
import { sig, type ParamType, type ScalarFunction, type Signature } from './signature.js';

type Num = number | bigint;

function isNum(v: DynValue | undefined): v is Num {
  return typeof v === 'number' || typeof v === 'bigint';
}

/** The numbers of an array, non-numeric elements as null; null when the value is not an array. */
function numbers(a: DynValue): (number | null)[] | null {
  return Array.isArray(a) ? a.map((v) => (isNum(v) ? Number(v) : null)) : null;
}

// ---------------------------------------------------------------------------------------------
// Element-wise

function elementWise(op: (x: Num, y: Num) => DynValue) {
  return (a: DynValue, b: DynValue): DynValue => {
    if (!Array.isArray(a) || !Array.isArray(b)) return null;
    const n = Math.max(a.length, b.length);
    const out: DynValue[] = new Array(n);
    for (let i = 0; i < n; i++) {
      const x = a[i];
      const y = b[i];
      out[i] = isNum(x) && isNum(y) ? op(x, y) : null;
    }
    return out;
  };
}

/** Long arithmetic when both elements are longs (wrapping as Kusto's long does), real otherwise. */
function arithmetic(long: (x: bigint, y: bigint) => bigint, real: (x: number, y: number) => number) {
  return elementWise((x, y) =>
    typeof x === 'bigint' && typeof y === 'bigint' ? BigInt.asIntN(64, long(x, y)) : real(Number(x), Number(y)));
}

function comparison(test: (x: number, y: number) => boolean) {
  return elementWise((x, y) => test(Number(x), Number(y)));
}

function unary(op: (x: number) => number, keepLong?: (x: bigint) => bigint) {
  return (a: DynValue): DynValue => {
    if (!Array.isArray(a)) return null;
    return a.map((v) => (typeof v === 'bigint' && keepLong ? keepLong(v) : isNum(v) ? op(Number(v)) : null));
  };
}

// ---------------------------------------------------------------------------------------------
// Reductions

/** Pairs of numbers over the shorter length, skipping pairs with a non-numeric element (documented for dot products). */
function pairs(a: DynValue, b: DynValue): [number[], number[]] | null {
  if (!Array.isArray(a) || !Array.isArray(b)) return null;
  const xs: number[] = [];
  const ys: number[] = [];
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const x = a[i];
    const y = b[i];
    if (isNum(x) && isNum(y)) {
      xs.push(Number(x));
      ys.push(Number(y));
    }
  }
  return [xs, ys];
}

/** series_dot_product: a numeric scalar on either side is broadcast to the other's length (documented). */
function dotProduct(a: DynValue, b: DynValue): number | null {
  if (!Array.isArray(a) && isNum(a) && Array.isArray(b)) a = b.map(() => a);
  if (!Array.isArray(b) && isNum(b) && Array.isArray(a)) b = a.map(() => b);
  if (!Array.isArray(a) || !Array.isArray(b) || a.length === 0 || b.length === 0) return null;
  const p = pairs(a, b)!;
  let s = 0;
  for (let i = 0; i < p[0].length; i++) s += p[0][i] * p[1][i];
  return s;
}

function cosineSimilarity(a: DynValue, b: DynValue): number | null {
  const ab = dotProduct(a, b);
  const aa = dotProduct(a, a);
  const bb = dotProduct(b, b);
  return ab === null || aa === null || bb === null ? null : ab / (Math.sqrt(aa) * Math.sqrt(bb));
}

function pearson(a: DynValue, b: DynValue): number | null {
  const p = pairs(a, b);
  if (!p || p[0].length === 0) return null;
  const [xs, ys] = p;
  const n = xs.length;
  const mx = xs.reduce((s, v) => s + v, 0) / n;
  const my = ys.reduce((s, v) => s + v, 0) / n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    sxy += (xs[i] - mx) * (ys[i] - my);
    sxx += (xs[i] - mx) ** 2;
    syy += (ys[i] - my) ** 2;
  }
  return sxy / Math.sqrt(sxx * syy);
}

// ---------------------------------------------------------------------------------------------
// Filling

/** Whether an element is missing: null by default, else equal to the placeholder. */
function missingTest(placeholder: DynValue | undefined): (v: DynValue) => boolean {
  if (placeholder === undefined || placeholder === null) return (v) => v === null;
  return (v) => isNum(v) && isNum(placeholder) && Number(v) === Number(placeholder);
}

function fill(backward: boolean) {
  return (a: DynValue, placeholder?: DynValue): DynValue => {
    if (!Array.isArray(a)) return null;
    const missing = missingTest(placeholder);
    const out = [...a];
    let last: DynValue | undefined;
    for (let k = 0; k < out.length; k++) {
      const i = backward ? out.length - 1 - k : k;
      if (!missing(out[i])) last = out[i];
      else if (last !== undefined) out[i] = last;
    }
    return out;
  };
}

/**
 * series_fill_linear: missing elements between two values are interpolated; the edges take the
 * nearest value when fillEdges (default true); an array with no values is all `constant`
 * (default 0). When every value is a long the documentation says interpolated values are
 * "rounded", yet its example truncates (73.5 → 73, 32.67 → 32); whether a negative value goes
 * toward zero or down is not shown, so a negative fraction is refused.
 */
function fillLinear(a: DynValue, placeholder?: DynValue, fillEdges?: DynValue, constant?: DynValue): DynValue {
  if (!Array.isArray(a)) return null;
  const missing = missingTest(placeholder);
  const known = a.flatMap((v, i) => (missing(v) ? [] : [i]));
  if (known.length === 0) return a.map(() => constant ?? 0n);
  const allLong = known.every((i) => typeof a[i] === 'bigint');
  const out = [...a];
  const at = (i: number) => Number(a[i]);
  for (let k = 0; k + 1 < known.length; k++) {
    const [i, j] = [known[k], known[k + 1]];
    for (let m = i + 1; m < j; m++) {
      const v = at(i) + ((at(j) - at(i)) * (m - i)) / (j - i);
      if (allLong && v < 0 && !Number.isInteger(v)) {
        throw new NotSupportedError(`series_fill_linear() interpolating a negative fraction (${v}) between longs`);
      }
      out[m] = allLong ? BigInt(Math.trunc(v)) : v;
    }
  }
  if (fillEdges ?? true) {
    for (let m = 0; m < known[0]; m++) out[m] = a[known[0]];
    for (let m = known[known.length - 1] + 1; m < out.length; m++) out[m] = a[known[known.length - 1]];
  }
  return out;
}

/**
 * series_iir(x, b, a): y[n] = (Σ b[i]·x[n−i] − Σ_{j≥1} a[j]·y[n−j]) / a[0]. The documentation
 * says a[0] must not be 0 and gives no result for a non-numeric element, so both are refused.
 */
function iir(x: DynValue, num: DynValue, den: DynValue): DynValue {
  const xs = numbers(x);
  const b = numbers(num);
  const a = numbers(den);
  if (!xs || !b || !a) return null;
  if ([xs, b, a].some((l) => l.includes(null))) throw new NotSupportedError('series_iir() of a non-numeric element');
  if (!a[0]) throw new NotSupportedError('series_iir() with a first denominator of 0 or none');
  const [xv, bv, av] = [xs, b, a] as number[][];
  const y: number[] = [];
  for (let n = 0; n < xv.length; n++) {
    let s = 0;
    for (let i = 0; i < bv.length && i <= n; i++) s += bv[i] * xv[n - i];
    for (let j = 1; j < av.length && j <= n; j++) s -= av[j] * y[n - j];
    y.push(s / av[0]);
  }
  return y;
}

// ---------------------------------------------------------------------------------------------

function binary(name: string, kernel: (a: DynValue, b: DynValue) => DynValue): ScalarFunction {
  return fn(name, [{ params: ['any', 'any'], result: 'dynamic', kernel }], {
    // A scalar in place of a series is documented for series_dot_product only.
    check: (ts) => (ts.every((t) => t === 'dynamic') ? undefined : `Not supported: ${name}() of a non-dynamic argument.`),
  });
}

/** series_fill_*(series, placeholder, …): the placeholder may be a typed null, so nulls reach the kernel. */
function fillSignature(params: readonly ParamType[], optional: number, kernel: (...args: DynValue[]) => DynValue): Signature {
  return {
    params: ['dynamic', 'any', ...params], optional, result: 'dynamic', nulls: 'handle',
    makeKernel: (ts) => (...args: JsValue[]) => kernel(...args.map((v, i) => toDynValue(v, ts[i]))),
  };
}

const u = (name: string, op: (x: number) => number, keepLong?: (x: bigint) => bigint): ScalarFunction =>
  fn(name, [sig(['dynamic'], 'dynamic', unary(op, keepLong))]);

const id = (x: bigint): bigint => x;

/** An element outside the function's domain: null, NaN or ±∞ in the engine is not documented. */
function inDomain(name: string, ok: (x: number) => boolean, op: (x: number) => number): (x: number) => number {
  return (x) => {
    if (!ok(x)) throw new NotSupportedError(`${name}() of an element outside its domain (${x})`);
    return op(x);
  };
}

export const seriesFunctions: readonly ScalarFunction[] = [
  binary('series_add', arithmetic((x, y) => x + y, (x, y) => x + y)),
  binary('series_subtract', arithmetic((x, y) => x - y, (x, y) => x - y)),
  binary('series_multiply', arithmetic((x, y) => x * y, (x, y) => x * y)),
  // Documented: "Division by zero follows the double division by zero (e.g. 2/0 yields double(+inf))".
  binary('series_divide', elementWise((x, y) => Number(x) / Number(y))),
  binary('series_pow', elementWise((x, y) => Number(x) ** Number(y))),
  binary('series_greater', comparison((x, y) => x > y)),
  binary('series_greater_equals', comparison((x, y) => x >= y)),
  binary('series_less', comparison((x, y) => x < y)),
  binary('series_less_equals', comparison((x, y) => x <= y)),
  binary('series_equals', comparison((x, y) => x === y)),
  binary('series_not_equals', comparison((x, y) => x !== y)),
  u('series_abs', Math.abs, absLong),
  u('series_acos', inDomain('series_acos', (x) => Math.abs(x) <= 1, Math.acos)),
  u('series_asin', inDomain('series_asin', (x) => Math.abs(x) <= 1, Math.asin)),
  u('series_atan', Math.atan),
  u('series_cos', Math.cos),
  u('series_sin', Math.sin),
  u('series_tan', Math.tan),
  u('series_ceiling', Math.ceil, id),
  u('series_floor', Math.floor, id),
  u('series_exp', Math.exp),
  u('series_log', inDomain('series_log', (x) => x > 0, Math.log)),
  u('series_sign', signOf),
  fn('series_dot_product', [
    sig(['dynamic', 'dynamic'], 'real', dotProduct),
    sig(['dynamic', 'real'], 'real', dotProduct),
    sig(['real', 'dynamic'], 'real', dotProduct),
  ]),
  fn('series_magnitude', [sig(['dynamic'], 'real', (a: DynValue) => {
    const d = dotProduct(a, a);
    return d === null ? null : Math.sqrt(d);
  })]),
  fn('series_cosine_similarity', [sig(['dynamic', 'dynamic'], 'real', cosineSimilarity)]),
  fn('series_pearson_correlation', [sig(['dynamic', 'dynamic'], 'real', pearson)]),
  fn('series_fill_forward', [fillSignature([], 1, fill(false))]),
  fn('series_fill_backward', [fillSignature([], 1, fill(true))]),
  fn('series_fill_linear', [fillSignature(['bool', 'any'], 3, fillLinear)]),
  fn('series_iir', [sig(['dynamic', 'dynamic', 'dynamic'], 'dynamic', iir)]),
];
