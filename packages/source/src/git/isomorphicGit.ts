import * as nodeFs from 'node:fs';
import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import git from 'isomorphic-git';
import { SourceError } from '../errors.js';
import type { CommitInfo, GitBackend, Gitlink, RemoteRef } from './GitBackend.js';
import { createGitHttpClient } from './httpClient.js';
import { redactUrl } from './url.js';

/** Options of {@link isomorphicGitBackend}. */
export interface IsomorphicGitBackendOptions {
  /** Files written concurrently during checkout. Default {@link isomorphicGitBackendDefaults}.checkoutConcurrency. */
  checkoutConcurrency?: number;
}

/** Defaults of {@link IsomorphicGitBackendOptions}. */
export const isomorphicGitBackendDefaults = {
  checkoutConcurrency: 32,
} as const;

function httpOnly(url: string): void {
  if (!/^https?:\/\//i.test(url)) {
    throw new SourceError(
      'UnsupportedFeature',
      `isomorphic-git backend supports only http(s) URLs, not '${redactUrl(url)}': use the git CLI backend for SSH`,
      { data: { feature: 'ssh', url: redactUrl(url) } },
    );
  }
}

/** Maps isomorphic-git and transport errors to `SourceError`s. */
function mapError(e: unknown, url: string | undefined, signal: AbortSignal | undefined): unknown {
  if (e instanceof SourceError) return e;
  if (signal?.aborted) return signal.reason ?? e;
  const err = e as { code?: string; message?: string; data?: { statusCode?: number } };
  const where = url ? ` for '${redactUrl(url)}'` : '';
  if (err?.code === 'HttpError') {
    const status = err.data?.statusCode ?? 0;
    if (status === 401 || status === 403) {
      return new SourceError('AuthenticationFailed', `authentication failed${where}: HTTP ${status}`, {
        cause: e,
        data: { url: url && redactUrl(url) },
      });
    }
    if (status === 404) {
      return new SourceError('RepositoryNotFound', `repository not found${where}: HTTP 404`, {
        cause: e,
        data: { url: url && redactUrl(url) },
      });
    }
    return new SourceError('GitOperationFailed', `unexpected HTTP status ${status}${where}`, {
      cause: e,
      data: { url: url && redactUrl(url) },
    });
  }
  if (err?.code === 'NotFoundError') {
    return new SourceError('ReferenceNotFound', `${err.message ?? 'not found'}${where}`, { cause: e });
  }
  const detail = err?.code && /^E[A-Z]+$/.test(err.code) ? err.code : (err?.message ?? String(e));
  return new SourceError('GitOperationFailed', `git operation failed${where}: ${detail}`, {
    cause: e,
    data: { url: url && redactUrl(url) },
  });
}

const SAFE_NAME = (name: string) =>
  name !== '' && name !== '.' && name !== '..' && !name.includes('\0') && !name.includes('\\');

/**
 * The default backend: isomorphic-git (pure JavaScript, no binary), over an HTTP client that sends
 * credentials up front and honours `caCert` and `proxy`. HTTP(S) only: SSH URLs are
 * `UnsupportedFeature`. Checkout walks the commit's tree with isomorphic-git's `walk()` and writes
 * blobs with bounded concurrency. isomorphic-git keeps whole packfiles in memory, so very large
 * repositories are faster and leaner through {@link gitCliBackend}.
 *
 * @example
 * ```ts
 * await fetchGitRepository({ url, storage, backend: isomorphicGitBackend() });
 * ```
 */
