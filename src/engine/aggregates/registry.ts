/**
 * The aggregate registry, keyed by KQL name (and aliases). A duplicate name is a start-up error.
 *
 * Not registered: percentile/percentiles (the engine uses a T-Digest estimate that cannot be
 * reproduced exactly), arg_max/arg_min (several output columns), hll/tdigest.
 */
import { InternalError } from '../errors.js';
import type { AggregateFunction } from './aggregate.js';
import { avgAggregates } from './avg.js';
import { binaryAllAggregates } from './binary-all.js';
import { countAggregates } from './count.js';
import { covarianceAggregates } from './covariance.js';
import { dcountAggregates } from './dcount.js';
import { makeBagAggregates } from './make-bag.js';
import { makeListAggregates } from './make-list.js';
import { makeSetAggregates } from './make-set.js';
import { minMaxAggregates } from './min-max.js';
import { stdevAggregates } from './stdev.js';
import { sumAggregates } from './sum.js';
import { takeAnyAggregates } from './take-any.js';

const FAMILIES: readonly (readonly AggregateFunction[])[] = [
  countAggregates,
  sumAggregates,
  avgAggregates,
  minMaxAggregates,
  dcountAggregates,
  makeSetAggregates,
  makeListAggregates,
  takeAnyAggregates,
  stdevAggregates,
  covarianceAggregates,
  binaryAllAggregates,
  makeBagAggregates,
];

/** Indexes families by name and alias; throws on a duplicate name. */
export function buildAggregateIndex(
  families: readonly (readonly AggregateFunction[])[],
): { byName: Map<string, AggregateFunction>; all: readonly AggregateFunction[] } {
  const byName = new Map<string, AggregateFunction>();
  const all: AggregateFunction[] = [];
  for (const family of families) {
    for (const a of family) {
      for (const name of [a.name, ...(a.aliases ?? [])]) {
        if (byName.has(name)) throw new InternalError(`aggregate '${name}' is registered twice`);
        byName.set(name, a);
      }
      all.push(a);
    }
  }
  return { byName, all };
}

const { byName, all } = buildAggregateIndex(FAMILIES);

export function lookupAggregate(name: string): AggregateFunction | undefined {
  return byName.get(name);
}

export function allAggregates(): readonly AggregateFunction[] {
  return all;
}
