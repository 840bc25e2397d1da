import { describe, expect, it } from 'vitest';
import type { ClusterClient, ResourceRef } from '../cluster/ClusterClient.js';
import { MemoryCluster } from '../cluster/MemoryCluster.js';
import { isGitOpsKitError } from '../errors/GitOpsKitError.js';
import type { KubeObject } from '../object/types.js';
import { FakeClock, settle } from '../testing/FakeClock.js';
import { type WaitResult, waitForReady } from './waitForReady.js';

const FM = { fieldManager: 'test' };
const web: ResourceRef = { apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'default', name: 'web' };
const cfg: ResourceRef = { apiVersion: 'v1', kind: 'ConfigMap', namespace: 'default', name: 'cfg' };
const job: ResourceRef = { apiVersion: 'batch/v1', kind: 'Job', namespace: 'default', name: 'migrate' };

const deployment = (): KubeObject => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', namespace: 'default' },
  spec: {
    replicas: 2,
    selector: { matchLabels: { app: 'web' } },
    template: {
      metadata: { labels: { app: 'web' } },
      spec: { containers: [{ name: 'web', image: 'nginx' }] },
    },
  },
});

const available = (generation: number) => ({
  observedGeneration: generation,
  replicas: 2,
  updatedReplicas: 2,
  readyReplicas: 2,
  availableReplicas: 2,
  conditions: [
    { type: 'Available', status: 'True', reason: 'MinimumReplicasAvailable', message: 'ok' },
    { type: 'Progressing', status: 'True', reason: 'NewReplicaSetAvailable', message: 'ok' },
  ],
});

const deadlineExceeded = (generation: number) => ({
  observedGeneration: generation,
  replicas: 2,
  updatedReplicas: 1,
  conditions: [
    { type: 'Progressing', status: 'False', reason: 'ProgressDeadlineExceeded', message: 'timed out' },
  ],
});

async function setStatus(cluster: MemoryCluster, ref: ResourceRef, status: (generation: number) => unknown) {
  const o = (await cluster.get(ref))!;
  await cluster.updateStatus({ ...o, status: status(o.metadata.generation ?? 1) });
}

/** The same cluster without `watch`: the waiter must poll. */
function withoutWatch(c: MemoryCluster): ClusterClient {
  return {
    get: (...a) => c.get(...a),
    list: (...a) => c.list(...a),
    create: (...a) => c.create(...a),
    update: (...a) => c.update(...a),
    updateStatus: (...a) => c.updateStatus(...a),
    apply: (...a) => c.apply(...a),
    applyStatus: (...a) => c.applyStatus(...a),
    patch: (...a) => c.patch(...a),
    delete: (...a) => c.delete(...a),
    resourceFor: (...a) => c.resourceFor(...a),
    resources: (...a) => c.resources(...a),
  };
}

/** Counts `get` calls, to show polling does not spin. */
function counting(c: ClusterClient): ClusterClient & { gets: number } {
  const wrapped = { ...c, gets: 0 } as ClusterClient & { gets: number };
  wrapped.get = (...a) => {
    wrapped.gets++;
    return c.get(...a);
  };
  return wrapped;
}

const modes = [
  { name: 'watch', client: (c: MemoryCluster) => c as ClusterClient },
  { name: 'poll', client: (c: MemoryCluster) => withoutWatch(c) },
];

async function start(cluster: MemoryCluster) {
  await cluster.apply(deployment(), FM);
  await cluster.apply(
    {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'cfg', namespace: 'default' },
      data: { a: 'b' },
    },
    FM,
  );
}

/** Lets the waiter run until it waits on the clock or resolves. */
async function pending<T>(p: Promise<T>): Promise<{ done: boolean; value?: T }> {
  let state: { done: boolean; value?: T } = { done: false };
  p.then(
    (value) => {
      state = { done: true, value };
    },
    () => {
      state = { done: true };
    },
  );
  await settle(20);
  return state;
}

