import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type KubeObject, MemoryCluster } from '@gitops-kit/core';
import { applyAllStaged } from '@gitops-kit/kustomize';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { repoRoot } from '../services.js';
import { runCli } from './run.js';

// `gitops-kit build kustomization` and `gitops-kit diff kustomization` through the built binary,
// on packages/kustomize/testdata/flux-build (expected.yaml follows flux2's build pipeline step by
// step; see buildKustomization.test.ts) and a MemoryCluster persisted in a temporary --state-dir.
const fixtures = join(repoRoot, 'packages/kustomize/testdata/flux-build');
const crds = join(repoRoot, 'packages/tests/testdata/kustomization/crds.yaml');
const expected = readFileSync(join(fixtures, 'expected.yaml'), 'utf8');

const docs = (text: string) =>
  parseAllDocuments(text)
    .map((d) => d.toJS() as KubeObject | null)
    .filter((o): o is KubeObject => !!o);

describe('gitops-kit build kustomization', () => {
  it('prints what flux build ks prints, with substituteFrom from --substitute-from', () => {
    const r = runCli(
      [
        'build',
        'kustomization',
        '--path',
        'app',
        '--kustomization-file',
        'ks.yaml',
        '--substitute-from',
        'vars.yaml',
      ],
      { cwd: fixtures },
    );
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(expected);
  });

  it('takes the name as flux does and the alias ks', () => {
    const r = runCli(
      ['build', 'ks', 'apps', '--path', 'app', '--kustomization-file', 'ks.yaml', '--substitute-from', '-'],
      { cwd: fixtures, input: readFileSync(join(fixtures, 'vars.yaml'), 'utf8') },
    );
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(expected);
  });

  it('skips substituteFrom without --substitute-from, saying so on stderr', () => {
    const r = runCli(['build', 'ks', '--path', 'app', '--kustomization-file', 'ks.yaml'], { cwd: fixtures });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe(
      'warning: postBuild.substituteFrom skipped (ConfigMap/cluster-config, Secret/optional-vars): pass --substitute-from FILE to use them\n',
    );
    const web = docs(r.stdout).find((o) => o.kind === 'Deployment')!;
    expect((web.spec as { replicas: unknown }).replicas).toBeNull();
  });

  it('--strict-substitute fails on an unset variable: one line, exit 1', () => {
    const r = runCli(
      ['build', 'ks', '--path', 'app', '--kustomization-file', 'ks.yaml', '--strict-substitute'],
      {
        cwd: fixtures,
      },
    );
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr.split('\n')[1]).toBe(
      `error: var substitution failed for 'p-web': envsubst error: variable substitution failed: variable not set (strict mode): "REPLICAS"`,
    );
  });

  it('seed incident: a substituteFrom ConfigMap missing from --substitute-from fails the build', () => {
    const r = runCli(
      ['build', 'ks', '--path', 'app', '--kustomization-file', 'ks.yaml', '--substitute-from', '/dev/null'],
      { cwd: fixtures },
    );
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(
      `error: var substitution failed for 'p-creds': substitute from 'ConfigMap/cluster-config' error: configmaps "cluster-config" not found\n`,
    );
  });

  it.each([
    {
      name: 'no --path',
      args: ['--kustomization-file', 'ks.yaml'],
      code: 2,
      err: 'error: invalid resource path ""\n',
    },
    {
      name: 'a missing --path',
      args: ['--path', 'nope', '--kustomization-file', 'ks.yaml'],
      code: 2,
      err: 'error: invalid resource path "nope"\n',
    },
    {
      name: 'neither NAME nor --kustomization-file',
      args: ['--path', 'app'],
      code: 2,
      err: 'error: a Kustomization NAME or --kustomization-file is required\n',
    },
    {
      name: 'a NAME the file does not hold',
      args: ['other', '--path', 'app', '--kustomization-file', 'ks.yaml'],
      code: 1,
      err: "error: failed find kustomization with name 'other' and namespace 'flux-system' in file 'ks.yaml'\n",
    },
    {
      name: 'a missing --kustomization-file',
      args: ['--path', 'app', '--kustomization-file', 'nope.yaml'],
      code: 1,
      err: 'error: invalid kustomization file "nope.yaml"\n',
    },
  ])('$name: exit $code', ({ args, code, err }) => {
    const r = runCli(['build', 'kustomization', ...args], { cwd: fixtures });
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(err);
    expect(r.code).toBe(code);
  });

  it('builds without a Kustomization file from NAME alone (owner labels only)', () => {
    const r = runCli(['build', 'ks', 'plain', '--path', 'app', '-n', 'ops'], { cwd: fixtures });
    expect(r.code).toBe(0);
    const objects = docs(r.stdout);
    expect(objects.map((o) => o.metadata.name)).toEqual(['literal', 'creds', 'encrypted', 'web']);
    expect(objects[0]!.metadata.labels).toEqual({
      'kustomize.toolkit.fluxcd.io/name': 'plain',
      'kustomize.toolkit.fluxcd.io/namespace': 'ops',
    });
  });
});

