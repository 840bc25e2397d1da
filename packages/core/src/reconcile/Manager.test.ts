import { describe, expect, it } from 'vitest';
import { getCondition, isTrue } from '../conditions/getter.js';
import { markFalse, markTrue } from '../conditions/setter.js';
import { ReconcileRequestAnnotation } from '../conditions/types.js';
import { MemoryEventRecorder } from '../events/event.js';
import type { KubeObject } from '../object/types.js';
import { FakeClock } from '../testing/FakeClock.js';
import { MemoryCluster } from '../cluster/MemoryCluster.js';
import type { ClusterClient, PatchOptions, ResourceRef } from '../cluster/ClusterClient.js';
import { annotateReconcileRequest, formatRFC3339Nano } from './annotateReconcileRequest.js';
import { Manager, type ManagerOptions } from './Manager.js';
import type { ReconcileContext, ReconcileResult, Reconciler } from './Reconciler.js';

const API = 'demo.gitops-kit.dev/v1';
const KIND = 'Widget';

function widget(name: string, spec: Record<string, unknown> = {}, namespace = 'default'): KubeObject {
  return { apiVersion: API, kind: KIND, metadata: { name, namespace }, spec: { interval: '10m', ...spec } };
}

type Handler = (obj: KubeObject, ctx: ReconcileContext) => Promise<ReconcileResult> | ReconcileResult;

/** A reconciler that records calls and delegates to `handler` (default: succeed). */
function recorder(handler: Handler = () => ({})) {
  const calls: string[] = [];
  const reconciler: Reconciler & { calls: string[] } = {
    apiVersion: API,
    kind: KIND,
    controllerName: 'widget-controller',
    calls,
    async reconcile(obj, ctx) {
      calls.push(obj.metadata.name!);
      return handler(obj, ctx);
    },
  };
  return reconciler;
}

/** MemoryCluster that records status patches, to check what the manager writes and as whom. */
class RecordingCluster extends MemoryCluster {
  readonly statusPatches: { ref: ResourceRef; patch: unknown; fieldManager?: string }[] = [];
  override async patch(ref: ResourceRef, patch: unknown, options: PatchOptions): Promise<KubeObject> {
    if (options.subresource === 'status') {
      this.statusPatches.push({ ref, patch: structuredClone(patch), fieldManager: options.fieldManager });
    }
    return super.patch(ref, patch, options);
  }
}

const widgetCrd: KubeObject = {
  apiVersion: 'apiextensions.k8s.io/v1',
  kind: 'CustomResourceDefinition',
  metadata: { name: 'widgets.demo.gitops-kit.dev' },
  spec: {
    group: 'demo.gitops-kit.dev',
    scope: 'Namespaced',
    names: { plural: 'widgets', singular: 'widget', kind: KIND, listKind: 'WidgetList' },
    versions: [
      {
        name: 'v1',
        served: true,
        storage: true,
        subresources: { status: {} },
        schema: {
          openAPIV3Schema: {
            type: 'object',
            properties: {
              spec: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true },
              status: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true },
            },
          },
        },
      },
    ],
  },
};

/** A MemoryCluster serving Widgets, with namespaces `default`, `x`, `other`. */
async function newCluster(clock: FakeClock): Promise<RecordingCluster> {
  const cluster = new RecordingCluster({ clock, namespaces: ['default', 'x', 'other'] });
  await cluster.create(widgetCrd);
  return cluster;
}

/** Creates or changes an object as a user would (server-side apply, field manager `kubectl`). */
function put(cluster: MemoryCluster, obj: KubeObject): Promise<KubeObject> {
  return cluster.apply(obj, { fieldManager: 'kubectl', force: true });
}

async function setup(objects: KubeObject[], handler?: Handler, options: Partial<ManagerOptions> = {}) {
  const clock = new FakeClock(Date.UTC(2026, 0, 1));
  const cluster = await newCluster(clock);
  for (const o of objects) await put(cluster, o);
  const reconciler = recorder(handler);
  const events = new MemoryEventRecorder();
  const manager = new Manager({
    cluster,
    clock,
    events,
    reconcilers: [reconciler],
    random: () => 0.5, // no jitter unless a test injects another source
    ...options,
  });
  const get = async (name: string, namespace = 'default') =>
    (await cluster.get({ apiVersion: API, kind: KIND, namespace, name })) as KubeObject;
  const advance = async (ms: number) => {
    await clock.advance(ms);
    await manager.idle();
  };
  /** Lets watch events reach the manager, then waits for it to be idle. */
  const flush = () => advance(0);
  return {
    clock,
    cluster,
    reconciler,
    events,
    manager,
    get,
    advance,
    flush,
    put: (o: KubeObject) => put(cluster, o),
  };
}

