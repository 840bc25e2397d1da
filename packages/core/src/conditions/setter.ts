import { type Clock, formatTime, systemClock } from '../clock/clock.js';
import { CoreError } from '../errors/GitOpsKitError.js';
import { conditionsOf } from './getter.js';
import { type Condition, ConditionStatus, ConditionType, type ObjectWithConditions } from './types.js';

/**
 * A condition to set: `lastTransitionTime` is optional (kept only when the condition is new) and
 * `observedGeneration` is ignored (the setters always use the object's `metadata.generation`).
 */
export type ConditionInput = Omit<Condition, 'lastTransitionTime' | 'observedGeneration'> & {
  lastTransitionTime?: string;
  observedGeneration?: number;
};

/** Options of the condition setters. */
export interface SetConditionOptions {
  /** Where `lastTransitionTime` comes from. Default {@link setConditionDefaults}.clock (the system clock). */
  clock?: Clock;
}

/** Defaults of {@link SetConditionOptions}. */
export const setConditionDefaults: Required<SetConditionOptions> = {
  /** The system clock; inject a `FakeClock` (or the reconcile context's clock) for deterministic times. */
  clock: systemClock,
};

/** Flux trims condition messages to this many bytes (UTF-8), suffix included. */
export const maxConditionMessageBytes = 32768;
const trimmedSuffix = '...';

/**
 * Trims a message to {@link maxConditionMessageBytes} UTF-8 bytes, ending it with `...`, as
 * fluxcd/pkg `trimConditionMessage` does (never splitting a character).
 */
function trimMessage(message: string): string {
  if (message.length <= maxConditionMessageBytes / 3) return message;
  const bytes = Buffer.from(message, 'utf8');
  if (bytes.length <= maxConditionMessageBytes) return message;
  let end = maxConditionMessageBytes - trimmedSuffix.length;
  while (end > 0 && (bytes[end]! & 0xc0) === 0x80) end--; // back off a UTF-8 continuation byte
  return bytes.subarray(0, end).toString('utf8') + trimmedSuffix;
}

/** The status object, created when missing. @throws `InvalidObject` when `status` is not a mapping. */
function statusFor(to: ObjectWithConditions): { conditions?: Condition[] } {
  if (to.status === undefined || to.status === null) to.status = {};
  if (typeof to.status !== 'object' || Array.isArray(to.status)) {
    throw new CoreError('InvalidObject', 'status must be a mapping', { data: { fieldPath: 'status' } });
  }
  return to.status as { conditions?: Condition[] };
}

const weights: Readonly<Record<string, number>> = {
  [ConditionType.Stalled]: 0,
  [ConditionType.Reconciling]: 1,
  [ConditionType.Ready]: 2,
};

/**
 * Flux's condition order: `Stalled`, `Reconciling`, `Ready` first, then the others by highest
 * `observedGeneration`, then by type.
 *
 * @see https://github.com/fluxcd/pkg/blob/main/runtime/conditions/setter.go `lexicographicLess`
 */
export function compareConditions(a: Condition, b: Condition): number {
  const wa = weights[a.type];
  const wb = weights[b.type];
  if (wa !== undefined && wb !== undefined) return wa - wb;
  if (wa !== undefined) return -1;
  if (wb !== undefined) return 1;
  const ga = a.observedGeneration ?? 0;
  const gb = b.observedGeneration ?? 0;
  if (ga !== gb) return gb - ga;
  return a.type < b.type ? -1 : a.type > b.type ? 1 : 0;
}

const sameState = (a: Condition, b: ConditionInput): boolean =>
  a.type === b.type && a.status === b.status && a.reason === b.reason && a.message === b.message;

/**
 * Sets a condition on the object, as fluxcd/pkg `conditions.Set`:
 *
 * - `observedGeneration` becomes the object's `metadata.generation` (omitted when it has none);
 * - the message is trimmed to {@link maxConditionMessageBytes};
 * - `lastTransitionTime` changes only when the condition is new or its state (`status`, `reason`
 *   or `message`) changed; it is then `options.clock.now()` truncated to the second. A new
 *   condition keeps a `lastTransitionTime` given in `condition`. Setting the same state again
 *   keeps the old time (and only refreshes `observedGeneration`);
 * - conditions are kept sorted by {@link compareConditions}.
 *
 * Mutates `to` (creating `status` and `status.conditions` when missing) and returns the stored
 * condition.
 *
 * @throws {CoreError} `InvalidObject` when `status` exists but is not a mapping.
 * @see https://github.com/fluxcd/pkg/blob/main/runtime/conditions/setter.go `Set`
 */
