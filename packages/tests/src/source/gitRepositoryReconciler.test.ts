import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type KubeObject,
  MemoryCluster,
  MemoryEventRecorder,
  type ReconcileContext,
  type ReconcileResult,
  getCondition,
  noopLogger,
  systemClock,
} from '@gitops-kit/core';
import { type GitRepository, createArtifactStorage, createGitRepositoryReconciler } from '@gitops-kit/source';
import { beforeAll, describe, expect, it } from 'vitest';
import { service } from '../services.js';
import { WorkRepo, repoUrl } from './gitFixtures.js';

const git = service('git-http');
const auth = service('git-http-auth');

const crd: KubeObject = {
  apiVersion: 'apiextensions.k8s.io/v1',
  kind: 'CustomResourceDefinition',
  metadata: { name: 'gitrepositories.source.toolkit.fluxcd.io' },
  spec: {
    group: 'source.toolkit.fluxcd.io',
    names: {
      kind: 'GitRepository',
      plural: 'gitrepositories',
      singular: 'gitrepository',
      listKind: 'GitRepositoryList',
    },
    scope: 'Namespaced',
    versions: [
      {
        name: 'v1',
        served: true,
        storage: true,
        subresources: { status: {} },
        schema: { openAPIV3Schema: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } },
      },
    ],
  },
};

function gitRepository(
  name: string,
  spec: Partial<GitRepository['spec']>,
  status?: GitRepository['status'],
): GitRepository {
  return {
    apiVersion: 'source.toolkit.fluxcd.io/v1',
    kind: 'GitRepository',
    metadata: { name, namespace: 'default', generation: 1 },
    spec: { url: '', interval: '1m', ...spec },
    ...(status ? { status } : {}),
  };
}

const cond = (r: ReconcileResult, type: string) =>
  getCondition({ status: { conditions: r.conditions } } as never, type);

