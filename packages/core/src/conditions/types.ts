/**
 * A status condition, as `metav1.Condition` (Flux's objects use exactly this type).
 *
 * - `lastTransitionTime`: RFC 3339; changes only when `status` changes.
 * - `observedGeneration`: the `metadata.generation` the condition was computed for.
 *
 * @see https://github.com/kubernetes/apimachinery/blob/master/pkg/apis/meta/v1/types.go `Condition`
 */
export interface Condition {
  type: string;
  status: ConditionStatus;
  reason: string;
  message: string;
  lastTransitionTime: string;
  observedGeneration?: number;
}

/** `True`, `False` or `Unknown`. */
export const ConditionStatus = {
  True: 'True',
  False: 'False',
  Unknown: 'Unknown',
} as const;
/** @see {@link ConditionStatus} */
export type ConditionStatus = (typeof ConditionStatus)[keyof typeof ConditionStatus];

/**
 * Generic condition types shared by every Flux kind. `Reconciling` and `Stalled` are
 * "abnormal-true" (negative polarity): present only while True.
 *
 * @see https://github.com/fluxcd/pkg/blob/main/apis/meta/conditions.go
 */
export const ConditionType = {
  Ready: 'Ready',
  Reconciling: 'Reconciling',
  Stalled: 'Stalled',
  Healthy: 'Healthy',
} as const;
/** @see {@link ConditionType} */
export type ConditionType = (typeof ConditionType)[keyof typeof ConditionType];

/**
 * Generic reasons from `fluxcd/pkg/apis/meta`.
 *
 * @see https://github.com/fluxcd/pkg/blob/main/apis/meta/conditions.go
 */
export const Reason = {
  Succeeded: 'Succeeded',
  Failed: 'Failed',
  Progressing: 'Progressing',
  ProgressingWithRetry: 'ProgressingWithRetry',
  Suspended: 'Suspended',
  DependencyNotReady: 'DependencyNotReady',
  ReconciliationSucceeded: 'ReconciliationSucceeded',
  ReconciliationFailed: 'ReconciliationFailed',
  ArtifactFailed: 'ArtifactFailed',
  BuildFailed: 'BuildFailed',
  HealthCheckFailed: 'HealthCheckFailed',
  HealthCheckCanceled: 'HealthCheckCanceled',
  PruneFailed: 'PruneFailed',
  InvalidPath: 'InvalidPath',
  InvalidURL: 'InvalidURL',
  InvalidCELExpression: 'InvalidCELExpression',
  AccessDenied: 'AccessDenied',
} as const;
/** @see {@link Reason} */
export type Reason = (typeof Reason)[keyof typeof Reason];

/**
 * The status fields every Flux object has: `observedGeneration` (defaults to `-1` before the first
 * reconcile), `conditions`, and `lastHandledReconcileAt` (the `reconcile.fluxcd.io/requestedAt`
 * token last acted on).
 *
 * @see https://github.com/fluxcd/pkg/blob/main/apis/meta/annotations.go `ReconcileRequestStatus`
 */
export interface FluxStatus {
  observedGeneration?: number;
  conditions?: Condition[];
  lastHandledReconcileAt?: string;
  [field: string]: unknown;
}

/** Annotation that requests an out-of-interval reconcile when its value differs from `status.lastHandledReconcileAt`. */
export const ReconcileRequestAnnotation = 'reconcile.fluxcd.io/requestedAt';
