import {
  type Clock,
  type ClusterClient,
  type Condition,
  ConditionType,
  EventSeverity,
  type HealthRules,
  type KubeObject,
  type ObjectRef,
  type ReconcileContext,
  type ReconcileEvent,
  type ReconcileResult,
  type Reconciler,
  Reason,
  compileHealthCheckExprs,
  deleteCondition,
  formatDuration,
  getCondition,
  getReason,
  isGitOpsKitError,
  isReadyAtLatestGeneration,
  isTrue,
  markFalse,
  markReconciling,
  markStalled,
  markTrue,
  markUnknown,
  parseDuration,
  reconcileAnnotationValue,
  resourceIdOf,
  formatResourceId,
  formatTime,
} from '@gitops-kit/core';
import { applyAllStaged } from '../apply/applyStaged.js';
import { type ChangeSetEntry, formatChangeSet, hasChanged } from '../apply/changeSet.js';
import { ownerLabels, withMetadata } from '../apply/metadata.js';
import { KustomizationError } from '../errors/KustomizationError.js';
import { waitForSet } from '../health/waitForSet.js';
import { deleteObjects } from '../prune/deleteObjects.js';
import { inventoryFromChangeSet, listInventory, mergeInventory, staleObjects } from '../prune/inventory.js';
import { clusterSourceReader, postBuildSubstitute } from '../substitute/postBuild.js';
import {
  type Kustomization,
  KustomizationApiVersion,
  KustomizationGroup,
  type ResourceInventory,
} from './types.js';

/** What {@link KustomizationReconcilerOptions.fetchArtifact} returns: a directory holding the source's files. */
export interface FetchedArtifact {
  /** Absolute path of the extracted artifact root. */
  dir: string;
  /** Removes the directory (called when the reconcile ends). */
  cleanup?: () => Promise<void>;
}

/** Inputs of {@link KustomizationReconcilerOptions.build}. */
export interface BuildInput {
  /** The artifact root. */
  root: string;
  /** `spec.path` (relative to `root`, default `./`). */
  path: string;
  kustomization: Kustomization;
  signal: AbortSignal;
}

/** Options of {@link kustomizationReconciler}. */
export interface KustomizationReconcilerOptions {
  /**
   * Downloads and extracts the source's `status.artifact` (Flux: HTTP download from
   * source-controller, digest check, untar). Throws `ArtifactFailed` when unavailable.
   */
  fetchArtifact: (source: KubeObject, options: { signal: AbortSignal }) => Promise<FetchedArtifact>;
  /**
   * Generates/patches the kustomization and builds it (Flux's generate + `kustomize build`), before
   * post-build substitution. Throws on build errors (the reconcile reports `BuildFailed`).
   */
  build: (input: BuildInput) => Promise<KubeObject[]>;
  /** Server-side apply field manager. Default `kustomize-controller`. */
  fieldManager?: string;
  /** Strict post-build substitution (gate `StrictPostBuildSubstitutions`). Default `true`. */
  strictSubstitutions?: boolean;
  /** Requeue while a dependency or the source is not ready, ms (`--requeue-dependency`). Default 30000. */
  dependencyRequeueMs?: number;
  /** Health-check poll interval, ms. Default 5000. */
  healthCheckIntervalMs?: number;
  /** Stop health checks at the first Failed object (gate `DisableFailFastBehavior` off). Default `true`. */
  failFast?: boolean;
  /** Apply-stage wait timeout, ms. Default 60000. */
  stageWaitTimeoutMs?: number;
  /** Apply-stage wait poll interval, ms. Default 2000. */
  stageWaitIntervalMs?: number;
}

/** Defaults of {@link KustomizationReconcilerOptions}. */
export const kustomizationReconcilerDefaults: Required<
  Omit<KustomizationReconcilerOptions, 'fetchArtifact' | 'build'>
> = {
  fieldManager: 'kustomize-controller',
  strictSubstitutions: true,
  dependencyRequeueMs: 30_000,
  healthCheckIntervalMs: 5_000,
  failFast: true,
  stageWaitTimeoutMs: 60_000,
  stageWaitIntervalMs: 2_000,
};

