/**
 * Flux's Git revision strings.
 *
 * @see https://github.com/fluxcd/pkg/blob/main/git/git.go `Commit.String`, `Commit.AbsoluteReference`
 * @see https://github.com/fluxcd/pkg/blob/main/git/utils.go `TransformRevision`
 */

/**
 * Formats a revision: `<short ref>@sha1:<hex>` where the short ref drops the first two segments
 * (`refs/heads/main` → `main`, `refs/tags/v1` → `v1`, `refs/heads/feat/x` → `feat/x`); with
 * `absolute` the full ref is kept (`refs/pull/1/head@sha1:<hex>`, Flux's form for `ref.name`);
 * without a ref, `sha1:<hex>`.
 *
 * @example
 * ```ts
 * formatGitRevision({ ref: 'refs/heads/main', commit }) // 'main@sha1:…'
 * ```
 */
export function formatGitRevision(options: { ref?: string; commit: string; absolute?: boolean }): string {
  const digest = `sha1:${options.commit}`;
  const ref = options.ref ?? '';
  if (!ref) return digest;
  if (options.absolute) return `${ref}@${digest}`;
  const first = ref.indexOf('/');
  const second = first < 0 ? -1 : ref.indexOf('/', first + 1);
  return second < 0 ? digest : `${ref.slice(second + 1)}@${digest}`;
}

/**
 * Converts a legacy revision (`main/<hex>`, `HEAD/<hex>`, bare `<hex>`) to the current form
 * (`main@sha1:<hex>`, `sha1:<hex>`); current-form revisions are returned unchanged.
 */
export function transformGitRevision(revision: string): string {
  if (!revision || revision.includes(':')) return revision;
  const i = revision.lastIndexOf('/');
  if (i < 0) return `sha1:${revision}`;
  const ref = revision.slice(0, i);
  const hash = revision.slice(i + 1);
  return ref === 'HEAD' ? `sha1:${hash}` : `${ref}@sha1:${hash}`;
}

/** The commit hash of a revision (text after the last `:`, else after the last `/`). */
export function revisionCommit(revision: string): string {
  const c = revision.lastIndexOf(':');
  if (c >= 0) return revision.slice(c + 1);
  return revision.slice(revision.lastIndexOf('/') + 1);
}
