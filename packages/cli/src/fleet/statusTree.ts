import { type Condition, type KubeObject, getCondition, parseResourceId } from '@gitops-kit/core';

/** One Flux object's status, as `gitops-kit reconcile` and `get all` print it. */
export interface FluxObjectStatus {
  kind: string;
  namespace: string;
  name: string;
  /** GitRepository: `status.artifact.revision`; Kustomization: `status.lastAppliedRevision` (else the last attempted one); `''` when none. */
  revision: string;
  /** `spec.suspend`. */
  suspended: boolean;
  /** `True`, `False` or `Unknown` (no Ready condition yet). */
  ready: string;
  reason: string;
  message: string;
  conditions: Condition[];
  /** Kustomization `status.inventory.entries` as `Kind/namespace/name` (or `Kind/name` when cluster-scoped). */
  inventory?: string[];
  /** Kustomization `spec.sourceRef`, as `Kind/namespace/name`. */
  source?: string;
  /** Kustomization `spec.dependsOn`, as `namespace/name`. */
  dependsOn?: string[];
}

const ref = (kind: string, namespace: string | undefined, name: string) =>
  namespace ? `${kind}/${namespace}/${name}` : `${kind}/${name}`;

/** The status of a Flux object read from the cluster. */
export function fluxObjectStatus(obj: KubeObject): FluxObjectStatus {
  const status = (obj.status ?? {}) as {
    artifact?: { revision?: string };
    lastAppliedRevision?: string;
    lastAttemptedRevision?: string;
    conditions?: Condition[];
    inventory?: { entries?: { id: string }[] };
  };
  const spec = (obj.spec ?? {}) as {
    suspend?: boolean;
    sourceRef?: { kind?: string; name?: string; namespace?: string };
    dependsOn?: { name: string; namespace?: string }[];
  };
  const namespace = obj.metadata.namespace ?? '';
  const ready = getCondition(obj, 'Ready');
  const out: FluxObjectStatus = {
    kind: obj.kind,
    namespace,
    name: obj.metadata.name ?? '',
    revision: status.artifact?.revision ?? status.lastAppliedRevision ?? status.lastAttemptedRevision ?? '',
    suspended: spec.suspend === true,
    ready: ready?.status ?? 'Unknown',
    reason: ready?.reason ?? '',
    message: ready?.message ?? '',
    conditions: status.conditions ?? [],
  };
  if (obj.kind === 'Kustomization') {
    out.inventory = (status.inventory?.entries ?? []).map((e) => {
      try {
        const id = parseResourceId(e.id);
        return ref(id.kind, id.namespace, id.name);
      } catch {
        return e.id;
      }
    });
    if (spec.sourceRef?.name) {
      out.source = ref(
        spec.sourceRef.kind ?? 'GitRepository',
        spec.sourceRef.namespace || namespace,
        spec.sourceRef.name,
      );
    }
    out.dependsOn = (spec.dependsOn ?? []).map((d) => `${d.namespace || namespace}/${d.name}`);
  }
  return out;
}

/** Kustomizations in dependency order (dependencies first), ties by namespace/name. */
function dependencyOrder(list: FluxObjectStatus[]): FluxObjectStatus[] {
  const byKey = new Map(list.map((s) => [`${s.namespace}/${s.name}`, s]));
  const done = new Set<string>();
  const out: FluxObjectStatus[] = [];
  const visit = (s: FluxObjectStatus, stack: Set<string>) => {
    const key = `${s.namespace}/${s.name}`;
    if (done.has(key) || stack.has(key)) return;
    stack.add(key);
    for (const d of [...(s.dependsOn ?? [])].sort()) {
      const dep = byKey.get(d);
      if (dep) visit(dep, stack);
    }
    done.add(key);
    out.push(s);
  };
  for (const s of [...list].sort((a, b) =>
    `${a.namespace}/${a.name}` < `${b.namespace}/${b.name}` ? -1 : 1,
  )) {
    visit(s, new Set());
  }
  return out;
}

