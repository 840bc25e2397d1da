import {
  type KubeObject,
  Manager,
  MemoryCluster,
  MemoryEventRecorder,
  type SettleReport,
  simulateWorkloads,
  systemClock,
} from '@gitops-kit/core';
import { webAppReconciler } from './reconciler.js';
import { type WebApp, webApp, webAppCrd } from './webapp.js';

/** Options of {@link runExample}. */
export interface RunExampleOptions {
  /** The WebApps to reconcile (in namespace `apps`). */
  apps: WebApp[];
  /** How long a simulated rollout takes, ms. Default 200. */
  rolloutMs?: number;
  /** Images that never pull (their rollout fails with `ProgressDeadlineExceeded`). */
  failImages?: RegExp;
  /** Give up after this long, ms. Default 60 000. */
  timeoutMs?: number;
  signal?: AbortSignal;
}

/** What {@link runExample} leaves behind. */
export interface ExampleRun {
  cluster: MemoryCluster;
  report: SettleReport;
  events: MemoryEventRecorder;
}

/** The example's WebApps: two that roll out, one whose image never pulls, one with a bad spec. */
export const exampleApps: WebApp[] = [
  webApp('apps', 'podinfo', {
    image: 'ghcr.io/stefanprodan/podinfo:6.7.0',
    replicas: 2,
    host: 'podinfo.example.com',
    port: 9898,
    healthCheckTimeout: '30s',
  }),
  webApp('apps', 'shop', {
    image: 'registry.example.com/shop:1.4.2',
    host: 'shop.example.com',
    healthCheckTimeout: '30s',
  }),
  webApp('apps', 'canary', {
    image: 'registry.example.com/shop:does-not-exist',
    host: 'canary.example.com',
    healthCheckTimeout: '30s',
  }),
  webApp('apps', 'typo', { image: 'registry.example.com/shop:1.4.2', host: 'Not A Host', replicas: 1 }),
];

/**
 * Runs the WebApp controller the way a platform team would embed it: an in-memory cluster with
 * simulated workload controllers (so Deployments really roll out, or fail to), the WebApp CRD, the
 * WebApps, and a `Manager` running the reconciler until every WebApp has settled.
 */
export async function runExample(options: RunExampleOptions): Promise<ExampleRun> {
  const { signal } = options;
  const clock = systemClock;
  const cluster = new MemoryCluster({ clock });
  const simulator = simulateWorkloads({
    cluster,
    clock,
    delayMs: options.rolloutMs ?? 200,
    ...(options.failImages ? { failImages: options.failImages } : {}),
  });
  try {
    await cluster.create(webAppCrd, { signal });
    const namespaces = new Set(options.apps.map((a) => a.metadata.namespace!));
    for (const name of namespaces) {
      await cluster.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } } as KubeObject, {
        signal,
      });
    }
    for (const app of options.apps) await cluster.create(app, { fieldManager: 'kubectl', signal });

    const events = new MemoryEventRecorder();
    const manager = new Manager({ cluster, clock, events, reconcilers: [webAppReconciler()] });
    const report = await manager.runUntilSettled({
      timeoutMs: options.timeoutMs ?? 60_000,
      ...(signal ? { signal } : {}),
    });
    return { cluster, report, events };
  } finally {
    await simulator.stop();
  }
}