const cond = (obj: KubeObject, type: string) => getCondition(obj, type);

describe('Manager: reconcile and interval', () => {
  it('reconciles to Ready=True, bumps observedGeneration, drops Reconciling, writes status with the field manager', async () => {
    const t = await setup([widget('a')]);
    await t.manager.start();
    await t.manager.idle();
    const a = await t.get('a');
    expect(cond(a, 'Ready')).toMatchObject({
      status: 'True',
      reason: 'ReconciliationSucceeded',
      observedGeneration: 1,
    });
    expect(cond(a, 'Reconciling')).toBeUndefined();
    expect((a.status as { observedGeneration: number }).observedGeneration).toBe(1);
    expect(t.cluster.statusPatches.every((p) => p.fieldManager === 'widget-controller')).toBe(true);
    expect(a.metadata.managedFields).toContainEqual(
      expect.objectContaining({ manager: 'widget-controller', operation: 'Update' }),
    );
    // Progressing marker first, then the outcome.
    expect(t.cluster.statusPatches[0]!.patch).toMatchObject({
      status: {
        conditions: [
          { type: 'Reconciling', reason: 'Progressing' },
          { type: 'Ready', status: 'Unknown' },
        ],
      },
    });
    await t.manager.stop();
  });

  it.each([
    { name: 'no jitter (random 0.5)', random: 0.5, dueAt: 600_000 },
    { name: '+5% jitter (random → 1)', random: 0.999_999, dueAt: 629_999 },
    { name: '-5% jitter (random 0)', random: 0, dueAt: 570_000 },
  ])('requeues at spec.interval with $name', async ({ random, dueAt }) => {
    const t = await setup([widget('a')], undefined, { random: () => random });
    await t.manager.start();
    await t.manager.idle();
    expect(t.reconciler.calls).toEqual(['a']);
    await t.advance(dueAt - 1);
    expect(t.reconciler.calls).toEqual(['a']);
    await t.advance(1);
    expect(t.reconciler.calls).toEqual(['a', 'a']);
    await t.manager.stop();
  });

  it('does not requeue on success without an interval', async () => {
    const t = await setup([widget('a', { interval: undefined })]);
    await t.manager.start();
    await t.manager.idle();
    expect(t.clock.pendingTimers).toBe(0);
    await t.manager.stop();
  });

  it('honours requeueAfterMs from the result', async () => {
    const t = await setup([widget('a')], () => ({ requeueAfterMs: 5_000 }));
    await t.manager.start();
    await t.manager.idle();
    await t.advance(5_000);
    expect(t.reconciler.calls).toEqual(['a', 'a']);
    await t.manager.stop();
  });

  it('uses the status the reconciler set through the condition helpers and result.status', async () => {
    const t = await setup([widget('a')], (obj, ctx) => {
      markTrue(obj, 'Ready', 'Succeeded', 'stored artifact for revision main@sha1:abc', { clock: ctx.clock });
      return { status: { artifact: { revision: 'main@sha1:abc' } } };
    });
    await t.manager.start();
    await t.manager.idle();
    const a = await t.get('a');
    expect(cond(a, 'Ready')).toMatchObject({ status: 'True', reason: 'Succeeded' });
    expect((a.status as { artifact: unknown }).artifact).toEqual({ revision: 'main@sha1:abc' });
    await t.manager.stop();
  });
});

