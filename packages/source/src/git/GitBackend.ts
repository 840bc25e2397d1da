/**
 * The small interface every Git backend implements. `fetchGitRepository` holds the Flux logic (ref
 * precedence, semver selection, revisions, no-op skip, submodules, caching); a backend only talks
 * to the remote and reads its local repository. Two ship: `isomorphicGitBackend` (default, pure
 * JavaScript) and `gitCliBackend` (the `git` executable; faster on big repositories, and SSH).
 */

/**
 * Credentials and transport settings for one remote, from a Secret (see `gitAuthFromSecret`).
 *
 * - `username`/`password`: HTTP basic auth. `bearerToken`: `Authorization: Bearer`. Never both.
 * - `caCert`: PEM bundle trusted for HTTPS in addition to the system roots (Secret key `ca.crt`).
 * - `proxy`: `address` (`http://host:port`), optional `username`/`password` (proxySecretRef).
 */
export interface GitAuth {
  username?: string;
  password?: string;
  bearerToken?: string;
  caCert?: string;
  proxy?: { address: string; username?: string; password?: string };
}

/** One ref advertised by the remote. `peeled` is the commit an annotated tag points to. */
export interface RemoteRef {
  /** Full name, e.g. `refs/heads/main`, `refs/tags/v1.0.0`, `HEAD`. */
  name: string;
  oid: string;
  peeled?: string;
}

/** A commit read from the local repository. */
export interface CommitInfo {
  oid: string;
  message: string;
  parents: string[];
  /** Committer time, epoch seconds. */
  committerTime: number;
}

/** A submodule pointer (tree entry of mode 160000) in a checked-out commit. */
export interface Gitlink {
  /** Path in the tree, `/`-separated. */
  path: string;
  oid: string;
}

/** Options every backend call takes. */
export interface BackendCallOptions {
  signal?: AbortSignal;
}

/** Options of {@link GitBackend.fetch}. */
export interface BackendFetchOptions extends BackendCallOptions {
  url: string;
  auth?: GitAuth;
  /** Local bare repository; created when missing. Kept between calls as the cache. */
  gitDir: string;
  /**
   * Full ref names to fetch (each also stored locally under the same name, so the next fetch
   * negotiates from it). Empty means every branch and tag.
   */
  refs: string[];
  /** History depth; `undefined` means full history. */
  depth?: number;
}

/** Options of {@link GitBackend.checkout}. */
export interface BackendCheckoutOptions extends BackendCallOptions {
  gitDir: string;
  /** Commit to write out. */
  oid: string;
  /** Empty target directory. */
  dir: string;
}

/**
 * A Git implementation. Errors are `SourceError`s: `AuthenticationFailed` (401/403),
 * `RepositoryNotFound` (404), `GitOperationFailed` (transport and anything else),
 * `UnsupportedFeature` (e.g. SSH on isomorphic-git).
 */
export interface GitBackend {
  /** `isomorphic-git` or `git-cli`. */
  readonly name: string;
  /** Advertised refs, annotated tags with `peeled` set (`git ls-remote`). */
  listRemoteRefs(options: BackendCallOptions & { url: string; auth?: GitAuth }): Promise<RemoteRef[]>;
  /** Fetches refs into the local repository at `gitDir`. */
  fetch(options: BackendFetchOptions): Promise<void>;
  /** Reads a commit, or `undefined` when the repository does not have it. */
  readCommit(options: BackendCallOptions & { gitDir: string; oid: string }): Promise<CommitInfo | undefined>;
  /** True when `ancestor` is `oid` or reachable from it through parents. */
  isAncestor(
    options: BackendCallOptions & { gitDir: string; ancestor: string; oid: string },
  ): Promise<boolean>;
  /**
   * Writes the tree of a commit into `dir`: regular files (mode 644 or 755), symlinks, directories;
   * submodule pointers are not filled but returned.
   */
  checkout(options: BackendCheckoutOptions): Promise<{ gitlinks: Gitlink[] }>;
}
