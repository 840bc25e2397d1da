import {
  type Clock,
  type ClusterClient,
  type KubeObject,
  PatchType,
  type ResourceRef,
  PropagationPolicy,
  formatObjectName,
  isGitOpsKitError,
  systemClock,
  throwIfAborted,
} from '@gitops-kit/core';
import { KustomizationError } from '../errors/KustomizationError.js';
import { waitForSet } from '../health/waitForSet.js';
import { Action, type ChangeSetEntry, changeSetEntry } from './changeSet.js';
import { ApplyExclusions, ForceSelector, IfNotPresentSelector, anyInMetadata } from './metadata.js';
import { type ApplyStage, applyStageOf, sortObjects } from './sort.js';
import { normalizeObject } from './normalize.js';

/** Options of {@link applyAllStaged} and {@link applyAll}. */
export interface ApplyOptions {
  cluster: ClusterClient;
  /** Field manager of the server-side apply. Default `kustomize-controller`, as Flux. */
  fieldManager?: string;
  /** Delete and recreate objects whose dry-run fails on an immutable field (`spec.force`). Default `false`. */
  force?: boolean;
  /** Objects read and dry-run applied at once (kustomize-controller `--concurrent-ssa`). Default 4. */
  concurrency?: number;
  /** `group/Kind` keys applied in a stage of their own before the rest (`--custom-apply-stage-kinds`). */
  customStageKinds?: ReadonlySet<string>;
  /** Poll interval (ms) of the stage waits and of waiting for a forced delete. Default 2000. */
  waitIntervalMs?: number;
  /** Timeout (ms) of the stage waits. Default 60000. */
  waitTimeoutMs?: number;
  clock?: Clock;
  signal?: AbortSignal;
}

/** Defaults of {@link ApplyOptions}, as fluxcd/pkg `ssa.DefaultApplyOptions` and kustomize-controller. */
export const applyDefaults: Required<
  Pick<ApplyOptions, 'fieldManager' | 'force' | 'waitIntervalMs' | 'waitTimeoutMs'>
> = {
  fieldManager: 'kustomize-controller',
  force: false,
  waitIntervalMs: 2_000,
  waitTimeoutMs: 60_000,
};

/** Result of an apply: the change set, in apply order. */
export interface ApplyResult {
  entries: ChangeSetEntry[];
}

const refOfObj = (o: KubeObject): ResourceRef => {
  const r: ResourceRef = { apiVersion: o.apiVersion, kind: o.kind, name: o.metadata?.name ?? '' };
  if (o.metadata?.namespace) r.namespace = o.metadata.namespace;
  return r;
};
const nameOf = (o: KubeObject) =>
  formatObjectName({ kind: o.kind, namespace: o.metadata?.namespace, name: o.metadata?.name });

const IMMUTABLE = [/is\simmutable/, /immutable\sfield/];

/** fluxcd/pkg `IsImmutableError`: Conflict or Invalid from the server, or a message saying "immutable". */
export function isImmutableError(err: unknown): boolean {
  if (isGitOpsKitError(err, 'Conflict', 'Invalid')) return true;
  const msg = err instanceof Error ? err.message : String(err);
  return IMMUTABLE.some((re) => re.test(msg));
}

function dryRunError(obj: KubeObject, err: unknown): KustomizationError {
  const msg = err instanceof Error ? err.message : String(err);
  const data = { kind: obj.kind, namespace: obj.metadata?.namespace, name: obj.metadata?.name };
  if (isGitOpsKitError(err, 'NotFound', 'NamespaceNotFound')) {
    const what = obj.metadata?.namespace ? 'not found' : 'namespace not specified';
    return new KustomizationError('ApplyFailed', `${nameOf(obj)} ${what}: ${msg}`, { data, cause: err });
  }
  let reason = '';
  if (isGitOpsKitError(err)) {
    reason =
      err.code === 'ApplyConflict'
        ? 'FieldManagerConflict'
        : ((
            {
              Invalid: 'Invalid',
              Conflict: 'Conflict',
              Forbidden: 'Forbidden',
              AlreadyExists: 'AlreadyExists',
            } as Record<string, string>
          )[err.code] ?? '');
  }
  return new KustomizationError(
    'ApplyFailed',
    `${nameOf(obj)} dry-run failed${reason ? ` (${reason})` : ''}: ${msg}`,
    {
      data,
      cause: err,
    },
  );
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Semantic deep equality of JSON values (`apiequality.Semantic.DeepEqual` on unstructured data). */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!jsonEqual(a[i], b[i])) return false;
    return true;
  }
  if (isPlainObject(a) && isPlainObject(b)) {
    const ka = Object.keys(a).filter((k) => a[k] !== undefined);
    const kb = Object.keys(b).filter((k) => b[k] !== undefined);
    if (ka.length !== kb.length) return false;
    for (const k of ka) if (!jsonEqual(a[k], b[k])) return false;
    return true;
  }
  return false;
}

