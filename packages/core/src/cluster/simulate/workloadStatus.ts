/**
 * The status a healthy (or deliberately failing) cluster reports for workloads, computed from the
 * object alone. A `MemoryCluster` (or a bare kube-apiserver) has no kubelet and no workload
 * controllers, so without this every Deployment stays `InProgress` forever; `simulateWorkloads`
 * writes these statuses so health checks (kstatus `computeStatus`) can pass or fail as on a real
 * cluster.
 *
 * @see https://github.com/kubernetes/kubernetes/blob/master/pkg/controller/deployment/sync.go (conditions and reasons)
 */
import { formatTime } from '../../clock/clock.js';
import type { KubeObject } from '../../object/types.js';

/** Annotation that makes a workload fail in the simulation; its value is a {@link SimulatedFailure}. */
export const SimulateFailAnnotation = 'simulate.gitops-kit.dev/fail';

/**
 * The failures the simulation can produce, as a real cluster would show them:
 *
 * | value | Pod | Deployment | StatefulSet, DaemonSet, ReplicaSet | Job |
 * | --- | --- | --- | --- | --- |
 * | `ImagePullBackOff` | `Pending`, container waiting `ImagePullBackOff` | `Progressing=False/ProgressDeadlineExceeded` | no ready replicas | `Failed=True/BackoffLimitExceeded` |
 * | `CrashLoopBackOff` | `Running`, container waiting `CrashLoopBackOff` (kstatus `Failed`) | as above | as above | as above |
 * | `Unschedulable` | `Pending`, `PodScheduled=False/Unschedulable` | as above | as above | as above |
 *
 * Any other non-empty annotation value is treated as `ImagePullBackOff`.
 */
export const SimulatedFailure = {
  ImagePullBackOff: 'ImagePullBackOff',
  CrashLoopBackOff: 'CrashLoopBackOff',
  Unschedulable: 'Unschedulable',
} as const;
/** @see {@link SimulatedFailure} */
export type SimulatedFailure = (typeof SimulatedFailure)[keyof typeof SimulatedFailure];

/** The workload kinds the simulation writes status for, as `group/Kind` (core kinds: `Kind`). */
export const SimulatedKinds = [
  { apiVersion: 'apps/v1', kind: 'Deployment' },
  { apiVersion: 'apps/v1', kind: 'StatefulSet' },
  { apiVersion: 'apps/v1', kind: 'DaemonSet' },
  { apiVersion: 'apps/v1', kind: 'ReplicaSet' },
  { apiVersion: 'batch/v1', kind: 'Job' },
  { apiVersion: 'v1', kind: 'Pod' },
] as const;

/** Which of a workload's rollout stages to describe. */
export type SimulatedPhase = 'progressing' | 'done';

/** Options of {@link simulatedStatus}. */
export interface SimulatedStatusOptions {
  /** `progressing`: just observed, nothing ready yet; `done`: rolled out (or failed). */
  phase: SimulatedPhase;
  /** Time written into conditions and timestamps, epoch ms. */
  now: number;
  /** Make the workload fail; `undefined`: healthy. See {@link simulatedFailureOf}. */
  failure?: SimulatedFailure | undefined;
  /** Number of nodes a DaemonSet runs on. Default 1. */
  nodes?: number;
}

type Json = Record<string, unknown>;

const asMap = (v: unknown): Json => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : {});

function int(v: unknown, dflt: number): number {
  return typeof v === 'number' && Number.isInteger(v) && v >= 0 ? v : dflt;
}

/** Drops zero counters, as the API server's `omitempty` does. */
function counters(values: Record<string, number>): Json {
  const out: Json = {};
  for (const [k, v] of Object.entries(values)) if (v !== 0) out[k] = v;
  return out;
}

const SAFE_CHARS = 'bcdfghjklmnpqrstvwxz2456789';

/**
 * A pod-template hash in the shape the ReplicaSet/StatefulSet controllers use (FNV-1a 32 of the
 * template, safe-encoded): stable for the same template, different when it changes. It does not
 * reproduce Kubernetes' exact value (that hashes the Go struct dump).
 */
export function templateHash(template: unknown): string {
  const text = JSON.stringify(template ?? {});
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  let out = '';
  for (const ch of String(h)) out += SAFE_CHARS[Number(ch) % SAFE_CHARS.length];
  return out;
}

