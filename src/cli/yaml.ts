/** The yaml package, loaded on first use: only rule files and test cases need it, not every query. */
import type * as Yaml from 'yaml';
import { lazyPackage } from '../engine/lazy-package.js';

export const yaml = lazyPackage<typeof Yaml>('yaml');