const emptyToUndef = (m: Record<string, string> | undefined) => (m && Object.keys(m).length ? m : undefined);

/**
 * fluxcd/pkg `hasDrifted`: a dry-run result without `resourceVersion` is new; otherwise labels,
 * annotations, or anything outside `metadata` and `status` differing from the live object.
 */
export function hasDrifted(existing: KubeObject | undefined, dryRun: KubeObject): boolean {
  if (!existing || !dryRun.metadata?.resourceVersion) return true;
  if (!jsonEqual(emptyToUndef(dryRun.metadata.labels), emptyToUndef(existing.metadata?.labels))) return true;
  if (!jsonEqual(emptyToUndef(dryRun.metadata.annotations), emptyToUndef(existing.metadata?.annotations)))
    return true;
  const strip = (o: KubeObject) => {
    const { metadata: _m, status: _s, ...rest } = o;
    return rest;
  };
  return !jsonEqual(strip(dryRun), strip(existing));
}

/** Annotations and labels Flux removes from live objects it takes over (`ApplyCleanupOptions`). */
const CLEANUP_ANNOTATIONS = [
  'kubectl.kubernetes.io/last-applied-configuration',
  'kustomize.toolkit.fluxcd.io/checksum',
  'fluxcd.io/sync-checksum',
];
const CLEANUP_LABELS = ['fluxcd.io/sync-gc-mark'];

const escapePointer = (s: string) => s.replaceAll('~', '~0').replaceAll('/', '~1');

async function cleanupMetadata(
  desired: KubeObject,
  existing: KubeObject | undefined,
  o: Required<Pick<ApplyOptions, 'fieldManager'>> & ApplyOptions,
): Promise<boolean> {
  if (!existing) return false;
  const merge = { 'kustomize.toolkit.fluxcd.io/ssa': 'Merge' };
  if (anyInMetadata(desired, merge) || anyInMetadata(existing, merge)) return false;
  const ops: { op: 'remove'; path: string }[] = [];
  for (const k of CLEANUP_ANNOTATIONS)
    if (existing.metadata?.annotations?.[k] !== undefined)
      ops.push({ op: 'remove', path: `/metadata/annotations/${escapePointer(k)}` });
  for (const k of CLEANUP_LABELS)
    if (existing.metadata?.labels?.[k] !== undefined)
      ops.push({ op: 'remove', path: `/metadata/labels/${escapePointer(k)}` });
  if (ops.length === 0) return false;
  await o.cluster.patch(refOfObj(existing), ops, {
    type: PatchType.Json,
    fieldManager: o.fieldManager,
    signal: o.signal,
  });
  return true;
}

interface Planned {
  obj: KubeObject;
  entry: ChangeSetEntry;
  apply: boolean;
}

async function planOne(obj: KubeObject, o: ApplyOptions & typeof applyDefaults): Promise<Planned> {
  const { cluster, signal } = o;
  const existing = await cluster.get(refOfObj(obj), { signal });
  // Skip rules (shouldSkipApply).
  if (anyInMetadata(obj, ApplyExclusions) || anyInMetadata(existing, ApplyExclusions)) {
    return { obj, entry: changeSetEntry(existing ?? obj, Action.Skipped), apply: false };
  }
  if (existing && anyInMetadata(obj, IfNotPresentSelector)) {
    return { obj, entry: changeSetEntry(existing, Action.Skipped), apply: false };
  }
  let dryRun: KubeObject;
  try {
    dryRun = await cluster.apply(obj, { fieldManager: o.fieldManager, force: true, dryRun: true, signal });
  } catch (err) {
    const forceIt =
      existing &&
      isImmutableError(err) &&
      (o.force || anyInMetadata(obj, ForceSelector) || anyInMetadata(existing, ForceSelector));
    if (!forceIt) throw dryRunError(obj, err);
    try {
      await cluster.delete(refOfObj(existing), { propagationPolicy: PropagationPolicy.Background, signal });
    } catch (delErr) {
      if (!isGitOpsKitError(delErr, 'NotFound')) {
        throw new KustomizationError(
          'ApplyFailed',
          `${nameOf(obj)} immutable field detected, failed to delete object: ${(delErr as Error).message}`,
          { cause: delErr },
        );
      }
    }
    const clock = o.clock ?? systemClock;
    for (;;) {
      throwIfAborted(signal, 'apply');
      if (!(await cluster.get(refOfObj(obj), { signal }))) break;
      await clock.sleep(o.waitIntervalMs, { signal });
    }
    try {
      dryRun = await cluster.apply(obj, { fieldManager: o.fieldManager, force: true, dryRun: true, signal });
    } catch (err2) {
      throw dryRunError(obj, err2);
    }
    return { obj, entry: changeSetEntry(dryRun, Action.Created), apply: true };
  }
  const cleaned = await cleanupMetadata(obj, existing, o);
  const drifted = hasDrifted(existing, dryRun);
  if (!cleaned && !drifted) return { obj, entry: changeSetEntry(dryRun, Action.Unchanged), apply: false };
  const action = dryRun.metadata?.resourceVersion && existing ? Action.Configured : Action.Created;
  return { obj, entry: changeSetEntry(dryRun, action), apply: true };
}

