import type {
  ObjectMeta as K8sObjectMeta,
  OwnerReference as K8sOwnerReference,
} from 'kubernetes-types/meta/v1.js';

/**
 * Kubernetes `ObjectMeta` (`metadata`), the type from the `kubernetes-types` model package.
 * @see https://kubernetes.io/docs/reference/kubernetes-api/common-definitions/object-meta/
 */
export type ObjectMeta = K8sObjectMeta;

/** Kubernetes `OwnerReference`, from `kubernetes-types`. */
export type OwnerReference = K8sOwnerReference;

/**
 * Any Kubernetes object: `apiVersion`, `kind`, `metadata`, and whatever else the kind has
 * (`spec`, `status`, `data`, ...). Typed resources from `kubernetes-types` are assignable to it.
 *
 * @typeParam Spec - the shape of `spec`, when known.
 * @typeParam Status - the shape of `status`, when known.
 */
export interface KubeObject<Spec = unknown, Status = unknown> {
  apiVersion: string;
  kind: string;
  metadata: ObjectMeta;
  spec?: Spec;
  status?: Status;
  [field: string]: unknown;
}

/** A group/version/kind triple. `group` is `''` for the core group (`v1`). */
export interface GroupVersionKind {
  group: string;
  version: string;
  kind: string;
}

/** A group/kind pair, as used by Flux inventory ids and kstatus rule tables. */
export interface GroupKind {
  group: string;
  kind: string;
}

/**
 * A reference to one object: `apiVersion` (optional where the kind is unambiguous), `kind`, `name`
 * and `namespace` (absent for cluster-scoped objects).
 *
 * @see https://github.com/fluxcd/pkg/blob/main/apis/meta/reference_types.go `NamespacedObjectKindReference`
 */
export interface ObjectRef {
  apiVersion?: string;
  kind: string;
  name: string;
  namespace?: string;
}