/** `spec.timeout`, or `interval − 30s`, at least 30s (`GetTimeout`), in ms. */
export function kustomizationTimeoutMs(ks: Pick<Kustomization, 'spec'>): number {
  const interval = parseDuration(ks.spec?.interval ?? '0s');
  const t = ks.spec?.timeout ? parseDuration(ks.spec.timeout) : interval - 30_000;
  return Math.max(t, 30_000);
}

/** `spec.retryInterval`, else `spec.interval`, in ms. */
export function kustomizationRetryIntervalMs(ks: Kustomization): number {
  return ks.spec?.retryInterval
    ? parseDuration(ks.spec.retryInterval)
    : parseDuration(ks.spec?.interval ?? '0s');
}

/** Formats ms as Go's `time.Duration.String()` (`30s`, `1m0s`, `4m30s`). */
const goDuration = (ms: number) => formatDuration(ms);

/** The inventory id of a Kustomization itself (health checks never wait on themselves). */
const selfId = (ks: Kustomization) =>
  formatResourceId({
    namespace: ks.metadata.namespace ?? '',
    name: ks.metadata.name ?? '',
    group: KustomizationGroup,
    kind: 'Kustomization',
  });

/** Working state of one reconcile: a mutable copy of the status plus collected events. */
interface Work {
  obj: Kustomization;
  events: ReconcileEvent[];
  clock: Clock;
}

function emit(
  w: Work,
  severity: EventSeverity,
  message: string,
  revision?: string,
  extra?: Record<string, string>,
) {
  const metadata: Record<string, string> = { ...extra };
  if (revision) metadata[`${KustomizationGroup}/revision`] = revision;
  const reason = getReason(w.obj, ConditionType.Ready) || severity;
  w.events.push({
    involvedObject: {
      apiVersion: w.obj.apiVersion,
      kind: w.obj.kind,
      name: w.obj.metadata.name,
      namespace: w.obj.metadata.namespace,
      uid: w.obj.metadata.uid,
    },
    severity,
    message,
    reason,
    metadata,
  });
}

/**
 * Flux's `DependencyNotReady` check (`checkDependencies`): each `dependsOn` Kustomization (namespace
 * defaulting to this one's) must exist, have conditions, be at `generation == observedGeneration`,
 * be `Ready=True`, and — when it uses the same source — have applied the current `revision`.
 * `readyExpr` (CEL) is not supported yet and is reported as an error.
 *
 * @throws {KustomizationError} `DependencyNotReady` with Flux's message (`dependency
 *   'ns/name' is not ready`, `... revision is not up to date`, `... not found`).
 * @see https://github.com/fluxcd/kustomize-controller/blob/main/internal/controller/kustomization_controller.go `checkDependencies`
 */
export async function checkDependencies(
  ks: Kustomization,
  revision: string,
  options: { cluster: ClusterClient; signal?: AbortSignal },
): Promise<void> {
  for (const dep of ks.spec?.dependsOn ?? []) {
    const namespace = dep.namespace || ks.metadata.namespace || 'default';
    const name = `${namespace}/${dep.name}`;
    if (dep.readyExpr) {
      throw new KustomizationError(
        'DependencyNotReady',
        `dependency '${name}': readyExpr is not supported yet`,
        {
          data: { namespace, name: dep.name, fieldPath: 'spec.dependsOn' },
        },
      );
    }
    const d = (await options.cluster.get(
      { apiVersion: KustomizationApiVersion, kind: 'Kustomization', namespace, name: dep.name },
      { signal: options.signal },
    )) as Kustomization | undefined;
    if (!d) {
      throw new KustomizationError(
        'DependencyNotReady',
        `dependency '${name}' not found: kustomizations.kustomize.toolkit.fluxcd.io "${dep.name}" not found`,
        { data: { namespace, name: dep.name } },
      );
    }
    const conds = d.status?.conditions ?? [];
    if (conds.length === 0 || (d.metadata.generation ?? 0) !== (d.status?.observedGeneration ?? 0)) {
      throw new KustomizationError('DependencyNotReady', `dependency '${name}' is not ready`, {
        data: { namespace, name: dep.name },
      });
    }
    if (!isTrue(d, ConditionType.Ready)) {
      throw new KustomizationError('DependencyNotReady', `dependency '${name}' is not ready`, {
        data: { namespace, name: dep.name },
      });
    }
    const src = ks.spec.sourceRef;
    const dsrc = d.spec?.sourceRef;
    if (
      dsrc &&
      dsrc.name === src.name &&
      (dsrc.namespace || d.metadata.namespace) === (src.namespace || ks.metadata.namespace) &&
      dsrc.kind === src.kind &&
      d.status?.lastAppliedRevision !== revision
    ) {
      throw new KustomizationError('DependencyNotReady', `dependency '${name}' revision is not up to date`, {
        data: { namespace, name: dep.name },
      });
    }
  }
}