describe('Manager: failures and retry', () => {
  it.each([
    { name: 'retryInterval', spec: { interval: '10m', retryInterval: '1m' }, retries: [60_000, 60_000] },
    { name: 'retryInterval defaults to interval', spec: { interval: '10m' }, retries: [600_000, 600_000] },
    {
      name: 'no interval: exponential backoff from 750ms',
      spec: { interval: undefined },
      retries: [750, 1_500, 3_000],
    },
  ])('a thrown error retries after $name', async ({ spec, retries }) => {
    const t = await setup([widget('a', spec)], () => {
      throw new Error('boom');
    });
    await t.manager.start();
    await t.manager.idle();
    const a = await t.get('a');
    expect(cond(a, 'Ready')).toMatchObject({
      status: 'False',
      reason: 'ReconciliationFailed',
      message: 'boom',
    });
    expect(cond(a, 'Reconciling')).toMatchObject({ status: 'True', reason: 'ProgressingWithRetry' });
    expect((a.status as { observedGeneration?: number }).observedGeneration).toBeUndefined();
    let calls = 1;
    for (const delay of retries) {
      await t.advance(delay - 1);
      expect(t.reconciler.calls.length).toBe(calls);
      await t.advance(1);
      expect(t.reconciler.calls.length).toBe(++calls);
    }
    expect(t.events.events.map((e) => [e.severity, e.reason, e.message])).toContainEqual([
      'error',
      'ReconciliationFailed',
      'boom',
    ]);
    expect(t.events.events[0]!.reportingController).toBe('widget-controller');
    await t.manager.stop();
  });

  it('a returned Ready=False retries at retryInterval and recovers', async () => {
    let fail = true;
    const t = await setup([widget('a', { retryInterval: '30s' })], (obj, ctx) => {
      if (fail) markFalse(obj, 'Ready', 'BuildFailed', 'kustomize build failed', { clock: ctx.clock });
      else markTrue(obj, 'Ready', 'ReconciliationSucceeded', 'Applied revision: v2', { clock: ctx.clock });
      return {};
    });
    await t.manager.start();
    await t.manager.idle();
    expect(cond(await t.get('a'), 'Ready')).toMatchObject({ status: 'False', reason: 'BuildFailed' });
    fail = false;
    await t.advance(30_000);
    expect(cond(await t.get('a'), 'Ready')).toMatchObject({
      status: 'True',
      reason: 'ReconciliationSucceeded',
    });
    expect(cond(await t.get('a'), 'Reconciling')).toBeUndefined();
    await t.manager.stop();
  });

  it('a thrown GitOps Kit error with data.reason sets that reason', async () => {
    const { CoreError } = await import('../errors/GitOpsKitError.js');
    const t = await setup([widget('a')], () => {
      throw new CoreError('InvalidArgument', 'source not found', { data: { reason: 'ArtifactFailed' } });
    });
    await t.manager.start();
    await t.manager.idle();
    expect(cond(await t.get('a'), 'Ready')).toMatchObject({ status: 'False', reason: 'ArtifactFailed' });
    await t.manager.stop();
  });

  it('stalled: Stalled=True, Ready=False, observedGeneration bumped, no requeue until the spec changes', async () => {
    const t = await setup([widget('a')], (obj, ctx) => {
      markFalse(obj, 'Ready', 'InvalidPath', 'path ./nope not found', { clock: ctx.clock });
      return { stalled: true };
    });
    await t.manager.start();
    await t.manager.idle();
    const a = await t.get('a');
    expect(cond(a, 'Stalled')).toMatchObject({ status: 'True', reason: 'InvalidPath' });
    expect(cond(a, 'Ready')).toMatchObject({ status: 'False', reason: 'InvalidPath' });
    expect(cond(a, 'Reconciling')).toBeUndefined();
    expect((a.status as { observedGeneration: number }).observedGeneration).toBe(1);
    expect(t.clock.pendingTimers).toBe(0);
    await t.put(widget('a', { path: './ok' }));
    await t.flush();
    expect(t.reconciler.calls).toEqual(['a', 'a']);
    await t.manager.stop();
  });
});

