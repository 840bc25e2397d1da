import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, posix } from 'node:path';
import { type Clock, CoreError, type Logger, noopLogger, systemClock } from '@gitops-kit/core';
import { extractArtifact } from '../artifact/extract.js';
import type { Artifact } from '../artifact/types.js';
import { SourceError } from '../errors.js';
import { loadIgnorePatterns, readIgnorePatterns, sourceIgnoreFilter } from '../ignore/sourceignore.js';
import { acquireFileLock } from '../storage/fileLock.js';
import type { ArtifactStorage } from '../storage/storage.js';
import type { CommitInfo, GitAuth, GitBackend, Gitlink } from './GitBackend.js';
import { isomorphicGitBackend } from './isomorphicGit.js';
import { type GitRepositoryRef, findRemoteRef, planCheckout } from './reference.js';
import { formatGitRevision, transformGitRevision } from './revision.js';
import { parseGitUrl, redactUrl, resolveSubmoduleUrl } from './url.js';

/**
 * Another artifact copied into the checkout before packaging (GitRepository `spec.include`):
 * `fromPath` (default: the artifact root) of `artifact` goes to `toPath` in the tree, replacing it.
 * Both paths are confined to their roots as Flux's `securejoin` does (`../x` becomes `x`).
 */
export interface GitInclude {
  artifact: Artifact;
  fromPath?: string;
  toPath: string;
}

/** Options of {@link fetchGitRepository}. */
export interface FetchGitRepositoryOptions {
  /** `http(s)://` or `ssh://` URL (`spec.url`). */
  url: string;
  /** `spec.ref`; default branch `master`, as Flux. */
  ref?: GitRepositoryRef;
  /** Credentials, CA, proxy (see `gitAuthFromSecret`). */
  auth?: GitAuth;
  /** `spec.ignore`: gitignore lines, root-scoped, after every `.sourceignore`. */
  ignore?: string;
  /** `spec.recurseSubmodules`: check out submodules (recursively, up to 5 levels), same auth. */
  recurseSubmodules?: boolean;
  /** `spec.include`, resolved to stored artifacts. */
  include?: GitInclude[];
  /** Where the artifact is stored. */
  storage: ArtifactStorage;
  /** Object the artifact belongs to; kind is `GitRepository`. Default namespace `default`, name from the URL. */
  owner?: { namespace?: string; name?: string };
  /** Git implementation. Default {@link isomorphicGitBackend}. */
  backend?: GitBackend;
  /**
   * Keeps fetched repositories here between calls, so a later fetch only transfers what changed
   * (and a pinned commit already present is not fetched again). Default: none (a temporary
   * repository per call).
   */
  cacheDir?: string;
  /**
   * The object's current artifact. When the remote still points at its revision (branch, tag, name
   * or semver ref; checked with one ls-remote) and the file is in storage, nothing is fetched: the
   * result is `unchanged`. Pass it only when the content settings (ignore, include, submodules)
   * did not change since it was built, as Flux does.
   */
  lastArtifact?: Artifact;
  /** Bound on the Git operations, ms (`spec.timeout`). Default {@link fetchGitRepositoryDefaults}.timeoutMs. */
  timeoutMs?: number;
  /** Temporary directories go here. Default `os.tmpdir()`. */
  workDir?: string;
  clock?: Clock;
  logger?: Logger;
  signal?: AbortSignal;
}

/** Defaults of {@link FetchGitRepositoryOptions}. */
export const fetchGitRepositoryDefaults = {
  /** 60 s, GitRepository `spec.timeout` default. */
  timeoutMs: 60_000,
  namespace: 'default',
  /** Submodule nesting depth followed with `recurseSubmodules`. */
  maxSubmoduleDepth: 5,
} as const;

/**
 * What {@link fetchGitRepository} did: `unchanged` (the remote still points at `lastArtifact`'s
 * revision; nothing was fetched or written) or `stored` (a new artifact is in storage).
 */
