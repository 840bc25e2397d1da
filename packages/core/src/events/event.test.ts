import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../object/types.js';
import { FakeClock } from '../testing/FakeClock.js';
import { eventFor } from './event.js';

const ks: KubeObject = {
  apiVersion: 'kustomize.toolkit.fluxcd.io/v1',
  kind: 'Kustomization',
  metadata: {
    name: 'apps',
    namespace: 'flux-system',
    uid: 'u-1',
    resourceVersion: '42',
    annotations: { 'event.toolkit.fluxcd.io/env': 'prod', 'other.io/x': 'y' },
  },
};

describe('eventFor (Flux AnnotatedEventf)', () => {
  const clock = new FakeClock(Date.parse('2026-11-30T02:33:53.900Z'));
  it('builds the involved object, timestamp and controller', () => {
    expect(
      eventFor(ks, 'info', 'ReconciliationSucceeded', 'Applied revision: main@sha1:abc', {
        clock,
        reportingController: 'kustomize-controller',
        reportingInstance: 'pod-1',
      }),
    ).toEqual({
      involvedObject: {
        apiVersion: 'kustomize.toolkit.fluxcd.io/v1',
        kind: 'Kustomization',
        namespace: 'flux-system',
        name: 'apps',
        uid: 'u-1',
        resourceVersion: '42',
      },
      severity: 'info',
      timestamp: '2026-11-30T02:33:53Z',
      message: 'Applied revision: main@sha1:abc',
      reason: 'ReconciliationSucceeded',
      metadata: { 'event.toolkit.fluxcd.io/env': 'prod' },
      reportingController: 'kustomize-controller',
      reportingInstance: 'pod-1',
    });
  });

  it.each([
    {
      name: 'bare keys get the API group',
      metadata: { revision: 'main@sha1:abc', commit_status: 'update' },
      want: {
        'kustomize.toolkit.fluxcd.io/revision': 'main@sha1:abc',
        'kustomize.toolkit.fluxcd.io/commit_status': 'update',
        'event.toolkit.fluxcd.io/env': 'prod',
      },
    },
    {
      name: 'prefixed keys are kept; object annotations win',
      metadata: { 'event.toolkit.fluxcd.io/env': 'dev', 'x.io/token': 't' },
      want: { 'event.toolkit.fluxcd.io/env': 'prod', 'x.io/token': 't' },
    },
  ])('metadata: $name', ({ metadata, want }) => {
    expect(
      eventFor(ks, 'error', 'R', 'm', {
        clock,
        reportingController: 'c',
        metadata: metadata as unknown as Record<string, string>,
      }).metadata,
    ).toEqual(want);
  });

  it('omits metadata when there is none and keeps core-group keys bare', () => {
    const cm: KubeObject = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' } };
    expect(eventFor(cm, 'info', 'R', 'm', { clock, reportingController: 'c' })).not.toHaveProperty(
      'metadata',
    );
    expect(
      eventFor(cm, 'info', 'R', 'm', { clock, reportingController: 'c', metadata: { a: 'b' } }).metadata,
    ).toEqual({ a: 'b' });
  });
});
