import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { isGitOpsKitError } from '../errors/GitOpsKitError.js';
import type { KubeObject } from '../object/types.js';
import { FakeClock } from '../testing/FakeClock.js';
import { computeStatus } from './computeStatus.js';
import { fluxJobRule } from './fluxRules.js';
import { genericRule, withGenericChecks } from './generic.js';
import { kstatusRules } from './kstatusRules.js';
import type { HealthRules } from './rules.js';

const dir = new URL('../../testdata/kstatus/', import.meta.url);
const cases = parse(readFileSync(new URL('cases.yaml', dir), 'utf8')) as {
  name: string;
  object: KubeObject;
}[];
interface Verdict {
  name: string;
  status?: string;
  message?: string;
  conditions?: { type: string; status: string; reason?: string; message?: string }[];
  error?: string;
}
const expected = JSON.parse(readFileSync(new URL('expected.json', dir), 'utf8')) as Verdict[];

// Upstream kstatus alone: its table, and its generic path for Flux's kinds (no Flux rules).
const upstream: HealthRules = {
  ...kstatusRules,
  'kustomize.toolkit.fluxcd.io/*': genericRule,
  'helm.toolkit.fluxcd.io/*': genericRule,
};
const clock = new FakeClock(Date.parse('2026-06-01T00:00:00Z'));

describe('computeStatus matches kstatus (expected.json is kstatus.Compute output)', () => {
  it('has a verdict for every case', () => {
    expect(expected.map((e) => e.name)).toEqual(cases.map((c) => c.name));
    expect(cases.length).toBeGreaterThanOrEqual(80);
  });

  const table = cases.map((c, i) => ({ name: c.name, input: c.object, want: expected[i]! }));
  it.each(table)('$name', ({ input, want }) => {
    const got = computeStatus(input, { rules: upstream, clock });
    if (want.error !== undefined) {
      // kstatus.Compute returned an error: pollers report Unknown with that error.
      expect(got.status).toBe('Unknown');
      expect(isGitOpsKitError(got.error, 'InvalidObject')).toBe(true);
      if (/^(looking up|unknown phase)/.test(want.error)) expect(got.message).toBe(want.error);
      return;
    }
    expect({ status: got.status, message: got.message, conditions: got.conditions }).toEqual({
      status: want.status,
      message: want.message,
      conditions: (want.conditions ?? []).map((c) => ({
        type: c.type,
        status: c.status,
        reason: c.reason ?? '',
        message: c.message ?? '',
      })),
    });
  });
});

const job = (extra: Partial<KubeObject>): KubeObject => ({
  apiVersion: 'batch/v1',
  kind: 'Job',
  metadata: { name: 'job' },
  ...extra,
});

describe("Flux's Job rule (fluxcd/pkg runtime/statusreaders/job_test.go), the default", () => {
  it.each([
    {
      name: 'no Complete condition',
      input: job({ spec: {}, status: {} }),
      want: ['InProgress', 'Job not started. active: 0/1', 'JobNotStarted'],
    },
    {
      name: 'Complete=True',
      input: job({ status: { conditions: [{ type: 'Complete', status: 'True' }] } }),
      want: ['Current', 'Job Completed. succeeded: 0/1', undefined],
    },
    {
      name: 'suspended',
      input: job({ spec: { suspend: true } }),
      want: ['Current', 'Job is suspended', undefined],
    },
    {
      name: 'Failed=True',
      input: job({ status: { failed: 1, conditions: [{ type: 'Failed', status: 'True' }] } }),
      want: ['Failed', 'Job Failed. failed: 1/1', 'JobFailed'],
    },
    {
      name: 'not started, parallelism 3',
      input: job({ spec: { parallelism: 3 } }),
      want: ['InProgress', 'Job not started. active: 0/3', 'JobNotStarted'],
    },
    {
      name: 'running is InProgress (kstatus would say Current)',
      input: job({ status: { startTime: '2026-01-01T00:00:00Z', active: 2, succeeded: 1, failed: 1 } }),
      want: ['InProgress', 'Job in progress. success:1, active: 2, failed: 1', 'JobInProgress'],
    },
    {
      name: 'terminating is not special (no generic checks)',
      input: job({
        metadata: { name: 'job', deletionTimestamp: '2026-01-01T00:00:00Z' },
        status: { conditions: [{ type: 'Complete', status: 'True' }] },
      }),
      want: ['Current', 'Job Completed. succeeded: 0/1', undefined],
    },
    {
      name: 'stale generation is not special (no generic checks)',
      input: job({
        metadata: { name: 'job', generation: 2 },
        status: { observedGeneration: 1, conditions: [{ type: 'Complete', status: 'True' }] },
      }),
      want: ['Current', 'Job Completed. succeeded: 0/1', undefined],
    },
  ])('$name', ({ input, want: [status, message, reason] }) => {
    const got = computeStatus(input);
    expect([got.status, got.message, got.conditions[0]?.reason]).toEqual([status, message, reason]);
    expect(fluxJobRule(input, { clock })).toEqual(got);
  });

  it('reports Unknown for malformed conditions', () => {
    const got = computeStatus(job({ status: { conditions: 'invalid' } }));
    expect(got.status).toBe('Unknown');
    expect(isGitOpsKitError(got.error, 'InvalidObject')).toBe(true);
  });
});

