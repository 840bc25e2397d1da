/**
 * A JavaScript `RegExp` for the Go regexps whose meaning is the same in both engines, so that the
 * common chart patterns (`^v\d+\.\d+$`, `[a-z0-9-]+`) need not load and compile `re2js` (~25 ms
 * of a short process). The subset, translated token by token, is: literal characters, `.`, `^`,
 * `$`, the escapes `\d \D \w \W \s \S \b \B \n \t \r \f \v` and escaped punctuation, classes of
 * characters, ranges and those escapes, groups (`(…)`, `(?:…)`, `(?P<name>…)`, `(?<name>…)`),
 * alternation, and the quantifiers `* + ? {n} {n,} {n,m}` (lazy forms too) on anything but a group,
 * which only takes `?` (JavaScript resets a group's captures on each iteration, Go does not). The
 * differences that remain are translated: Go's `.` is `[^\n]`, its `\s` is `[\t\n\f\r ]`. Any
 * other syntax (flags, POSIX and Unicode classes, `\A`, `\z`, `\Q`, octal, …), a repeat count over
 * 1000 or a malformed pattern returns undefined: `re2js` then compiles it and words Go's errors.
 *
 * JavaScript's engine backtracks where RE2 runs in linear time. To keep the worst case bounded
 * (a hostile chart), patterns with more than three variable quantifiers (`* + ?`, `{n,}`, `{n,m}`
 * with m > n) are not translated, and callers match natively only subjects of at most
 * {@link NATIVE_MAX_SUBJECT} characters: at most ~128^4/6 backtracking steps, a fraction of a second.
 *
 * @see https://pkg.go.dev/regexp/syntax
 * @internal
 */

/** Longest subject matched with the native RegExp; longer ones go to `re2js` (linear time). */
export const NATIVE_MAX_SUBJECT = 128;

const MAX_VARIABLE_QUANTIFIERS = 3;

/** A translated Go regexp. */
export interface NativeRegexp {
  /** Flags `gud`: global (for `lastIndex`), Unicode (runes), indices (group offsets). */
  re: RegExp;
  /** Capture group count. */
  groups: number;
  /** Named group → index. */
  names: Record<string, number>;
}

const GO_SPACE = '\\t\\n\\f\\r ';

function lit(c: string): string {
  return /[A-Za-z0-9 _]/.test(c) ? c : `\\u{${c.codePointAt(0)!.toString(16)}}`;
}

