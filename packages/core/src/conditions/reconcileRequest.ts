import { ReconcileRequestAnnotation, type ObjectWithConditions } from './types.js';

function statusRecord(to: ObjectWithConditions): Record<string, unknown> {
  if (to.status === undefined || to.status === null) to.status = {};
  return to.status as Record<string, unknown>;
}

function statusString(from: ObjectWithConditions, field: string): string {
  const status = from.status;
  if (typeof status !== 'object' || status === null) return '';
  const v = (status as Record<string, unknown>)[field];
  return typeof v === 'string' ? v : '';
}

/**
 * The value of the `reconcile.fluxcd.io/requestedAt` annotation, or `undefined` when it is not set.
 *
 * @see https://github.com/fluxcd/pkg/blob/main/apis/meta/annotations.go `ReconcileAnnotationValue`
 */
export function reconcileAnnotationValue(from: ObjectWithConditions): string | undefined {
  return from.metadata?.annotations?.[ReconcileRequestAnnotation];
}

/**
 * True when the object asks for an out-of-interval reconcile: the `reconcile.fluxcd.io/requestedAt`
 * annotation is set and differs from `status.lastHandledReconcileAt`.
 */
export function isReconcileRequested(from: ObjectWithConditions): boolean {
  const value = reconcileAnnotationValue(from);
  return value !== undefined && value !== statusString(from, 'lastHandledReconcileAt');
}

/**
 * Copies the `reconcile.fluxcd.io/requestedAt` annotation value into `status.lastHandledReconcileAt`
 * (no-op when the annotation is absent), as every Flux controller does when it finishes a
 * reconcile, whatever the outcome.
 *
 * @see https://github.com/fluxcd/kustomize-controller/blob/main/internal/controller/kustomization_controller.go `finalizeStatus`
 */
export function setLastHandledReconcileAt(to: ObjectWithConditions): void {
  const value = reconcileAnnotationValue(to);
  if (value !== undefined) statusRecord(to).lastHandledReconcileAt = value;
}

/**
 * Decides whether a request annotation paired with `reconcile.fluxcd.io/requestedAt` (e.g.
 * `reconcile.fluxcd.io/forceAt`, with `status.lastHandledForceAt`) should be acted on, as fluxcd/pkg
 * `HandleAnnotationRequest`: true when the annotation is set, equals the `requestedAt` value, and
 * differs from both `status.lastHandledReconcileAt` and `status[lastHandledField]`.
 *
 * Whenever the annotation is set, `status[lastHandledField]` is updated to its value (so the
 * request is handled at most once, even when it was not acted on).
 *
 * @param annotation - the request annotation, e.g. {@link ForceRequestAnnotation}.
 * @param lastHandledField - the status field recording it, e.g. `lastHandledForceAt`.
 * @see https://github.com/fluxcd/pkg/blob/main/apis/meta/annotations.go `HandleAnnotationRequest`
 */
export function handleAnnotationRequest(
  obj: ObjectWithConditions,
  annotation: string,
  lastHandledField: string,
): boolean {
  const annotations = obj.metadata?.annotations ?? {};
  const requestAt = annotations[annotation];
  const reconcileAt = annotations[ReconcileRequestAnnotation];
  let lastHandledRequest = '';
  if (requestAt !== undefined) {
    lastHandledRequest = statusString(obj, lastHandledField);
    statusRecord(obj)[lastHandledField] = requestAt;
  }
  if (requestAt !== undefined && reconcileAt !== undefined && requestAt === reconcileAt) {
    const lastHandledReconcile = statusString(obj, 'lastHandledReconcileAt');
    return lastHandledReconcile !== reconcileAt && lastHandledRequest !== requestAt;
  }
  return false;
}