export type FetchGitRepositoryResult =
  | { status: 'unchanged'; artifact: Artifact; revision: string; commit: string }
  | { status: 'stored'; artifact: Artifact; revision: string; commit: CommitInfo };

function defaultName(url: URL): string {
  const last = url.pathname.split('/').filter(Boolean).pop() ?? url.hostname;
  const name = last
    .replace(/\.git$/, '')
    .toLowerCase()
    .replace(/[^a-z0-9.-]+/g, '-')
    .replace(/^[^a-z0-9]+|[^a-z0-9]+$/g, '');
  return name || 'repository';
}

function confine(p: string | undefined): string {
  return posix.join('/', (p ?? '').replace(/\\/g, '/')).slice(1);
}

interface Ctx {
  backend: GitBackend;
  auth?: GitAuth;
  signal: AbortSignal;
  cacheDir?: string;
  workDir: string;
  clock: Clock;
  logger: Logger;
  temps: string[];
}

async function withRepo<T>(
  ctx: Ctx,
  url: string,
  flavour: 'shallow' | 'full',
  f: (gitDir: string) => Promise<T>,
): Promise<T> {
  if (!ctx.cacheDir) {
    const dir = await fs.mkdtemp(join(ctx.workDir, 'gitops-kit-repo-'));
    ctx.temps.push(dir);
    return f(join(dir, 'repo.git'));
  }
  const key = createHash('sha256').update(`${ctx.backend.name}\n${url}`).digest('hex').slice(0, 24);
  const gitDir = join(ctx.cacheDir, `${key}-${flavour}.git`);
  const unlock = await acquireFileLock(`${gitDir}.lock`, {
    clock: ctx.clock,
    timeoutMs: 10 * 60_000,
    what: `git cache of '${redactUrl(url)}'`,
    signal: ctx.signal,
  });
  try {
    return await f(gitDir);
  } finally {
    await unlock();
  }
}

async function has(ctx: Ctx, gitDir: string, oid: string): Promise<boolean> {
  return (
    (await ctx.backend.readCommit({ gitDir, oid, signal: ctx.signal }).catch(() => undefined)) !== undefined
  );
}

/** Parses `.gitmodules` (git-config syntax) into path → url. */
function parseGitmodules(text: string): Map<string, string> {
  const byName = new Map<string, { path?: string; url?: string }>();
  let current: { path?: string; url?: string } | undefined;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line || line.startsWith('#') || line.startsWith(';')) continue;
    const section = /^\[submodule\s+"(.*)"\]$/.exec(line);
    if (section) {
      current = byName.get(section[1]!) ?? {};
      byName.set(section[1]!, current);
      continue;
    }
    if (line.startsWith('[')) {
      current = undefined;
      continue;
    }
    const kv = /^([A-Za-z]+)\s*=\s*(.*)$/.exec(line);
    if (current && kv) {
      const key = kv[1]!.toLowerCase();
      const value = kv[2]!.replace(/^"(.*)"$/, '$1');
      if (key === 'path') current.path = value;
      if (key === 'url') current.url = value;
    }
  }
  const out = new Map<string, string>();
  for (const s of byName.values()) if (s.path && s.url) out.set(s.path.replace(/\/+$/, ''), s.url);
  return out;
}

