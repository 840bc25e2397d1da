import type { KubeObject } from '../object/types.js';
import { type JsonMap, nestedInt64, nestedString, readConditions } from './fields.js';
import type { HealthRule } from './rules.js';
import { type StatusResult, currentResult, inProgressResult } from './status.js';

const DELETION_TIMESTAMP = ['metadata', 'deletionTimestamp'] as const;
const GENERATION = ['metadata', 'generation'] as const;
const OBSERVED_GENERATION = ['status', 'observedGeneration'] as const;

function kindOf(object: KubeObject): string {
  return typeof object.kind === 'string' ? object.kind : '';
}

/**
 * kstatus's checks shared by every kind, in its order; `undefined` when they decide nothing:
 *
 * 1. `metadata.deletionTimestamp` set → `Terminating` "Resource scheduled for deletion".
 * 2. `status.observedGeneration` present and ≠ `metadata.generation` → `InProgress`
 *    "<Kind> generation is <g>, but latest observed generation is <o>" (reason
 *    `LatestGenerationNotObserved`).
 * 3. A `Reconciling=True` condition → `InProgress` with its reason and message; a `Stalled=True`
 *    condition → `Failed` with its message (the first of the two in list order wins).
 *
 * @throws {CoreError} `InvalidObject` when one of those fields has the wrong type (kstatus returns
 *   an error; `computeStatus` reports `Unknown`).
 * @see https://github.com/kubernetes-sigs/cli-utils/blob/master/pkg/kstatus/status/generic.go `checkGenericProperties`
 */
export function checkGenericProperties(object: KubeObject): StatusResult | undefined {
  const obj = object as JsonMap;
  const deletionTimestamp = wrap('metadata.deletionTimestamp', () => nestedString(obj, DELETION_TIMESTAMP));
  if (deletionTimestamp !== undefined && deletionTimestamp !== '') {
    return { status: 'Terminating', message: 'Resource scheduled for deletion', conditions: [] };
  }
  const res = checkGeneration(object);
  if (res) return res;
  for (const cond of readConditions(obj)) {
    if (cond.type === 'Reconciling' && cond.status === 'True') {
      return inProgressResult(cond.reason, cond.message);
    }
    if (cond.type === 'Stalled' && cond.status === 'True') {
      return {
        status: 'Failed',
        message: cond.message,
        conditions: [{ type: 'Stalled', status: 'True', reason: cond.reason, message: cond.message }],
      };
    }
  }
  return undefined;
}

/**
 * `InProgress` when `status.observedGeneration` is present and differs from `metadata.generation`
 * (skipped when `metadata.generation` is absent); else `undefined`.
 *
 * @throws {CoreError} `InvalidObject` when either field is not an integer.
 * @see https://github.com/kubernetes-sigs/cli-utils/blob/master/pkg/kstatus/status/generic.go `checkGeneration`
 */
export function checkGeneration(object: KubeObject): StatusResult | undefined {
  const obj = object as JsonMap;
  const generation = wrap('metadata.generation', () => nestedInt64(obj, GENERATION));
  if (generation === undefined) return undefined;
  const observed = wrap('status.observedGeneration', () => nestedInt64(obj, OBSERVED_GENERATION));
  if (observed !== undefined && observed !== generation) {
    const message = `${kindOf(object)} generation is ${generation}, but latest observed generation is ${observed}`;
    return inProgressResult('LatestGenerationNotObserved', message);
  }
  return undefined;
}

/**
 * kstatus `checkGenerationSet`, used by DaemonSet: `InProgress` when `metadata.generation`
 * (reason `NoGeneration`) or `status.observedGeneration` (reason `NoObservedGeneration`) is absent.
 */
export function checkGenerationSet(object: KubeObject): StatusResult | undefined {
  const obj = object as JsonMap;
  if (wrap('metadata.generation', () => nestedInt64(obj, GENERATION)) === undefined) {
    return inProgressResult('NoGeneration', `${kindOf(object)} metadata.generation not found`);
  }
  if (wrap('status.observedGeneration', () => nestedInt64(obj, OBSERVED_GENERATION)) === undefined) {
    return inProgressResult('NoObservedGeneration', `${kindOf(object)} status.observedGeneration not found`);
  }
  return undefined;
}

function wrap<T>(field: string, fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    if (err instanceof Error) err.message = `looking up ${field} from resource: ${err.message}`;
    throw err;
  }
}

/**
 * kstatus `checkReadyCondition`: the first `Ready` condition decides: `True` → `Current`
 * "Resource is Ready"; `False` or `Unknown` → `InProgress` with its reason and message; any other
 * value is skipped. `undefined` without a decision.
 *
 * @see https://github.com/kubernetes-sigs/cli-utils/blob/master/pkg/kstatus/status/status.go `checkReadyCondition`
 */
export function checkReadyCondition(object: KubeObject): StatusResult | undefined {
  for (const cond of readConditions(object as JsonMap)) {
    if (cond.type !== 'Ready') continue;
    if (cond.status === 'True') return currentResult('Resource is Ready');
    if (cond.status === 'False' || cond.status === 'Unknown')
      return inProgressResult(cond.reason, cond.message);
  }
  return undefined;
}

/**
 * kstatus's path for kinds without a specific rule: the generic checks, then the `Ready`
 * condition, else `Current` "Resource is current".
 *
 * @see https://github.com/kubernetes-sigs/cli-utils/blob/master/pkg/kstatus/status/status.go `Compute`
 */
export const genericRule: HealthRule = (object) =>
  checkGenericProperties(object) ?? checkReadyCondition(object) ?? currentResult('Resource is current');

/**
 * Wraps a kind-specific rule so that {@link checkGenericProperties} runs first and decides when it
 * can, exactly as kstatus's `Compute` runs it before its `legacyTypes` functions.
 *
 * @example
 * ```ts
 * const rules = { 'example.com/Widget': withGenericChecks((w) => ({ status: 'Current', message: 'ok', conditions: [] })) };
 * computeStatus(widget, { rules });
 * ```
 */
export function withGenericChecks(rule: HealthRule): HealthRule {
  return (object, context) => checkGenericProperties(object) ?? rule(object, context);
}
