import { rewriteExpr, type Expr, type ScanOperator } from '../parser/ast.js';
import { Batch } from '../engine/batch.js';
import { isSerialized } from '../engine/bind.js';
import { Column, type JsValue } from '../engine/column.js';
import { compileExpr, readerOf, type Evaluator } from '../engine/compile-expr.js';
import { NotSupportedError, SemanticError } from '../engine/errors.js';
import { exprText, type BoundExpr } from '../engine/expr.js';
import { conversionCost, convertValue } from '../engine/functions/signature.js';
import type { PlanNode } from '../engine/plan.js';
import { concatBatches, gather } from '../engine/rows.js';
import { parseTypeName, type Field, type KqlType } from '../engine/types.js';
import { inputOf, type OperatorDef } from './operator.js';

interface BoundStep {
  readonly name: string;
  readonly output: boolean;
  /** Bound over ScanStepsPlan.rowSchema. */
  readonly condition: BoundExpr;
  /** Declared column index → its value, converted from `from` to the declared type. */
  readonly assignments: readonly { readonly target: number; readonly expr: BoundExpr; readonly from: KqlType }[];
}

export interface ScanStepsPlan extends PlanNode {
  readonly kind: 'ScanSteps';
  readonly declared: readonly { readonly type: KqlType; readonly value: JsValue }[];
  readonly steps: readonly BoundStep[];
  readonly matchId: boolean;
  /** What steps see: the input row, then each step's record (input and declared columns) in the state. */
  readonly rowSchema: readonly Field[];
}

/** Null, or the empty string (strings are never null). */
const emptyOf = (type: KqlType): JsValue => (type === 'string' ? '' : null);

/** The hidden column of `step.column` in rowSchema; no query can spell it. */
const stateColumn = (step: number, column: string): string => `\u0000${step}.${column}`;

/**
 * `scan` (dx `query/scan-operator.md`, "Scan logic"): each row is tried against the steps from the
 * last to the first. Against step k it matches (1) when step k-1 has a state and the condition
 * holds: that state moves to step k, extended with the row; else (2) when step k has a state or is
 * the first step and the condition holds: the row replaces step k's own record (the first step
 * starts a new sequence, with the next match id). A matched row is output extended with the declared
 * columns: those the step assigns, the others at their default. Refused: `output=last`, and a step
 * other than the first reading its own or a later step's record.
 */