function copyForWork(ks: Kustomization): Kustomization {
  return { ...ks, status: { ...ks.status, conditions: [...(ks.status?.conditions ?? [])] } };
}

function finish(
  w: Work,
  extra: Omit<ReconcileResult, 'status' | 'conditions' | 'events'> = {},
): ReconcileResult {
  const obj = w.obj;
  const status = obj.status ?? {};
  const token = reconcileAnnotationValue(obj);
  if (token !== undefined) status.lastHandledReconcileAt = token;
  if (isTrue(obj, ConditionType.Ready)) {
    deleteCondition(obj, ConditionType.Reconciling);
    status.observedGeneration = obj.metadata.generation ?? status.observedGeneration;
  }
  const rc = getCondition(obj, ConditionType.Reconciling);
  if (rc && getCondition(obj, ConditionType.Ready)?.status === 'False') {
    const idx = (obj.status?.conditions ?? []).indexOf(rc);
    if (idx >= 0) obj.status!.conditions![idx] = { ...rc, reason: Reason.ProgressingWithRetry };
  }
  const { conditions, ...rest } = obj.status ?? {};
  return { status: rest, conditions: (conditions ?? []) as Condition[], events: w.events, ...extra };
}

/**
 * The Kustomization reconciler: Flux kustomize-controller's pipeline on a {@link ClusterClient}.
 *
 * 1. `spec.suspend` ⇒ nothing. `healthCheckExprs` that do not compile ⇒ `Stalled`
 *    (`InvalidCELExpression`). `spec.decryption` ⇒ `Stalled` (`DecryptionNotSupported`, not
 *    implemented yet).
 * 2. Source (`spec.sourceRef`) missing or without `status.artifact` ⇒ `Ready=False/ArtifactFailed`.
 * 3. `dependsOn` ⇒ `Ready=False/DependencyNotReady`, requeue after 30s, info event.
 * 4. Fetch, build, post-build substitution ⇒ `BuildFailed` on error (a missing `substituteFrom`
 *    ConfigMap fails here: the seed incident). `lastAttemptedRevision` is set.
 * 5. Owner labels + `commonMetadata`, staged server-side apply ⇒ `ReconciliationFailed`; a change
 *    set event (`Kind/ns/name created|configured`).
 * 6. New inventory; prune of stale objects (`spec.prune`) ⇒ `PruneFailed`.
 * 7. Health: `spec.wait` (every applied object) or `healthChecks` (+ `healthCheckExprs`), bounded
 *    by `spec.timeout` ⇒ `Healthy` and, on failure, `Ready=False/HealthCheckFailed`.
 * 8. `lastAppliedRevision`, `Ready=True/ReconciliationSucceeded` `Applied revision: <rev>`.
 *
 * Conditions, reasons, messages and events follow Flux's; `observedGeneration` moves only on
 * success or stall, and `Reconciling` becomes `ProgressingWithRetry` on failure.
 *
 * @see https://github.com/fluxcd/kustomize-controller/blob/main/internal/controller/kustomization_controller.go
 * @example
 * ```ts
 * const reconciler = kustomizationReconciler({ fetchArtifact, build });
 * const result = await reconciler.reconcile(ks, { cluster, clock, logger, events, signal });
 * ```
 */