describe('gitops-kit diff kustomization (MemoryCluster in --state-dir)', () => {
  let dir: string;
  let state: string;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'gk-diff-'));
    state = join(dir, 'state');
    const cluster = await MemoryCluster.open({ dir: state });
    for (const crd of docs(readFileSync(crds, 'utf8'))) await cluster.apply(crd, { fieldManager: 'test' });
    for (const ns of ['apps', 'flux-system'])
      await cluster.apply(
        { apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } },
        { fieldManager: 'test' },
      );
    await cluster.apply(docs(readFileSync(join(fixtures, 'vars.yaml'), 'utf8'))[0]!, {
      fieldManager: 'test',
    });
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const diff = (...extra: string[]) =>
    runCli(['diff', 'kustomization', 'apps', '--path', 'app', '--state-dir', state, ...extra], {
      cwd: fixtures,
    });

  /** Applies what the build gives (after `edit`) with kustomize-controller's staged apply. */
  async function applyBuild(edit: (o: KubeObject) => KubeObject = (o) => o): Promise<MemoryCluster> {
    const cluster = await MemoryCluster.open({ dir: state });
    await applyAllStaged(docs(expected).map(edit), { cluster });
    return cluster;
  }

  it('reports every object as created on an empty cluster: exit 1', () => {
    const r = diff('--kustomization-file', 'ks.yaml');
    expect(r.stdout).toBe(
      [
        '► ConfigMap/apps/p-literal created',
        '► Secret/apps/p-creds created',
        '► Secret/apps/p-encrypted created',
        '► Deployment/apps/p-web created',
        '',
      ].join('\n'),
    );
    expect(r.stderr).toBe('⚠️ identified at least one change, exiting with non-zero exit code\n');
    expect(r.code).toBe(1);
  });

  it('prints nothing and exits 0 when the cluster matches', async () => {
    await applyBuild();
    const r = diff('--kustomization-file', 'ks.yaml');
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe('');
    expect(r.code).toBe(0);
  });

  it('shows a drifted field and masks Secret values', async () => {
    await applyBuild((o) => {
      if (o.kind === 'Deployment') return { ...o, spec: { ...(o.spec as object), replicas: 1 } };
      if (o.metadata.name === 'p-creds')
        return { ...o, stringData: { ...(o.stringData as object), plain: 'changed-secret-value' } };
      return o;
    });
    const r = diff('--kustomization-file', 'ks.yaml');
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(
      '► Deployment/apps/p-web drifted\nspec.replicas\n  ± value change\n    - 1\n    + 3\n',
    );
    expect(r.stdout).not.toContain('changed-secret-value');
    expect(r.stdout).not.toContain('not-secret');
  });

  it('uses the live Kustomization and lists pruned inventory objects as deleted', async () => {
    const cluster = await applyBuild();
    await cluster.apply(
      {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: {
          name: 'old',
          namespace: 'apps',
          labels: {
            'kustomize.toolkit.fluxcd.io/name': 'apps',
            'kustomize.toolkit.fluxcd.io/namespace': 'flux-system',
          },
        },
      },
      { fieldManager: 'kustomize-controller' },
    );
    const ks = docs(readFileSync(join(fixtures, 'ks.yaml'), 'utf8'))[0]!;
    const live = await cluster.apply(ks, { fieldManager: 'test' });
    await cluster.updateStatus({
      ...live,
      status: {
        inventory: {
          entries: [
            { id: 'apps_old__ConfigMap', v: 'v1' },
            { id: 'apps_p-web_apps_Deployment', v: 'v1' },
          ],
        },
      },
    });
    const r = diff();
    expect(r.stdout).toBe('► ConfigMap/apps/old deleted\n');
    expect(r.code).toBe(1);
  });

  it('fails with exit 2 when the Kustomization is neither in the cluster nor in a file', () => {
    const r = diff();
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(
      'error: failed to get kustomization object: kustomizations.kustomize.toolkit.fluxcd.io "apps" not found\n',
    );
    expect(r.code).toBe(2);
  });

  it('fails with exit 2 when substituteFrom is missing from the cluster (seed incident)', async () => {
    const cluster = await MemoryCluster.open({ dir: state });
    await cluster.delete({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      namespace: 'flux-system',
      name: 'cluster-config',
    });
    const r = diff('--kustomization-file', 'ks.yaml');
    expect(r.stderr).toBe(
      `error: var substitution failed for 'p-creds': substitute from 'ConfigMap/cluster-config' error: configmaps "cluster-config" not found\n`,
    );
    expect(r.code).toBe(2);
  });
});