export const scanOperator: OperatorDef<ScanOperator, ScanStepsPlan> = {
  astKind: 'ScanOperator',
  planKind: 'ScanSteps',
  bind(node, input, cx) {
    const inPlan = inputOf(input);
    if (!isSerialized(inPlan)) {
      throw new NotSupportedError("'scan' over rows in no defined order", node.loc, "Put 'sort' or 'serialize' before it.");
    }
    const declaredFields: Field[] = [];
    const declared = node.declarations.map((d) => {
      const type = parseTypeName(d.typeName);
      if (!type) throw new SemanticError(`Unknown type '${d.typeName}'.`, d.loc);
      if ([...inPlan.schema, ...declaredFields].some((f) => f.name === d.name.name)) {
        throw new SemanticError(`The scan column '${d.name.name}' is already a column.`, d.name.loc);
      }
      declaredFields.push({ name: d.name.name, type });
      if (!d.defaultValue) return { type, value: emptyOf(type) };
      const c = cx.constantValue(d.defaultValue, [type]);
      return { type, value: convertValue(c.value, c.type, type) };
    });
    const record = [...inPlan.schema, ...declaredFields];
    const stepNames = node.steps.map((s) => s.name.name);
    stepNames.forEach((n, k) => {
      if (stepNames.indexOf(n) !== k) throw new SemanticError(`The step name '${n}' is used twice.`, node.steps[k].name.loc);
    });
    const rowSchema = [...inPlan.schema, ...stepNames.flatMap((_, j) => record.map((f) => ({ name: stateColumn(j, f.name), type: f.type })))];

    const bindInStep = (e: Expr, k: number): BoundExpr => cx.bindScalar(rewriteExpr(e, (x) => {
      if (x.kind === 'Member' && x.target.kind === 'Name' && stepNames.includes(x.target.name)
        && !inPlan.schema.some((f) => f.name === (x.target as { name: string }).name)) {
        const j = stepNames.indexOf(x.target.name);
        if (k > 0 && j >= k) {
          throw new NotSupportedError(`a scan step reading its own or a later step's values (${x.target.name}.${x.name} in step ${stepNames[k]})`, x.loc);
        }
        if (!record.some((f) => f.name === x.name)) throw new SemanticError(`The step '${x.target.name}' has no column '${x.name}'.`, x.loc);
        return { kind: 'Name', name: stateColumn(j, x.name), loc: x.loc };
      }
      if (x.kind === 'Name' && declaredFields.some((f) => f.name === x.name)) {
        throw new NotSupportedError(`a scan column without its step name ('${x.name}'; write Step.${x.name})`, x.loc);
      }
      return undefined;
    }), rowSchema);

    const steps = node.steps.map((s, k): BoundStep => {
      if (s.output !== undefined && s.output !== 'all' && s.output !== 'none') {
        if (s.output === 'last') throw new NotSupportedError(`the scan step option output=last`, s.loc);
        throw new SemanticError(`output must be all, last or none, not '${s.output}'.`, s.loc);
      }
      const condition = bindInStep(s.condition, k);
      if (condition.type !== 'bool') throw new SemanticError(`The condition of a scan step must be a bool, not a ${condition.type}.`, s.condition.loc);
      const assignments = s.assignments.map((a) => {
        const target = declaredFields.findIndex((f) => f.name === a.name?.name);
        if (target < 0) throw new SemanticError(`A scan step assigns only declared columns.`, a.loc);
        const expr = bindInStep(a.expr, k);
        const type = declaredFields[target].type;
        if (expr.type !== type && conversionCost(expr.type, type) === undefined) {
          throw new SemanticError(`The scan column '${declaredFields[target].name}' is a ${type}, not a ${expr.type}.`, a.expr.loc);
        }
        return { target, expr, from: expr.type };
      });
      return { name: s.name.name, output: s.output !== 'none', condition, assignments };
    });
    const schema = [...record, ...(node.matchId ? [{ name: node.matchId.name, type: 'long' as const }] : [])];
    return { kind: 'ScanSteps', schema, input: inPlan, declared, steps, matchId: !!node.matchId, rowSchema, loc: node.loc };
  },
  *exec(plan, input, ex) {
    const inSchema = plan.input!.schema;
    const rows = concatBatches(inSchema, [...input]);
    const width = inSchema.length + plan.declared.length;
    // The record of a step with no state: nulls (empty strings), declared columns at their default.
    const blank: JsValue[] = [...inSchema.map((f) => emptyOf(f.type)), ...plan.declared.map((d) => d.value)];
    const compiled = plan.steps.map((s) => ({
      condition: compileExpr(s.condition, ex),
      assignments: s.assignments.map((a) => ({ ...a, run: compileExpr(a.expr, ex) })),
    }));
    /** Per step: its state (the records of steps 0..k) and its match id, or undefined when empty. */
    const states: ({ records: JsValue[][]; id: number } | undefined)[] = plan.steps.map(() => undefined);
    let lastId = -1;
    const out = { rows: [] as number[], declared: [] as JsValue[][], ids: [] as number[] };

    const rowBatch = (i: number, records: readonly JsValue[][]): Batch => {
      const own = rows.take(Int32Array.of(i)).columns;
      const state = plan.steps.flatMap((_, j) => {
        const rec = records[j] ?? blank;
        return rec.map((v, c) => Column.fromValues(plan.rowSchema[inSchema.length + j * width + c].type, [v]));
      });
      return new Batch(plan.rowSchema, [...own, ...state], 1);
    };
    const value = (run: Evaluator, batch: Batch): JsValue => readerOf(run(batch))(0);

    for (let i = 0; i < rows.length; i++) {
      const inputValues = rows.columns.map((c) => c.reader()(i));
      for (let k = plan.steps.length - 1; k >= 0; k--) {
        const step = compiled[k];
        const previous = k > 0 ? states[k - 1] : undefined;
        const current = states[k];
        // The state the step reads, the records its new state keeps before the row's, and the match id.
        let seen: Batch;
        let kept: JsValue[][];
        let id: number;
        if (previous && value(step.condition, (seen = rowBatch(i, previous.records))) === true) {
          kept = previous.records;
          id = previous.id;
          states[k - 1] = undefined;
        } else if ((current || k === 0) && value(step.condition, (seen = rowBatch(i, current?.records ?? []))) === true) {
          kept = k === 0 ? [] : current!.records.slice(0, k);
          id = k === 0 ? ++lastId : current!.id;
        } else {
          continue;
        }
        const ext = plan.declared.map((d) => d.value);
        for (const a of step.assignments) ext[a.target] = convertValue(value(a.run, seen), a.from, plan.declared[a.target].type);
        states[k] = { records: [...kept, [...inputValues, ...ext]], id };
        if (plan.steps[k].output) {
          out.rows.push(i);
          out.declared.push(ext);
          out.ids.push(id);
        }
      }
    }
    if (out.rows.length === 0) return;
    const picked = Int32Array.from(out.rows);
    const columns = [
      ...rows.columns.map((c) => gather(c, picked)),
      ...plan.declared.map((d, k) => Column.fromValues(d.type, out.declared.map((ext) => ext[k]))),
      ...(plan.matchId ? [Column.fromValues('long', out.ids.map((n) => BigInt(n)))] : []),
    ];
    yield new Batch(plan.schema, columns, picked.length);
  },
  explain: (plan) => `Scan ${plan.steps.map((s) => `${s.name}: ${exprText(s.condition)}`).join('; ')}`,
};
