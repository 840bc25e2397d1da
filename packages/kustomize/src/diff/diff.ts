import {
  type ClusterClient,
  type KubeObject,
  type ObjectRef,
  type ResourceRef,
  isGitOpsKitError,
  throwIfAborted,
} from '@gitops-kit/core';
import { hasDrifted, isImmutableError, jsonEqual } from '../apply/applyStaged.js';
import { Action, changeSetEntry } from '../apply/changeSet.js';
import {
  ApplyExclusions,
  ForceSelector,
  PruneExclusions,
  anyInMetadata,
  ownerLabels,
} from '../apply/metadata.js';
import { normalizeObject } from '../apply/normalize.js';
import { sortObjects } from '../apply/sort.js';
import { KustomizationError } from '../errors/KustomizationError.js';
import type { ResourceInventory } from '../kustomization/types.js';
import { listInventory } from '../prune/inventory.js';

/** One changed field: a dotted path (`spec.replicas`, `spec.containers[0].image`) and its values. */
export interface FieldChange {
  path: string;
  /** `added` (only in the new object), `removed` (only in the live one) or `changed`. */
  type: 'added' | 'removed' | 'changed';
  before?: unknown;
  after?: unknown;
}

/**
 * What an apply would do to one object: `created`, `configured` (drifted; `changes` lists the
 * fields), `unchanged`, `skipped` (excluded by annotation/label), or `deleted` (would be pruned).
 */
export interface ObjectDiff {
  /** `Kind/namespace/name`. */
  subject: string;
  action: 'created' | 'configured' | 'unchanged' | 'skipped' | 'deleted';
  ref: ObjectRef;
  changes: FieldChange[];
}

/** Options of {@link diffObjects}. */
export interface DiffOptions {
  cluster: ClusterClient;
  /** Field manager of the dry-run apply. Default `kustomize-controller`. */
  fieldManager?: string;
  /** `spec.force`: an immutable-field error means the object would be recreated (`created`). */
  force?: boolean;
  /**
   * The Kustomization's current inventory and identity: inventory objects not in `objects` that
   * prune would delete are reported as `deleted` (only when `prune` is true).
   */
  prune?: { inventory: ResourceInventory | undefined; owner: { name: string; namespace: string } };
  signal?: AbortSignal;
}

const MASK = '***';

/**
 * Masks Secret `data` as fluxcd/pkg `SanitizeUnstructuredData`: equal values become `***`,
 * differing ones `*** (before)` / `*** (after)`; values are never shown.
 */
export function sanitizeSecretData(live: KubeObject | undefined, desired: KubeObject | undefined): void {
  const a = (live?.data as Record<string, unknown> | undefined) ?? undefined;
  const b = (desired?.data as Record<string, unknown> | undefined) ?? undefined;
  const na: Record<string, unknown> | undefined = a ? { ...a } : undefined;
  const nb: Record<string, unknown> | undefined = b ? { ...b } : undefined;
  for (const k of Object.keys(a ?? {})) {
    if (nb && k in nb) {
      if (a![k] !== b![k]) {
        na![k] = `${MASK} (before)`;
        nb[k] = `${MASK} (after)`;
        continue;
      }
      nb[k] = MASK;
    }
    na![k] = MASK;
  }
  for (const k of Object.keys(b ?? {})) if (!(a && k in a)) nb![k] = MASK;
  if (live && na) live.data = na;
  if (desired && nb) desired.data = nb;
  for (const o of [live, desired]) if (o && o.stringData !== undefined) o.stringData = MASK;
}

function strip(o: KubeObject): Record<string, unknown> {
  const { status: _s, ...rest } = o;
  const metadata = { ...o.metadata };
  // Server bookkeeping: managedFields, and the generation a dry-run bumps on any spec change.
  delete metadata.managedFields;
  delete metadata.generation;
  return { ...rest, metadata };
}

const isMap = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const keyPath = (base: string, k: string) =>
  /^[A-Za-z_][A-Za-z0-9_-]*$/.test(k) ? (base ? `${base}.${k}` : k) : `${base}[${JSON.stringify(k)}]`;

/** Field-level differences between two JSON values, in document order. */
export function diffValues(before: unknown, after: unknown, base = ''): FieldChange[] {
  if (jsonEqual(before, after)) return [];
  if (isMap(before) && isMap(after)) {
    const out: FieldChange[] = [];
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
    for (const k of keys) {
      const p = keyPath(base, k);
      if (!(k in after) || after[k] === undefined) out.push({ path: p, type: 'removed', before: before[k] });
      else if (!(k in before) || before[k] === undefined)
        out.push({ path: p, type: 'added', after: after[k] });
      else out.push(...diffValues(before[k], after[k], p));
    }
    return out;
  }
  if (Array.isArray(before) && Array.isArray(after) && before.length === after.length) {
    return before.flatMap((b, i) => diffValues(b, after[i], `${base}[${i}]`));
  }
  return [{ path: base || '.', type: 'changed', before, after }];
}

const subjectOf = (o: { kind: string; namespace?: string; name: string }) =>
  o.namespace ? `${o.kind}/${o.namespace}/${o.name}` : `${o.kind}/${o.name}`;
const resRef = (o: KubeObject): ResourceRef => ({
  apiVersion: o.apiVersion,
  kind: o.kind,
  name: o.metadata?.name ?? '',
  ...(o.metadata?.namespace ? { namespace: o.metadata.namespace } : {}),
});

