/**
 * h3-js and s2js, loaded on first use: most queries call no geo function, and loading the two takes
 * about 30 ms of every start otherwise.
 */
import { createRequire } from 'node:module';
import type * as H3 from 'h3-js';
import type { s2 as S2 } from 's2js';

const load = createRequire(import.meta.url);
let h3Module: typeof H3 | undefined;
let s2Module: typeof S2 | undefined;

export function h3(): typeof H3 {
  return (h3Module ??= load('h3-js') as typeof H3);
}

export function s2(): typeof S2 {
  return (s2Module ??= (load('s2js') as { s2: typeof S2 }).s2);
}