/** Go's escapes of a punctuation character (`\.`): any ASCII punctuation. */
const PUNCT = /[!-/:-@[-`{-~]/;

/** The translation of a backslash followed by `d` when that escapes one character (`\n`, `\.`), in or out of a class. */
function escapedChar(d: string): string | undefined {
  if ('ntrfv'.includes(d)) return `\\${d}`;
  if (PUNCT.test(d)) return lit(d);
  return undefined;
}

/** The translation of `expr`, or undefined outside the subset. */
export function toNativeRegexp(expr: string): NativeRegexp | undefined {
  let out = '';
  let i = 0;
  let groups = 0;
  const names: Record<string, number> = {};
  let open = 0; // groups not closed yet
  let variable = 0;
  // What the last atom was: 'none' (start, `(`, `|`), 'atom', 'group', 'quant' (already quantified), 'assert'.
  let prev: 'none' | 'atom' | 'group' | 'quant' | 'assert' = 'none';
  const n = expr.length;
  while (i < n) {
    const c = expr[i]!;
    const cp = expr.codePointAt(i)!;
    if (cp >= 0xd800 && cp <= 0xdfff) return undefined; // a lone surrogate: bytes that are not UTF-8
    if (cp > 0xffff) {
      out += lit(String.fromCodePoint(cp));
      i += 2;
      prev = 'atom';
      continue;
    }
    switch (c) {
      case '\\': {
        const d = expr[i + 1];
        if (d === undefined) return undefined;
        if ('dDwWbB'.includes(d)) {
          out += `\\${d}`;
          prev = d === 'b' || d === 'B' ? 'assert' : 'atom';
        } else if (d === 's') {
          out += `[${GO_SPACE}]`;
          prev = 'atom';
        } else if (d === 'S') {
          out += `[^${GO_SPACE}]`;
          prev = 'atom';
        } else {
          const e = escapedChar(d);
          if (e === undefined) return undefined;
          out += e;
          prev = 'atom';
        }
        i += 2;
        continue;
      }
      case '.':
        out += '[^\\n]';
        prev = 'atom';
        i++;
        continue;
      case '^':
      case '$':
        out += c;
        prev = 'assert';
        i++;
        continue;
      case '[': {
        const r = translateClass(expr, i);
        if (r === undefined) return undefined;
        out += r.out;
        i = r.end;
        prev = 'atom';
        continue;
      }
      case '(': {
        if (expr.startsWith('(?:', i)) {
          out += '(?:';
          i += 3;
        } else if (expr.startsWith('(?P<', i) || expr.startsWith('(?<', i)) {
          const at = expr.indexOf('<', i) + 1;
          const close = expr.indexOf('>', at);
          if (close < 0) return undefined;
          const name = expr.slice(at, close);
          if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name) || Object.hasOwn(names, name)) return undefined;
          groups++;
          names[name] = groups;
          out += `(?<${name}>`;
          i = close + 1;
        } else if (expr[i + 1] === '?') return undefined;
        else {
          groups++;
          out += '(';
          i++;
        }
        open++;
        prev = 'none';
        continue;
      }
      case ')':
        if (open === 0) return undefined;
        open--;
        out += ')';
        prev = 'group';
        i++;
        continue;
      case '|':
        out += '|';
        prev = 'none';
        i++;
        continue;
      case '*':
      case '+':
      case '?':
      case '{': {
        let q: string = c;
        let end = i + 1;
        let isVariable = true;
        if (c === '{') {
          const m = /^\{(\d+)(,(\d*))?\}/.exec(expr.slice(i));
          if (!m) return undefined; // Go reads a malformed repeat as literal text; leave it to re2js
          const lo = Number(m[1]);
          const hi = m[3] === undefined || m[3] === '' ? undefined : Number(m[3]);
          if (lo > 1000 || (hi !== undefined && (hi > 1000 || hi < lo))) return undefined;
          isVariable = m[2] !== undefined && hi !== lo;
          q = m[0];
          end = i + m[0].length;
        }
        if (prev === 'none' || prev === 'quant' || prev === 'assert') return undefined;
        if (prev === 'group' && c !== '?') return undefined;
        if (expr[end] === '?') {
          q += '?';
          end++;
        }
        if (isVariable && ++variable > MAX_VARIABLE_QUANTIFIERS) return undefined;
        out += q;
        prev = 'quant';
        i = end;
        continue;
      }
      case ']':
      case '}':
        // Literal in Go; a syntax error in a Unicode JavaScript RegExp unless escaped.
        out += lit(c);
        prev = 'atom';
        i++;
        continue;
      default:
        out += lit(c);
        prev = 'atom';
        i++;
    }
  }
  if (open > 0) return undefined;
  try {
    return { re: new RegExp(out, 'gud'), groups, names };
  } catch {
    return undefined;
  }
}

/** A class `[...]` at `at`: its translation and the index after it, or undefined. */
function translateClass(expr: string, at: number): { out: string; end: number } | undefined {
  let i = at + 1;
  let out = '[';
  if (expr[i] === '^') {
    out += '^';
    i++;
  }
  // `[]a]` and `[^]a]` (a leading `]` is literal in Go) and empty classes: leave to re2js.
  if (expr[i] === ']') return undefined;
  let items = 0;
  let prevChar = false; // the last item was a single character (a range may follow)
  while (i < expr.length) {
    const c = expr[i]!;
    if (c === ']') return items > 0 ? { out: `${out}]`, end: i + 1 } : undefined;
    if (c === '[') return undefined; // POSIX classes `[:alpha:]` and the like
    if (c === '-' && !prevChar && items > 0 && expr[i + 1] !== ']') return undefined; // `[\d-z]`, `[a-b-c]`
    if (c === '-' && prevChar && expr[i + 1] !== ']') {
      // A range: the next item must be a single character.
      const next = classChar(expr, i + 1);
      if (next === undefined) return undefined;
      out += `-${next.out}`;
      i = next.end;
      prevChar = false;
      items++;
      continue;
    }
    if (c === '\\') {
      const d = expr[i + 1];
      if (d !== undefined && 'dDwW'.includes(d)) {
        out += `\\${d}`;
        i += 2;
        prevChar = false;
        items++;
        continue;
      }
      if (d === 's') {
        out += GO_SPACE;
        i += 2;
        prevChar = false;
        items++;
        continue;
      }
    }
    const ch = classChar(expr, i);
    if (ch === undefined) return undefined;
    out += ch.out;
    i = ch.end;
    prevChar = true;
    items++;
  }
  return undefined;
}

/** One character of a class at `i` (literal or escaped), translated. */
function classChar(expr: string, i: number): { out: string; end: number } | undefined {
  const c = expr[i];
  if (c === undefined || c === ']') return undefined;
  if (c === '\\') {
    const d = expr[i + 1];
    const e = d === undefined ? undefined : escapedChar(d);
    return e === undefined ? undefined : { out: e, end: i + 2 };
  }
  const cp = expr.codePointAt(i)!;
  if (cp >= 0xd800 && cp <= 0xdfff) return undefined;
  const s = String.fromCodePoint(cp);
  return { out: lit(s), end: i + s.length };
}