describe('Manager: spec fields', () => {
  it.each([
    {
      name: 'bad interval',
      spec: { interval: '1x' },
      field: 'spec.interval',
      message: 'spec.interval: time: unknown unit "x" in duration "1x"',
    },
    {
      name: 'bad retryInterval',
      spec: { retryInterval: '5' },
      field: 'spec.retryInterval',
      message: 'spec.retryInterval: time: missing unit in duration "5"',
    },
    {
      name: 'bad timeout',
      spec: { timeout: 30 },
      field: 'spec.timeout',
      message: 'spec.timeout: must be a Go duration string, got 30',
    },
    {
      name: 'negative interval',
      spec: { interval: '-1s' },
      field: 'spec.interval',
      message: 'spec.interval: must not be negative, got "-1s"',
    },
    {
      name: 'dependsOn without name',
      spec: { dependsOn: [{ namespace: 'x' }] },
      field: 'spec.dependsOn[0].name',
      message: 'spec.dependsOn[0].name: must be a non-empty string',
    },
  ])('$name stalls with InvalidSpec naming the field', async ({ spec, field, message }) => {
    const t = await setup([widget('a', spec)]);
    await t.manager.start();
    await t.manager.idle();
    const a = await t.get('a');
    expect(t.reconciler.calls).toEqual([]);
    expect(cond(a, 'Ready')).toMatchObject({ status: 'False', reason: 'InvalidSpec', message });
    expect(cond(a, 'Stalled')).toMatchObject({ status: 'True', reason: 'InvalidSpec' });
    const report = t.manager.report()[0]!;
    expect(report.outcome).toBe('Stalled');
    expect(report.error).toMatchObject({ code: 'InvalidObject', data: { fieldPath: field } });
    await t.manager.stop();
  });

  it('suspend: skipped with status untouched; resuming (a spec change) reconciles', async () => {
    const t = await setup([widget('a', { suspend: true })]);
    await t.manager.start();
    await t.manager.idle();
    expect(t.reconciler.calls).toEqual([]);
    expect((await t.get('a')).status).toBeUndefined();
    expect(t.manager.report()[0]!.outcome).toBe('Suspended');
    await t.advance(3_600_000);
    expect(t.reconciler.calls).toEqual([]);
    await t.put(widget('a', { suspend: false }));
    await t.flush();
    expect(t.reconciler.calls).toEqual(['a']);
    expect(isTrue(await t.get('a'), 'Ready')).toBe(true);
    await t.manager.stop();
  });

  it('timeout: the reconciler signal aborts after spec.timeout and the run fails', async () => {
    let aborted: unknown;
    const t = await setup([widget('a', { timeout: '10s', retryInterval: '1m' })], async (_obj, ctx) => {
      try {
        await ctx.clock.sleep(60_000, { signal: ctx.signal });
      } catch (err) {
        aborted = err;
        throw err;
      }
      return {};
    });
    await t.manager.start();
    await t.clock.advance(9_999);
    expect(aborted).toBeUndefined();
    await t.advance(1);
    expect(aborted).toMatchObject({ code: 'Aborted' });
    expect(cond(await t.get('a'), 'Ready')).toMatchObject({
      status: 'False',
      reason: 'ReconciliationFailed',
      message: 'reconciliation timed out after 10s',
    });
    await t.manager.stop();
  });

  it('defaultTimeoutMs from the reconciler applies when spec.timeout is unset', async () => {
    const t = await setup([widget('a')], async (_obj, ctx) => {
      await ctx.clock.sleep(3_600_000, { signal: ctx.signal });
      return {};
    });
    t.reconciler.defaultTimeoutMs = (_o, intervalMs) => Math.max(30_000, (intervalMs ?? 0) - 30_000);
    await t.manager.start();
    await t.advance(570_000);
    expect(cond(await t.get('a'), 'Ready')?.message).toBe('reconciliation timed out after 9m30s');
    await t.manager.stop();
  });
});

