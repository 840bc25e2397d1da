import { HelmError } from '../errors.js';
import { decodeYaml, GoYamlError, jsonKind } from '../values/goYaml.js';
import { isTable, type Value } from '../values/types.js';

/**
 * Turning rendered templates into ordered manifests and hooks as Helm does
 * (`releaseutil.SortManifests`): files in path order, each split on `---` lines, empty documents
 * dropped, each document's head (`apiVersion`, `kind`, `metadata.name`, `metadata.annotations`)
 * parsed; documents with a `helm.sh/hook` annotation become hooks, the others manifests; both sorted
 * by kind in Helm's install order (stable: file/document order within a kind).
 *
 * @see https://github.com/helm/helm/blob/v3.17.2/pkg/releaseutil/manifest_sorter.go
 * @see https://github.com/helm/helm/blob/v3.17.2/pkg/releaseutil/kind_sorter.go
 */

/** Helm's install order of kinds; unknown kinds come after, alphabetically. */
export const InstallOrder: readonly string[] = [
  'PriorityClass',
  'Namespace',
  'NetworkPolicy',
  'ResourceQuota',
  'LimitRange',
  'PodSecurityPolicy',
  'PodDisruptionBudget',
  'ServiceAccount',
  'Secret',
  'SecretList',
  'ConfigMap',
  'StorageClass',
  'PersistentVolume',
  'PersistentVolumeClaim',
  'CustomResourceDefinition',
  'ClusterRole',
  'ClusterRoleList',
  'ClusterRoleBinding',
  'ClusterRoleBindingList',
  'Role',
  'RoleList',
  'RoleBinding',
  'RoleBindingList',
  'Service',
  'DaemonSet',
  'Pod',
  'ReplicationController',
  'ReplicaSet',
  'Deployment',
  'HorizontalPodAutoscaler',
  'StatefulSet',
  'Job',
  'CronJob',
  'IngressClass',
  'Ingress',
  'APIService',
];

/** Helm's uninstall order (reverse of install for known kinds). */
export const UninstallOrder: readonly string[] = [
  'APIService',
  'Ingress',
  'IngressClass',
  'Service',
  'CronJob',
  'Job',
  'StatefulSet',
  'HorizontalPodAutoscaler',
  'Deployment',
  'ReplicaSet',
  'ReplicationController',
  'Pod',
  'DaemonSet',
  'RoleBindingList',
  'RoleBinding',
  'RoleList',
  'Role',
  'ClusterRoleBindingList',
  'ClusterRoleBinding',
  'ClusterRoleList',
  'ClusterRole',
  'CustomResourceDefinition',
  'PersistentVolumeClaim',
  'PersistentVolume',
  'StorageClass',
  'ConfigMap',
  'SecretList',
  'Secret',
  'ServiceAccount',
  'PodDisruptionBudget',
  'PodSecurityPolicy',
  'LimitRange',
  'ResourceQuota',
  'NetworkPolicy',
  'Namespace',
  'PriorityClass',
];

/** The head of a manifest (Helm's `releaseutil.SimpleHead`). */
export interface ManifestHead {
  apiVersion: string;
  kind: string;
  metadata?: { name: string; annotations?: Record<string, string> };
}

/** A rendered, non-hook document. */
export interface Manifest {
  /** Template path, e.g. `mychart/templates/service.yaml` (the `# Source:` line). */
  name: string;
  /** The document text, trimmed. */
  content: string;
  head: ManifestHead;
}

/** Hook events (`helm.sh/hook` values). */
export const HookEvent = {
  PreInstall: 'pre-install',
  PostInstall: 'post-install',
  PreDelete: 'pre-delete',
  PostDelete: 'post-delete',
  PreUpgrade: 'pre-upgrade',
  PostUpgrade: 'post-upgrade',
  PreRollback: 'pre-rollback',
  PostRollback: 'post-rollback',
  Test: 'test',
} as const;
/** @see {@link HookEvent} */
export type HookEvent = (typeof HookEvent)[keyof typeof HookEvent];