export function kustomizationReconciler(options: KustomizationReconcilerOptions): Reconciler<Kustomization> {
  const o = { ...kustomizationReconcilerDefaults, ...options };
  return {
    apiVersion: KustomizationApiVersion,
    kind: 'Kustomization',
    controllerName: 'kustomize-controller',
    fieldManager: 'gotk-kustomize-controller',
    defaultTimeoutMs: (ks) => kustomizationTimeoutMs(ks),
    async reconcile(ks, ctx) {
      return reconcileKustomization(ks, ctx, o);
    },
    async finalize(ks, ctx) {
      const events = await finalizeKustomization(ks, ctx);
      for (const e of events) {
        await ctx.events.record({
          ...e,
          involvedObject: e.involvedObject ?? {},
          timestamp: formatTime(ctx.clock.now()),
          reportingController: ctx.reportingController,
        });
      }
    },
  };
}

async function reconcileKustomization(
  ks: Kustomization,
  ctx: ReconcileContext,
  o: KustomizationReconcilerOptions & typeof kustomizationReconcilerDefaults,
): Promise<ReconcileResult> {
  const { cluster, signal } = ctx;
  const w: Work = { obj: copyForWork(ks), events: [], clock: ctx.clock };
  const obj = w.obj;
  const opts = { clock: ctx.clock };
  if (obj.spec?.suspend) return { status: {}, conditions: ks.status?.conditions ?? [] };

  const retryMs = kustomizationRetryIntervalMs(ks);
  const intervalMs = parseDuration(ks.spec.interval);
  const timeoutMs = kustomizationTimeoutMs(ks);

  // Health check expressions.
  let rules: HealthRules | undefined;
  try {
    rules = obj.spec.healthCheckExprs?.length
      ? compileHealthCheckExprs(obj.spec.healthCheckExprs)
      : undefined;
  } catch (err) {
    const msg = `Reconciliation failed terminally due to configuration error: ${(err as Error).message}`;
    markFalse(obj, ConditionType.Ready, Reason.InvalidCELExpression, msg, opts);
    markStalled(obj, Reason.InvalidCELExpression, msg, opts);
    obj.status!.observedGeneration = obj.metadata.generation;
    emit(w, EventSeverity.Error, msg);
    return finish(w, { stalled: true });
  }
  if (obj.spec.decryption) {
    const msg =
      'Reconciliation failed terminally due to configuration error: spec.decryption (SOPS) is not supported by GitOps Kit yet';
    markFalse(obj, ConditionType.Ready, 'DecryptionNotSupported', msg, opts);
    markStalled(obj, 'DecryptionNotSupported', msg, opts);
    obj.status!.observedGeneration = obj.metadata.generation;
    emit(w, EventSeverity.Error, msg);
    return finish(w, { stalled: true });
  }

  // Source.
  const ref = obj.spec.sourceRef;
  const srcNamespace = ref.namespace || obj.metadata.namespace || 'default';
  let source: KubeObject | undefined;
  try {
    source = await cluster.get(
      {
        apiVersion: ref.apiVersion ?? 'source.toolkit.fluxcd.io/v1',
        kind: ref.kind,
        namespace: srcNamespace,
        name: ref.name,
      },
      { signal },
    );
  } catch (err) {
    markFalse(
      obj,
      ConditionType.Ready,
      Reason.ArtifactFailed,
      `unable to get source '${srcNamespace}/${ref.name}': ${(err as Error).message}`,
      opts,
    );
    return finish(w, { requeueAfterMs: retryMs });
  }
  // Waiting on the source (or a dependency) is reported as waitingFor, so the manager reconciles
  // this object again as soon as that one finishes a reconcile and does not count it as failed.
  const sourceRef = {
    apiVersion: ref.apiVersion ?? 'source.toolkit.fluxcd.io/v1',
    kind: ref.kind,
    namespace: srcNamespace,
    name: ref.name,
  };
  if (!source) {
    markFalse(
      obj,
      ConditionType.Ready,
      Reason.ArtifactFailed,
      `${ref.kind}.source.toolkit.fluxcd.io "${ref.name}" not found`,
      opts,
    );
    return finish(w, { requeueAfterMs: retryMs, waitingFor: [sourceRef] });
  }
  const artifact = (
    source.status as { artifact?: { revision?: string; metadata?: Record<string, string> } } | undefined
  )?.artifact;
  if (!artifact?.revision) {
    const msg = `Source artifact not found, retrying in ${goDuration(o.dependencyRequeueMs)}`;
    markFalse(obj, ConditionType.Ready, Reason.ArtifactFailed, msg, opts);
    return finish(w, { requeueAfterMs: o.dependencyRequeueMs, waitingFor: [sourceRef] });
  }
  const revision = artifact.revision;
  const originRevision = artifact.metadata?.['org.opencontainers.image.revision'];

  // dependsOn.
  if (obj.spec.dependsOn?.length) {
    try {
      await checkDependencies(obj, revision, { cluster, signal });
    } catch (err) {
      if (!isGitOpsKitError(err, 'DependencyNotReady')) throw err;
      markFalse(obj, ConditionType.Ready, Reason.DependencyNotReady, err.message, opts);
      emit(
        w,
        EventSeverity.Info,
        `Dependencies do not meet ready condition, retrying in ${goDuration(o.dependencyRequeueMs)}`,
        revision,
      );
      const waitingFor = obj.spec.dependsOn.map((d) => ({
        apiVersion: KustomizationApiVersion,
        kind: 'Kustomization',
        namespace: d.namespace || obj.metadata.namespace || 'default',
        name: d.name,
      }));
      return finish(w, { requeueAfterMs: o.dependencyRequeueMs, waitingFor });
    }
  }

  // Reconcile the revision.
  const start = ctx.clock.now();
  markUnknown(obj, ConditionType.Ready, Reason.Progressing, 'Reconciliation in progress', opts);
  markReconciling(
    obj,
    Reason.Progressing,
    `Fetching manifests for revision ${revision} with a timeout of ${goDuration(timeoutMs)}`,
    opts,
  );
  const oldInventory: ResourceInventory | undefined = ks.status?.inventory;
  const fail = (reason: string, err: unknown): ReconcileResult => {
    const msg = err instanceof Error ? err.message : String(err);
    markFalse(obj, ConditionType.Ready, reason, msg, opts);
    emit(w, EventSeverity.Error, msg, revision);
    return finish(w, { requeueAfterMs: retryMs });
  };

  let fetched: FetchedArtifact;
  try {
    fetched = await o.fetchArtifact(source, { signal });
  } catch (err) {
    const result = fail(Reason.ArtifactFailed, err);
    // A source still reconciling a new generation may be replacing the artifact that failed to
    // download (Flux re-queues on the source's revision change): wait for it.
    if (!isReadyAtLatestGeneration(source)) result.waitingFor = [sourceRef];
    return result;
  }
  try {
    obj.status!.lastAttemptedRevision = revision;
    markReconciling(
      obj,
      Reason.Progressing,
      `Building manifests for revision ${revision} with a timeout of ${goDuration(timeoutMs)}`,
      opts,
    );
    let objects: KubeObject[];
    try {
      const built = await o.build({
        root: fetched.dir,
        path: obj.spec.path ?? './',
        kustomization: obj,
        signal,
      });
      objects = await postBuildSubstitute(built, obj, {
        reader: clusterSourceReader(cluster),
        strict: o.strictSubstitutions,
        signal,
      });
    } catch (err) {
      if (isGitOpsKitError(err, 'Aborted')) throw err;
      return fail(Reason.BuildFailed, err);
    }

    // Owner labels, then commonMetadata.
    const owner = ownerLabels(obj.metadata.name ?? '', obj.metadata.namespace ?? '');
    const cm = obj.spec.commonMetadata;
    objects = objects.map((x) => {
      const labelled = withMetadata(x, owner);
      return cm ? withMetadata(labelled, cm.labels, cm.annotations) : labelled;
    });

    markReconciling(
      obj,
      Reason.Progressing,
      `Detecting drift for revision ${revision} with a timeout of ${goDuration(timeoutMs)}`,
      opts,
    );
    let entries: ChangeSetEntry[];
    try {
      entries = (
        await applyAllStaged(objects, {
          cluster,
          fieldManager: o.fieldManager,
          force: obj.spec.force ?? false,
          waitIntervalMs: o.stageWaitIntervalMs,
          waitTimeoutMs: o.stageWaitTimeoutMs,
          clock: ctx.clock,
          signal,
        })
      ).entries;
    } catch (err) {
      if (isGitOpsKitError(err, 'Aborted')) throw err;
      const partial =
        (isGitOpsKitError(err) ? (err.data.entries as ChangeSetEntry[] | undefined) : undefined) ?? [];
      const log = formatChangeSet(partial.filter((e) => hasChanged(e.action)));
      return fail(
        Reason.ReconciliationFailed,
        new Error(`${(err as Error).message}\n${log ? `${log}\n` : ''}`),
      );
    }
    const applyLog = formatChangeSet(entries.filter((e) => hasChanged(e.action)));
    if (applyLog) emit(w, EventSeverity.Info, applyLog, revision);

    // Inventory and prune.
    const newInventory = inventoryFromChangeSet(entries);
    obj.status!.inventory = newInventory;
    const stale = staleObjects(oldInventory, newInventory);
    if (obj.spec.prune && stale.length) {
      try {
        const r = await deleteObjects(stale, {
          cluster,
          owner: { name: obj.metadata.name ?? '', namespace: obj.metadata.namespace ?? '' },
          signal,
        });
        if (r.entries.length) emit(w, EventSeverity.Info, formatChangeSet(r.entries), revision);
      } catch (err) {
        if (isGitOpsKitError(err, 'PruneFailed')) {
          obj.status!.inventory = mergeInventory(newInventory, (err.data.survivors as ObjectRef[]) ?? []);
          return fail(Reason.PruneFailed, err);
        }
        throw err;
      }
    }

    // Health.
    const isNewRevision = ks.status?.lastAppliedRevision !== revision;
    const healthErr = await checkHealth(w, entries, {
      cluster,
      signal,
      rules,
      timeoutMs,
      intervalMs: o.healthCheckIntervalMs,
      failFast: o.failFast,
      revision,
      isNewRevision,
      drifted: applyLog !== '',
    });
    if (healthErr) {
      markFalse(obj, ConditionType.Ready, Reason.HealthCheckFailed, healthErr, opts);
      const msg = `health check failed after ${goDuration(ctx.clock.now() - start)}: ${healthErr}`;
      emit(w, EventSeverity.Error, msg, revision);
      return finish(w, { requeueAfterMs: retryMs });
    }

    obj.status!.lastAppliedRevision = revision;
    if (originRevision) obj.status!.lastAppliedOriginRevision = originRevision;
    markTrue(obj, ConditionType.Ready, Reason.ReconciliationSucceeded, `Applied revision: ${revision}`, opts);
    emit(
      w,
      EventSeverity.Info,
      `Reconciliation finished in ${goDuration(ctx.clock.now() - start)}, next run in ${goDuration(intervalMs)}`,
      revision,
      { [`${KustomizationGroup}/commit_status`]: 'update' },
    );
    return finish(w, { requeueAfterMs: intervalMs });
  } finally {
    await fetched.cleanup?.();
  }
}

