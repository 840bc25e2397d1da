import { describe, expect, it } from 'vitest';
import {
  getCondition,
  getMessage,
  getReason,
  hasCondition,
  isFalse,
  isReady,
  isReconciling,
  isStalled,
  isTrue,
  isUnknown,
} from './getter.js';
import type { Condition, ConditionStatus } from './types.js';

const cond = (type: string, status: ConditionStatus, reason = `reason ${type}`): Condition => ({
  type,
  status,
  reason,
  message: `message ${type}`,
  lastTransitionTime: '2026-01-01T00:00:00Z',
});
const objWith = (...conditions: Condition[]) => ({ metadata: { generation: 1 }, status: { conditions } });

// fluxcd/pkg runtime/conditions/getter_test.go TestIsMethods
describe('isTrue / isFalse / isUnknown (Flux TestIsMethods)', () => {
  const obj = objWith(cond('true1', 'True'), cond('unknown1', 'Unknown'), cond('false1', 'False'));
  it.each([
    { name: 'missing', type: 'nil1', want: { isTrue: false, isFalse: false, isUnknown: true } },
    { name: 'True', type: 'true1', want: { isTrue: true, isFalse: false, isUnknown: false } },
    { name: 'False', type: 'false1', want: { isTrue: false, isFalse: true, isUnknown: false } },
    { name: 'Unknown', type: 'unknown1', want: { isTrue: false, isFalse: false, isUnknown: true } },
  ])('$name', ({ type, want }) => {
    expect({
      isTrue: isTrue(obj, type),
      isFalse: isFalse(obj, type),
      isUnknown: isUnknown(obj, type),
    }).toEqual(want);
  });

  it('reads reason and message, empty when missing', () => {
    expect(getReason(obj, 'false1')).toBe('reason false1');
    expect(getMessage(obj, 'false1')).toBe('message false1');
    expect(getReason(obj, 'nil1')).toBe('');
    expect(getMessage(obj, 'nil1')).toBe('');
    expect(hasCondition(obj, 'true1')).toBe(true);
    expect(getCondition(obj, 'nil1')).toBeUndefined();
  });

  it.each([
    { name: 'no status', input: { metadata: {} } },
    { name: 'status without conditions', input: { status: {} } },
    { name: 'conditions not a list', input: { status: { conditions: 'Ready' } } },
    { name: 'status not a mapping', input: { status: 'ok' } },
  ])('treats $name as no conditions', ({ input }) => {
    expect(getCondition(input, 'Ready')).toBeUndefined();
    expect(isUnknown(input, 'Ready')).toBe(true);
    expect(isReady(input)).toBe(false);
  });
});

// fluxcd/pkg runtime/conditions/getter_test.go TestIsReadyStalledReconciling, plus the mixed cases.
describe('isReady / isStalled / isReconciling', () => {
  it.each([
    {
      name: 'Ready=True, Stalled=False',
      input: [cond('Ready', 'True'), cond('Stalled', 'False')],
      want: { ready: true, stalled: false, reconciling: false },
    },
    {
      name: 'Stalled=True, Ready=False',
      input: [cond('Stalled', 'True'), cond('Ready', 'False')],
      want: { ready: false, stalled: true, reconciling: false },
    },
    {
      name: 'Reconciling=True, Stalled=False',
      input: [cond('Reconciling', 'True'), cond('Stalled', 'False')],
      want: { ready: false, stalled: false, reconciling: true },
    },
    {
      name: 'Ready=True but Reconciling=True',
      input: [cond('Ready', 'True'), cond('Reconciling', 'True')],
      want: { ready: false, stalled: false, reconciling: true },
    },
    {
      // Flux's quirk, kept: each cancels the other, so Ready=True alone decides.
      name: 'both Stalled and Reconciling True: neither, and Ready=True counts',
      input: [cond('Stalled', 'True'), cond('Reconciling', 'True'), cond('Ready', 'True')],
      want: { ready: true, stalled: false, reconciling: false },
    },
    { name: 'no conditions', input: [], want: { ready: false, stalled: false, reconciling: false } },
  ])('$name', ({ input, want }) => {
    const obj = objWith(...input);
    expect({ ready: isReady(obj), stalled: isStalled(obj), reconciling: isReconciling(obj) }).toEqual(want);
  });
});
