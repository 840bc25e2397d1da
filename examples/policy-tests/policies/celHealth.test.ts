// CEL health checks for custom resources, as a Kustomization's `spec.healthCheckExprs`: write the
// expressions once, test them against the statuses your operator really writes.
import {
  type CustomHealthCheck,
  type KubeObject,
  compileHealthCheckExprs,
  computeStatus,
  fluxJobRules,
  isGitOpsKitError,
} from '@gitops-kit/core';
import { describe, expect, it } from 'vitest';

/** The checks, exactly as they would appear under the Kustomization's `spec.healthCheckExprs`. */
const healthCheckExprs: CustomHealthCheck[] = [
  {
    apiVersion: 'cert-manager.io/v1',
    kind: 'Certificate',
    current: "status.conditions.filter(e, e.type == 'Ready').all(e, e.status == 'True')",
    // `exists`, not `filter(...).all(...)`: `all` over no matching condition is true (see below).
    failed: "status.conditions.exists(e, e.type == 'Issuing' && e.status == 'False' && e.reason == 'Failed')",
  },
  {
    // Every kind of the group, unless a kind-specific entry exists.
    apiVersion: 'example.gitops-kit.dev/v1alpha1',
    inProgress: "has(status.phase) && status.phase == 'Rolling'",
    failed: "has(status.phase) && status.phase == 'Degraded'",
    current: "has(status.phase) && status.phase == 'Serving'",
  },
];
// Ranked as Flux ranks them: its Job rule first, then the CEL checks, then the built-in rules.
const rules = [fluxJobRules, compileHealthCheckExprs(healthCheckExprs)];

const certificate = (conditions: Record<string, string>[], generation = 1): KubeObject => ({
  apiVersion: 'cert-manager.io/v1',
  kind: 'Certificate',
  metadata: { name: 'podinfo-tls', namespace: 'apps', generation },
  spec: { secretName: 'podinfo-tls' },
  status: { observedGeneration: 1, conditions },
});

const webApp = (status: Record<string, unknown>): KubeObject => ({
  apiVersion: 'example.gitops-kit.dev/v1alpha1',
  kind: 'WebApp',
  metadata: { name: 'shop', namespace: 'apps', generation: 1 },
  spec: {},
  status: { observedGeneration: 1, ...status },
});

describe('healthCheckExprs', () => {
  it.each([
    {
      name: 'an issued Certificate is Current',
      input: certificate([{ type: 'Ready', status: 'True' }]),
      want: 'Current',
    },
    {
      name: 'a Certificate whose issuance failed is Failed',
      input: certificate([
        { type: 'Ready', status: 'False' },
        { type: 'Issuing', status: 'False', reason: 'Failed' },
      ]),
      want: 'Failed',
    },
    {
      name: 'a Certificate still issuing is InProgress (no expression is true)',
      input: certificate([
        { type: 'Ready', status: 'False' },
        { type: 'Issuing', status: 'True', reason: 'Requested' },
      ]),
      want: 'InProgress',
    },
    {
      name: 'a spec change not yet observed is InProgress, whatever the conditions say',
      input: certificate([{ type: 'Ready', status: 'True' }], 2),
      want: 'InProgress',
    },
    { name: 'a group-wide check: Serving is Current', input: webApp({ phase: 'Serving' }), want: 'Current' },
    { name: 'a group-wide check: Degraded is Failed', input: webApp({ phase: 'Degraded' }), want: 'Failed' },
    {
      name: 'a group-wide check: Rolling is InProgress',
      input: webApp({ phase: 'Rolling' }),
      want: 'InProgress',
    },
  ])('$name', ({ input, want }) => {
    expect(computeStatus(input, { rules }).status).toBe(want);
  });

  it('catches a classic mistake: `filter(...).all(...)` is true when no condition matches', () => {
    const naive = compileHealthCheckExprs([
      {
        apiVersion: 'cert-manager.io/v1',
        kind: 'Certificate',
        current: "status.conditions.filter(e, e.type == 'Ready').all(e, e.status == 'True')",
        failed: "status.conditions.filter(e, e.type == 'Issuing').all(e, e.reason == 'Failed')",
      },
    ]);
    // An issued Certificate has no Issuing condition: the naive `failed` holds, and it is checked
    // before `current`.
    const issued = certificate([{ type: 'Ready', status: 'True' }]);
    expect(computeStatus(issued, { rules: [fluxJobRules, naive] }).status).toBe('Failed');
    expect(computeStatus(issued, { rules }).status).toBe('Current');
  });

  it('an expression that cannot evaluate (no status.conditions yet) makes the verdict Unknown', () => {
    const fresh: KubeObject = { ...certificate([]), status: { observedGeneration: 1 } };
    const res = computeStatus(fresh, { rules });
    expect(res.status).toBe('Unknown');
    expect(isGitOpsKitError(res.error, 'InvalidExpression')).toBe(true);
  });

  it.each([
    { name: 'a syntax error', check: { apiVersion: 'x.io/v1', kind: 'X', current: 'status.phase ==' } },
    { name: 'a missing current expression', check: { apiVersion: 'x.io/v1', kind: 'X', failed: 'true' } },
    { name: 'a non-bool expression', check: { apiVersion: 'x.io/v1', kind: 'X', current: "'Ready'" } },
  ])('rejects $name when compiling, before it reaches a cluster', ({ check }) => {
    let err: unknown;
    try {
      compileHealthCheckExprs([check as CustomHealthCheck]);
    } catch (e) {
      err = e;
    }
    expect(isGitOpsKitError(err, 'InvalidExpression')).toBe(true);
  });
});
