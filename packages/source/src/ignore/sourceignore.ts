import { promises as nodeFs } from 'node:fs';
import { join } from 'node:path';
import ignore, { type Ignore } from 'ignore';

/**
 * Flux's source ignore rules: `.sourceignore` files anywhere in the tree, `spec.ignore`, and the
 * built-in exclusions, with gitignore semantics (the `ignore` library, which follows git's rules).
 *
 * Semantics, as fluxcd/pkg `sourceignore` + `artifact/storage/archive.go` `SourceIgnoreFilter`:
 * - every `.sourceignore` is read (root first, then subdirectories in lexical order, `.git` not
 *   descended); its patterns are scoped to its own directory; `spec.ignore` lines come last and are
 *   scoped to the root. Blank lines and lines starting with `#` are dropped.
 * - a later pattern overrides an earlier one (`!` re-includes).
 * - when no pattern was collected, the VCS exclusions and the defaults apply; when **any** pattern
 *   was collected (a single `.sourceignore` or any `spec.ignore`), only the VCS exclusions and the
 *   collected patterns apply: the default extension and CI exclusions are dropped.
 *
 * One difference from Flux, inherited from git's semantics: a `!pattern` cannot re-include a file
 * whose parent directory is excluded by the same file's patterns (git and `ignore` say so; go-git,
 * which Flux uses, re-includes it).
 *
 * @see https://github.com/fluxcd/pkg/blob/main/sourceignore/sourceignore.go
 * @see https://github.com/fluxcd/pkg/blob/main/artifact/storage/archive.go `SourceIgnoreFilter`
 */

/** Name of the per-directory ignore file. */
export const SourceIgnoreFile = '.sourceignore';

/** Version-control files, always excluded (fluxcd/pkg `sourceignore.ExcludeVCS`). */
export const ExcludeVCS: readonly string[] = ['.git/', '.gitignore', '.gitmodules', '.gitattributes'];

/**
 * Default exclusions, dropped as soon as any pattern is given (fluxcd/pkg `ExcludeExt`, `ExcludeCI`,
 * `ExcludeExtra`).
 */
export const ExcludeDefaults: readonly string[] = [
  '*.jpg',
  '*.jpeg',
  '*.gif',
  '*.png',
  '*.wmv',
  '*.flv',
  '*.tar.gz',
  '*.zip',
  '.github/',
  '.circleci/',
  '.travis.yml',
  '.gitlab-ci.yml',
  'appveyor.yml',
  '.drone.yml',
  'cloudbuild.yaml',
  'codeship-services.yml',
  'codeship-steps.yml',
  '**/.goreleaser.yml',
  '**/.sops.yaml',
  '**/.flux.yaml',
];

/**
 * Patterns from one source, scoped to a directory: `domain` is a `/`-separated path relative to the
 * root (`''` for the root itself); patterns apply only below it, relative to it.
 */
export interface IgnorePatterns {
  domain: string;
  patterns: string[];
}

/**
 * Splits gitignore text into patterns, dropping blank lines and `#` comments
 * (fluxcd/pkg `sourceignore.ReadPatterns`).
 */
export function readIgnorePatterns(text: string, domain = ''): IgnorePatterns {
  const patterns = text.split(/\r?\n/).filter((line) => !line.startsWith('#') && line.trim().length > 0);
  return { domain, patterns };
}

/** The slice of `node:fs/promises` {@link loadIgnorePatterns} uses. */
export interface IgnoreFs {
  readFile(path: string, encoding: 'utf8'): Promise<string>;
  readdir(
    path: string,
    options: { withFileTypes: true },
  ): Promise<{ name: string; isDirectory(): boolean }[]>;
}

/** Options of {@link loadIgnorePatterns}. */
export interface LoadIgnorePatternsOptions {
  /** The checked-out tree. */
  dir: string;
  /** Filesystem; default `node:fs/promises`. */
  fs?: IgnoreFs;
  signal?: AbortSignal;
}

/**
 * Reads every `.sourceignore` under `dir` (root first, then subdirectories in lexical order; `.git`
 * is not descended), each scoped to its directory (fluxcd/pkg `sourceignore.LoadIgnorePatterns`).
 * Only files with at least one pattern are returned.
 */
export async function loadIgnorePatterns(options: LoadIgnorePatternsOptions): Promise<IgnorePatterns[]> {
  const fs = options.fs ?? (nodeFs as unknown as IgnoreFs);
  const out: IgnorePatterns[] = [];
  const visit = async (rel: string): Promise<void> => {
    options.signal?.throwIfAborted();
    const abs = rel ? join(options.dir, rel) : options.dir;
    try {
      const text = await fs.readFile(join(abs, SourceIgnoreFile), 'utf8');
      const p = readIgnorePatterns(text, rel);
      if (p.patterns.length) out.push(p);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT' && code !== 'EISDIR') throw e;
    }
    const entries = await fs.readdir(abs, { withFileTypes: true });
    const dirs = entries
      .filter((e) => e.isDirectory() && e.name !== '.git')
      .map((e) => e.name)
      .sort();
    for (const d of dirs) await visit(rel ? `${rel}/${d}` : d);
  };
  await visit('');
  return out;
}

/**
 * Decides whether a path is excluded. `path` is `/`-separated and relative to the root; `isDir`
 * tells whether it is a directory (directory-only patterns like `foo/` need it).
 */
export type IgnoreFilter = (path: string, isDir: boolean) => boolean;

interface Layer {
  prefix: string;
  ig: Ignore;
}

/**
 * Builds a filter from pattern groups in priority order (later wins), as fluxcd/pkg's
 * `gitignore.NewMatcher`: groups are tried last to first and the first group with a matching
 * pattern (exclude or `!` include) decides; no match means included.
 */
export function createIgnoreFilter(groups: readonly IgnorePatterns[]): IgnoreFilter {
  const layers: Layer[] = [];
  for (const g of groups) {
    if (!g.patterns.length) continue;
    const prefix = g.domain ? `${g.domain.replace(/\/+$/, '')}/` : '';
    const last = layers[layers.length - 1];
    if (last && last.prefix === prefix) last.ig.add(g.patterns);
    else layers.push({ prefix, ig: ignore().add(g.patterns) });
  }
  return (path, isDir) => {
    for (let i = layers.length - 1; i >= 0; i--) {
      const layer = layers[i]!;
      if (layer.prefix && !path.startsWith(layer.prefix)) continue;
      const rel = path.slice(layer.prefix.length);
      if (!rel) continue;
      const r = layer.ig.test(isDir ? `${rel}/` : rel);
      if (r.ignored) return true;
      if (r.unignored) return false;
    }
    return false;
  };
}

/**
 * Flux's archive filter (`SourceIgnoreFilter`): VCS exclusions plus `patterns` when any were given,
 * else VCS exclusions plus the defaults.
 *
 * @param patterns - collected `.sourceignore` groups followed by `spec.ignore` (root domain).
 * @example
 * ```ts
 * const groups = await loadIgnorePatterns({ dir });
 * if (spec.ignore) groups.push(readIgnorePatterns(spec.ignore));
 * const excluded = sourceIgnoreFilter(groups);
 * excluded('docs/logo.png', false);
 * ```
 */
export function sourceIgnoreFilter(patterns: readonly IgnorePatterns[]): IgnoreFilter {
  const given = patterns.some((p) => p.patterns.length > 0);
  const base: IgnorePatterns[] = [{ domain: '', patterns: [...ExcludeVCS] }];
  if (!given) base.push({ domain: '', patterns: [...ExcludeDefaults] });
  return createIgnoreFilter([...base, ...patterns]);
}