describe('Manager: dependsOn', () => {
  const chain = () => [
    widget('c', { dependsOn: [{ name: 'b' }] }),
    widget('b', { dependsOn: [{ name: 'a', namespace: 'default' }] }),
    widget('a'),
  ];

  it('reconciles a chain dependencies first, in one pass', async () => {
    const t = await setup(chain());
    await t.manager.start();
    await t.manager.idle();
    expect(t.reconciler.calls).toEqual(['a', 'b', 'c']);
    for (const n of ['a', 'b', 'c']) expect(isTrue(await t.get(n), 'Ready')).toBe(true);
    await t.manager.stop();
  });

  it.each([
    { name: 'wakeDependants (default): as soon as the dependency is Ready', wake: true, bRunsAt: 10_000 },
    { name: 'wakeDependants off: after --requeue-dependency (30s), as Flux', wake: false, bRunsAt: 30_000 },
  ])('a dependant waits with DependencyNotReady and runs again: $name', async ({ wake, bRunsAt }) => {
    let aFails = true;
    const t = await setup(
      [widget('a', { retryInterval: '10s' }), widget('b', { dependsOn: [{ name: 'a' }] })],
      (obj) => {
        if (obj.metadata.name === 'a' && aFails) {
          aFails = false;
          throw new Error('not yet');
        }
        return {};
      },
      { wakeDependants: wake },
    );
    await t.manager.start();
    await t.manager.idle();
    expect(t.reconciler.calls).toEqual(['a']);
    expect(cond(await t.get('b'), 'Ready')).toMatchObject({
      status: 'False',
      reason: 'DependencyNotReady',
      message: "dependency 'default/a' is not ready",
    });
    expect(((await t.get('b')).status as { observedGeneration?: number }).observedGeneration).toBeUndefined();
    expect(t.events.events.map((e) => [e.severity, e.reason, e.message])).toContainEqual([
      'info',
      'DependencyNotReady',
      'Dependencies do not meet ready condition, retrying in 30s',
    ]);
    await t.advance(bRunsAt - 1);
    expect(t.reconciler.calls).toEqual(wake ? ['a'] : ['a', 'a']);
    await t.advance(1);
    expect(t.reconciler.calls).toEqual(['a', 'a', 'b']);
    expect(isTrue(await t.get('b'), 'Ready')).toBe(true);
    await t.manager.stop();
  });

  it('waits while the dependency is Ready only at an older generation', async () => {
    // a is Ready=True at generation 1, then changes while suspended: it stays Ready at 1 while at 2.
    const t2 = await setup([widget('a')]);
    const ready = {
      type: 'Ready',
      status: 'True',
      reason: 'Succeeded',
      message: 'ok',
      lastTransitionTime: 'x',
      observedGeneration: 1,
    };
    await t2.cluster.patch(
      { apiVersion: API, kind: KIND, namespace: 'default', name: 'a' },
      {
        status: {
          observedGeneration: 1,
          conditions: [{ ...ready, lastTransitionTime: '2026-01-01T00:00:00Z' }],
        },
      },
      { type: 'merge', subresource: 'status', fieldManager: 'test' },
    );
    await t2.put(widget('a', { suspend: true }));
    await t2.put(widget('b', { dependsOn: [{ name: 'a' }] }));
    const report = await t2.manager.runUntilSettled();
    expect((await t2.get('a')).metadata.generation).toBe(2);
    expect(isTrue(await t2.get('a'), 'Ready')).toBe(true);
    expect(cond(await t2.get('b'), 'Ready')).toMatchObject({ reason: 'DependencyNotReady' });
    expect(report.objects.map((o) => o.outcome)).toEqual(['Suspended', 'Waiting']);
  });

  it('a missing dependency waits with "not found"', async () => {
    const t = await setup([widget('b', { dependsOn: [{ name: 'ghost', namespace: 'other' }] })]);
    const report = await t.manager.runUntilSettled();
    expect(cond(await t.get('b'), 'Ready')?.message).toBe("dependency 'other/ghost' not found");
    expect(report.objects[0]!.outcome).toBe('Waiting');
    expect(report.allReady).toBe(false);
  });

  it.each([
    {
      name: 'two-object cycle',
      objects: [widget('a', { dependsOn: [{ name: 'b' }] }), widget('b', { dependsOn: [{ name: 'a' }] })],
      want: { a: 'default/a -> default/b -> default/a', b: 'default/b -> default/a -> default/b' },
    },
    {
      name: 'self dependency',
      objects: [widget('a', { dependsOn: [{ name: 'a' }] })],
      want: { a: 'default/a -> default/a' },
    },
    {
      name: 'three-object cycle across namespaces',
      objects: [
        widget('a', { dependsOn: [{ name: 'b', namespace: 'x' }] }),
        widget('b', { dependsOn: [{ name: 'c', namespace: 'default' }] }, 'x'),
        widget('c', { dependsOn: [{ name: 'a' }] }),
      ],
      want: { a: 'default/a -> x/b -> default/c -> default/a' },
    },
  ])('a $name is a DependencyCycle error naming the cycle', async ({ objects, want }) => {
    const t = await setup(objects);
    const report = await t.manager.runUntilSettled();
    expect(t.reconciler.calls).toEqual([]);
    for (const [name, cycle] of Object.entries(want)) {
      const message = `circular dependency detected: ${cycle}`;
      expect(cond(await t.get(name), 'Ready')).toMatchObject({
        status: 'False',
        reason: 'DependencyCycle',
        message,
      });
      const r = report.objects.find((o) => o.ref.name === name)!;
      expect(r.outcome).toBe('Failed');
      expect(r.error).toMatchObject({ code: 'DependencyCycle', message });
    }
  });

  it('a dependant of a cycle waits on it and settles', async () => {
    const t = await setup([
      widget('a', { dependsOn: [{ name: 'b' }] }),
      widget('b', { dependsOn: [{ name: 'a' }] }),
      widget('c', { dependsOn: [{ name: 'a' }] }),
    ]);
    const report = await t.manager.runUntilSettled();
    expect(report.objects.map((o) => [o.ref.name, o.outcome])).toEqual([
      ['a', 'Failed'],
      ['b', 'Failed'],
      ['c', 'Waiting'],
    ]);
  });

  it.each([
    {
      name: 'true replaces the built-in check (the dependency is never Ready)',
      expr: 'dep.spec.suspend == true',
      want: { reason: 'ReconciliationSucceeded', status: 'True' },
      outcome: 'Ready',
    },
    {
      name: 'false waits',
      expr: "self.metadata.name == 'nope'",
      want: {
        reason: 'DependencyNotReady',
        message: "dependency 'default/a' is not ready according to readyExpr eval",
      },
      outcome: 'Waiting',
    },
    {
      name: 'an evaluation error waits with the CEL message',
      expr: 'dep.status.nothing == 1',
      want: {
        reason: 'DependencyNotReady',
        message: "failed to evaluate the CEL expression 'dep.status.nothing == 1': no such key: status",
      },
      outcome: 'Waiting',
    },
    {
      name: 'a parse error stalls terminally',
      expr: 'dep.spec.(',
      want: { reason: 'InvalidCELExpression' },
      outcome: 'Stalled',
    },
    {
      name: 'a non-bool expression stalls terminally',
      expr: '1 + 1',
      want: {
        reason: 'InvalidCELExpression',
        message:
          'Reconciliation failed terminally due to configuration error: failed to evaluate dependency a: CEL expression output type mismatch: expected bool, got int',
      },
      outcome: 'Stalled',
    },
  ])('readyExpr (CEL, as Flux): $name', async ({ expr, want, outcome }) => {
    const t = await setup([
      widget('a', { suspend: true }),
      widget('b', { dependsOn: [{ name: 'a', readyExpr: expr }] }),
    ]);
    const report = await t.manager.runUntilSettled();
    expect(cond(await t.get('b'), 'Ready')).toMatchObject(want);
    expect(report.objects.find((o) => o.ref.name === 'b')!.outcome).toBe(outcome);
  });

  it('additiveReadyExpr also needs the built-in check', async () => {
    const t = await setup(
      [widget('a', { suspend: true }), widget('b', { dependsOn: [{ name: 'a', readyExpr: 'true' }] })],
      undefined,
      {
        additiveReadyExpr: true,
      },
    );
    await t.manager.runUntilSettled();
    expect(cond(await t.get('b'), 'Ready')).toMatchObject({
      reason: 'DependencyNotReady',
      message: "dependency 'default/a' is not ready",
    });
  });
});

