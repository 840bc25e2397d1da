import { describe, expect, it } from 'vitest';
import type { KubeObject } from '@gitops-kit/core';
import { applyStageOf, sortObjects } from './sort.js';

const o = (apiVersion: string, kind: string, name: string, namespace?: string): KubeObject => ({
  apiVersion,
  kind,
  metadata: namespace ? { name, namespace } : { name },
});

// Order from fluxcd/pkg ssa/sort.go ReconcileOrder and its less(): kind rank, group, kind, namespace, name.
describe('sortObjects', () => {
  it('orders by kind rank, then group, kind, namespace, name', () => {
    const input = [
      o('admissionregistration.k8s.io/v1', 'ValidatingWebhookConfiguration', 'v'),
      o('apps/v1', 'Deployment', 'b', 'x'),
      o('example.com/v1', 'Widget', 'w', 'x'),
      o('v1', 'ConfigMap', 'c', 'x'),
      o('apps/v1', 'Deployment', 'a', 'x'),
      o('v1', 'Namespace', 'x'),
      o('apiextensions.k8s.io/v1', 'CustomResourceDefinition', 'widgets.example.com'),
      o('aaa.io/v1', 'Zebra', 'z', 'x'),
      o('v1', 'Service', 's', 'a'),
      o('rbac.authorization.k8s.io/v1', 'ClusterRole', 'cr'),
    ];
    expect(sortObjects(input).map((x) => `${x.kind}/${x.metadata.name}`)).toEqual([
      'CustomResourceDefinition/widgets.example.com',
      'Namespace/x',
      'ClusterRole/cr',
      'ConfigMap/c',
      'Service/s',
      'Deployment/a',
      'Deployment/b',
      'Zebra/z',
      'Widget/w',
      'ValidatingWebhookConfiguration/v',
    ]);
  });
});

describe('applyStageOf', () => {
  it.each([
    { obj: o('apiextensions.k8s.io/v1', 'CustomResourceDefinition', 'x'), want: 'ClusterDefinitions' },
    { obj: o('v1', 'Namespace', 'x'), want: 'ClusterDefinitions' },
    { obj: o('rbac.authorization.k8s.io/v1', 'ClusterRole', 'x'), want: 'ClusterDefinitions' },
    { obj: o('example.com/v1', 'Namespace', 'x'), want: 'Resources' },
    { obj: o('networking.k8s.io/v1', 'IngressClass', 'x'), want: 'Classes' },
    { obj: o('example.com/v1', 'ClusterClass', 'x'), want: 'Classes' },
    { obj: o('rbac.authorization.k8s.io/v1', 'ClusterRoleBinding', 'x'), want: 'Resources' },
    { obj: o('apps/v1', 'Deployment', 'x', 'n'), want: 'Resources' },
  ])('$obj.kind ($obj.apiVersion) → $want', ({ obj, want }) => {
    expect(applyStageOf(obj)).toBe(want);
  });

  it('honours custom stage kinds', () => {
    expect(applyStageOf(o('example.com/v1', 'Widget', 'w'), new Set(['example.com/Widget']))).toBe('Custom');
  });
});
