/**
 * Go `regexp` operations (RE2 syntax and semantics) through `re2js`, a linear-time RE2 port:
 * `FindAllString` (Go's rule for empty matches), `ReplaceAllString` with Go's `$1`/`${name}`
 * expansion, `Split`, `QuoteMeta`.
 *
 * @see https://pkg.go.dev/regexp
 */
import type { RE2JS } from 're2js';
import { goValidString } from '../value/goString.js';
import { lazyRequire } from './lazyRequire.js';

const re2js = lazyRequire<typeof import('re2js')>('re2js');

const cache = new Map<string, RE2JS>();

/** Compiles (cached); throws with Go's message `error parsing regexp: ...`. */
export function compileRegexp(expr: string): RE2JS {
  let re = cache.get(expr);
  if (re === undefined) {
    try {
      re = re2js().RE2JS.compile(expr);
    } catch (e) {
      const msg = e instanceof Error ? e.message : String(e);
      throw new Error(msg.startsWith('error parsing regexp') ? msg : `error parsing regexp: ${msg}`);
    }
    if (cache.size > 1000) cache.clear();
    cache.set(expr, re);
  }
  return re;
}

/** `regexp.MustCompile`'s panic text. */
export function mustCompileRegexp(expr: string): RE2JS {
  try {
    return compileRegexp(expr);
  } catch (e) {
    throw new Error(`regexp: Compile(${goBackquote(expr)}): ${(e as Error).message}`);
  }
}

function goBackquote(s: string): string {
  return /[`\n\r\t\x00-\x1f]/.test(s) ? JSON.stringify(s) : '`' + s + '`';
}

interface Match {
  start: number;
  end: number;
  groups: (number | null)[][];
}

/**
 * All non-overlapping matches with Go's empty-match rule; n < 0 means all. Go's regexp reads each
 * invalid UTF-8 byte as U+FFFD: the match runs on that view, whose indexes are those of `s`.
 */
export function findAll(re: RE2JS, s: string, n: number): Match[] {
  const out: Match[] = [];
  if (n === 0) return out;
  const m = re.matcher(goValidString(s));
  const ng = m.groupCount();
  let pos = 0;
  let prevEnd = -1;
  while (pos <= s.length && (n < 0 || out.length < n)) {
    if (!m.find(pos)) break;
    const start = m.start();
    const end = m.end();
    let accept = true;
    if (end === start && start === prevEnd) accept = false;
    if (accept) {
      const groups: (number | null)[][] = [];
      for (let g = 0; g <= ng; g++) {
        const gs = m.start(g);
        groups.push(gs < 0 ? [null, null] : [gs, m.end(g)]);
      }
      out.push({ start, end, groups });
      prevEnd = end;
    }
    if (end > start) pos = end;
    else {
      const cp = s.codePointAt(start);
      pos = start + (cp !== undefined && cp > 0xffff ? 2 : 1);
    }
  }
  return out;
}

/** Go's `Regexp.Expand` of a `$` template for one match. */
function expand(re: RE2JS, template: string, s: string, match: Match): string {
  const names = re.namedGroups() as Record<string, number>;
  let out = '';
  let i = 0;
  while (i < template.length) {
    const d = template.indexOf('$', i);
    if (d < 0) {
      out += template.slice(i);
      break;
    }
    out += template.slice(i, d);
    i = d + 1;
    if (template[i] === '$') {
      out += '$';
      i++;
      continue;
    }
    let name: string | null = null;
    if (template[i] === '{') {
      const close = template.indexOf('}', i);
      const inner = close < 0 ? '' : template.slice(i + 1, close);
      if (close >= 0 && /^[\p{L}\p{Nd}_]+$/u.test(inner)) {
        name = inner;
        i = close + 1;
      }
    } else {
      const m = /^[\p{L}\p{Nd}_]+/u.exec(template.slice(i));
      if (m) {
        name = m[0];
        i += m[0].length;
      }
    }
    if (name === null) {
      out += '$';
      continue;
    }
    let idx = -1;
    if (/^[0-9]+$/.test(name)) {
      const k = Number(name);
      if (k < match.groups.length) idx = k;
    } else if (Object.hasOwn(names, name)) idx = names[name]!;
    if (idx >= 0) {
      const [a, b] = match.groups[idx]!;
      if (a !== null && b !== null) out += s.slice(a, b);
    }
  }
  return out;
}

/** `ReplaceAllString` (literal: `ReplaceAllLiteralString`). */
export function replaceAll(re: RE2JS, s: string, repl: string, literal: boolean): string {
  let out = '';
  let last = 0;
  for (const m of findAll(re, s, -1)) {
    out += s.slice(last, m.start);
    out += literal ? repl : expand(re, repl, s, m);
    last = m.end;
  }
  return out + s.slice(last);
}

/** `FindAllString(s, n)`. */
export function findAllString(re: RE2JS, s: string, n: number): string[] {
  return findAll(re, s, n).map((m) => s.slice(m.start, m.end));
}

/** `Split(s, n)`. */
export function split(re: RE2JS, s: string, n: number): string[] {
  if (n === 0) return [];
  if (re.pattern().length === 0 && s.length > 0) {
    const parts = [...s];
    if (n > 0 && parts.length > n) return [...parts.slice(0, n - 1), parts.slice(n - 1).join('')];
    return parts;
  }
  const matches = findAll(re, s, -1);
  const out: string[] = [];
  let beg = 0;
  for (const m of matches) {
    if (n > 0 && out.length === n - 1) break;
    const end = m.start;
    if (m.end === 0) continue;
    out.push(s.slice(beg, end));
    beg = m.end;
  }
  out.push(s.slice(beg));
  return out;
}

/** `MatchString(s)`. */
export function matchString(re: RE2JS, s: string): boolean {
  return re.matcher(goValidString(s)).find();
}

/** `regexp.QuoteMeta`. */
export function quoteMeta(s: string): string {
  return s.replace(/[\\.+*?()|[\]{}^$]/g, '\\$&');
}
