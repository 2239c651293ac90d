/** `kql run --look-back PERIOD` and `--use-query-period` (an analytic rule's `queryPeriod`): see engine/look-back.ts. */
import type { BoundQuery } from '../engine/bind.js';
import { UsageError } from '../engine/errors.js';
import type { QueryContext } from '../engine/functions/signature.js';
import { applyLookBack, parsePeriod } from '../engine/look-back.js';
import { formatDatetime } from '../engine/time.js';
import type { Rule } from './rules.js';
import type { CliIo } from './run-cli.js';

export interface LookBackOptions {
  readonly useQueryPeriod?: boolean;
  readonly lookBack?: string;
}

interface LookBack {
  readonly period: bigint;
  readonly text: string;
  readonly origin: string;
}

/** The look-back asked for, checked before any data is read; RULE is the rule file the query came from. */
export function lookBackOf(opts: LookBackOptions, rule: Rule | undefined): LookBack | undefined {
  if (opts.useQueryPeriod && opts.lookBack !== undefined) {
    throw new UsageError('give either --use-query-period or --look-back, not both.');
  }
  if (opts.lookBack !== undefined) return { period: parsePeriod(opts.lookBack, '--look-back'), text: opts.lookBack, origin: '--look-back' };
  if (!opts.useQueryPeriod) return undefined;
  if (!rule) throw new UsageError('--use-query-period needs a rule file (.yaml) as the query.');
  if (rule.queryPeriod === undefined) throw new UsageError(`--use-query-period: the rule ${rule.path} has no queryPeriod.`);
  return { period: parsePeriod(rule.queryPeriod, `${rule.path}: queryPeriod`), text: rule.queryPeriod, origin: "the rule's queryPeriod" };
}

/** BOUND limited to the look-back, saying on stderr what was applied to each table. */
export function limitToLookBack(bound: BoundQuery, lookBack: LookBack | undefined, ctx: QueryContext, io: CliIo): BoundQuery {
  if (!lookBack) return bound;
  const limited = applyLookBack(bound, lookBack.period, ctx, lookBack.origin === '--look-back' ? '--look-back' : '--use-query-period');
  for (const a of limited.applied) {
    io.stderr(`Look-back ${lookBack.text} (${lookBack.origin}): ${a.table} rows with ${a.column} from `
      + `${formatDatetime(a.start)} to ${formatDatetime(a.end)}, both inclusive\n`);
  }
  return limited.bound;
}
