/**
 * Node module hooks that let plain `node` (and worker threads) import the engine's TypeScript
 * sources directly: a relative `.js` specifier from a `.ts` module resolves to the `.ts` file
 * beside it, and `.ts` files are transpiled with `typescript.transpileModule` (no type checking;
 * the same isolated-module rules vitest applies). Transpiled text is cached on disk under
 * node_modules/.cache/kql-conformance, keyed by path, size and mtime. Registered by register-ts.mjs.
 */
import { createHash, randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const CACHE_DIR = fileURLToPath(new URL('../../node_modules/.cache/kql-conformance/', import.meta.url));
let ts;

export async function resolve(specifier, context, nextResolve) {
  const parent = context.parentURL;
  if (parent && parent.startsWith('file:') && parent.endsWith('.ts') && specifier.endsWith('.js') && /^\.{1,2}\//.test(specifier)) {
    const url = new URL(specifier.slice(0, -3) + '.ts', parent);
    if (existsSync(fileURLToPath(url))) return { url: url.href, format: 'module', shortCircuit: true };
  }
  return nextResolve(specifier, context);
}

export async function load(url, context, nextLoad) {
  if (!url.startsWith('file:') || !url.endsWith('.ts')) return nextLoad(url, context);
  const fileName = fileURLToPath(url);
  const st = statSync(fileName);
  const key = createHash('sha1').update(`${fileName}\0${st.size}\0${st.mtimeMs}`).digest('hex');
  const cached = CACHE_DIR + key + '.js';
  try {
    return { format: 'module', source: readFileSync(cached, 'utf8'), shortCircuit: true };
  } catch {
    // not cached yet
  }
  ts ??= (await import('typescript')).default;
  const out = ts.transpileModule(readFileSync(fileName, 'utf8'), {
    fileName,
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, inlineSourceMap: true },
  });
  try {
    mkdirSync(CACHE_DIR, { recursive: true });
    // write then rename: concurrent workers never read a half-written file
    const tmp = `${cached}.${randomUUID()}.tmp`;
    writeFileSync(tmp, out.outputText);
    renameSync(tmp, cached);
  } catch {
    // a read-only tree: run without the cache
  }
  return { format: 'module', source: out.outputText, shortCircuit: true };
}
