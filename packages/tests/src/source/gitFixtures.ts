/**
 * Test repositories for the Git source contract, built with the real `git` CLI and pushed to the
 * real smart-HTTP server (`git-http`), which creates them on first push.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, mkdirSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';

let clock = 1_700_000_000;

/** A local working repository with a deterministic identity and increasing commit times. */
export class WorkRepo {
  readonly dir = mkdtempSync(join(tmpdir(), 'gitops-kit-fixture-'));
  constructor(branch = 'main') {
    this.git('init', '-q', '-b', branch, '.');
  }
  git(...args: string[]): string {
    clock += 60;
    const date = `${clock} +0000`;
    return execFileSync('git', args, {
      cwd: this.dir,
      encoding: 'utf8',
      env: {
        PATH: process.env.PATH ?? '',
        HOME: this.dir,
        GIT_CONFIG_NOSYSTEM: '1',
        GIT_AUTHOR_NAME: 'Fixture',
        GIT_AUTHOR_EMAIL: 'fixture@example.com',
        GIT_COMMITTER_NAME: 'Fixture',
        GIT_COMMITTER_EMAIL: 'fixture@example.com',
        GIT_AUTHOR_DATE: date,
        GIT_COMMITTER_DATE: date,
        GIT_TERMINAL_PROMPT: '0',
      },
      maxBuffer: 64 * 1024 * 1024,
    }).trim();
  }
  write(files: Record<string, string | Buffer>): this {
    for (const [p, c] of Object.entries(files)) {
      mkdirSync(join(this.dir, p, '..'), { recursive: true });
      writeFileSync(join(this.dir, p), c);
    }
    return this;
  }
  commit(message: string): string {
    this.git('add', '-A');
    this.git('commit', '-q', '--allow-empty', '-m', message);
    return this.git('rev-parse', 'HEAD');
  }
  push(url: string): void {
    this.git('push', '-q', '--force', url, 'refs/*:refs/*');
  }
}

/** A unique repository URL on the server. */
export function repoUrl(base: string, name: string): string {
  return `${base}/source-tests/${name}-${randomBytes(4).toString('hex')}.git`;
}

/** Commits and refs of {@link makeMainFixture}. */
export interface MainFixture {
  url: string;
  work: WorkRepo;
  c1: string;
  c2: string;
  c3: string;
  feature: string;
  pull: string;
  head: string;
}

/**
 * The main fixture: branches `main` (deep history, a 2 MiB file), `master` (= c1), `feature/x`;
 * tags `v0.1.0` (lightweight, c1), `v1.0.0` (annotated, c2), `v1.1` (two parts: ignored by
 * semver), `v1.1.0` and `v1.2.0-rc.1` (c3), `v3.0.0+b` (c2) and `v3.0.0+a` (head: newer, wins the
 * tie); `refs/pull/1/head` (a commit on no branch).
 */
export function makeMainFixture(base: string): MainFixture {
  const w = new WorkRepo();
  w.write({
    'deploy/app.yaml': 'kind: ConfigMap\nv: 1\n',
    'README.md': '# fixture\n',
    'logo.png': 'png-1',
    '.github/workflows/ci.yaml': 'on: push\n',
    'run.sh': '#!/bin/sh\necho hi\n',
  });
  chmodSync(join(w.dir, 'run.sh'), 0o755);
  const c1 = w.commit('initial commit');
  w.git('branch', 'master');
  w.git('tag', 'v0.1.0');
  w.write({ 'deploy/app.yaml': 'kind: ConfigMap\nv: 2\n' });
  const c2 = w.commit('second commit');
  w.git('tag', '-a', 'v1.0.0', '-m', 'release 1.0.0');
  w.git('tag', 'v1.1');
  w.git('tag', 'v3.0.0+b');
  w.write({ 'deploy/app.yaml': 'kind: ConfigMap\nv: 3\n' });
  const c3 = w.commit('third commit');
  w.git('tag', 'v1.1.0');
  w.git('tag', 'v1.2.0-rc.1');
  w.git('checkout', '-q', '-b', 'feature/x');
  w.write({ 'deploy/x.yaml': 'x: 1\n' });
  const feature = w.commit('feature commit');
  w.write({ 'deploy/pr.yaml': 'pr: 1\n' });
  const pull = w.commit('pull request commit');
  w.git('update-ref', 'refs/pull/1/head', pull);
  w.git('checkout', '-q', 'main');
  w.git('branch', '-f', 'feature/x', feature);
  for (let i = 0; i < 40; i++) {
    w.write({ 'history/counter.txt': `${i}\n` });
    w.commit(`history ${i}`);
  }
  w.write({ 'big.bin': randomBytes(2 * 1024 * 1024) });
  const head = w.commit('add a large file');
  w.git('tag', 'v3.0.0+a');
  const url = repoUrl(base, 'main');
  w.push(url);
  return { url, work: w, c1, c2, c3, feature, pull, head };
}
