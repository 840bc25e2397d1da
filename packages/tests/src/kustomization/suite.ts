/**
 * The Kustomization end-to-end suite, written once and run against every `ClusterClient`:
 * `MemoryCluster` and the client-node adapter on the real kube-apiserver. It drives Flux's
 * Kustomization pipeline (`kustomizationReconciler`) over the manifests in
 * `testdata/kustomization/`: staged CRD + CR apply, immutable fields with and without `force`,
 * prune and `prune: disabled`, the seed incident (missing `substituteFrom` ConfigMap), health
 * checks that fail within `spec.timeout`, and a `dependsOn` chain run by the core `Manager`.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  type Clock,
  type ClusterClient,
  type Event,
  type KubeObject,
  Manager,
  MemoryEventRecorder,
  systemClock,
  getCondition,
  isTrue,
  noopLogger,
} from '@gitops-kit/core';
import { type Kustomization, kustomizationReconciler } from '@gitops-kit/kustomize';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';

/** Where the suite's manifests live. */
export const kustomizationTestdata = fileURLToPath(new URL('../../testdata/kustomization/', import.meta.url));

/** A cluster for one suite run. */
export interface SuiteCluster {
  cluster: ClusterClient;
  cleanup?: () => Promise<void>;
}

/** Reads every YAML document of a file or directory (sorted), skipping empty ones. */
export function readManifests(path: string): KubeObject[] {
  let files: string[];
  try {
    files = readdirSync(path)
      .filter((f) => f.endsWith('.yaml') || f.endsWith('.yml'))
      .sort()
      .map((f) => join(path, f));
  } catch {
    files = [path];
  }
  const out: KubeObject[] = [];
  for (const f of files) {
    for (const doc of parseAllDocuments(readFileSync(f, 'utf8'))) {
      const v = doc.toJS() as KubeObject | null;
      if (v) out.push(v);
    }
  }
  return out;
}

/**
 * A clock whose time runs ahead: `sleep(ms)` moves `now()` forward by `ms` but really waits at
 * most 25ms, so 30s health-check timeouts pass in a fraction of a second while every cluster call
 * is real.
 */
export function acceleratedClock(): Clock {
  let offset = 0;
  return {
    now: () => Date.now() + offset,
    async sleep(ms, options = {}) {
      if (options.signal?.aborted) throw options.signal.reason;
      offset += Math.max(0, ms);
      await new Promise((r) => setTimeout(r, Math.min(25, Math.max(0, ms))));
    },
  };
}

async function retry<T>(fn: () => Promise<T>, tries = 40): Promise<T> {
  for (let i = 0; ; i++) {
    try {
      return await fn();
    } catch (err) {
      if (i >= tries) throw err;
      await new Promise((r) => setTimeout(r, 250));
    }
  }
}

/**
 * Registers the suite for one cluster implementation.
 *
 * @param name - shown in test names, e.g. `MemoryCluster`.
 * @param factory - makes the cluster (once per suite run); `undefined` skips with `skipReason`.
 */
