import { describe, expect, it } from 'vitest';
import { formatResourceId, parseResourceId, resourceIdOf } from './resourceId.js';

// Formats from kustomize-controller inventories and cli-utils ObjMetadata (pkg/object/objmetadata.go).
describe('ResourceId round trips', () => {
  it.each([
    {
      name: 'namespaced, named group',
      id: { namespace: 'default', name: 'podinfo', group: 'apps', kind: 'Deployment' },
      text: 'default_podinfo_apps_Deployment',
    },
    {
      name: 'core group is an empty segment',
      id: { namespace: 'default', name: 'podinfo', group: '', kind: 'Service' },
      text: 'default_podinfo__Service',
    },
    {
      name: 'cluster-scoped, core group',
      id: { namespace: '', name: 'my-ns', group: '', kind: 'Namespace' },
      text: '_my-ns__Namespace',
    },
    {
      name: 'cluster-scoped, named group',
      id: {
        namespace: '',
        name: 'gitrepositories.source.toolkit.fluxcd.io',
        group: 'apiextensions.k8s.io',
        kind: 'CustomResourceDefinition',
      },
      text: '_gitrepositories.source.toolkit.fluxcd.io_apiextensions.k8s.io_CustomResourceDefinition',
    },
    {
      name: 'RBAC name with colons',
      id: {
        namespace: '',
        name: 'system:controller:flux',
        group: 'rbac.authorization.k8s.io',
        kind: 'ClusterRole',
      },
      text: '_system__controller__flux_rbac.authorization.k8s.io_ClusterRole',
    },
    {
      name: 'namespaced RBAC binding with a colon',
      id: {
        namespace: 'flux-system',
        name: 'crd:reader',
        group: 'rbac.authorization.k8s.io',
        kind: 'RoleBinding',
      },
      text: 'flux-system_crd__reader_rbac.authorization.k8s.io_RoleBinding',
    },
    {
      name: 'dotted and dashed names',
      id: { namespace: 'a-b', name: 'x.y-z', group: 'helm.toolkit.fluxcd.io', kind: 'HelmRelease' },
      text: 'a-b_x.y-z_helm.toolkit.fluxcd.io_HelmRelease',
    },
  ])('$name', ({ id, text }) => {
    expect(formatResourceId(id)).toBe(text);
    expect(parseResourceId(text)).toEqual(id);
    expect(formatResourceId(parseResourceId(text))).toBe(text);
  });

  it.each([
    { name: 'no separator', input: 'default' },
    { name: 'two fields', input: 'default_podinfo' },
    { name: 'three fields', input: 'default_podinfo_apps' },
    { name: 'too many fields', input: 'default_pod_info_apps_Deployment' },
  ])('rejects $name with InvalidResourceId', ({ input }) => {
    expect(() => parseResourceId(input)).toThrow(expect.objectContaining({ code: 'InvalidResourceId' }));
  });

  it.each([
    {
      name: 'namespaced object',
      obj: { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'prod' } },
      want: 'prod_web_apps_Deployment',
    },
    {
      name: 'core cluster-scoped object',
      obj: { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'prod' } },
      want: '_prod__Namespace',
    },
    {
      name: 'RBAC object',
      obj: { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: 'a:b' } },
      want: '_a__b_rbac.authorization.k8s.io_ClusterRole',
    },
  ])('resourceIdOf: $name', ({ obj, want }) => {
    expect(formatResourceId(resourceIdOf(obj))).toBe(want);
  });
});
