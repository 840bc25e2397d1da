import { describe, expect, it } from 'vitest';
import type { KubeObject } from '@gitops-kit/core';
import { type ObjectDiff, diffValues, formatDiff, sanitizeSecretData } from './diff.js';

// Masking follows fluxcd/pkg ssa/sanitize.go SanitizeUnstructuredData; output lines follow
// `flux diff kustomization` (flux2 internal/build/diff.go).
describe('sanitizeSecretData', () => {
  it('masks equal, changed, added and removed keys', () => {
    const live = {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 's' },
      data: { same: 'YQ==', changed: 'Yg==', gone: 'Yw==' },
    } as KubeObject;
    const next = {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 's' },
      data: { same: 'YQ==', changed: 'ZA==', added: 'ZQ==' },
    } as KubeObject;
    sanitizeSecretData(live, next);
    expect(live.data).toEqual({ same: '***', changed: '*** (before)', gone: '***' });
    expect(next.data).toEqual({ same: '***', changed: '*** (after)', added: '***' });
  });
});

describe('diffValues', () => {
  it.each([
    { name: 'equal', a: { x: 1 }, b: { x: 1 }, want: [] },
    {
      name: 'changed scalar',
      a: { spec: { replicas: 1 } },
      b: { spec: { replicas: 3 } },
      want: [{ path: 'spec.replicas', type: 'changed', before: 1, after: 3 }],
    },
    { name: 'added key', a: {}, b: { x: 'y' }, want: [{ path: 'x', type: 'added', after: 'y' }] },
    { name: 'removed key', a: { x: 'y' }, b: {}, want: [{ path: 'x', type: 'removed', before: 'y' }] },
    {
      name: 'list item',
      a: { l: [{ i: 'a' }] },
      b: { l: [{ i: 'b' }] },
      want: [{ path: 'l[0].i', type: 'changed', before: 'a', after: 'b' }],
    },
    {
      name: 'list length',
      a: { l: [1] },
      b: { l: [1, 2] },
      want: [{ path: 'l', type: 'changed', before: [1], after: [1, 2] }],
    },
    {
      name: 'odd key',
      a: { labels: { 'app.kubernetes.io/name': 'a' } },
      b: { labels: { 'app.kubernetes.io/name': 'b' } },
      want: [{ path: 'labels["app.kubernetes.io/name"]', type: 'changed', before: 'a', after: 'b' }],
    },
  ])('$name', ({ a, b, want }) => {
    expect(diffValues(a, b)).toEqual(want);
  });
});

describe('formatDiff', () => {
  it('prints changed objects as flux diff does', () => {
    const diffs: ObjectDiff[] = [
      { subject: 'ConfigMap/a/x', action: 'unchanged', ref: { kind: 'ConfigMap', name: 'x' }, changes: [] },
      { subject: 'ConfigMap/a/y', action: 'created', ref: { kind: 'ConfigMap', name: 'y' }, changes: [] },
      {
        subject: 'Deployment/a/web',
        action: 'configured',
        ref: { kind: 'Deployment', name: 'web' },
        changes: [{ path: 'spec.replicas', type: 'changed', before: 1, after: 3 }],
      },
      { subject: 'ConfigMap/a/old', action: 'deleted', ref: { kind: 'ConfigMap', name: 'old' }, changes: [] },
    ];
    expect(formatDiff(diffs)).toBe(
      '► ConfigMap/a/y created\n► Deployment/a/web drifted\nspec.replicas\n  ± value change\n    - 1\n    + 3\n► ConfigMap/a/old deleted\n',
    );
  });
});