const flux = (
  kind: string,
  apiVersion: string,
  generation: number | undefined,
  status: unknown,
): KubeObject => ({
  apiVersion,
  kind,
  metadata:
    generation === undefined
      ? { name: 'x', namespace: 'flux-system' }
      : { name: 'x', namespace: 'flux-system', generation },
  status,
});
const ready = (s: string, reason = 'Succeeded', message = 'ok') => ({
  type: 'Ready',
  status: s,
  reason,
  message,
});

describe("Flux's own kinds: Ready=True at the current generation", () => {
  it.each([
    {
      name: 'Kustomization ready at generation',
      input: flux('Kustomization', 'kustomize.toolkit.fluxcd.io/v1', 3, {
        observedGeneration: 3,
        conditions: [ready('True')],
      }),
      want: ['Current', 'Resource is Ready'],
    },
    {
      name: 'Kustomization ready at an older generation',
      input: flux('Kustomization', 'kustomize.toolkit.fluxcd.io/v1', 4, {
        observedGeneration: 3,
        conditions: [ready('True')],
      }),
      want: ['InProgress', 'Kustomization generation is 4, but latest observed generation is 3'],
    },
    {
      name: 'GitRepository without status (kstatus would say Current)',
      input: flux('GitRepository', 'source.toolkit.fluxcd.io/v1', 1, undefined),
      want: ['InProgress', 'GitRepository has no Ready condition'],
    },
    {
      name: 'HelmRelease Ready=True without observedGeneration',
      input: flux('HelmRelease', 'helm.toolkit.fluxcd.io/v2', 2, { conditions: [ready('True')] }),
      want: ['InProgress', 'HelmRelease status.observedGeneration not found'],
    },
    {
      name: 'OCIRepository Ready=False',
      input: flux('OCIRepository', 'source.toolkit.fluxcd.io/v1', 1, {
        observedGeneration: 1,
        conditions: [ready('False', 'OCIArtifactPullFailed', 'failed to pull')],
      }),
      want: ['InProgress', 'failed to pull'],
    },
    {
      name: 'HelmRelease stalled',
      input: flux('HelmRelease', 'helm.toolkit.fluxcd.io/v2', 1, {
        observedGeneration: 1,
        conditions: [
          ready('False', 'RetriesExceeded', 'x'),
          { type: 'Stalled', status: 'True', reason: 'RetriesExceeded', message: 'retries exceeded' },
        ],
      }),
      want: ['Failed', 'retries exceeded'],
    },
    {
      name: 'ImagePolicy reconciling',
      input: flux('ImagePolicy', 'image.toolkit.fluxcd.io/v1', 1, {
        observedGeneration: 1,
        conditions: [
          {
            type: 'Reconciling',
            status: 'True',
            reason: 'Progressing',
            message: 'reconciliation in progress',
          },
          ready('Unknown'),
        ],
      }),
      want: ['InProgress', 'reconciliation in progress'],
    },
    {
      name: 'Receiver ready',
      input: flux('Receiver', 'notification.toolkit.fluxcd.io/v1', 1, {
        observedGeneration: 1,
        conditions: [ready('True')],
      }),
      want: ['Current', 'Resource is Ready'],
    },
    {
      name: 'Alert (v1beta3, no status) stays on the generic path',
      input: flux('Alert', 'notification.toolkit.fluxcd.io/v1beta3', 1, undefined),
      want: ['Current', 'Resource is current'],
    },
    {
      name: 'Bucket terminating',
      input: {
        ...flux('Bucket', 'source.toolkit.fluxcd.io/v1', 1, undefined),
        metadata: { name: 'b', deletionTimestamp: '2026-01-01T00:00:00Z' },
      },
      want: ['Terminating', 'Resource scheduled for deletion'],
    },
  ])('$name', ({ input, want }) => {
    const got = computeStatus(input);
    expect([got.status, got.message]).toEqual(want);
  });
});

