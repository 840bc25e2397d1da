import type { KubeObject } from '../object/types.js';

/**
 * Identifies one object: `apiVersion`, `kind`, `name`, and `namespace` for namespaced kinds.
 */
export interface ResourceRef {
  apiVersion: string;
  kind: string;
  name: string;
  namespace?: string;
}

/** Identifies a kind (for list and watch): `apiVersion` and `kind`. */
export interface ResourceType {
  apiVersion: string;
  kind: string;
}

/** Options every cluster call takes. */
export interface RequestOptions {
  /** Aborts the call; it rejects with `Aborted`. */
  signal?: AbortSignal;
}

/** Options of write calls. */
export interface WriteOptions extends RequestOptions {
  /** Field manager recorded in `managedFields` (Kubernetes `fieldManager`). */
  fieldManager?: string;
  /** Validate and compute the result without persisting it (Kubernetes `dryRun=All`). */
  dryRun?: boolean;
}

/** Options of {@link ClusterClient.apply} (server-side apply). */
export interface ApplyOptions extends RequestOptions {
  /** Field manager that will own the applied fields. Required, as the API server requires it. */
  fieldManager: string;
  /** Take ownership of fields owned by other managers instead of failing with `ApplyConflict`. */
  force?: boolean;
  /** Compute the result without persisting it (`dryRun=All`). */
  dryRun?: boolean;
}

/** Kubernetes patch types accepted by {@link ClusterClient.patch}. */
export const PatchType = {
  /** RFC 7386 JSON merge patch (`application/merge-patch+json`). */
  Merge: 'merge',
  /** RFC 6902 JSON patch (`application/json-patch+json`). */
  Json: 'json',
} as const;
/** @see {@link PatchType} */
export type PatchType = (typeof PatchType)[keyof typeof PatchType];

/** Options of {@link ClusterClient.patch}. */
export interface PatchOptions extends WriteOptions {
  /** Patch type. */
  type: PatchType;
  /** Patch the `status` subresource instead of the main resource. */
  subresource?: 'status';
}

/** Kubernetes deletion propagation policy. */
export const PropagationPolicy = {
  Foreground: 'Foreground',
  Background: 'Background',
  Orphan: 'Orphan',
} as const;
/** @see {@link PropagationPolicy} */
export type PropagationPolicy = (typeof PropagationPolicy)[keyof typeof PropagationPolicy];

/** Options of {@link ClusterClient.delete}. */
export interface DeleteOptions extends RequestOptions {
  /** Default `Background`, as the API server's default for most kinds. */
  propagationPolicy?: PropagationPolicy;
  dryRun?: boolean;
}

/**
 * Result of a delete: `deleted` when the object is gone, `terminating` when finalizers keep it
 * (it then carries `metadata.deletionTimestamp`), `notFound` when it did not exist.
 */
export type DeleteResult =
  | { status: 'deleted' }
  | { status: 'terminating'; object: KubeObject }
  | { status: 'notFound' };

/** Options of list and watch. */
export interface ListOptions extends RequestOptions {
  /** Only this namespace (omit for all namespaces, or for cluster-scoped kinds). */
  namespace?: string;
  /** Kubernetes label selector syntax: `app=web,tier!=db,env in (a,b),!legacy`. */
  labelSelector?: string;
  /** Kubernetes field selector syntax; at least `metadata.name` and `metadata.namespace` are supported. */
  fieldSelector?: string;
}

/** Options of {@link ClusterClient.watch}. */
export interface WatchOptions extends ListOptions {
  /** Start after this resourceVersion; omitted: the current objects arrive first as `ADDED`. */
  resourceVersion?: string;
}

/** One watch event, as the Kubernetes watch API sends it. */
export interface WatchEvent {
  type: 'ADDED' | 'MODIFIED' | 'DELETED';
  object: KubeObject;
}

/** What discovery knows of one kind. */
export interface ApiResource {
  group: string;
  version: string;
  kind: string;
  /** Lower-case plural used in URLs, e.g. `deployments`. */
  plural: string;
  namespaced: boolean;
  /** Subresources served, e.g. `['status']`. */
  subresources: string[];
}

/**
 * The one cluster interface of GitOps Kit. Two implementations: `MemoryCluster` (embedded,
 * in-process) and the `@kubernetes/client-node` adapter (`@gitops-kit/core/kube`). Both pass the
 * same contract suite (`describeClusterClient` in `@gitops-kit/core/testing`); where they disagree,
 * the real API server is right.
 *
 * Errors are `CoreError`s: `NotFound`, `AlreadyExists`, `Conflict`, `ApplyConflict`, `Invalid`,
 * `UnknownKind`, `NamespaceNotFound`, `Forbidden`, `Expired` (watch), `InvalidObject`, `InvalidArgument`,
 * `Timeout`, `ServerError`, `Aborted`; messages name the object as `Kind/namespace/name` (see
 * `docs/errors.md`).
 */
export interface ClusterClient {
  /** Reads one object; `undefined` when it does not exist. @throws `UnknownKind` for unserved kinds. */
  get(ref: ResourceRef, options?: RequestOptions): Promise<KubeObject | undefined>;
  /** Lists objects of a kind, sorted by namespace then name. */
  list(type: ResourceType, options?: ListOptions): Promise<KubeObject[]>;
  /** Creates an object. @throws `AlreadyExists`, `NamespaceNotFound`, `Invalid`. */
  create(object: KubeObject, options?: WriteOptions): Promise<KubeObject>;
  /** Replaces an object; a set `metadata.resourceVersion` must match. @throws `NotFound`, `Conflict`. */
  update(object: KubeObject, options?: WriteOptions): Promise<KubeObject>;
  /** Replaces the `status` subresource; `spec` and `metadata` are ignored. */
  updateStatus(object: KubeObject, options?: WriteOptions): Promise<KubeObject>;
  /**
   * Server-side apply (`application/apply-patch+yaml`): creates the object or merges the fields
   * `options.fieldManager` sets, records ownership in `managedFields`, removes fields this manager
   * owned before and no longer sets. @throws `ApplyConflict` when another manager owns a field
   * with a different value and `force` is not set.
   */
  apply(object: KubeObject, options: ApplyOptions): Promise<KubeObject>;
  /** Server-side apply to the `status` subresource. */
  applyStatus(object: KubeObject, options: ApplyOptions): Promise<KubeObject>;
  /** Patches an object (merge or JSON patch), optionally its `status` subresource. */
  patch(ref: ResourceRef, patch: unknown, options: PatchOptions): Promise<KubeObject>;
  /** Deletes an object with a propagation policy. */
  delete(ref: ResourceRef, options?: DeleteOptions): Promise<DeleteResult>;
  /**
   * Watches a kind. The iterable ends when `options.signal` aborts. Optional: callers fall back to
   * polling when it is absent.
   */
  watch?(type: ResourceType, options?: WatchOptions): AsyncIterable<WatchEvent>;
  /** Discovery: the kind's resource, or `undefined` when the cluster does not serve it. */
  resourceFor(type: ResourceType, options?: RequestOptions): Promise<ApiResource | undefined>;
  /** Discovery: every kind the cluster serves. */
  resources(options?: RequestOptions): Promise<ApiResource[]>;
}