export function setCondition(
  to: ObjectWithConditions,
  condition: ConditionInput,
  options: SetConditionOptions = {},
): Condition {
  const clock = options.clock ?? setConditionDefaults.clock;
  const status = statusFor(to);
  const conditions = [...conditionsOf(to)];
  const generation = to.metadata?.generation;
  const next: Condition = {
    type: condition.type,
    status: condition.status,
    reason: condition.reason,
    message: trimMessage(condition.message),
    lastTransitionTime: condition.lastTransitionTime ?? '',
  };
  if (generation) next.observedGeneration = generation;
  const at = conditions.findIndex((c) => c.type === next.type);
  if (at < 0) {
    if (next.lastTransitionTime === '') next.lastTransitionTime = formatTime(clock.now());
    conditions.push(next);
  } else {
    const existing = conditions[at]!;
    if (!sameState(existing, next)) {
      next.lastTransitionTime = formatTime(clock.now());
      conditions[at] = next;
    } else {
      next.lastTransitionTime = existing.lastTransitionTime;
      if (existing.observedGeneration !== next.observedGeneration) conditions[at] = next;
    }
  }
  conditions.sort(compareConditions);
  status.conditions = conditions;
  return conditions.find((c) => c.type === next.type)!;
}

/**
 * Sets `type` to `True` with the given reason and message. `lastTransitionTime` changes only when
 * the condition is new or its status, reason or message changed (time from `options.clock`); see
 * {@link setCondition}.
 *
 * @see https://github.com/fluxcd/pkg/blob/main/runtime/conditions/setter.go `MarkTrue`
 */
export function markTrue(
  to: ObjectWithConditions,
  type: string,
  reason: string,
  message: string,
  options?: SetConditionOptions,
): Condition {
  return setCondition(to, { type, status: ConditionStatus.True, reason, message }, options);
}

/**
 * Sets `type` to `False` with the given reason and message. `lastTransitionTime` changes only when
 * the condition is new or its status, reason or message changed (time from `options.clock`); see
 * {@link setCondition}.
 *
 * @see https://github.com/fluxcd/pkg/blob/main/runtime/conditions/setter.go `MarkFalse`
 */
export function markFalse(
  to: ObjectWithConditions,
  type: string,
  reason: string,
  message: string,
  options?: SetConditionOptions,
): Condition {
  return setCondition(to, { type, status: ConditionStatus.False, reason, message }, options);
}

/**
 * Sets `type` to `Unknown` with the given reason and message. `lastTransitionTime` changes only
 * when the condition is new or its status, reason or message changed (time from `options.clock`);
 * see {@link setCondition}.
 *
 * @see https://github.com/fluxcd/pkg/blob/main/runtime/conditions/setter.go `MarkUnknown`
 */
export function markUnknown(
  to: ObjectWithConditions,
  type: string,
  reason: string,
  message: string,
  options?: SetConditionOptions,
): Condition {
  return setCondition(to, { type, status: ConditionStatus.Unknown, reason, message }, options);
}

/**
 * Marks the object as reconciling: deletes `Stalled` and sets `Reconciling=True` with the given
 * reason (usually `Progressing`) and message. `Reconciling`'s `lastTransitionTime` changes only
 * when it is new or its status, reason or message changed (time from `options.clock`).
 *
 * @see https://github.com/fluxcd/pkg/blob/main/runtime/conditions/setter.go `MarkReconciling`
 */
export function markReconciling(
  to: ObjectWithConditions,
  reason: string,
  message: string,
  options?: SetConditionOptions,
): Condition {
  deleteCondition(to, ConditionType.Stalled);
  return markTrue(to, ConditionType.Reconciling, reason, message, options);
}

/**
 * Marks the object as stalled (a terminal error: no retry until the spec changes): deletes
 * `Reconciling` and sets `Stalled=True` with the given reason and message. `Stalled`'s
 * `lastTransitionTime` changes only when it is new or its status, reason or message changed (time
 * from `options.clock`).
 *
 * @see https://github.com/fluxcd/pkg/blob/main/runtime/conditions/setter.go `MarkStalled`
 */
export function markStalled(
  to: ObjectWithConditions,
  reason: string,
  message: string,
  options?: SetConditionOptions,
): Condition {
  deleteCondition(to, ConditionType.Reconciling);
  return markTrue(to, ConditionType.Stalled, reason, message, options);
}

/**
 * Removes the condition of the given type (no-op when absent). Other conditions keep their
 * `lastTransitionTime`.
 *
 * @see https://github.com/fluxcd/pkg/blob/main/runtime/conditions/setter.go `Delete`
 */
export function deleteCondition(to: ObjectWithConditions, type: string): void {
  const conditions = conditionsOf(to);
  if (!conditions.some((c) => c.type === type)) return;
  statusFor(to).conditions = conditions.filter((c) => c.type !== type);
}
