/**
 * The conformance oracle: ../shared/conformance/kusto-docs-cases.json, Kusto documentation
 * examples with the result the real Kusto engine returned for each.
 *
 * The file is read with a small JSON parser of our own that keeps every number's source text, so
 * that Int64 values beyond 2^53 survive and reals written `4.0` stay distinguishable from longs.
 * Each expected value is then decoded by its column's type (see decodeExpected).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { KqlType } from '../../src/engine/types.js';

export const ORACLE_PATH = fileURLToPath(new URL('../../../shared/conformance/kusto-docs-cases.json', import.meta.url));

/** A JSON number with its source text. */
export class JsonNumber {
  constructor(readonly text: string) {}
  get isInteger(): boolean {
    return /^-?\d+$/.test(this.text);
  }
  toNumber(): number {
    return Number(this.text);
  }
}

/** A JSON value as read from the oracle: objects keep their key order as entries. */
export type RawJson = null | boolean | string | JsonNumber | RawJson[] | RawObject;
export class RawObject {
  constructor(readonly entries: [string, RawJson][]) {}
  get(key: string): RawJson | undefined {
    return this.entries.find(([k]) => k === key)?.[1];
  }
}

export interface OracleCase {
  readonly id: string;
  readonly source: string;
  readonly kql: string;
  readonly expected: {
    readonly columns: string[];
    /** .NET type names as the oracle writes them (String, Int64, Object, …). */
    readonly columnTypes: string[];
    /** The KQL type of each column (undefined for a .NET name we do not know). */
    readonly types: (KqlType | undefined)[];
    readonly rows: RawJson[][];
  };
}

/** .NET type names of the oracle → KQL types. */
export const DOTNET_TO_KQL: Readonly<Record<string, KqlType>> = {
  String: 'string',
  Int64: 'long',
  Int32: 'int',
  Double: 'real',
  SByte: 'bool',
  Boolean: 'bool',
  DateTime: 'datetime',
  TimeSpan: 'timespan',
  Guid: 'guid',
  Object: 'dynamic',
  SqlDecimal: 'decimal',
  Decimal: 'decimal',
};

export function loadOracle(path = ORACLE_PATH): OracleCase[] {
  const root = parseJson(readFileSync(path, 'utf8'));
  if (!(root instanceof RawObject)) throw new Error(`${path}: not a JSON object`);
  const cases = root.get('cases');
  if (!Array.isArray(cases)) throw new Error(`${path}: no cases array`);
  return cases.map((c) => {
    if (!(c instanceof RawObject)) throw new Error(`${path}: a case is not an object`);
    const exp = c.get('expected') as RawObject;
    const columnTypes = exp.get('column_types') as string[];
    return {
      id: c.get('id') as string,
      source: c.get('source') as string,
      kql: c.get('kql') as string,
      expected: {
        columns: exp.get('columns') as string[],
        columnTypes,
        types: columnTypes.map((t) => DOTNET_TO_KQL[t]),
        rows: exp.get('rows') as RawJson[][],
      },
    };
  });
}

// ---------------------------------------------------------------------------------------------
// JSON text → RawJson

export function parseJson(text: string): RawJson {
  let pos = 0;
  const fail = (what: string): never => {
    throw new Error(`oracle JSON: ${what} at offset ${pos}`);
  };
  const ws = () => {
    while (pos < text.length && ' \t\r\n'.includes(text[pos])) pos++;
  };
  const value = (): RawJson => {
    ws();
    const c = text[pos];
    if (c === '{') {
      pos++;
      const entries: [string, RawJson][] = [];
      ws();
      if (text[pos] === '}') {
        pos++;
        return new RawObject(entries);
      }
      for (;;) {
        ws();
        if (text[pos] !== '"') fail('expected a key');
        const k = str();
        ws();
        if (text[pos++] !== ':') fail('expected :');
        entries.push([k, value()]);
        ws();
        const d = text[pos++];
        if (d === '}') return new RawObject(entries);
        if (d !== ',') fail('expected , or }');
      }
    }
    if (c === '[') {
      pos++;
      const arr: RawJson[] = [];
      ws();
      if (text[pos] === ']') {
        pos++;
        return arr;
      }
      for (;;) {
        arr.push(value());
        ws();
        const d = text[pos++];
        if (d === ']') return arr;
        if (d !== ',') fail('expected , or ]');
      }
    }
    if (c === '"') return str();
    for (const [w, v] of [['true', true], ['false', false], ['null', null]] as const) {
      if (text.startsWith(w, pos)) {
        pos += w.length;
        return v;
      }
    }
    const m = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
    m.lastIndex = pos;
    const hit = m.exec(text);
    if (!hit) return fail('unexpected character');
    pos += hit[0].length;
    return new JsonNumber(hit[0]);
  };
  const str = (): string => {
    const start = pos;
    pos++;
    while (text[pos] !== '"') {
      if (pos >= text.length) fail('unterminated string');
      if (text[pos] === '\\') pos++;
      pos++;
    }
    pos++;
    return JSON.parse(text.slice(start, pos)) as string;
  };
  const v = value();
  ws();
  if (pos !== text.length) fail('trailing text');
  return v;
}
