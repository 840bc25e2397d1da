/**
 * Go `regexp` operations (RE2 syntax and semantics) through `re2js`, a linear-time RE2 port:
 * `FindAllString` (Go's rule for empty matches), `ReplaceAllString` with Go's `$1`/`${name}`
 * expansion, `Split`, `QuoteMeta`. Patterns whose meaning JavaScript shares run as a native
 * `RegExp` on short subjects instead (see `nativeRegexp.ts`), without loading `re2js`.
 *
 * @see https://pkg.go.dev/regexp
 */
import type { RE2JS } from 're2js';
import { goValidString } from '../value/goString.js';
import { lazyRequire } from './lazyRequire.js';
import { NATIVE_MAX_SUBJECT, type NativeRegexp, toNativeRegexp } from './nativeRegexp.js';

const re2js = lazyRequire<typeof import('re2js')>('re2js');

/**
 * A compiled Go regexp: the native translation when there is one, `re2js` (compiled on first
 * need) for everything else.
 */
export interface GoRegexp {
  readonly source: string;
  readonly native: NativeRegexp | undefined;
  re2(): RE2JS;
}

const cache = new Map<string, GoRegexp>();

function compileRe2(expr: string): RE2JS {
  try {
    return re2js().RE2JS.compile(expr);
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    throw new Error(msg.startsWith('error parsing regexp') ? msg : `error parsing regexp: ${msg}`);
  }
}

/** Compiles (cached); throws with Go's message `error parsing regexp: ...`. */
export function compileRegexp(expr: string): GoRegexp {
  let re = cache.get(expr);
  if (re === undefined) {
    const native = toNativeRegexp(expr);
    // Outside the native subset, compile now: a bad pattern fails here as in Go.
    let compiled = native === undefined ? compileRe2(expr) : undefined;
    re = {
      source: expr,
      native,
      re2: () => {
        compiled ??= compileRe2(expr);
        return compiled;
      },
    };
    if (cache.size > 1000) cache.clear();
    cache.set(expr, re);
  }
  return re;
}

/** `regexp.MustCompile`'s panic text. */
export function mustCompileRegexp(expr: string): GoRegexp {
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
export function findAll(re: GoRegexp, s: string, n: number): Match[] {
  const out: Match[] = [];
  if (n === 0) return out;
  const m = matcher(re, goValidString(s));
  const ng = m.groupCount();
  let pos = 0;
  let prevEnd = -1;
  while (pos <= s.length && (n < 0 || out.length < n)) {
    if (!m.find(pos)) break;
    const start = m.start(0);
    const end = m.end(0);
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

/** What {@link findAll} needs of a matcher (re2js's `Matcher`, or {@link NativeMatcher}). */
interface Matcher {
  groupCount(): number;
  find(pos?: number): boolean;
  start(g: number): number;
  end(g: number): number;
}

/** re2js's matcher interface over a native RegExp (`gud` flags: lastIndex, group indices). */
class NativeMatcher implements Matcher {
  private m: RegExpExecArray | null = null;
  constructor(
    private readonly n: NativeRegexp,
    private readonly s: string,
  ) {}
  groupCount(): number {
    return this.n.groups;
  }
  find(pos = 0): boolean {
    this.n.re.lastIndex = pos;
    this.m = this.n.re.exec(this.s);
    return this.m !== null;
  }
  start(g: number): number {
    return this.m?.indices?.[g]?.[0] ?? -1;
  }
  end(g: number): number {
    return this.m?.indices?.[g]?.[1] ?? -1;
  }
}

/** A matcher over `s` (already Go's valid-UTF-8 view): native for short subjects when possible. */
function matcher(re: GoRegexp, s: string): Matcher {
  if (re.native !== undefined && s.length <= NATIVE_MAX_SUBJECT) return new NativeMatcher(re.native, s);
  return re.re2().matcher(s);
}

/** Group name → index, as re2js's `namedGroups()`. */
function namedGroups(re: GoRegexp): Record<string, number> {
  return re.native !== undefined ? re.native.names : (re.re2().namedGroups() as Record<string, number>);
}

/** Go's `Regexp.Expand` of a `$` template for one match. */
function expand(re: GoRegexp, template: string, s: string, match: Match): string {
  const names = namedGroups(re);
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
export function replaceAll(re: GoRegexp, s: string, repl: string, literal: boolean): string {
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
export function findAllString(re: GoRegexp, s: string, n: number): string[] {
  return findAll(re, s, n).map((m) => s.slice(m.start, m.end));
}

/** `Split(s, n)`. */
export function split(re: GoRegexp, s: string, n: number): string[] {
  if (n === 0) return [];
  if (re.source.length === 0 && s.length > 0) {
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
export function matchString(re: GoRegexp, s: string): boolean {
  return matcher(re, goValidString(s)).find(0);
}

/** `regexp.QuoteMeta`. */
export function quoteMeta(s: string): string {
  return s.replace(/[\\.+*?()|[\]{}^$]/g, '\\$&');
}