function containersOf(obj: KubeObject): { name: string; image: string }[] {
  const podSpec = obj.kind === 'Pod' ? asMap(obj.spec) : asMap(asMap(asMap(obj.spec).template).spec);
  const list = Array.isArray(podSpec.containers) ? podSpec.containers : [];
  return list.map((c) => {
    const m = asMap(c);
    return {
      name: typeof m.name === 'string' ? m.name : '',
      image: typeof m.image === 'string' ? m.image : '',
    };
  });
}

/**
 * Whether a workload should fail in the simulation: its {@link SimulateFailAnnotation} (any
 * non-empty value; unknown values mean `ImagePullBackOff`), else `ImagePullBackOff` when a
 * container image (of the Pod, or of the pod template) matches `failImages`.
 */
export function simulatedFailureOf(obj: KubeObject, failImages?: RegExp): SimulatedFailure | undefined {
  const v = obj.metadata.annotations?.[SimulateFailAnnotation];
  if (typeof v === 'string' && v !== '') {
    return (Object.values(SimulatedFailure) as string[]).includes(v)
      ? (v as SimulatedFailure)
      : SimulatedFailure.ImagePullBackOff;
  }
  if (failImages && containersOf(obj).some((c) => failImages.test(c.image))) {
    return SimulatedFailure.ImagePullBackOff;
  }
  return undefined;
}

function condition(type: string, status: string, reason: string, message: string, time: string): Json {
  return { type, status, reason, message, lastTransitionTime: time };
}

function deploymentStatus(obj: KubeObject, o: SimulatedStatusOptions): Json {
  const t = formatTime(o.now);
  const spec = asMap(obj.spec);
  const replicas = int(spec.replicas, 1);
  const rs = `${obj.metadata.name}-${templateHash(spec.template)}`;
  const generation = obj.metadata.generation ?? 1;
  const cond = (type: string, status: string, reason: string, message: string) => ({
    ...condition(type, status, reason, message, t),
    lastUpdateTime: t,
  });
  if (o.phase === 'progressing') {
    return {
      observedGeneration: generation,
      ...counters({ replicas, updatedReplicas: replicas, unavailableReplicas: replicas }),
      conditions: [
        cond(
          'Available',
          'False',
          'MinimumReplicasUnavailable',
          'Deployment does not have minimum availability.',
        ),
        cond('Progressing', 'True', 'ReplicaSetUpdated', `ReplicaSet "${rs}" is progressing.`),
      ],
    };
  }
  if (o.failure) {
    return {
      observedGeneration: generation,
      ...counters({ replicas, updatedReplicas: replicas, unavailableReplicas: replicas }),
      conditions: [
        cond(
          'Available',
          'False',
          'MinimumReplicasUnavailable',
          'Deployment does not have minimum availability.',
        ),
        cond(
          'Progressing',
          'False',
          'ProgressDeadlineExceeded',
          `ReplicaSet "${rs}" has timed out progressing.`,
        ),
      ],
    };
  }
  return {
    observedGeneration: generation,
    ...counters({
      replicas,
      updatedReplicas: replicas,
      readyReplicas: replicas,
      availableReplicas: replicas,
    }),
    conditions: [
      cond('Available', 'True', 'MinimumReplicasAvailable', 'Deployment has minimum availability.'),
      cond(
        'Progressing',
        'True',
        'NewReplicaSetAvailable',
        `ReplicaSet "${rs}" has successfully progressed.`,
      ),
    ],
  };
}

function statefulSetStatus(obj: KubeObject, o: SimulatedStatusOptions): Json {
  const spec = asMap(obj.spec);
  const replicas = int(spec.replicas, 1);
  const revision = `${obj.metadata.name}-${templateHash(spec.template)}`;
  const ready = o.phase === 'done' && !o.failure ? replicas : 0;
  return {
    observedGeneration: obj.metadata.generation ?? 1,
    ...counters({
      replicas,
      readyReplicas: ready,
      currentReplicas: replicas,
      updatedReplicas: replicas,
      availableReplicas: ready,
    }),
    currentRevision: revision,
    updateRevision: revision,
    collisionCount: 0,
  };
}

