/** h3-js and s2js, loaded on first use: most queries call no geo function, and loading the two takes about 30 ms. */
import type * as H3 from 'h3-js';
import type { s2 as S2 } from 's2js';
import { lazyPackage } from '../lazy-package.js';

export const h3 = lazyPackage<typeof H3>('h3-js');
const s2js = lazyPackage<{ s2: typeof S2 }>('s2js');
export const s2 = (): typeof S2 => s2js().s2;
