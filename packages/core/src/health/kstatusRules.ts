import type { KubeObject } from '../object/types.js';
import {
  FieldError,
  type JsonMap,
  boolField,
  intField,
  nestedSlice,
  readConditions,
  stringField,
} from './fields.js';
import { checkGenerationSet, withGenericChecks } from './generic.js';
import type { HealthRule, HealthRules } from './rules.js';
import { currentResult, failedResult, inProgressResult } from './status.js';

// Field paths, split once.
const SPEC_REPLICAS = ['spec', 'replicas'];
const STATUS_REPLICAS = ['status', 'replicas'];
const READY_REPLICAS = ['status', 'readyReplicas'];
const UPDATED_REPLICAS = ['status', 'updatedReplicas'];
const CURRENT_REPLICAS = ['status', 'currentReplicas'];
const AVAILABLE_REPLICAS = ['status', 'availableReplicas'];
const FULLY_LABELED_REPLICAS = ['status', 'fullyLabeledReplicas'];
const UPDATE_STRATEGY_TYPE = ['spec', 'updateStrategy', 'type'];
const PARTITION = ['spec', 'updateStrategy', 'rollingUpdate', 'partition'];
const CURRENT_REVISION = ['status', 'currentRevision'];
const UPDATE_REVISION = ['status', 'updateRevision'];
const PROGRESS_DEADLINE = ['spec', 'progressDeadlineSeconds'];
const DESIRED_SCHEDULED = ['status', 'desiredNumberScheduled'];
const CURRENT_SCHEDULED = ['status', 'currentNumberScheduled'];
const UPDATED_SCHEDULED = ['status', 'updatedNumberScheduled'];
const NUMBER_AVAILABLE = ['status', 'numberAvailable'];
const NUMBER_READY = ['status', 'numberReady'];
const PHASE = ['status', 'phase'];
const CONTAINER_STATUSES = ['status', 'containerStatuses'];
const CREATION_TIMESTAMP = ['metadata', 'creationTimestamp'];
const PARALLELISM = ['spec', 'parallelism'];
const COMPLETIONS = ['spec', 'completions'];
const SUCCEEDED = ['status', 'succeeded'];
const ACTIVE = ['status', 'active'];
const FAILED = ['status', 'failed'];
const START_TIME = ['status', 'startTime'];
const SUSPEND = ['spec', 'suspend'];
const SERVICE_TYPE = ['spec', 'type'];
const CLUSTER_IP = ['spec', 'clusterIP'];

const MAX_INT32 = 2147483647;

/** How long a Pod may stay unschedulable before it is reported `Failed` (kstatus `ScheduleWindow`). */
export const POD_SCHEDULE_WINDOW_MS = 15_000;

const asMap = (o: KubeObject) => o as JsonMap;

/** kstatus `alwaysReady`: Secret, ConfigMap, CronJob. */
const alwaysReady: HealthRule = () => currentResult('Resource is always ready');

/** kstatus `stsConditions`. */
const statefulSet: HealthRule = (o) => {
  const obj = asMap(o);
  if (stringField(obj, UPDATE_STRATEGY_TYPE, '') === 'OnDelete') {
    return currentResult('StatefulSet is using the ondelete update strategy');
  }
  const spec = intField(obj, SPEC_REPLICAS, 1);
  const ready = intField(obj, READY_REPLICAS, 0);
  const current = intField(obj, CURRENT_REPLICAS, 0);
  const updated = intField(obj, UPDATED_REPLICAS, 0);
  const replicas = intField(obj, STATUS_REPLICAS, 0);
  const partition = intField(obj, PARTITION, -1);
  if (spec > replicas) return inProgressResult('LessReplicas', `Replicas: ${replicas}/${spec}`);
  if (spec > ready) return inProgressResult('LessReady', `Ready: ${ready}/${spec}`);
  if (replicas > spec) return inProgressResult('ExtraPods', `Pending termination: ${replicas - spec}`);
  if (partition !== -1) {
    if (updated < spec - partition) {
      return inProgressResult('PartitionRollout', `updated: ${updated}/${spec - partition}`);
    }
    return currentResult(`Partition rollout complete. updated: ${updated}`);
  }
  if (spec > current) return inProgressResult('LessCurrent', `current: ${current}/${spec}`);
  if (stringField(obj, CURRENT_REVISION, '') !== stringField(obj, UPDATE_REVISION, '')) {
    return inProgressResult('RevisionMismatch', 'Waiting for updated revision to match current');
  }
  return currentResult(`All replicas scheduled as expected. Replicas: ${replicas}`);
};

