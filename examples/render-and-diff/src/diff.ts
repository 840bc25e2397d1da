import { type KubeObject, formatObjectName } from '@gitops-kit/core';
import { type FieldChange, diffValues, sanitizeSecretData } from '@gitops-kit/kustomize';
import type { FleetKustomization, Rendered } from './render.js';

/** How one object differs between base and head. */
export interface ObjectChange {
  /** `Kind/namespace/name`. */
  subject: string;
  action: 'created' | 'deleted' | 'changed';
  /** Field changes of a `changed` object (Secret values masked). */
  changes: FieldChange[];
}

/** How one Kustomization differs between base and head. */
export interface KustomizationChange {
  key: string;
  /** The Kustomization at head, else at base. */
  fk: FleetKustomization;
  /**
   * `added`/`removed`: the Kustomization exists only at head/base; `failed`: it does not build at
   * head; `changed`/`unchanged`: what its objects did.
   */
  status: 'added' | 'removed' | 'changed' | 'unchanged' | 'failed';
  objects: ObjectChange[];
  /** Why head did not build (`failed`). */
  error?: string;
  /** Why base did not build (a broken base does not fail the check: the change may fix it). */
  baseError?: string;
}

type RenderedFleet = Map<string, { fk: FleetKustomization; rendered: Rendered }>;

const subjectOf = (o: KubeObject) =>
  formatObjectName({ kind: o.kind, namespace: o.metadata.namespace, name: o.metadata.name });

/** Compares two rendered objects, masking Secret data as `flux diff` does. */
function compare(before: KubeObject, after: KubeObject): FieldChange[] {
  const b = structuredClone(before);
  const a = structuredClone(after);
  if (a.kind === 'Secret') sanitizeSecretData(b, a);
  return diffValues(b, a);
}

function diffObjects(base: Map<string, KubeObject>, head: Map<string, KubeObject>): ObjectChange[] {
  const out: ObjectChange[] = [];
  for (const [id, o] of head) {
    const before = base.get(id);
    if (!before) out.push({ subject: subjectOf(o), action: 'created', changes: [] });
    else {
      const changes = compare(before, o);
      if (changes.length > 0) out.push({ subject: subjectOf(o), action: 'changed', changes });
    }
  }
  for (const [id, o] of base)
    if (!head.has(id)) out.push({ subject: subjectOf(o), action: 'deleted', changes: [] });
  return out;
}

/** Compares the rendered fleets of two refs, Kustomization by Kustomization (head order, then removed ones). */
export function diffFleets(base: RenderedFleet, head: RenderedFleet): KustomizationChange[] {
  const out: KustomizationChange[] = [];
  const keys = [...head.keys(), ...[...base.keys()].filter((k) => !head.has(k))];
  for (const key of keys) {
    const b = base.get(key);
    const h = head.get(key);
    const baseError = b && !b.rendered.ok ? b.rendered.error : undefined;
    const withBase = baseError !== undefined ? { baseError } : {};
    if (!h) {
      const objects = b!.rendered.ok ? diffObjects(b!.rendered.objects, new Map()) : [];
      out.push({ key, fk: b!.fk, status: 'removed', objects, ...withBase });
    } else if (!h.rendered.ok) {
      out.push({ key, fk: h.fk, status: 'failed', objects: [], error: h.rendered.error, ...withBase });
    } else if (!b) {
      out.push({ key, fk: h.fk, status: 'added', objects: diffObjects(new Map(), h.rendered.objects) });
    } else {
      const objects = diffObjects(b.rendered.ok ? b.rendered.objects : new Map(), h.rendered.objects);
      out.push({ key, fk: h.fk, status: objects.length > 0 ? 'changed' : 'unchanged', objects, ...withBase });
    }
  }
  return out;
}

const show = (v: unknown) => (typeof v === 'string' ? v : JSON.stringify(v));

/**
 * A readable report: one block per Kustomization that changed, was added, removed or failed,
 * then a summary line. Field changes are printed as `path`, `- before`, `+ after`.
 */
export function formatFleetDiff(changes: readonly KustomizationChange[]): string {
  const lines: string[] = [];
  const counts = new Map<string, number>();
  for (const c of changes) {
    counts.set(c.status, (counts.get(c.status) ?? 0) + 1);
    const where = `${c.key} (${c.fk.kustomization.spec?.path ?? './'})`;
    if (c.status === 'failed') {
      lines.push(`✗ ${where}: build failed at head: ${c.error}`);
      continue;
    }
    if (c.baseError !== undefined) lines.push(`! ${where}: did not build at base (${c.baseError})`);
    if (c.status === 'unchanged') continue;
    lines.push(`${c.status === 'changed' ? '~' : c.status === 'added' ? '+' : '-'} ${where}: ${c.status}`);
    for (const o of c.objects) {
      lines.push(`    ► ${o.subject} ${o.action}`);
      for (const f of o.changes) {
        lines.push(`        ${f.path}`);
        if (f.type !== 'added') lines.push(`          - ${show(f.before)}`);
        if (f.type !== 'removed') lines.push(`          + ${show(f.after)}`);
      }
    }
  }
  const order = ['changed', 'added', 'removed', 'failed', 'unchanged'];
  const summary = order.filter((s) => counts.has(s)).map((s) => `${counts.get(s)} ${s}`);
  lines.push(`${changes.length} Kustomizations: ${summary.join(', ') || 'none'}`);
  return `${lines.join('\n')}\n`;
}
