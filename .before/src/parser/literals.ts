/**
 * Values of literal tokens, decoded from their spelling only. Every function takes the token's text
 * and start offset, so that an invalid literal is reported at its exact place.
 */
import { KqlSyntaxError } from '../engine/errors.js';
import { span, type LiteralType, type Span } from './ast.js';
import { TIMESPAN_UNITS } from './tokens.js';

export interface DecodedLiteral {
  readonly type: LiteralType;
  readonly value: boolean | number | bigint | string | null;
}

const NANOS_PER_TICK = 100n;
const LONG_MIN = -(2n ** 63n);
const LONG_MAX = 2n ** 63n - 1n;

function invalid(what: string, text: string, start: number): KqlSyntaxError {
  return new KqlSyntaxError(`Invalid ${what} literal '${text}'.`, span(start, start + text.length));
}

// ---------------------------------------------------------------------------------------------
// Strings

const ESCAPES: Readonly<Record<string, string>> = { '"': '"', "'": "'", '\\': '\\', n: '\n', t: '\t', r: '\r' };

/** `"a\n"`, `'a'`, verbatim `@"C:\dir"` (a doubled quote is one quote), with an optional `h`/`H` prefix. */
export function decodeString(text: string, start: number): string {
  const prefix = /^[hH]/.test(text) ? 1 : 0;
  const body = text.slice(prefix);
  if (body.startsWith('@')) {
    const quote = body[1]!;
    return body.slice(2, -1).replaceAll(quote + quote, quote);
  }
  const inner = body.slice(1, -1);
  let out = '';
  for (let i = 0; i < inner.length; i++) {
    const char = inner[i]!;
    if (char !== '\\') {
      out += char;
      continue;
    }
    const next = inner[i + 1]!; // the lexer never ends a string on a lone backslash
    const hex = /^u[0-9a-fA-F]{4}/.exec(inner.slice(i + 1));
    if (hex) {
      out += String.fromCharCode(parseInt(hex[0].slice(1), 16));
      i += 5;
    } else if (next in ESCAPES) {
      out += ESCAPES[next];
      i += 1;
    } else {
      const at = start + prefix + 1 + i;
      throw new KqlSyntaxError(`Invalid escape sequence '\\${next}' in string literal.`, span(at, at + 2));
    }
  }
  return out;
}

