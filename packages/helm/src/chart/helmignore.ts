import { compileGoPattern, goPathMatcher } from './goPathMatch.js';

/**
 * `.helmignore` rules with Helm's own semantics (not gitignore's): rules are tried in order and the
 * first match decides; a pattern without `/` matches the base name, one with `/` the whole path,
 * a leading `/` anchors at the chart root, a trailing `/` only matches directories; `**` is
 * rejected. A `!pattern` rule has Helm's quirk: every path that does **not** match it is ignored
 * (including `Chart.yaml`), and a matching path goes on to the next rule.
 *
 * @see https://github.com/helm/helm/blob/v3.17.2/pkg/ignore/rules.go
 */

interface Pattern {
  raw: string;
  negate: boolean;
  mustDir: boolean;
  match: (path: string) => boolean;
}

/** A parsed rule set. */
export interface HelmignoreRules {
  /** @internal */
  readonly patterns: readonly Pattern[];
}

/** A malformed rule; `message` is Helm's (`double-star (**) syntax is not supported`, `syntax error in pattern`). */
export class HelmignoreError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'HelmignoreError';
  }
}

function base(p: string): string {
  const s = p.replace(/\/+$/, '');
  if (s === '') return p === '' ? '.' : '/';
  const i = s.lastIndexOf('/');
  return i >= 0 ? s.slice(i + 1) : s;
}

function parseRule(patterns: Pattern[], line: string): void {
  let rule = line.trim();
  if (rule === '' || rule.startsWith('#')) return;
  if (rule.includes('**')) throw new HelmignoreError('double-star (**) syntax is not supported');
  try {
    compileGoPattern(rule);
  } catch {
    throw new HelmignoreError('syntax error in pattern');
  }
  const raw = rule;
  let negate = false;
  let mustDir = false;
  if (rule.startsWith('!')) {
    negate = true;
    rule = rule.slice(1);
  }
  if (rule.endsWith('/')) {
    mustDir = true;
    rule = rule.slice(0, -1);
  }
  let match: (p: string) => boolean;
  if (rule.startsWith('/')) match = goPathMatcher(rule.replace(/^\//, ''));
  else if (rule.includes('/')) match = goPathMatcher(rule);
  else {
    const onBase = goPathMatcher(rule);
    match = (n) => onBase(base(n));
  }
  patterns.push({ raw, negate, mustDir, match });
}

/**
 * Parses `.helmignore` text (a UTF-8 BOM on the first line is dropped). Helm's default rule
 * `templates/.?*` (dotfiles in `templates/`) is appended when `addDefaults` is true.
 * @throws {@link HelmignoreError}
 */
export function parseHelmignore(text: string, addDefaults = true): HelmignoreRules {
  const patterns: Pattern[] = [];
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  for (const line of lines) parseRule(patterns, line);
  if (addDefaults) parseRule(patterns, 'templates/.?*');
  return { patterns };
}

/** Helm's `Rules.Ignore(path, fi)`: true when the chart-relative `path` is ignored. */
export function isIgnored(rules: HelmignoreRules, path: string, isDir: boolean): boolean {
  if (path === '' || path === '.' || path === './') return false;
  for (const p of rules.patterns) {
    if (p.negate) {
      if (p.mustDir && !isDir) return true;
      if (!p.match(path)) return true;
      continue;
    }
    if (p.mustDir && !isDir) continue;
    if (p.match(path)) return true;
  }
  return false;
}
