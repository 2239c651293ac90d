import type { Parse } from '../parser/ast.js';
import { Batch } from '../engine/batch.js';
import { ColumnBuilder, type JsValue } from '../engine/column.js';
import { compileExpr, readerOf } from '../engine/compile-expr.js';
import { NotSupportedError, SemanticError } from '../engine/errors.js';
import { exprText, type BoundExpr } from '../engine/expr.js';
import { parseLongText, toKqlString } from '../engine/functions/conversion.js';
import { parseKqlDatetime } from '../engine/functions/datetime-parse.js';
import { compileRe2 } from '../engine/functions/regex.js';
import type { PlanNode } from '../engine/plan.js';
import { parseTypeName, type Field, type KqlType } from '../engine/types.js';
import { inputOf, type OperatorDef } from './operator.js';

/**
 * `parse` and `parse-where`. The pattern becomes one regular expression, anchored at both ends, with a
 * capture per column. The documentation leaves open how lazily `*` and columns match, whether a numeric
 * column captures only digits, and whether a pattern starting or ending with text is anchored; so every
 * value is matched under each reading the engine's documented results allow, and a value the readings
 * disagree on is refused rather than guessed.
 */
export interface ParsePlan extends PlanNode {
  readonly kind: 'Parse';
  readonly where: boolean;
  readonly relaxed: boolean;
  readonly source: BoundExpr;
  /** The new columns' types, in order (they follow the input's columns). */
  readonly types: readonly KqlType[];
  /** RE2 patterns of the readings; capture group `pN` is column N. */
  readonly readings: readonly string[];
}

/** Types a column may be parsed into: their text is unambiguous to convert. */
const PARSED_TYPES: ReadonlySet<KqlType> = new Set(['string', 'int', 'long', 'datetime']);

interface Reading {
  /** `*` and (outside regex mode) string and datetime columns: lazy `.*?` or greedy `.*`. */
  readonly lazy: boolean;
  /** Text at the start or end of the pattern must be at the start or end of the value. */
  readonly anchored: boolean;
}

function escapeRe2(text: string): string {
  return text.replace(/[\\^$.|?*+()[\]{}]/g, '\\$&');
}

/**
 * The RE2 pattern of one reading. What the documented results show: int and long columns match digits
 * (in relaxed mode, or else any text, which then reads as null); regex-mode columns match greedily.
 */
function patternOf(node: Parse, types: readonly KqlType[], r: Reading): string {
  const regexMode = node.parseKind === 'regex';
  const any = r.lazy ? '.*?' : '.*';
  let column = 0;
  const pieces = node.parts.map((p) => {
    if (p.kind === 'star') return any;
    if (p.kind === 'text') return regexMode ? `(?:${p.text})` : escapeRe2(p.text);
    const type = types[column];
    const text = regexMode ? '.*' : any;
    const body = type === 'int' || type === 'long' ? (node.parseKind === 'relaxed' ? `-?\\d+|${text}` : '-?\\d+') : text;
    return `(?P<p${column++}>${body})`;
  });
  const first = node.parts[0].kind;
  const last = node.parts[node.parts.length - 1].kind;
  const start = first === 'text' && !r.anchored ? '' : '\\A';
  const end = last === 'text' && !r.anchored ? '' : '\\z';
  const flags = node.flags ? `(?${node.flags})` : '';
  return `${flags}${start}${pieces.join('')}${end}`;
}

function convert(text: string, type: KqlType): JsValue {
  switch (type) {
    case 'string':
      return text;
    case 'long':
      return parseLongText(text);
    case 'int': {
      const v = parseLongText(text);
      return v !== null && v >= -2147483648n && v <= 2147483647n ? Number(v) : null;
    }
    default:
      return parseKqlDatetime(text) ?? null;
  }
}

