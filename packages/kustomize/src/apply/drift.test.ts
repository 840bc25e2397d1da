import { describe, expect, it } from 'vitest';
import { CoreError, type KubeObject } from '@gitops-kit/core';
import { hasDrifted, isImmutableError } from './applyStaged.js';

const live: KubeObject = {
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name: 'c', namespace: 'n', resourceVersion: '5', labels: { a: 'b' }, managedFields: [] },
  data: { k: 'v' },
};

// fluxcd/pkg ssa/manager_diff.go hasDrifted and ssa/errors/immutable.go IsImmutableError.
describe('hasDrifted', () => {
  it.each([
    { name: 'same', dry: live, want: false },
    {
      name: 'new object',
      dry: { ...live, metadata: { ...live.metadata, resourceVersion: undefined } },
      want: true,
    },
    {
      name: 'label change',
      dry: { ...live, metadata: { ...live.metadata, labels: { a: 'c' } } },
      want: true,
    },
    {
      name: 'annotation added',
      dry: { ...live, metadata: { ...live.metadata, annotations: { x: 'y' } } },
      want: true,
    },
    {
      name: 'empty annotations',
      dry: { ...live, metadata: { ...live.metadata, annotations: {} } },
      want: false,
    },
    {
      name: 'managedFields only',
      dry: { ...live, metadata: { ...live.metadata, managedFields: [{ manager: 'x' }] } },
      want: false,
    },
    { name: 'data change', dry: { ...live, data: { k: 'w' } }, want: true },
    { name: 'status only', dry: { ...live, status: { x: 1 } }, want: false },
  ])('$name', ({ dry, want }) => {
    expect(hasDrifted(live, dry as KubeObject)).toBe(want);
  });
});

describe('isImmutableError', () => {
  it.each([
    { err: new CoreError('Invalid', 'spec.selector: Invalid value'), want: true },
    { err: new CoreError('Conflict', 'conflict'), want: true },
    { err: new Error('admission webhook: field is immutable'), want: true },
    { err: new Error('cannot change immutable field x'), want: true },
    { err: new CoreError('Forbidden', 'nope'), want: false },
  ])('$err.message', ({ err, want }) => {
    expect(isImmutableError(err)).toBe(want);
  });
});
