import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { isGitOpsKitError } from '../errors/GitOpsKitError.js';
import type { KubeObject } from '../object/types.js';
import { FakeClock } from '../testing/FakeClock.js';
import { MemoryCluster } from './MemoryCluster.js';

const cm = (name: string, extra: Partial<KubeObject> = {}, namespace = 'default'): KubeObject => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  ...extra,
  metadata: { name, namespace, ...(extra.metadata ?? {}) },
});

const widgetCrd: KubeObject = {
  apiVersion: 'apiextensions.k8s.io/v1',
  kind: 'CustomResourceDefinition',
  metadata: { name: 'widgets.example.io' },
  spec: {
    group: 'example.io',
    scope: 'Namespaced',
    names: { plural: 'widgets', singular: 'widget', kind: 'Widget', listKind: 'WidgetList' },
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
              spec: {
                type: 'object',
                properties: {
                  url: { type: 'string' },
                  items: {
                    type: 'array',
                    'x-kubernetes-list-type': 'map',
                    'x-kubernetes-list-map-keys': ['name'],
                    items: {
                      type: 'object',
                      properties: { name: { type: 'string' }, value: { type: 'string' } },
                    },
                  },
                },
              },
              status: { type: 'object', properties: { phase: { type: 'string' } } },
            },
          },
        },
      },
    ],
  },
};

async function codeOf(p: Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await p;
  } catch (e) {
    if (isGitOpsKitError(e)) return { code: e.code, message: e.message };
    throw e;
  }
  return { code: 'no error', message: '' };
}

describe('MemoryCluster: object metadata', () => {
  it('takes creationTimestamp and managedFields times from the injected clock', async () => {
    const clock = new FakeClock(Date.parse('2030-05-06T07:08:09.500Z'));
    const c = new MemoryCluster({ clock, uid: () => '00000000-0000-0000-0000-000000000001' });
    const o = await c.create(cm('a', { data: { k: 'v' } }), { fieldManager: 'me' });
    expect(o.metadata.creationTimestamp).toBe('2030-05-06T07:08:09Z');
    expect(o.metadata.uid).toBe('00000000-0000-0000-0000-000000000001');
    expect(o.metadata.managedFields).toEqual([
      {
        manager: 'me',
        operation: 'Update',
        apiVersion: 'v1',
        fieldsType: 'FieldsV1',
        fieldsV1: { 'f:data': { '.': {}, 'f:k': {} } },
        time: '2030-05-06T07:08:09Z',
      },
    ]);
  });

  it('keeps generation for Deployments, bumped by spec changes only', async () => {
    const c = new MemoryCluster({ clock: new FakeClock() });
    const dep: KubeObject = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'd', namespace: 'default' },
      spec: {
        replicas: 1,
        selector: { matchLabels: { a: 'b' } },
        template: { metadata: { labels: { a: 'b' } }, spec: { containers: [] } },
      },
    };
    const a = await c.create(dep);
    expect(a.metadata.generation).toBe(1);
    expect(a.status).toEqual({});
    const b = await c.patch(
      { apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'default', name: 'd' },
      { spec: { replicas: 2 } },
      { type: 'merge' },
    );
    expect(b.metadata.generation).toBe(2);
    const s = await c.patch(
      { apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'default', name: 'd' },
      { status: { replicas: 2 } },
      { type: 'merge', subresource: 'status' },
    );
    expect(s.metadata.generation).toBe(2);
    expect(s.status).toEqual({ replicas: 2 });
  });

  it('a write that changes nothing keeps the resourceVersion and sends no event', async () => {
    const c = new MemoryCluster();
    const a = await c.create(cm('same', { data: { k: 'v' } }));
    const b = await c.update({ ...a });
    expect(b.metadata.resourceVersion).toBe(a.metadata.resourceVersion);
    const p = await c.patch(
      { apiVersion: 'v1', kind: 'ConfigMap', namespace: 'default', name: 'same' },
      { data: { k: 'v' } },
      { type: 'merge' },
    );
    expect(p.metadata.resourceVersion).toBe(a.metadata.resourceVersion);
  });

  it('generateName makes a unique name', async () => {
    const c = new MemoryCluster();
    const o = await c.create({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { generateName: 'job-', namespace: 'default' },
    });
    expect(o.metadata.name).toMatch(/^job-[a-z0-9]{5}$/);
  });

  it('drops unknown fields of built-in kinds on create, as decoding into the typed struct does', async () => {
    const c = new MemoryCluster();
    const o = await c.create(cm('unknown', { data: { k: 'v' }, bogus: 1 } as Partial<KubeObject>));
    expect(o.bogus).toBeUndefined();
  });
});

