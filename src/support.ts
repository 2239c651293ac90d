/** The support matrix of the README, generated from the registries. */
import { allAggregates } from './engine/aggregates/registry.js';
import { allFunctions } from './engine/functions/registry.js';
import { windowFunctions } from './engine/functions/window.js';
import { OPERATORS } from './operators/index.js';

/**
 * Tabular operators of KQL that the engine refuses by name ("Not supported: the 'join' operator.").
 * Any other unknown operator is refused the same way.
 */
const REFUSED_OPERATORS = [
  'as', 'consume', 'datatable', 'distinct', 'evaluate', 'externaldata', 'facet', 'find', 'fork', 'getschema',
  'invoke', 'join', 'lookup', 'make-graph', 'mv-apply', 'mv-expand', 'order', 'parse', 'parse-kv', 'parse-where',
  'partition', 'project-away', 'project-keep', 'project-rename', 'project-reorder', 'reduce', 'sample',
  'sample-distinct', 'scan', 'search', 'serialize', 'sort', 'top', 'top-hitters', 'top-nested', 'union',
];

function list(names: readonly string[]): string {
  return [...names].sort().map((n) => `\`${n}\``).join(', ');
}

export function supportMatrix(): string {
  const supported = OPERATORS.flatMap((o) => o.keywords);
  const refused = REFUSED_OPERATORS.filter((n) => !supported.includes(n));
  const functions = allFunctions().flatMap((f) => [f.name, ...(f.aliases ?? [])]);
  const aggregates = allAggregates().flatMap((a) => [a.name, ...(a.aliases ?? [])]);
  return [
    '| Kind | Status | Names |',
    '|---|---|---|',
    `| Operators (${supported.length}) | supported | ${list(supported)} |`,
    `| Operators (${refused.length}) | refused by name | ${list(refused)} |`,
    `| Scalar functions (${functions.length}) | supported | ${list(functions)} |`,
    `| Aggregates (${aggregates.length}) | supported | ${list(aggregates)} |`,
    `| Window functions (${windowFunctions.length}) | supported after \`sort\`, \`serialize\`, \`top\`, \`range\` | ${list(windowFunctions.map((f) => f.name))} |`,
    '| Anything else | refused with `Not supported: …` or `Unknown function …` | |',
    '',
  ].join('\n');
}
