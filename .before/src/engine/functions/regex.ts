/**
 * KQL regular expressions use RE2 syntax. This module translates an RE2 pattern into an
 * equivalent JS RegExp (always with the `u` flag) and refuses what RE2 has and JS lacks, or what
 * RE2 itself rejects (lookaround, backreferences): such patterns throw an Error whose message
 * starts with `Not supported:`. Compiled expressions are cached by pattern and flags.
 *
 * Differences handled here:
 * - `.` excludes only `\n` in RE2 (JS also excludes `\r`, U+2028, U+2029) → `[^\n]`;
 * - `\s` is `[\t\n\f\r ]` in RE2 (JS adds `\v` and Unicode spaces);
 * - `\A`, `\z`, `\Q…\E`, `\x{…}`, `\pL`, `[[:alpha:]]`, `(?P<name>…)`, leading `(?i)` etc.;
 * - RE2 accepts `\` before any punctuation and lone `{`, `}`, `]`; JS `u` mode does not.
 */

export interface Re2Translation {
  readonly source: string;
  /** JS flags derived from a leading `(?ims)` group (without `u`). */
  readonly flags: string;
  /** Capturing groups, in order; named ones carry their name. */
  readonly groups: readonly (string | undefined)[];
}

function notSupported(what: string, pattern: string): Error {
  return new Error(`Not supported: ${what} in regular expression ${JSON.stringify(pattern)}.`);
}

const JS_SYNTAX = new Set('^$\\.*+?()[]{}|/'.split(''));
const GENERAL_CATEGORIES = new Set([
  'L', 'Lu', 'Ll', 'Lt', 'Lm', 'Lo', 'M', 'Mn', 'Mc', 'Me', 'N', 'Nd', 'Nl', 'No',
  'P', 'Pc', 'Pd', 'Ps', 'Pe', 'Pi', 'Pf', 'Po', 'S', 'Sm', 'Sc', 'Sk', 'So',
  'Z', 'Zs', 'Zl', 'Zp', 'C', 'Cc', 'Cf', 'Co', 'Cs',
]);
/** POSIX classes as JS class contents (ASCII, as in RE2). */
const POSIX: Record<string, string> = {
  alnum: '0-9A-Za-z', alpha: 'A-Za-z', ascii: '\\x00-\\x7F', blank: '\\t ',
  cntrl: '\\x00-\\x1F\\x7F', digit: '0-9', graph: '\\x21-\\x7E', lower: 'a-z',
  print: '\\x20-\\x7E', punct: '\\x21-\\x2F\\x3A-\\x40\\x5B-\\x60\\x7B-\\x7E',
  space: '\\t\\n\\v\\f\\r ', upper: 'A-Z', word: '0-9A-Za-z_', xdigit: '0-9A-Fa-f',
};
const RE2_SPACE = '\\t\\n\\f\\r ';

function hexEscape(cp: number): string {
  return `\\u{${cp.toString(16)}}`;
}

/** Escapes one literal character for use inside or outside a JS class. */
function literal(ch: string, inClass: boolean): string {
  if (JS_SYNTAX.has(ch) || (inClass && ch === '-')) return '\\' + ch;
  return ch;
}