/**
 * Server-side applies objects as fluxcd/pkg `ApplyAll`: sorted in Flux's kind order; for each, the
 * live object is read, skipped when annotated/labelled `kustomize.toolkit.fluxcd.io/reconcile:
 * disabled` or `ssa: Ignore` (or `ssa: IfNotPresent` and it exists), dry-run applied with forced
 * ownership (on an immutable-field error with `force` or `kustomize.toolkit.fluxcd.io/force:
 * enabled`, the live object is deleted, waited for and the dry-run retried), and applied for real
 * only when the dry-run result differs from the live object.
 *
 * @throws {KustomizationError} `ApplyFailed` with Flux's wording (`Kind/ns/name dry-run failed
 *   (Invalid): ...`, `Kind/ns/name apply failed: ...`).
 * @see https://github.com/fluxcd/pkg/blob/main/ssa/manager_apply.go `ApplyAll`
 */
export async function applyAll(objects: readonly KubeObject[], options: ApplyOptions): Promise<ApplyResult> {
  const o = { ...applyDefaults, ...options };
  const sorted = sortObjects(objects);
  const planned: Planned[] = new Array(sorted.length);
  // Reads and dry-runs run concurrently (as Flux's errgroup); the applies below keep the order.
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < sorted.length; i = next++) {
      throwIfAborted(o.signal, 'apply');
      planned[i] = await planOne(sorted[i]!, o);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(o.concurrency ?? 4, sorted.length)) }, worker));
  for (const p of planned) {
    if (!p.apply) continue;
    throwIfAborted(o.signal, 'apply');
    try {
      await o.cluster.apply(p.obj, { fieldManager: o.fieldManager, force: true, signal: o.signal });
    } catch (err) {
      throw new KustomizationError(
        'ApplyFailed',
        `${nameOf(p.obj)} apply failed: ${(err as Error).message}`,
        {
          data: { kind: p.obj.kind, namespace: p.obj.metadata?.namespace, name: p.obj.metadata?.name },
          cause: err,
        },
      );
    }
  }
  return { entries: planned.map((p) => p.entry) };
}

/** Error of {@link applyAllStaged} that keeps the entries applied before the failure. */
export interface PartialApply {
  entries: ChangeSetEntry[];
}

/**
 * Flux's staged apply (`ApplyAllStaged`): CRDs, Namespaces and ClusterRoles first, then `*Class`
 * kinds — each stage applied and waited for until `Current` — then the custom stage (not waited
 * for), then everything else. On failure the thrown error's `data.entries` holds the change set
 * of what was applied before it.
 *
 * @throws {KustomizationError} `ApplyFailed`, or `HealthCheckFailed` when a stage does not become
 *   ready within `waitTimeoutMs`.
 * @see https://github.com/fluxcd/pkg/blob/main/ssa/manager_apply.go `ApplyAllStaged`
 * @example
 * ```ts
 * const { entries } = await applyAllStaged(objects, { cluster });
 * console.log(formatChangeSet(entries.filter((e) => hasChanged(e.action))));
 * ```
 */
export async function applyAllStaged(
  objects: readonly KubeObject[],
  options: ApplyOptions,
): Promise<ApplyResult> {
  const o = { ...applyDefaults, ...options };
  const stages: Record<ApplyStage, KubeObject[]> = {
    ClusterDefinitions: [],
    Classes: [],
    Custom: [],
    Resources: [],
  };
  // Flux normalizes every object before applying (ports' default protocol, Secret stringData, ...).
  for (const obj of objects) stages[applyStageOf(obj, o.customStageKinds)].push(normalizeObject(obj));
  const entries: ChangeSetEntry[] = [];
  const run = async (stage: KubeObject[], wait: boolean) => {
    if (stage.length === 0) return;
    const r = await applyAll(stage, o);
    entries.push(...r.entries);
    if (wait) {
      const refs = r.entries.map((e) => ({
        apiVersion: e.apiVersion,
        kind: e.kind,
        name: e.name,
        ...(e.namespace ? { namespace: e.namespace } : {}),
      }));
      await waitForSet(refs, {
        cluster: o.cluster,
        clock: o.clock ?? systemClock,
        intervalMs: o.waitIntervalMs,
        timeoutMs: o.waitTimeoutMs,
        failFast: false,
        signal: o.signal,
      });
    }
  };
  try {
    await run(stages.ClusterDefinitions, true);
    await run(stages.Classes, true);
    await run(stages.Custom, false);
    await run(stages.Resources, false);
  } catch (err) {
    if (isGitOpsKitError(err)) Object.assign(err.data, { entries: [...entries] });
    throw err;
  }
  return { entries };
}
