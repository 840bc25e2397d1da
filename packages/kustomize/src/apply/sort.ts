import { type KubeObject, parseApiVersion } from '@gitops-kit/core';

/**
 * Flux's apply order by kind (`ssa.ReconcileOrder`): these kinds first, in this order, then every
 * other kind, then the webhook configurations last.
 *
 * @see https://github.com/fluxcd/pkg/blob/main/ssa/sort.go
 */
export const ReconcileOrder = {
  first: [
    'CustomResourceDefinition',
    'Namespace',
    'ClusterRole',
    'ClusterClass',
    'RuntimeClass',
    'PriorityClass',
    'StorageClass',
    'VolumeSnapshotClass',
    'IngressClass',
    'GatewayClass',
    'ClusterRoleBinding',
    'ResourceQuota',
    'ServiceAccount',
    'Role',
    'RoleBinding',
    'ConfigMap',
    'Secret',
    'Service',
    'LimitRange',
    'Deployment',
    'StatefulSet',
    'CronJob',
    'PodDisruptionBudget',
  ],
  last: ['MutatingWebhookConfiguration', 'ValidatingWebhookConfiguration'],
} as const;

const kindIndex = new Map<string, number>();
for (const [i, k] of ReconcileOrder.first.entries()) kindIndex.set(k, i - ReconcileOrder.first.length);
for (const [i, k] of ReconcileOrder.last.entries()) kindIndex.set(k, i + 1);

/** The identity sorting works on: group, kind, namespace, name. */
export interface SortKey {
  group: string;
  kind: string;
  namespace: string;
  name: string;
}

/** The {@link SortKey} of an object. */
export function sortKeyOf(obj: KubeObject): SortKey {
  return {
    group: parseApiVersion(obj.apiVersion).group,
    kind: obj.kind,
    namespace: obj.metadata?.namespace ?? '',
    name: obj.metadata?.name ?? '',
  };
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Flux's object order (`ssa.SortableUnstructureds`): by kind rank ({@link ReconcileOrder}), then
 * group, kind, namespace and name (byte order). Deletion uses the reverse.
 */
export function compareSortKeys(a: SortKey, b: SortKey): number {
  if (a.group !== b.group || a.kind !== b.kind) {
    const ia = kindIndex.get(a.kind) ?? 0;
    const ib = kindIndex.get(b.kind) ?? 0;
    if (ia !== ib) return ia - ib;
    if (a.group !== b.group) return cmp(a.group, b.group);
    return cmp(a.kind, b.kind);
  }
  if (a.namespace !== b.namespace) return cmp(a.namespace, b.namespace);
  return cmp(a.name, b.name);
}

/** Sorts objects in Flux's apply order (stable; returns a new array). */
export function sortObjects<T extends KubeObject>(objects: readonly T[]): T[] {
  return objects
    .map((o) => ({ o, k: sortKeyOf(o) }))
    .sort((x, y) => compareSortKeys(x.k, y.k))
    .map((x) => x.o);
}

/** Apply stages of `ApplyAllStaged`: cluster definitions and classes are applied and waited for first. */
export const ApplyStage = {
  /** CRDs (`apiextensions.k8s.io/*`), `v1` Namespaces, `rbac.authorization.k8s.io/*` ClusterRoles. */
  ClusterDefinitions: 'ClusterDefinitions',
  /** Any kind whose name ends in `Class`. */
  Classes: 'Classes',
  /** Kinds listed in `customStageKinds` (applied, not waited for). */
  Custom: 'Custom',
  /** Everything else. */
  Resources: 'Resources',
} as const;
/** @see {@link ApplyStage} */
export type ApplyStage = (typeof ApplyStage)[keyof typeof ApplyStage];

/**
 * The stage of an object (`utils.IsClusterDefinition`, `IsClassDefinition`, `IsCustomStage`).
 *
 * @param customStageKinds - `group/Kind` (or `Kind` for the core group) keys of the custom stage.
 * @see https://github.com/fluxcd/pkg/blob/main/ssa/utils/is.go
 */
export function applyStageOf(obj: KubeObject, customStageKinds: ReadonlySet<string> = new Set()): ApplyStage {
  const kind = obj.kind.toLowerCase();
  const av = obj.apiVersion;
  if (
    (kind === 'customresourcedefinition' && av.startsWith('apiextensions.k8s.io/')) ||
    (kind === 'namespace' && av === 'v1') ||
    (kind === 'clusterrole' && av.startsWith('rbac.authorization.k8s.io/'))
  ) {
    return ApplyStage.ClusterDefinitions;
  }
  if (obj.kind.endsWith('Class')) return ApplyStage.Classes;
  const group = parseApiVersion(av).group;
  if (customStageKinds.has(group ? `${group}/${obj.kind}` : obj.kind)) return ApplyStage.Custom;
  return ApplyStage.Resources;
}
