import type { Evaluate, Expr } from '../parser/ast.js';
import { Batch } from '../engine/batch.js';
import { Column, type JsValue } from '../engine/column.js';
import { dynToJson, isBag, type DynValue } from '../engine/dynamic.js';
import { InternalError, NotSupportedError, RuntimeError, SchemaFromDataError, SemanticError } from '../engine/errors.js';
import type { BindContext, PlanNode } from '../engine/plan.js';
import type { Field, KqlType } from '../engine/types.js';

export interface BagUnpackPlan extends PlanNode {
  readonly kind: 'Evaluate';
  readonly plugin: 'bag_unpack';
  /** The input position of the unpacked column. */
  readonly column: number;
  /** Per output column: an input column, or the bag slot it holds. */
  readonly sources: readonly ({ readonly input: number } | { readonly slot: string })[];
}

/** The optional arguments after the column, positional or by name. */
const OPTIONS = ['OutputColumnPrefix', 'columnsConflict', 'ignoredProperties'] as const;
const CONFLICTS = ['error', 'replace_source', 'keep_source'];

/** The column type of a slot value; null has none the docs name. */
function slotType(v: DynValue, slot: string, loc: Evaluate['loc']): KqlType {
  if (v === null) throw new NotSupportedError(`bag_unpack of the slot '${slot}' holding null (the column type the engine gives it is not documented)`, loc);
  switch (typeof v) {
    case 'bigint':
      return 'long';
    case 'number':
      return 'real';
    case 'string':
      return 'string';
    case 'boolean':
      return 'bool';
    default:
      return 'dynamic';
  }
}

/**
 * `evaluate bag_unpack(Column [, OutputColumnPrefix] [, columnsConflict] [, ignoredProperties])`
 * (dx `query/bag-unpack-plugin.md`): the input's columns less Column, then one column per slot of
 * the bags, sorted by name (conformance bag-unpack-plugin-05), typed as its values when they share
 * a type, else dynamic. The slots are known only from the data: binding throws SchemaFromDataError
 * until they have been learned by running the input.
 */
