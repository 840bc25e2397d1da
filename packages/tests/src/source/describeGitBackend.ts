/**
 * The Git source contract, written once and run against every `GitBackend` (STYLE 21): every ref
 * kind with Flux's precedence and revision formats, auth, the no-op skip, ignore rules, include,
 * submodules, determinism, and hostile inputs, against the real smart-HTTP server.
 */
import { existsSync, mkdtempSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isGitOpsKitError } from '@gitops-kit/core';
import {
  type ArtifactStorage,
  type FetchGitRepositoryOptions,
  type GitBackend,
  type SecretLike,
  createArtifactStorage,
  extractArtifact,
  fetchGitRepository,
  gitAuthFromSecret,
} from '@gitops-kit/source';
import { beforeAll, describe, expect, it } from 'vitest';
import { type MainFixture, WorkRepo, makeMainFixture, repoUrl } from './gitFixtures.js';

export interface GitBackendContractEnv {
  /** Base URL of the open server. */
  gitUrl: string;
  /** Base URL of the same repositories behind Basic auth `gitops-kit`/`gitops-kit-secret`, if running. */
  authUrl?: string;
}

const tmp = (p: string) => mkdtempSync(join(tmpdir(), `gitops-kit-${p}-`));

async function listFiles(storage: ArtifactStorage, path: string): Promise<{ dir: string; files: string[] }> {
  const dir = join(tmp('extract'), 'out');
  await extractArtifact({ file: storage.localPath({ path }), dir });
  const files: string[] = [];
  const walk = (rel: string) => {
    for (const e of readdirSync(join(dir, rel), { withFileTypes: true })) {
      const p = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) walk(p);
      else files.push(p);
    }
  };
  walk('');
  return { dir, files: files.sort() };
}

async function code(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return 'no error';
  } catch (e) {
    return isGitOpsKitError(e) ? e.code : `untyped: ${String(e)}`;
  }
}

