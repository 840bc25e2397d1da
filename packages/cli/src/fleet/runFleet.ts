import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve, sep } from 'node:path';
import {
  type ClusterClient,
  type Event,
  type KubeObject,
  type Reconciler,
  type SettleReport,
  Manager,
  getCondition,
  isGitOpsKitError,
  simulateWorkloads,
  systemClock,
} from '@gitops-kit/core';
import {
  type Kustomization,
  build,
  generateKustomization,
  kustomizationReconciler,
} from '@gitops-kit/kustomize';
import {
  type Artifact,
  createArtifactStorage,
  createGitRepositoryReconciler,
  extractArtifact,
} from '@gitops-kit/source';
import { stringify } from 'yaml';
import type { OpenedCluster } from '../cluster.js';
import { ClusterEventRecorder } from './clusterEvents.js';
import { ensureFluxCrds } from './fluxCrds.js';
import { supportedFluxKinds } from './fluxKinds.js';
import type { Progress } from './progress.js';
import type { Fleet } from './readFleet.js';
import { type FluxObjectStatus, fluxObjectStatus } from './statusTree.js';

/** Field manager of the objects `gitops-kit reconcile` applies from a fleet directory. */
export const fleetFieldManager = 'gitops-kit';

/** Options of {@link runFleet}. */
export interface RunFleetOptions {
  opened: OpenedCluster;
  /** Objects to apply before reconciling (`gitops-kit reconcile <fleet>`); none for `reconcile <kind> <name>`. */
  fleet?: Fleet;
  /**
   * Only manage (and report) Flux objects in this namespace; default all namespaces. A shared
   * cluster may hold other Flux objects that are none of this run's business.
   */
  namespace?: string;
  /** Simulate workload controllers (writing Deployment, Pod, ... status as a healthy cluster would). */
  simulate: boolean;
  /** How long a simulated rollout takes, ms. */
  simulateDelayMs: number;
  /** Give up waiting for the fleet to settle after this long, ms. */
  timeoutMs: number;
  /** Keep reconciling after the fleet settled, until `signal` aborts. */
  watch: boolean;
  progress: Progress;
  /** Called once the fleet settled first (with `watch`, before it keeps going). */
  onSettled?: (statuses: FluxObjectStatus[]) => void;
  signal?: AbortSignal;
}

/** What {@link runFleet} returns. */
export interface RunFleetResult {
  /** Every Flux object of a supported kind in the cluster, after the run. */
  statuses: FluxObjectStatus[];
  /** Events recorded during the run, in order. */
  events: Event[];
  /** Set when the fleet did not settle within the timeout: which objects were still busy. */
  timedOut?: string;
  report?: SettleReport;
}

const objectName = (o: { kind: string; metadata: { namespace?: string; name?: string } }) =>
  o.metadata.namespace
    ? `${o.kind}/${o.metadata.namespace}/${o.metadata.name}`
    : `${o.kind}/${o.metadata.name}`;

/** The Ready condition as one progress summary, e.g. `Ready: Applied revision: main@sha1:…`. */
function summary(
  obj: KubeObject,
  conditions: { type: string; status: string; reason: string; message: string }[] | undefined,
): string {
  const ready = (conditions ?? []).find((c) => c.type === 'Ready') ?? getCondition(obj, 'Ready');
  if (!ready) return 'reconciled';
  const word =
    ready.status === 'True'
      ? 'Ready'
      : ready.status === 'False'
        ? `not Ready (${ready.reason})`
        : `in progress (${ready.reason})`;
  return `${word}: ${ready.message.split('\n')[0]}`;
}

/**
 * The controllers `gitops-kit reconcile` runs: source-controller's GitRepository reconciler (artifacts
 * under `<stateDir>/artifacts`) and kustomize-controller's Kustomization reconciler, which extracts
 * the source artifact into a temporary directory, generates the kustomization as Flux does, builds
 * it and applies the result.
 */
export function fleetReconcilers(stateDir: string): Reconciler[] {
  const storage = createArtifactStorage({ basePath: join(stateDir, 'artifacts') });
  const git = createGitRepositoryReconciler({ storage });
  const ks = kustomizationReconciler({
    async fetchArtifact(source, { signal }) {
      const artifact = (source.status as { artifact?: Artifact } | undefined)?.artifact;
      if (!artifact) throw new Error(`${objectName(source)}: no artifact`);
      const work = await mkdtemp(join(tmpdir(), 'gitops-kit-ks-'));
      const dir = join(work, 'source');
      try {
        await extractArtifact({ file: storage.localPath(artifact), dir, signal });
      } catch (err) {
        await rm(work, { recursive: true, force: true });
        throw err;
      }
      return { dir, cleanup: () => rm(work, { recursive: true, force: true }) };
    },
    async build({ root, path, kustomization, signal }) {
      const dir = resolve(root, path);
      if (dir !== root && !dir.startsWith(root + sep)) {
        throw new Error(`spec.path '${path}' is outside the source artifact`);
      }
      const generated = await generateKustomization(dir, (kustomization as Kustomization).spec);
      await writeFile(generated.file, stringify(generated.kustomization), 'utf8');
      const list = await build({ path: dir, signal });
      return list.resources.map((r) => r.toObject() as unknown as KubeObject);
    },
    // Shorter polls than Flux's 2s/5s: the embedded cluster answers at once.
    stageWaitIntervalMs: 250,
    healthCheckIntervalMs: 500,
  });
  return [git as unknown as Reconciler, ks as unknown as Reconciler];
}

