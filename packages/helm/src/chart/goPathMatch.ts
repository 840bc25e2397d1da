/**
 * Go's `path/filepath.Match` on `/`-separated paths: `*` (any run of non-`/`), `?` (one non-`/`
 * character), `[...]`/`[^...]` classes with ranges, `\` escapes. Used by `.helmignore` rules and
 * `helm template --show-only`.
 *
 * @see https://pkg.go.dev/path/filepath#Match
 */

/** Thrown for a malformed pattern (Go's `filepath.ErrBadPattern`). */
export class BadPatternError extends Error {
  constructor() {
    super('syntax error in pattern');
    this.name = 'BadPatternError';
  }
}

const cache = new Map<string, RegExp>();

function escapeRe(ch: string): string {
  return /[\\^$.*+?()[\]{}|/]/.test(ch) ? `\\${ch}` : ch;
}

function escapeClass(ch: string): string {
  return /[\\^$.*+?()[\]{}|/-]/.test(ch) ? `\\${ch}` : ch;
}

/** Compiles a Go match pattern to an anchored RegExp. @throws {@link BadPatternError} */
export function compileGoPattern(pattern: string): RegExp {
  const hit = cache.get(pattern);
  if (hit) return hit;
  const chars = Array.from(pattern);
  let re = '^';
  let i = 0;
  while (i < chars.length) {
    const c = chars[i]!;
    if (c === '*') {
      re += '[^/]*';
      i++;
    } else if (c === '?') {
      re += '[^/]';
      i++;
    } else if (c === '\\') {
      if (i + 1 >= chars.length) throw new BadPatternError();
      re += escapeRe(chars[i + 1]!);
      i += 2;
    } else if (c === '[') {
      i++;
      let cls = '[';
      if (chars[i] === '^') {
        cls += '^';
        i++;
      }
      let nrange = 0;
      for (;;) {
        if (i < chars.length && chars[i] === ']' && nrange > 0) {
          i++;
          break;
        }
        const lo = getEsc();
        let item = escapeClass(lo);
        if (chars[i] === '-') {
          i++;
          const hi = getEsc();
          if (hi.codePointAt(0)! < lo.codePointAt(0)!) throw new BadPatternError();
          item += `-${escapeClass(hi)}`;
        }
        cls += item;
        nrange++;
      }
      re += `${cls}]`;
    } else {
      re += escapeRe(c);
      i++;
    }
  }
  function getEsc(): string {
    if (i >= chars.length || chars[i] === '-' || chars[i] === ']') throw new BadPatternError();
    let ch = chars[i]!;
    if (ch === '\\') {
      i++;
      if (i >= chars.length) throw new BadPatternError();
      ch = chars[i]!;
    }
    i++;
    if (i >= chars.length) throw new BadPatternError();
    return ch;
  }
  const compiled = new RegExp(`${re}$`, 'su');
  if (cache.size > 1000) cache.clear();
  cache.set(pattern, compiled);
  return compiled;
}

/** `filepath.Match(pattern, name)`. @throws {@link BadPatternError} */
export function goPathMatch(pattern: string, name: string): boolean {
  return compileGoPattern(pattern).test(name);
}

/**
 * `goPathMatch` with `pattern` fixed: a function of `name`. A pattern without `*`, `?`, `[` or `\`
 * matches only itself and is a string comparison. A malformed pattern matches nothing (where
 * `goPathMatch` throws {@link BadPatternError}).
 */
export function goPathMatcher(pattern: string): (name: string) => boolean {
  if (!/[*?[\\]/.test(pattern)) return (name) => name === pattern;
  let re: RegExp;
  try {
    re = compileGoPattern(pattern);
  } catch {
    return () => false;
  }
  return (name) => re.test(name);
}
