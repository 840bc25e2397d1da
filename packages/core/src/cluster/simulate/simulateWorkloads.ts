import { type Clock, systemClock } from '../../clock/clock.js';
import { isGitOpsKitError } from '../../errors/GitOpsKitError.js';
import { type Logger, noopLogger } from '../../logger/logger.js';
import type { KubeObject } from '../../object/types.js';
import type { ClusterClient, ResourceType } from '../ClusterClient.js';
import { valuesEqual } from '../apply/fieldSet.js';
import {
  type SimulatedFailure,
  type SimulatedPhase,
  SimulatedKinds,
  simulatedFailureOf,
  simulatedStatus,
} from './workloadStatus.js';

/** Options of {@link simulateWorkloads}. */
export interface SimulateWorkloadsOptions {
  /** The cluster to watch and write statuses to (a `MemoryCluster`, or a real server without kubelets). */
  cluster: ClusterClient;
  /** Time source for the delay and the timestamps written. Default `systemClock`. */
  clock?: Clock;
  /**
   * How long a rollout takes, ms: a workload shows its `progressing` status at once and its final
   * (ready or failed) status this long after its generation was observed. `0`: final at once.
   * Default 1000.
   */
  delayMs?: number;
  /** Nodes a DaemonSet runs on. Default 1. */
  nodes?: number;
  /** Containers whose image matches never pull (`ImagePullBackOff`); default none. */
  failImages?: RegExp;
  /** Only this namespace; default all. */
  namespace?: string;
  /** Field manager of the status writes. Default `gitops-kit-simulator`. */
  fieldManager?: string;
  logger?: Logger;
  /** Stops the simulation (as {@link WorkloadSimulator.stop}). */
  signal?: AbortSignal;
}

/** Defaults of {@link SimulateWorkloadsOptions}. */
export const simulateWorkloadsDefaults = {
  delayMs: 1_000,
  nodes: 1,
  fieldManager: 'gitops-kit-simulator',
  /** Wait before re-opening a watch that ended or failed (or between lists, without watch), ms. */
  rewatchMs: 1_000,
} as const;

/** A running workload simulation: see {@link simulateWorkloads}. */
export interface WorkloadSimulator {
  /**
   * Resolves when no rollout is pending: every workload seen so far has its final status (with a
   * `FakeClock`, advance it by `delayMs` first).
   */
  idle(options?: { signal?: AbortSignal }): Promise<void>;
  /** Stops watching; pending rollouts are dropped. Resolves once the watches have closed. */
  stop(): Promise<void>;
  /** Status writes made so far. */
  readonly writes: number;
}

interface Tracked {
  signature: string;
}

type Json = Record<string, unknown>;

/** Condition times and the like, which differ between two writes of the same status. */
const TIME_KEYS = new Set([
  'lastTransitionTime',
  'lastUpdateTime',
  'lastProbeTime',
  'startTime',
  'completionTime',
  'startedAt',
  'finishedAt',
]);

function withoutTimes(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(withoutTimes);
  if (v && typeof v === 'object') {
    const out: Json = {};
    for (const [k, x] of Object.entries(v as Json)) if (!TIME_KEYS.has(k)) out[k] = withoutTimes(x);
    return out;
  }
  return v;
}

function groupOf(apiVersion: string): string {
  return apiVersion.includes('/') ? apiVersion.split('/')[0]! : '';
}

/**
 * Runs simulated workload controllers against a cluster: a kubelet and the Deployment,
 * StatefulSet, DaemonSet, ReplicaSet and Job controllers, reduced to what health checks read.
 * It watches those kinds and Pods and, for each new object or generation, writes the status a
 * healthy cluster reports (`observedGeneration`, replica counts, `Available`/`Progressing` with
 * `NewReplicaSetAvailable`, Job `Complete`, Pod `Running` + `Ready`), first the `progressing`
 * stage, then after `delayMs` on the injected clock the final one. Objects annotated
 * `simulate.gitops-kit.dev/fail: <ImagePullBackOff|CrashLoopBackOff|Unschedulable>`, or whose
 * container image matches `failImages`, fail instead (a Deployment reports
 * `Progressing=False/ProgressDeadlineExceeded`, which kstatus reads as `Failed`). See
 * {@link simulatedStatus} for the exact statuses.
 *
 * It creates no ReplicaSets or Pods of its own; it only writes the `status` subresource of the
 * objects it finds (statuses already final are left alone, so re-running over a persisted cluster
 * writes nothing). Kinds the cluster does not serve are skipped.
 *
 * @example
 * ```ts
 * const cluster = new MemoryCluster({ clock });
 * const sim = simulateWorkloads({ cluster, clock, delayMs: 2_000 });
 * // ... apply Deployments, run health checks ...
 * await sim.stop();
 * ```
 */