async function checkHealth(
  w: Work,
  entries: ChangeSetEntry[],
  h: {
    cluster: ClusterClient;
    signal: AbortSignal;
    rules: HealthRules | undefined;
    timeoutMs: number;
    intervalMs: number;
    failFast: boolean;
    revision: string;
    isNewRevision: boolean;
    drifted: boolean;
  },
): Promise<string | undefined> {
  const obj = w.obj;
  const opts = { clock: w.clock };
  if (!obj.spec.wait && !obj.spec.healthChecks?.length) {
    deleteCondition(obj, ConditionType.Healthy);
    return undefined;
  }
  let refs: ObjectRef[];
  if (obj.spec.wait) {
    refs = entries
      .filter((e) => e.action !== 'skipped')
      .map((e) => ({
        apiVersion: e.apiVersion,
        kind: e.kind,
        name: e.name,
        ...(e.namespace ? { namespace: e.namespace } : {}),
      }));
  } else {
    refs = (obj.spec.healthChecks ?? []).map((r) => ({
      apiVersion: r.apiVersion || 'apps/v1',
      kind: r.kind,
      name: r.name,
      ...(r.namespace ? { namespace: r.namespace } : {}),
    }));
  }
  const self = selfId(obj);
  refs = refs.filter(
    (r) =>
      formatResourceId(
        resourceIdOf({
          apiVersion: r.apiVersion ?? 'v1',
          kind: r.kind,
          metadata: { name: r.name, namespace: r.namespace },
        }),
      ) !== self,
  );
  if (refs.length === 0) {
    deleteCondition(obj, ConditionType.Healthy);
    return undefined;
  }
  const wasHealthy = isTrue(obj, ConditionType.Healthy);
  const message = `Running health checks for revision ${h.revision} with a timeout of ${goDuration(h.timeoutMs)}`;
  markReconciling(obj, Reason.Progressing, message, opts);
  markUnknown(obj, ConditionType.Healthy, Reason.Progressing, message, opts);
  const start = w.clock.now();
  try {
    await waitForSet(refs, {
      cluster: h.cluster,
      clock: w.clock,
      intervalMs: h.intervalMs,
      timeoutMs: h.timeoutMs,
      failFast: h.failFast,
      rules: h.rules,
      signal: h.signal,
    });
  } catch (err) {
    if (!isGitOpsKitError(err, 'HealthCheckFailed')) throw err;
    markFalse(obj, ConditionType.Healthy, Reason.HealthCheckFailed, err.message, opts);
    return err.message;
  }
  const msg = `Health check passed in ${goDuration(w.clock.now() - start)}`;
  if (!wasHealthy || (h.isNewRevision && h.drifted)) emit(w, EventSeverity.Info, msg, h.revision);
  markTrue(obj, ConditionType.Healthy, Reason.Succeeded, msg, opts);
  return undefined;
}

