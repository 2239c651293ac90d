/**
 * Window functions: their value at a row depends on the rows before or after it in a serialized row set
 * (`sort`, `serialize`, `range`, `top` …). They see the whole row set at once: each gets its arguments as
 * columns (converted to the declared types) and returns one value per row.
 */
import type { JsValue, Reader } from '../column.js';
import { NotSupportedError } from '../errors.js';
import type { Span } from '../../parser/ast.js';
import type { KqlType } from '../types.js';
import type { Signature } from './signature.js';

export interface WindowFunction {
  readonly name: string;
  /** Argument types and result; the kernels are unused (see `run`). */
  readonly signatures: readonly Signature[];
  /** Argument positions that must be constant. */
  readonly constantArgs?: readonly number[];
  /** A further check after resolution; returns an error message. */
  readonly check?: (argTypes: readonly KqlType[]) => string | undefined;
  /** The values of the n rows, from argument readers over the same rows. */
  run(args: readonly Reader[], n: number, loc: Span): JsValue[];
}

const NUMBERS: readonly KqlType[] = ['int', 'long', 'real'];
const shape = (params: Signature['params'], result: Signature['result'], optional = 0): Signature =>
  ({ params, result, optional });

/** Whether the optional `restart` argument (at position `at`) is true at row i. */
function restarts(args: readonly Reader[], at: number, i: number): boolean {
  return args.length > at && args[at](i) === true;
}

/** The rows of a ranking or running sum may not hold null: what Kusto does with them is not documented. */
function nonNull(v: JsValue, name: string, loc: Span): JsValue {
  if (v === null) throw new NotSupportedError(`${name}() over a null value`, loc);
  return v;
}

/** prev() and next(): the value `offset` rows before (-1) or after (+1), or the default. */
function shifted(name: string, direction: -1 | 1): WindowFunction {
  return {
    name,
    signatures: [shape(['any', 'long', 'any'], (t) => t[0], 2)],
    constantArgs: [1],
    check: (t) => {
      // The engine accepts any scalar default; how it converts one of another type is not documented.
      if (t.length === 3 && t[2] !== t[0]) throw new NotSupportedError(`${name}() of a column of type ${t[0]} with a default value of type ${t[2]}`);
      return undefined;
    },
    run(args, n, loc) {
      const [value, offsetArg, fallback] = args;
      const offset = offsetArg ? Number(offsetArg(0) ?? 1n) : 1;
      if (offset < 0) throw new NotSupportedError(`${name}() with a negative offset`, loc);
      const out = new Array<JsValue>(n);
      for (let i = 0; i < n; i++) {
        const j = i + direction * offset;
        out[i] = j >= 0 && j < n ? value(j) : fallback ? fallback(i) : null;
      }
      return out;
    },
  };
}

export const windowFunctions: readonly WindowFunction[] = [
  shifted('prev', -1),
  shifted('next', 1),
  {
    name: 'row_number',
    signatures: [shape(['long', 'bool'], 'long', 2)],
    run(args, n) {
      const out = new Array<JsValue>(n);
      for (let i = 0; i < n; i++) {
        const start = args.length > 0 ? (args[0](i) as bigint | null) ?? 1n : 1n;
        out[i] = i === 0 || restarts(args, 1, i) ? start : (out[i - 1] as bigint) + 1n;
      }
      return out;
    },
  },
  {
    name: 'row_cumsum',
    signatures: NUMBERS.map((t) => shape([t, 'bool'], t, 1)),
    run(args, n, loc) {
      const out = new Array<JsValue>(n);
      for (let i = 0; i < n; i++) {
        const v = nonNull(args[0](i), 'row_cumsum', loc);
        const before = i === 0 || restarts(args, 1, i) ? undefined : out[i - 1];
        out[i] = before === undefined ? v : typeof v === 'bigint' ? (before as bigint) + v : (before as number) + (v as number);
      }
      return out;
    },
  },
  rank('row_rank_dense', (i, runStart, rank) => rank),
  rank('row_rank_min', (i, runStart) => runStart),
  {
    name: 'row_window_session',
    signatures: [shape(['datetime', 'timespan', 'timespan', 'bool'], 'datetime', 1)],
    constantArgs: [1, 2],
    run(args, n) {
      const [value, fromFirst, betweenNeighbors] = args;
      const maxFromFirst = fromFirst(0) as bigint;
      const maxBetween = betweenNeighbors(0) as bigint;
      const out = new Array<JsValue>(n);
      let start: bigint | null = null;
      let previous: bigint | null = null;
      for (let i = 0; i < n; i++) {
        const v = value(i) as bigint | null;
        if (v === null) {
          out[i] = start = previous = null;
          continue;
        }
        const fresh = start === null || previous === null || restarts(args, 3, i) ||
          v >= start + maxFromFirst || v >= previous + maxBetween;
        if (fresh) start = v;
        out[i] = start;
        previous = v;
      }
      return out;
    },
  },
];

/**
 * row_rank_dense and row_rank_min: rows with equal `term` next to each other share a rank; `restart`
 * starts over at 1. `pick` gives the rank from the row's position in its partition (1-based), where its
 * run of equal values starts, and the dense rank.
 */
function rank(name: string, pick: (position: number, runStart: number, dense: number) => number): WindowFunction {
  return {
    name,
    signatures: [shape(['any', 'bool'], 'long', 1)],
    check: (t) => (t[0] === 'dynamic' ? `The term of '${name}' cannot be dynamic.` : undefined),
    run(args, n, loc) {
      const out = new Array<JsValue>(n);
      let position = 0;
      let runStart = 1;
      let dense = 0;
      let last: JsValue = null;
      for (let i = 0; i < n; i++) {
        const v = nonNull(args[0](i), name, loc);
        // Whether NaN equals the NaN before it (a change of term or not) is not documented.
        if (Number.isNaN(v)) throw new NotSupportedError(`${name}() over a NaN value`, loc);
        if (i === 0 || restarts(args, 1, i)) {
          position = 1;
          runStart = 1;
          dense = 1;
        } else {
          position++;
          if (v !== last) {
            runStart = position;
            dense++;
          }
        }
        last = v;
        out[i] = BigInt(pick(position, runStart, dense));
      }
      return out;
    },
  };
}

const byName = new Map(windowFunctions.map((f) => [f.name, f]));

export function lookupWindowFunction(name: string): WindowFunction | undefined {
  return byName.get(name);
}
