/**
 * Glob patterns with the syntax of `github.com/gobwas/glob` compiled with `/` as separator, which
 * Helm's `.Files.Glob` uses: `*` (any run without `/`), `**` (any run), `?` (one non-`/`
 * character), `[abc]`/`[!abc]`/`[a-z]` classes, `{a,b}` alternatives (nestable), `\` escapes.
 *
 * @see https://github.com/gobwas/glob
 */

/** Compiles a gobwas glob to an anchored RegExp; undefined when the pattern does not compile. */
export function compileGlob(pattern: string): RegExp | undefined {
  const chars = Array.from(pattern);
  let i = 0;
  const esc = (c: string) => (/[\\^$.*+?()[\]{}|/-]/.test(c) ? `\\${c}` : c);
  const parse = (inAlt: boolean): string | undefined => {
    let re = '';
    while (i < chars.length) {
      const c = chars[i]!;
      if (inAlt && (c === ',' || c === '}')) return re;
      if (c === '\\') {
        if (i + 1 >= chars.length) return undefined;
        re += esc(chars[i + 1]!);
        i += 2;
      } else if (c === '*') {
        if (chars[i + 1] === '*') {
          re += '.*';
          i += 2;
        } else {
          re += '[^/]*';
          i++;
        }
      } else if (c === '?') {
        re += '[^/]';
        i++;
      } else if (c === '[') {
        i++;
        let cls = '[';
        if (chars[i] === '!') {
          cls += '^';
          i++;
        }
        let n = 0;
        while (i < chars.length && chars[i] !== ']') {
          const lo = chars[i]!;
          if (chars[i + 1] === '-' && chars[i + 2] !== undefined && chars[i + 2] !== ']') {
            cls += `${esc(lo)}-${esc(chars[i + 2]!)}`;
            i += 3;
          } else {
            cls += esc(lo);
            i++;
          }
          n++;
        }
        if (i >= chars.length || n === 0) return undefined;
        i++;
        re += `${cls}]`;
      } else if (c === '{') {
        i++;
        const alts: string[] = [];
        for (;;) {
          const a = parse(true);
          if (a === undefined || i >= chars.length) return undefined;
          alts.push(a);
          if (chars[i] === '}') {
            i++;
            break;
          }
          i++; // ','
        }
        re += `(?:${alts.join('|')})`;
      } else if (c === '}' || c === ']') {
        return undefined;
      } else {
        re += esc(c);
        i++;
      }
    }
    return inAlt ? undefined : re;
  };
  const body = parse(false);
  if (body === undefined) return undefined;
  try {
    return new RegExp(`^${body}$`, 'su');
  } catch {
    return undefined;
  }
}

/** Helm's `.Files.Glob` matching: a pattern that does not compile matches everything (`**`). */
export function globMatcher(pattern: string): (name: string) => boolean {
  const re = compileGlob(pattern);
  return re ? (n) => re.test(n) : () => true;
}
