import type { Expr, Render } from '../parser/ast.js';
import { SemanticError } from '../engine/errors.js';
import type { BindContext, PlanNode, Visualization } from '../engine/plan.js';
import { didYouMean } from '../engine/schema.js';
import { inputOf, type OperatorDef } from './operator.js';

const VISUALIZATIONS = [
  'anomalychart', 'areachart', 'barchart', 'card', 'columnchart', 'ladderchart', 'linechart', 'piechart',
  'pivotchart', 'scatterchart', 'stackedareachart', 'table', 'timechart', 'timepivot', 'treemap',
];

/** Properties whose value is a list of column names. */
const LIST_PROPERTIES = new Set(['ycolumns', 'series', 'anomalycolumns']);
/** Properties whose value is one word (a column name or a keyword such as `stacked`, `log`, `hidden`). */
const WORD_PROPERTIES = new Set(['xcolumn', 'ysplit', 'kind', 'legend', 'xaxis', 'yaxis']);
const VALUE_PROPERTIES = new Set(['title', 'xtitle', 'ytitle', 'ymin', 'ymax', 'accumulate']);

export interface RenderPlan extends PlanNode {
  readonly kind: 'Render';
  readonly visualization: Visualization;
}

function wordOf(e: Expr, cx: BindContext): string {
  if (e.kind === 'Name') return e.name;
  const v = cx.constantValue(e);
  return String(v.value);
}

/** `render`: attaches chart metadata to the result; the rows pass through unchanged. */
export const render: OperatorDef<Render, RenderPlan> = {
  astKind: 'Render',
  planKind: 'Render',
  bind(node, input, cx) {
    const inPlan = inputOf(input);
    if (!VISUALIZATIONS.includes(node.visualization)) {
      throw new SemanticError(`Unknown visualization '${node.visualization}'.${didYouMean(node.visualization, VISUALIZATIONS)}`, node.loc);
    }
    const properties: Record<string, string | number | boolean | readonly string[]> = {};
    for (const p of node.properties) {
      const name = p.name.toLowerCase();
      if (LIST_PROPERTIES.has(name)) properties[name] = p.values.map((v) => wordOf(v, cx));
      else if (WORD_PROPERTIES.has(name)) properties[name] = wordOf(p.values[0], cx);
      else if (VALUE_PROPERTIES.has(name)) {
        const v = cx.constantValue(p.values[0]).value;
        properties[name] = typeof v === 'bigint' ? Number(v) : (v as string | number | boolean);
      } else {
        const known = [...LIST_PROPERTIES, ...WORD_PROPERTIES, ...VALUE_PROPERTIES];
        throw new SemanticError(`Unknown render property '${p.name}'.${didYouMean(p.name, known)}`, p.loc);
      }
    }
    return {
      kind: 'Render', schema: inPlan.schema, input: inPlan,
      visualization: { kind: node.visualization, properties }, loc: node.loc,
    };
  },
  exec: (_plan, input) => input,
  explain: (plan) => `Render ${plan.visualization.kind}${Object.keys(plan.visualization.properties).length ? ' ' + JSON.stringify(plan.visualization.properties) : ''}`,
};