/** kstatus `deploymentConditions`. */
const deployment: HealthRule = (o) => {
  const obj = asMap(o);
  let progressing = intField(obj, PROGRESS_DEADLINE, MAX_INT32) === MAX_INT32;
  let available = false;
  for (const c of readConditions(obj)) {
    if (c.type === 'Progressing') {
      if (c.reason === 'ProgressDeadlineExceeded') {
        return {
          status: 'Failed',
          message: 'Progress deadline exceeded',
          conditions: [{ type: 'Stalled', status: 'True', reason: c.reason, message: c.message }],
        };
      }
      if (c.status === 'True' && c.reason === 'NewReplicaSetAvailable') progressing = true;
    } else if (c.type === 'Available' && c.status === 'True') {
      available = true;
    }
  }
  const spec = intField(obj, SPEC_REPLICAS, 1);
  const replicas = intField(obj, STATUS_REPLICAS, 0);
  const updated = intField(obj, UPDATED_REPLICAS, 0);
  const ready = intField(obj, READY_REPLICAS, 0);
  const avail = intField(obj, AVAILABLE_REPLICAS, 0);
  if (spec > replicas) return inProgressResult('LessReplicas', `Replicas: ${replicas}/${spec}`);
  if (spec > updated) return inProgressResult('LessUpdated', `Updated: ${updated}/${spec}`);
  if (replicas > spec) return inProgressResult('ExtraPods', `Pending termination: ${replicas - spec}`);
  if (updated > avail) return inProgressResult('LessAvailable', `Available: ${avail}/${updated}`);
  if (spec > ready) return inProgressResult('LessReady', `Ready: ${ready}/${spec}`);
  if (!progressing) return inProgressResult('ReplicaSetNotAvailable', 'ReplicaSet not Available');
  if (!available) return inProgressResult('DeploymentNotAvailable', 'Deployment not Available');
  return currentResult(`Deployment is available. Replicas: ${replicas}`);
};

/** kstatus `replicasetConditions`. */
const replicaSet: HealthRule = (o) => {
  const obj = asMap(o);
  for (const c of readConditions(obj)) {
    if (c.type === 'ReplicaFailure' && c.status === 'True') {
      return inProgressResult('ReplicaFailure', 'Replica Failure condition. Check Pods');
    }
  }
  const spec = intField(obj, SPEC_REPLICAS, 1);
  const replicas = intField(obj, STATUS_REPLICAS, 0);
  const ready = intField(obj, READY_REPLICAS, 0);
  const avail = intField(obj, AVAILABLE_REPLICAS, 0);
  const labelled = intField(obj, FULLY_LABELED_REPLICAS, 0);
  if (spec > labelled) return inProgressResult('LessLabelled', `Labelled: ${labelled}/${spec}`);
  if (spec > avail) return inProgressResult('LessAvailable', `Available: ${avail}/${spec}`);
  if (spec > ready) return inProgressResult('LessReady', `Ready: ${ready}/${spec}`);
  if (replicas > spec) return inProgressResult('ExtraPods', `Pending termination: ${replicas - spec}`);
  return currentResult(`ReplicaSet is available. Replicas: ${replicas}`);
};

/** kstatus `daemonsetConditions`: requires `metadata.generation` and `status.observedGeneration`. */
const daemonSet: HealthRule = (o) => {
  const res = checkGenerationSet(o);
  if (res) return res;
  const obj = asMap(o);
  const desired = intField(obj, DESIRED_SCHEDULED, -1);
  const current = intField(obj, CURRENT_SCHEDULED, 0);
  const updated = intField(obj, UPDATED_SCHEDULED, 0);
  const avail = intField(obj, NUMBER_AVAILABLE, 0);
  const ready = intField(obj, NUMBER_READY, 0);
  if (desired === -1) return inProgressResult('NoDesiredNumber', 'Missing .status.desiredNumberScheduled');
  if (desired > current) return inProgressResult('LessCurrent', `Current: ${current}/${desired}`);
  if (desired > updated) return inProgressResult('LessUpdated', `Updated: ${updated}/${desired}`);
  if (desired > avail) return inProgressResult('LessAvailable', `Available: ${avail}/${desired}`);
  if (desired > ready) return inProgressResult('LessReady', `Ready: ${ready}/${desired}`);
  return currentResult(`All replicas scheduled as expected. Replicas: ${desired}`);
};

