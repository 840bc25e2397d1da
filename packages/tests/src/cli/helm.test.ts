import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot, sharedDir } from '../services.js';
import { cliBin, runCli } from './run.js';

// `gitops-kit helm template` through the built binary, against @gitops-kit/helm's own fixture cases
// whose expected stdout and stderr are real `helm template` (v3.17.2) output.
const cases = join(repoRoot, 'packages/helm/testdata/cases');
const env = { TZ: 'UTC' };
const helm = (dir: string, args: string[]) =>
  runCli(['helm', 'template', ...args], { cwd: join(cases, dir), env });
const expected = (dir: string, file: string) => readFileSync(join(cases, dir, 'expected', file), 'utf8');

describe('gitops-kit helm template', () => {
  it('writes the bytes helm writes when they are not valid UTF-8 (crds/ file with a raw byte)', () => {
    const dir = join(cases, 'binary-files');
    const r = spawnSync(process.execPath, [cliBin, 'helm', 'template', 'bin', 'chart', '--include-crds'], {
      cwd: dir,
      env: { PATH: process.env.PATH ?? '', ...env },
      timeout: 180_000,
    });
    expect(r.stderr.toString()).toBe('');
    expect(r.status).toBe(0);
    const want = readFileSync(join(dir, 'expected', 'include-crds.yaml'));
    expect(r.stdout.includes(0xff)).toBe(true);
    expect(r.stdout.equals(want)).toBe(true);
  });

  it('writes the bytes helm writes in an error message (fail with a binary file)', () => {
    const dir = join(cases, 'binary-files');
    const r = spawnSync(
      process.execPath,
      [cliBin, 'helm', 'template', 'bin', 'chart', '--set', 'mode=fail'],
      {
        cwd: dir,
        env: { PATH: process.env.PATH ?? '', ...env },
        timeout: 180_000,
      },
    );
    expect(r.status).toBe(1);
    expect(r.stdout.length).toBe(0);
    const want = readFileSync(join(dir, 'expected', 'fail-raw-bytes.err.txt'));
    expect(r.stderr.includes(0xff)).toBe(true);
    expect(r.stderr.equals(want)).toBe(true);
  });

  it.each([
    {
      dir: 'subcharts',
      name: 'defaults',
      args: ['rel', 'chart', '--namespace', 'ns', '--kube-version', '1.31.0'],
    },
    {
      dir: 'subcharts',
      name: 'values-file-and-set',
      args: [
        'rel',
        'chart',
        '-n',
        'ns',
        '--kube-version',
        '1.31.0',
        '-f',
        'values/prod.yaml',
        '--set',
        'replicas=7,sub.port=9090',
      ],
    },
    {
      dir: 'hooks-crds',
      name: 'include-crds',
      args: ['h', 'chart', '--kube-version', '1.31.0', '--include-crds'],
    },
    { dir: 'hooks-crds', name: 'no-hooks', args: ['h', 'chart', '--kube-version', '1.31.0', '--no-hooks'] },
    {
      dir: 'hooks-crds',
      name: 'show-only',
      args: [
        'h',
        'chart',
        '--kube-version',
        '1.31.0',
        '--show-only',
        'templates/job.yaml',
        '-s',
        'templates/all.yaml',
      ],
    },
    { dir: 'binary-files', name: 'defaults', args: ['bin', 'chart', '--namespace', 'default'] },
  ])('$dir/$name: stdout is byte-identical to helm, exit 0', ({ dir, name, args }) => {
    const r = helm(dir, args);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(expected(dir, `${name}.yaml`));
  });

  it.each([
    { dir: 'errors', name: 'required', args: ['e', 'chart'] },
    { dir: 'errors', name: 'schema', args: ['e', 'chart', '--set', 'name=n,replicas=0,image.tag=1.0'] },
    { dir: 'errors', name: 'bad-kube-version', args: ['e', 'chart', '--kube-version', 'banana'] },
    { dir: 'errors', name: 'bad-set', args: ['e', 'chart', '--set', 'a.b'] },
    { dir: 'errors', name: 'nil-pointer', args: ['e', 'chart', '--set', 'name=n,nil=true'] },
    { dir: 'missing-dep', name: 'missing', args: ['m', 'chart'] },
    { dir: 'binary-files', name: 'raw-bytes-in-manifest', args: ['bin', 'chart', '--set', 'mode=raw'] },
    {
      dir: 'subcharts',
      name: 'kube-too-old',
      args: ['rel', 'chart', '--namespace', 'ns', '--kube-version', '1.19.0'],
    },
  ])("$dir/$name: stderr is helm's, nothing on stdout, exit 1", ({ dir, name, args }) => {
    const r = helm(dir, args);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(expected(dir, `${name}.err.txt`));
  });

  it('takes the chart as the only argument (release "release-name")', () => {
    const r = helm('hooks-crds', ['chart', '--kube-version', '1.31.0', '--show-only', 'templates/job.yaml']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('name: release-name-migrate');
  });

  // helm v3.17.2 renders `kind: Namespace` / `name: ctxns` for this kubeconfig without -n, and
  // `name: x` with -n x.
  it("takes the namespace from the kubeconfig context when -n is not given, as helm's settings do", () => {
    const dir = mkdtempSync(join(tmpdir(), 'gk-kubeconfig-'));
    const kubeconfig = join(dir, 'config');
    writeFileSync(
      kubeconfig,
      'apiVersion: v1\nkind: Config\ncurrent-context: a\ncontexts:\n- name: a\n  context: {cluster: c, user: u, namespace: ctxns}\n',
    );
    const args = ['r', 'chart', '--show-only', 'templates/all.yaml'];
    const fromContext = runCli(['helm', 'template', ...args], {
      cwd: join(cases, 'hooks-crds'),
      env: { ...env, KUBECONFIG: kubeconfig },
    });
    expect(fromContext.code).toBe(0);
    expect(fromContext.stdout).toMatch(/kind: Namespace\nmetadata:\n {2}name: ctxns\n/);
    const given = runCli(['helm', 'template', ...args, '-n', 'x'], {
      cwd: join(cases, 'hooks-crds'),
      env: { ...env, KUBECONFIG: kubeconfig },
    });
    expect(given.stdout).toMatch(/kind: Namespace\nmetadata:\n {2}name: x\n/);
    rmSync(dir, { recursive: true, force: true });
  });

  // stderr as helm v3.17.2 prints it for the same command line (no repositories configured); exit 1,
  // nothing on stdout.
  it.each([
    {
      args: [],
      stderr:
        'Error: "helm template" requires at least 1 argument\n\nUsage:  helm template [NAME] [CHART] [flags]\n',
    },
    { args: ['r', 'chart', '--bogus'], stderr: 'Error: unknown flag: --bogus\n' },
    { args: ['r', 'chart', '--bogus=1'], stderr: 'Error: unknown flag: --bogus\n' },
    { args: ['r', 'chart', '-zx'], stderr: "Error: unknown shorthand flag: 'z' in -zx\n" },
    { args: ['r', 'chart', '-n'], stderr: "Error: flag needs an argument: 'n' in -n\n" },
    { args: ['r', 'chart', '--kube-version'], stderr: 'Error: flag needs an argument: --kube-version\n' },
    {
      args: ['r', 'chart', '--include-crds=maybe'],
      stderr:
        'Error: invalid argument "maybe" for "--include-crds" flag: strconv.ParseBool: parsing "maybe": invalid syntax\n',
    },
    {
      args: ['a', 'b', 'c', 'd'],
      stderr: 'Error: expected at most two arguments, unexpected arguments: c, d\n',
    },
    { args: ['r', './nosuchdir'], stderr: 'Error: path "./nosuchdir" not found\n' },
    { args: ['r', '/abs/missing'], stderr: 'Error: path "/abs/missing" not found\n' },
    {
      args: ['r', 'nosuchdir'],
      stderr: 'Error: non-absolute URLs should be in form of repo_name/path_to_chart, got: nosuchdir\n',
    },
    { args: ['r', 'foo/bar'], stderr: 'Error: repo foo not found\n' },
    { args: ['r', 'chart', '-f', ','], stderr: 'Error: open : no such file or directory\n' },
  ])('fails like helm on a usage error or a chart it cannot find: $args', ({ args, stderr }) => {
    const r = helm('hooks-crds', args);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(stderr);
  });
});

// Every flag of issue 7 item 6 through the binary on corpus renders (byte-exact stdout, or stderr
// on failure, plus helm's warnings on stderr), when ../shared is present.
const corpus = join(sharedDir, 'corpus/helm');
const FLAG_CASES = [
  'syn-set-flags-a',
  'syn-capabilities-a',
  'syn-hooks-a',
  'helm-chart-with-schema',
  'syn-archive-a',
  'syn-release-name-uppercase',
  'syn-values-coalescing-a',
];
interface Render {
  name: string;
  args: string[];
  expectError: boolean;
  expected: string;
  stderr?: string;
}
describe.skipIf(!existsSync(corpus))('gitops-kit helm template on ../shared/corpus/helm renders', () => {
  const renders = existsSync(corpus)
    ? FLAG_CASES.flatMap((name) => {
        const c = JSON.parse(readFileSync(join(corpus, name, 'case.json'), 'utf8')) as {
          release: string;
          chart: string;
          renders: Render[];
        };
        return c.renders.map((r) => ({ id: `${name}/${r.name}`, dir: join(corpus, name), c, r }));
      })
    : [];
  it.each(renders)('$id', ({ dir, c, r }) => {
    const run = runCli(['helm', 'template', c.release, c.chart, ...r.args], { cwd: dir, env });
    const want = readFileSync(join(dir, r.expected), 'utf8');
    if (r.expectError) {
      expect(run.code).toBe(1);
      expect(run.stdout).toBe('');
      expect(run.stderr).toBe(want);
    } else {
      expect(run.code).toBe(0);
      expect(run.stdout).toBe(want);
      expect(run.stderr).toBe(r.stderr ? readFileSync(join(dir, r.stderr), 'utf8') : '');
    }
  });
});
