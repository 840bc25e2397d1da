import type { Condition, KubeObject, ObjectRef } from '@gitops-kit/core';

/**
 * Flux's `kustomize.toolkit.fluxcd.io/v1` Kustomization, field for field. Durations are Go
 * duration strings (`10m`, `1h30m`), parsed at the boundary.
 *
 * @see https://github.com/fluxcd/kustomize-controller/blob/main/api/v1/kustomization_types.go
 * @see https://fluxcd.io/flux/components/kustomize/kustomizations/
 */
export type Kustomization = KubeObject<KustomizationSpec, KustomizationStatus> & {
  apiVersion: typeof KustomizationApiVersion;
  kind: 'Kustomization';
  spec: KustomizationSpec;
};

/** `kustomize.toolkit.fluxcd.io/v1`. */
export const KustomizationApiVersion = 'kustomize.toolkit.fluxcd.io/v1';
/** The API group, also the prefix of the owner labels and annotations. */
export const KustomizationGroup = 'kustomize.toolkit.fluxcd.io';

/** `spec` of a {@link Kustomization}. */
export interface KustomizationSpec {
  /** Source of the manifests: `{kind: GitRepository|OCIRepository|Bucket|ExternalArtifact, name, namespace?}`. */
  sourceRef: { apiVersion?: string; kind: string; name: string; namespace?: string };
  /** Directory in the artifact (default: its root). */
  path?: string;
  /** Reconcile interval (Go duration, required). */
  interval: string;
  /** Requeue after a failure (default: `interval`). */
  retryInterval?: string;
  /** Bounds build, apply and health checks (default `interval − 30s`, at least 30s). */
  timeout?: string;
  /** Garbage-collect objects that left the inventory (required). */
  prune: boolean;
  /** `MirrorPrune` (default), `Delete`, `WaitForTermination` or `Orphan`. */
  deletionPolicy?: DeletionPolicy;
  dependsOn?: DependencyReference[];
  suspend?: boolean;
  targetNamespace?: string;
  namePrefix?: string;
  nameSuffix?: string;
  commonMetadata?: { labels?: Record<string, string>; annotations?: Record<string, string> };
  patches?: { patch: string; target?: Selector }[];
  images?: { name: string; newName?: string; newTag?: string; digest?: string }[];
  components?: string[];
  ignoreMissingComponents?: boolean;
  buildMetadata?: ('originAnnotations' | 'transformerAnnotations')[];
  postBuild?: PostBuild;
  /** SOPS decryption — not supported by GitOps Kit yet (rejected with `DecryptionNotSupported`). */
  decryption?: { provider: string; secretRef?: { name: string }; serviceAccountName?: string };
  serviceAccountName?: string;
  kubeConfig?: unknown;
  /** Objects to wait for (ignored when `wait` is true). */
  healthChecks?: ObjectRef[];
  /** CEL health rules per API group/kind. */
  healthCheckExprs?: CustomHealthCheck[];
  /** Wait for every applied object to be healthy. */
  wait?: boolean;
  /** Recreate objects whose immutable fields changed. */
  force?: boolean;
  ignore?: { paths: string[]; target?: Selector }[];
}

/** `spec.deletionPolicy` values. */
export const DeletionPolicy = {
  MirrorPrune: 'MirrorPrune',
  Delete: 'Delete',
  WaitForTermination: 'WaitForTermination',
  Orphan: 'Orphan',
} as const;
/** @see {@link DeletionPolicy} */
export type DeletionPolicy = (typeof DeletionPolicy)[keyof typeof DeletionPolicy];

/** `dependsOn[]`: `{name, namespace? (default: the Kustomization's), readyExpr? (CEL)}`. */
export interface DependencyReference {
  name: string;
  namespace?: string;
  readyExpr?: string;
}

/** A kustomize selector (`patches[].target`, `ignore[].target`). */
export interface Selector {
  group?: string;
  version?: string;
  kind?: string;
  name?: string;
  namespace?: string;
  annotationSelector?: string;
  labelSelector?: string;
}

/** `healthCheckExprs[]`: CEL expressions over the object's fields deciding its status. */
export interface CustomHealthCheck {
  apiVersion: string;
  kind?: string;
  current: string;
  inProgress?: string;
  failed?: string;
}

/** `spec.postBuild`. */
export interface PostBuild {
  /** `WithVariables` (default: substitute only when at least one variable is set) or `Always`. */
  substituteStrategy?: 'WithVariables' | 'Always';
  /** Inline variables; they override every `substituteFrom` value. */
  substitute?: Record<string, string>;
  /** ConfigMaps/Secrets in the Kustomization's namespace, read in order (later wins). */
  substituteFrom?: SubstituteReference[];
}

/** `spec.postBuild.substituteFrom[]`. */
export interface SubstituteReference {
  kind: 'ConfigMap' | 'Secret';
  name: string;
  /** Tolerate a missing object (NotFound only). */
  optional?: boolean;
}

/** `status` of a {@link Kustomization}. */
export interface KustomizationStatus {
  observedGeneration?: number;
  conditions?: Condition[];
  lastHandledReconcileAt?: string;
  lastAppliedRevision?: string;
  lastAppliedOriginRevision?: string;
  lastAttemptedRevision?: string;
  inventory?: ResourceInventory;
  history?: HistoryEntry[];
}

/**
 * `status.inventory`: every object the last apply managed, as `{id, v}` where `id` is
 * `<namespace>_<name>_<group>_<kind>` and `v` the API version (`v1`, `v2`).
 */
export interface ResourceInventory {
  entries: { id: string; v: string }[];
}

/** One `status.history[]` entry (newest first, at most 5). */
export interface HistoryEntry {
  digest: string;
  firstReconciled: string;
  lastReconciled: string;
  lastReconciledDuration: string;
  lastReconciledStatus: string;
  totalReconciliations: number;
  metadata?: Record<string, string>;
}

/** Annotation/label keys Flux's kustomize-controller honours on managed objects. */
export const KustomizeAnnotation = {
  /** `disabled`: skip post-build substitution for this object (label or annotation). */
  Substitute: 'kustomize.toolkit.fluxcd.io/substitute',
  /** `disabled`: never apply or prune this object. */
  Reconcile: 'kustomize.toolkit.fluxcd.io/reconcile',
  /** `disabled`: never prune this object. */
  Prune: 'kustomize.toolkit.fluxcd.io/prune',
  /** `Override` (default), `Merge`, `IfNotPresent`, `Ignore`. */
  SSA: 'kustomize.toolkit.fluxcd.io/ssa',
  /** `enabled`: recreate on immutable-field errors even without `spec.force`. */
  Force: 'kustomize.toolkit.fluxcd.io/force',
  /** Owner label: the Kustomization's name. */
  OwnerName: 'kustomize.toolkit.fluxcd.io/name',
  /** Owner label: the Kustomization's namespace. */
  OwnerNamespace: 'kustomize.toolkit.fluxcd.io/namespace',
} as const;