export function isomorphicGitBackend(options: IsomorphicGitBackendOptions = {}): GitBackend {
  const concurrency = options.checkoutConcurrency ?? isomorphicGitBackendDefaults.checkoutConcurrency;
  const caches = new Map<string, object>();
  const cacheFor = (gitDir: string) => {
    let c = caches.get(gitDir);
    if (!c) {
      c = {};
      caches.set(gitDir, c);
    }
    return c;
  };
  const run = async <T>(
    url: string | undefined,
    signal: AbortSignal | undefined,
    f: () => Promise<T>,
  ): Promise<T> => {
    signal?.throwIfAborted();
    try {
      return await f();
    } catch (e) {
      throw mapError(e, url, signal);
    }
  };

  return {
    name: 'isomorphic-git',

    listRemoteRefs({ url, auth, signal }) {
      httpOnly(url);
      return run(url, signal, async () => {
        const refs = await git.listServerRefs({
          http: createGitHttpClient({ auth, signal }),
          url,
          protocolVersion: 1,
          peelTags: true,
        });
        return refs.map(
          (r): RemoteRef => ({ name: r.ref, oid: r.oid, ...(r.peeled ? { peeled: r.peeled } : {}) }),
        );
      });
    },

    fetch({ url, auth, gitDir, refs, depth, signal }) {
      httpOnly(url);
      return run(url, signal, async () => {
        if (!nodeFs.existsSync(join(gitDir, 'HEAD'))) {
          await git.init({ fs: nodeFs, gitdir: gitDir, bare: true });
          // isomorphic-git records fetched refs through the remote's fetch refspec.
          await git.addRemote({ fs: nodeFs, gitdir: gitDir, remote: 'origin', url, force: true });
        }
        const http = createGitHttpClient({ auth, signal });
        const cache = cacheFor(gitDir);
        const common = { fs: nodeFs, http, gitdir: gitDir, url, cache, ...(depth ? { depth } : {}) };
        if (refs.length === 0) {
          await git.fetch({ ...common, singleBranch: false, tags: true });
          return;
        }
        for (const ref of refs) {
          const r = await git.fetch({ ...common, ref, singleBranch: true, tags: false });
          // Keep the ref locally under its own name: the next fetch sends it as a "have".
          if (r.fetchHead)
            await git.writeRef({ fs: nodeFs, gitdir: gitDir, ref, value: r.fetchHead, force: true });
        }
      });
    },

    async readCommit({ gitDir, oid, signal }) {
      signal?.throwIfAborted();
      try {
        const { commit } = await git.readCommit({ fs: nodeFs, gitdir: gitDir, oid, cache: cacheFor(gitDir) });
        return {
          oid,
          message: commit.message,
          parents: commit.parent,
          committerTime: commit.committer.timestamp,
        } satisfies CommitInfo;
      } catch (e) {
        if ((e as { code?: string }).code === 'NotFoundError') return undefined;
        throw mapError(e, undefined, signal);
      }
    },

    async isAncestor({ gitDir, ancestor, oid, signal }) {
      if (ancestor === oid) return true;
      return run(undefined, signal, async () => {
        try {
          return await git.isDescendent({
            fs: nodeFs,
            gitdir: gitDir,
            oid,
            ancestor,
            depth: -1,
            cache: cacheFor(gitDir),
          });
        } catch (e) {
          if ((e as { code?: string }).code === 'NotFoundError') return false;
          throw e;
        }
      });
    },

    checkout({ gitDir, oid, dir, signal }) {
      return run(undefined, signal, async () => {
        const gitlinks: Gitlink[] = [];
        const cache = cacheFor(gitDir);
        await git.walk({
          fs: nodeFs,
          gitdir: gitDir,
          cache,
          trees: [git.TREE({ ref: oid })],
          map: async (filepath, entries) => {
            signal?.throwIfAborted();
            const entry = entries[0];
            if (!entry) return undefined;
            if (filepath === '.') return true;
            const name = filepath.slice(filepath.lastIndexOf('/') + 1);
            if (!SAFE_NAME(name))
              throw new SourceError(
                'GitOperationFailed',
                `unsafe path '${filepath}' in tree of commit ${oid}`,
              );
            const abs = join(dir, filepath);
            const type = await entry.type();
            if (type === 'tree') {
              await fs.mkdir(abs, { recursive: true });
              return true;
            }
            if (type === 'commit') {
              gitlinks.push({ path: filepath, oid: await entry.oid() });
              await fs.mkdir(abs, { recursive: true });
              return undefined;
            }
            const mode = await entry.mode();
            const content = (await entry.content()) ?? new Uint8Array();
            if (mode === 0o120000) await fs.symlink(Buffer.from(content).toString('utf8'), abs);
            else await fs.writeFile(abs, content, { mode: mode === 0o100755 ? 0o755 : 0o644 });
            return undefined;
          },
          reduce: async () => undefined,
          iterate: async (walk, children) => {
            const list = [...children];
            for (let i = 0; i < list.length; i += concurrency) {
              await Promise.all(list.slice(i, i + concurrency).map((c) => walk(c)));
            }
            return [];
          },
        });
        return { gitlinks };
      });
    },
  };
}