describe.skipIf(!git.ok)('GitRepository reconciler (real smart-HTTP server, MemoryCluster)', () => {
  let cluster: MemoryCluster;
  let url: string;
  let head: string;
  const storage = createArtifactStorage({ basePath: mkdtempSync(join(tmpdir(), 'rec-store-')) });
  const reconciler = createGitRepositoryReconciler({ storage });
  const ctx = (): ReconcileContext & { events: MemoryEventRecorder } => ({
    cluster,
    clock: systemClock,
    logger: noopLogger,
    events: new MemoryEventRecorder(),
    signal: new AbortController().signal,
    fieldManager: 'source-controller',
    reportingController: 'source-controller',
  });

  beforeAll(async () => {
    cluster = new MemoryCluster();
    await cluster.create(crd);
    const w = new WorkRepo();
    w.write({ 'deploy/app.yaml': 'a: 1\n' });
    head = w.commit('first: add the app manifests');
    url = repoUrl(git.ok ? git.info.url : '', 'reconciler');
    w.push(url);
  });

  it('stores an artifact, sets Flux conditions and a NewArtifact event; a second run is up to date', async () => {
    const obj = gitRepository('app', { url, ref: { branch: 'main' } });
    const r = await reconciler.reconcile(obj, ctx());
    const revision = `main@sha1:${head}`;
    expect(cond(r, 'Ready')).toMatchObject({
      status: 'True',
      reason: 'Succeeded',
      message: `stored artifact for revision '${revision}'`,
    });
    expect(cond(r, 'ArtifactInStorage')).toMatchObject({ status: 'True', reason: 'Succeeded' });
    expect(cond(r, 'Reconciling')).toBeUndefined();
    const artifact = (r.status as GitRepository['status'])!.artifact!;
    expect(artifact).toMatchObject({ revision, path: `gitrepository/default/app/${head}.tar.gz` });
    expect(r.events).toContainEqual(
      expect.objectContaining({
        reason: 'NewArtifact',
        severity: 'info',
        message: "stored artifact for commit 'first: add the app manifests'",
        metadata: {
          'source.toolkit.fluxcd.io/revision': revision,
          'source.toolkit.fluxcd.io/digest': artifact.digest,
        },
      }),
    );
    const again = await reconciler.reconcile({ ...obj, status: r.status as GitRepository['status'] }, ctx());
    expect(cond(again, 'Ready')?.status).toBe('True');
    expect(again.events).toEqual([
      expect.objectContaining({ reason: 'ArtifactUpToDate', severity: 'trace' }),
    ]);
  });

  it('rebuilds an artifact whose digest no longer matches', async () => {
    const r = await reconciler.reconcile(gitRepository('corrupt', { url, ref: { branch: 'main' } }), ctx());
    const status = r.status as GitRepository['status'];
    writeFileSync(storage.localPath(status!.artifact!), 'tampered');
    const again = await reconciler.reconcile(
      gitRepository('corrupt', { url, ref: { branch: 'main' } }, status),
      ctx(),
    );
    // Same commit, same bytes: the rebuilt artifact has the old digest, so (as in Flux) no NewArtifact event.
    expect(again.events?.map((e) => e.reason)).toEqual(['ArtifactVerificationFailed', 'ArtifactUpToDate']);
    await storage.verify((again.status as GitRepository['status'])!.artifact!);
  });

  it.each([
    {
      name: 'missing branch',
      spec: () => ({ url, ref: { branch: 'nope' } }),
      type: 'FetchFailed',
      reason: 'GitOperationFailed',
      stalled: undefined,
    },
    {
      name: 'missing secret',
      spec: () => ({ url, secretRef: { name: 'none' } }),
      type: 'FetchFailed',
      reason: 'AuthenticationFailed',
      stalled: undefined,
    },
    {
      name: 'malformed URL',
      spec: () => ({ url: 'git@host:repo.git' }),
      type: 'FetchFailed',
      reason: 'URLInvalid',
      stalled: true,
    },
    {
      name: 'include without artifact',
      spec: () => ({ url, include: [{ repository: { name: 'absent' } }] }),
      type: 'IncludeUnavailable',
      reason: 'NotFound',
      stalled: undefined,
    },
  ])('$name -> $type/$reason', async ({ spec, type, reason, stalled }) => {
    const r = await reconciler.reconcile(gitRepository('failing', spec()), ctx());
    expect(cond(r, type)).toMatchObject({ status: 'True', reason });
    expect(cond(r, 'Ready')).toMatchObject({ status: 'False', reason });
    if (stalled) expect(r.stalled).toBe(true);
    else expect(cond(r, 'Reconciling')).toMatchObject({ status: 'True', reason: 'ProgressingWithRetry' });
    expect(r.events).toContainEqual(expect.objectContaining({ severity: 'error', reason }));
  });

  it('includes another GitRepository artifact and authenticates from a Secret', async (t) => {
    if (!auth.ok) t.skip();
    const dep = await reconciler.reconcile(gitRepository('dep', { url, ref: { branch: 'main' } }), ctx());
    await cluster.create({ ...gitRepository('dep', { url }) } as KubeObject);
    await cluster.applyStatus(
      {
        apiVersion: 'source.toolkit.fluxcd.io/v1',
        kind: 'GitRepository',
        metadata: { name: 'dep', namespace: 'default' },
        status: dep.status,
      } as KubeObject,
      { fieldManager: 'source-controller', force: true },
    );
    await cluster.create({
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 'git-auth', namespace: 'default' },
      data: { username: btoa('gitops-kit'), password: btoa('gitops-kit-secret') },
    } as KubeObject);
    const authUrl = url.replace(git.ok ? git.info.url : '', auth.ok ? auth.info.url : '');
    const r = await reconciler.reconcile(
      gitRepository('with-include', {
        url: authUrl,
        ref: { branch: 'main' },
        secretRef: { name: 'git-auth' },
        include: [{ repository: { name: 'dep' }, toPath: 'vendor' }],
      }),
      ctx(),
    );
    expect(cond(r, 'Ready')?.message).toMatch(/^stored artifact/);
    const status = r.status as GitRepository['status'];
    expect(status!.includedArtifacts).toEqual([(dep.status as GitRepository['status'])!.artifact]);
    expect(status!.observedInclude).toEqual([{ repository: { name: 'dep' }, toPath: 'vendor' }]);
  });
});