export function translateRe2(pattern: string): Re2Translation {
  const p = pattern;
  let i = 0;
  let out = '';
  let flags = '';
  const groups: (string | undefined)[] = [];

  // Flags are accepted only as a prefix group like (?i) or (?is): JS (Node 20) has no inline modifiers.
  for (;;) {
    const m = /^\(\?([a-zA-Z]+)\)/.exec(p.slice(i));
    if (!m) break;
    for (const f of m[1]) {
      if (f === 'i' || f === 'm' || f === 's') {
        if (!flags.includes(f)) flags += f;
      } else throw notSupported(`the flag '${f}'`, p);
    }
    i += m[0].length;
  }
  const dotAll = flags.includes('s');

  /** Translates the escape at p[i] === '\\'; returns the JS text and advances i. */
  const escape = (inClass: boolean): string => {
    const c = p[i + 1];
    if (c === undefined) throw notSupported('a trailing backslash', p);
    i += 2;
    switch (c) {
      case 'd': case 'D': case 'w': case 'W':
        return '\\' + c;
      case 'b': case 'B':
        if (inClass) throw notSupported('\\b inside a character class', p);
        return '\\' + c;
      case 's':
        return inClass ? RE2_SPACE : `[${RE2_SPACE}]`;
      case 'S':
        if (inClass) throw notSupported('\\S inside a character class', p);
        return `[^${RE2_SPACE}]`;
      case 'A':
        if (inClass) throw notSupported('\\A inside a character class', p);
        return '(?<![\\s\\S])';
      case 'z':
        if (inClass) throw notSupported('\\z inside a character class', p);
        return '(?![\\s\\S])';
      case 'a': return '\\x07';
      case 'f': return '\\f';
      case 'n': return '\\n';
      case 'r': return '\\r';
      case 't': return '\\t';
      case 'v': return '\\v';
      case 'x': {
        if (p[i] === '{') {
          const end = p.indexOf('}', i);
          const hex = end < 0 ? '' : p.slice(i + 1, end);
          if (!/^[0-9A-Fa-f]{1,6}$/.test(hex)) throw notSupported('a malformed \\x{…} escape', p);
          i = end + 1;
          return hexEscape(parseInt(hex, 16));
        }
        const hex = p.slice(i, i + 2);
        if (!/^[0-9A-Fa-f]{2}$/.test(hex)) throw notSupported('a malformed \\x escape', p);
        i += 2;
        return hexEscape(parseInt(hex, 16));
      }
      case 'p': case 'P': {
        let name: string;
        if (p[i] === '{') {
          const end = p.indexOf('}', i);
          if (end < 0) throw notSupported('a malformed \\p{…} class', p);
          name = p.slice(i + 1, end);
          i = end + 1;
        } else {
          name = p[i] ?? '';
          i += 1;
        }
        let negate = c === 'P';
        if (name.startsWith('^')) {
          negate = !negate;
          name = name.slice(1);
        }
        if (!/^[A-Za-z_]+$/.test(name)) throw notSupported(`the Unicode class '${name}'`, p);
        if (name === 'Any') {
          if (inClass) throw notSupported('\\p{Any} inside a character class', p);
          return negate ? '[^\\s\\S]' : '[\\s\\S]';
        }
        const prop = GENERAL_CATEGORIES.has(name) ? name : `Script=${name}`;
        return `\\${negate ? 'P' : 'p'}{${prop}}`;
      }
      case 'Q': {
        const end = p.indexOf('\\E', i);
        const text = end < 0 ? p.slice(i) : p.slice(i, end);
        i = end < 0 ? p.length : end + 2;
        let s = '';
        for (const ch of text) s += literal(ch, inClass);
        return s;
      }
      case '0': {
        // RE2 octal escape: \0, \01, \012.
        const m = /^[0-7]{0,2}/.exec(p.slice(i))!;
        i += m[0].length;
        return hexEscape(parseInt('0' + m[0], 8));
      }
      default:
        if (c >= '1' && c <= '9') throw notSupported('backreferences', p);
        if (/[A-Za-z]/.test(c)) throw notSupported(`the escape \\${c}`, p);
        // RE2 lets any punctuation be escaped; JS `u` mode only its own syntax characters.
        return literal(c, inClass);
    }
  };

  const charClass = (): string => {
    let s = '[';
    i++; // '['
    if (p[i] === '^') {
      s += '^';
      i++;
    }
    if (p[i] === ']') {
      s += '\\]';
      i++;
    }
    for (;;) {
      const c = p[i];
      if (c === undefined) throw notSupported('an unterminated character class', p);
      if (c === ']') {
        i++;
        return s + ']';
      }
      if (c === '\\') {
        s += escape(true);
        continue;
      }
      if (c === '[') {
        const m = /^\[:(\^?)([a-z]+):\]/.exec(p.slice(i));
        if (m) {
          if (m[1]) throw notSupported('a negated POSIX class', p);
          const cls = POSIX[m[2]];
          if (!cls) throw notSupported(`the POSIX class [:${m[2]}:]`, p);
          s += cls;
          i += m[0].length;
          continue;
        }
        s += '\\[';
        i++;
        continue;
      }
      const cp = p.codePointAt(i)!;
      const ch = String.fromCodePoint(cp);
      s += ch === '/' || ch === '{' || ch === '}' || ch === '(' || ch === ')' || ch === '|' ? '\\' + ch : ch;
      i += ch.length;
    }
  };

  while (i < p.length) {
    const c = p[i];
    switch (c) {
      case '\\':
        out += escape(false);
        break;
      case '[':
        out += charClass();
        break;
      case '(': {
        if (p[i + 1] !== '?') {
          groups.push(undefined);
          out += '(';
          i++;
          break;
        }
        const rest = p.slice(i);
        if (rest.startsWith('(?:')) {
          out += '(?:';
          i += 3;
          break;
        }
        const named = /^\(\?P?<([A-Za-z_][A-Za-z0-9_]*)>/.exec(rest);
        if (named) {
          groups.push(named[1]);
          out += `(?<${named[1]}>`;
          i += named[0].length;
          break;
        }
        if (/^\(\?(=|!|<=|<!)/.test(rest)) throw notSupported('lookaround', p);
        throw notSupported('inline flags or group syntax ' + JSON.stringify(rest.slice(0, 4)), p);
      }
      case '.':
        out += dotAll ? '.' : '[^\\n]';
        i++;
        break;
      case '{': {
        const m = /^\{(\d+)(,(\d*))?\}/.exec(p.slice(i));
        if (m) {
          out += m[0];
          i += m[0].length;
        } else {
          out += '\\{';
          i++;
        }
        break;
      }
      case '}':
        out += '\\}';
        i++;
        break;
      case ']':
        out += '\\]';
        i++;
        break;
      case '/':
        out += '\\/';
        i++;
        break;
      default: {
        const cp = p.codePointAt(i)!;
        const ch = String.fromCodePoint(cp);
        out += ch;
        i += ch.length;
      }
    }
  }
  return { source: out, flags, groups };
}

interface Compiled {
  readonly re: RegExp;
  readonly groups: readonly (string | undefined)[];
}

const cache = new Map<string, Compiled>();

/**
 * Compiles an RE2 pattern to a cached JS RegExp. `extraFlags` may add `g` or `y`; callers of
 * stateful (g/y) expressions must set `lastIndex = 0` before each use.
 */
export function compileRe2(pattern: string, extraFlags = ''): Compiled {
  const key = extraFlags + '\u0000' + pattern;
  let c = cache.get(key);
  if (!c) {
    const t = translateRe2(pattern);
    let re: RegExp;
    try {
      re = new RegExp(t.source, 'u' + t.flags + extraFlags);
    } catch (e) {
      throw notSupported(`invalid syntax (${(e as Error).message})`, pattern);
    }
    c = { re, groups: t.groups };
    if (cache.size > 10_000) cache.clear();
    cache.set(key, c);
  }
  return c;
}

export function re2(pattern: string, extraFlags = ''): RegExp {
  return compileRe2(pattern, extraFlags).re;
}
