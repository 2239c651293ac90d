import type { GetSchema } from '../parser/ast.js';
import { Batch } from '../engine/batch.js';
import { Column } from '../engine/column.js';
import { NotSupportedError } from '../engine/errors.js';
import type { PlanNode } from '../engine/plan.js';
import type { Field, KqlType } from '../engine/types.js';
import { inputOf, type OperatorDef } from './operator.js';

export interface GetSchemaPlan extends PlanNode {
  readonly kind: 'GetSchema';
  /** The input's columns, listed. */
  readonly columns: readonly Field[];
}

/**
 * The .NET type names the engine reports: the docs' StormEvents example and conformance case
 * mv-expand-operator-05 show DateTime, Int32, String, Double and Object; Int64, TimeSpan and Guid are
 * the REST API's names for long, timespan and guid (kql-notes). bool and decimal are left out: bool
 * is System.Boolean in some paths and SByte (its storage) in the Defender API, and getschema's
 * choice is not documented; decimal's full name is not shown anywhere.
 */
const DOTNET_TYPES: Partial<Record<KqlType, string>> = {
  string: 'System.String', int: 'System.Int32', long: 'System.Int64', real: 'System.Double',
  datetime: 'System.DateTime', timespan: 'System.TimeSpan', guid: 'System.Guid', dynamic: 'System.Object',
};

const SCHEMA: readonly Field[] = [
  { name: 'ColumnName', type: 'string' },
  { name: 'ColumnOrdinal', type: 'int' },
  { name: 'DataType', type: 'string' },
  { name: 'ColumnType', type: 'string' },
];

/** `getschema`: one row per input column; the input's rows are never read. */
export const getschema: OperatorDef<GetSchema, GetSchemaPlan> = {
  astKind: 'GetSchema',
  planKind: 'GetSchema',
  bind(node, input) {
    const inPlan = inputOf(input);
    for (const f of inPlan.schema) {
      if (!DOTNET_TYPES[f.type]) {
        throw new NotSupportedError(`getschema of a ${f.type} column ('${f.name}'; the engine's .NET type name for ${f.type} is not documented)`, node.loc);
      }
    }
    return { kind: 'GetSchema', schema: SCHEMA, input: inPlan, columns: inPlan.schema, loc: node.loc };
  },
  *exec(plan) {
    const cols = plan.columns;
    yield new Batch(plan.schema, [
      Column.fromValues('string', cols.map((f) => f.name)),
      Column.fromValues('int', cols.map((_, i) => i)),
      Column.fromValues('string', cols.map((f) => DOTNET_TYPES[f.type]!)),
      Column.fromValues('string', cols.map((f) => f.type)),
    ], cols.length);
  },
  explain: (plan) => `GetSchema ${plan.columns.length} columns`,
};