export function describeKustomizationSuite(
  name: string,
  factory: (() => Promise<SuiteCluster>) | undefined,
  skipReason = '',
  options: { immutableFieldsSkip?: string } = {},
): void {
  describe.skipIf(!factory)(
    `Kustomization end to end on ${name}${factory ? '' : ` (skipped: ${skipReason})`}`,
    () => {
      let sc: SuiteCluster;
      let cluster: ClusterClient;
      const clock = acceleratedClock();
      const run = Math.random().toString(36).slice(2, 7);
      const builds: string[] = [];
      const reconciler = kustomizationReconciler({
        async fetchArtifact() {
          return { dir: kustomizationTestdata };
        },
        async build({ root, path, kustomization }) {
          builds.push(kustomization.metadata.name ?? '');
          return readManifests(join(root, path));
        },
        stageWaitIntervalMs: 500,
        healthCheckIntervalMs: 1_000,
      });

      beforeAll(async () => {
        sc = await factory!();
        cluster = sc.cluster;
        for (const crd of readManifests(join(kustomizationTestdata, 'crds.yaml'))) {
          await cluster.apply(crd, { fieldManager: 'e2e', force: true });
        }
        // Wait for the Flux CRDs to be served.
        await retry(async () => {
          if (
            !(await cluster.resourceFor({
              apiVersion: 'kustomize.toolkit.fluxcd.io/v1',
              kind: 'Kustomization',
            }))
          )
            throw new Error('Kustomization CRD not served yet');
          if (
            !(await cluster.resourceFor({ apiVersion: 'source.toolkit.fluxcd.io/v1', kind: 'GitRepository' }))
          )
            throw new Error('GitRepository CRD not served yet');
        });
      }, 120_000);

      afterAll(async () => {
        await sc?.cleanup?.();
      });

      const ns = (s: string) => `e2e-${run}-${s}`;

      async function namespace(n: string): Promise<void> {
        await cluster.apply(
          { apiVersion: 'v1', kind: 'Namespace', metadata: { name: n } },
          { fieldManager: 'e2e' },
        );
      }

      async function source(namespaceName: string, revision: string): Promise<void> {
        const repo = await cluster.apply(
          {
            apiVersion: 'source.toolkit.fluxcd.io/v1',
            kind: 'GitRepository',
            metadata: { name: 'repo', namespace: namespaceName },
            spec: { url: 'http://example.invalid/repo.git', interval: '1m' },
          },
          { fieldManager: 'e2e', force: true },
        );
        await cluster.updateStatus({
          ...repo,
          status: {
            artifact: { revision, path: 'x', url: 'http://x', lastUpdateTime: '2026-01-01T00:00:00Z' },
          },
        });
      }

      function ks(
        namespaceName: string,
        ksName: string,
        spec: Partial<Kustomization['spec']>,
      ): Kustomization {
        return {
          apiVersion: 'kustomize.toolkit.fluxcd.io/v1',
          kind: 'Kustomization',
          metadata: { name: ksName, namespace: namespaceName },
          spec: {
            interval: '10m',
            prune: true,
            sourceRef: { kind: 'GitRepository', name: 'repo' },
            path: './',
            ...spec,
            postBuild: {
              ...spec.postBuild,
              substitute: { NS: namespaceName, ...spec.postBuild?.substitute },
            },
          },
        };
      }

      /** Applies a Kustomization, reconciles it once and stores the resulting status. */
      async function reconcileOnce(k: Kustomization): Promise<{ obj: Kustomization; events: Event[] }> {
        const stored = (await cluster.apply(k, { fieldManager: 'e2e', force: true })) as Kustomization;
        const recorder = new MemoryEventRecorder();
        const result = await reconciler.reconcile(stored, {
          cluster,
          clock,
          logger: noopLogger,
          events: recorder,
          signal: new AbortController().signal,
          fieldManager: 'gotk-kustomize-controller',
          reportingController: 'kustomize-controller',
        });
        const updated = (await cluster.updateStatus({
          ...stored,
          status: { ...(stored.status ?? {}), ...(result.status ?? {}), conditions: result.conditions ?? [] },
        })) as Kustomization;
        const events = (result.events ?? []).map(
          (e) => ({ ...e, timestamp: '', reportingController: 'kustomize-controller' }) as Event,
        );
        return { obj: updated, events };
      }

      const ready = (o: Kustomization) => getCondition(o, 'Ready');

      it('applies a CRD and its custom resource in stages', async () => {
        const n = ns('crd');
        await namespace(n); // for the GitRepository and the Kustomization
        await source(n, 'main@sha1:1111111111111111111111111111111111111111');
        const { obj, events } = await reconcileOnce(ks(n, 'crd', { path: './crd' }));
        expect(ready(obj)?.message).toBe(
          'Applied revision: main@sha1:1111111111111111111111111111111111111111',
        );
        expect(ready(obj)).toMatchObject({ status: 'True', reason: 'ReconciliationSucceeded' });
        expect(obj.status?.lastAppliedRevision).toBe('main@sha1:1111111111111111111111111111111111111111');
        expect(obj.status?.lastAttemptedRevision).toBe('main@sha1:1111111111111111111111111111111111111111');
        expect(obj.status?.inventory?.entries).toEqual([
          { id: '_widgets.e2e.gitops-kit.dev_apiextensions.k8s.io_CustomResourceDefinition', v: 'v1' },
          { id: `_${n}__Namespace`, v: 'v1' },
          { id: `${n}_small_e2e.gitops-kit.dev_Widget`, v: 'v1' },
        ]);
        const applied = events.find((e) => e.message.includes('Widget/'));
        expect(applied?.message).toContain(`CustomResourceDefinition/widgets.e2e.gitops-kit.dev`);
        expect(applied?.message).toContain(`Widget/${n}/small created`);
        const widget = await cluster.get({
          apiVersion: 'e2e.gitops-kit.dev/v1',
          kind: 'Widget',
          namespace: n,
          name: 'small',
        });
        expect(widget?.metadata.labels).toMatchObject({
          'kustomize.toolkit.fluxcd.io/name': 'crd',
          'kustomize.toolkit.fluxcd.io/namespace': n,
        });
        // A second reconcile of the same revision changes nothing.
        const again = await reconcileOnce(ks(n, 'crd', { path: './crd' }));
        expect(ready(again.obj)?.status).toBe('True');
        expect(
          again.events.filter((e) => e.message.includes(' created') || e.message.includes(' configured')),
        ).toEqual([]);
      });

      it('prunes a removed object and keeps one annotated prune: disabled', async () => {
        const n = ns('prune');
        await namespace(n);
        await source(n, 'main@sha1:2222222222222222222222222222222222222222');
        const first = await reconcileOnce(ks(n, 'prune', { path: './prune-1' }));
        expect(ready(first.obj)?.status).toBe('True');
        expect(first.obj.status?.inventory?.entries.map((e) => e.id)).toEqual([
          `${n}_keep__ConfigMap`,
          `${n}_protected__ConfigMap`,
          `${n}_removed__ConfigMap`,
        ]);
        await source(n, 'main@sha1:3333333333333333333333333333333333333333');
        const second = await reconcileOnce(ks(n, 'prune', { path: './prune-2' }));
        expect(ready(second.obj)?.status).toBe('True');
        expect(second.obj.status?.inventory?.entries.map((e) => e.id)).toEqual([`${n}_keep__ConfigMap`]);
        const get = (name: string) =>
          cluster.get({ apiVersion: 'v1', kind: 'ConfigMap', namespace: n, name });
        expect(await get('removed')).toBeUndefined();
        expect(await get('protected')).toBeDefined();
        expect((await get('keep'))?.data).toEqual({ a: '2' });
        const pruneEvent = second.events.find((e) => e.message.includes('deleted'));
        expect(pruneEvent?.message).toBe(`ConfigMap/${n}/removed deleted\nConfigMap/${n}/protected skipped`);
      });

      it.skipIf(!!options.immutableFieldsSkip)(
        `fails on an immutable field without force and recreates the object with force${options.immutableFieldsSkip ? ` (skipped: ${options.immutableFieldsSkip})` : ''}`,
        async () => {
          const n = ns('immutable');
          await namespace(n);
          await source(n, 'main@sha1:4444444444444444444444444444444444444444');
          const first = await reconcileOnce(ks(n, 'web', { path: './immutable-1' }));
          expect(ready(first.obj)?.status).toBe('True');
          const before = await cluster.get({
            apiVersion: 'apps/v1',
            kind: 'Deployment',
            namespace: n,
            name: 'web',
          });
          await source(n, 'main@sha1:5555555555555555555555555555555555555555');
          const noForce = await reconcileOnce(ks(n, 'web', { path: './immutable-2' }));
          expect(ready(noForce.obj)).toMatchObject({ status: 'False', reason: 'ReconciliationFailed' });
          expect(ready(noForce.obj)?.message).toContain(`Deployment/${n}/web dry-run failed`);
          expect(noForce.obj.status?.lastAppliedRevision).toBe(
            'main@sha1:4444444444444444444444444444444444444444',
          );
          expect(noForce.obj.status?.lastAttemptedRevision).toBe(
            'main@sha1:5555555555555555555555555555555555555555',
          );
          expect(getCondition(noForce.obj, 'Reconciling')?.reason).toBe('ProgressingWithRetry');
          const forced = await reconcileOnce(ks(n, 'web', { path: './immutable-2', force: true }));
          expect(ready(forced.obj)?.status).toBe('True');
          const after = await cluster.get({
            apiVersion: 'apps/v1',
            kind: 'Deployment',
            namespace: n,
            name: 'web',
          });
          expect(after?.metadata.uid).not.toBe(before?.metadata.uid);
          expect((after!.spec as { selector: unknown }).selector).toEqual({
            matchLabels: { app: 'web', rev: 'two' },
          });
        },
      );

      it('seed incident: a missing substituteFrom ConfigMap is BuildFailed, not Ready', async () => {
        const n = ns('seed');
        await namespace(n);
        await source(n, 'main@sha1:6666666666666666666666666666666666666666');
        const spec = {
          path: './seed',
          postBuild: { substituteFrom: [{ kind: 'ConfigMap' as const, name: 'cluster-config' }] },
        };
        const missing = await reconcileOnce(ks(n, 'apps', spec));
        expect(ready(missing.obj)).toMatchObject({ status: 'False', reason: 'BuildFailed' });
        expect(ready(missing.obj)?.message).toBe(
          `post build failed for 'apps_v1_Deployment/web': substitute from 'ConfigMap/cluster-config' error: configmaps "cluster-config" not found`,
        );
        expect(isTrue(missing.obj, 'Ready')).toBe(false);
        expect(
          await cluster.get({ apiVersion: 'apps/v1', kind: 'Deployment', namespace: n, name: 'web' }),
        ).toBeUndefined();
        // With the ConfigMap, ${REPLICAS} becomes an integer and the default applies.
        await cluster.apply(
          {
            apiVersion: 'v1',
            kind: 'ConfigMap',
            metadata: { name: 'cluster-config', namespace: n },
            data: { REPLICAS: '3' },
          },
          { fieldManager: 'e2e' },
        );
        const ok = await reconcileOnce(ks(n, 'apps', spec));
        expect(ready(ok.obj)?.status).toBe('True');
        const dep = await cluster.get({
          apiVersion: 'apps/v1',
          kind: 'Deployment',
          namespace: n,
          name: 'web',
        });
        expect((dep!.spec as { replicas: unknown }).replicas).toBe(3);
        expect(
          (dep!.spec as { template: { metadata: { labels: Record<string, string> } } }).template.metadata
            .labels.region,
        ).toBe('eu-1');
      });

      it('is not Ready when a health check fails within spec.timeout', async () => {
        const n = ns('health');
        await namespace(n);
        await source(n, 'main@sha1:7777777777777777777777777777777777777777');
        const start = clock.now();
        const r = await reconcileOnce(ks(n, 'slow', { path: './health', wait: true, timeout: '30s' }));
        expect(ready(r.obj)).toMatchObject({ status: 'False', reason: 'HealthCheckFailed' });
        expect(ready(r.obj)?.message).toBe(
          `timeout waiting for: [Deployment/${n}/slow status: 'InProgress']`,
        );
        expect(getCondition(r.obj, 'Healthy')).toMatchObject({
          status: 'False',
          reason: 'HealthCheckFailed',
        });
        const elapsed = clock.now() - start;
        expect(elapsed).toBeGreaterThanOrEqual(30_000);
        expect(elapsed).toBeLessThan(40_000);
        // A CEL rule marking it Failed ends the wait at once.
        const failing = await reconcileOnce(
          ks(n, 'slow', {
            path: './health',
            wait: true,
            timeout: '30s',
            healthCheckExprs: [
              { apiVersion: 'apps/v1', kind: 'Deployment', current: 'false', failed: 'true' },
            ],
          }),
        );
        expect(ready(failing.obj)?.reason).toBe('HealthCheckFailed');
        expect(ready(failing.obj)?.message).toContain('failed early due to stalled resources');
      });

      it('reconciles a dependsOn chain cert-manager → ingress → apps in order', async () => {
        const n = ns('chain');
        await namespace(n);
        await source(n, 'main@sha1:8888888888888888888888888888888888888888');
        builds.length = 0;
        // Created in reverse so that order can only come from dependsOn.
        await cluster.apply(ks(n, 'apps', { path: './chain/apps', dependsOn: [{ name: 'ingress' }] }), {
          fieldManager: 'e2e',
        });
        await cluster.apply(
          ks(n, 'ingress', { path: './chain/ingress', dependsOn: [{ name: 'cert-manager' }] }),
          {
            fieldManager: 'e2e',
          },
        );
        await cluster.apply(ks(n, 'cert-manager', { path: './chain/cert-manager' }), { fieldManager: 'e2e' });
        // The system clock: the manager's own timers must not race ahead of real cluster calls.
        const manager = new Manager({
          cluster,
          reconcilers: [reconciler as never],
          clock: systemClock,
          namespace: n,
          jitterPercent: 0,
        });
        const report = await manager.runUntilSettled({ timeoutMs: 90_000 });
        expect(report.allReady).toBe(true);
        expect(builds.filter((b) => ['cert-manager', 'ingress', 'apps'].includes(b)).slice(0, 3)).toEqual([
          'cert-manager',
          'ingress',
          'apps',
        ]);
        for (const name of ['cert-manager', 'ingress', 'apps']) {
          const o = (await cluster.get({
            apiVersion: 'kustomize.toolkit.fluxcd.io/v1',
            kind: 'Kustomization',
            namespace: n,
            name,
          })) as Kustomization;
          expect(ready(o)?.status).toBe('True');
          expect(o.status?.lastAppliedRevision).toBe('main@sha1:8888888888888888888888888888888888888888');
        }
      });
    },
  );
}
