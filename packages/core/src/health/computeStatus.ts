import { type Clock, systemClock } from '../clock/clock.js';
import { CoreError, type GitOpsKitError, isGitOpsKitError } from '../errors/GitOpsKitError.js';
import type { KubeObject } from '../object/types.js';
import { defaultHealthRules } from './fluxRules.js';
import { genericRule } from './generic.js';
import { type HealthRuleContext, type HealthRules, findHealthRule } from './rules.js';
import type { StatusResult } from './status.js';

/** Options of {@link computeStatus}. */
export interface ComputeStatusOptions {
  /**
   * Rule tables searched in order before {@link defaultHealthRules}; the first table with a rule
   * for the object's `group/Kind` (or `group/*`) wins, so these take precedence over the built-in
   * rules. Compiled CEL checks ({@link compileHealthCheckExprs}) are such a table. Default none.
   */
  rules?: HealthRules | readonly HealthRules[];
  /** Time source for time-dependent rules (the Pod scheduling window). Default `systemClock`. */
  clock?: Clock;
}

/** Defaults of {@link ComputeStatusOptions}. */
export const computeStatusDefaults = {
  rules: [] as readonly HealthRules[],
  clock: systemClock,
} as const satisfies Required<ComputeStatusOptions>;

const defaultContext: HealthRuleContext = { clock: systemClock };
const defaultTables: readonly HealthRules[] = [defaultHealthRules];

/**
 * Computes an object's health from the object alone (no cluster access), with kstatus's rules as
 * Flux runs them: kstatus's generic checks (deletion → `Terminating`, stale
 * `status.observedGeneration` → `InProgress`, `Reconciling=True` → `InProgress`, `Stalled=True` →
 * `Failed`), then the rule for the object's `group/Kind` (Deployment, StatefulSet, DaemonSet,
 * ReplicaSet, Pod, PVC, Service, Job, CronJob, PDB, CRD, Secret, ConfigMap, Flux's kinds), else
 * the `Ready` condition, else `Current` "Resource is current". Messages are kstatus's wording.
 *
 * Never throws: a malformed field, a failing user rule or a failing CEL expression yields
 * `{ status: 'Unknown', message, error }` (kstatus's `Compute` returns an error there, which its
 * pollers report as `Unknown`).
 *
 * @param object - the object as the API server returns it (plain JSON values).
 * @see https://github.com/kubernetes-sigs/cli-utils/blob/master/pkg/kstatus/status/status.go `Compute`
 * @example
 * ```ts
 * const res = computeStatus({
 *   apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', generation: 2 },
 *   spec: { replicas: 3 }, status: { observedGeneration: 2, replicas: 3, updatedReplicas: 1 },
 * });
 * // { status: 'InProgress', message: 'Updated: 1/3', conditions: [{ type: 'Reconciling', reason: 'LessUpdated', ... }] }
 * ```
 */
export function computeStatus(object: KubeObject, options: ComputeStatusOptions = {}): StatusResult {
  const context = options.clock ? { clock: options.clock } : defaultContext;
  let tables = defaultTables;
  if (options.rules) {
    tables = Array.isArray(options.rules)
      ? [...(options.rules as readonly HealthRules[]), defaultHealthRules]
      : [options.rules as HealthRules, defaultHealthRules];
  }
  const rule = findHealthRule(tables, object) ?? genericRule;
  try {
    return rule(object, context);
  } catch (err) {
    return unknownResult(err);
  }
}

/** An `Unknown` result carrying `err` (wrapped as `InvalidObject` when it is not a GitOps Kit error). */
export function unknownResult(err: unknown): StatusResult {
  const error: GitOpsKitError = isGitOpsKitError(err)
    ? err
    : new CoreError('InvalidObject', err instanceof Error ? err.message : String(err), { cause: err });
  return { status: 'Unknown', message: error.message, conditions: [], error };
}
