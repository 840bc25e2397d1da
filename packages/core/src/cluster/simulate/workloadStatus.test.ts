import { describe, expect, it } from 'vitest';
import { computeStatus } from '../../health/computeStatus.js';
import type { KubeObject } from '../../object/types.js';
import { FakeClock } from '../../testing/FakeClock.js';
import {
  SimulateFailAnnotation,
  type SimulatedFailure,
  type SimulatedPhase,
  isSimulatedKind,
  simulatedFailureOf,
  simulatedStatus,
  templateHash,
} from './workloadStatus.js';

const created = '2026-01-01T00:00:00Z';
const template = {
  metadata: { labels: { app: 'web' } },
  spec: { containers: [{ name: 'web', image: 'ghcr.io/example/web:1.0.0' }] },
};
const meta = (name: string, generation = 3) => ({
  name,
  namespace: 'apps',
  uid: `uid-${name}`,
  generation,
  creationTimestamp: created,
});

const deployment: KubeObject = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: meta('web'),
  spec: { replicas: 3, selector: { matchLabels: { app: 'web' } }, template },
};
const statefulSet: KubeObject = {
  apiVersion: 'apps/v1',
  kind: 'StatefulSet',
  metadata: meta('db'),
  spec: { replicas: 2, serviceName: 'db', selector: { matchLabels: { app: 'db' } }, template },
};
const daemonSet: KubeObject = {
  apiVersion: 'apps/v1',
  kind: 'DaemonSet',
  metadata: meta('agent'),
  spec: { selector: { matchLabels: { app: 'agent' } }, template },
};
const replicaSet: KubeObject = {
  apiVersion: 'apps/v1',
  kind: 'ReplicaSet',
  metadata: meta('web-abc'),
  spec: { replicas: 2, selector: { matchLabels: { app: 'web' } }, template },
};
const job: KubeObject = {
  apiVersion: 'batch/v1',
  kind: 'Job',
  metadata: { name: 'migrate', namespace: 'apps', uid: 'uid-job', creationTimestamp: created },
  spec: { template: { ...template, spec: { ...template.spec, restartPolicy: 'Never' } } },
};
const pod: KubeObject = {
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'web-0', namespace: 'apps', uid: 'uid-pod', creationTimestamp: created },
  spec: template.spec,
};
const zeroReplicas: KubeObject = { ...deployment, spec: { ...(deployment.spec as object), replicas: 0 } };
const suspendedJob: KubeObject = { ...job, spec: { ...(job.spec as object), suspend: true } };

interface Case {
  name: string;
  input: { obj: KubeObject; phase: SimulatedPhase; failure?: SimulatedFailure; nowOffsetMs?: number };
  want: { status: string; reason?: string; message?: string };
}

// What kstatus (computeStatus, Flux's rule set) says about each simulated status.
const cases: Case[] = [
  {
    name: 'Deployment progressing',
    input: { obj: deployment, phase: 'progressing' },
    want: { status: 'InProgress', reason: 'LessAvailable', message: 'Available: 0/3' },
  },
  {
    name: 'Deployment rolled out',
    input: { obj: deployment, phase: 'done' },
    want: { status: 'Current', message: 'Deployment is available. Replicas: 3' },
  },
  {
    name: 'Deployment with 0 replicas rolled out',
    input: { obj: zeroReplicas, phase: 'done' },
    want: { status: 'Current', message: 'Deployment is available. Replicas: 0' },
  },
  {
    name: 'Deployment failing to pull',
    input: { obj: deployment, phase: 'done', failure: 'ImagePullBackOff' },
    want: { status: 'Failed', message: 'Progress deadline exceeded' },
  },
  {
    name: 'Deployment crash looping',
    input: { obj: deployment, phase: 'done', failure: 'CrashLoopBackOff' },
    want: { status: 'Failed', message: 'Progress deadline exceeded' },
  },
  {
    name: 'StatefulSet progressing',
    input: { obj: statefulSet, phase: 'progressing' },
    want: { status: 'InProgress', reason: 'LessReady', message: 'Ready: 0/2' },
  },
  {
    name: 'StatefulSet rolled out',
    input: { obj: statefulSet, phase: 'done' },
    want: { status: 'Current', message: 'All replicas scheduled as expected. Replicas: 2' },
  },
  {
    name: 'StatefulSet failing stays not ready',
    input: { obj: statefulSet, phase: 'done', failure: 'ImagePullBackOff' },
    want: { status: 'InProgress', reason: 'LessReady' },
  },
  {
    name: 'DaemonSet progressing',
    input: { obj: daemonSet, phase: 'progressing' },
    want: { status: 'InProgress', reason: 'LessAvailable', message: 'Available: 0/1' },
  },
  {
    name: 'DaemonSet rolled out',
    input: { obj: daemonSet, phase: 'done' },
    want: { status: 'Current', message: 'All replicas scheduled as expected. Replicas: 1' },
  },
  {
    name: 'DaemonSet failing stays unavailable',
    input: { obj: daemonSet, phase: 'done', failure: 'CrashLoopBackOff' },
    want: { status: 'InProgress', reason: 'LessAvailable' },
  },
  {
    name: 'ReplicaSet progressing',
    input: { obj: replicaSet, phase: 'progressing' },
    want: { status: 'InProgress', reason: 'LessAvailable', message: 'Available: 0/2' },
  },
  {
    name: 'ReplicaSet rolled out',
    input: { obj: replicaSet, phase: 'done' },
    want: { status: 'Current', message: 'ReplicaSet is available. Replicas: 2' },
  },
  {
    name: 'Job running',
    input: { obj: job, phase: 'progressing' },
    want: { status: 'InProgress', reason: 'JobInProgress' },
  },
  {
    name: 'Job complete',
    input: { obj: job, phase: 'done' },
    want: { status: 'Current', message: 'Job Completed. succeeded: 1/1' },
  },
  {
    name: 'Job past its backoff limit',
    input: { obj: job, phase: 'done', failure: 'ImagePullBackOff' },
    want: { status: 'Failed', reason: 'JobFailed', message: 'Job Failed. failed: 7/1' },
  },
  {
    name: 'suspended Job',
    input: { obj: suspendedJob, phase: 'done' },
    want: { status: 'Current', message: 'Job is suspended' },
  },
  {
    name: 'Pod creating',
    input: { obj: pod, phase: 'progressing' },
    want: { status: 'InProgress', reason: 'PodPending' },
  },
  {
    name: 'Pod running and ready',
    input: { obj: pod, phase: 'done' },
    want: { status: 'Current', message: 'Pod is Ready' },
  },
  {
    name: 'Pod failing to pull',
    input: { obj: pod, phase: 'done', failure: 'ImagePullBackOff' },
    want: { status: 'InProgress', reason: 'PodPending' },
  },
  {
    name: 'Pod crash looping',
    input: { obj: pod, phase: 'done', failure: 'CrashLoopBackOff' },
    want: {
      status: 'Failed',
      reason: 'ContainerCrashLooping',
      message: 'Containers in CrashLoop state: web',
    },
  },
  {
    name: 'Pod unschedulable inside the window',
    input: { obj: pod, phase: 'done', failure: 'Unschedulable', nowOffsetMs: 5_000 },
    want: { status: 'InProgress', reason: 'PodNotScheduled' },
  },
  {
    name: 'Pod unschedulable past the window',
    input: { obj: pod, phase: 'done', failure: 'Unschedulable', nowOffsetMs: 60_000 },
    want: { status: 'Failed', reason: 'PodUnschedulable' },
  },
];

