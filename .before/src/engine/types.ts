/**
 * KQL scalar types and how each is held in JS and in Arrow.
 *
 * | KQL type  | JS value in row kernels            | Arrow storage                    |
 * |-----------|------------------------------------|----------------------------------|
 * | bool      | boolean                            | Bool                             |
 * | int       | number (int32)                     | Int32                            |
 * | long      | bigint                             | Int64                            |
 * | real      | number                             | Float64                          |
 * | decimal   | number                             | Float64                          |
 * | datetime  | bigint: ticks (100 ns) since 0001-01-01T00:00:00Z | Int64             |
 * | timespan  | bigint: ticks                      | Int64                            |
 * | guid      | string (lower case)                | Dictionary<Utf8, Int32>          |
 * | string    | string, never null ("" instead)    | Dictionary<Utf8, Int32>          |
 * | dynamic   | DynValue (see dynamic.ts)          | Dictionary<Utf8, Int32> of canonical JSON text |
 *
 * Every type but string has a null, written as JS `null`.
 */
export type KqlType =
  | 'bool'
  | 'int'
  | 'long'
  | 'real'
  | 'decimal'
  | 'datetime'
  | 'timespan'
  | 'guid'
  | 'string'
  | 'dynamic';

export const KQL_TYPES: readonly KqlType[] = [
  'bool', 'int', 'long', 'real', 'decimal', 'datetime', 'timespan', 'guid', 'string', 'dynamic',
];

/** Type names accepted in schemas and `typeof()`/`T:(col:type)` declarations, with their aliases. */
const TYPE_ALIASES: Record<string, KqlType> = {
  bool: 'bool', boolean: 'bool',
  int: 'int', int32: 'int',
  long: 'long', int64: 'long',
  real: 'real', double: 'real', float: 'real',
  decimal: 'decimal',
  datetime: 'datetime', date: 'datetime',
  timespan: 'timespan', time: 'timespan',
  guid: 'guid', uniqueid: 'guid',
  string: 'string',
  dynamic: 'dynamic',
};

export function parseTypeName(name: string): KqlType | undefined {
  return TYPE_ALIASES[name.toLowerCase()];
}

export function isNumeric(t: KqlType): boolean {
  return t === 'int' || t === 'long' || t === 'real' || t === 'decimal';
}

/** Ticks are 100 ns units; datetimes count them from 0001-01-01T00:00:00Z as .NET does. */
export const TICKS_PER_MS = 10_000n;
export const TICKS_PER_SECOND = 10_000_000n;
export const TICKS_PER_MINUTE = 60n * TICKS_PER_SECOND;
export const TICKS_PER_HOUR = 60n * TICKS_PER_MINUTE;
export const TICKS_PER_DAY = 24n * TICKS_PER_HOUR;
/** Ticks from 0001-01-01 to 1970-01-01. */
export const UNIX_EPOCH_TICKS = 621_355_968_000_000_000n;
/** Valid datetime range: 0001-01-01 .. 9999-12-31T23:59:59.9999999. */
export const MIN_DATETIME_TICKS = 0n;
export const MAX_DATETIME_TICKS = 3_155_378_975_999_999_999n;

export interface Field {
  readonly name: string;
  readonly type: KqlType;
}
