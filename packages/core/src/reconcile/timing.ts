import { parseDuration } from '../duration/parseDuration.js';
import { isGitOpsKitError } from '../errors/GitOpsKitError.js';
import type { KubeObject } from '../object/types.js';

/**
 * The scheduling fields of a Flux object's spec, parsed once: `spec.interval`,
 * `spec.retryInterval`, `spec.timeout` (Go duration strings) as milliseconds, and `spec.suspend`.
 * Absent fields are `undefined` (`suspend` is `false`).
 */
export interface ReconcileTiming {
  intervalMs?: number;
  retryIntervalMs?: number;
  timeoutMs?: number;
  suspend: boolean;
}

/** A problem with one spec field: `fieldPath` (e.g. `spec.interval`) and a message naming the value. */
export interface SpecProblem {
  fieldPath: string;
  message: string;
}

const fields = [
  ['interval', 'intervalMs'],
  ['retryInterval', 'retryIntervalMs'],
  ['timeout', 'timeoutMs'],
] as const;

/**
 * Reads `spec.interval`, `spec.retryInterval`, `spec.timeout` (Go durations, parsed with
 * {@link parseDuration}) and `spec.suspend` (boolean) from an object, collecting every problem
 * (a non-string or unparsable duration, a negative one, a non-boolean `suspend`).
 *
 * @returns `{ value, errors }`: `value` holds the fields that parsed.
 */
export function parseReconcileTiming(object: KubeObject): { value: ReconcileTiming; errors: SpecProblem[] } {
  const spec = (typeof object.spec === 'object' && object.spec !== null ? object.spec : {}) as Record<
    string,
    unknown
  >;
  const value: ReconcileTiming = { suspend: false };
  const errors: SpecProblem[] = [];
  for (const [field, key] of fields) {
    const raw = spec[field];
    if (raw === undefined || raw === null) continue;
    const fieldPath = `spec.${field}`;
    if (typeof raw !== 'string') {
      errors.push({
        fieldPath,
        message: `${fieldPath}: must be a Go duration string, got ${JSON.stringify(raw)}`,
      });
      continue;
    }
    try {
      const ms = parseDuration(raw);
      if (ms < 0) errors.push({ fieldPath, message: `${fieldPath}: must not be negative, got "${raw}"` });
      else value[key] = ms;
    } catch (err) {
      if (!isGitOpsKitError(err, 'InvalidDuration')) throw err;
      errors.push({ fieldPath, message: `${fieldPath}: ${err.message}` });
    }
  }
  const suspend = spec.suspend;
  if (suspend !== undefined && suspend !== null && typeof suspend !== 'boolean') {
    errors.push({
      fieldPath: 'spec.suspend',
      message: `spec.suspend: must be a boolean, got ${JSON.stringify(suspend)}`,
    });
  } else value.suspend = suspend === true;
  return { value, errors };
}