describe('Manager: concurrency, requests, stop', () => {
  it('runs at most `concurrency` reconciles at once', async () => {
    let active = 0;
    let max = 0;
    const t = await setup(
      ['a', 'b', 'c', 'd', 'e'].map((n) => widget(n)),
      async (_obj, ctx) => {
        active++;
        max = Math.max(max, active);
        await ctx.clock.sleep(1_000, { signal: ctx.signal });
        active--;
        return {};
      },
      { concurrency: 2 },
    );
    await t.manager.start();
    for (let i = 0; i < 3; i++) await t.clock.advance(1_000);
    await t.manager.idle();
    expect(max).toBe(2);
    expect(t.reconciler.calls.sort()).toEqual(['a', 'b', 'c', 'd', 'e']);
    await t.manager.stop();
  });

  it('never runs one object twice at once; a request during a run reruns it after', async () => {
    let active = 0;
    let overlap = false;
    const t = await setup([widget('a')], async (_obj, ctx) => {
      if (++active > 1) overlap = true;
      await ctx.clock.sleep(1_000, { signal: ctx.signal });
      active--;
      return {};
    });
    await t.manager.start();
    t.manager.requestReconcile({ apiVersion: API, kind: KIND, namespace: 'default', name: 'a' });
    t.manager.requestReconcile({ kind: KIND, namespace: 'default', name: 'a' });
    await t.clock.advance(1_000);
    await t.clock.advance(1_000);
    await t.manager.idle();
    expect(overlap).toBe(false);
    expect(t.reconciler.calls).toEqual(['a', 'a']);
    await t.manager.stop();
  });

  it('requestReconcile runs an object ahead of its interval', async () => {
    const t = await setup([widget('a')]);
    await t.manager.start();
    await t.manager.idle();
    t.manager.requestReconcile({ apiVersion: API, kind: KIND, namespace: 'default', name: 'a' });
    await t.manager.idle();
    expect(t.reconciler.calls).toEqual(['a', 'a']);
    expect(() => t.manager.requestReconcile({ kind: 'Other', name: 'x' })).toThrow(
      expect.objectContaining({ code: 'InvalidArgument' }),
    );
    await t.manager.stop();
  });

  it('the requestedAt annotation triggers a reconcile and lands in status.lastHandledReconcileAt', async () => {
    const t = await setup([widget('a')]);
    await t.manager.start();
    await t.manager.idle();
    const annotated = widget('a');
    annotated.metadata.annotations = { [ReconcileRequestAnnotation]: '2026-01-01T00:05:00.123Z' };
    await t.put(annotated);
    await t.flush();
    expect(t.reconciler.calls).toEqual(['a', 'a']);
    expect(((await t.get('a')).status as { lastHandledReconcileAt: string }).lastHandledReconcileAt).toBe(
      '2026-01-01T00:05:00.123Z',
    );
    // A status-only or metadata-only change does not trigger another run.
    await t.put(annotated);
    await t.flush();
    expect(t.reconciler.calls).toEqual(['a', 'a']);
    await t.manager.stop();
  });

  it('picks up new objects through watch, and by re-listing when the cluster cannot watch', async () => {
    for (const watch of [true, false]) {
      const clock = new FakeClock();
      const memory = await newCluster(clock);
      // Without watch: the same cluster with `watch` hidden, so the manager re-lists.
      const cluster: ClusterClient = watch
        ? memory
        : new Proxy(memory, {
            get: (target, prop) => {
              if (prop === 'watch') return undefined;
              const v = Reflect.get(target, prop, target);
              return typeof v === 'function' ? v.bind(target) : v;
            },
          });
      const reconciler = recorder();
      const manager = new Manager({ cluster, clock, reconcilers: [reconciler], resyncIntervalMs: 5_000 });
      await manager.start();
      await put(memory, widget('late'));
      await clock.advance(5_000);
      await manager.idle();
      expect(reconciler.calls).toEqual(['late']);
      await manager.stop();
    }
  });

  it('stop aborts in-flight reconciles, waits for them and writes no status after', async () => {
    let signal: AbortSignal | undefined;
    const t = await setup([widget('a')], async (_obj, ctx) => {
      signal = ctx.signal;
      await ctx.clock.sleep(60_000, { signal: ctx.signal });
      return {};
    });
    await t.manager.start();
    await t.clock.advance(0);
    expect(signal?.aborted).toBe(false);
    const patches = t.cluster.statusPatches.length;
    await t.manager.stop();
    expect(signal?.aborted).toBe(true);
    expect(t.cluster.statusPatches.length).toBe(patches);
    expect(cond(await t.get('a'), 'Ready')).toMatchObject({ status: 'Unknown', reason: 'Progressing' });
    expect(t.clock.pendingTimers).toBe(0);
    await expect(t.manager.start()).rejects.toMatchObject({ code: 'InvalidArgument' });
  });

  it('runUntilSettled times out with a Timeout error naming the unsettled objects', async () => {
    const t = await setup([widget('a')], async (_obj, ctx) => {
      await ctx.clock.sleep(3_600_000, { signal: ctx.signal });
      return {};
    });
    const run = t.manager.runUntilSettled({ timeoutMs: 60_000 });
    const assertion = expect(run).rejects.toMatchObject({
      code: 'Timeout',
      message: 'objects not settled after 1m0s: Widget/default/a',
    });
    await t.clock.advance(60_000);
    await assertion;
  });
});