/** `['a b']` or `["a b"]`: the quoted string inside the brackets, and where it is. */
export function quotedNameString(text: string, start: number): { value: string; loc: Span } {
  const open = text.search(/["']/);
  const close = text.lastIndexOf(text[open]!);
  const quoted = text.slice(open, close + 1);
  return { value: decodeString(quoted, start + open), loc: span(start + open, start + close + 1) };
}

// ---------------------------------------------------------------------------------------------
// Numbers

/** `42`, `0x1F`: long. Hex literals keep their 64 bits, so `0xFFFFFFFFFFFFFFFF` is -1. */
export function decodeLong(text: string, start: number): bigint {
  const value = BigInt(text);
  if (/^0[xX]/.test(text)) {
    if (value > 2n ** 64n - 1n) throw invalid('long', text, start);
    return BigInt.asIntN(64, value);
  }
  if (value > LONG_MAX) throw invalid('long', text, start);
  return value;
}

// ---------------------------------------------------------------------------------------------
// Timespans

/**
 * Ticks of `<digits>[.<digits>]<unit>`, computed exactly on the digits (`0.1s` is 1000000 ticks, not
 * a float's approximation). A remainder below one tick is truncated toward zero, as .NET does.
 */
function ticksOf(number: string, unit: string): bigint | undefined {
  const nanos = TIMESPAN_UNITS.get(unit);
  if (nanos === undefined) return undefined;
  const [whole, fraction = ''] = number.split('.');
  return (BigInt(whole! + fraction) * nanos) / (10n ** BigInt(fraction.length) * NANOS_PER_TICK);
}

/** A timespan token such as `30d`, `1.5h`, `100ms`. */
export function decodeTimespan(text: string, start: number): bigint {
  const [, number, unit] = /^(\d+(?:\.\d+)?)(\D.*)$/.exec(text)!;
  const ticks = ticksOf(number!, unit!);
  if (ticks === undefined) throw invalid('timespan', text, start);
  return ticks;
}

const TICKS_PER_SECOND = 10_000_000n;
const TIMESPAN_NUMBER = /^([+-]?)(\d+(?:\.\d+)?)\s*([a-z]*)$/;
const TIMESPAN_CLOCK = /^([+-]?)(?:(\d+)\.)?(\d+):(\d+)(?::(\d+)(?:\.(\d+))?)?$/;

/**
 * The content of `timespan(...)` / `time(...)`: `15 seconds`, `1h`, `2` (days), `0.12:34:56.7`
 * (`[days.]hh:mm[:ss[.fraction]]`). Undefined when it is none of these.
 */
function timespanContent(content: string): bigint | undefined {
  const number = TIMESPAN_NUMBER.exec(content);
  if (number) {
    const ticks = ticksOf(number[2]!, number[3] || 'd');
    return ticks === undefined ? undefined : number[1] === '-' ? -ticks : ticks;
  }
  const clock = TIMESPAN_CLOCK.exec(content);
  if (!clock) return undefined;
  const [, sign, days = '0', hours, minutes, seconds = '0', fraction = ''] = clock;
  const totalSeconds = ((BigInt(days) * 24n + BigInt(hours!)) * 60n + BigInt(minutes!)) * 60n + BigInt(seconds);
  // Digits past the 7th are below one tick: truncated.
  const ticks = totalSeconds * TICKS_PER_SECOND + BigInt(fraction.slice(0, 7).padEnd(7, '0'));
  return sign === '-' ? -ticks : ticks;
}

// ---------------------------------------------------------------------------------------------
// Typed literals: `int(5)`, `datetime(2015-12-31)`, `guid(null)`, ...

type TypedLiteralType = Exclude<LiteralType, 'string' | 'dynamic'>;

const TYPE_NAMES: Readonly<Record<string, TypedLiteralType>> = {
  bool: 'bool',
  boolean: 'bool',
  int: 'int',
  long: 'long',
  real: 'real',
  double: 'real',
  decimal: 'decimal',
  datetime: 'datetime',
  timespan: 'timespan',
  time: 'timespan',
  guid: 'guid',
};

const INTEGER = /^([+-]?)(0[xX][0-9a-fA-F]+|\d+)$/;
const REAL = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;
const SPECIAL_REALS: Readonly<Record<string, number>> = {
  nan: NaN,
  inf: Infinity,
  '+inf': Infinity,
  '-inf': -Infinity,
};

/** `'x'` or `"x"` → `x`; datetime and guid text may be quoted. */
function unquote(content: string): string {
  return /^(["']).*\1$/s.test(content) ? content.slice(1, -1) : content;
}

/** A TypedLiteral token (`int(5)`, `datetime( 2015-12-31 )`, ...). Any type's content may be `null`. */
export function decodeTypedLiteral(text: string, start: number): DecodedLiteral {
  const [, word, rawContent] = /^(\w+)\s*\(([^]*)\)$/.exec(text)!;
  const type = TYPE_NAMES[word!]!;
  const content = rawContent!.trim();
  if (content === 'null') return { type, value: null };
  const value = typedValue(type, content);
  if (value === undefined) throw invalid(type, text, start);
  return { type, value };
}

function typedValue(type: TypedLiteralType, content: string): DecodedLiteral['value'] | undefined {
  switch (type) {
    case 'bool': {
      const lower = content.toLowerCase();
      return lower === 'true' ? true : lower === 'false' ? false : undefined;
    }
    case 'int': {
      const value = /^[+-]?\d+$/.test(content) ? Number(content) : NaN;
      return Number.isInteger(value) && value >= -(2 ** 31) && value < 2 ** 31 ? value : undefined;
    }
    case 'long': {
      const match = INTEGER.exec(content);
      if (!match) return undefined;
      const value = match[1] === '-' ? -BigInt(match[2]!) : BigInt(match[2]!);
      return value >= LONG_MIN && value <= LONG_MAX ? value : undefined;
    }
    case 'real':
      return SPECIAL_REALS[content.toLowerCase()] ?? (REAL.test(content) ? Number(content) : undefined);
    case 'decimal':
      return REAL.test(content) ? Number(content) : undefined;
    case 'datetime':
    case 'guid':
      return unquote(content);
    case 'timespan':
      return timespanContent(content);
  }
}