export function bindBagUnpack(node: Evaluate, input: PlanNode, cx: BindContext): BagUnpackPlan {
  const positional = node.args.filter((a) => a.name === undefined).map((a) => a.value);
  if (positional.length < 1 || positional.length > 4) {
    throw new SemanticError(`The plugin 'bag_unpack' takes 1 to 4 arguments, not ${positional.length}.`, node.loc);
  }
  const options = new Map<string, Expr>(positional.slice(1).map((v, i) => [OPTIONS[i], v]));
  for (const a of node.args) {
    if (a.name === undefined) continue;
    if (!(OPTIONS as readonly string[]).includes(a.name)) throw new NotSupportedError(`the argument '${a.name}' of the plugin 'bag_unpack'`, a.value.loc);
    if (options.has(a.name)) throw new SemanticError(`The argument '${a.name}' of 'bag_unpack' is given twice.`, a.value.loc);
    options.set(a.name, a.value);
  }
  const target = positional[0];
  const column = target.kind === 'Name' ? input.schema.findIndex((f) => f.name === target.name) : -1;
  if (column < 0 || input.schema[column].type !== 'dynamic') {
    throw new SemanticError(`The first argument of 'bag_unpack' must be a dynamic column of its input.`, target.loc);
  }
  const text = (name: string, fallback: string): string => {
    const e = options.get(name);
    return e ? String(cx.constantValue(e, ['string']).value) : fallback;
  };
  const prefix = text('OutputColumnPrefix', '');
  const conflict = text('columnsConflict', 'error');
  if (!CONFLICTS.includes(conflict)) {
    throw new SemanticError(`columnsConflict must be one of ${CONFLICTS.join(', ')}, not '${conflict}'.`, options.get('columnsConflict')!.loc);
  }
  const ignoredArg = options.get('ignoredProperties');
  const ignoredValue = ignoredArg ? cx.constantValue(ignoredArg, ['dynamic']).value : null;
  if (ignoredValue !== null && !(Array.isArray(ignoredValue) && ignoredValue.every((x) => typeof x === 'string'))) {
    throw new SemanticError(`ignoredProperties must be a dynamic array of property names.`, ignoredArg!.loc);
  }
  const ignored = new Set(ignoredValue as string[] | null);
  const kept = input.schema.filter((_, i) => i !== column);

  const learned = cx.learnedSchema(node.loc);
  if (!learned) {
    throw new SchemaFromDataError(`'bag_unpack'`, node.loc, input, (rows) => {
      const types = new Map<string, Set<KqlType>>();
      for (const batch of rows) {
        const read = batch.columns[column].reader();
        for (let i = 0; i < batch.length; i++) {
          const bag = read(i) as DynValue;
          if (bag === null) continue;
          if (!isBag(bag)) throw new NotSupportedError(`bag_unpack of a value that is not a property bag (${dynToJson(bag)})`, node.loc);
          for (const [slot, v] of bag) {
            if (ignored.has(slot)) continue;
            const seen = types.get(slot) ?? types.set(slot, new Set()).get(slot)!;
            seen.add(slotType(v, slot, node.loc));
          }
        }
      }
      const slots = [...types.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
      // Whether the engine sorts by code unit or ignoring case is not known: only orders both agree on are used.
      const folded = [...slots].sort((a, b) => a.toLowerCase().localeCompare(b.toLowerCase(), 'en'));
      if (folded.some((s, i) => s !== slots[i])) {
        throw new NotSupportedError(`bag_unpack of slots whose order depends on letter case (${slots.join(', ')})`, node.loc);
      }
      const fields: Field[] = [...kept];
      for (const slot of slots) {
        const name = prefix + slot;
        if (kept.some((f) => f.name === name)) {
          if (conflict === 'keep_source') continue;
          if (conflict === 'replace_source') {
            throw new NotSupportedError(`bag_unpack with columnsConflict='replace_source' (where the replacing column goes is not documented)`, node.loc);
          }
          throw new RuntimeError(`bag_unpack: the slot '${slot}' would be a second column '${name}'; see columnsConflict.`, node.loc);
        }
        const seen = types.get(slot)!;
        fields.push({ name, type: seen.size === 1 ? [...seen][0] : 'dynamic' });
      }
      return fields;
    });
  }
  if (kept.some((f, i) => learned[i]?.name !== f.name || learned[i].type !== f.type)) {
    throw new InternalError('bag_unpack: the learned columns do not start with the input columns', node.loc);
  }
  const sources = learned.map((f, i) =>
    i < kept.length ? { input: i < column ? i : i + 1 } : { slot: f.name.slice(prefix.length) });
  return { kind: 'Evaluate', plugin: 'bag_unpack', schema: learned, input, column, sources, loc: node.loc };
}

/** A slot's value as its column's type; a missing slot is null (an empty string in a string column). */
function slotValue(v: DynValue | undefined, type: KqlType): JsValue {
  if (v === undefined || v === null) return type === 'string' ? '' : null;
  if (type === 'dynamic' || slotType(v, '', { start: 0, end: 0 }) === type) return v;
  throw new InternalError(`bag_unpack: a ${type} slot holds ${dynToJson(v)}`);
}

export function* bagUnpack(plan: BagUnpackPlan, input: Iterable<Batch>): Iterable<Batch> {
  for (const batch of input) {
    const read = batch.columns[plan.column].reader();
    const bags = Array.from({ length: batch.length }, (_, i) => read(i) as DynValue);
    const columns = plan.sources.map((s, k) => {
      if ('input' in s) return batch.columns[s.input];
      const type = plan.schema[k].type;
      return Column.fromValues(type, bags.map((b) => slotValue(b !== null && isBag(b) ? b.get(s.slot) : undefined, type)));
    });
    yield new Batch(plan.schema, columns, batch.length);
  }
}
