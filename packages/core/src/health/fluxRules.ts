import type { KubeObject } from '../object/types.js';
import { type JsonMap, nestedBool, readConditions } from './fields.js';
import { withGenericChecks } from './generic.js';
import { jobCounts, kstatusRules } from './kstatusRules.js';
import type { HealthRule, HealthRules } from './rules.js';
import { currentResult, failedResult, inProgressResult } from './status.js';

const SUSPEND = ['spec', 'suspend'];

/**
 * Flux's Job rule (kustomize-controller and helm-controller register it before every other status
 * reader): unlike kstatus, a Job is `Current` only once it has completed (or is suspended); a
 * running Job is `InProgress`. It runs without kstatus's generic checks, as Flux's reader does.
 *
 * - `spec.suspend: true` → `Current` "Job is suspended"
 * - `Complete=True` → `Current` "Job Completed. succeeded: <s>/<completions>"
 * - `Failed=True` → `Failed` (`JobFailed`) "Job Failed. failed: <f>/<completions>"
 * - no `status.startTime` → `InProgress` (`JobNotStarted`) "Job not started. active: 0/<parallelism>"
 * - else `InProgress` (`JobInProgress`) "Job in progress. success:<s>, active: <a>, failed: <f>"
 *
 * @see https://github.com/fluxcd/pkg/blob/main/runtime/statusreaders/job.go
 */
export const fluxJobRule: HealthRule = (o) => {
  const obj = o as JsonMap;
  if (nestedBool(obj, SUSPEND) === true) return currentResult('Job is suspended');
  const n = jobCounts(obj);
  for (const c of readConditions(obj)) {
    if (c.type === 'Complete' && c.status === 'True') {
      return currentResult(`Job Completed. succeeded: ${n.succeeded}/${n.completions}`);
    }
    if (c.type === 'Failed' && c.status === 'True') {
      return failedResult('JobFailed', `Job Failed. failed: ${n.failed}/${n.completions}`);
    }
  }
  if (n.startTime === '') {
    return inProgressResult('JobNotStarted', `Job not started. active: 0/${n.parallelism}`);
  }
  return inProgressResult(
    'JobInProgress',
    `Job in progress. success:${n.succeeded}, active: ${n.active}, failed: ${n.failed}`,
  );
};

/** `{ 'batch/Job': fluxJobRule }`: put it before compiled CEL checks to rank them as Flux does. */
export const fluxJobRules: HealthRules = Object.freeze({ 'batch/Job': fluxJobRule });

/**
 * Flux's own kinds are healthy when `Ready=True` at the current generation. After kstatus's
 * generic checks (deletion, stale `status.observedGeneration`, `Reconciling`/`Stalled`):
 *
 * - `Ready=True` with `status.observedGeneration` equal to `metadata.generation` (or no
 *   `metadata.generation` to compare) → `Current` "Resource is Ready"
 * - `Ready=True` without `status.observedGeneration` → `InProgress` (`NoObservedGeneration`)
 *   "<Kind> status.observedGeneration not found"
 * - `Ready=False|Unknown` → `InProgress` with the condition's reason and message (as kstatus)
 * - no `Ready` condition (not reconciled yet) → `InProgress` (`NoReadyCondition`)
 *   "<Kind> has no Ready condition"; kstatus would say `Current` here.
 *
 * @see https://github.com/fluxcd/pkg/blob/main/apis/meta/conditions.go
 */
export const fluxReadyRule: HealthRule = withGenericChecks((o: KubeObject) => {
  const obj = o as JsonMap;
  const kind = typeof o.kind === 'string' ? o.kind : '';
  for (const c of readConditions(obj)) {
    if (c.type !== 'Ready') continue;
    if (c.status === 'True') {
      const meta = obj.metadata as JsonMap | undefined;
      const status = obj.status as JsonMap | undefined;
      const generation = meta?.generation;
      if (typeof generation === 'number' && typeof status?.observedGeneration !== 'number') {
        return inProgressResult('NoObservedGeneration', `${kind} status.observedGeneration not found`);
      }
      return currentResult('Resource is Ready');
    }
    if (c.status === 'False' || c.status === 'Unknown') return inProgressResult(c.reason, c.message);
  }
  return inProgressResult('NoReadyCondition', `${kind} has no Ready condition`);
});

/**
 * What Flux runs: {@link kstatusRules}, with Flux's Job rule in place of kstatus's and
 * {@link fluxReadyRule} for Flux's own groups (source, kustomize, helm, image,
 * source.extensions, and notification's Receiver; Alert and Provider have no status).
 * {@link computeStatus} always falls back to this table.
 */
export const defaultHealthRules: HealthRules = Object.freeze({
  ...kstatusRules,
  'batch/Job': fluxJobRule,
  'source.toolkit.fluxcd.io/*': fluxReadyRule,
  'kustomize.toolkit.fluxcd.io/*': fluxReadyRule,
  'helm.toolkit.fluxcd.io/*': fluxReadyRule,
  'image.toolkit.fluxcd.io/*': fluxReadyRule,
  'source.extensions.fluxcd.io/*': fluxReadyRule,
  'notification.toolkit.fluxcd.io/Receiver': fluxReadyRule,
});