/** A hook document (Helm's `release.Hook`). */
export interface Hook {
  name: string;
  kind: string;
  /** Template path. */
  path: string;
  manifest: string;
  events: HookEvent[];
  /** `helm.sh/hook-weight` as an integer (0 when absent or not an integer). */
  weight: number;
  /** `helm.sh/hook-delete-policy` entries, lower-cased. */
  deletePolicies: string[];
}

const events: Record<string, HookEvent> = {
  'pre-install': 'pre-install',
  'post-install': 'post-install',
  'pre-delete': 'pre-delete',
  'post-delete': 'post-delete',
  'pre-upgrade': 'pre-upgrade',
  'post-upgrade': 'post-upgrade',
  'pre-rollback': 'pre-rollback',
  'post-rollback': 'post-rollback',
  test: 'test',
  'test-success': 'test',
};

// Go's regexp `\s` is [\t\n\f\r ].
const SEP = /(?:^|[\t\n\f\r ]*\n)---[\t\n\f\r ]*/;

/** Go's `strings.TrimSpace` (Unicode white space). */
export function goTrimSpace(s: string): string {
  let i = 0;
  let j = s.length;
  while (i < j && isGoSpace(s.charCodeAt(i))) i++;
  while (j > i && isGoSpace(s.charCodeAt(j - 1))) j--;
  return i === 0 && j === s.length ? s : s.slice(i, j);
}

/** Go's `unicode.IsSpace` (unlike JavaScript's `\s`, not U+FEFF). */
function isGoSpace(c: number): boolean {
  if (c <= 0xff) return c === 0x20 || (c >= 0x09 && c <= 0x0d) || c === 0x85 || c === 0xa0;
  return (
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000
  );
}

/** Helm's `SplitManifests`: the non-empty documents of a YAML stream, trimmed, in order. */
export function splitManifests(bigFile: string): string[] {
  const docs = goTrimSpace(bigFile).split(SEP);
  const out: string[] = [];
  for (const d of docs) {
    if (d === '') continue;
    out.push(goTrimSpace(d));
  }
  return out;
}

/** Go's `strconv.Atoi` for hook weights (0 on failure). */
function atoi(s: string | undefined): number {
  if (s === undefined || !/^[+-]?[0-9]+$/.test(s)) return 0;
  const n = Number(s);
  return Number.isSafeInteger(n) ? n : 0;
}

class HeadError extends Error {}

function headStringField(v: Value | undefined, struct: string, path: string): string {
  if (v === undefined || v === null) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') {
    // sigs.k8s.io/yaml coerces numbers and booleans to strings for string fields.
    return typeof v === 'boolean' ? String(v) : String(v);
  }
  throw new HeadError(
    `json: cannot unmarshal ${jsonKind(v)} into Go struct field ${struct}.${path} of type string`,
  );
}

/**
 * Parses the head of one document like `yaml.Unmarshal(doc, &SimpleHead{})`.
 * @throws {@link GoYamlError} with sigs.k8s.io/yaml's wording.
 */
export function parseManifestHead(doc: string): ManifestHead {
  const v = decodeYaml(doc);
  try {
    if (v === null) return { apiVersion: '', kind: '' };
    if (!isTable(v)) {
      throw new HeadError(
        `json: cannot unmarshal ${jsonKind(v)} into Go value of type releaseutil.SimpleHead`,
      );
    }
    const head: ManifestHead = {
      apiVersion: headStringField(v.apiVersion, 'SimpleHead', 'apiVersion'),
      kind: headStringField(v.kind, 'SimpleHead', 'kind'),
    };
    const md = v.metadata;
    if (md !== undefined && md !== null) {
      if (!isTable(md)) {
        throw new HeadError(
          `json: cannot unmarshal ${jsonKind(md)} into Go struct field SimpleHead.metadata of type struct { Name string "json:\\"name\\""; Annotations map[string]string "json:\\"annotations\\"" }`,
        );
      }
      head.metadata = { name: headStringField(md.name, '', 'metadata.name') };
      const ann = md.annotations;
      if (ann !== undefined && ann !== null) {
        if (!isTable(ann)) {
          throw new HeadError(
            `json: cannot unmarshal ${jsonKind(ann)} into Go struct field .metadata.annotations of type map[string]string`,
          );
        }
        const out: Record<string, string> = {};
        for (const [k, x] of Object.entries(ann)) out[k] = headStringField(x, '', 'metadata.annotations');
        head.metadata.annotations = out;
      }
    }
    return head;
  } catch (e) {
    if (e instanceof HeadError)
      throw new GoYamlError(`error unmarshaling JSON: while decoding JSON: ${e.message}`);
    throw e;
  }
}