describe.each(modes)('waitForReady ($name)', ({ client }) => {
  it('resolves Current once every object is Current', async () => {
    const clock = new FakeClock();
    const cluster = new MemoryCluster({ clock });
    await start(cluster);
    const p = waitForReady({ cluster: client(cluster), refs: [web, cfg], timeoutMs: 60_000, clock });
    expect((await pending(p)).done).toBe(false);
    await setStatus(cluster, web, available);
    await clock.advance(5000); // the poller's next read; the watcher has already seen the event
    const res = await p;
    expect(res.outcome).toBe('Current');
    expect(res.objects.map((o) => [o.ref.kind, o.status, o.message])).toEqual([
      ['Deployment', 'Current', 'Deployment is available. Replicas: 2'],
      ['ConfigMap', 'Current', 'Resource is always ready'],
    ]);
    expect(clock.pendingTimers).toBe(0);
  });

  it('resolves Current at once when everything already is', async () => {
    const clock = new FakeClock();
    const cluster = new MemoryCluster({ clock });
    await start(cluster);
    await setStatus(cluster, web, available);
    const res = await waitForReady({ cluster: client(cluster), refs: [web, cfg], timeoutMs: 1000, clock });
    expect([res.outcome, res.elapsedMs]).toEqual(['Current', 0]);
  });

  it('fails fast with the first failure and its reason', async () => {
    const clock = new FakeClock();
    const cluster = new MemoryCluster({ clock });
    await start(cluster);
    await cluster.apply({ ...deployment(), metadata: { name: 'api', namespace: 'default' } }, FM);
    const api = { ...web, name: 'api' };
    const p = waitForReady({ cluster: client(cluster), refs: [web, api, cfg], timeoutMs: 60_000, clock });
    await pending(p);
    await setStatus(cluster, api, deadlineExceeded);
    await clock.advance(5000);
    const res = (await p) as Extract<WaitResult, { outcome: 'Failed' }>;
    expect(res.outcome).toBe('Failed');
    expect(res.failure).toMatchObject({ ref: api, status: 'Failed', message: 'Progress deadline exceeded' });
    expect(res.message).toBe(
      "failed early due to stalled resources: [Deployment/default/api status: 'Failed']",
    );
    expect(res.objects.map((o) => o.status)).toEqual(['InProgress', 'Failed', 'Current']);
  });

  it('without failFast keeps waiting while others are in progress, then times out', async () => {
    const clock = new FakeClock();
    const cluster = new MemoryCluster({ clock });
    await start(cluster);
    await setStatus(cluster, web, deadlineExceeded);
    await cluster.apply({ ...deployment(), metadata: { name: 'api', namespace: 'default' } }, FM);
    const api = { ...web, name: 'api' };
    const p = waitForReady({
      cluster: client(cluster),
      refs: [web, api],
      timeoutMs: 20_000,
      clock,
      failFast: false,
    });
    expect((await pending(p)).done).toBe(false);
    await clock.advance(20_000);
    const res = (await p) as Extract<WaitResult, { outcome: 'Timeout' }>;
    expect(res.outcome).toBe('Timeout');
    expect(res.message).toBe(
      "timeout waiting for: [Deployment/default/web status: 'Failed', Deployment/default/api status: 'InProgress']",
    );
  });

  it('without failFast stops when nothing is left to wait for (only Current and Failed)', async () => {
    const clock = new FakeClock();
    const cluster = new MemoryCluster({ clock });
    await start(cluster);
    await setStatus(cluster, web, deadlineExceeded);
    const res = await waitForReady({
      cluster: client(cluster),
      refs: [web, cfg],
      timeoutMs: 20_000,
      clock,
      failFast: false,
    });
    expect(res.outcome).toBe('Failed');
  });

  it('times out with every status and the first object not Current', async () => {
    const clock = new FakeClock();
    const cluster = new MemoryCluster({ clock });
    await start(cluster);
    const p = waitForReady({ cluster: client(cluster), refs: [cfg, web], timeoutMs: 30_000, clock });
    expect((await pending(p)).done).toBe(false);
    await clock.advance(29_999);
    expect((await pending(p)).done).toBe(false);
    await clock.advance(1);
    const res = (await p) as Extract<WaitResult, { outcome: 'Timeout' }>;
    expect(res.outcome).toBe('Timeout');
    expect(res.elapsedMs).toBe(30_000);
    expect(res.failure).toMatchObject({ ref: web, status: 'InProgress', message: 'Replicas: 0/2' });
    expect(res.message).toBe("timeout waiting for: [Deployment/default/web status: 'InProgress']");
    expect(clock.pendingTimers).toBe(0);
  });

  it('rejects with Aborted when the signal aborts, and leaves no timers', async () => {
    const clock = new FakeClock();
    const cluster = new MemoryCluster({ clock });
    await start(cluster);
    const ac = new AbortController();
    const p = waitForReady({
      cluster: client(cluster),
      refs: [web],
      timeoutMs: 60_000,
      clock,
      signal: ac.signal,
    });
    const settled = p.catch((e: unknown) => e);
    await pending(p);
    ac.abort(new Error('user'));
    const err = await settled;
    expect(isGitOpsKitError(err, 'Aborted')).toBe(true);
    await settle();
    expect(clock.pendingTimers).toBe(0);
  });

  it('rejects at once with an already aborted signal', async () => {
    const cluster = new MemoryCluster();
    const ac = new AbortController();
    ac.abort();
    await expect(
      waitForReady({ cluster: client(cluster), refs: [web], timeoutMs: 1, signal: ac.signal }),
    ).rejects.toSatisfy((e) => isGitOpsKitError(e, 'Aborted'));
  });

  it('reports an object that disappears as NotFound and waits for it', async () => {
    const clock = new FakeClock();
    const cluster = new MemoryCluster({ clock });
    await start(cluster);
    const p = waitForReady({ cluster: client(cluster), refs: [web, cfg], timeoutMs: 20_000, clock });
    const seen: string[] = [];
    await pending(p);
    await cluster.delete(cfg);
    await clock.advance(5000);
    expect((await pending(p)).done).toBe(false);
    await clock.advance(15_000);
    const res = (await p) as Extract<WaitResult, { outcome: 'Timeout' }>;
    seen.push(...res.objects.map((o) => `${o.ref.kind}:${o.status}`));
    expect(seen).toEqual(['Deployment:InProgress', 'ConfigMap:NotFound']);
    expect(res.objects[1]!.message).toBe('Resource not found');
    expect(res.message).toBe(
      "timeout waiting for: [Deployment/default/web status: 'InProgress', ConfigMap/default/cfg status: 'NotFound']",
    );
  });

  it('waits for an object that does not exist yet', async () => {
    const clock = new FakeClock();
    const cluster = new MemoryCluster({ clock });
    const p = waitForReady({ cluster: client(cluster), refs: [cfg], timeoutMs: 20_000, clock });
    expect((await pending(p)).done).toBe(false);
    await cluster.apply(
      { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cfg', namespace: 'default' } },
      FM,
    );
    await clock.advance(5000);
    expect((await p).outcome).toBe('Current');
  });

  it('counts a deleted Job with ttlSecondsAfterFinished as Current, as Flux does', async () => {
    const clock = new FakeClock();
    const cluster = new MemoryCluster({ clock });
    await cluster.apply(
      {
        apiVersion: 'batch/v1',
        kind: 'Job',
        metadata: { name: 'migrate', namespace: 'default' },
        spec: {
          ttlSecondsAfterFinished: 0,
          template: { spec: { restartPolicy: 'Never', containers: [{ name: 'm', image: 'busybox' }] } },
        },
      },
      FM,
    );
    const p = waitForReady({ cluster: client(cluster), refs: [job], timeoutMs: 20_000, clock });
    expect((await pending(p)).done).toBe(false);
    await cluster.delete(job);
    await clock.advance(5000);
    const res = await p;
    expect(res.outcome).toBe('Current');
  });

  it('reports a read error as Unknown with the error and keeps waiting', async () => {
    const clock = new FakeClock();
    const cluster = new MemoryCluster({ clock });
    const unserved: ResourceRef = {
      apiVersion: 'example.com/v1',
      kind: 'Widget',
      namespace: 'default',
      name: 'w',
    };
    const p = waitForReady({ cluster: client(cluster), refs: [unserved], timeoutMs: 10_000, clock });
    expect((await pending(p)).done).toBe(false);
    await clock.advance(10_000);
    const res = (await p) as Extract<WaitResult, { outcome: 'Timeout' }>;
    expect(res.failure.status).toBe('Unknown');
    expect(isGitOpsKitError(res.failure.error, 'UnknownKind')).toBe(true);
    expect(res.message).toMatch(/^timeout waiting for: \[Widget\/default\/w status: 'Unknown': .+\]$/);
  });

  it('applies healthCheckExprs', async () => {
    const clock = new FakeClock();
    const cluster = new MemoryCluster({ clock });
    await start(cluster);
    const res = await waitForReady({
      cluster: client(cluster),
      refs: [cfg],
      timeoutMs: 10_000,
      clock,
      healthCheckExprs: [
        { apiVersion: 'v1', kind: 'ConfigMap', current: "data.a == 'b'", failed: "data.a == 'x'" },
      ],
    });
    expect(res.outcome).toBe('Current');
  });
});

describe('waitForReady without busy loops', () => {
  it('polls once per interval', async () => {
    const clock = new FakeClock();
    const cluster = new MemoryCluster({ clock });
    await start(cluster);
    const c = counting(withoutWatch(cluster));
    const p = waitForReady({ cluster: c, refs: [web], timeoutMs: 60_000, pollIntervalMs: 2000, clock });
    await pending(p);
    expect(c.gets).toBe(1);
    await clock.advance(10_000);
    expect(c.gets).toBe(6);
    expect(clock.pendingTimers).toBe(1);
    await clock.advance(50_000);
    expect((await p).outcome).toBe('Timeout');
  });

  it('watching reads each object once and then only sleeps on the clock', async () => {
    const clock = new FakeClock();
    const cluster = new MemoryCluster({ clock });
    await start(cluster);
    const c = counting(cluster);
    (c as { watch?: ClusterClient['watch'] }).watch = (...a) => cluster.watch(...a);
    const p = waitForReady({ cluster: c, refs: [web], timeoutMs: 60_000, clock });
    await pending(p);
    await clock.advance(30_000);
    expect(c.gets).toBe(1);
    expect(clock.pendingTimers).toBe(1);
    await setStatus(cluster, web, available);
    expect((await p).outcome).toBe('Current');
  });

  it('rejects bad options', async () => {
    const cluster = new MemoryCluster();
    await expect(waitForReady({ cluster, refs: [web], timeoutMs: -1 })).rejects.toSatisfy((e) =>
      isGitOpsKitError(e, 'InvalidArgument'),
    );
    await expect(waitForReady({ cluster, refs: [web], timeoutMs: 1, pollIntervalMs: 0 })).rejects.toSatisfy(
      (e) => isGitOpsKitError(e, 'InvalidArgument'),
    );
    await expect(
      waitForReady({
        cluster,
        refs: [web],
        timeoutMs: 1,
        healthCheckExprs: [{ apiVersion: 'v1', current: '((' }],
      }),
    ).rejects.toSatisfy((e) => isGitOpsKitError(e, 'InvalidExpression'));
  });

  it('resolves Current for no refs', async () => {
    const res = await waitForReady({ cluster: new MemoryCluster(), refs: [], timeoutMs: 1 });
    expect(res).toEqual({ outcome: 'Current', objects: [], elapsedMs: 0 });
  });
});
