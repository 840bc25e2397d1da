import { conditionsOf, isTrue } from './getter.js';
import { ConditionType, type ObjectWithConditions } from './types.js';

/** `status.observedGeneration`, or `-1` (Flux's default before the first reconcile) when unset. */
export function observedGenerationOf(from: ObjectWithConditions): number {
  const status = from.status;
  if (typeof status !== 'object' || status === null) return -1;
  const v = (status as { observedGeneration?: unknown }).observedGeneration;
  return typeof v === 'number' ? v : -1;
}

/**
 * Records that the object's current spec has been acted on: sets `status.observedGeneration` to
 * `metadata.generation` (`0` when the object has none). Flux does this at the end of a reconcile
 * that ended `Ready=True` or stalled, never after a retryable failure.
 *
 * @see https://github.com/fluxcd/pkg/blob/main/runtime/patch/options.go `WithStatusObservedGeneration`
 */
export function setObservedGeneration(to: ObjectWithConditions): void {
  if (to.status === undefined || to.status === null) to.status = {};
  (to.status as { observedGeneration?: number }).observedGeneration = to.metadata?.generation ?? 0;
}

/** True when `status.observedGeneration` equals `metadata.generation`: the status describes the latest spec. */
export function isObservedGenerationCurrent(from: ObjectWithConditions): boolean {
  return observedGenerationOf(from) === (from.metadata?.generation ?? 0);
}

/**
 * Flux's built-in `dependsOn` readiness check: the dependency has conditions, its
 * `status.observedGeneration` equals its `metadata.generation`, and `Ready` is True.
 *
 * @see https://github.com/fluxcd/kustomize-controller/blob/main/internal/controller/kustomization_controller.go `checkDependencies`
 */
export function isReadyAtLatestGeneration(from: ObjectWithConditions): boolean {
  return (
    conditionsOf(from).length > 0 && isObservedGenerationCurrent(from) && isTrue(from, ConditionType.Ready)
  );
}
