/**
 * Property-bag builders and editors: bag_zip, bag_remove_keys, bag_set_key. Bags are never
 * modified in place: each call copies the bags it changes.
 */
import type { JsValue } from '../column.js';
import { isBag, type DynBag, type DynValue } from '../dynamic.js';
import { NotSupportedError } from '../errors.js';
import { toDynValue } from './conversion.js';
import { fn } from './define.js';
import type { ScalarFunction } from './signature.js';

/**
 * bag_zip: string keys pair with the value at the same index (null past the values' end); other keys
 * are skipped (documented). Which value a repeated key keeps is not documented, so it is refused.
 */
function bagZip(keys: DynValue, values: DynValue): DynValue {
  if (!Array.isArray(keys)) return null;
  const bag: DynBag = new Map();
  keys.forEach((k, i) => {
    if (typeof k !== 'string') return;
    if (bag.has(k)) throw new NotSupportedError(`bag_zip() with the key '${k}' twice`);
    bag.set(k, Array.isArray(values) ? values[i] ?? null : null);
  });
  return bag;
}

/** A key is a property name, or a JSONPath `$.a.b` / `$['a']['b']` naming a nested property. */
function keyPath(key: string): string[] | null {
  if (!key.startsWith('$')) return [key];
  const path: string[] = [];
  const re = /\.([^.[\]]+)|\[\s*'([^']*)'\s*\]|\[\s*"([^"]*)"\s*\]/y;
  let pos = 1;
  while (pos < key.length) {
    re.lastIndex = pos;
    const m = re.exec(key);
    if (!m) return null;
    path.push(m[1] ?? m[2] ?? m[3]);
    pos = re.lastIndex;
  }
  return path.length > 0 ? path : null;
}

function removePath(bag: DynBag, path: readonly string[]): DynBag {
  const [head, ...rest] = path;
  if (!bag.has(head)) return bag;
  const out = new Map(bag);
  if (rest.length === 0) out.delete(head);
  else {
    const inner = bag.get(head)!;
    if (isBag(inner)) out.set(head, removePath(inner, rest));
  }
  return out;
}

function setPath(bag: DynBag, path: readonly string[], value: DynValue): DynBag {
  const [head, ...rest] = path;
  const out = new Map(bag);
  if (rest.length === 0) out.set(head, value);
  else {
    // A missing or non-bag step is replaced by a new bag (documented: "creates the key path").
    const inner = bag.get(head) ?? null;
    out.set(head, setPath(isBag(inner) ? inner : new Map(), rest, value));
  }
  return out;
}

export const bagFunctions: readonly ScalarFunction[] = [
  fn('bag_zip', [{ params: ['dynamic', 'dynamic'], result: 'dynamic', nulls: 'handle', kernel: bagZip }]),
  fn('bag_remove_keys', [
    {
      params: ['dynamic', 'dynamic'], result: 'dynamic',
      kernel: (bag: DynValue, keys: DynValue) => {
        if (!isBag(bag) || !Array.isArray(keys)) return null;
        let out = bag;
        for (const k of keys) {
          const path = typeof k === 'string' ? keyPath(k) : null;
          if (path) out = removePath(out, path);
        }
        return out;
      },
    },
  ]),
  fn('bag_set_key', [
    {
      params: ['dynamic', 'string', 'any'], result: 'dynamic', nulls: 'handle',
      makeKernel: ([, , t]) => (bag: DynValue, key: string, value: JsValue) => {
        const path = keyPath(key);
        if (!isBag(bag) || !path) return null;
        return setPath(bag, path, toDynValue(value, t));
      },
    },
  ]),
];
