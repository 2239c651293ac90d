/**
 * KQL `dynamic` values in JS, and their canonical JSON text.
 *
 * Reals and longs must stay apart (Kusto prints `[4.0, 0.0]` for reals and `[111, 36]` for longs),
 * so a long is a bigint and a real is a number. Property bags are Maps, which keep the insertion
 * order that functions such as parse_url produce. Datetimes and timespans inside dynamic values
 * are held as their string form, as Kusto serializes them.
 */
export type DynValue = null | boolean | number | bigint | string | DynValue[] | DynBag;
export type DynBag = Map<string, DynValue>;

export function isBag(v: DynValue): v is DynBag {
  return v instanceof Map;
}

/** A real as Kusto writes it in JSON: integral values keep `.0`; NaN and infinities as bare words. */
export function formatReal(x: number): string {
  if (Number.isNaN(x)) return 'NaN';
  if (x === Infinity) return 'Infinity';
  if (x === -Infinity) return '-Infinity';
  if (Number.isInteger(x) && Math.abs(x) < 1e21) return x.toFixed(1);
  return String(x);
}

/** Canonical compact JSON text of a dynamic value (used as its storage key and for output). */
export function dynToJson(v: DynValue): string {
  if (v === null) return 'null';
  switch (typeof v) {
    case 'boolean':
      return v ? 'true' : 'false';
    case 'number':
      return formatReal(v);
    case 'bigint':
      return v.toString();
    case 'string':
      return JSON.stringify(v);
  }
  if (Array.isArray(v)) return '[' + v.map(dynToJson).join(',') + ']';
  const parts: string[] = [];
  for (const [k, x] of v) parts.push(JSON.stringify(k) + ':' + dynToJson(x));
  return '{' + parts.join(',') + '}';
}

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

/**
 * Parses JSON text into a dynamic value: integers become longs (bigint) when they fit in 64 bits,
 * other numbers reals. Also accepts the bare words NaN, Infinity and -Infinity that Kusto writes.
 * Returns undefined when the text is not valid JSON.
 */
export function parseDynJson(text: string): DynValue | undefined {
  const p = new JsonParser(text);
  try {
    p.ws();
    const v = p.value();
    p.ws();
    return p.pos === text.length ? v : undefined;
  } catch (e) {
    if (e === JSON_FAIL) return undefined;
    throw e;
  }
}

const JSON_FAIL = Symbol('json');

class JsonParser {
  pos = 0;
  constructor(private readonly s: string) {}

  ws(): void {
    const s = this.s;
    while (this.pos < s.length) {
      const c = s.charCodeAt(this.pos);
      if (c === 32 || c === 9 || c === 10 || c === 13) this.pos++;
      else break;
    }
  }

  value(): DynValue {
    const s = this.s;
    const c = s[this.pos];
    if (c === '{') return this.object();
    if (c === '[') return this.array();
    if (c === '"') return this.string();
    if (s.startsWith('true', this.pos)) return this.word('true', true);
    if (s.startsWith('false', this.pos)) return this.word('false', false);
    if (s.startsWith('null', this.pos)) return this.word('null', null);
    if (s.startsWith('NaN', this.pos)) return this.word('NaN', NaN);
    if (s.startsWith('Infinity', this.pos)) return this.word('Infinity', Infinity);
    if (s.startsWith('-Infinity', this.pos)) return this.word('-Infinity', -Infinity);
    return this.number();
  }

  word<T extends DynValue>(w: string, v: T): T {
    this.pos += w.length;
    return v;
  }

  object(): DynBag {
    const bag: DynBag = new Map();
    this.pos++;
    this.ws();
    if (this.s[this.pos] === '}') {
      this.pos++;
      return bag;
    }
    for (;;) {
      this.ws();
      if (this.s[this.pos] !== '"') throw JSON_FAIL;
      const k = this.string();
      this.ws();
      if (this.s[this.pos++] !== ':') throw JSON_FAIL;
      this.ws();
      bag.set(k, this.value());
      this.ws();
      const c = this.s[this.pos++];
      if (c === '}') return bag;
      if (c !== ',') throw JSON_FAIL;
    }
  }

  array(): DynValue[] {
    const arr: DynValue[] = [];
    this.pos++;
    this.ws();
    if (this.s[this.pos] === ']') {
      this.pos++;
      return arr;
    }
    for (;;) {
      this.ws();
      arr.push(this.value());
      this.ws();
      const c = this.s[this.pos++];
      if (c === ']') return arr;
      if (c !== ',') throw JSON_FAIL;
    }
  }

  string(): string {
    // Find the closing quote honouring escapes, then let JSON.parse decode the escapes.
    const start = this.pos;
    let i = start + 1;
    const s = this.s;
    for (;;) {
      if (i >= s.length) throw JSON_FAIL;
      const c = s.charCodeAt(i);
      if (c === 34) break;
      if (c === 92) i++;
      else if (c < 32) throw JSON_FAIL;
      i++;
    }
    this.pos = i + 1;
    const raw = s.slice(start, i + 1);
    if (raw.indexOf('\\') < 0) return raw.slice(1, -1);
    try {
      return JSON.parse(raw) as string;
    } catch {
      throw JSON_FAIL;
    }
  }

  number(): number | bigint {
    const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(this.s.slice(this.pos, this.pos + 400));
    if (!m) throw JSON_FAIL;
    this.pos += m[0].length;
    if (m[2] === undefined && m[3] === undefined) {
      const b = BigInt(m[0]);
      if (b >= INT64_MIN && b <= INT64_MAX) return b;
    }
    return Number(m[0]);
  }
}

/** Converts a parser literal (plain objects for bags) into a dynamic value. */
export function dynFromLiteral(v: unknown): DynValue {
  if (v === null || typeof v !== 'object') return v as DynValue;
  if (Array.isArray(v)) return v.map(dynFromLiteral);
  const bag: DynBag = new Map();
  for (const [k, x] of Object.entries(v as Record<string, unknown>)) bag.set(k, dynFromLiteral(x));
  return bag;
}

/** Deep equality of dynamic values; bags compare regardless of key order. */
export function dynEquals(a: DynValue, b: DynValue): boolean {
  if (a === b) return true;
  if (typeof a === 'number' && typeof b === 'number') return Number.isNaN(a) && Number.isNaN(b);
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((x, i) => dynEquals(x, b[i]));
  }
  if (isBag(a) && isBag(b)) {
    if (a.size !== b.size) return false;
    for (const [k, x] of a) if (!b.has(k) || !dynEquals(x, b.get(k)!)) return false;
    return true;
  }
  return false;
}
