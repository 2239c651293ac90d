/** `import './register-ts.mjs'` (or `node --import`) before importing any `.ts` module from plain Node. */
import { register } from 'node:module';

register('./ts-hooks.mjs', import.meta.url);
