/**
 * Fields the API server refuses to change on update, per built-in kind, as its `ValidateUpdate`
 * functions do (Kubernetes v1.20): a changed value is an `Invalid` error whose message says
 * "field is immutable", which is what Flux's `spec.force` keys on to delete and recreate.
 *
 * @see https://github.com/kubernetes/kubernetes/blob/v1.20.2/pkg/apis/apps/validation/validation.go
 * @see https://github.com/kubernetes/kubernetes/blob/v1.20.2/pkg/apis/batch/validation/validation.go
 * @see https://github.com/kubernetes/kubernetes/blob/v1.20.2/pkg/apis/core/validation/validation.go
 * @see https://github.com/kubernetes/kubernetes/blob/v1.20.2/pkg/apis/rbac/validation/validation.go
 * @internal
 */
import type { KubeObject } from '../object/types.js';
import { valuesEqual } from './apply/fieldSet.js';
import { invalid } from './validation.js';

type Obj = Record<string, unknown>;

function at(o: unknown, path: string[]): unknown {
  let cur = o;
  for (const k of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Obj)[k];
  }
  return cur;
}

/** Paths (dotted) that may not change once set, per `group/Kind` (core group: just `Kind`). */
const IMMUTABLE_PATHS: Record<string, string[]> = {
  'apps/Deployment': ['spec.selector'],
  'apps/ReplicaSet': ['spec.selector'],
  'apps/DaemonSet': ['spec.selector'],
  'batch/Job': ['spec.selector', 'spec.template', 'spec.completions'],
  'rbac.authorization.k8s.io/RoleBinding': ['roleRef'],
  'rbac.authorization.k8s.io/ClusterRoleBinding': ['roleRef'],
  Secret: ['type'],
};

/** StatefulSet spec fields an update may change (v1.20). */
const STATEFULSET_MUTABLE = new Set(['replicas', 'template', 'updateStrategy']);

/**
 * Throws `CoreError` code `Invalid` when `next` changes a field of `live` that the API server
 * treats as immutable for this kind (`spec.selector` of Deployments, ReplicaSets, DaemonSets; a
 * StatefulSet's spec other than replicas/template/updateStrategy; a Job's selector, template and
 * completions; `roleRef` of role bindings; a Secret's `type`; data of ConfigMaps and Secrets marked
 * `immutable: true`; a Service's assigned `spec.clusterIP`).
 *
 * @param groupKind `group/Kind`; for the core group just `Kind` (`ConfigMap`).
 */
export function validateImmutableFields(groupKind: string, live: KubeObject, next: KubeObject): void {
  for (const path of IMMUTABLE_PATHS[groupKind] ?? []) {
    const p = path.split('.');
    const before = at(live, p);
    if (before === undefined) continue;
    if (!valuesEqual(before, at(next, p))) {
      throw invalid(
        next,
        path,
        path === 'roleRef' ? 'Invalid value: cannot change roleRef' : 'Invalid value: field is immutable',
      );
    }
  }
  if (groupKind === 'apps/StatefulSet') {
    const a = (at(live, ['spec']) ?? {}) as Obj;
    const b = (at(next, ['spec']) ?? {}) as Obj;
    for (const k of new Set([...Object.keys(a), ...Object.keys(b)])) {
      if (STATEFULSET_MUTABLE.has(k)) continue;
      if (!valuesEqual(a[k], b[k])) {
        throw invalid(
          next,
          'spec',
          "Forbidden: updates to statefulset spec for fields other than 'replicas', 'template', and 'updateStrategy' are forbidden",
        );
      }
    }
  }
  if ((groupKind === 'ConfigMap' || groupKind === 'Secret') && (live as Obj).immutable === true) {
    if ((next as Obj).immutable !== true)
      throw invalid(next, 'immutable', 'Forbidden: field is immutable when `immutable` is set');
    for (const k of ['data', 'binaryData']) {
      if (!valuesEqual((live as Obj)[k], (next as Obj)[k]))
        throw invalid(next, k, 'Forbidden: field is immutable when `immutable` is set');
    }
  }
  if (groupKind === 'Service') {
    const before = at(live, ['spec', 'clusterIP']);
    const after = at(next, ['spec', 'clusterIP']);
    const type = at(next, ['spec', 'type']);
    if (
      typeof before === 'string' &&
      before !== '' &&
      typeof after === 'string' &&
      after !== '' &&
      after !== before &&
      type !== 'ExternalName'
    ) {
      throw invalid(next, 'spec.clusterIP', 'Invalid value: field is immutable');
    }
  }
}