describe('MemoryCluster: bad input', () => {
  const c = new MemoryCluster();
  it.each([
    {
      name: 'not an object',
      input: () => c.create('x' as unknown as KubeObject),
      code: 'InvalidObject',
      names: 'object',
    },
    {
      name: 'missing kind',
      input: () =>
        c.create({
          apiVersion: 'v1',
          metadata: { name: 'a', namespace: 'default' },
        } as unknown as KubeObject),
      code: 'InvalidObject',
      names: 'object',
    },
    {
      name: 'missing name',
      input: () => c.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { namespace: 'default' } }),
      code: 'InvalidObject',
      names: 'ConfigMap',
    },
    {
      name: 'unknown kind',
      input: () =>
        c.create({
          apiVersion: 'example.com/v1',
          kind: 'Gizmo',
          metadata: { name: 'g', namespace: 'default' },
        }),
      code: 'UnknownKind',
      names: 'Gizmo',
    },
    {
      name: 'missing namespace',
      input: () => c.create(cm('a', {}, 'nowhere')),
      code: 'NamespaceNotFound',
      names: 'ConfigMap/nowhere/a',
    },
    {
      name: 'no namespace on a namespaced kind',
      input: () => c.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'a' } }),
      code: 'NamespaceNotFound',
      names: 'ConfigMap/a',
    },
    {
      name: 'invalid name',
      input: () => c.create(cm('Bad_Name')),
      code: 'Invalid',
      names: 'ConfigMap/default/Bad_Name',
    },
    {
      name: 'invalid label',
      input: () => c.create(cm('a', { metadata: { name: 'a', labels: { 'bad key!': 'x' } } })),
      code: 'Invalid',
      names: 'ConfigMap/default/a',
    },
    {
      name: 'resourceVersion on create',
      input: () => c.create(cm('a', { metadata: { name: 'a', resourceVersion: '3' } })),
      code: 'Invalid',
      names: 'ConfigMap/default/a',
    },
    {
      name: 'wrong value type',
      input: () => c.create(cm('a', { data: { k: 1 } } as Partial<KubeObject>)),
      code: 'Invalid',
      names: 'ConfigMap/default/a',
    },
    {
      name: 'apply without field manager',
      input: () => c.apply(cm('a'), { fieldManager: '' }),
      code: 'InvalidArgument',
      names: 'ConfigMap/default/a',
    },
    {
      name: 'apply with managedFields',
      input: () => c.apply(cm('a', { metadata: { name: 'a', managedFields: [] } }), { fieldManager: 'm' }),
      code: 'Invalid',
      names: 'ConfigMap/default/a',
    },
    {
      name: 'apply of an undeclared field',
      input: () => c.apply(cm('a', { bogus: 1 } as Partial<KubeObject>), { fieldManager: 'm' }),
      code: 'Invalid',
      names: 'ConfigMap/default/a',
    },
    {
      name: 'update of a missing object',
      input: () => c.update(cm('missing')),
      code: 'NotFound',
      names: 'ConfigMap/default/missing',
    },
    {
      name: 'status write to a kind without status',
      input: () => c.updateStatus(cm('a')),
      code: 'NotFound',
      names: 'ConfigMap',
    },
    {
      name: 'malformed label selector',
      input: () => c.list({ apiVersion: 'v1', kind: 'ConfigMap' }, { labelSelector: 'a in (' }),
      code: 'InvalidArgument',
      names: 'a in (',
    },
    {
      name: 'JSON patch that is not a list',
      input: () =>
        c.patch({ apiVersion: 'v1', kind: 'Namespace', name: 'default' }, { op: 'add' }, { type: 'json' }),
      code: 'InvalidArgument',
      names: 'Namespace/default',
    },
  ])('$name → $code naming the object', async ({ input, code, names }) => {
    const r = await codeOf(input());
    expect(r.code).toBe(code);
    expect(r.message).toContain(names);
  });

  it('conflicting apply without force → ApplyConflict naming manager and fields', async () => {
    const c2 = new MemoryCluster();
    await c2.apply(cm('x', { data: { a: '1', b: '2' } }), { fieldManager: 'one' });
    const r = await codeOf(c2.apply(cm('x', { data: { a: '9', b: '8' } }), { fieldManager: 'two' }));
    expect(r.code).toBe('ApplyConflict');
    expect(r.message).toBe(
      'ConfigMap/default/x: Apply failed with 2 conflicts: conflicts with "one":\n- .data.a\n- .data.b',
    );
  });
});