/** kstatus `pvcConditions`. */
const persistentVolumeClaim: HealthRule = (o) => {
  const phase = stringField(asMap(o), PHASE, 'unknown');
  if (phase !== 'Bound') return inProgressResult('NotBound', `PVC is not Bound. phase: ${phase}`);
  return currentResult('PVC is Bound');
};

const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

/** `metadata.creationTimestamp` in epoch ms; `-Infinity` (Go's zero time) when absent or malformed. */
function creationMs(obj: JsonMap): number {
  const s = stringField(obj, CREATION_TIMESTAMP, '');
  if (!RFC3339.test(s)) return Number.NEGATIVE_INFINITY;
  const ms = Date.parse(s);
  return Number.isNaN(ms) ? Number.NEGATIVE_INFINITY : ms;
}

function crashLoopingContainers(obj: JsonMap): string[] {
  const names: string[] = [];
  const statuses = nestedSlice(obj, CONTAINER_STATUSES);
  if (!statuses) return names;
  const bad = (what: string) => new FieldError(`status.containerStatuses: ${what}`);
  for (const item of statuses) {
    if (typeof item !== 'object' || item === null || Array.isArray(item)) throw bad('entry is not a map');
    const cs = item as JsonMap;
    if (!Object.hasOwn(cs, 'name')) continue;
    if (typeof cs.name !== 'string') throw bad('name is not a string');
    if (!Object.hasOwn(cs, 'state')) continue;
    const state = cs.state;
    if (typeof state !== 'object' || state === null || Array.isArray(state)) throw bad('state is not a map');
    if (!Object.hasOwn(state, 'waiting')) continue;
    const waiting = (state as JsonMap).waiting;
    if (typeof waiting !== 'object' || waiting === null || Array.isArray(waiting)) {
      throw bad('state.waiting is not a map');
    }
    if (!Object.hasOwn(waiting, 'reason')) continue;
    const reason = (waiting as JsonMap).reason;
    if (typeof reason !== 'string') throw bad('state.waiting.reason is not a string');
    if (reason === 'CrashLoopBackOff') names.push(cs.name);
  }
  return names;
}

/** kstatus `podConditions`; the scheduling window uses the injected clock. */
const pod: HealthRule = (o, { clock }) => {
  const obj = asMap(o);
  const conditions = readConditions(obj);
  const phase = stringField(obj, PHASE, '');
  switch (phase) {
    case 'Succeeded':
      return currentResult('Pod has completed successfully');
    case 'Failed':
      return currentResult('Pod has completed, but not successfully');
    case 'Running': {
      if (conditions.some((c) => c.type === 'Ready' && c.status === 'True'))
        return currentResult('Pod is Ready');
      const names = crashLoopingContainers(obj);
      if (names.length > 0) {
        return failedResult('ContainerCrashLooping', `Containers in CrashLoop state: ${names.join(',')}`);
      }
      return inProgressResult('PodRunningNotReady', 'Pod is running but is not Ready');
    }
    case 'Pending': {
      const c = conditions.find((c) => c.type === 'PodScheduled' && c.status === 'False');
      if (c && c.reason === 'Unschedulable') {
        if (clock.now() - POD_SCHEDULE_WINDOW_MS < creationMs(obj)) {
          return inProgressResult('PodNotScheduled', 'Pod has not been scheduled');
        }
        return failedResult('PodUnschedulable', 'Pod could not be scheduled');
      }
      return inProgressResult('PodPending', 'Pod is in the Pending phase');
    }
    case '':
      return inProgressResult('PodNotObserved', 'Pod phase not available');
    default:
      throw new FieldError(`unknown phase ${phase}`);
  }
};

/** kstatus `pdbConditions`: the generic observedGeneration check is all there is. */
const podDisruptionBudget: HealthRule = () => currentResult('AllowedDisruptions has been computed.');

interface JobCounts {
  completions: number;
  succeeded: number;
  active: number;
  failed: number;
  parallelism: number;
  startTime: string;
}

/** The counters both Job rules read. */
export function jobCounts(obj: JsonMap): JobCounts {
  const parallelism = intField(obj, PARALLELISM, 1);
  return {
    parallelism,
    completions: intField(obj, COMPLETIONS, parallelism),
    succeeded: intField(obj, SUCCEEDED, 0),
    active: intField(obj, ACTIVE, 0),
    failed: intField(obj, FAILED, 0),
    startTime: stringField(obj, START_TIME, ''),
  };
}