async function checkoutSubmodules(
  ctx: Ctx,
  superUrl: string,
  dir: string,
  gitlinks: Gitlink[],
  depth: number,
): Promise<void> {
  if (!gitlinks.length) return;
  if (depth > fetchGitRepositoryDefaults.maxSubmoduleDepth) {
    throw new SourceError(
      'GitOperationFailed',
      `submodules nested deeper than ${fetchGitRepositoryDefaults.maxSubmoduleDepth} levels`,
    );
  }
  const modules = parseGitmodules(await fs.readFile(join(dir, '.gitmodules'), 'utf8').catch(() => ''));
  for (const link of gitlinks) {
    const rawUrl = modules.get(link.path);
    if (!rawUrl)
      throw new SourceError('GitOperationFailed', `no url for submodule '${link.path}' in .gitmodules`, {
        data: { file: '.gitmodules' },
      });
    const url = resolveSubmoduleUrl(superUrl, rawUrl);
    parseGitUrl(url);
    const target = join(dir, confine(link.path));
    const inner = await withRepo(ctx, url, 'full', async (gitDir) => {
      if (!(await has(ctx, gitDir, link.oid))) {
        await ctx.backend.fetch({ url, auth: ctx.auth, gitDir, refs: [], signal: ctx.signal });
      }
      if (!(await has(ctx, gitDir, link.oid))) {
        throw new SourceError(
          'ReferenceNotFound',
          `submodule '${link.path}': commit ${link.oid} not found in '${redactUrl(url)}'`,
        );
      }
      await fs.rm(target, { recursive: true, force: true });
      await fs.mkdir(target, { recursive: true });
      return ctx.backend.checkout({ gitDir, oid: link.oid, dir: target, signal: ctx.signal });
    });
    await checkoutSubmodules(ctx, url, target, inner.gitlinks, depth + 1);
  }
}

async function copyInclude(
  ctx: Ctx,
  storage: ArtifactStorage,
  dir: string,
  inc: GitInclude,
  index: number,
): Promise<void> {
  const file = storage.localPath(inc.artifact);
  if (!(await storage.exists(inc.artifact))) {
    throw new SourceError('IncludeUnavailable', `no artifact available for include '${inc.artifact.path}'`, {
      data: { fieldPath: `spec.include[${index}]` },
    });
  }
  const tmp = await fs.mkdtemp(join(ctx.workDir, 'gitops-kit-include-'));
  ctx.temps.push(tmp);
  await extractArtifact({ file, dir: join(tmp, 'x'), signal: ctx.signal });
  const from = join(tmp, 'x', confine(inc.fromPath));
  const to = join(dir, confine(inc.toPath));
  const st = await fs.stat(from).catch(() => undefined);
  if (!st) {
    throw new SourceError(
      'StorageOperationFailed',
      `failed to copy include from ${inc.fromPath ?? '.'}: path not found in artifact`,
      {
        data: { fieldPath: `spec.include[${index}].fromPath` },
      },
    );
  }
  await fs.rm(to, { recursive: true, force: true });
  await fs.cp(from, to, { recursive: true, verbatimSymlinks: true });
}

/**
 * Fetches a Git repository at a ref and stores it as a deterministic `tar.gz` artifact, as
 * source-controller's GitRepository reconcile does: resolve the ref against the remote (one
 * ls-remote), skip everything when it still points at `lastArtifact` (Flux's no-op clone), else
 * shallow-fetch (depth 1; full history for pinned commits) into the cache, check the commit out,
 * add submodules and includes, apply `.sourceignore` / `spec.ignore` / default exclusions, and
 * archive to `<storage>/gitrepository/<namespace>/<name>/<commit>.tar.gz`.
 *
 * Revisions: `<branch>@sha1:<hex>`, `<tag>@sha1:<hex>` (semver too), `<full ref>@sha1:<hex>` for
 * `ref.name`, `sha1:<hex>` for a commit alone, `<branch>@sha1:<hex>` for commit + branch.
 *
 * @throws {SourceError} `InvalidURL`, `InvalidReference`, `ReferenceNotFound`, `RepositoryNotFound`,
 *   `EmptyRepository`, `AuthenticationFailed`, `GitOperationFailed`, `UnsupportedFeature`, `Timeout`,
 *   `IncludeUnavailable`, `StorageOperationFailed`, `LockTimeout`.
 * @throws {CoreError} `Aborted` when `signal` aborts.
 * @see https://github.com/fluxcd/source-controller/blob/main/internal/controller/gitrepository_controller.go
 * @see https://github.com/fluxcd/pkg/blob/main/git/gogit/clone.go
 * @example
 * ```ts
 * const storage = createArtifactStorage({ basePath: './artifacts' });
 * const r = await fetchGitRepository({ url: 'https://example.com/org/app.git', ref: { branch: 'main' }, storage });
 * if (r.status === 'stored') console.log(r.artifact.revision, r.artifact.digest);
 * ```
 */