describe('MemoryCluster: server-side apply', () => {
  it('merges list-map items of custom resources by their keys and prunes what a manager stops applying', async () => {
    const c = new MemoryCluster();
    await c.create(widgetCrd);
    const w = (items: { name: string; value?: string }[]): KubeObject => ({
      apiVersion: 'example.io/v1',
      kind: 'Widget',
      metadata: { name: 'w', namespace: 'default' },
      spec: { items },
    });
    await c.apply(w([{ name: 'a', value: '1' }]), { fieldManager: 'one' });
    const both = await c.apply(w([{ name: 'b', value: '2' }]), { fieldManager: 'two' });
    expect((both.spec as { items: unknown[] }).items).toEqual([
      { name: 'a', value: '1' },
      { name: 'b', value: '2' },
    ]);
    const mf = both.metadata.managedFields?.find((m) => m.manager === 'two');
    expect(mf?.fieldsV1).toEqual({
      'f:spec': { 'f:items': { 'k:{"name":"b"}': { '.': {}, 'f:name': {}, 'f:value': {} } } },
    });
    const pruned = await c.apply(w([]), { fieldManager: 'one' });
    expect((pruned.spec as { items: unknown[] }).items).toEqual([{ name: 'b', value: '2' }]);
  });

  it('dryRun apply returns the merged object without storing it', async () => {
    const c = new MemoryCluster();
    await c.apply(cm('d', { data: { a: '1' } }), { fieldManager: 'm' });
    const dry = await c.apply(cm('d', { data: { a: '2' } }), { fieldManager: 'm', dryRun: true });
    expect(dry.data).toEqual({ a: '2' });
    expect(
      (await c.get({ apiVersion: 'v1', kind: 'ConfigMap', namespace: 'default', name: 'd' }))?.data,
    ).toEqual({ a: '1' });
  });

  it('apply with a stale resourceVersion → Conflict', async () => {
    const c = new MemoryCluster();
    const a = await c.apply(cm('rv', { data: { a: '1' } }), { fieldManager: 'm' });
    await c.apply(cm('rv', { data: { a: '2' } }), { fieldManager: 'm' });
    const r = await codeOf(
      c.apply(
        cm('rv', {
          metadata: { name: 'rv', resourceVersion: a.metadata.resourceVersion! },
          data: { a: '3' },
        }),
        { fieldManager: 'm' },
      ),
    );
    expect(r.code).toBe('Conflict');
  });
});