/**
 * Flux's finalizer: when the Kustomization is deleted, not suspended, has an inventory, and its
 * `deletionPolicy` says so (`MirrorPrune` ⇒ iff `spec.prune`; `Delete`/`WaitForTermination` ⇒
 * always; `Orphan` ⇒ never), deletes the inventory objects with the prune rules;
 * `WaitForTermination` then waits (2s poll, `spec.timeout`) for them to disappear.
 *
 * @throws {KustomizationError} `PruneFailed` (the finalizer stays; retry later).
 */
export async function finalizeKustomization(
  ks: Kustomization,
  ctx: Pick<ReconcileContext, 'cluster' | 'clock' | 'signal'>,
): Promise<ReconcileEvent[]> {
  const events: Work['events'] = [];
  if (ks.spec?.suspend || !ks.status?.inventory?.entries?.length) return events;
  const policy = ks.spec.deletionPolicy ?? 'MirrorPrune';
  const del =
    policy === 'MirrorPrune' ? ks.spec.prune : policy === 'Delete' || policy === 'WaitForTermination';
  if (!del) return events;
  const refs = listInventory(ks.status.inventory);
  const w: Work = { obj: copyForWork(ks), events, clock: ctx.clock };
  const r = await deleteObjects(refs, {
    cluster: ctx.cluster,
    owner: { name: ks.metadata.name ?? '', namespace: ks.metadata.namespace ?? '' },
    signal: ctx.signal,
  });
  if (r.entries.length)
    emit(w, EventSeverity.Info, formatChangeSet(r.entries), ks.status.lastAppliedRevision);
  if (policy === 'WaitForTermination') {
    const deadline = ctx.clock.now() + kustomizationTimeoutMs(ks);
    const pending = r.entries.filter((e) => e.action === 'deleted');
    for (const e of pending) {
      for (;;) {
        const live = await ctx.cluster.get(
          { apiVersion: e.apiVersion, kind: e.kind, name: e.name, namespace: e.namespace },
          { signal: ctx.signal },
        );
        if (!live) break;
        if (ctx.clock.now() >= deadline) {
          emit(
            w,
            EventSeverity.Error,
            'failed to wait for resources termination',
            ks.status.lastAppliedRevision,
          );
          return events;
        }
        await ctx.clock.sleep(2_000, { signal: ctx.signal });
      }
    }
  }
  return events;
}
