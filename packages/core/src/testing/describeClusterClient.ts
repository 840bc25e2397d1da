import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ClusterClient, ResourceRef } from '../cluster/ClusterClient.js';
import { isGitOpsKitError } from '../errors/GitOpsKitError.js';
import type { KubeObject } from '../object/types.js';

/** Options of {@link describeClusterClient}. */
export interface DescribeClusterClientOptions {
  /** Skip the whole suite, with this reason (e.g. the real server is not available). */
  skip?: string | false;
  /**
   * How long to wait for effects real controllers produce later (garbage collection, namespace
   * deletion, CRD establishment), in milliseconds. Default 60000.
   */
  eventuallyTimeoutMs?: number;
}

/** Defaults of {@link DescribeClusterClientOptions}. */
export const describeClusterClientDefaults = { eventuallyTimeoutMs: 60_000 } as const;

async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    if (isGitOpsKitError(e)) return e.code;
    throw e;
  }
  return 'no error';
}

async function errorOf(
  p: Promise<unknown>,
): Promise<Error & { code?: string; data?: Record<string, unknown> }> {
  try {
    await p;
  } catch (e) {
    return e as Error & { code?: string; data?: Record<string, unknown> };
  }
  throw new Error('expected an error');
}

const cm = (namespace: string, name: string, extra: Partial<KubeObject> = {}): KubeObject => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  ...extra,
  metadata: { name, namespace, ...(extra.metadata ?? {}) },
});

const cmRef = (namespace: string, name: string): ResourceRef => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  namespace,
  name,
});

/**
 * The contract every {@link ClusterClient} implementation passes, written once and run against
 * `MemoryCluster` and against the `@kubernetes/client-node` adapter pointed at a real
 * kube-apiserver v1.20. Each run works in namespaces and a CRD group of its own and deletes them at
 * the end. Where the two implementations could legitimately differ in timing (controllers of a real
 * cluster act later), the suite polls for up to `eventuallyTimeoutMs`.
 *
 * Covers: discovery (namespaced, plural, status subresource, unknown kinds); CRUD with
 * `resourceVersion`/`uid`/`creationTimestamp`; `AlreadyExists`, `NotFound`, `Conflict`,
 * `NamespaceNotFound`, `UnknownKind`, `InvalidObject`, `Invalid`; label and field selectors; merge
 * and JSON patch; finalizers and `deletionTimestamp`; CRDs (Established, generation on spec
 * changes only, status subresource); server-side apply (managedFields, conflicts naming the
 * manager and field, `force`, removal of fields no longer applied, shared ownership, list-map merge
 * keys, dryRun); watch (ADDED/MODIFIED/DELETED, resume from a resourceVersion); owner-reference
 * garbage collection (Background, Foreground, Orphan); namespace deletion.
 *
 * @param name - suite name, e.g. `MemoryCluster`.
 * @param factory - returns the client under test (called once, before the tests).
 * @example
 * ```ts
 * describeClusterClient('MemoryCluster', () => new MemoryCluster());
 * ```
 */
