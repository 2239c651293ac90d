/**
 * Trigonometric and special functions: sin, cos, tan, cot, asin, acos, atan, atan2, degrees,
 * radians, erf, erfc, gamma, loggamma. Results are the platform's IEEE double functions (V8's
 * fdlibm ports where .NET calls the C runtime; they agree to within an ulp or two, far inside
 * the 1e-9 relative agreement real results are held to); erf, erfc and gamma, which JavaScript
 * lacks, use series, continued fractions and Lanczos' approximation, accurate to about 1e-13.
 */
import { NotSupportedError } from '../errors.js';
import { fn } from './define.js';
import { sig, type ScalarFunction } from './signature.js';

const TWO_OVER_SQRT_PI = 2 / Math.sqrt(Math.PI);

/** erf by its Maclaurin series (for |x| < 2, where the terms stay small). */
function erfSeries(x: number): number {
  let term = x;
  let sum = x;
  const x2 = x * x;
  for (let n = 1; n < 200; n++) {
    term *= -x2 / n;
    const t = term / (2 * n + 1);
    sum += t;
    if (Math.abs(t) < 1e-17 * Math.abs(sum)) break;
  }
  return TWO_OVER_SQRT_PI * sum;
}

/** erfc for x ≥ 2 by its continued fraction (modified Lentz). */
function erfcFraction(x: number): number {
  // erfc(x) = exp(-x²)/√π · 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + 2/(x + …)))))
  const tiny = 1e-300;
  let f = x;
  let c = x;
  let d = 0;
  for (let k = 1; k < 500; k++) {
    const a = k / 2;
    d = x + a * d;
    d = d === 0 ? tiny : d;
    c = x + a / c;
    c = c === 0 ? tiny : c;
    d = 1 / d;
    const delta = c * d;
    f *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return Math.exp(-x * x) / Math.sqrt(Math.PI) / f;
}

export function erf(x: number): number {
  if (Number.isNaN(x)) return NaN;
  if (Math.abs(x) < 2) return erfSeries(x);
  const r = 1 - erfcFraction(Math.abs(x));
  return x < 0 ? -r : r;
}

export function erfc(x: number): number {
  if (Number.isNaN(x)) return NaN;
  if (x >= 2) return erfcFraction(x);
  if (x <= -2) return 2 - erfcFraction(-x);
  return 1 - erfSeries(x);
}

// Lanczos approximation, g = 7, n = 9.
const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
  12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];

/** sin(πx), reduced to |x| ≤ ½ first so that near whole x it keeps its relative accuracy. */
function sinPi(x: number): number {
  const r = x - 2 * Math.round(x / 2); // in [-1, 1], exact
  if (r > 0.5) return Math.sin(Math.PI * (1 - r));
  if (r < -0.5) return -Math.sin(Math.PI * (1 + r));
  return Math.sin(Math.PI * r);
}

/** Gamma has poles at 0, -1, -2, …: what the engine returns there is not documented. */
function refusePole(name: string, x: number): void {
  if (Number.isInteger(x) && x <= 0) throw new NotSupportedError(`${name}() of ${x} (a pole of the gamma function)`);
}

export function gamma(x: number): number {
  refusePole('gamma', x);
  if (Number.isInteger(x) && x > 0 && x < 171) {
    // Exact factorials for whole numbers.
    let r = 1;
    for (let k = 2; k < x; k++) r *= k;
    return r;
  }
  if (x < 0.5) return Math.PI / (sinPi(x) * gamma(1 - x));
  const y = x - 1;
  let a = LANCZOS[0];
  const t = y + 7.5;
  for (let i = 1; i < 9; i++) a += LANCZOS[i] / (y + i);
  // t^(y+½) in two halves, so that large x does not overflow before exp(-t) scales it down.
  const half = t ** ((y + 0.5) / 2);
  return Math.sqrt(2 * Math.PI) * half * Math.exp(-t) * half * a;
}

function logGamma(x: number): number {
  refusePole('loggamma', x);
  // Whole numbers through their exact factorials (log Γ(1) = log Γ(2) = 0 exactly).
  if (Number.isInteger(x) && x < 171) return Math.log(gamma(x));
  const r = lanczosLogGamma(x);
  // Lanczos' log Γ is good to ~1e-15 absolute, so near its zeros (x ≈ 1, 2) not to 1e-9 relative.
  if (Math.abs(r) < 1e-5) throw new NotSupportedError(`loggamma() of ${x} (too close to a zero of log Γ to be exact)`);
  return r;
}

function lanczosLogGamma(x: number): number {
  if (x < 0.5) return Math.log(Math.abs(Math.PI / sinPi(x))) - lanczosLogGamma(1 - x);
  const y = x - 1;
  let a = LANCZOS[0];
  const t = y + 7.5;
  for (let i = 1; i < 9; i++) a += LANCZOS[i] / (y + i);
  return 0.5 * Math.log(2 * Math.PI) + (y + 0.5) * Math.log(t) - t + Math.log(a);
}

const real1 = (name: string, f: (x: number) => number | null): ScalarFunction => fn(name, [sig(['real'], 'real', f)]);

export const trigFunctions: readonly ScalarFunction[] = [
  real1('sin', Math.sin),
  real1('cos', Math.cos),
  real1('tan', Math.tan),
  real1('cot', (x) => 1 / Math.tan(x)),
  // Documented: "null if x < -1 or x > 1".
  real1('asin', (x) => (Math.abs(x) > 1 ? null : Math.asin(x))),
  real1('acos', (x) => (Math.abs(x) > 1 ? null : Math.acos(x))),
  real1('atan', Math.atan),
  fn('atan2', [sig(['real', 'real'], 'real', Math.atan2)]),
  real1('degrees', (x) => (180 / Math.PI) * x),
  real1('radians', (x) => (Math.PI / 180) * x),
  real1('erf', erf),
  real1('erfc', erfc),
  real1('gamma', gamma),
  real1('loggamma', logGamma),
];