/**
 * kstatus `jobConditions`: `Current` once started (running counts as Current), `Failed` on a
 * `Failed=True` condition (e.g. `BackoffLimitExceeded`), `Current` when complete or suspended.
 * Flux replaces this with {@link fluxJobRule}, which is the default.
 */
const job: HealthRule = (o) => {
  const obj = asMap(o);
  const n = jobCounts(obj);
  const suspended = boolField(obj, SUSPEND, false);
  for (const c of readConditions(obj)) {
    if (c.type === 'Complete' && c.status === 'True') {
      return currentResult(`Job Completed. succeeded: ${n.succeeded}/${n.completions}`);
    }
    if (c.type === 'Failed' && c.status === 'True') {
      return failedResult('JobFailed', `Job Failed. failed: ${n.failed}/${n.completions}`);
    }
    if (c.type === 'Suspended' && c.status === 'True' && suspended) return currentResult('Job is suspended');
  }
  if (n.startTime === '') return inProgressResult('JobNotStarted', 'Job not started');
  return currentResult(`Job in progress. success:${n.succeeded}, active: ${n.active}, failed: ${n.failed}`);
};

/** kstatus `serviceConditions`: a LoadBalancer Service needs `spec.clusterIP`. */
const service: HealthRule = (o) => {
  const obj = asMap(o);
  const type = stringField(obj, SERVICE_TYPE, 'ClusterIP');
  if (type === 'LoadBalancer' && stringField(obj, CLUSTER_IP, '') === '') {
    return inProgressResult('NoIPAssigned', 'ClusterIP not set. Service type: LoadBalancer');
  }
  return currentResult('Service is ready');
};

/** kstatus `CRDConditions`. */
const customResourceDefinition: HealthRule = (o) => {
  for (const c of readConditions(asMap(o))) {
    if (c.type === 'NamesAccepted' && c.status === 'False') return failedResult(c.reason, c.message);
    if (c.type === 'Established') {
      if (c.status === 'False' && c.reason !== 'Installing') return failedResult(c.reason, c.message);
      if (c.status === 'True') return currentResult('CRD is established');
    }
  }
  return inProgressResult('Installing', 'Install in progress');
};

/** The bare kind rules, without the generic checks, for composing. */
export const kstatusKindRules = {
  statefulSet,
  deployment,
  replicaSet,
  daemonSet,
  persistentVolumeClaim,
  pod,
  podDisruptionBudget,
  job,
  service,
  customResourceDefinition,
  alwaysReady,
} as const satisfies Record<string, HealthRule>;

/**
 * kstatus's rule table (`legacyTypes`), each rule behind the generic checks: Service, Pod, Secret,
 * PersistentVolumeClaim, apps|extensions/{Deployment,DaemonSet,ReplicaSet}, apps/StatefulSet,
 * policy/PodDisruptionBudget, batch/CronJob, ConfigMap, batch/Job and
 * apiextensions.k8s.io/CustomResourceDefinition. Other kinds (Namespace included) take the generic
 * path. Messages are kstatus's, word for word.
 *
 * This is upstream kstatus; {@link defaultHealthRules} is what Flux runs (it differs for Jobs).
 *
 * @see https://github.com/kubernetes-sigs/cli-utils/blob/master/pkg/kstatus/status/core.go
 */
export const kstatusRules: HealthRules = Object.freeze({
  Service: withGenericChecks(service),
  Pod: withGenericChecks(pod),
  Secret: withGenericChecks(alwaysReady),
  PersistentVolumeClaim: withGenericChecks(persistentVolumeClaim),
  'apps/StatefulSet': withGenericChecks(statefulSet),
  'apps/DaemonSet': withGenericChecks(daemonSet),
  'extensions/DaemonSet': withGenericChecks(daemonSet),
  'apps/Deployment': withGenericChecks(deployment),
  'extensions/Deployment': withGenericChecks(deployment),
  'apps/ReplicaSet': withGenericChecks(replicaSet),
  'extensions/ReplicaSet': withGenericChecks(replicaSet),
  'policy/PodDisruptionBudget': withGenericChecks(podDisruptionBudget),
  'batch/CronJob': withGenericChecks(alwaysReady),
  ConfigMap: withGenericChecks(alwaysReady),
  'batch/Job': withGenericChecks(job),
  'apiextensions.k8s.io/CustomResourceDefinition': withGenericChecks(customResourceDefinition),
});