/** Sources first (sorted), each followed by the Kustomizations using it in dependency order. */
export function orderForTree(statuses: FluxObjectStatus[]): FluxObjectStatus[] {
  const sources = statuses
    .filter((s) => s.kind !== 'Kustomization')
    .sort((a, b) => (ref(a.kind, a.namespace, a.name) < ref(b.kind, b.namespace, b.name) ? -1 : 1));
  const ks = dependencyOrder(statuses.filter((s) => s.kind === 'Kustomization'));
  const out: FluxObjectStatus[] = [];
  for (const src of sources) {
    out.push(src);
    out.push(...ks.filter((k) => k.source === ref(src.kind, src.namespace, src.name)));
  }
  const placed = new Set(out);
  out.push(...ks.filter((k) => !placed.has(k)));
  return out;
}

const firstLine = (s: string) => {
  const lines = s.split('\n');
  return lines.length > 1 ? `${lines[0]} (+${lines.length - 1} lines)` : s;
};

/**
 * The status tree: each source, under it the Kustomizations built from it (dependencies first),
 * under each the objects of its inventory, like `flux tree` over `flux get all`:
 *
 * ```
 * OBJECT                                     REVISION             READY  MESSAGE
 * GitRepository/flux-system/flux-system      main@sha1:1f2e…      True   stored artifact for revision '…'
 * └── Kustomization/flux-system/apps         main@sha1:1f2e…      True   Applied revision: main@sha1:…
 *     ├── Service/apps/podinfo
 *     └── Deployment/apps/podinfo
 * ```
 *
 * READY is `True`, `False`, `Unknown`, or `Suspended`; multi-line messages show their first line.
 */
export function formatStatusTree(statuses: FluxObjectStatus[]): string {
  const ordered = orderForTree(statuses);
  const rows: { label: string; revision: string; ready: string; message: string }[] = [];
  const sourceKeys = new Set(
    ordered.filter((s) => s.kind !== 'Kustomization').map((s) => ref(s.kind, s.namespace, s.name)),
  );
  const children = (src: string) => ordered.filter((k) => k.kind === 'Kustomization' && k.source === src);
  const row = (prefix: string, s: FluxObjectStatus, childPrefix: string) => {
    rows.push({
      label: `${prefix}${ref(s.kind, s.namespace, s.name)}`,
      revision: s.revision,
      ready: s.suspended ? 'Suspended' : s.ready,
      message: firstLine(s.message),
    });
    const inv = s.inventory ?? [];
    inv.forEach((id, i) => {
      rows.push({
        label: `${childPrefix}${i === inv.length - 1 ? '└── ' : '├── '}${id}`,
        revision: '',
        ready: '',
        message: '',
      });
    });
  };
  for (const s of ordered) {
    if (s.kind !== 'Kustomization') {
      row('', s, '');
      const ks = children(ref(s.kind, s.namespace, s.name));
      ks.forEach((k, i) => {
        const last = i === ks.length - 1;
        row(last ? '└── ' : '├── ', k, last ? '    ' : '│   ');
      });
    } else if (!hasKnownSource(s, sourceKeys)) row('', s, '');
  }
  const w = (f: (r: (typeof rows)[number]) => string, title: string) =>
    Math.max(title.length, ...rows.filter((r) => r.ready !== '').map((r) => f(r).length));
  const wl = w((r) => r.label, 'OBJECT');
  const wr = w((r) => r.revision, 'REVISION');
  const wy = w((r) => r.ready, 'READY');
  const pad = (s: string, n: number) => s + ' '.repeat(Math.max(0, n - s.length));
  const lines = [`${pad('OBJECT', wl)}  ${pad('REVISION', wr)}  ${pad('READY', wy)}  MESSAGE`];
  for (const r of rows) {
    lines.push(
      r.ready === ''
        ? r.label
        : `${pad(r.label, wl)}  ${pad(r.revision, wr)}  ${pad(r.ready, wy)}  ${r.message}`.trimEnd(),
    );
  }
  return `${lines.join('\n')}\n`;
}

function hasKnownSource(s: FluxObjectStatus, sourceKeys: Set<string>): boolean {
  return s.source !== undefined && sourceKeys.has(s.source);
}