describe('MemoryCluster: deletion', () => {
  it('namespace deletion waits for finalizers of its content', async () => {
    const c = new MemoryCluster();
    await c.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team' } });
    await c.create(cm('held', { metadata: { name: 'held', finalizers: ['example.io/hold'] } }, 'team'));
    await c.create(cm('free', {}, 'team'));
    const r = await c.delete({ apiVersion: 'v1', kind: 'Namespace', name: 'team' });
    expect(r.status).toBe('terminating');
    expect(
      await c.get({ apiVersion: 'v1', kind: 'ConfigMap', namespace: 'team', name: 'free' }),
    ).toBeUndefined();
    const held = await c.get({ apiVersion: 'v1', kind: 'ConfigMap', namespace: 'team', name: 'held' });
    expect(held?.metadata.deletionTimestamp).toBeDefined();
    expect((await c.get({ apiVersion: 'v1', kind: 'Namespace', name: 'team' }))?.status).toEqual({
      phase: 'Terminating',
    });
    await c.patch(
      { apiVersion: 'v1', kind: 'ConfigMap', namespace: 'team', name: 'held' },
      { metadata: { finalizers: null } },
      { type: 'merge' },
    );
    expect(await c.get({ apiVersion: 'v1', kind: 'Namespace', name: 'team' })).toBeUndefined();
  });

  it('deleting a CRD deletes its custom resources and stops serving the kind', async () => {
    const c = new MemoryCluster();
    await c.create(widgetCrd);
    await c.create({
      apiVersion: 'example.io/v1',
      kind: 'Widget',
      metadata: { name: 'w', namespace: 'default' },
      spec: { url: 'x' },
    });
    await c.delete({
      apiVersion: 'apiextensions.k8s.io/v1',
      kind: 'CustomResourceDefinition',
      name: 'widgets.example.io',
    });
    expect(await c.resourceFor({ apiVersion: 'example.io/v1', kind: 'Widget' })).toBeUndefined();
    expect(
      await c.get({
        apiVersion: 'apiextensions.k8s.io/v1',
        kind: 'CustomResourceDefinition',
        name: 'widgets.example.io',
      }),
    ).toBeUndefined();
    expect((await codeOf(c.list({ apiVersion: 'example.io/v1', kind: 'Widget' }))).code).toBe('UnknownKind');
  });

  it('an owner with several dependents, one owned by two owners, is collected only when both are gone', async () => {
    const c = new MemoryCluster();
    const o1 = await c.create(cm('o1'));
    const o2 = await c.create(cm('o2'));
    const ref = (o: KubeObject) => ({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      name: o.metadata.name!,
      uid: o.metadata.uid!,
    });
    await c.create(cm('both', { metadata: { name: 'both', ownerReferences: [ref(o1), ref(o2)] } }));
    await c.delete({ apiVersion: 'v1', kind: 'ConfigMap', namespace: 'default', name: 'o1' });
    const both = await c.get({ apiVersion: 'v1', kind: 'ConfigMap', namespace: 'default', name: 'both' });
    expect(both?.metadata.ownerReferences?.map((r) => r.name)).toEqual(['o2']);
    await c.delete({ apiVersion: 'v1', kind: 'ConfigMap', namespace: 'default', name: 'o2' });
    expect(
      await c.get({ apiVersion: 'v1', kind: 'ConfigMap', namespace: 'default', name: 'both' }),
    ).toBeUndefined();
  });
});

