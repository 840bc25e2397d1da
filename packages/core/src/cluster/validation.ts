/**
 * The object validation every kind gets from the API server's `ObjectMeta` checks: name format
 * (DNS subdomain; DNS label for namespaces; path segment for RBAC kinds), label keys and values.
 * @internal
 */
import { CoreError, formatObjectName } from '../errors/GitOpsKitError.js';
import type { KubeObject } from '../object/types.js';
import { validLabelKey, validLabelValue } from './labelSelector.js';

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

const PATH_SEGMENT_KINDS = new Set([
  'rbac.authorization.k8s.io/Role',
  'rbac.authorization.k8s.io/ClusterRole',
  'rbac.authorization.k8s.io/RoleBinding',
  'rbac.authorization.k8s.io/ClusterRoleBinding',
]);

/** The API server's field error for `obj`: `Kind/ns/name: fieldPath: why`, code `Invalid`. */
export function invalid(obj: KubeObject, fieldPath: string, why: string): CoreError {
  const m = obj.metadata;
  const data: Record<string, unknown> = { kind: obj.kind, name: m.name, fieldPath };
  if (m.namespace) data.namespace = m.namespace;
  return new CoreError(
    'Invalid',
    `${formatObjectName({ kind: obj.kind, namespace: m.namespace, name: m.name })}: ${fieldPath}: ${why}`,
    {
      data,
    },
  );
}

/** Why `name` is not a valid object name for the group/kind, or `undefined` when it is. */
export function nameProblem(groupKind: string, name: string): string | undefined {
  if (groupKind === 'Namespace') {
    if (name.length > 63 || !DNS1123_LABEL.test(name)) {
      return `Invalid value: "${name}": a DNS-1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character`;
    }
    return undefined;
  }
  if (PATH_SEGMENT_KINDS.has(groupKind)) {
    if (name === '.' || name === '..' || name.includes('/') || name.includes('%')) {
      return `Invalid value: "${name}": may not be '.' or '..' and may not contain '/' or '%'`;
    }
    return undefined;
  }
  if (name.length > 253 || !DNS1123_SUBDOMAIN.test(name)) {
    return `Invalid value: "${name}": a DNS-1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character`;
  }
  return undefined;
}

/**
 * Checks `metadata` as the API server's `ValidateObjectMeta` does (the parts callers hit).
 * @throws {CoreError} `Invalid` naming the object and field.
 */
export function validateObjectMeta(obj: KubeObject, groupKind: string): void {
  const m = obj.metadata;
  const p = nameProblem(groupKind, m.name ?? '');
  if (p) throw invalid(obj, 'metadata.name', p);
  for (const [k, v] of Object.entries(m.labels ?? {})) {
    if (!validLabelKey(k))
      throw invalid(
        obj,
        'metadata.labels',
        `Invalid value: "${k}": name part must consist of alphanumeric characters, '-', '_' or '.'`,
      );
    if (typeof v !== 'string' || !validLabelValue(v)) {
      throw invalid(
        obj,
        'metadata.labels',
        `Invalid value: "${String(v)}": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.'`,
      );
    }
  }
  for (const [k, v] of Object.entries(m.annotations ?? {})) {
    if (typeof v !== 'string') throw invalid(obj, `metadata.annotations.${k}`, 'must be a string');
  }
  if (
    m.finalizers !== undefined &&
    (!Array.isArray(m.finalizers) || m.finalizers.some((f) => typeof f !== 'string'))
  ) {
    throw invalid(obj, 'metadata.finalizers', 'must be a list of strings');
  }
  for (const [i, r] of (m.ownerReferences ?? []).entries()) {
    if (!r || !r.apiVersion || !r.kind || !r.name || !r.uid) {
      throw invalid(obj, `metadata.ownerReferences[${i}]`, 'apiVersion, kind, name and uid are required');
    }
  }
}
