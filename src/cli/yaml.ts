/** The yaml package, loaded on first use: only rule files and test cases need it, not every query. */
import { createRequire } from 'node:module';
import type * as Yaml from 'yaml';

const load = createRequire(import.meta.url);
let yamlModule: typeof Yaml | undefined;

export function yaml(): typeof Yaml {
  return (yamlModule ??= load('yaml') as typeof Yaml);
}
