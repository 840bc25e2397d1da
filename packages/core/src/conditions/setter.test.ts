import { describe, expect, it } from 'vitest';
import { FakeClock } from '../testing/FakeClock.js';
import { conditionsOf, getCondition } from './getter.js';
import {
  compareConditions,
  deleteCondition,
  markFalse,
  markReconciling,
  markStalled,
  markTrue,
  markUnknown,
  maxConditionMessageBytes,
  setCondition,
} from './setter.js';
import type { Condition, ConditionStatus } from './types.js';

const T0 = '2026-01-01T00:00:00Z';
const cond = (type: string, status: ConditionStatus = 'True', observedGeneration?: number): Condition => {
  const c: Condition = { type, status, reason: '', message: '', lastTransitionTime: T0 };
  if (observedGeneration !== undefined) c.observedGeneration = observedGeneration;
  return c;
};
const types = (obj: { status?: unknown }) => conditionsOf(obj).map((c) => c.type);

// fluxcd/pkg runtime/conditions/setter_test.go TestLexicographicLess
describe('compareConditions (Flux lexicographicLess)', () => {
  it.each([
    { name: 'alphabetical type', a: cond('A'), b: cond('B'), less: true },
    { name: 'alphabetical type, reversed', a: cond('B'), b: cond('A'), less: false },
    { name: 'same generation: by type', a: cond('A', 'True', 2), b: cond('B', 'True', 2), less: true },
    { name: 'higher generation first', a: cond('A', 'True', 1), b: cond('B', 'True', 2), less: false },
    { name: 'generation 1 before 0', a: cond('A', 'True', 1), b: cond('B', 'True', 0), less: true },
    { name: 'generation beats type', a: cond('C', 'True', 1), b: cond('B', 'True', 0), less: true },
    { name: 'Stalled before Ready', a: cond('Stalled'), b: cond('Ready', 'False'), less: true },
    { name: 'Ready after Stalled', a: cond('Ready', 'False'), b: cond('Stalled'), less: false },
    { name: 'Reconciling before Ready', a: cond('Reconciling'), b: cond('Ready', 'False'), less: true },
    { name: 'Stalled before Reconciling', a: cond('Stalled'), b: cond('Reconciling'), less: true },
    { name: 'Ready before others', a: cond('Ready', 'False'), b: cond('B'), less: true },
    { name: 'others after Ready', a: cond('B'), b: cond('Ready', 'False'), less: false },
    { name: 'Ready before newer others', a: cond('Ready', 'False', 1), b: cond('B', 'True', 2), less: true },
  ])('$name', ({ a, b, less }) => {
    expect(compareConditions(a, b) < 0).toBe(less);
  });
});

// fluxcd/pkg runtime/conditions/setter_test.go TestSet
describe('setCondition (Flux Set)', () => {
  const clock = new FakeClock(Date.parse('2026-03-01T10:00:00.750Z'));
  it.each([
    { name: 'adds a condition', have: [], set: 'a', want: ['a'] },
    { name: 'adds more conditions', have: ['a'], set: 'b', want: ['a', 'b'] },
    { name: 'does not duplicate existing conditions', have: ['a', 'b'], set: 'a', want: ['a', 'b'] },
    { name: 'sorts conditions', have: ['b', 'a'], set: 'Ready', want: ['Ready', 'a', 'b'] },
  ])('$name', ({ have, set, want }) => {
    const obj = { metadata: {}, status: { conditions: have.map((t) => cond(t)) } };
    setCondition(obj, { type: set, status: 'True', reason: '', message: '' }, { clock });
    expect(types(obj)).toEqual(want);
  });

  it('creates status and conditions, stamps observedGeneration and the clock time truncated to seconds', () => {
    const obj: { metadata: { generation: number }; status?: unknown } = { metadata: { generation: 3 } };
    const got = markTrue(obj, 'Ready', 'Succeeded', 'done', { clock });
    expect(got).toEqual({
      type: 'Ready',
      status: 'True',
      reason: 'Succeeded',
      message: 'done',
      lastTransitionTime: '2026-03-01T10:00:00Z',
      observedGeneration: 3,
    });
    expect(obj.status).toEqual({ conditions: [got] });
  });

  it('omits observedGeneration when the object has no generation', () => {
    const obj = { metadata: {} };
    expect(markFalse(obj, 'Ready', 'Failed', 'x', { clock })).not.toHaveProperty('observedGeneration');
  });

  it('keeps a lastTransitionTime given for a new condition', () => {
    const obj = {};
    const got = setCondition(
      obj,
      { type: 'A', status: 'True', reason: 'r', message: 'm', lastTransitionTime: T0 },
      { clock },
    );
    expect(got.lastTransitionTime).toBe(T0);
  });

  it('throws InvalidObject when status is not a mapping', () => {
    expect(() => markTrue({ status: 'x' }, 'Ready', 'r', 'm', { clock })).toThrow(
      expect.objectContaining({ code: 'InvalidObject' }),
    );
  });
});

