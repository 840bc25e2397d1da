/**
 * A status condition, as `metav1.Condition` (Flux's objects use exactly this type).
 *
 * - `lastTransitionTime`: RFC 3339 with second precision (`2026-01-01T00:00:00Z`). The condition
 *   helpers ({@link setCondition} and the `mark*` family) change it only when the condition's state
 *   (`status`, `reason` or `message`) changes, as fluxcd/pkg `conditions.Set` does.
 * - `observedGeneration`: the `metadata.generation` the condition was computed for (omitted when
 *   the object has no generation).
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

/**
 * Annotation that requests an out-of-interval reconcile when its value differs from
 * `status.lastHandledReconcileAt`. The value is an opaque token (`flux reconcile` writes the current
 * time in RFC 3339 with nanoseconds).
 *
 * @see https://github.com/fluxcd/pkg/blob/main/apis/meta/annotations.go `ReconcileRequestAnnotation`
 */
export const ReconcileRequestAnnotation = 'reconcile.fluxcd.io/requestedAt';

/**
 * Annotation that requests a one-off forced reconcile (e.g. a HelmRelease upgrade with no changes).
 * Acted on only when its value equals the {@link ReconcileRequestAnnotation} value; see
 * {@link handleAnnotationRequest}.
 *
 * @see https://github.com/fluxcd/pkg/blob/main/apis/meta/annotations.go `ForceRequestAnnotation`
 */
export const ForceRequestAnnotation = 'reconcile.fluxcd.io/forceAt';

/**
 * Any object whose `status` may hold Flux conditions: every {@link KubeObject} fits. The condition
 * helpers read `metadata.generation` and `status.conditions`, and the setters create `status` and
 * `status.conditions` when missing.
 */
export interface ObjectWithConditions {
  metadata?: { generation?: number; annotations?: Record<string, string> };
  status?: unknown;
}
