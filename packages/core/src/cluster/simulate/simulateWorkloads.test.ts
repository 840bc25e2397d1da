import { afterEach, describe, expect, it } from 'vitest';
import { computeStatus } from '../../health/computeStatus.js';
import type { KubeObject } from '../../object/types.js';
import { FakeClock, settle } from '../../testing/FakeClock.js';
import { MemoryCluster } from '../MemoryCluster.js';
import { type WorkloadSimulator, simulateWorkloads } from './simulateWorkloads.js';
import { SimulateFailAnnotation } from './workloadStatus.js';

const deployment = (
  name: string,
  extra: Partial<KubeObject['metadata']> = {},
  image = 'nginx:1.27',
): KubeObject => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name, namespace: 'default', ...extra },
  spec: {
    replicas: 2,
    selector: { matchLabels: { app: name } },
    template: {
      metadata: { labels: { app: name } },
      spec: { containers: [{ name: 'main', image }] },
    },
  },
});

const ref = (name: string) => ({ apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'default', name });

describe('simulateWorkloads', () => {
  let sim: WorkloadSimulator | undefined;
  afterEach(async () => {
    await sim?.stop();
    sim = undefined;
  });

  async function setup(delayMs: number, failImages?: RegExp) {
    const clock = new FakeClock();
    const cluster = new MemoryCluster({ clock });
    sim = simulateWorkloads({ cluster, clock, delayMs, ...(failImages ? { failImages } : {}) });
    await settle();
    return { clock, cluster, sim };
  }

  const health = async (cluster: MemoryCluster, clock: FakeClock, name: string) =>
    computeStatus((await cluster.get(ref(name)))!, { clock }).status;

  it('rolls a Deployment out after the delay on the injected clock', async () => {
    const { clock, cluster, sim } = await setup(2_000);
    await cluster.apply(deployment('web'), { fieldManager: 'test' });
    await settle();
    expect(await health(cluster, clock, 'web')).toBe('InProgress');
    await clock.advance(1_999);
    expect(await health(cluster, clock, 'web')).toBe('InProgress');
    await clock.advance(1);
    await sim.idle();
    expect(await health(cluster, clock, 'web')).toBe('Current');
    const live = await cluster.get(ref('web'));
    expect(live?.status).toMatchObject({ readyReplicas: 2 });
    expect(live?.metadata.managedFields?.some((m) => m.manager === 'gitops-kit-simulator')).toBe(true);
  });

  it('a new generation rolls out again', async () => {
    const { clock, cluster, sim } = await setup(1_000);
    await cluster.apply(deployment('web'), { fieldManager: 'test' });
    await settle();
    await clock.advance(1_000);
    await sim.idle();
    expect(await health(cluster, clock, 'web')).toBe('Current');
    await cluster.apply(deployment('web', {}, 'nginx:1.28'), { fieldManager: 'test' });
    await settle();
    expect(await health(cluster, clock, 'web')).toBe('InProgress');
    await clock.advance(1_000);
    await sim.idle();
    const live = await cluster.get(ref('web'));
    expect(live?.metadata.generation).toBe(2);
    expect(computeStatus(live!, { clock }).status).toBe('Current');
  });

  it('the fail annotation makes a Deployment exceed its progress deadline', async () => {
    const { clock, cluster, sim } = await setup(500);
    await cluster.apply(
      deployment('bad', { annotations: { [SimulateFailAnnotation]: 'ImagePullBackOff' } }),
      {
        fieldManager: 'test',
      },
    );
    await settle();
    await clock.advance(500);
    await sim.idle();
    const res = computeStatus((await cluster.get(ref('bad')))!, { clock });
    expect(res.status).toBe('Failed');
    expect(res.conditions[0]?.reason).toBe('ProgressDeadlineExceeded');
  });

  it('an image matching failImages never becomes ready', async () => {
    const { clock, cluster, sim } = await setup(0, /does-not-exist/);
    await cluster.apply(deployment('ok'), { fieldManager: 'test' });
    await cluster.apply(deployment('nope', {}, 'registry.invalid/does-not-exist:1'), {
      fieldManager: 'test',
    });
    await settle();
    await sim.idle();
    expect(await health(cluster, clock, 'ok')).toBe('Current');
    expect(await health(cluster, clock, 'nope')).toBe('Failed');
  });

  it('leaves statuses that are already final alone (a persisted cluster opened again)', async () => {
    const { clock, cluster, sim } = await setup(0);
    await cluster.apply(deployment('web'), { fieldManager: 'test' });
    await settle();
    await sim.idle();
    const writes = sim.writes;
    expect(writes).toBe(1);
    await sim.stop();
    const again = simulateWorkloads({ cluster, clock, delayMs: 0 });
    await settle();
    await again.idle();
    expect(again.writes).toBe(0);
    await again.stop();
  });

  it('simulates Pods, Jobs, StatefulSets, DaemonSets and ReplicaSets', async () => {
    const { clock, cluster, sim } = await setup(0);
    const template = {
      metadata: { labels: { app: 'x' } },
      spec: { containers: [{ name: 'c', image: 'busybox' }] },
    };
    const objs: KubeObject[] = [
      { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'default' }, spec: template.spec },
      {
        apiVersion: 'batch/v1',
        kind: 'Job',
        metadata: { name: 'j', namespace: 'default' },
        spec: { template: { ...template, spec: { ...template.spec, restartPolicy: 'Never' } } },
      },
      {
        apiVersion: 'apps/v1',
        kind: 'StatefulSet',
        metadata: { name: 's', namespace: 'default' },
        spec: { serviceName: 's', selector: { matchLabels: { app: 'x' } }, template },
      },
      {
        apiVersion: 'apps/v1',
        kind: 'DaemonSet',
        metadata: { name: 'd', namespace: 'default' },
        spec: { selector: { matchLabels: { app: 'x' } }, template },
      },
      {
        apiVersion: 'apps/v1',
        kind: 'ReplicaSet',
        metadata: { name: 'r', namespace: 'default' },
        spec: { selector: { matchLabels: { app: 'x' } }, template },
      },
    ];
    for (const o of objs) await cluster.apply(o, { fieldManager: 'test' });
    await settle();
    await sim.idle();
    for (const o of objs) {
      const live = await cluster.get({
        apiVersion: o.apiVersion,
        kind: o.kind,
        namespace: 'default',
        name: o.metadata.name!,
      });
      expect([o.kind, computeStatus(live!, { clock }).status]).toEqual([o.kind, 'Current']);
    }
  });

  it('stop ends the watches and drops pending rollouts', async () => {
    const { clock, cluster, sim } = await setup(10_000);
    await cluster.apply(deployment('web'), { fieldManager: 'test' });
    await settle();
    await sim.stop();
    await clock.advance(10_000);
    expect(await health(cluster, clock, 'web')).toBe('InProgress');
  });
});