// fluxcd/pkg runtime/conditions/setter_test.go TestSetLastTransitionTime, with a fake clock.
describe('lastTransitionTime changes only when the state changes', () => {
  const before = '2012-01-01T12:15:30Z';
  const existing = (): Condition => ({
    type: 'foo',
    status: 'False',
    reason: 'reason foo',
    message: 'message foo',
    lastTransitionTime: before,
    observedGeneration: 1,
  });
  it.each([
    { name: 'same status, reason and message: kept', set: { status: 'False' as const }, changed: false },
    { name: 'status changed', set: { status: 'True' as const }, changed: true },
    { name: 'reason changed', set: { status: 'False' as const, reason: 'other' }, changed: true },
    { name: 'message changed', set: { status: 'False' as const, message: 'other' }, changed: true },
  ])('$name', ({ set, changed }) => {
    const clock = new FakeClock(Date.parse('2026-05-05T05:05:05Z'));
    const obj = { metadata: { generation: 2 }, status: { conditions: [existing()] } };
    const got = setCondition(
      obj,
      { type: 'foo', reason: 'reason foo', message: 'message foo', ...set },
      { clock },
    );
    expect(got.lastTransitionTime).toBe(changed ? '2026-05-05T05:05:05Z' : before);
    expect(got.observedGeneration).toBe(2); // always refreshed
  });
});

describe('mark helpers', () => {
  const clock = new FakeClock();
  it.each([
    { name: 'markTrue', fn: markTrue, want: 'True' },
    { name: 'markFalse', fn: markFalse, want: 'False' },
    { name: 'markUnknown', fn: markUnknown, want: 'Unknown' },
  ])('$name sets $want', ({ fn, want }) => {
    const obj = {};
    fn(obj, 'Healthy', 'R', 'M', { clock });
    expect(getCondition(obj, 'Healthy')).toMatchObject({ status: want, reason: 'R', message: 'M' });
  });

  it('markReconciling deletes Stalled', () => {
    const obj = { status: { conditions: [cond('Stalled'), cond('Ready', 'False')] } };
    markReconciling(obj, 'Progressing', 'working', { clock });
    expect(types(obj)).toEqual(['Reconciling', 'Ready']);
  });

  it('markStalled deletes Reconciling', () => {
    const obj = { status: { conditions: [cond('Reconciling'), cond('Ready', 'False')] } };
    markStalled(obj, 'InvalidPath', 'bad path', { clock });
    expect(types(obj)).toEqual(['Stalled', 'Ready']);
    expect(getCondition(obj, 'Stalled')).toMatchObject({ status: 'True', reason: 'InvalidPath' });
  });

  it('deleteCondition removes only that type and is a no-op when absent', () => {
    const obj = { status: { conditions: [cond('Ready'), cond('A')] } };
    deleteCondition(obj, 'Missing');
    expect(types(obj)).toEqual(['Ready', 'A']);
    deleteCondition(obj, 'Ready');
    expect(types(obj)).toEqual(['A']);
    expect(conditionsOf(obj)[0]!.lastTransitionTime).toBe(T0);
  });
});

describe('message trimming (Flux trimConditionMessage)', () => {
  const clock = new FakeClock();
  it.each([
    { name: 'at the limit: kept', input: 'a'.repeat(maxConditionMessageBytes), trimmed: false },
    { name: 'one byte over: trimmed', input: 'a'.repeat(maxConditionMessageBytes + 1), trimmed: true },
    {
      name: 'multi-byte characters over the limit',
      input: 'é'.repeat(maxConditionMessageBytes),
      trimmed: true,
    },
  ])('$name', ({ input, trimmed }) => {
    const got = markFalse({}, 'Ready', 'Failed', input, { clock }).message;
    expect(Buffer.byteLength(got, 'utf8')).toBeLessThanOrEqual(maxConditionMessageBytes);
    expect(got.endsWith('...')).toBe(trimmed);
    expect(got.includes('\ufffd')).toBe(false);
    if (!trimmed) expect(got).toBe(input);
  });
});
