/**
 * Math and bitwise functions. `floor(x, size)` is `bin` (datetime.ts), not a one-argument floor;
 * `rand` is nondeterministic and not registered. Trigonometric and special functions are in
 * trig.ts.
 */
import { fn } from './define.js';
import { sig, type ScalarFunction } from './signature.js';

/** Rounds half away from zero (.NET MidpointRounding.AwayFromZero). */
function roundHalfAway(x: number): number {
  const r = Math.round(Math.abs(x));
  // Math.round rounds .5 up; for |x| that is what away-from-zero means.
  return x < 0 ? -r : r;
}

/** round(x, digits): negative digits round to tens, hundreds, … (round(-50.55, -2) is -100). */
function roundReal(x: number, digits = 0n): number {
  if (!Number.isFinite(x)) return x;
  if (digits > 15n) return x;
  if (digits >= 0n) {
    // As .NET's Math.Round(x, digits): values this large have no fractional digits to round.
    if (Math.abs(x) >= 1e16) return x;
    const p = 10 ** Number(digits);
    return roundHalfAway(x * p) / p;
  }
  if (digits < -308n) return 0;
  const p = 10 ** Number(-digits);
  return roundHalfAway(x / p) * p;
}

function roundLong(x: bigint, digits = 0n): bigint {
  if (digits >= 0n) return x;
  if (digits < -18n) return 0n;
  const p = 10n ** -digits;
  const q = x / p;
  const r = x - q * p;
  // Half away from zero on the remainder.
  if (2n * (r < 0n ? -r : r) >= p) return (q + (x < 0n ? -1n : 1n)) * p;
  return q * p;
}

export const absLong = (x: bigint): bigint => BigInt.asIntN(64, x < 0n ? -x : x);

/** sign() of a real: -1, 0 or 1 (NaN stays NaN). */
export const signOf = (x: number): number => (Number.isNaN(x) ? NaN : x > 0 ? 1 : x < 0 ? -1 : 0);

export const mathFunctions: readonly ScalarFunction[] = [
  fn('abs', [
    sig(['long'], 'long', absLong),
    sig(['real'], 'real', Math.abs),
    sig(['decimal'], 'decimal', Math.abs),
    sig(['timespan'], 'timespan', absLong),
  ]),
  fn('round', [
    sig(['int', 'long'], 'int', (x: number, d?: bigint) => Number(BigInt.asIntN(32, roundLong(BigInt(x), d))), { optional: 1 }),
    sig(['long', 'long'], 'long', (x: bigint, d?: bigint) => BigInt.asIntN(64, roundLong(x, d)), { optional: 1 }),
    sig(['real', 'long'], 'real', roundReal, { optional: 1 }),
    sig(['decimal', 'long'], 'decimal', roundReal, { optional: 1 }),
  ]),
  fn('ceiling', [
    sig(['int'], 'int', (x: number) => x),
    sig(['long'], 'long', (x: bigint) => x),
    sig(['real'], 'real', Math.ceil),
    sig(['decimal'], 'decimal', Math.ceil),
  ]),
  fn('sqrt', [sig(['real'], 'real', Math.sqrt)]),
  fn('pow', [sig(['real', 'real'], 'real', Math.pow)]),
  fn('exp', [sig(['real'], 'real', Math.exp)]),
  fn('exp2', [sig(['real'], 'real', (x: number) => 2 ** x)]),
  fn('exp10', [sig(['real'], 'real', (x: number) => 10 ** x)]),
  fn('log', [sig(['real'], 'real', Math.log)]),
  fn('log2', [sig(['real'], 'real', Math.log2)]),
  fn('log10', [sig(['real'], 'real', Math.log10)]),
  // sign() returns a real for every numeric input (Microsoft's binder).
  fn('sign', [sig(['real'], 'real', signOf)]),
  fn('pi', [sig([], 'real', () => Math.PI)]),
  fn('binary_and', [sig(['long', 'long'], 'long', (a: bigint, b: bigint) => a & b)]),
  fn('binary_or', [sig(['long', 'long'], 'long', (a: bigint, b: bigint) => a | b)]),
  fn('binary_xor', [sig(['long', 'long'], 'long', (a: bigint, b: bigint) => a ^ b)]),
  fn('binary_not', [sig(['long'], 'long', (a: bigint) => ~a)]),
  // The ones of the 64-bit two's complement form.
  fn('bitset_count_ones', [sig(['long'], 'long', (a: bigint) => BigInt([...BigInt.asUintN(64, a).toString(2)].filter((c) => c === '1').length))]),
];
