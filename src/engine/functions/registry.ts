/**
 * The scalar function registry: every family's entries, keyed by their KQL names and aliases
 * (case-sensitive, lower case as documented). A duplicate name is a start-up error.
 */
import { InternalError } from '../errors.js';
import { arrayFunctions } from './arrays.js';
import { bagFunctions } from './bags.js';
import { conditionalFunctions } from './conditional.js';
import { conversionFunctions } from './conversion.js';
import { datetimeFunctions } from './datetime.js';
import { dynamicFunctions } from './dynamic.js';
import { encodingFunctions } from './encoding.js';
import { geoCellFunctions } from './geo-cells.js';
import { geoFunctions } from './geo.js';
import { ipFunctions } from './ip.js';
import { mathFunctions } from './math.js';
import type { ScalarFunction } from './signature.js';
import { punycodeFunctions } from './punycode.js';
import { seriesFunctions } from './series.js';
import { stringFunctions } from './strings.js';
import { textFunctions } from './text.js';
import { timezoneFunctions } from './timezones.js';
import { trigFunctions } from './trig.js';
import { unicodeFunctions } from './unicode.js';

const FAMILIES: readonly (readonly ScalarFunction[])[] = [
  conversionFunctions,
  stringFunctions,
  encodingFunctions,
  datetimeFunctions,
  mathFunctions,
  conditionalFunctions,
  dynamicFunctions,
  arrayFunctions,
  bagFunctions,
  unicodeFunctions,
  ipFunctions,
  seriesFunctions,
  trigFunctions,
  textFunctions,
  timezoneFunctions,
  punycodeFunctions,
  geoCellFunctions,
  geoFunctions,
];

/** Indexes families by name and alias; throws on a duplicate name. */
export function buildFunctionIndex(
  families: readonly (readonly ScalarFunction[])[],
): { byName: Map<string, ScalarFunction>; all: readonly ScalarFunction[] } {
  const byName = new Map<string, ScalarFunction>();
  const all: ScalarFunction[] = [];
  for (const family of families) {
    for (const f of family) {
      for (const name of [f.name, ...(f.aliases ?? [])]) {
        if (byName.has(name)) throw new InternalError(`scalar function '${name}' is registered twice`);
        byName.set(name, f);
      }
      all.push(f);
    }
  }
  return { byName, all };
}

const { byName, all } = buildFunctionIndex(FAMILIES);

export function lookupFunction(name: string): ScalarFunction | undefined {
  return byName.get(name);
}

export function allFunctions(): readonly ScalarFunction[] {
  return all;
}