describe('MemoryCluster: watch', () => {
  it('Expired when resuming from a resourceVersion older than the kept history', async () => {
    const c = new MemoryCluster({ watchHistory: 2 });
    const first = await c.create(cm('a'));
    for (let i = 0; i < 5; i++)
      await c.patch(
        { apiVersion: 'v1', kind: 'ConfigMap', namespace: 'default', name: 'a' },
        { data: { i: String(i) } },
        { type: 'merge' },
      );
    const it = c
      .watch({ apiVersion: 'v1', kind: 'ConfigMap' }, { resourceVersion: first.metadata.resourceVersion! })
      [Symbol.asyncIterator]();
    expect((await codeOf(it.next())).code).toBe('Expired');
  });

  it('objects entering and leaving a label selection arrive as ADDED and DELETED', async () => {
    const c = new MemoryCluster();
    const ac = new AbortController();
    const seen: string[] = [];
    const done = (async () => {
      for await (const e of c.watch(
        { apiVersion: 'v1', kind: 'ConfigMap' },
        { labelSelector: 'pick=yes', signal: ac.signal },
      )) {
        seen.push(`${e.type}:${e.object.metadata.name}`);
        if (seen.length === 2) ac.abort();
      }
    })();
    await c.create(cm('x'));
    const ref = { apiVersion: 'v1', kind: 'ConfigMap', namespace: 'default', name: 'x' };
    await c.patch(ref, { metadata: { labels: { pick: 'yes' } } }, { type: 'merge' });
    await c.patch(ref, { metadata: { labels: { pick: 'no' } } }, { type: 'merge' });
    await done;
    expect(seen).toEqual(['ADDED:x', 'DELETED:x']);
  });
});

