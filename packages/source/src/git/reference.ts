import { SourceError } from '../errors.js';
import { checkSemVer, parseSemVerConstraint } from '../semver/constraint.js';
import { type SemVer, compareSemVer, parseLooseVersion } from '../semver/version.js';
import type { RemoteRef } from './GitBackend.js';

/**
 * `spec.ref` of a GitRepository. When several are set, Flux's code (not its docs) decides:
 * `commit` > `name` > `tag` > `semver` > `branch`; `commit` with `branch` checks the commit is on
 * that branch. Nothing set means branch {@link DefaultBranch}.
 *
 * @see https://github.com/fluxcd/pkg/blob/main/git/gogit/client.go `clone`
 */
export interface GitRepositoryRef {
  branch?: string;
  tag?: string;
  /** Masterminds constraint over tags, e.g. `>=1.0.0 <2.0.0`. */
  semver?: string;
  /** Any full ref, e.g. `refs/pull/1/head`, `refs/tags/v1^{}`. */
  name?: string;
  /** 40-hex commit SHA-1. */
  commit?: string;
}

/** Branch used when `spec.ref` sets nothing (fluxcd/pkg `git.DefaultBranch`). */
export const DefaultBranch = 'master';

/** A tag selected by a semver constraint. */
export interface SemverCandidate {
  tag: string;
  ref: string;
  commit: string;
  version: SemVer;
}

/**
 * What to fetch for a ref, decided from the remote's advertised refs:
 * - `ref`: fetch one ref shallowly; `commit` is the commit to check out (peeled for annotated tags),
 *   `revisionRef` + `absolute` give the revision string.
 * - `commit`: a pinned commit, fetched with full history (of `branch` when given).
 * - `semver`: several tags share the highest precedence; the newest committer time wins, which
 *   needs the commits (Flux's tie-break).
 */
export type CheckoutPlan =
  | { kind: 'ref'; ref: string; commit: string; revisionRef: string; absolute: boolean }
  | { kind: 'commit'; commit: string; branch?: string }
  | { kind: 'semver'; candidates: SemverCandidate[] };

const notFound = (msg: string, fieldPath: string) =>
  new SourceError('ReferenceNotFound', msg, { data: { fieldPath } });

/**
 * The remote commit of a ref as Flux's `filterRefs` finds it: the `^{}` peeled commit for an
 * annotated tag, else the ref's own oid; `undefined` when the remote does not have it.
 */
export function findRemoteRef(refs: readonly RemoteRef[], name: string): string | undefined {
  const isTag = name.startsWith('refs/tags/');
  const base = name.endsWith('^{}') ? name.slice(0, -3) : name;
  const r = refs.find((x) => x.name === base);
  if (!r) return undefined;
  if (isTag) return r.peeled ?? r.oid;
  return r.oid;
}

/**
 * Picks the tags matching a semver constraint, as Flux does: loose-parse every tag (three dot
 * parts), keep those satisfying the constraint, order by precedence, and return the highest ones
 * (several when they tie, e.g. differing only in build metadata).
 *
 * @throws {SourceError} `InvalidReference` (bad constraint), `ReferenceNotFound` (`no match found for semver: <expr>`).
 */
export function selectSemverTags(refs: readonly RemoteRef[], constraint: string): SemverCandidate[] {
  const c = parseSemVerConstraint(constraint);
  const matched: SemverCandidate[] = [];
  for (const r of refs) {
    if (!r.name.startsWith('refs/tags/')) continue;
    const tag = r.name.slice('refs/tags/'.length);
    const version = parseLooseVersion(tag);
    if (!version || !checkSemVer(c, version)) continue;
    matched.push({ tag, ref: r.name, commit: r.peeled ?? r.oid, version });
  }
  if (!matched.length) throw notFound(`no match found for semver: ${constraint}`, 'spec.ref.semver');
  matched.sort((a, b) => compareSemVer(a.version, b.version));
  const top = matched[matched.length - 1]!;
  return matched.filter((m) => compareSemVer(m.version, top.version) === 0);
}

/**
 * Decides what to fetch for `ref` given the remote's refs (Flux's clone dispatch, in code order).
 *
 * @throws {SourceError} `InvalidReference`, `ReferenceNotFound`.
 */
export function planCheckout(ref: GitRepositoryRef | undefined, remote: readonly RemoteRef[]): CheckoutPlan {
  const r = ref ?? {};
  if (r.commit) {
    if (!/^[0-9a-f]{40}$/.test(r.commit)) {
      throw new SourceError('InvalidReference', `commit '${r.commit}' is not a 40-character hex SHA-1`, {
        data: { fieldPath: 'spec.ref.commit' },
      });
    }
    return { kind: 'commit', commit: r.commit, ...(r.branch ? { branch: r.branch } : {}) };
  }
  if (r.name) {
    if (r.name.startsWith('/') || r.name.endsWith('/')) {
      throw new SourceError(
        'InvalidReference',
        `ref ${r.name} is invalid; Git refs cannot begin or end with a slash '/'`,
        {
          data: { fieldPath: 'spec.ref.name' },
        },
      );
    }
    const commit = findRemoteRef(remote, r.name);
    if (!commit) throw notFound(`unable to resolve ref '${r.name}' to a specific commit`, 'spec.ref.name');
    const fetchRef = r.name.endsWith('^{}') ? r.name.slice(0, -3) : r.name;
    return { kind: 'ref', ref: fetchRef, commit, revisionRef: r.name, absolute: true };
  }
  if (r.tag) {
    const full = `refs/tags/${r.tag}`;
    const commit = findRemoteRef(remote, full);
    if (!commit) throw notFound(`couldn't find remote ref '${full}'`, 'spec.ref.tag');
    return { kind: 'ref', ref: full, commit, revisionRef: full, absolute: false };
  }
  if (r.semver) {
    const candidates = selectSemverTags(remote, r.semver);
    if (candidates.length === 1) {
      const c = candidates[0]!;
      return { kind: 'ref', ref: c.ref, commit: c.commit, revisionRef: c.ref, absolute: false };
    }
    return { kind: 'semver', candidates };
  }
  const branch = r.branch || DefaultBranch;
  const full = `refs/heads/${branch}`;
  const commit = findRemoteRef(remote, full);
  if (!commit) throw notFound(`couldn't find remote ref '${full}'`, 'spec.ref.branch');
  return { kind: 'ref', ref: full, commit, revisionRef: full, absolute: false };
}
