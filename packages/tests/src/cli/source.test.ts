import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { service } from '../services.js';
import { WorkRepo, repoUrl } from '../source/gitFixtures.js';
import { runCli } from './run.js';

const git = service('git-http');
const hostile = (name: string) =>
  new URL(`../../../source/testdata/hostile/${name}`, import.meta.url).pathname;

describe.skipIf(!git.ok)('gitops-kit source git (built binary, real smart-HTTP server)', () => {
  it('fetches a branch and prints the artifact; -o json; errors exit 1 with one line', () => {
    const w = new WorkRepo();
    w.write({ 'app.yaml': 'a: 1\n', 'logo.png': 'p' });
    const commit = w.commit('app');
    w.git('tag', 'v1.0.0');
    const url = repoUrl(git.ok ? git.info.url : '', 'cli');
    w.push(url);
    const storage = mkdtempSync(join(tmpdir(), 'cli-store-'));
    const text = runCli(['source', 'git', url, '--branch', 'main', '--storage', storage]);
    expect(text.stderr).toBe('');
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(
      new RegExp(
        `^revision: main@sha1:${commit}\ndigest: sha256:[0-9a-f]{64}\npath: .+\\.tar\\.gz\nsize: \\d+\n$`,
      ),
    );
    const json = runCli([
      'source',
      'git',
      url,
      '--tag-semver',
      '>=1.0.0',
      '--storage',
      storage,
      '--backend',
      'git-cli',
      '-o',
      'json',
    ]);
    expect(json.code).toBe(0);
    const out = JSON.parse(json.stdout) as { revision: string; digest: string; path: string; size: number };
    expect(out.revision).toBe(`v1.0.0@sha1:${commit}`);
    expect(existsSync(out.path)).toBe(true);
    const dir = join(mkdtempSync(join(tmpdir(), 'cli-out-')), 'x');
    const ex = runCli(['artifact', 'extract', out.path, dir]);
    expect(ex.code).toBe(0);
    expect(readFileSync(join(dir, 'app.yaml'), 'utf8')).toBe('a: 1\n');
    expect(existsSync(join(dir, 'logo.png'))).toBe(false);
    const missing = runCli(['source', 'git', url, '--branch', 'nope', '--storage', storage]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/^error: .*refs\/heads\/nope.*\n$/);
  });
});

describe('gitops-kit source/artifact usage and hostile input', () => {
  it.each([
    { name: 'bad output format', args: ['source', 'git', 'http://127.0.0.1:9/x.git', '-o', 'yaml'], code: 2 },
    { name: 'missing url', args: ['source', 'git'], code: 2 },
    { name: 'malformed url', args: ['source', 'git', 'not a url'], code: 1 },
    { name: 'extract without dir', args: ['artifact', 'extract', 'a.tar.gz'], code: 2 },
  ])('$name exits $code', ({ args, code }) => {
    const r = runCli(args);
    expect(r.code).toBe(code);
    expect(r.stderr.length).toBeGreaterThan(0);
  });

  it.each(['dotdot.tar.gz', 'symlink-etc.tar.gz', 'absolute.tar.gz'])(
    'artifact extract refuses %s, writes nothing',
    (file) => {
      const parent = mkdtempSync(join(tmpdir(), 'cli-hostile-'));
      const r = runCli(['artifact', 'extract', hostile(file), join(parent, 'out')]);
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/^error: tar entry .*\n$/);
      expect(existsSync(join(parent, 'out'))).toBe(false);
    },
  );
});
