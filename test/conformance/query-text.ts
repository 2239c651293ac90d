/**
 * What the runner reads from a case's query text, without the engine's parser (the oracle must
 * not depend on the code it checks): whether the result rows have a defined order, and whether
 * the result depends on the clock (or on randomness or the cluster).
 */

/** The text with comments removed and string literals emptied, so that `|`, `;` and brackets inside them do not count. */
export function blankStringsAndComments(kql: string): string {
  let out = '';
  let i = 0;
  while (i < kql.length) {
    const c = kql[i];
    if (c === '/' && kql[i + 1] === '/') {
      while (i < kql.length && kql[i] !== '\n') i++;
      continue;
    }
    if (kql.startsWith('```', i)) {
      const end = kql.indexOf('```', i + 3);
      i = end < 0 ? kql.length : end + 3;
      out += '""';
      continue;
    }
    // h"…" and h@"…" (obfuscated strings) read as the string after the h
    if ((c === 'h' || c === 'H') && /["'@]/.test(kql[i + 1] ?? '') && !/\w/.test(kql[i - 1] ?? '')) {
      i++;
      continue;
    }
    if (c === '@' && (kql[i + 1] === '"' || kql[i + 1] === "'")) {
      // verbatim: no escapes, a doubled quote stands for one
      const q = kql[i + 1];
      i += 2;
      for (;;) {
        if (i >= kql.length) break;
        if (kql[i] === q) {
          if (kql[i + 1] === q) {
            i += 2;
            continue;
          }
          i++;
          break;
        }
        i++;
      }
      out += '""';
      continue;
    }
    if (c === '"' || c === "'") {
      i++;
      while (i < kql.length && kql[i] !== c) {
        if (kql[i] === '\\') i++;
        i++;
      }
      i++;
      out += '""';
      continue;
    }
    out += c;
    i++;
  }
  return out;
}

/** Splits at `sep` characters outside brackets. */
function splitTopLevel(text: string, sep: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') depth--;
    else if (c === sep && depth === 0) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts;
}

/** Operators that keep the order of their input rows (a row may go, none moves). */
const ORDER_KEEPING = new Set([
  'where', 'filter', 'project', 'project-away', 'project-keep', 'project-rename', 'project-reorder',
  'extend', 'take', 'limit', 'serialize', 'render', 'as',
]);
const SORTING = new Set(['sort', 'order', 'top']);

/**
 * True when the rows of the query's (last statement's) result are in a defined order: its last
 * operators are a sort (`sort by`, `order by`, `top N by`) followed only by operators that keep
 * row order. Decided conservatively: anything else (summarize, distinct, mv-expand, a plain
 * datatable, …) compares rows as a multiset.
 */
export function resultIsOrdered(kql: string): boolean {
  const statements = splitTopLevel(blankStringsAndComments(kql), ';').filter((s) => s.trim() !== '');
  const last = statements.at(-1) ?? '';
  const ops = splitTopLevel(last, '|').slice(1);
  for (let i = ops.length - 1; i >= 0; i--) {
    const name = /^\s*([A-Za-z][\w-]*)/.exec(ops[i])?.[1]?.toLowerCase() ?? '';
    if (SORTING.has(name)) return true;
    if (!ORDER_KEEPING.has(name)) return false;
  }
  return false;
}

/**
 * Functions whose result comes from outside the query: the clock (now, ago), randomness (rand,
 * new_guid) or the cluster the oracle ran on (current_database, …). A frozen oracle cannot be
 * matched by another run of such a query, except by chance.
 */
export const OUTSIDE_FUNCTIONS: readonly string[] = [
  'now', 'ago', 'rand', 'new_guid', 'current_cluster_endpoint', 'current_database', 'current_principal',
  'current_principal_details', 'current_principal_is_member_of', 'cursor_current', 'extent_id', 'extent_tags',
  'ingestion_time',
];

/** The outside functions the query calls (see OUTSIDE_FUNCTIONS); empty for a self-contained query. */
export function outsideFunctionsCalled(kql: string): string[] {
  const text = blankStringsAndComments(kql);
  return OUTSIDE_FUNCTIONS.filter((f) => new RegExp(`(?<![\\w.])${f}\\s*\\(`, 'i').test(text));
}

/** True when the query reads the clock or another source outside it (now(), ago(), rand(), …). */
export function dependsOnClock(kql: string): boolean {
  return outsideFunctionsCalled(kql).length > 0;
}
