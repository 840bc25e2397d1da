import { MemoryCluster, MemoryEventRecorder, noopLogger, systemClock } from '@gitops-kit/core';
import { type Kustomization, kustomizationReconciler } from '@gitops-kit/kustomize';
import { describe, expect, it } from 'vitest';
import { kustomizationTestdata, readManifests } from './suite.js';

// A Kustomization whose source has no artifact yet (or is missing) waits on it rather than failing,
// so `Manager.runUntilSettled` reconciles it again once the source is Ready.
describe('Kustomization reconciler reports what it waits on', () => {
  const reconciler = kustomizationReconciler({
    fetchArtifact: async () => ({ dir: kustomizationTestdata }),
    build: async () => [],
  });
  const ks: Kustomization = {
    apiVersion: 'kustomize.toolkit.fluxcd.io/v1',
    kind: 'Kustomization',
    metadata: { name: 'apps', namespace: 'default' },
    spec: { interval: '10m', prune: true, path: './', sourceRef: { kind: 'GitRepository', name: 'repo' } },
  };
  const ctx = (cluster: MemoryCluster) => ({
    cluster,
    clock: systemClock,
    logger: noopLogger,
    events: new MemoryEventRecorder(),
    signal: new AbortController().signal,
    fieldManager: 'gotk-kustomize-controller',
    reportingController: 'kustomize-controller',
  });
  const sourceRef = {
    apiVersion: 'source.toolkit.fluxcd.io/v1',
    kind: 'GitRepository',
    namespace: 'default',
    name: 'repo',
  };

  it.each([
    { name: 'source not found', withSource: false },
    { name: 'source without artifact', withSource: true },
  ])('$name → Ready=False/ArtifactFailed with waitingFor the source', async ({ withSource }) => {
    const cluster = new MemoryCluster();
    for (const crd of readManifests(`${kustomizationTestdata}/crds.yaml`)) {
      await cluster.apply(crd, { fieldManager: 'test' });
    }
    if (withSource) {
      await cluster.apply(
        {
          apiVersion: 'source.toolkit.fluxcd.io/v1',
          kind: 'GitRepository',
          metadata: { name: 'repo', namespace: 'default' },
          spec: { url: 'http://x', interval: '1m' },
        },
        { fieldManager: 'test' },
      );
    }
    const result = await reconciler.reconcile(structuredClone(ks), ctx(cluster));
    expect(result.conditions?.find((c) => c.type === 'Ready')).toMatchObject({
      status: 'False',
      reason: 'ArtifactFailed',
    });
    expect(result.waitingFor).toEqual([sourceRef]);
  });

  it.each([
    { name: 'a source reconciling a new generation → waits for it', sourceReady: false, waits: true },
    { name: 'a Ready source → plain failure', sourceReady: true, waits: false },
  ])('artifact download fails: $name', async ({ sourceReady, waits }) => {
    const failing = kustomizationReconciler({
      fetchArtifact: async () => {
        throw new Error("archive 'x.tar.gz' not found");
      },
      build: async () => [],
    });
    const cluster = new MemoryCluster();
    for (const crd of readManifests(`${kustomizationTestdata}/crds.yaml`)) {
      await cluster.apply(crd, { fieldManager: 'test' });
    }
    const repo = await cluster.apply(
      {
        apiVersion: 'source.toolkit.fluxcd.io/v1',
        kind: 'GitRepository',
        metadata: { name: 'repo', namespace: 'default' },
        spec: { url: 'http://x', interval: '1m' },
      },
      { fieldManager: 'test' },
    );
    await cluster.updateStatus({
      ...repo,
      status: {
        observedGeneration: sourceReady ? repo.metadata.generation : 0,
        artifact: {
          revision: 'main@sha1:1111111111111111111111111111111111111111',
          path: 'x',
          url: 'http://x',
        },
        conditions: [
          {
            type: 'Ready',
            status: 'True',
            reason: 'Succeeded',
            message: 'ok',
            lastTransitionTime: '2026-01-01T00:00:00Z',
          },
        ],
      },
    });
    const result = await failing.reconcile(structuredClone(ks), ctx(cluster));
    expect(result.conditions?.find((c) => c.type === 'Ready')).toMatchObject({
      status: 'False',
      reason: 'ArtifactFailed',
    });
    expect(result.waitingFor).toEqual(waits ? [sourceRef] : undefined);
  });
});