export const parse: OperatorDef<Parse, ParsePlan> = {
  astKind: 'Parse',
  planKind: 'Parse',
  bind(node, input, cx) {
    const inPlan = inputOf(input);
    const operator = node.where ? 'parse-where' : 'parse';
    const regexMode = node.parseKind === 'regex';
    if (node.flags !== undefined) {
      if (!regexMode) throw new SemanticError(`'flags' of '${operator}' needs kind=regex.`, node.loc);
      const bad = [...node.flags].find((f) => !'ims'.includes(f));
      if (bad === 'U') throw new NotSupportedError(`the regex flag 'U' (ungreedy) of '${operator}'`, node.loc);
      if (bad !== undefined) throw new SemanticError(`Unknown regex flag '${bad}' in '${operator}'.`, node.loc);
    }
    const source = cx.bindScalar(node.source, inPlan.schema);
    const schema: Field[] = [...inPlan.schema];
    const types: KqlType[] = [];
    node.parts.forEach((p, i) => {
      const next = node.parts[i + 1];
      if (p.kind !== 'column') return;
      const type = p.typeName === undefined ? 'string' : parseTypeName(p.typeName);
      if (!type) throw new SemanticError(`Unknown type '${p.typeName}'.`, p.loc);
      if (!PARSED_TYPES.has(type)) throw new NotSupportedError(`'${operator}' into a column of type ${type}`, p.loc);
      if (next?.kind === 'column' || (next?.kind === 'star' && type === 'string')) {
        throw new NotSupportedError(`a '${operator}' column followed by ${next.kind === 'star' ? "'*'" : 'another column'}`, p.loc);
      }
      if (schema.some((f) => f.name === p.name.name)) {
        throw new NotSupportedError(`'${operator}' into the existing column '${p.name.name}'`, p.name.loc);
      }
      schema.push({ name: p.name.name, type });
      types.push(type);
    });
    if (types.length === 0) throw new SemanticError(`The '${operator}' pattern has no column.`, node.loc);
    const relaxed = node.parseKind === 'relaxed';
    const readings: Reading[] = [{ lazy: true, anchored: true }, { lazy: false, anchored: true }, { lazy: true, anchored: false }];
    const patterns = [...new Set(readings.map((r) => patternOf(node, types, r)))];
    for (const p of patterns) {
      try {
        compileRe2(p);
      } catch (e) {
        throw new SemanticError(`The '${operator}' pattern is not a valid regular expression: ${(e as Error).message}`, node.loc);
      }
    }
    return { kind: 'Parse', schema, input: inPlan, where: node.where, relaxed, source, types, readings: patterns, loc: node.loc };
  },
  *exec(plan, input, ex) {
    const source = compileExpr(plan.source, ex);
    const sourceType = plan.source.type;
    const regexes = plan.readings.map((p) => compileRe2(p).re);
    const { types, relaxed } = plan;
    /** The column values, or undefined when the value does not match (strict: or a column does not convert). */
    const read = (re: RegExp, text: string): JsValue[] | undefined => {
      const m = re.exec(text);
      if (!m) return undefined;
      const values = types.map((t, k) => convert(m.groups![`p${k}`], t));
      return !relaxed && values.some((v) => v === null) ? undefined : values;
    };
    const parseText = (text: string): JsValue[] | undefined => {
      const first = read(regexes[0], text);
      for (let k = 1; k < regexes.length; k++) {
        const other = read(regexes[k], text);
        if (other === first || (other && first && other.every((v, i) => v === first[i]))) continue;
        throw new NotSupportedError(
          `'${plan.where ? 'parse-where' : 'parse'}' of ${JSON.stringify(text.length > 80 ? text.slice(0, 80) + '…' : text)}: ` +
          'the pattern matches it in several ways, and which one the engine picks is not documented');
      }
      return first;
    };
    const width = plan.input!.schema.length;
    for (const batch of input) {
      const values = readerOf(source(batch));
      const memo = new Map<string, JsValue[] | undefined>();
      const builders = types.map((t) => new ColumnBuilder(t, batch.length));
      const kept: number[] = [];
      for (let i = 0; i < batch.length; i++) {
        const v = values(i);
        const text = v === null ? '' : sourceType === 'string' ? (v as string) : toKqlString(v, sourceType);
        let parsed = memo.get(text);
        if (parsed === undefined && !memo.has(text)) memo.set(text, (parsed = parseText(text)));
        if (!parsed && plan.where) continue;
        kept.push(i);
        builders.forEach((b, k) => b.append(parsed ? parsed[k] ?? (types[k] === 'string' ? '' : null) : types[k] === 'string' ? '' : null));
      }
      if (kept.length === 0) continue;
      const base = kept.length === batch.length ? batch : batch.take(Int32Array.from(kept));
      yield new Batch(plan.schema, [...base.columns.slice(0, width), ...builders.map((b) => b.finish())], kept.length);
    }
  },
  explain: (plan) =>
    `Parse${plan.where ? 'Where' : ''}${plan.relaxed ? ' relaxed' : ''} ${exprText(plan.source)} → ${plan.schema.slice(plan.input!.schema.length).map((f) => `${f.name}:${f.type}`).join(', ')}`,
};