function daemonSetStatus(obj: KubeObject, o: SimulatedStatusOptions): Json {
  const nodes = o.nodes ?? 1;
  const ready = o.phase === 'done' && !o.failure ? nodes : 0;
  return {
    observedGeneration: obj.metadata.generation ?? 1,
    currentNumberScheduled: nodes,
    desiredNumberScheduled: nodes,
    numberMisscheduled: 0,
    numberReady: ready,
    ...counters({ updatedNumberScheduled: nodes, numberAvailable: ready, numberUnavailable: nodes - ready }),
  };
}

function replicaSetStatus(obj: KubeObject, o: SimulatedStatusOptions): Json {
  const replicas = int(asMap(obj.spec).replicas, 1);
  const ready = o.phase === 'done' && !o.failure ? replicas : 0;
  return {
    replicas,
    ...counters({ fullyLabeledReplicas: replicas, readyReplicas: ready, availableReplicas: ready }),
    observedGeneration: obj.metadata.generation ?? 1,
  };
}

function jobStatus(obj: KubeObject, o: SimulatedStatusOptions): Json {
  const t = formatTime(o.now);
  const spec = asMap(obj.spec);
  if (spec.suspend === true) {
    return { conditions: [condition('Suspended', 'True', 'JobSuspended', 'Job suspended', t)] };
  }
  const parallelism = int(spec.parallelism, 1);
  const completions = int(spec.completions, parallelism === 0 ? 0 : 1);
  const startTime = formatTime(creationMs(obj) ?? o.now);
  const cond = (type: string, reason: string, message: string) => ({
    ...condition(type, 'True', reason, message, t),
    lastProbeTime: t,
  });
  if (o.phase === 'progressing') {
    return { startTime, active: parallelism, ready: 0, uncountedTerminatedPods: {} };
  }
  if (o.failure) {
    const backoffLimit = int(spec.backoffLimit, 6);
    return {
      startTime,
      failed: backoffLimit + 1,
      ready: 0,
      uncountedTerminatedPods: {},
      conditions: [
        cond('FailureTarget', 'BackoffLimitExceeded', 'Job has reached the specified backoff limit'),
        cond('Failed', 'BackoffLimitExceeded', 'Job has reached the specified backoff limit'),
      ],
    };
  }
  return {
    startTime,
    completionTime: t,
    ...counters({ succeeded: completions }),
    ready: 0,
    uncountedTerminatedPods: {},
    conditions: [
      cond('SuccessCriteriaMet', 'CompletionsReached', 'Reached expected number of succeeded pods'),
      cond('Complete', 'CompletionsReached', 'Reached expected number of succeeded pods'),
    ],
  };
}

function creationMs(obj: KubeObject): number | undefined {
  const s = obj.metadata.creationTimestamp;
  const ms = typeof s === 'string' ? Date.parse(s) : Number.NaN;
  return Number.isNaN(ms) ? undefined : ms;
}