export function simulateWorkloads(options: SimulateWorkloadsOptions): WorkloadSimulator {
  const { cluster } = options;
  const clock = options.clock ?? systemClock;
  const delayMs = Math.max(0, options.delayMs ?? simulateWorkloadsDefaults.delayMs);
  const fieldManager = options.fieldManager ?? simulateWorkloadsDefaults.fieldManager;
  const logger = options.logger ?? noopLogger;
  const controller = new AbortController();
  const signal = controller.signal;
  const onOuterAbort = () => controller.abort(options.signal?.reason);
  if (options.signal?.aborted) controller.abort(options.signal.reason);
  else options.signal?.addEventListener('abort', onOuterAbort, { once: true });

  const tracked = new Map<string, Tracked>();
  let pending = 0;
  let writes = 0;
  let idleWaiters: (() => void)[] = [];

  const done = () => {
    pending--;
    if (pending === 0) {
      const w = idleWaiters;
      idleWaiters = [];
      for (const f of w) f();
    }
  };

  const keyOf = (o: KubeObject) =>
    `${groupOf(o.apiVersion)}/${o.kind}/${o.metadata.namespace ?? ''}/${o.metadata.name ?? ''}`;
  const signatureOf = (o: KubeObject, failure: SimulatedFailure | undefined) =>
    `${o.metadata.uid ?? ''}/${o.metadata.generation ?? 0}/${failure ?? ''}`;

  /** Writes the stage's status unless the object already shows it; returns false when the object changed. */
  async function write(obj: KubeObject, stage: SimulatedPhase, signature: string): Promise<boolean> {
    for (let attempt = 0; attempt < 5; attempt++) {
      const live = await cluster.get(
        {
          apiVersion: obj.apiVersion,
          kind: obj.kind,
          name: obj.metadata.name ?? '',
          ...(obj.metadata.namespace ? { namespace: obj.metadata.namespace } : {}),
        },
        { signal },
      );
      if (!live || live.metadata.deletionTimestamp) return false;
      const failure = simulatedFailureOf(live, options.failImages);
      if (signatureOf(live, failure) !== signature) return false;
      const status = simulatedStatus(live, {
        phase: stage,
        now: clock.now(),
        failure,
        ...(options.nodes !== undefined ? { nodes: options.nodes } : {}),
      });
      if (!status) return false;
      if (valuesEqual(withoutTimes(live.status ?? {}), withoutTimes(status))) return true;
      try {
        await cluster.updateStatus({ ...live, status }, { fieldManager, signal });
        writes++;
        return true;
      } catch (err) {
        if (isGitOpsKitError(err, 'Conflict')) continue;
        if (isGitOpsKitError(err, 'NotFound')) return false;
        throw err;
      }
    }
    return false;
  }

  async function rollout(obj: KubeObject, signature: string): Promise<void> {
    try {
      if (delayMs > 0) {
        if (!(await write(obj, 'progressing', signature))) return;
        await clock.sleep(delayMs, { signal });
      }
      await write(obj, 'done', signature);
    } catch (err) {
      if (signal.aborted) return;
      logger.warn('workload simulation: status write failed', {
        kind: obj.kind,
        namespace: obj.metadata.namespace,
        name: obj.metadata.name,
        error: err instanceof Error ? err.message : String(err),
      });
      tracked.delete(keyOf(obj));
    } finally {
      done();
    }
  }

  function observe(obj: KubeObject): void {
    if (obj.metadata.deletionTimestamp) return;
    const key = keyOf(obj);
    const failure = simulatedFailureOf(obj, options.failImages);
    const signature = signatureOf(obj, failure);
    if (tracked.get(key)?.signature === signature) return;
    tracked.set(key, { signature });
    const final = simulatedStatus(obj, {
      phase: 'done',
      now: clock.now(),
      failure,
      ...(options.nodes !== undefined ? { nodes: options.nodes } : {}),
    });
    if (!final) return;
    // Already rolled out (a persisted cluster opened again): nothing to do.
    if (valuesEqual(withoutTimes(obj.status ?? {}), withoutTimes(final))) return;
    pending++;
    void rollout(obj, signature);
  }

  async function watchKind(type: ResourceType): Promise<void> {
    try {
      if (!(await cluster.resourceFor(type, { signal }))) return;
    } catch {
      return;
    }
    while (!signal.aborted) {
      const scope = options.namespace ? { namespace: options.namespace } : {};
      try {
        if (cluster.watch) {
          for await (const e of cluster.watch(type, { signal, ...scope })) {
            if (e.type === 'DELETED') tracked.delete(keyOf(e.object));
            else observe(e.object);
          }
        } else {
          // No watch: poll.
          for (const o of await cluster.list(type, { signal, ...scope })) observe(o);
        }
      } catch (err) {
        if (signal.aborted) return;
        logger.debug('workload simulation: watch ended', {
          kind: type.kind,
          error: err instanceof Error ? err.message : String(err),
        });
      }
      if (signal.aborted) return;
      try {
        await clock.sleep(simulateWorkloadsDefaults.rewatchMs, { signal });
      } catch {
        return;
      }
    }
  }

  const loops = SimulatedKinds.map((t) => watchKind({ apiVersion: t.apiVersion, kind: t.kind }));

  return {
    get writes() {
      return writes;
    },
    idle(o = {}) {
      if (pending === 0) return Promise.resolve();
      return new Promise<void>((resolve, reject) => {
        const onAbort = () => reject(o.signal?.reason);
        o.signal?.addEventListener('abort', onAbort, { once: true });
        idleWaiters.push(() => {
          o.signal?.removeEventListener('abort', onAbort);
          resolve();
        });
      });
    },
    async stop() {
      controller.abort();
      options.signal?.removeEventListener('abort', onOuterAbort);
      await Promise.allSettled(loops);
    },
  };
}
