import { describe, expect, it } from 'vitest';
import {
  handleAnnotationRequest,
  isReconcileRequested,
  setLastHandledReconcileAt,
} from './reconcileRequest.js';
import {
  isObservedGenerationCurrent,
  isReadyAtLatestGeneration,
  observedGenerationOf,
  setObservedGeneration,
} from './observedGeneration.js';
import { ForceRequestAnnotation, ReconcileRequestAnnotation } from './types.js';

const req = 'example.com/requestAnnotation';

// fluxcd/pkg apis/meta/annotations_test.go TestHandleAnnotationRequest
describe('handleAnnotationRequest (Flux HandleAnnotationRequest)', () => {
  it.each([
    {
      name: 'valid request and reconcile annotations',
      annotations: { [ReconcileRequestAnnotation]: 'b', [req]: 'b' },
      lastHandledReconcile: '',
      lastHandledRequest: '',
      want: true,
      wantLastHandled: 'b',
    },
    {
      name: 'mismatched annotations',
      annotations: { [ReconcileRequestAnnotation]: 'b', [req]: 'c' },
      lastHandledReconcile: '',
      lastHandledRequest: '',
      want: false,
      wantLastHandled: 'c',
    },
    {
      name: 'reconcile matches previous request',
      annotations: { [ReconcileRequestAnnotation]: 'b', [req]: 'b' },
      lastHandledReconcile: 'a',
      lastHandledRequest: 'b',
      want: false,
      wantLastHandled: 'b',
    },
    {
      name: 'request matches previous reconcile',
      annotations: { [ReconcileRequestAnnotation]: 'b', [req]: 'b' },
      lastHandledReconcile: 'b',
      lastHandledRequest: 'a',
      want: false,
      wantLastHandled: 'b',
    },
    {
      name: 'missing annotations',
      annotations: {},
      lastHandledReconcile: '',
      lastHandledRequest: 'a',
      want: false,
      wantLastHandled: 'a',
    },
  ])('$name', ({ annotations, lastHandledReconcile, lastHandledRequest, want, wantLastHandled }) => {
    const obj = {
      metadata: { annotations: annotations as Record<string, string> },
      status: { lastHandledReconcileAt: lastHandledReconcile, lastHandledRequestAt: lastHandledRequest },
    };
    expect(handleAnnotationRequest(obj, req, 'lastHandledRequestAt')).toBe(want);
    expect(obj.status.lastHandledRequestAt).toBe(wantLastHandled);
  });

  it('forceAt equal to requestedAt is handled once (Flux TestShouldHandleForceRequest)', () => {
    const obj = {
      metadata: { annotations: { [ReconcileRequestAnnotation]: 'b', [ForceRequestAnnotation]: 'b' } },
      status: { lastHandledReconcileAt: 'a', lastHandledForceAt: 'a' },
    };
    expect(handleAnnotationRequest(obj, ForceRequestAnnotation, 'lastHandledForceAt')).toBe(true);
    expect(obj.status.lastHandledForceAt).toBe('b');
    expect(handleAnnotationRequest(obj, ForceRequestAnnotation, 'lastHandledForceAt')).toBe(false);
  });
});

describe('requestedAt → lastHandledReconcileAt', () => {
  it.each([
    { name: 'no annotation', annotation: undefined, handled: undefined, want: false },
    { name: 'new token', annotation: '2026-01-01T00:00:00.1Z', handled: undefined, want: true },
    { name: 'changed token', annotation: 't2', handled: 't1', want: true },
    { name: 'already handled', annotation: 't1', handled: 't1', want: false },
  ])('$name', ({ annotation, handled, want }) => {
    const obj = {
      metadata: {
        annotations: (annotation === undefined ? {} : { [ReconcileRequestAnnotation]: annotation }) as Record<
          string,
          string
        >,
      },
      status: (handled === undefined ? {} : { lastHandledReconcileAt: handled }) as Record<string, string>,
    };
    expect(isReconcileRequested(obj)).toBe(want);
    setLastHandledReconcileAt(obj);
    expect(isReconcileRequested(obj)).toBe(false);
    expect((obj.status as { lastHandledReconcileAt?: string }).lastHandledReconcileAt).toBe(
      annotation ?? handled,
    );
  });
});

describe('observedGeneration', () => {
  const ready = {
    type: 'Ready',
    status: 'True' as const,
    reason: 'r',
    message: 'm',
    lastTransitionTime: 'x',
  };
  it.each([
    {
      name: 'never reconciled',
      input: { metadata: { generation: 1 } },
      observed: -1,
      current: false,
      readyDep: false,
    },
    {
      name: 'ready at latest generation',
      input: { metadata: { generation: 2 }, status: { observedGeneration: 2, conditions: [ready] } },
      observed: 2,
      current: true,
      readyDep: true,
    },
    {
      name: 'ready at an older generation',
      input: { metadata: { generation: 3 }, status: { observedGeneration: 2, conditions: [ready] } },
      observed: 2,
      current: false,
      readyDep: false,
    },
    {
      name: 'current but not ready',
      input: {
        metadata: { generation: 2 },
        status: { observedGeneration: 2, conditions: [{ ...ready, status: 'False' as const }] },
      },
      observed: 2,
      current: true,
      readyDep: false,
    },
    {
      name: 'current without conditions',
      input: { metadata: { generation: 2 }, status: { observedGeneration: 2 } },
      observed: 2,
      current: true,
      readyDep: false,
    },
  ])('$name', ({ input, observed, current, readyDep }) => {
    expect(observedGenerationOf(input)).toBe(observed);
    expect(isObservedGenerationCurrent(input)).toBe(current);
    expect(isReadyAtLatestGeneration(input)).toBe(readyDep);
  });

  it('setObservedGeneration copies metadata.generation', () => {
    const obj: { metadata: { generation: number }; status?: unknown } = { metadata: { generation: 5 } };
    setObservedGeneration(obj);
    expect(obj.status).toEqual({ observedGeneration: 5 });
  });
});