describe('MemoryCluster: persistence', () => {
  let dir: string | undefined;
  afterEach(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('survives a restart: objects, resourceVersions and CRD kinds', async () => {
    dir = await mkdtemp(join(tmpdir(), 'gitops-kit-memcluster-'));
    const a = await MemoryCluster.open({ dir, clock: new FakeClock() });
    await a.create(widgetCrd);
    const w = await a.create({
      apiVersion: 'example.io/v1',
      kind: 'Widget',
      metadata: { name: 'w', namespace: 'default' },
      spec: { url: 'x' },
    });
    const snapshot = JSON.parse(await readFile(join(dir, 'cluster.json'), 'utf8')) as {
      resourceVersion: number;
    };
    expect(snapshot.resourceVersion).toBe(Number(a.resourceVersion));

    const b = await MemoryCluster.open({ dir, clock: new FakeClock() });
    expect(b.resourceVersion).toBe(a.resourceVersion);
    const got = await b.get({ apiVersion: 'example.io/v1', kind: 'Widget', namespace: 'default', name: 'w' });
    expect(got).toEqual(w);
    const next = await b.create(cm('after'));
    expect(Number(next.metadata.resourceVersion)).toBeGreaterThan(Number(a.resourceVersion));
  });

  it('rejects a directory whose cluster.json is not a snapshot', async () => {
    dir = await mkdtemp(join(tmpdir(), 'gitops-kit-memcluster-'));
    const { writeFile } = await import('node:fs/promises');
    await writeFile(join(dir, 'cluster.json'), '{"hello":1}');
    expect((await codeOf(MemoryCluster.open({ dir }))).code).toBe('InvalidArgument');
  });
});

describe('MemoryCluster: custom resource validation', () => {
  it.each([
    { name: 'wrong type', spec: { url: 42 }, field: 'spec.url' },
    { name: 'null object (an apply that stops setting every spec field)', spec: null, field: 'spec' },
  ])('$name → Invalid at $field', async ({ spec, field }) => {
    const c = new MemoryCluster();
    await c.create(widgetCrd);
    let err: unknown;
    try {
      await c.create({
        apiVersion: 'example.io/v1',
        kind: 'Widget',
        metadata: { name: 'w', namespace: 'default' },
        spec,
      });
    } catch (e) {
      err = e;
    }
    expect(isGitOpsKitError(err, 'Invalid')).toBe(true);
    expect((err as { data: { fieldPath: string } }).data.fieldPath).toBe(field);
  });

  it('an apply that stops setting every spec field leaves spec null, which the schema rejects (as v1.20 does)', async () => {
    const c = new MemoryCluster();
    await c.create(widgetCrd);
    const w = { apiVersion: 'example.io/v1', kind: 'Widget', metadata: { name: 'w', namespace: 'default' } };
    await c.apply({ ...w, spec: { url: 'x' } }, { fieldManager: 'm' });
    const r = await codeOf(c.apply(w, { fieldManager: 'm' }));
    expect(r.code).toBe('Invalid');
  });
});

describe('MemoryCluster: built-in kinds', () => {
  const modern: { name: string; obj: KubeObject; field: string[] }[] = [
    {
      name: 'autoscaling/v2 HorizontalPodAutoscaler',
      obj: {
        apiVersion: 'autoscaling/v2',
        kind: 'HorizontalPodAutoscaler',
        metadata: { name: 'web', namespace: 'default' },
        spec: {
          scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' },
          minReplicas: 2,
          maxReplicas: 5,
          metrics: [
            {
              type: 'Resource',
              resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 80 } },
            },
          ],
        },
      },
      field: ['spec', 'metrics'],
    },
    {
      name: 'batch/v1 CronJob with timeZone',
      obj: {
        apiVersion: 'batch/v1',
        kind: 'CronJob',
        metadata: { name: 'nightly', namespace: 'default' },
        spec: {
          schedule: '0 3 * * *',
          timeZone: 'Etc/UTC',
          jobTemplate: {
            spec: {
              template: { spec: { restartPolicy: 'Never', containers: [{ name: 'c', image: 'busybox' }] } },
            },
          },
        },
      },
      field: ['spec', 'timeZone'],
    },
    {
      name: 'policy/v1 PodDisruptionBudget with unhealthyPodEvictionPolicy',
      obj: {
        apiVersion: 'policy/v1',
        kind: 'PodDisruptionBudget',
        metadata: { name: 'web', namespace: 'default' },
        spec: {
          minAvailable: 1,
          unhealthyPodEvictionPolicy: 'AlwaysAllow',
          selector: { matchLabels: { app: 'web' } },
        },
      },
      field: ['spec', 'unhealthyPodEvictionPolicy'],
    },
    {
      name: 'discovery.k8s.io/v1 EndpointSlice with zone',
      obj: {
        apiVersion: 'discovery.k8s.io/v1',
        kind: 'EndpointSlice',
        metadata: { name: 'web-1', namespace: 'default' },
        addressType: 'IPv4',
        endpoints: [{ addresses: ['10.0.0.1'], zone: 'a', hints: { forZones: [{ name: 'a' }] } }],
      },
      field: ['endpoints'],
    },
  ];

  it.each(modern)(
    'serves $name by default and keeps its GA fields through server-side apply',
    async ({ obj, field }) => {
      const c = new MemoryCluster({ clock: new FakeClock() });
      const got = await c.apply(obj, { fieldManager: 'test' });
      let want: unknown = obj;
      let have: unknown = got;
      for (const f of field) {
        want = (want as Record<string, unknown>)[f];
        have = (have as Record<string, unknown>)[f];
      }
      expect(have).toEqual(want);
      expect(await c.resourceFor({ apiVersion: obj.apiVersion, kind: obj.kind })).toBeDefined();
    },
  );

  it.each(modern)(
    "builtinKinds 'v1.20' refuses $name as a v1.20 server does (UnknownKind)",
    async ({ obj }) => {
      const c = new MemoryCluster({ clock: new FakeClock(), builtinKinds: 'v1.20' });
      const err = await c.apply(obj, { fieldManager: 'test' }).catch((e: unknown) => e);
      expect(isGitOpsKitError(err, 'UnknownKind')).toBe(true);
    },
  );

  it('an HPA written as autoscaling/v2 is read back as autoscaling/v1 (one object, several versions)', async () => {
    const c = new MemoryCluster({ clock: new FakeClock() });
    await c.apply(modern[0]!.obj, { fieldManager: 'test' });
    const v1 = await c.get({
      apiVersion: 'autoscaling/v1',
      kind: 'HorizontalPodAutoscaler',
      namespace: 'default',
      name: 'web',
    });
    expect(v1?.apiVersion).toBe('autoscaling/v1');
  });
});
