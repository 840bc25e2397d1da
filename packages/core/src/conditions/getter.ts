import { type Condition, ConditionStatus, ConditionType, type ObjectWithConditions } from './types.js';

/**
 * The object's `status.conditions`, or `[]` when it has none (no `status`, no `conditions`, or
 * `conditions` not a list). The returned array is the object's own: do not mutate it, use the
 * setters.
 */
export function conditionsOf(from: ObjectWithConditions): readonly Condition[] {
  const status = from.status;
  if (typeof status !== 'object' || status === null) return [];
  const conditions = (status as { conditions?: unknown }).conditions;
  return Array.isArray(conditions) ? (conditions as Condition[]) : [];
}

/**
 * The condition of the given type, or `undefined` when the object does not have it.
 *
 * @see https://github.com/fluxcd/pkg/blob/main/runtime/conditions/getter.go `Get`
 */
export function getCondition(from: ObjectWithConditions, type: string): Condition | undefined {
  return conditionsOf(from).find((c) => c.type === type);
}

/** True when the object has a condition of the given type. @see fluxcd/pkg `conditions.Has` */
export function hasCondition(from: ObjectWithConditions, type: string): boolean {
  return getCondition(from, type) !== undefined;
}

/**
 * True when the condition of the given type exists and is `True`.
 * @see https://github.com/fluxcd/pkg/blob/main/runtime/conditions/getter.go `IsTrue`
 */
export function isTrue(from: ObjectWithConditions, type: string): boolean {
  return getCondition(from, type)?.status === ConditionStatus.True;
}

/**
 * True when the condition of the given type exists and is `False` (a missing condition is not False).
 * @see https://github.com/fluxcd/pkg/blob/main/runtime/conditions/getter.go `IsFalse`
 */
export function isFalse(from: ObjectWithConditions, type: string): boolean {
  return getCondition(from, type)?.status === ConditionStatus.False;
}

/**
 * True when the condition of the given type is `Unknown` **or missing**, as Flux's `IsUnknown`.
 * @see https://github.com/fluxcd/pkg/blob/main/runtime/conditions/getter.go `IsUnknown`
 */
export function isUnknown(from: ObjectWithConditions, type: string): boolean {
  const c = getCondition(from, type);
  return c === undefined || c.status === ConditionStatus.Unknown;
}

/**
 * True when `Ready` is True and the object is neither stalled nor reconciling (see
 * {@link isStalled}, {@link isReconciling}).
 *
 * @see https://github.com/fluxcd/pkg/blob/main/runtime/conditions/getter.go `IsReady`
 */
export function isReady(from: ObjectWithConditions): boolean {
  return !isStalled(from) && !isReconciling(from) && isTrue(from, ConditionType.Ready);
}

/**
 * True when `Stalled` is True and `Reconciling` is not True.
 * @see https://github.com/fluxcd/pkg/blob/main/runtime/conditions/getter.go `IsStalled`
 */
export function isStalled(from: ObjectWithConditions): boolean {
  return !isTrue(from, ConditionType.Reconciling) && isTrue(from, ConditionType.Stalled);
}

/**
 * True when `Reconciling` is True and `Stalled` is not True.
 * @see https://github.com/fluxcd/pkg/blob/main/runtime/conditions/getter.go `IsReconciling`
 */
export function isReconciling(from: ObjectWithConditions): boolean {
  return !isTrue(from, ConditionType.Stalled) && isTrue(from, ConditionType.Reconciling);
}

/** The reason of the condition of the given type, `''` when missing. @see fluxcd/pkg `conditions.GetReason` */
export function getReason(from: ObjectWithConditions, type: string): string {
  return getCondition(from, type)?.reason ?? '';
}

/** The message of the condition of the given type, `''` when missing. @see fluxcd/pkg `conditions.GetMessage` */
export function getMessage(from: ObjectWithConditions, type: string): string {
  return getCondition(from, type)?.message ?? '';
}