/** Runs the contract for one backend. `env()` is read in `beforeAll` (after services start). */
export function describeGitBackend(
  name: string,
  makeBackend: () => GitBackend,
  env: () => GitBackendContractEnv,
): void {
  describe(`GitBackend contract: ${name}`, () => {
    let fx: MainFixture;
    let storage: ArtifactStorage;
    let backend: GitBackend;
    let fetch: (o: Partial<FetchGitRepositoryOptions>) => ReturnType<typeof fetchGitRepository>;

    beforeAll(() => {
      fx = makeMainFixture(env().gitUrl);
      backend = makeBackend();
      storage = createArtifactStorage({ basePath: tmp('store') });
      fetch = (o) => fetchGitRepository({ url: fx.url, storage, backend, owner: { name: 'fixture' }, ...o });
    }, 120_000);

    describe('refs and revisions', () => {
      it.each([
        { name: 'branch', ref: { branch: 'main' }, want: () => `main@sha1:${fx.head}` },
        {
          name: 'branch with a slash',
          ref: { branch: 'feature/x' },
          want: () => `feature/x@sha1:${fx.feature}`,
        },
        { name: 'no ref: Flux default branch master', ref: undefined, want: () => `master@sha1:${fx.c1}` },
        { name: 'lightweight tag', ref: { tag: 'v0.1.0' }, want: () => `v0.1.0@sha1:${fx.c1}` },
        {
          name: 'annotated tag peels to its commit',
          ref: { tag: 'v1.0.0' },
          want: () => `v1.0.0@sha1:${fx.c2}`,
        },
        {
          name: 'semver: highest release match',
          ref: { semver: '>=1.0.0 <2.0.0' },
          want: () => `v1.1.0@sha1:${fx.c3}`,
        },
        {
          name: 'semver: prerelease only when asked',
          ref: { semver: '>=1.2.0-0 <2.0.0' },
          want: () => `v1.2.0-rc.1@sha1:${fx.c3}`,
        },
        {
          name: 'semver: tie broken by newest commit',
          ref: { semver: '>=3.0.0' },
          want: () => `v3.0.0+a@sha1:${fx.head}`,
        },
        {
          name: 'name: pull request ref',
          ref: { name: 'refs/pull/1/head' },
          want: () => `refs/pull/1/head@sha1:${fx.pull}`,
        },
        {
          name: 'name: full branch ref',
          ref: { name: 'refs/heads/feature/x' },
          want: () => `refs/heads/feature/x@sha1:${fx.feature}`,
        },
        {
          name: 'name: annotated tag ref',
          ref: { name: 'refs/tags/v1.0.0' },
          want: () => `refs/tags/v1.0.0@sha1:${fx.c2}`,
        },
        { name: 'commit alone', ref: () => ({ commit: fx.c1 }), want: () => `sha1:${fx.c1}` },
        {
          name: 'commit on a branch (deep history)',
          ref: () => ({ commit: fx.c1, branch: 'main' }),
          want: () => `main@sha1:${fx.c1}`,
        },
        {
          name: 'precedence: commit beats name/tag',
          ref: () => ({ commit: fx.c2, name: 'refs/pull/1/head', tag: 'v0.1.0' }),
          want: () => `sha1:${fx.c2}`,
        },
        {
          name: 'precedence: name beats tag',
          ref: { name: 'refs/heads/master', tag: 'v1.0.0' },
          want: () => `refs/heads/master@sha1:${fx.c1}`,
        },
        {
          name: 'precedence: tag beats semver (code, not docs)',
          ref: { tag: 'v0.1.0', semver: '>=1.0.0' },
          want: () => `v0.1.0@sha1:${fx.c1}`,
        },
        {
          name: 'precedence: semver beats branch',
          ref: { semver: '1.0.x', branch: 'main' },
          want: () => `v1.0.0@sha1:${fx.c2}`,
        },
      ])('$name', async ({ ref, want }) => {
        const r = await fetch({ ref: typeof ref === 'function' ? ref() : ref });
        expect(r.status).toBe('stored');
        expect(r.revision).toBe(want());
        expect(r.artifact.revision).toBe(want());
        expect(r.artifact.digest).toMatch(/^sha256:[0-9a-f]{64}$/);
        expect(r.artifact.path).toBe(`gitrepository/default/fixture/${r.revision.split(':').pop()}.tar.gz`);
        expect(r.artifact.size).toBe(statSync(storage.localPath(r.artifact)).size);
      });

      it.each([
        { name: 'missing branch', ref: { branch: 'nope' }, want: 'ReferenceNotFound' },
        { name: 'missing tag', ref: { tag: 'v9.9.9' }, want: 'ReferenceNotFound' },
        { name: 'missing ref name', ref: { name: 'refs/pull/999/head' }, want: 'ReferenceNotFound' },
        { name: 'semver without match', ref: { semver: '>=9.0.0' }, want: 'ReferenceNotFound' },
        { name: 'bad semver', ref: { semver: 'not a range' }, want: 'InvalidReference' },
        { name: 'short commit', ref: { commit: 'abc123' }, want: 'InvalidReference' },
        { name: 'unknown commit', ref: { commit: 'f'.repeat(40) }, want: 'ReferenceNotFound' },
        {
          name: 'commit not on branch',
          ref: () => ({ commit: fx.feature, branch: 'main' }),
          want: 'ReferenceNotFound',
        },
        { name: 'ref name with a trailing slash', ref: { name: 'refs/heads/' }, want: 'InvalidReference' },
      ])('$name -> $want', async ({ ref, want }) => {
        expect(await code(fetch({ ref: typeof ref === 'function' ? ref() : ref }))).toBe(want);
      });
    });

    describe('artifact content', () => {
      it('applies the default exclusions, keeps modes normalised', async () => {
        const r = await fetch({ ref: { branch: 'main' } });
        const { files, dir } = await listFiles(storage, r.artifact.path);
        expect(files).toEqual(['README.md', 'big.bin', 'deploy/app.yaml', 'history/counter.txt', 'run.sh']);
        expect(statSync(join(dir, 'run.sh')).mode & 0o777).toBe(0o700);
        expect(statSync(join(dir, 'big.bin')).size).toBe(2 * 1024 * 1024);
      });

      it('spec.ignore replaces the defaults (Flux fact 4) and applies gitignore rules', async () => {
        const r = await fetch({ ref: { branch: 'main' }, ignore: '/big.bin\nhistory/\n' });
        const { files } = await listFiles(storage, r.artifact.path);
        expect(files).toEqual([
          '.github/workflows/ci.yaml',
          'README.md',
          'deploy/app.yaml',
          'logo.png',
          'run.sh',
        ]);
      });

      it('.sourceignore files anywhere, scoped to their directory', async () => {
        const w = new WorkRepo();
        w.write({
          '.sourceignore': '*.md\n',
          'apps/.sourceignore': '/local.yaml\n!keep.md\n',
          'apps/local.yaml': 'a',
          'apps/keep.md': 'k',
          'apps/x/local.yaml': 'b',
          'README.md': 'r',
          'img.png': 'p',
        });
        w.commit('ignores');
        const url = repoUrl(env().gitUrl, 'ignores');
        w.push(url);
        const r = await fetchGitRepository({ url, ref: { branch: 'main' }, storage, backend });
        const { files } = await listFiles(storage, r.artifact.path);
        expect(files).toEqual([
          '.sourceignore',
          'apps/.sourceignore',
          'apps/keep.md',
          'apps/x/local.yaml',
          'img.png',
        ]);
      });

      it('same commit twice (fresh caches) -> identical digest; a changed ignored file -> same digest', async () => {
        const a = await fetch({ ref: { commit: fx.c3 }, cacheDir: tmp('cache') });
        const b = await fetch({ ref: { commit: fx.c3 }, cacheDir: tmp('cache') });
        expect(b.artifact.digest).toBe(a.artifact.digest);
        const w = new WorkRepo();
        w.write({ 'app.yaml': 'a: 1\n', 'logo.png': 'one' });
        w.commit('one');
        const url = repoUrl(env().gitUrl, 'determinism');
        w.push(url);
        const first = await fetchGitRepository({ url, ref: { branch: 'main' }, storage, backend });
        w.write({ 'logo.png': 'two' });
        w.commit('only an ignored file changed');
        w.push(url);
        const second = await fetchGitRepository({ url, ref: { branch: 'main' }, storage, backend });
        expect(second.revision).not.toBe(first.revision);
        expect(second.artifact.digest).toBe(first.artifact.digest);
      });
    });

    describe('no-op and cache', () => {
      it('skips the fetch when the remote head is unchanged, fetches again after a push', async () => {
        const w = new WorkRepo();
        w.write({ 'a.yaml': 'a: 1\n' });
        const c1 = w.commit('one');
        const url = repoUrl(env().gitUrl, 'noop');
        w.push(url);
        const cacheDir = tmp('cache');
        const first = await fetchGitRepository({ url, ref: { branch: 'main' }, storage, backend, cacheDir });
        expect(first.status).toBe('stored');
        const again = await fetchGitRepository({
          url,
          ref: { branch: 'main' },
          storage,
          backend,
          cacheDir,
          lastArtifact: first.artifact,
        });
        expect(again).toMatchObject({ status: 'unchanged', revision: `main@sha1:${c1}` });
        w.write({ 'a.yaml': 'a: 2\n' });
        const c2 = w.commit('two');
        w.push(url);
        const third = await fetchGitRepository({
          url,
          ref: { branch: 'main' },
          storage,
          backend,
          cacheDir,
          lastArtifact: first.artifact,
        });
        expect(third).toMatchObject({ status: 'stored', revision: `main@sha1:${c2}` });
        expect(third.artifact.digest).not.toBe(first.artifact.digest);
        // The legacy revision form is understood too.
        const legacy = { ...third.artifact, revision: `main/${c2}` };
        expect(
          (await fetchGitRepository({ url, ref: { branch: 'main' }, storage, backend, lastArtifact: legacy }))
            .status,
        ).toBe('unchanged');
      });

      it('does not skip when the stored artifact is gone', async () => {
        const r = await fetch({ ref: { tag: 'v0.1.0' } });
        const missing = { ...r.artifact, path: 'gitrepository/default/fixture/gone.tar.gz' };
        expect((await fetch({ ref: { tag: 'v0.1.0' }, lastArtifact: missing })).status).toBe('stored');
      });
    });

    describe('include and submodules', () => {
      it('copies another artifact into toPath', async () => {
        const inc = await fetch({ ref: { tag: 'v0.1.0' } });
        const w = new WorkRepo();
        w.write({ 'base.yaml': 'b: 1\n' });
        w.commit('base');
        const url = repoUrl(env().gitUrl, 'includer');
        w.push(url);
        const r = await fetchGitRepository({
          url,
          ref: { branch: 'main' },
          storage,
          backend,
          include: [{ artifact: inc.artifact, fromPath: 'deploy', toPath: 'vendored/app' }],
        });
        const { files } = await listFiles(storage, r.artifact.path);
        expect(files).toEqual(['base.yaml', 'vendored/app/app.yaml']);
        const missing = { ...inc.artifact, path: 'gitrepository/default/fixture/none.tar.gz' };
        expect(
          await code(
            fetchGitRepository({
              url,
              storage,
              backend,
              ref: { branch: 'main' },
              include: [{ artifact: missing, toPath: 'x' }],
            }),
          ),
        ).toBe('IncludeUnavailable');
      });

      it('recurseSubmodules checks out submodules at their pinned commit', async () => {
        const lib = new WorkRepo();
        lib.write({ 'lib.yaml': 'lib: 1\n' });
        const libCommit = lib.commit('lib');
        const libUrl = repoUrl(env().gitUrl, 'lib');
        lib.push(libUrl);
        lib.write({ 'lib.yaml': 'lib: 2\n' });
        lib.commit('lib moves on');
        lib.push(libUrl);
        const url = `${libUrl.slice(0, libUrl.lastIndexOf('/'))}/super-${libUrl.split('/').pop()}`;
        const sup = new WorkRepo();
        sup.git('remote', 'add', 'origin', url);
        sup.write({ 'app.yaml': 'app: 1\n' });
        sup.commit('app');
        sup.git('submodule', 'add', '-q', `../${libUrl.split('/').pop()}`, 'vendor/lib');
        sup.git('-C', 'vendor/lib', 'checkout', '-q', libCommit);
        sup.commit('add submodule');
        sup.push(url);
        const without = await fetchGitRepository({ url, ref: { branch: 'main' }, storage, backend });
        expect((await listFiles(storage, without.artifact.path)).files).toEqual(['app.yaml']);
        const withSub = await fetchGitRepository({
          url,
          ref: { branch: 'main' },
          storage,
          backend,
          recurseSubmodules: true,
        });
        const { files, dir } = await listFiles(storage, withSub.artifact.path);
        expect(files).toEqual(['app.yaml', 'vendor/lib/lib.yaml']);
        expect(readFileSync(join(dir, 'vendor/lib/lib.yaml'), 'utf8')).toBe('lib: 1\n');
      });
    });

    describe('auth', () => {
      const authed = (auth: Parameters<typeof gitAuthFromSecret>[0]) => ({
        url: fx.url.replace(env().gitUrl, env().authUrl ?? ''),
        auth: gitAuthFromSecret(auth),
        ref: { branch: 'main' },
      });
      it('basic auth from a Secret succeeds', async (t) => {
        if (!env().authUrl) t.skip();
        const r = await fetch(
          authed({ secret: { data: { username: btoa('gitops-kit'), password: btoa('gitops-kit-secret') } } }),
        );
        expect(r.revision).toBe(`main@sha1:${fx.head}`);
      });
      it.each([
        {
          name: 'wrong password',
          secret: { stringData: { username: 'gitops-kit', password: 'wrong' } } as SecretLike,
        },
        { name: 'no credentials', secret: undefined },
        {
          name: 'bearer token on a basic-auth server',
          secret: { stringData: { bearerToken: 'tok' } } as SecretLike,
        },
      ])('$name -> AuthenticationFailed, nothing stored', async ({ secret }) => {
        if (!env().authUrl) return;
        const store = createArtifactStorage({ basePath: tmp('store') });
        const workDir = tmp('work');
        expect(await code(fetch({ ...authed({ secret }), storage: store, workDir }))).toBe(
          'AuthenticationFailed',
        );
        expect(readdirSync(store.basePath)).toEqual([]);
        expect(readdirSync(workDir)).toEqual([]);
      });
    });

    describe('hostile and broken inputs', () => {
      it.each([
        { name: 'malformed URL', url: 'not a url', want: 'InvalidURL' },
        { name: 'scp-style URL', url: 'git@example.com:org/repo.git', want: 'InvalidURL' },
        { name: 'unsupported scheme', url: 'file:///etc', want: 'InvalidURL' },
        { name: 'unreachable host', url: 'http://127.0.0.1:9/org/repo.git', want: 'GitOperationFailed' },
        { name: 'missing repository', url: '', want: 'RepositoryNotFound' },
      ])('$name -> $want, nothing written', async ({ url, want }) => {
        const store = createArtifactStorage({ basePath: tmp('store') });
        const workDir = tmp('work');
        const target = url || `${env().gitUrl}/source-tests/does-not-exist-${Date.now()}.git`;
        expect(await code(fetch({ url: target, storage: store, workDir, ref: { branch: 'main' } }))).toBe(
          want,
        );
        expect(readdirSync(store.basePath)).toEqual([]);
        expect(readdirSync(workDir)).toEqual([]);
      });

      it('a timeout is typed and cleans up', async () => {
        const workDir = tmp('work');
        expect(await code(fetch({ ref: { commit: fx.c1 }, timeoutMs: 1, workDir }))).toBe('Timeout');
        expect(readdirSync(workDir)).toEqual([]);
        expect(existsSync(workDir)).toBe(true);
      });
    });
  });
}