function kindIndex(order: readonly string[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const [i, k] of order.entries()) m.set(k, i);
  return m;
}

/** Stable sort by kind in `order` (unknown kinds last, alphabetically). */
export function sortByKind<T>(
  items: T[],
  kindOf: (t: T) => string,
  order: readonly string[] = InstallOrder,
): T[] {
  const idx = kindIndex(order);
  return items
    .map((item, i) => ({ item, i }))
    .sort((a, b) => {
      const ka = kindOf(a.item);
      const kb = kindOf(b.item);
      const fa = idx.get(ka);
      const fb = idx.get(kb);
      if (fa === undefined && fb === undefined) {
        if (ka !== kb) return ka < kb ? -1 : 1;
        return a.i - b.i;
      }
      if (fa === undefined) return 1;
      if (fb === undefined) return -1;
      if (fa !== fb) return fa - fb;
      return a.i - b.i;
    })
    .map((x) => x.item);
}

/** Result of {@link sortManifests}. */
export interface SortedManifests {
  hooks: Hook[];
  manifests: Manifest[];
  /**
   * Informational lines Helm logs, with its log prefix as helm prints them on stderr
   * (`manifest_sorter.go:190: info: skipping unknown hook: "..."`).
   */
  infos: string[];
}

/**
 * Helm's `SortManifests(files, ..., InstallOrder)`: `files` maps template paths to rendered text
 * (partials and blank files are skipped). `onInfo` is called with each of
 * {@link SortedManifests.infos} as Helm logs it, so the lines logged before a failing manifest are
 * seen too.
 * @throws {@link HelmError} `InvalidManifest` (`YAML parse error on <path>: ...`).
 */
export function sortManifests(
  files: Map<string, string>,
  order: readonly string[] = InstallOrder,
  onInfo?: (info: string) => void,
): SortedManifests {
  const hooks: Hook[] = [];
  const manifests: Manifest[] = [];
  const infos: string[] = [];
  const paths = [...files.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  for (const filePath of paths) {
    const content = files.get(filePath)!;
    const base = filePath.slice(filePath.lastIndexOf('/') + 1);
    if (base.startsWith('_')) continue;
    if (goTrimSpace(content) === '') continue;
    for (const m of splitManifests(content)) {
      let head: ManifestHead;
      try {
        head = parseManifestHead(m);
      } catch (e) {
        throw new HelmError('InvalidManifest', `YAML parse error on ${filePath}: ${(e as Error).message}`, {
          cause: e,
          data: { file: filePath, render: true },
        });
      }
      const annotations = head.metadata?.annotations;
      const hookTypes =
        annotations && Object.keys(annotations).length > 0 ? annotations['helm.sh/hook'] : undefined;
      if (hookTypes === undefined) {
        manifests.push({ name: filePath, content: m, head });
        continue;
      }
      const h: Hook = {
        name: head.metadata?.name ?? '',
        kind: head.kind,
        path: filePath,
        manifest: m,
        events: [],
        weight: atoi(annotations?.['helm.sh/hook-weight']),
        deletePolicies: [],
      };
      let unknown = false;
      for (const t of hookTypes.split(',')) {
        const e = events[t.trim().toLowerCase()];
        if (e === undefined) {
          unknown = true;
          break;
        }
        h.events.push(e);
      }
      if (unknown) {
        const info = `manifest_sorter.go:190: info: skipping unknown hook: ${JSON.stringify(hookTypes)}`;
        infos.push(info);
        onInfo?.(info);
        continue;
      }
      hooks.push(h);
      const dp = annotations?.['helm.sh/hook-delete-policy'];
      if (dp !== undefined) for (const p of dp.split(',')) h.deletePolicies.push(p.trim().toLowerCase());
    }
  }
  return {
    hooks: sortByKind(hooks, (h) => h.kind, order),
    manifests: sortByKind(manifests, (m) => m.head.kind, order),
    infos,
  };
}