describe('Manager: bad setup', () => {
  it('a reconciler for a kind the cluster does not serve fails start with UnknownKind', async () => {
    const clock = new FakeClock();
    const cluster = await newCluster(clock);
    const manager = new Manager({
      cluster,
      clock,
      reconcilers: [{ ...recorder(), apiVersion: 'nope.example.com/v1', kind: 'Nope' }],
    });
    await expect(manager.runUntilSettled()).rejects.toMatchObject({ code: 'UnknownKind' });
  });

  it.each([
    { name: 'two reconcilers for one kind', options: { reconcilers: [recorder(), recorder()] } },
    { name: 'concurrency 0', options: { reconcilers: [recorder()], concurrency: 0 } },
  ])('$name is InvalidArgument', async ({ options }) => {
    const cluster = await newCluster(new FakeClock());
    expect(() => new Manager({ cluster, ...options })).toThrow(
      expect.objectContaining({ code: 'InvalidArgument' }),
    );
  });

  it('runUntilSettled rejects with Aborted when its signal aborts, and stops the manager', async () => {
    const t = await setup([widget('a')], async (_obj, ctx) => {
      await ctx.clock.sleep(3_600_000, { signal: ctx.signal });
      return {};
    });
    const ctl = new AbortController();
    const run = t.manager.runUntilSettled({ signal: ctl.signal });
    await t.clock.advance(0);
    ctl.abort();
    await expect(run).rejects.toMatchObject({ code: 'Aborted' });
    expect(t.clock.pendingTimers).toBe(0);
  });
});

