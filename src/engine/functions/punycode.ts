/**
 * Punycode (RFC 3492) without IDNA mapping: punycode_from_string, punycode_to_string,
 * punycode_domain_from_string, punycode_domain_to_string. Case and spaces are kept as written
 * (documented examples: `Lê Lợi` → `xn--L Li-gpa4517b`). Text that does not decode gives "".
 */
import { NotSupportedError } from '../errors.js';
import { fn } from './define.js';
import { sig, type ScalarFunction } from './signature.js';

const BASE = 36;
const T_MIN = 1;
const T_MAX = 26;
const SKEW = 38;
const DAMP = 700;
const INITIAL_BIAS = 72;
const INITIAL_N = 128;

/** RFC 3492 §6.1. */
function adapt(delta: number, points: number, first: boolean): number {
  delta = first ? Math.floor(delta / DAMP) : delta >> 1;
  delta += Math.floor(delta / points);
  let k = 0;
  while (delta > ((BASE - T_MIN) * T_MAX) >> 1) {
    delta = Math.floor(delta / (BASE - T_MIN));
    k += BASE;
  }
  return k + Math.floor(((BASE - T_MIN + 1) * delta) / (delta + SKEW));
}

const digitChar = (d: number): string => String.fromCharCode(d < 26 ? 97 + d : 22 + d); // a–z, 0–9

function digitValue(c: number): number {
  if (c >= 48 && c <= 57) return c - 22;
  if (c >= 65 && c <= 90) return c - 65;
  if (c >= 97 && c <= 122) return c - 97;
  return BASE;
}

const threshold = (k: number, bias: number): number => (k <= bias ? T_MIN : k >= bias + T_MAX ? T_MAX : k - bias);

/** RFC 3492 §6.3. */
export function punycodeEncode(input: string): string {
  const cps = [...input].map((c) => c.codePointAt(0)!);
  let out = cps.filter((c) => c < 0x80).map((c) => String.fromCodePoint(c)).join('');
  const basic = out.length;
  let handled = basic;
  if (basic > 0) out += '-';
  let n = INITIAL_N;
  let delta = 0;
  let bias = INITIAL_BIAS;
  while (handled < cps.length) {
    const m = Math.min(...cps.filter((c) => c >= n));
    delta += (m - n) * (handled + 1);
    n = m;
    for (const c of cps) {
      if (c < n) delta++;
      if (c !== n) continue;
      let q = delta;
      for (let k = BASE; ; k += BASE) {
        const t = threshold(k, bias);
        if (q < t) break;
        out += digitChar(t + ((q - t) % (BASE - t)));
        q = Math.floor((q - t) / (BASE - t));
      }
      out += digitChar(q);
      bias = adapt(delta, handled + 1, handled === basic);
      delta = 0;
      handled++;
    }
    delta++;
    n++;
  }
  return out;
}

/** RFC 3492 §6.2; null when the input is not valid Punycode. */
export function punycodeDecode(input: string): string | null {
  const dash = input.lastIndexOf('-');
  const out: number[] = [];
  for (let j = 0; j < Math.max(dash, 0); j++) {
    const c = input.charCodeAt(j);
    if (c >= 0x80) return null;
    out.push(c);
  }
  let n = INITIAL_N;
  let i = 0;
  let bias = INITIAL_BIAS;
  for (let pos = dash >= 0 ? dash + 1 : 0; pos < input.length;) {
    const oldI = i;
    let w = 1;
    for (let k = BASE; ; k += BASE) {
      if (pos >= input.length) return null;
      const digit = digitValue(input.charCodeAt(pos++));
      if (digit >= BASE) return null;
      i += digit * w;
      const t = threshold(k, bias);
      if (digit < t) break;
      w *= BASE - t;
      if (!Number.isSafeInteger(i) || !Number.isSafeInteger(w)) return null;
    }
    bias = adapt(i - oldI, out.length + 1, oldI === 0);
    n += Math.floor(i / (out.length + 1));
    i %= out.length + 1;
    if (n > 0x10ffff || (n >= 0xd800 && n <= 0xdfff)) return null;
    out.splice(i, 0, n);
    i++;
  }
  return String.fromCodePoint(...out);
}

/** IDNA label separators: full stop, ideographic full stop, fullwidth and halfwidth full stops. */
const LABEL_SEPARATOR = /[.\u3002\uff0e\uff61]/;
const ACE_PREFIX = 'xn--';

function domainToPunycode(domain: string): string {
  return domain.split(LABEL_SEPARATOR)
    .map((label) => (isAscii(label) ? label : ACE_PREFIX + punycodeEncode(label)))
    .join('.');
}

const isAscii = (s: string): boolean => /^[\0-\x7f]*$/.test(s);

/**
 * Text that does not decode gives "" (documented). What IDNA decoding makes of text that is not ASCII,
 * or of an `xn--` label that decodes to nothing or to ASCII only (IDNA calls both invalid), is not
 * documented, so those are refused.
 */
function domainFromPunycode(domain: string): string {
  if (!isAscii(domain)) throw new NotSupportedError('punycode_domain_from_string() of text that is not ASCII');
  const labels: string[] = [];
  for (const label of domain.split('.')) {
    if (!label.toLowerCase().startsWith(ACE_PREFIX)) labels.push(label);
    else {
      const decoded = punycodeDecode(label.slice(ACE_PREFIX.length));
      if (decoded === null) return '';
      if (isAscii(decoded)) throw new NotSupportedError(`punycode_domain_from_string() of the label '${label}', which decodes to ASCII only`);
      labels.push(decoded);
    }
  }
  return labels.join('.');
}

export const punycodeFunctions: readonly ScalarFunction[] = [
  fn('punycode_from_string', [sig(['string'], 'string', punycodeEncode)]),
  fn('punycode_to_string', [sig(['string'], 'string', (s: string) => punycodeDecode(s) ?? '')]),
  fn('punycode_domain_to_string', [sig(['string'], 'string', domainToPunycode)]),
  fn('punycode_domain_from_string', [sig(['string'], 'string', domainFromPunycode)]),
];
