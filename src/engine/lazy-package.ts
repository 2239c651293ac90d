/**
 * A package loaded on first use (synchronously, through require): for packages few queries need, whose
 * loading would otherwise cost every start.
 */
import { createRequire } from 'node:module';

const load = createRequire(import.meta.url);

export function lazyPackage<T>(name: string): () => T {
  let loaded: T | undefined;
  return () => (loaded ??= load(name) as T);
}