describe('simulatedStatus', () => {
  it.each(cases)('$name', ({ input, want }) => {
    const now = Date.parse(created) + (input.nowOffsetMs ?? 0);
    const status = simulatedStatus(input.obj, { phase: input.phase, now, failure: input.failure });
    expect(status).toBeDefined();
    const got = computeStatus({ ...input.obj, status }, { clock: new FakeClock(now) });
    expect(got.status).toBe(want.status);
    if (want.message !== undefined) expect(got.message).toBe(want.message);
    if (want.reason !== undefined) expect(got.conditions[0]?.reason).toBe(want.reason);
  });

  it('writes the Deployment conditions and reasons a real cluster reports', () => {
    const status = simulatedStatus(deployment, { phase: 'done', now: Date.parse(created) }) as {
      observedGeneration: number;
      conditions: { type: string; status: string; reason: string; message: string }[];
    };
    expect(status.observedGeneration).toBe(3);
    expect(status.conditions.map((c) => [c.type, c.status, c.reason])).toEqual([
      ['Available', 'True', 'MinimumReplicasAvailable'],
      ['Progressing', 'True', 'NewReplicaSetAvailable'],
    ]);
    expect(status.conditions[1]!.message).toBe(
      `ReplicaSet "web-${templateHash(template)}" has successfully progressed.`,
    );
  });

  it('returns undefined for kinds it does not simulate', () => {
    const cm: KubeObject = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' } };
    expect(simulatedStatus(cm, { phase: 'done', now: 0 })).toBeUndefined();
    expect(isSimulatedKind(cm)).toBe(false);
    expect(isSimulatedKind(deployment)).toBe(true);
  });

  it('template hashes are stable and change with the template', () => {
    expect(templateHash(template)).toBe(templateHash(structuredClone(template)));
    expect(templateHash(template)).not.toBe(templateHash({ ...template, spec: {} }));
    expect(templateHash(template)).toMatch(/^[bcdfghjklmnpqrstvwxz2456789]+$/);
  });
});

describe('simulatedFailureOf', () => {
  const annotated = (v: string): KubeObject => ({
    ...deployment,
    metadata: { ...deployment.metadata, annotations: { [SimulateFailAnnotation]: v } },
  });
  it.each([
    { name: 'no annotation, no pattern', input: { obj: deployment, pattern: undefined }, want: undefined },
    {
      name: 'annotation CrashLoopBackOff',
      input: { obj: annotated('CrashLoopBackOff'), pattern: undefined },
      want: 'CrashLoopBackOff',
    },
    {
      name: 'annotation Unschedulable',
      input: { obj: annotated('Unschedulable'), pattern: undefined },
      want: 'Unschedulable',
    },
    {
      name: 'unknown annotation value',
      input: { obj: annotated('yes'), pattern: undefined },
      want: 'ImagePullBackOff',
    },
    { name: 'empty annotation value', input: { obj: annotated(''), pattern: undefined }, want: undefined },
    {
      name: 'template image matches',
      input: { obj: deployment, pattern: /example\/web:1\./ },
      want: 'ImagePullBackOff',
    },
    { name: 'template image does not match', input: { obj: deployment, pattern: /:2\./ }, want: undefined },
    { name: 'Pod image matches', input: { obj: pod, pattern: /web/ }, want: 'ImagePullBackOff' },
  ])('$name', ({ input, want }) => {
    expect(simulatedFailureOf(input.obj, input.pattern)).toBe(want);
  });
});
