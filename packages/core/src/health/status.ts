import type { GitOpsKitError } from '../errors/GitOpsKitError.js';

/**
 * kstatus's status vocabulary.
 *
 * - `InProgress`: the object is being reconciled (or the controller has not caught up yet).
 * - `Current`: the object is fully reconciled and ready.
 * - `Failed`: reconciling failed in a way that will not fix itself (e.g. progress deadline exceeded).
 * - `Terminating`: `metadata.deletionTimestamp` is set.
 * - `NotFound`: the object does not exist (only waiters report it; `computeStatus` never does).
 * - `Unknown`: the status could not be computed (a malformed field, a failing CEL expression).
 *
 * @see https://github.com/kubernetes-sigs/cli-utils/blob/master/pkg/kstatus/status/status.go
 */
export const HealthStatus = {
  InProgress: 'InProgress',
  Failed: 'Failed',
  Current: 'Current',
  Terminating: 'Terminating',
  NotFound: 'NotFound',
  Unknown: 'Unknown',
} as const;
/** @see {@link HealthStatus} */
export type HealthStatus = (typeof HealthStatus)[keyof typeof HealthStatus];

/**
 * A standard condition kstatus derives for an object (it is not written back to the object):
 * `Reconciling=True` for `InProgress` results, `Stalled=True` for `Failed` ones.
 *
 * @see https://github.com/kubernetes-sigs/cli-utils/blob/master/pkg/kstatus/status/status.go `Condition`
 */
export interface StatusResultCondition {
  type: 'Reconciling' | 'Stalled';
  status: 'True' | 'False' | 'Unknown';
  reason: string;
  message: string;
}

/**
 * The result of {@link computeStatus}: the status, a human message in kstatus's wording (empty for
 * CEL health-check results, as Flux's evaluator sets none), and the derived standard conditions.
 * `error` is set on `Unknown` results: code `InvalidObject` for a malformed field, `InvalidExpression`
 * for a CEL expression that failed or returned a non-bool.
 *
 * @see https://github.com/kubernetes-sigs/cli-utils/blob/master/pkg/kstatus/status/status.go `Result`
 */
export interface StatusResult {
  status: HealthStatus;
  message: string;
  conditions: StatusResultCondition[];
  error?: GitOpsKitError;
}

/** An `InProgress` result with a `Reconciling=True` condition (kstatus `newInProgressStatus`). */
export function inProgressResult(reason: string, message: string): StatusResult {
  return {
    status: 'InProgress',
    message,
    conditions: [{ type: 'Reconciling', status: 'True', reason, message }],
  };
}

/** A `Failed` result with a `Stalled=True` condition (kstatus `newFailedStatus`). */
export function failedResult(reason: string, message: string): StatusResult {
  return {
    status: 'Failed',
    message,
    conditions: [{ type: 'Stalled', status: 'True', reason, message }],
  };
}

/** A `Current` result with no conditions. */
export function currentResult(message: string): StatusResult {
  return { status: 'Current', message, conditions: [] };
}