/**
 * What applying `objects` would change, per object, without changing anything: server-side
 * dry-run apply (`dryRun: All`, forced ownership) compared with the live object, as fluxcd/pkg
 * `ResourceManager.Diff` and `flux diff kustomization`. Secret `data` is masked
 * ({@link sanitizeSecretData}); `metadata.managedFields`, `metadata.generation` and `status` are
 * left out. With `prune`,
 * inventory objects no longer built that prune would delete come last as `deleted`.
 *
 * @throws {KustomizationError} `ApplyFailed` when a dry-run fails (other than an immutable field
 *   with `force`).
 * @see https://github.com/fluxcd/pkg/blob/main/ssa/manager_diff.go
 * @see https://github.com/fluxcd/flux2/blob/main/internal/build/diff.go
 * @example
 * ```ts
 * const diffs = await diffObjects(objects, { cluster });
 * process.stdout.write(formatDiff(diffs));
 * ```
 */
export async function diffObjects(
  objects: readonly KubeObject[],
  options: DiffOptions,
): Promise<ObjectDiff[]> {
  const { cluster, signal } = options;
  const fieldManager = options.fieldManager ?? 'kustomize-controller';
  const out: ObjectDiff[] = [];
  const built = new Set<string>();
  for (const obj of sortObjects(objects.map(normalizeObject))) {
    throwIfAborted(signal, 'diff');
    const entry = changeSetEntry(obj, Action.Unchanged);
    built.add(entry.id);
    const ref = {
      apiVersion: obj.apiVersion,
      kind: obj.kind,
      name: entry.name,
      ...(entry.namespace ? { namespace: entry.namespace } : {}),
    };
    const live = await cluster.get(resRef(obj), { signal });
    if (anyInMetadata(obj, ApplyExclusions) || anyInMetadata(live, ApplyExclusions)) {
      out.push({ subject: entry.subject, action: 'skipped', ref, changes: [] });
      continue;
    }
    let dry: KubeObject;
    try {
      dry = await cluster.apply(obj, { fieldManager, force: true, dryRun: true, signal });
    } catch (err) {
      if (
        live &&
        isImmutableError(err) &&
        (options.force || anyInMetadata(obj, ForceSelector) || anyInMetadata(live, ForceSelector))
      ) {
        out.push({ subject: entry.subject, action: 'created', ref, changes: [] });
        continue;
      }
      throw new KustomizationError(
        'ApplyFailed',
        `${entry.subject} dry-run failed: ${(err as Error).message}`,
        {
          data: { kind: obj.kind, namespace: entry.namespace, name: entry.name },
          cause: err,
        },
      );
    }
    if (!live || !dry.metadata?.resourceVersion) {
      out.push({ subject: entry.subject, action: 'created', ref, changes: [] });
      continue;
    }
    if (!hasDrifted(live, dry)) {
      out.push({ subject: entry.subject, action: 'unchanged', ref, changes: [] });
      continue;
    }
    const before = strip(structuredClone(live));
    const after = strip(structuredClone(dry));
    if (obj.kind === 'Secret' && obj.apiVersion === 'v1')
      sanitizeSecretData(before as KubeObject, after as KubeObject);
    out.push({ subject: entry.subject, action: 'configured', ref, changes: diffValues(before, after) });
  }
  if (options.prune) {
    const owner = ownerLabels(options.prune.owner.name, options.prune.owner.namespace);
    for (const ref of listInventory(options.prune.inventory).reverse()) {
      const e = changeSetEntry(
        {
          apiVersion: ref.apiVersion ?? 'v1',
          kind: ref.kind,
          metadata: { name: ref.name, namespace: ref.namespace },
        },
        Action.Deleted,
      );
      if (built.has(e.id)) continue;
      let live: KubeObject | undefined;
      try {
        live = await cluster.get({ ...ref, apiVersion: ref.apiVersion ?? 'v1' }, { signal });
      } catch (err) {
        if (isGitOpsKitError(err, 'UnknownKind')) continue;
        throw err;
      }
      if (!live) continue;
      const labels = live.metadata?.labels ?? {};
      if (Object.entries(owner).some(([k, v]) => labels[k] !== v) || anyInMetadata(live, PruneExclusions))
        continue;
      out.push({
        subject: subjectOf({ kind: ref.kind, namespace: ref.namespace, name: ref.name }),
        action: 'deleted',
        ref,
        changes: [],
      });
    }
  }
  return out;
}

const show = (v: unknown) => (typeof v === 'string' ? v : JSON.stringify(v));

/**
 * Renders diffs as `flux diff kustomization` prints them: `► <subject> created|drifted|deleted|skipped`
 * per changed object, drifted ones followed by their field changes (unchanged objects are not listed).
 */
export function formatDiff(diffs: readonly ObjectDiff[]): string {
  let out = '';
  for (const d of diffs) {
    if (d.action === 'unchanged') continue;
    const word = d.action === 'configured' ? 'drifted' : d.action;
    out += `► ${d.subject} ${word}\n`;
    for (const c of d.changes) {
      out += `${c.path}\n`;
      if (c.type === 'changed') out += `  ± value change\n    - ${show(c.before)}\n    + ${show(c.after)}\n`;
      else if (c.type === 'added') out += `  + ${show(c.after)}\n`;
      else out += `  - ${show(c.before)}\n`;
    }
  }
  return out;
}
