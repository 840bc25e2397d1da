import { describe, expect, it } from 'vitest';
import { MemoryCluster } from './MemoryCluster.js';
import type { KubeObject } from '../object/types.js';

const deployment = (app: string, replicas = 1): KubeObject =>
  ({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', namespace: 'default' },
    spec: {
      replicas,
      selector: { matchLabels: { app } },
      template: { metadata: { labels: { app } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } },
    },
  }) as KubeObject;

const configMap = (data: Record<string, string>, immutable?: boolean): KubeObject =>
  ({
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: 'cm', namespace: 'default' },
    data,
    ...(immutable === undefined ? {} : { immutable }),
  }) as KubeObject;

const binding = (role: string): KubeObject =>
  ({
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'RoleBinding',
    metadata: { name: 'rb', namespace: 'default' },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: role },
    subjects: [{ kind: 'ServiceAccount', name: 'default', namespace: 'default' }],
  }) as KubeObject;

const statefulSet = (serviceName: string, replicas = 1): KubeObject =>
  ({
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: { name: 'db', namespace: 'default' },
    spec: {
      replicas,
      serviceName,
      selector: { matchLabels: { app: 'db' } },
      template: { metadata: { labels: { app: 'db' } }, spec: { containers: [{ name: 'c', image: 'pg' }] } },
    },
  }) as KubeObject;

// Behaviour of the v1.20 API server's ValidateUpdate for these kinds.
describe('MemoryCluster immutable fields', () => {
  it.each([
    { name: 'Deployment spec.selector', first: deployment('a'), second: deployment('b'), want: 'Invalid' },
    { name: 'Deployment replicas', first: deployment('a', 1), second: deployment('a', 3), want: 'ok' },
    { name: 'StatefulSet serviceName', first: statefulSet('a'), second: statefulSet('b'), want: 'Invalid' },
    { name: 'StatefulSet replicas', first: statefulSet('a', 1), second: statefulSet('a', 2), want: 'ok' },
    { name: 'RoleBinding roleRef', first: binding('r1'), second: binding('r2'), want: 'Invalid' },
    {
      name: 'immutable ConfigMap data',
      first: configMap({ a: '1' }, true),
      second: configMap({ a: '2' }, true),
      want: 'Invalid',
    },
    {
      name: 'mutable ConfigMap data',
      first: configMap({ a: '1' }),
      second: configMap({ a: '2' }),
      want: 'ok',
    },
  ])('$name -> $want', async ({ first, second, want }) => {
    const cluster = new MemoryCluster();
    await cluster.apply(first, { fieldManager: 't' });
    const r = await cluster.apply(second, { fieldManager: 't', force: true }).then(
      () => 'ok',
      (e: { code?: string; message: string }) => {
        expect(e.message).toMatch(/immutable|cannot change roleRef|forbidden/);
        return e.code;
      },
    );
    expect(r).toBe(want);
    // A dry run reports the same, and delete + create (what Flux's force does) succeeds.
    if (want === 'Invalid') {
      const { apiVersion, kind, metadata } = first;
      expect(
        (await cluster.delete({ apiVersion, kind, namespace: metadata.namespace, name: metadata.name ?? '' }))
          .status,
      ).toBe('deleted');
      await expect(cluster.apply(second, { fieldManager: 't' })).resolves.toBeDefined();
    }
  });
});
