import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../object/types.js';
import {
  type DependencyReference,
  dependsOnOf,
  formatDependencyReference,
  parseDependencyReference,
  sortByDependencies,
} from './dependsOn.js';

const ks = (namespace: string, name: string, dependsOn?: DependencyReference[]): KubeObject => ({
  apiVersion: 'kustomize.toolkit.fluxcd.io/v1',
  kind: 'Kustomization',
  metadata: { name, namespace },
  spec: dependsOn ? { dependsOn } : {},
});

// fluxcd/pkg runtime/dependency/sort_test.go TestSort
describe('sortByDependencies (Flux dependency.Sort)', () => {
  it.each([
    {
      name: 'simple',
      objects: [
        ks('default', 'frontend', [
          { namespace: 'linkerd', name: 'linkerd' },
          { namespace: 'default', name: 'backend' },
        ]),
        ks('linkerd', 'linkerd'),
        ks('default', 'backend', [{ namespace: 'linkerd', name: 'linkerd' }]),
      ],
      want: ['linkerd/linkerd', 'default/backend', 'default/frontend'],
    },
    {
      name: 'missing namespace defaults to the referrer',
      objects: [ks('application', 'backend'), ks('application', 'frontend', [{ name: 'backend' }])],
      want: ['application/backend', 'application/frontend'],
    },
    {
      name: 'dead end',
      objects: [
        ks('default', 'backend', [{ namespace: 'default', name: 'common' }]),
        ks('default', 'frontend', [{ namespace: 'default', name: 'infra' }]),
        ks('default', 'common'),
      ],
      want: ['default/common', 'default/backend', 'default/infra', 'default/frontend'],
    },
    {
      name: 'vertices not in the input list',
      objects: [
        ks('default', 'frontend', [
          { namespace: 'linkerd', name: 'linkerd' },
          { namespace: 'default', name: 'backend' },
        ]),
      ],
      want: ['linkerd/linkerd', 'default/backend', 'default/frontend'],
    },
  ])('$name', ({ objects, want }) => {
    expect(sortByDependencies(objects).map((r) => `${r.namespace}/${r.name}`)).toEqual(want);
  });

  it.each([
    {
      name: 'circular dependency (Flux message)',
      objects: [
        ks('default', 'dependency', [{ namespace: 'default', name: 'endless' }]),
        ks('default', 'endless', [{ namespace: 'default', name: 'circular' }]),
        ks('default', 'circular', [{ namespace: 'default', name: 'dependency' }]),
      ],
      message:
        'circular dependency detected: default/dependency -> default/endless -> default/circular -> default/dependency',
    },
    {
      name: 'self dependency',
      objects: [ks('default', 'a', [{ name: 'a' }])],
      message: 'circular dependency detected: default/a -> default/a',
    },
    {
      name: 'cycle reached through a lead-in path',
      objects: [
        ks('default', 'x', [{ name: 'a' }]),
        ks('default', 'a', [{ name: 'b' }]),
        ks('default', 'b', [{ name: 'a' }]),
      ],
      message: 'circular dependency detected: default/x -> default/a -> default/b -> default/a',
    },
  ])('$name throws DependencyCycle', ({ objects, message }) => {
    expect(() => sortByDependencies(objects)).toThrow(
      expect.objectContaining({ code: 'DependencyCycle', message }),
    );
  });
});

// fluxcd/pkg apis/meta dependencies.go MakeDependsOn and DependencyReference.String.
describe('dependency string form [namespace/]name[@readyExpr]', () => {
  it.each([
    { input: 'app', want: { name: 'app' } },
    { input: 'ns/app', want: { namespace: 'ns', name: 'app' } },
    { input: 'app@dep.status.ready', want: { name: 'app', readyExpr: 'dep.status.ready' } },
    {
      input: 'ns/app@self.a/b == dep.x',
      want: { namespace: 'ns', name: 'app', readyExpr: 'self.a/b == dep.x' },
    },
  ])('$input', ({ input, want }) => {
    expect(parseDependencyReference(input)).toEqual(want);
    expect(formatDependencyReference(want)).toBe(input);
  });
});

describe('dependsOnOf', () => {
  it.each([
    { name: 'absent', spec: {}, want: [], errors: [] },
    {
      name: 'namespace defaults to the referrer',
      spec: { dependsOn: [{ name: 'a' }, { name: 'b', namespace: 'other' }] },
      want: [
        { name: 'a', namespace: 'apps' },
        { name: 'b', namespace: 'other' },
      ],
      errors: [],
    },
    { name: 'not a list', spec: { dependsOn: 'a' }, want: [], errors: ['spec.dependsOn'] },
    {
      name: 'malformed entries are collected',
      spec: { dependsOn: ['a', { name: '' }, { name: 'ok' }, { name: 'x', namespace: 3 }] },
      want: [{ name: 'ok', namespace: 'apps' }],
      errors: ['spec.dependsOn[0]', 'spec.dependsOn[1].name', 'spec.dependsOn[3].namespace'],
    },
  ])('$name', ({ spec, want, errors }) => {
    const got = dependsOnOf({
      apiVersion: 'v1',
      kind: 'K',
      metadata: { name: 'me', namespace: 'apps' },
      spec,
    });
    expect(got.value).toEqual(want);
    expect(got.errors.map((e) => e.fieldPath)).toEqual(errors);
  });
});