describe('rule tables', () => {
  const widget: KubeObject = {
    apiVersion: 'example.com/v1',
    kind: 'Widget',
    metadata: { name: 'w', generation: 1 },
    status: { phase: 'Broken' },
  };
  const phaseRule = withGenericChecks((o) => {
    const phase = (o.status as { phase?: string }).phase;
    return phase === 'Broken'
      ? { status: 'Failed', message: 'broken', conditions: [] }
      : { status: 'Current', message: 'fine', conditions: [] };
  });

  it('uses a user rule keyed by group/Kind', () => {
    expect(computeStatus(widget, { rules: { 'example.com/Widget': phaseRule } }).status).toBe('Failed');
  });

  it('uses a group-wide rule', () => {
    expect(computeStatus(widget, { rules: { 'example.com/*': phaseRule } }).status).toBe('Failed');
  });

  it('prefers group/Kind over group/* in the same table', () => {
    const rules: HealthRules = {
      'example.com/*': () => ({ status: 'InProgress', message: 'group', conditions: [] }),
      'example.com/Widget': phaseRule,
    };
    expect(computeStatus(widget, { rules }).message).toBe('broken');
  });

  it('searches tables in order', () => {
    const first: HealthRules = {
      'example.com/*': () => ({ status: 'InProgress', message: 'first', conditions: [] }),
    };
    expect(computeStatus(widget, { rules: [first, { 'example.com/Widget': phaseRule }] }).message).toBe(
      'first',
    );
  });

  it('lets user rules replace built-in ones', () => {
    const cm: KubeObject = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' } };
    const rules: HealthRules = {
      ConfigMap: () => ({ status: 'InProgress', message: 'mine', conditions: [] }),
    };
    expect(computeStatus(cm).message).toBe('Resource is always ready');
    expect(computeStatus(cm, { rules }).message).toBe('mine');
  });

  it('ignores the version', () => {
    const d: KubeObject = { apiVersion: 'apps/v1beta2', kind: 'Deployment', metadata: { name: 'd' } };
    expect(computeStatus(d).message).toBe('Replicas: 0/1');
  });

  it('does not treat inherited property names as rules', () => {
    const o: KubeObject = { apiVersion: 'v1', kind: 'constructor', metadata: { name: 'c' } };
    expect(computeStatus(o).message).toBe('Resource is current');
  });

  it('turns a throwing rule into Unknown', () => {
    const rules: HealthRules = {
      'example.com/Widget': () => {
        throw new Error('boom');
      },
    };
    const got = computeStatus(widget, { rules });
    expect(got.status).toBe('Unknown');
    expect(got.message).toBe('boom');
    expect(isGitOpsKitError(got.error, 'InvalidObject')).toBe(true);
  });

  it('applies the Pod scheduling window with the injected clock', () => {
    const pod: KubeObject = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'p', creationTimestamp: '2026-06-01T00:00:00Z' },
      status: {
        phase: 'Pending',
        conditions: [{ type: 'PodScheduled', status: 'False', reason: 'Unschedulable' }],
      },
    };
    const c = new FakeClock(Date.parse('2026-06-01T00:00:14Z'));
    expect(computeStatus(pod, { clock: c }).conditions[0]?.reason).toBe('PodNotScheduled');
    const later = new FakeClock(Date.parse('2026-06-01T00:00:15Z'));
    expect(computeStatus(pod, { clock: later }).conditions[0]?.reason).toBe('PodUnschedulable');
  });
});