function podStatus(obj: KubeObject, o: SimulatedStatusOptions): Json {
  const t = formatTime(o.now);
  const start = formatTime(creationMs(obj) ?? o.now);
  const containers = containersOf(obj);
  const names = containers.map((c) => c.name).join(' ');
  const base = {
    hostIP: '10.0.0.1',
    podIP: '10.244.0.10',
    podIPs: [{ ip: '10.244.0.10' }],
    qosClass: 'BestEffort',
  };
  const scheduled = dropEmpty(condition('PodScheduled', 'True', '', '', t));
  const initialized = dropEmpty(condition('Initialized', 'True', '', '', t));
  const waiting = (reason: string, message: string | undefined, restartCount: number) =>
    containers.map((c) => ({
      name: c.name,
      image: c.image,
      imageID: '',
      ready: false,
      started: false,
      restartCount,
      state: { waiting: message === undefined ? { reason } : { reason, message } },
    }));
  const notReady = [
    initialized,
    condition('Ready', 'False', 'ContainersNotReady', `containers with unready status: [${names}]`, t),
    condition(
      'ContainersReady',
      'False',
      'ContainersNotReady',
      `containers with unready status: [${names}]`,
      t,
    ),
    scheduled,
  ];
  if (o.phase === 'progressing') {
    return {
      phase: 'Pending',
      conditions: [scheduled],
      startTime: start,
      ...base,
      containerStatuses: waiting('ContainerCreating', undefined, 0),
    };
  }
  switch (o.failure) {
    case undefined:
      return {
        phase: 'Running',
        conditions: [
          initialized,
          dropEmpty(condition('Ready', 'True', '', '', t)),
          dropEmpty(condition('ContainersReady', 'True', '', '', t)),
          scheduled,
        ],
        startTime: start,
        ...base,
        containerStatuses: containers.map((c) => ({
          name: c.name,
          image: c.image,
          imageID: `${c.image.split(':')[0]}@sha256:${'0'.repeat(64)}`,
          containerID: `containerd://${templateHash(c)}`,
          ready: true,
          started: true,
          restartCount: 0,
          state: { running: { startedAt: t } },
        })),
      };
    case SimulatedFailure.Unschedulable:
      return {
        phase: 'Pending',
        conditions: [
          condition(
            'PodScheduled',
            'False',
            'Unschedulable',
            '0/1 nodes are available: 1 Insufficient cpu. preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod.',
            t,
          ),
        ],
        qosClass: 'BestEffort',
      };
    case SimulatedFailure.CrashLoopBackOff:
      return {
        phase: 'Running',
        conditions: notReady,
        startTime: start,
        ...base,
        containerStatuses: waiting('CrashLoopBackOff', undefined, 5).map((c) => ({
          ...c,
          lastState: { terminated: { exitCode: 1, reason: 'Error', startedAt: t, finishedAt: t } },
          state: {
            waiting: {
              reason: 'CrashLoopBackOff',
              message: `back-off 2m40s restarting failed container=${c.name} pod=${obj.metadata.name}_${obj.metadata.namespace}(${obj.metadata.uid ?? ''})`,
            },
          },
        })),
      };
    default:
      return {
        phase: 'Pending',
        conditions: notReady,
        startTime: start,
        ...base,
        containerStatuses: containers.map((c) => ({
          name: c.name,
          image: c.image,
          imageID: '',
          ready: false,
          started: false,
          restartCount: 0,
          state: { waiting: { reason: 'ImagePullBackOff', message: `Back-off pulling image "${c.image}"` } },
        })),
      };
  }
}

function dropEmpty(c: Json): Json {
  const out: Json = {};
  for (const [k, v] of Object.entries(c)) if (v !== '') out[k] = v;
  return out;
}

const builders: Record<string, (obj: KubeObject, o: SimulatedStatusOptions) => Json> = {
  'apps/Deployment': deploymentStatus,
  'apps/StatefulSet': statefulSetStatus,
  'apps/DaemonSet': daemonSetStatus,
  'apps/ReplicaSet': replicaSetStatus,
  'batch/Job': jobStatus,
  Pod: podStatus,
};

function groupKind(obj: { apiVersion: string; kind: string }): string {
  const group = obj.apiVersion.includes('/') ? obj.apiVersion.split('/')[0] : '';
  return group ? `${group}/${obj.kind}` : obj.kind;
}

/** Whether the simulation handles this kind (see {@link SimulatedKinds}). */
export function isSimulatedKind(obj: { apiVersion: string; kind: string }): boolean {
  return Object.hasOwn(builders, groupKind(obj));
}

/**
 * The `status` a cluster reports for a workload at a rollout stage: `progressing` (the controller
 * has observed the generation, nothing is ready yet) or `done` (every replica ready, or, with a
 * `failure`, the failure a real cluster shows). Kinds, fields, condition types, reasons and
 * messages are Kubernetes' own, so kstatus's `computeStatus` gives `InProgress` for
 * `progressing`, `Current` for a healthy `done`, and for failures what it gives on a real cluster
 * (`Failed` for a Deployment past its progress deadline, a crash-looping Pod, a Job past its
 * backoff limit or a Pod unschedulable for longer than 15s; `InProgress` otherwise).
 *
 * Pure: the same object, options and time give the same status. Returns `undefined` for kinds it
 * does not simulate.
 *
 * @example
 * ```ts
 * const status = simulatedStatus(deployment, { phase: 'done', now: clock.now() });
 * computeStatus({ ...deployment, status }).status; // 'Current'
 * ```
 */
export function simulatedStatus(
  obj: KubeObject,
  options: SimulatedStatusOptions,
): Record<string, unknown> | undefined {
  const build = builders[groupKind(obj)];
  return build ? build(obj, options) : undefined;
}
