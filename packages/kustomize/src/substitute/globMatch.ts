/**
 * Shell pattern matching as envsubst's fork of Go's `path.Match` (fluxcd/pkg `envsubst/path`):
 * `*` matches any sequence including `/` (the fork's change), `?` one character, `[...]`/`[^...]`
 * classes with ranges, `\` escapes. Operates on code points.
 *
 * @returns `true`/`false`, or `'bad-pattern'` for a malformed pattern (Go's `ErrBadPattern`).
 * @see https://github.com/fluxcd/pkg/blob/main/envsubst/path/match.go
 */
export function globMatch(pattern: string, name: string): boolean | 'bad-pattern' {
  return match([...pattern], [...name]);
}

type Runes = string[];

function match(patternIn: Runes, nameIn: Runes): boolean | 'bad-pattern' {
  let pattern = patternIn;
  let name = nameIn;
  outer: while (pattern.length > 0) {
    const { star, chunk, rest } = scanChunk(pattern);
    pattern = rest;
    if (star && chunk.length === 0) return true;
    const first = matchChunk(chunk, name);
    if (first.ok && (first.rest.length === 0 || pattern.length > 0)) {
      name = first.rest;
      continue;
    }
    if (first.bad) return 'bad-pattern';
    if (star) {
      for (let i = 0; i < name.length; i++) {
        const m = matchChunk(chunk, name.slice(i + 1));
        if (m.ok) {
          if (pattern.length === 0 && m.rest.length > 0) continue;
          name = m.rest;
          continue outer;
        }
        if (m.bad) return 'bad-pattern';
      }
    }
    return false;
  }
  return name.length === 0;
}

function scanChunk(pattern: Runes): { star: boolean; chunk: Runes; rest: Runes } {
  let p = 0;
  let star = false;
  while (p < pattern.length && pattern[p] === '*') {
    p++;
    star = true;
  }
  let inRange = false;
  let i = p;
  scan: for (; i < pattern.length; i++) {
    switch (pattern[i]) {
      case '\\':
        if (i + 1 < pattern.length) i++;
        break;
      case '[':
        inRange = true;
        break;
      case ']':
        inRange = false;
        break;
      case '*':
        if (!inRange) break scan;
        break;
    }
  }
  return { star, chunk: pattern.slice(p, i), rest: pattern.slice(i) };
}

interface ChunkResult {
  rest: Runes;
  ok: boolean;
  bad: boolean;
}

function matchChunk(chunkIn: Runes, sIn: Runes): ChunkResult {
  let chunk = chunkIn;
  let s = sIn;
  const fail: ChunkResult = { rest: [], ok: false, bad: false };
  while (chunk.length > 0) {
    if (s.length === 0) return fail;
    const c = chunk[0]!;
    if (c === '[') {
      const r = s[0]!;
      s = s.slice(1);
      chunk = chunk.slice(1);
      let negated = false;
      if (chunk.length > 0 && chunk[0] === '^') {
        negated = true;
        chunk = chunk.slice(1);
      }
      let matched = false;
      let nrange = 0;
      for (;;) {
        if (chunk.length > 0 && chunk[0] === ']' && nrange > 0) {
          chunk = chunk.slice(1);
          break;
        }
        const lo = getEsc(chunk);
        if (lo === undefined) return { rest: [], ok: false, bad: true };
        chunk = lo.rest;
        let hi = lo.r;
        if (chunk[0] === '-') {
          const h = getEsc(chunk.slice(1));
          if (h === undefined) return { rest: [], ok: false, bad: true };
          chunk = h.rest;
          hi = h.r;
        }
        if (lo.r.codePointAt(0)! <= r.codePointAt(0)! && r.codePointAt(0)! <= hi.codePointAt(0)!)
          matched = true;
        nrange++;
      }
      if (matched === negated) return fail;
    } else if (c === '?') {
      s = s.slice(1);
      chunk = chunk.slice(1);
    } else {
      let lit = c;
      if (c === '\\') {
        chunk = chunk.slice(1);
        if (chunk.length === 0) return { rest: [], ok: false, bad: true };
        lit = chunk[0]!;
      }
      if (lit !== s[0]) return fail;
      s = s.slice(1);
      chunk = chunk.slice(1);
    }
  }
  return { rest: s, ok: true, bad: false };
}

function getEsc(chunkIn: Runes): { r: string; rest: Runes } | undefined {
  let chunk = chunkIn;
  if (chunk.length === 0 || chunk[0] === '-' || chunk[0] === ']') return undefined;
  if (chunk[0] === '\\') {
    chunk = chunk.slice(1);
    if (chunk.length === 0) return undefined;
  }
  const r = chunk[0]!;
  const rest = chunk.slice(1);
  if (rest.length === 0) return undefined;
  return { r, rest };
}