export async function fetchGitRepository(
  options: FetchGitRepositoryOptions,
): Promise<FetchGitRepositoryResult> {
  const parsed = parseGitUrl(options.url);
  const url = options.url;
  const clock = options.clock ?? systemClock;
  const logger = options.logger ?? noopLogger;
  const backend = options.backend ?? isomorphicGitBackend();
  const timeoutMs = options.timeoutMs ?? fetchGitRepositoryDefaults.timeoutMs;
  const namespace = options.owner?.namespace ?? fetchGitRepositoryDefaults.namespace;
  const name = options.owner?.name ?? defaultName(parsed);
  const storage = options.storage;

  const controller = new AbortController();
  const stopTimer = new AbortController();
  const onAbort = () =>
    controller.abort(
      new CoreError('Aborted', `fetch of '${redactUrl(url)}' aborted`, { cause: options.signal?.reason }),
    );
  if (options.signal?.aborted) onAbort();
  options.signal?.addEventListener('abort', onAbort, { once: true });
  clock
    .sleep(timeoutMs, { signal: stopTimer.signal })
    .then(() =>
      controller.abort(
        new SourceError(
          'Timeout',
          `git operation on '${redactUrl(url)}' did not finish within ${timeoutMs}ms`,
          {
            data: { fieldPath: 'spec.timeout' },
          },
        ),
      ),
    )
    .catch(() => {});

  const ctx: Ctx = {
    backend,
    auth: options.auth,
    signal: controller.signal,
    cacheDir: options.cacheDir,
    workDir: options.workDir ?? tmpdir(),
    clock,
    logger,
    temps: [],
  };
  try {
    if (ctx.cacheDir) await fs.mkdir(ctx.cacheDir, { recursive: true });
    const remote = await backend.listRemoteRefs({ url, auth: options.auth, signal: ctx.signal });
    if (!remote.some((r) => r.name.startsWith('refs/'))) {
      throw new SourceError('EmptyRepository', `git repository is empty: '${redactUrl(url)}'`);
    }
    let plan = planCheckout(options.ref, remote);

    // Flux's optimised clone: the remote still points at the stored revision.
    if (plan.kind === 'ref' && options.lastArtifact) {
      const revision = formatGitRevision({
        ref: plan.revisionRef,
        commit: plan.commit,
        absolute: plan.absolute,
      });
      if (
        transformGitRevision(options.lastArtifact.revision) === revision &&
        (await storage.exists(options.lastArtifact))
      ) {
        logger.debug('no changes since last reconciliation', { url: redactUrl(url), revision });
        return { status: 'unchanged', artifact: options.lastArtifact, revision, commit: plan.commit };
      }
    }

    const dir = await fs.mkdtemp(join(ctx.workDir, 'gitops-kit-checkout-'));
    ctx.temps.push(dir);

    const checkedOut = await withRepo(
      ctx,
      url,
      plan.kind === 'commit' ? 'full' : 'shallow',
      async (gitDir) => {
        if (plan.kind === 'semver') {
          // Equal precedence (e.g. build metadata only): the newest committer time wins, as Flux.
          const timed: { c: (typeof plan.candidates)[number]; t: number }[] = [];
          for (const c of plan.candidates) {
            if (!(await has(ctx, gitDir, c.commit)))
              await backend.fetch({
                url,
                auth: options.auth,
                gitDir,
                refs: [c.ref],
                depth: 1,
                signal: ctx.signal,
              });
            const info = await backend.readCommit({ gitDir, oid: c.commit, signal: ctx.signal });
            timed.push({ c, t: info?.committerTime ?? 0 });
          }
          const best = timed.sort((a, b) => a.t - b.t)[timed.length - 1]!.c;
          plan = { kind: 'ref', ref: best.ref, commit: best.commit, revisionRef: best.ref, absolute: false };
        }
        let revision: string;
        let oid: string;
        if (plan.kind === 'commit') {
          oid = plan.commit;
          if (plan.branch) {
            const branchRef = `refs/heads/${plan.branch}`;
            const head = findRemoteRef(remote, branchRef);
            if (!head)
              throw new SourceError('ReferenceNotFound', `couldn't find remote ref '${branchRef}'`, {
                data: { fieldPath: 'spec.ref.branch' },
              });
            const reachable = async () =>
              (await has(ctx, gitDir, oid)) &&
              backend.isAncestor({ gitDir, ancestor: oid, oid: head, signal: ctx.signal });
            if (!(await has(ctx, gitDir, head)) || !(await reachable())) {
              await backend.fetch({ url, auth: options.auth, gitDir, refs: [branchRef], signal: ctx.signal });
            }
            if (!(await reachable())) {
              throw new SourceError(
                'ReferenceNotFound',
                `unable to resolve commit object for '${oid}' on branch '${plan.branch}'`,
                {
                  data: { fieldPath: 'spec.ref.commit' },
                },
              );
            }
            revision = formatGitRevision({ ref: branchRef, commit: oid });
          } else {
            if (!(await has(ctx, gitDir, oid)))
              await backend.fetch({ url, auth: options.auth, gitDir, refs: [], signal: ctx.signal });
            if (!(await has(ctx, gitDir, oid))) {
              throw new SourceError('ReferenceNotFound', `unable to resolve commit object for '${oid}'`, {
                data: { fieldPath: 'spec.ref.commit' },
              });
            }
            revision = formatGitRevision({ commit: oid });
          }
        } else {
          oid = plan.commit;
          if (!(await has(ctx, gitDir, oid))) {
            await backend.fetch({
              url,
              auth: options.auth,
              gitDir,
              refs: [plan.ref],
              depth: 1,
              signal: ctx.signal,
            });
          }
          revision = formatGitRevision({ ref: plan.revisionRef, commit: oid, absolute: plan.absolute });
        }
        const commit = await backend.readCommit({ gitDir, oid, signal: ctx.signal });
        if (!commit)
          throw new SourceError(
            'GitOperationFailed',
            `commit ${oid} missing after fetch from '${redactUrl(url)}'`,
          );
        const { gitlinks } = await backend.checkout({ gitDir, oid, dir, signal: ctx.signal });
        return { revision, commit, gitlinks };
      },
    );

    if (options.recurseSubmodules) await checkoutSubmodules(ctx, url, dir, checkedOut.gitlinks, 1);
    for (const [i, inc] of (options.include ?? []).entries()) await copyInclude(ctx, storage, dir, inc, i);

    const groups = await loadIgnorePatterns({ dir, signal: ctx.signal });
    if (options.ignore !== undefined) groups.push(readIgnorePatterns(options.ignore));
    const filter = sourceIgnoreFilter(groups);

    const artifact = storage.artifactFor({
      kind: 'GitRepository',
      namespace,
      name,
      revision: checkedOut.revision,
      fileName: `${checkedOut.commit.oid}.tar.gz`,
    });
    const unlock = await storage.lock(artifact, { signal: ctx.signal });
    try {
      const stored = await storage.archive(artifact, dir, { filter, signal: ctx.signal });
      logger.info('stored artifact', { revision: stored.revision, digest: stored.digest });
      return { status: 'stored', artifact: stored, revision: checkedOut.revision, commit: checkedOut.commit };
    } finally {
      await unlock();
    }
  } catch (e) {
    // An abort or timeout surfaces as whatever the interrupted step threw; report the reason.
    if (controller.signal.aborted) throw controller.signal.reason;
    throw e;
  } finally {
    stopTimer.abort();
    options.signal?.removeEventListener('abort', onAbort);
    for (const t of ctx.temps) await fs.rm(t, { recursive: true, force: true }).catch(() => {});
  }
}
