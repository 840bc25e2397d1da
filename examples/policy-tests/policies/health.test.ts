// Health verdicts as Flux's health checks (kstatus) reach them, from the object alone: what a
// Kustomization with `wait: true` or `healthChecks` would wait for, and what fails it.
import { type KubeObject, computeStatus } from '@gitops-kit/core';
import { describe, expect, it } from 'vitest';

const deployment = (
  spec: Record<string, unknown>,
  status: Record<string, unknown>,
  generation = 2,
): KubeObject => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', namespace: 'apps', generation },
  spec: { replicas: 3, ...spec },
  status: { observedGeneration: generation, ...status },
});

const fluxKustomization = (conditions: Record<string, string>[]): KubeObject => ({
  apiVersion: 'kustomize.toolkit.fluxcd.io/v1',
  kind: 'Kustomization',
  metadata: { name: 'apps', namespace: 'flux-system', generation: 1 },
  spec: {},
  status: { observedGeneration: 1, conditions },
});

const available = {
  replicas: 3,
  updatedReplicas: 3,
  readyReplicas: 3,
  availableReplicas: 3,
  conditions: [
    { type: 'Available', status: 'True', reason: 'MinimumReplicasAvailable' },
    { type: 'Progressing', status: 'True', reason: 'NewReplicaSetAvailable' },
  ],
};

describe('kstatus verdicts', () => {
  it.each([
    {
      name: 'a rolled-out Deployment is Current',
      input: deployment({}, available),
      want: { status: 'Current', message: 'Deployment is available. Replicas: 3' },
    },
    {
      name: 'a Deployment halfway through a rollout is InProgress',
      input: deployment({}, { ...available, updatedReplicas: 1 }),
      want: { status: 'InProgress', message: 'Updated: 1/3' },
    },
    {
      name: 'a spec change the controller has not seen yet is InProgress',
      input: deployment({}, { ...available, observedGeneration: 1 }),
      want: { status: 'InProgress' },
    },
    {
      name: 'a Deployment past its progress deadline is Failed',
      input: deployment(
        {},
        {
          ...available,
          updatedReplicas: 1,
          conditions: [{ type: 'Progressing', status: 'False', reason: 'ProgressDeadlineExceeded' }],
        },
      ),
      want: { status: 'Failed', message: 'Progress deadline exceeded' },
    },
    {
      name: 'a failed Job is Failed',
      input: {
        apiVersion: 'batch/v1',
        kind: 'Job',
        metadata: { name: 'migrate', namespace: 'apps', generation: 1 },
        spec: { completions: 1, backoffLimit: 0 },
        status: {
          failed: 1,
          conditions: [{ type: 'Failed', status: 'True', reason: 'BackoffLimitExceeded' }],
        },
      },
      want: { status: 'Failed' },
    },
    {
      // kstatus keeps waiting on Ready=False (the controller retries): only Stalled fails fast.
      name: 'a Flux Kustomization with Ready=False is still InProgress',
      input: fluxKustomization([
        { type: 'Ready', status: 'False', reason: 'BuildFailed', message: 'kustomize build failed' },
      ]),
      want: { status: 'InProgress', message: 'kustomize build failed' },
    },
    {
      name: 'a stalled Flux Kustomization is Failed',
      input: fluxKustomization([
        { type: 'Stalled', status: 'True', reason: 'InvalidSpec', message: 'invalid interval' },
        { type: 'Ready', status: 'False', reason: 'InvalidSpec', message: 'invalid interval' },
      ]),
      want: { status: 'Failed' },
    },
    {
      name: 'an object being deleted is Terminating',
      input: {
        ...deployment({}, available),
        metadata: { name: 'web', generation: 2, deletionTimestamp: '2026-01-01T00:00:00Z' },
      },
      want: { status: 'Terminating' },
    },
    {
      name: 'a ConfigMap has no status to wait for: Current',
      input: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings' }, data: {} },
      want: { status: 'Current' },
    },
  ])('$name', ({ input, want }) => {
    expect(computeStatus(input as KubeObject)).toMatchObject(want);
  });
});
