/**
 * Small helpers shared by the function families: building registry entries and the type rules
 * several families need (common branch type of iff/case/coalesce, orderable types).
 */
import type { KqlType } from '../types.js';
import type { ScalarFunction, Signature } from './signature.js';

/** A registry entry; `extra` carries aliases, check, usesContext, constantArgs. */
export function fn(
  name: string,
  signatures: readonly Signature[],
  extra: Omit<ScalarFunction, 'name' | 'signatures'> = {},
): ScalarFunction {
  return { name, signatures, ...extra };
}

/**
 * The common type of conditional branches (kql-notes §9.2): all equal → that type; int and long
 * count as one type (→ long); any dynamic branch makes the result dynamic; anything else (int vs
 * real, string vs long, …) has no common type.
 */
export function commonType(types: readonly KqlType[]): KqlType | undefined {
  if (types.length === 0) return undefined;
  if (types.includes('dynamic')) return 'dynamic';
  let t = types[0];
  for (const u of types) {
    if (u === t) continue;
    if ((u === 'int' || u === 'long') && (t === 'int' || t === 'long')) t = 'long';
    else return undefined;
  }
  return t;
}

export function describeTypes(types: readonly KqlType[]): string {
  return types.join(', ');
}

const ORDERABLE: ReadonlySet<KqlType> = new Set<KqlType>([
  'int', 'long', 'real', 'decimal', 'datetime', 'timespan', 'string', 'bool',
]);

export function isOrderable(t: KqlType): boolean {
  return ORDERABLE.has(t);
}