describe('Manager: finalizers', () => {
  it('adds finalizers.fluxcd.io, runs finalize on deletion, then releases the object', async () => {
    const finalized: string[] = [];
    const t = await setup([widget('a')]);
    t.reconciler.finalize = async (obj) => {
      finalized.push(obj.metadata.name!);
    };
    await t.manager.start();
    await t.manager.idle();
    expect((await t.get('a')).metadata.finalizers).toEqual(['finalizers.fluxcd.io']);
    await t.cluster.delete({ apiVersion: API, kind: KIND, namespace: 'default', name: 'a' });
    await t.flush();
    expect(finalized).toEqual(['a']);
    expect(await t.get('a')).toBeUndefined();
    expect(t.manager.report()).toEqual([]);
    await t.manager.stop();
  });
});

describe('annotateReconcileRequest (flux reconcile)', () => {
  it.each([
    { ms: Date.UTC(2026, 0, 1, 0, 5, 0, 120), want: '2026-01-01T00:05:00.12Z' },
    { ms: Date.UTC(2026, 0, 1), want: '2026-01-01T00:00:00Z' },
    { ms: Date.UTC(2026, 0, 1, 0, 0, 0, 7), want: '2026-01-01T00:00:00.007Z' },
  ])('formats $want like Go RFC3339Nano', ({ ms, want }) => {
    expect(formatRFC3339Nano(ms)).toBe(want);
  });

  it('the annotation it writes triggers a reconcile', async () => {
    const t = await setup([widget('a')]);
    await t.manager.start();
    await t.manager.idle();
    await t.clock.advance(1_500);
    await annotateReconcileRequest(
      t.cluster,
      { apiVersion: API, kind: KIND, namespace: 'default', name: 'a' },
      { clock: t.clock },
    );
    await t.flush();
    expect(t.reconciler.calls).toEqual(['a', 'a']);
    expect(((await t.get('a')).status as { lastHandledReconcileAt: string }).lastHandledReconcileAt).toBe(
      '2026-01-01T00:00:01.5Z',
    );
    await t.manager.stop();
  });
});