/** Namespaces, then CRDs, then the rest: the order `kubectl apply` needs on an empty cluster. */
function applyOrder(o: KubeObject): number {
  return o.kind === 'Namespace' ? 0 : o.kind === 'CustomResourceDefinition' ? 1 : 2;
}

/** Creates the namespaces the objects live in that neither exist nor are among them (as `flux install` creates `flux-system`). */
async function ensureNamespaces(
  cluster: ClusterClient,
  objects: KubeObject[],
  progress: Progress,
  signal?: AbortSignal,
) {
  const declared = new Set(objects.filter((o) => o.kind === 'Namespace').map((o) => o.metadata.name));
  const wanted = new Set(objects.map((o) => o.metadata.namespace).filter((n): n is string => !!n));
  for (const ns of [...wanted].sort()) {
    if (declared.has(ns)) continue;
    if (await cluster.get({ apiVersion: 'v1', kind: 'Namespace', name: ns }, { signal })) continue;
    await cluster.apply(
      { apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } },
      { fieldManager: fleetFieldManager, signal },
    );
    progress.line(`Namespace/${ns}: created`);
  }
}

/** Every Flux object of a supported kind in the cluster (or in one namespace). */
export async function readFluxStatuses(
  cluster: ClusterClient,
  options: { namespace?: string | undefined; signal?: AbortSignal | undefined } = {},
): Promise<FluxObjectStatus[]> {
  const { signal } = options;
  const out: FluxObjectStatus[] = [];
  for (const k of supportedFluxKinds) {
    if (!(await cluster.resourceFor({ apiVersion: k.apiVersion, kind: k.kind }, { signal }))) continue;
    const list = await cluster.list(
      { apiVersion: k.apiVersion, kind: k.kind },
      { signal, ...(options.namespace ? { namespace: options.namespace } : {}) },
    );
    for (const o of list) out.push(fluxObjectStatus(o));
  }
  return out;
}

/**
 * Runs the fleet: installs the Flux CRDs when missing, applies the fleet's objects (server-side
 * apply, field manager `gitops-kit`), starts the workload simulation on the embedded cluster, and
 * runs the core `Manager` with the GitRepository and Kustomization reconcilers until every object
 * is settled (Ready, failed, stalled, suspended or waiting on one that failed) — and, with `watch`,
 * on until `signal` aborts. Events are written to the cluster as Kubernetes Events.
 */
export async function runFleet(options: RunFleetOptions): Promise<RunFleetResult> {
  const { opened, progress, signal } = options;
  const { cluster } = opened;
  const clock = systemClock;
  for (const crd of await ensureFluxCrds(cluster, { signal }))
    progress.line(`CustomResourceDefinition/${crd}: created`);

  if (options.fleet) {
    const objects = [...options.fleet.plain].sort((a, b) => applyOrder(a) - applyOrder(b));
    await ensureNamespaces(cluster, [...objects, ...options.fleet.flux], progress, signal);
    for (const o of [...objects, ...options.fleet.flux]) {
      await cluster.apply(o, { fieldManager: fleetFieldManager, force: true, signal });
    }
    progress.line(
      `applied ${objects.length + options.fleet.flux.length} objects from ${options.fleet.origin}`,
    );
  }

  const simulator = options.simulate
    ? simulateWorkloads({ cluster, clock, delayMs: options.simulateDelayMs })
    : undefined;
  const recorder = new ClusterEventRecorder(cluster, clock, undefined, (e) => {
    const io = e.involvedObject;
    const where = io.namespace ? `${io.kind}/${io.namespace}/${io.name}` : `${io.kind}/${io.name}`;
    const lines = e.message.split('\n');
    progress.line(
      `${where}: ${e.reason}: ${lines[0]}${lines.length > 1 ? ` (+${lines.length - 1} lines)` : ''}`,
    );
  });
  const reconcilers = fleetReconcilers(opened.stateDir).map(
    (r): Reconciler => ({
      ...r,
      async reconcile(obj, ctx) {
        const name = objectName(obj);
        progress.start(name);
        try {
          const result = await r.reconcile(obj, ctx);
          progress.finish(name, summary(obj, result.conditions));
          return result;
        } catch (err) {
          progress.finish(name, `failed: ${(err as Error).message.split('\n')[0]}`);
          throw err;
        }
      },
    }),
  );
  const manager = new Manager({
    cluster,
    clock,
    reconcilers,
    events: recorder,
    ...(options.namespace ? { namespace: options.namespace } : {}),
  });
  let timedOut: string | undefined;
  let report: SettleReport | undefined;
  try {
    try {
      report = await manager.runUntilSettled({
        timeoutMs: options.timeoutMs,
        stop: !options.watch,
        ...(signal ? { signal } : {}),
      });
    } catch (err) {
      // With --watch, Ctrl-C during the first settle just stops.
      if (options.watch && signal?.aborted && isGitOpsKitError(err, 'Aborted')) {
        // fall through to the final report
      } else if (isGitOpsKitError(err, 'Timeout')) timedOut = err.message;
      else throw err;
    }
    if (options.watch && !signal?.aborted) {
      options.onSettled?.(await readFluxStatuses(cluster, { namespace: options.namespace, signal }));
      progress.line('watching for changes (Ctrl-C to stop)');
      await new Promise<void>((done) => {
        if (!signal || signal.aborted) return done();
        signal.addEventListener('abort', () => done(), { once: true });
      });
    }
  } finally {
    await manager.stop();
    await simulator?.stop();
    await opened.memory?.save();
  }
  const statuses = await readFluxStatuses(cluster, { namespace: options.namespace });
  return {
    statuses,
    events: recorder.events,
    ...(timedOut ? { timedOut } : {}),
    ...(report ? { report } : {}),
  };
}
