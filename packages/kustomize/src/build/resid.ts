/**
 * Resource identities (group/version/kind + name + namespace) with kustomize's matching rules:
 * the effective namespace of a namespaced object without one is `default`, cluster-scoped objects
 * have none, and a selector GVK matches on the fields it sets.
 *
 * @see https://github.com/kubernetes-sigs/kustomize/blob/kyaml/v0.18.1/kyaml/resid/resid.go
 * @see https://github.com/kubernetes-sigs/kustomize/blob/kyaml/v0.18.1/kyaml/resid/gvk.go
 */

/** Group, version, kind; `clusterScoped` is known-cluster-scoped (from the schema). */
export interface Gvk {
  readonly group: string;
  readonly version: string;
  readonly kind: string;
  readonly clusterScoped: boolean;
}

/** A resource id. */
export interface ResId {
  readonly gvk: Gvk;
  readonly name: string;
  readonly namespace: string;
}

export const TOTALLY_NOT_A_NAMESPACE = '_non_namespaceable_';
export const DEFAULT_NAMESPACE = 'default';

/** `group/version` → [group, version]. */
export function parseGroupVersion(apiVersion: string): [string, string] {
  const i = apiVersion.indexOf('/');
  return i > -1 ? [apiVersion.slice(0, i), apiVersion.slice(i + 1)] : ['', apiVersion];
}

export function apiVersionOf(gvk: { group: string; version: string }): string {
  return gvk.group !== '' ? `${gvk.group}/${gvk.version}` : gvk.version;
}

/** `Kind.version.group` with `[noKind]`/`[noVer]`/`[noGrp]` placeholders. */
export function gvkString(g: { group: string; version: string; kind: string }): string {
  return `${g.kind || '[noKind]'}.${g.version || '[noVer]'}.${g.group || '[noGrp]'}`;
}

/** `gvk/name.namespace` as kustomize prints ids. */
export function resIdString(id: ResId): string {
  return `${gvkString(id.gvk)}/${id.name || '[noName]'}.${id.namespace || '[noNs]'}`;
}

/** Parses {@link resIdString}'s format (cluster scope unknown). */
export function resIdFromString(s: string): ResId {
  const slash = s.indexOf('/');
  const gvkPart = slash >= 0 ? s.slice(0, slash) : s;
  const rest = slash >= 0 ? s.slice(slash + 1) : '';
  const gv = gvkPart.split('.');
  let gvk: Gvk;
  if (gv.length < 3) gvk = { group: '[noGrp]', version: '[noVer]', kind: '[noKind]', clusterScoped: false };
  else {
    const k = gv[0] === '[noKind]' ? '' : gv[0]!;
    const v = gv[1] === '[noVer]' ? '' : gv[1]!;
    const g = gv.slice(2).join('.');
    gvk = { group: g === '[noGrp]' ? '' : g, version: v, kind: k, clusterScoped: false };
  }
  const parts = rest.split('.');
  let ns = parts[parts.length - 1] ?? '';
  if (ns === '[noNs]') ns = '';
  let nm = parts.slice(0, -1).join('.');
  if (nm === '[noName]') nm = '';
  return { gvk, name: nm, namespace: ns };
}

/** kyaml `EffectiveNamespace`. */
export function effectiveNamespace(id: ResId): string {
  if (id.gvk.clusterScoped) return TOTALLY_NOT_A_NAMESPACE;
  if (id.namespace === '' || id.namespace === DEFAULT_NAMESPACE) return DEFAULT_NAMESPACE;
  return id.namespace;
}

export function gvkEquals(a: Gvk, b: Gvk): boolean {
  return a.group === b.group && a.version === b.version && a.kind === b.kind;
}

/** kyaml `Gvk.IsSelected`: empty selector fields match anything. */
export function gvkIsSelected(
  x: { group: string; version: string; kind: string },
  sel?: { group?: string; version?: string; kind?: string } | null,
): boolean {
  if (!sel) return true;
  if (sel.group && x.group !== sel.group) return false;
  if (sel.version && x.version !== sel.version) return false;
  if (sel.kind && x.kind !== sel.kind) return false;
  return true;
}

export function isNsEquals(a: ResId, b: ResId): boolean {
  return effectiveNamespace(a) === effectiveNamespace(b);
}

export function gvknEquals(a: ResId, b: ResId): boolean {
  return a.name === b.name && gvkEquals(a.gvk, b.gvk);
}

/** kyaml `ResId.Equals`. */
export function resIdEquals(a: ResId, b: ResId): boolean {
  return isNsEquals(a, b) && gvknEquals(a, b);
}

/** kyaml `ResId.IsSelectedBy`. */
export function resIdIsSelectedBy(id: ResId, sel: ResId): boolean {
  return (
    (sel.name === '' || sel.name === id.name) &&
    (sel.namespace === '' || isNsEquals(sel, id)) &&
    gvkIsSelected(id.gvk, sel.gvk)
  );
}

// ---- legacy sort order ----------------------------------------------------------------------------

const ORDER_FIRST = [
  'Namespace',
  'ResourceQuota',
  'StorageClass',
  'CustomResourceDefinition',
  'ServiceAccount',
  'PodSecurityPolicy',
  'Role',
  'ClusterRole',
  'RoleBinding',
  'ClusterRoleBinding',
  'ConfigMap',
  'Secret',
  'Endpoints',
  'Service',
  'LimitRange',
  'PriorityClass',
  'PersistentVolume',
  'PersistentVolumeClaim',
  'Deployment',
  'StatefulSet',
  'CronJob',
  'PodDisruptionBudget',
];
const ORDER_LAST = ['MutatingWebhookConfiguration', 'ValidatingWebhookConfiguration'];
const TYPE_ORDERS = new Map<string, number>();
ORDER_FIRST.forEach((k, i) => {
  TYPE_ORDERS.set(k, -ORDER_FIRST.length + i);
});
ORDER_LAST.forEach((k, i) => {
  TYPE_ORDERS.set(k, 1 + i);
});

function stableSortString(g: { group: string; version: string; kind: string }): string {
  return `${g.group || '~G'}_${g.version || '~V'}_${g.kind || '~K'}`;
}

/** kyaml `Gvk.IsLessThan` as a comparator. */
export function compareGvk(
  a: { group: string; version: string; kind: string },
  b: { group: string; version: string; kind: string },
): number {
  const ia = TYPE_ORDERS.get(a.kind) ?? 0;
  const ib = TYPE_ORDERS.get(b.kind) ?? 0;
  if (ia !== ib) return ia < ib ? -1 : 1;
  const sa = stableSortString(a);
  const sb = stableSortString(b);
  return sa < sb ? -1 : sa > sb ? 1 : 0;
}