export function describeClusterClient(
  name: string,
  factory: () => ClusterClient | Promise<ClusterClient>,
  options: DescribeClusterClientOptions = {},
): void {
  const timeout = options.eventuallyTimeoutMs ?? describeClusterClientDefaults.eventuallyTimeoutMs;
  const eventually = <T>(fn: () => Promise<T> | T): Promise<T> => vi.waitFor(fn, { timeout, interval: 100 });
  const suffix = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`;
  const ns = `ct-${suffix}`;
  const group = `g${suffix}.contract.gitops-kit.io`;
  const crdName = `widgets.${group}`;
  const widgetApi = `${group}/v1`;
  let c: ClusterClient;

  const widgetCrd: KubeObject = {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: crdName },
    spec: {
      group,
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
                    interval: { type: 'string' },
                    tags: { type: 'array', items: { type: 'string' } },
                  },
                },
                status: {
                  type: 'object',
                  properties: {
                    observedGeneration: { type: 'integer' },
                    phase: { type: 'string' },
                  },
                },
              },
            },
          },
        },
      ],
    },
  };
  const widget = (
    n: string,
    spec: Record<string, unknown>,
    extra: Partial<KubeObject['metadata']> = {},
  ): KubeObject => ({
    apiVersion: widgetApi,
    kind: 'Widget',
    metadata: { name: n, namespace: ns, ...extra },
    spec,
  });
  const widgetRef = (n: string): ResourceRef => ({
    apiVersion: widgetApi,
    kind: 'Widget',
    namespace: ns,
    name: n,
  });

  describe.skipIf(Boolean(options.skip))(`ClusterClient contract: ${name}`, () => {
    beforeAll(async () => {
      c = await factory();
      await c.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } });
      await c.create(widgetCrd);
      await eventually(async () => {
        expect(await c.resourceFor({ apiVersion: widgetApi, kind: 'Widget' })).toBeDefined();
      });
    }, timeout + 30_000);

    afterAll(async () => {
      if (!c) return;
      await c
        .delete({ apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', name: crdName })
        .catch(() => {});
      await c.delete({ apiVersion: 'v1', kind: 'Namespace', name: ns }).catch(() => {});
    }, 30_000);

    describe('discovery', () => {
      it('knows namespaced and cluster-scoped kinds and their plurals', async () => {
        const cmRes = await c.resourceFor({ apiVersion: 'v1', kind: 'ConfigMap' });
        expect(cmRes).toMatchObject({
          group: '',
          version: 'v1',
          kind: 'ConfigMap',
          plural: 'configmaps',
          namespaced: true,
        });
        expect(await c.resourceFor({ apiVersion: 'v1', kind: 'Namespace' })).toMatchObject({
          namespaced: false,
          plural: 'namespaces',
        });
        const dep = await c.resourceFor({ apiVersion: 'apps/v1', kind: 'Deployment' });
        expect(dep?.subresources).toContain('status');
        expect(
          await c.resourceFor({ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole' }),
        ).toMatchObject({ namespaced: false });
      });

      it('does not serve kinds the server lacks (v1.20: no batch/v1 CronJob)', async () => {
        expect(await c.resourceFor({ apiVersion: 'batch/v1', kind: 'CronJob' })).toBeUndefined();
        expect(await c.resourceFor({ apiVersion: 'batch/v1beta1', kind: 'CronJob' })).toBeDefined();
        expect(await c.resourceFor({ apiVersion: 'example.com/v1', kind: 'Nope' })).toBeUndefined();
      });

      it('lists every served kind, CRD kinds included', async () => {
        const all = await c.resources();
        expect(all.some((r) => r.group === 'apps' && r.version === 'v1' && r.kind === 'Deployment')).toBe(
          true,
        );
        expect(
          all.some(
            (r) =>
              r.group === group && r.kind === 'Widget' && r.namespaced && r.subresources.includes('status'),
          ),
        ).toBe(true);
      });
    });

    describe('create, get, update, delete', () => {
      it('assigns uid, resourceVersion and creationTimestamp; no generation on ConfigMaps', async () => {
        const o = await c.create(cm(ns, 'crud-a', { data: { k: 'v' } }), { fieldManager: 'contract' });
        expect(o.metadata.uid).toMatch(/^[0-9a-f-]{36}$/);
        expect(o.metadata.resourceVersion).toMatch(/^\d+$/);
        expect(o.metadata.creationTimestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
        expect(o.metadata.generation).toBeUndefined();
        expect(o.metadata.managedFields?.[0]).toMatchObject({
          manager: 'contract',
          operation: 'Update',
          fieldsType: 'FieldsV1',
        });
        const got = await c.get(cmRef(ns, 'crud-a'));
        expect(got?.data).toEqual({ k: 'v' });
        expect(got?.metadata.uid).toBe(o.metadata.uid);
      });

      it('resourceVersions grow across the cluster', async () => {
        const a = await c.create(cm(ns, 'rv-a'));
        const b = await c.create(cm(ns, 'rv-b'));
        expect(BigInt(b.metadata.resourceVersion!)).toBeGreaterThan(BigInt(a.metadata.resourceVersion!));
      });

      it('AlreadyExists on a second create', async () => {
        await c.create(cm(ns, 'dup'));
        expect(await codeOf(c.create(cm(ns, 'dup')))).toBe('AlreadyExists');
      });

      it('get of a missing object is undefined; of an unknown kind UnknownKind', async () => {
        expect(await c.get(cmRef(ns, 'missing'))).toBeUndefined();
        expect(
          await codeOf(c.get({ apiVersion: 'example.com/v1', kind: 'Nope', namespace: ns, name: 'x' })),
        ).toBe('UnknownKind');
        expect(
          await codeOf(
            c.create({ apiVersion: 'example.com/v1', kind: 'Nope', metadata: { name: 'x', namespace: ns } }),
          ),
        ).toBe('UnknownKind');
      });

      it('NamespaceNotFound for a missing or absent namespace', async () => {
        const e = await errorOf(c.create(cm('no-such-ns-contract', 'x')));
        expect(e.code).toBe('NamespaceNotFound');
        expect(e.message).toContain('ConfigMap/no-such-ns-contract/x');
        expect(await codeOf(c.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' } }))).toBe(
          'NamespaceNotFound',
        );
        expect(await codeOf(c.apply(cm('no-such-ns-contract', 'x'), { fieldManager: 'contract' }))).toBe(
          'NamespaceNotFound',
        );
      });

      it('InvalidObject for malformed objects', async () => {
        expect(
          await codeOf(
            c.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { namespace: ns } } as KubeObject),
          ),
        ).toBe('InvalidObject');
        expect(
          await codeOf(
            c.create({ apiVersion: 'v1', metadata: { name: 'x', namespace: ns } } as unknown as KubeObject),
          ),
        ).toBe('InvalidObject');
        expect(await codeOf(c.create('not an object' as unknown as KubeObject))).toBe('InvalidObject');
      });

      it('Invalid for names the server rejects', async () => {
        const e = await errorOf(c.create(cm(ns, 'Not_Valid')));
        expect(e.code).toBe('Invalid');
        expect(e.message).toContain('ConfigMap');
      });

      it('update checks resourceVersion (Conflict) and bumps it', async () => {
        const a = await c.create(cm(ns, 'upd', { data: { k: 'v1' } }));
        const b = await c.update({ ...a, data: { k: 'v2' } });
        expect(b.metadata.resourceVersion).not.toBe(a.metadata.resourceVersion);
        expect(b.data).toEqual({ k: 'v2' });
        expect(await codeOf(c.update({ ...a, data: { k: 'v3' } }))).toBe('Conflict');
        expect(
          await codeOf(c.update(cm(ns, 'upd-missing', { metadata: { name: 'upd-missing', namespace: ns } }))),
        ).toBe('NotFound');
      });

      it('merge patch and JSON patch', async () => {
        await c.create(cm(ns, 'pt', { data: { a: '1', b: '2' } }));
        const m = await c.patch(cmRef(ns, 'pt'), { data: { a: null, c: '3' } }, { type: 'merge' });
        expect(m.data).toEqual({ b: '2', c: '3' });
        const j = await c.patch(cmRef(ns, 'pt'), [{ op: 'replace', path: '/data/b', value: '20' }], {
          type: 'json',
        });
        expect(j.data).toEqual({ b: '20', c: '3' });
        expect(
          await codeOf(
            c.patch(cmRef(ns, 'pt'), [{ op: 'test', path: '/data/b', value: 'x' }], { type: 'json' }),
          ),
        ).toBe('Invalid');
        expect(await codeOf(c.patch(cmRef(ns, 'pt-missing'), { data: {} }, { type: 'merge' }))).toBe(
          'NotFound',
        );
      });

      it('delete: deleted, then notFound', async () => {
        await c.create(cm(ns, 'del'));
        expect((await c.delete(cmRef(ns, 'del'))).status).toBe('deleted');
        expect(await c.get(cmRef(ns, 'del'))).toBeUndefined();
        expect((await c.delete(cmRef(ns, 'del'))).status).toBe('notFound');
      });

      it('dryRun create and delete change nothing', async () => {
        await c.create(cm(ns, 'dry'), { dryRun: true });
        expect(await c.get(cmRef(ns, 'dry'))).toBeUndefined();
        await c.create(cm(ns, 'dry2'));
        await c.delete(cmRef(ns, 'dry2'), { dryRun: true });
        expect(await c.get(cmRef(ns, 'dry2'))).toBeDefined();
      });
    });

    describe('selectors', () => {
      beforeAll(async () => {
        await c.create(
          cm(ns, 'sel-1', {
            metadata: { name: 'sel-1', namespace: ns, labels: { sel: 'yes', env: 'prod', n: '5' } },
          }),
        );
        await c.create(
          cm(ns, 'sel-2', { metadata: { name: 'sel-2', namespace: ns, labels: { sel: 'yes', env: 'dev' } } }),
        );
        await c.create(
          cm(ns, 'sel-3', {
            metadata: { name: 'sel-3', namespace: ns, labels: { sel: 'yes', legacy: 'true' } },
          }),
        );
      });
      const names = async (labelSelector: string, fieldSelector?: string) =>
        (
          await c.list(
            { apiVersion: 'v1', kind: 'ConfigMap' },
            { namespace: ns, labelSelector, ...(fieldSelector ? { fieldSelector } : {}) },
          )
        ).map((o) => o.metadata.name);
      it.each([
        { selector: 'sel=yes', want: ['sel-1', 'sel-2', 'sel-3'] },
        { selector: 'sel=yes,env=prod', want: ['sel-1'] },
        { selector: 'sel==yes,env!=prod', want: ['sel-2', 'sel-3'] },
        { selector: 'sel,env in (dev,prod)', want: ['sel-1', 'sel-2'] },
        { selector: 'sel,env notin (dev)', want: ['sel-1', 'sel-3'] },
        { selector: 'sel,!legacy', want: ['sel-1', 'sel-2'] },
        { selector: 'sel,legacy', want: ['sel-3'] },
        { selector: 'sel,n>4', want: ['sel-1'] },
        { selector: 'sel,n<4', want: [] },
      ])('label selector $selector', async ({ selector, want }) => {
        expect(await names(selector)).toEqual(want);
      });
      it('field selectors on metadata.name and metadata.namespace', async () => {
        expect(await names('sel', 'metadata.name=sel-2')).toEqual(['sel-2']);
        expect(await names('sel', 'metadata.name!=sel-2')).toEqual(['sel-1', 'sel-3']);
        expect(await names('sel', `metadata.namespace=${ns}`)).toEqual(['sel-1', 'sel-2', 'sel-3']);
      });
      it('InvalidArgument for malformed selectors and unsupported fields', async () => {
        expect(await codeOf(names('sel in (', undefined))).toBe('InvalidArgument');
        expect(await codeOf(names('sel', 'spec.nope=1'))).toBe('InvalidArgument');
      });
      it('lists across namespaces when none is given', async () => {
        const all = await c.list({ apiVersion: 'v1', kind: 'Namespace' });
        expect(all.map((o) => o.metadata.name)).toEqual(expect.arrayContaining(['default', ns]));
      });
    });

    describe('finalizers', () => {
      it('delete marks deletionTimestamp while finalizers remain; removing the last one deletes', async () => {
        await c.create(
          cm(ns, 'fin', {
            metadata: { name: 'fin', namespace: ns, finalizers: ['contract.gitops-kit.io/hold'] },
          }),
        );
        const r = await c.delete(cmRef(ns, 'fin'));
        expect(r.status).toBe('terminating');
        const live = await c.get(cmRef(ns, 'fin'));
        expect(live?.metadata.deletionTimestamp).toBeDefined();
        expect(
          await codeOf(
            c.patch(
              cmRef(ns, 'fin'),
              { metadata: { finalizers: ['contract.gitops-kit.io/hold', 'x.io/new'] } },
              { type: 'merge' },
            ),
          ),
        ).toBe('Invalid');
        await c.patch(cmRef(ns, 'fin'), { metadata: { finalizers: null } }, { type: 'merge' });
        expect(await c.get(cmRef(ns, 'fin'))).toBeUndefined();
      });
    });

    describe('custom resources', () => {
      it('a CRD becomes Established and serves its kind', async () => {
        const crd = await eventually(async () => {
          const o = await c.get({
            apiVersion: 'apiextensions.k8s.io/v1',
            kind: 'CustomResourceDefinition',
            name: crdName,
          });
          const conds = (o?.status as { conditions?: { type: string; status: string }[] })?.conditions ?? [];
          expect(conds.find((x) => x.type === 'Established')?.status).toBe('True');
          return o;
        });
        expect(crd?.metadata.generation).toBe(1);
        expect(await c.resourceFor({ apiVersion: widgetApi, kind: 'Widget' })).toMatchObject({
          plural: 'widgets',
          namespaced: true,
          subresources: ['status'],
        });
      });

      it('generation: 1 on create, bumped by spec changes only', async () => {
        const w = await c.create(widget('gen', { url: 'a' }));
        expect(w.metadata.generation).toBe(1);
        const w2 = await c.patch(widgetRef('gen'), { spec: { url: 'b' } }, { type: 'merge' });
        expect(w2.metadata.generation).toBe(2);
        const w3 = await c.patch(widgetRef('gen'), { metadata: { labels: { l: '1' } } }, { type: 'merge' });
        expect(w3.metadata.generation).toBe(2);
        expect(w3.metadata.resourceVersion).not.toBe(w2.metadata.resourceVersion);
      });

      it('status subresource: main writes ignore status, status writes ignore spec', async () => {
        await c.create({ ...widget('st', { url: 'a' }), status: { phase: 'set-on-create' } });
        const got = await c.get(widgetRef('st'));
        expect(got?.status).toBeUndefined();
        const main = await c.patch(
          widgetRef('st'),
          { spec: { url: 'b' }, status: { phase: 'via-main' } },
          { type: 'merge' },
        );
        expect(main.status).toBeUndefined();
        const st = await c.patch(
          widgetRef('st'),
          { spec: { url: 'c' }, status: { phase: 'Ready', observedGeneration: 2 } },
          {
            type: 'merge',
            subresource: 'status',
          },
        );
        expect(st.status).toEqual({ phase: 'Ready', observedGeneration: 2 });
        expect((st.spec as { url: string }).url).toBe('b');
        expect(st.metadata.generation).toBe(2);
        const st2 = await c.updateStatus({ ...st, status: { phase: 'Done', observedGeneration: 2 } });
        expect(st2.status).toEqual({ phase: 'Done', observedGeneration: 2 });
        const applied = await c.applyStatus(
          {
            apiVersion: widgetApi,
            kind: 'Widget',
            metadata: { name: 'st', namespace: ns },
            status: { phase: 'Applied' },
          },
          { fieldManager: 'contract-status', force: true },
        );
        expect((applied.status as { phase: string }).phase).toBe('Applied');
        expect(applied.metadata.generation).toBe(2);
      });

      it('Invalid when a value contradicts the schema', async () => {
        const e = await errorOf(c.create(widget('bad', { url: 42 })));
        expect(e.code).toBe('Invalid');
        expect(e.message).toContain(`Widget/${ns}/bad`);
      });

      it('update of a custom resource needs a resourceVersion', async () => {
        await c.create(widget('norv', { url: 'a' }));
        expect(await codeOf(c.update(widget('norv', { url: 'b' })))).toBe('Invalid');
      });
    });

    describe('server-side apply', () => {
      it('creates with an Apply managedFields entry and no-op re-applies keep the resourceVersion', async () => {
        const a = await c.apply(widget('ssa-create', { url: 'u1', interval: '5m' }), {
          fieldManager: 'flux-a',
        });
        const entry = a.metadata.managedFields?.find((m) => m.manager === 'flux-a');
        expect(entry).toMatchObject({ operation: 'Apply', apiVersion: widgetApi, fieldsType: 'FieldsV1' });
        expect(entry?.fieldsV1).toEqual({ 'f:spec': { 'f:interval': {}, 'f:url': {} } });
        const again = await c.apply(widget('ssa-create', { url: 'u1', interval: '5m' }), {
          fieldManager: 'flux-a',
        });
        expect(again.metadata.resourceVersion).toBe(a.metadata.resourceVersion);
      });

      it('ApplyConflict names the other manager and the field; force takes ownership', async () => {
        await c.apply(widget('ssa-conf', { url: 'u1', interval: '5m' }), { fieldManager: 'flux-a' });
        const e = await errorOf(c.apply(widget('ssa-conf', { url: 'u2' }), { fieldManager: 'other' }));
        expect(e.code).toBe('ApplyConflict');
        expect(e.message).toContain(`Widget/${ns}/ssa-conf`);
        expect(e.message).toContain('"flux-a"');
        expect(e.message).toContain('.spec.url');
        expect(e.data?.conflicts).toEqual([{ manager: 'flux-a', operation: 'Apply', field: '.spec.url' }]);
        const forced = await c.apply(widget('ssa-conf', { url: 'u2' }), {
          fieldManager: 'other',
          force: true,
        });
        expect((forced.spec as { url: string }).url).toBe('u2');
        const mf = Object.fromEntries(
          (forced.metadata.managedFields ?? []).map((m) => [m.manager, m.fieldsV1]),
        );
        expect(mf['flux-a']).toEqual({ 'f:spec': { 'f:interval': {} } });
        expect(mf.other).toEqual({ 'f:spec': { 'f:url': {} } });
      });

      it('the same value applied by two managers is shared, not a conflict', async () => {
        await c.apply(widget('ssa-share', { url: 'same' }), { fieldManager: 'a' });
        const b = await c.apply(widget('ssa-share', { url: 'same' }), { fieldManager: 'b' });
        expect(b.metadata.managedFields?.map((m) => m.manager).sort()).toEqual(['a', 'b']);
      });

      it('fields a manager stops applying are removed, unless another manager owns them', async () => {
        await c.apply(cm(ns, 'ssa-rm', { data: { a: '1', b: '2', shared: 's' } }), { fieldManager: 'm1' });
        await c.apply(cm(ns, 'ssa-rm', { data: { shared: 's' } }), { fieldManager: 'm2' });
        const after = await c.apply(cm(ns, 'ssa-rm', { data: { a: '1' } }), { fieldManager: 'm1' });
        expect(after.data).toEqual({ a: '1', shared: 's' });
      });

      it('changes to fields another manager updated conflict too (Update managers)', async () => {
        await c.create(cm(ns, 'ssa-upd', { data: { k: 'v' } }), { fieldManager: 'editor' });
        const e = await errorOf(
          c.apply(cm(ns, 'ssa-upd', { data: { k: 'w' } }), { fieldManager: 'applier' }),
        );
        expect(e.code).toBe('ApplyConflict');
        expect(e.message).toContain('"editor"');
      });

      it('merges lists by their merge keys (containers by name)', async () => {
        const dep = (containers: { name: string; image: string }[]): KubeObject => ({
          apiVersion: 'apps/v1',
          kind: 'Deployment',
          metadata: { name: 'ssa-dep', namespace: ns },
          spec: {
            selector: { matchLabels: { app: 'ssa-dep' } },
            template: { metadata: { labels: { app: 'ssa-dep' } }, spec: { containers } },
          },
        });
        await c.apply(dep([{ name: 'a', image: 'a:1' }]), { fieldManager: 'ma' });
        const both = await c.apply(
          {
            apiVersion: 'apps/v1',
            kind: 'Deployment',
            metadata: { name: 'ssa-dep', namespace: ns },
            spec: { template: { spec: { containers: [{ name: 'b', image: 'b:1' }] } } },
          },
          { fieldManager: 'mb' },
        );
        const names = (o: KubeObject) =>
          (
            (o.spec as { template: { spec: { containers: { name: string }[] } } }).template.spec.containers ??
            []
          ).map((x) => x.name);
        expect(names(both).sort()).toEqual(['a', 'b']);
        const entry = both.metadata.managedFields?.find((m) => m.manager === 'mb');
        expect(JSON.stringify(entry?.fieldsV1)).toContain('k:{\\"name\\":\\"b\\"}');
        const dropped = await c.apply(dep([]), { fieldManager: 'ma' });
        expect(names(dropped)).toEqual(['b']);
      });

      it('dryRun apply changes nothing', async () => {
        await c.apply(cm(ns, 'ssa-dry', { data: { k: 'v' } }), { fieldManager: 'm', dryRun: true });
        expect(await c.get(cmRef(ns, 'ssa-dry'))).toBeUndefined();
      });

      it('InvalidArgument without a field manager', async () => {
        expect(await codeOf(c.apply(cm(ns, 'ssa-noman'), { fieldManager: '' }))).toBe('InvalidArgument');
      });
    });

    describe('watch', () => {
      it('streams ADDED, MODIFIED, DELETED and resumes from a resourceVersion', async () => {
        if (!c.watch) return;
        const ac = new AbortController();
        const events: string[] = [];
        const it = c.watch(
          { apiVersion: 'v1', kind: 'ConfigMap' },
          { namespace: ns, labelSelector: 'watch=yes', signal: ac.signal },
        );
        const done = (async () => {
          for await (const e of it) {
            events.push(
              `${e.type}:${e.object.metadata.name}:${(e.object.data as { k?: string } | undefined)?.k ?? ''}`,
            );
            if (e.type === 'DELETED') break;
          }
        })();
        const created = await c.create(
          cm(ns, 'w1', {
            metadata: { name: 'w1', namespace: ns, labels: { watch: 'yes' } },
            data: { k: '1' },
          }),
        );
        await c.patch(cmRef(ns, 'w1'), { data: { k: '2' } }, { type: 'merge' });
        await c.delete(cmRef(ns, 'w1'));
        await eventually(() => expect(events.length).toBeGreaterThanOrEqual(3));
        ac.abort();
        await done;
        expect(events).toEqual(['ADDED:w1:1', 'MODIFIED:w1:2', 'DELETED:w1:2']);

        const ac2 = new AbortController();
        const resumed: string[] = [];
        for await (const e of c.watch(
          { apiVersion: 'v1', kind: 'ConfigMap' },
          {
            namespace: ns,
            labelSelector: 'watch=yes',
            resourceVersion: created.metadata.resourceVersion!,
            signal: ac2.signal,
          },
        )) {
          resumed.push(`${e.type}:${e.object.metadata.name}`);
          if (e.type === 'DELETED') break;
        }
        ac2.abort();
        expect(resumed).toEqual(['MODIFIED:w1', 'DELETED:w1']);
      });
    });

    describe('garbage collection', () => {
      const owned = (n: string, owner: KubeObject, block = false): KubeObject =>
        cm(ns, n, {
          metadata: {
            name: n,
            namespace: ns,
            ownerReferences: [
              {
                apiVersion: 'v1',
                kind: 'ConfigMap',
                name: owner.metadata.name!,
                uid: owner.metadata.uid!,
                ...(block ? { blockOwnerDeletion: true } : {}),
              },
            ],
          },
        });

      it('Background: dependents of a deleted owner go', async () => {
        const owner = await c.create(cm(ns, 'gc-owner'));
        await c.create(owned('gc-child', owner));
        expect((await c.delete(cmRef(ns, 'gc-owner'))).status).toBe('deleted');
        await eventually(async () => expect(await c.get(cmRef(ns, 'gc-child'))).toBeUndefined());
      });

      it('Orphan: dependents stay and lose the owner reference', async () => {
        const owner = await c.create(cm(ns, 'gc-orphan-owner'));
        await c.create(owned('gc-orphan-child', owner));
        await c.delete(cmRef(ns, 'gc-orphan-owner'), { propagationPolicy: 'Orphan' });
        await eventually(async () => expect(await c.get(cmRef(ns, 'gc-orphan-owner'))).toBeUndefined());
        const child = await c.get(cmRef(ns, 'gc-orphan-child'));
        expect(child).toBeDefined();
        expect(child?.metadata.ownerReferences ?? []).toEqual([]);
      });

      it('Foreground: the owner waits for blocking dependents, then both go', async () => {
        const owner = await c.create(cm(ns, 'gc-fg-owner'));
        await c.create(owned('gc-fg-child', owner, true));
        const r = await c.delete(cmRef(ns, 'gc-fg-owner'), { propagationPolicy: 'Foreground' });
        expect(['terminating', 'deleted']).toContain(r.status);
        if (r.status === 'terminating') expect(r.object.metadata.finalizers).toContain('foregroundDeletion');
        await eventually(async () => {
          expect(await c.get(cmRef(ns, 'gc-fg-child'))).toBeUndefined();
          expect(await c.get(cmRef(ns, 'gc-fg-owner'))).toBeUndefined();
        });
      });
    });

    describe('namespaces', () => {
      it('deleting a namespace deletes its content, then the namespace', async () => {
        const other = `${ns}-del`;
        await c.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: other } });
        await c.create(cm(other, 'inside'));
        const r = await c.delete({ apiVersion: 'v1', kind: 'Namespace', name: other });
        expect(r.status).toBe('terminating');
        if (r.status === 'terminating')
          expect((r.object.status as { phase?: string }).phase).toBe('Terminating');
        expect(await codeOf(c.create(cm(other, 'late')))).toMatch(/^(Forbidden|NamespaceNotFound)$/);
        await eventually(async () =>
          expect(await c.get({ apiVersion: 'v1', kind: 'Namespace', name: other })).toBeUndefined(),
        );
        expect(await c.get(cmRef(other, 'inside'))).toBeUndefined();
      });
    });
  });
}
