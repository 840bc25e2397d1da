import { type Clock, systemClock } from '../clock/clock.js';
import type { ClusterClient, ResourceRef } from '../cluster/ClusterClient.js';
import { conditionsOf, getCondition, isFalse, isStalled, isTrue } from '../conditions/getter.js';
import { isReadyAtLatestGeneration, setObservedGeneration } from '../conditions/observedGeneration.js';
import { reconcileAnnotationValue, setLastHandledReconcileAt } from '../conditions/reconcileRequest.js';
import {
  deleteCondition,
  markFalse,
  markReconciling,
  markStalled,
  markTrue,
  markUnknown,
  setCondition,
} from '../conditions/setter.js';
import { type Condition, ConditionType, Reason } from '../conditions/types.js';
import { formatDuration } from '../duration/formatDuration.js';
import { CoreError, formatObjectName, isGitOpsKitError } from '../errors/GitOpsKitError.js';
import { type EventRecorder, EventSeverity, eventFor, noopEventRecorder } from '../events/event.js';
import { type Logger, type LogFields, noopLogger } from '../logger/logger.js';
import { parseApiVersion } from '../object/gvk.js';
import type { KubeObject, ObjectRef } from '../object/types.js';
import {
  type DependencyReference,
  dependencyCycleError,
  dependsOnOf,
  formatNamespacedName,
  topologicalOrder,
} from './dependsOn.js';
import { jitterInterval } from './jitter.js';
import type { ReconcileContext, ReconcileResult, Reconciler } from './Reconciler.js';
import { type ReadyExprCompiler, type ReadyExprVars, celReadyExpr } from './readyExpr.js';
import { statusMergePatch } from './statusPatch.js';
import { type ReconcileTiming, parseReconcileTiming } from './timing.js';

/**
 * Reasons the manager itself sets, for situations Flux's API server or controllers never let
 * through (an invalid duration is rejected by Flux's CRD validation; a `dependsOn` cycle leaves
 * Flux objects waiting forever).
 */
export const ManagerReason = {
  /** A spec field the manager reads is malformed (`spec.interval`, `spec.dependsOn[0].name`, ...). */
  InvalidSpec: 'InvalidSpec',
  /** `spec.dependsOn` forms a cycle; the message names it. */
  DependencyCycle: 'DependencyCycle',
} as const;
/** @see {@link ManagerReason} */
export type ManagerReason = (typeof ManagerReason)[keyof typeof ManagerReason];

/** Where one object stands, as the manager saw it last. */
export const ObjectOutcome = {
  /** Not reconciled yet (or queued/running for the first time). */
  Pending: 'Pending',
  /** Last reconcile ended `Ready=True` at the latest generation. */
  Ready: 'Ready',
  /** Last reconcile failed (`Ready=False`); retried at `spec.retryInterval`. */
  Failed: 'Failed',
  /** Terminal error (`Stalled=True`): no retry until the spec changes. */
  Stalled: 'Stalled',
  /** `spec.suspend: true`: not reconciled. */
  Suspended: 'Suspended',
  /** Waiting for dependencies (`DependencyNotReady`) or other objects (`waitingFor`). */
  Waiting: 'Waiting',
  /** Reconciled, but `Ready` is still Unknown (the reconciler reported progress). */
  Progressing: 'Progressing',
} as const;
/** @see {@link ObjectOutcome} */
export type ObjectOutcome = (typeof ObjectOutcome)[keyof typeof ObjectOutcome];

/** A snapshot of one managed object (see {@link Manager.report}). */
export interface ObjectReport {
  ref: ResourceRef;
  outcome: ObjectOutcome;
  /** The object's conditions after the last reconcile. */
  conditions: Condition[];
  generation?: number;
  observedGeneration?: number;
  /** Why the last reconcile failed, stalled or waits. */
  message?: string;
  /** The error behind a `Failed`/`Stalled` outcome decided by the manager (e.g. `DependencyCycle`), when any. */
  error?: CoreError;
  /** Epoch ms of the next scheduled reconcile, when one is scheduled. */
  nextRunAt?: number;
  /** Number of reconciles run so far. */
  runs: number;
}

/** Options of the {@link Manager} constructor. */
export interface ManagerOptions {
  /** The cluster objects are read from and status is written to. */
  cluster: ClusterClient;
  /** One reconciler per kind. */
  reconcilers: Reconciler[];
  /** Time source for scheduling, timeouts and condition times. Default: the system clock. */
  clock?: Clock;
  /** Default {@link noopLogger}. */
  logger?: Logger;
  /** Where events go. Default {@link noopEventRecorder}. */
  events?: EventRecorder;
  /** Reconciles running at once, across all kinds. Default {@link managerDefaults}.concurrency. */
  concurrency?: number;
  /** Only manage objects in this namespace. Default: all namespaces. */
  namespace?: string;
  /** Interval jitter in percent (±). Default {@link managerDefaults}.jitterPercent. */
  jitterPercent?: number;
  /** Random source in `[0, 1)` for jitter. Default `Math.random`. */
  random?: () => number;
  /** Requeue delay while dependencies are not ready, ms. Default {@link managerDefaults}.requeueDependencyMs. */
  requeueDependencyMs?: number;
  /**
   * Reconcile an object waiting on others (`dependsOn`, `waitingFor`) as soon as one of them
   * finishes a reconcile, instead of only after `requeueDependencyMs`. Flux has no such shortcut
   * (its dependants poll); turning it off gives Flux's timing. Default `true`.
   */
  wakeDependants?: boolean;
  /** First retry delay after a failure when the object has no interval, ms. Default 750 (Flux's `--min-retry-delay`). */
  minRetryDelayMs?: number;
  /** Cap of the exponential retry delay, ms. Default 15 minutes (Flux's `--max-retry-delay`). */
  maxRetryDelayMs?: number;
  /**
   * Re-list interval used when the cluster has no `watch`, ms. Default {@link managerDefaults}.resyncIntervalMs.
   */
  resyncIntervalMs?: number;
  /**
   * Compiles `dependsOn[].readyExpr` expressions, evaluated with `self` (the dependant) and `dep`
   * (the dependency). A compile error stalls the dependant (`InvalidCELExpression`); an evaluation
   * error or `false` makes it wait (`DependencyNotReady`). Default {@link celReadyExpr} (CEL, as Flux).
   */
  readyExpr?: ReadyExprCompiler;
  /**
   * Also run the built-in readiness check when a `readyExpr` is set (Flux's
   * `AdditiveCELDependencyCheck` feature gate). Default `false`: the expression replaces it.
   */
  additiveReadyExpr?: boolean;
  /** `reportingInstance` of events. Default: omitted. */
  reportingInstance?: string;
}

/** Defaults of {@link ManagerOptions}. */
export const managerDefaults = {
  /** `4`, kustomize-controller's and helm-controller's `--concurrent` default. */
  concurrency: 4,
  /** `5`, Flux's `--interval-jitter-percentage` default. */
  jitterPercent: 5,
  /** `30000`, Flux's `--requeue-dependency` default (30s). */
  requeueDependencyMs: 30_000,
  /** `true`. */
  wakeDependants: true,
  /** `750`. */
  minRetryDelayMs: 750,
  /** `900000` (15m). */
  maxRetryDelayMs: 15 * 60_000,
  /** `30000`. */
  resyncIntervalMs: 30_000,
  /** `finalizers.fluxcd.io`. */
  finalizer: 'finalizers.fluxcd.io',
} as const;

/** Options of {@link Manager.runUntilSettled}. */
export interface RunUntilSettledOptions {
  /** Aborts the wait (the manager is stopped); rejects with `Aborted`. */
  signal?: AbortSignal;
  /** Give up after this many ms of the manager's clock; rejects with `Timeout`. Default: no limit. */
  timeoutMs?: number;
  /** Stop the manager once settled. Default `true`. */
  stop?: boolean;
}

/** Result of {@link Manager.runUntilSettled}: every object's report, and whether all are Ready. */
export interface SettleReport {
  objects: ObjectReport[];
  /** True when every object is `Ready` (suspended objects do not count against it). */
  allReady: boolean;
}

interface Entry {
  key: string;
  ref: ResourceRef;
  reconciler: Reconciler<KubeObject>;
  outcome: ObjectOutcome;
  object?: KubeObject;
  /** Keys of the objects this one depends on (from `spec.dependsOn`), for cycle detection. */
  dependsOn: string[];
  /** Keys this object waits on after its last reconcile. */
  waitingFor: string[];
  lastGeneration?: number;
  lastRequestedAt?: string;
  deleting: boolean;
  message?: string;
  error?: CoreError;
  timer?: AbortController;
  nextRunAt?: number;
  failures: number;
  runs: number;
}

const progressingMessage = 'Reconciliation in progress';
/** kustomize-controller's prefix of terminal (stalling) configuration errors. */
const terminalErrorMessage = 'Reconciliation failed terminally due to configuration error';

function kindKey(apiVersion: string | undefined, kind: string): string {
  return `${apiVersion ? parseApiVersion(apiVersion).group : '*'}/${kind}`;
}

function objectKey(group: string, kind: string, namespace: string | undefined, name: string): string {
  return `${group}/${kind}/${namespace ?? ''}/${name}`;
}

/**
 * Runs reconcilers in-process against a {@link ClusterClient}, following Flux's common reconciler
 * contract:
 *
 * 1. objects being deleted get `finalize` (when defined), then lose the finalizer the manager added;
 * 2. `spec.suspend: true` objects are skipped, status untouched;
 * 3. `spec.interval`, `spec.retryInterval`, `spec.timeout` are parsed once; a bad one stalls the
 *    object (`Stalled=True`, `Ready=False`, reason `InvalidSpec`, message naming the field);
 * 4. `spec.dependsOn` (Flux's `{ name, namespace? }` of the same kind, namespace defaulting to the
 *    referrer's) must each be `Ready=True` at their latest generation; otherwise `Ready=False`
 *    `DependencyNotReady` and a requeue after 30s; a cycle is `Ready=False` `DependencyCycle`
 *    naming it (`circular dependency detected: default/a -> default/b -> default/a`);
 * 5. `Reconciling=True`/`Ready=Unknown` (`Progressing`) is written, then the reconciler runs with
 *    an `AbortSignal` that fires on `spec.timeout` or {@link Manager.stop};
 * 6. success (`Ready=True`): `Reconciling` removed, `status.observedGeneration` bumped, requeue at
 *    `spec.interval` ±5% jitter; failure (`Ready=False` or a throw): `Reconciling` reason
 *    `ProgressingWithRetry`, requeue at `spec.retryInterval` (default: interval; else exponential
 *    750ms…15m); stalled: `observedGeneration` bumped, no requeue until the generation changes;
 * 7. `status.lastHandledReconcileAt` takes the `reconcile.fluxcd.io/requestedAt` value; status is
 *    written through the status subresource with the controller's field manager.
 *
 * New objects, spec changes (generation) and new `requestedAt` values trigger a reconcile (through
 * `cluster.watch`, else by re-listing every `resyncIntervalMs`), as does {@link Manager.requestReconcile}.
 * At most `concurrency` reconciles run at once and one object never runs twice at once.
 *
 * @see https://github.com/fluxcd/pkg/tree/main/runtime
 * @example
 * ```ts
 * const manager = new Manager({ cluster, reconcilers: [myReconciler], clock });
 * const report = await manager.runUntilSettled({ timeoutMs: 60_000 });
 * for (const o of report.objects) console.log(o.ref.name, o.outcome);
 * ```
 */
export class Manager {
  private readonly cluster: ClusterClient;
  private readonly clock: Clock;
  private readonly logger: Logger;
  private readonly events: EventRecorder;
  private readonly options: ManagerOptions;
  private readonly reconcilers = new Map<string, Reconciler<KubeObject>>();
  private readonly entries = new Map<string, Entry>();
  private readonly queue: string[] = [];
  private readonly queued = new Set<string>();
  private readonly running = new Map<string, Promise<void>>();
  private readonly dirty = new Set<string>();
  private readonly listeners = new Set<() => void>();
  private readonly loops: Promise<void>[] = [];
  private stopController = new AbortController();
  private state: 'new' | 'starting' | 'started' | 'stopped' = 'new';
  private startPromise?: Promise<void>;

  constructor(options: ManagerOptions) {
    this.options = options;
    this.cluster = options.cluster;
    this.clock = options.clock ?? systemClock;
    this.logger = options.logger ?? noopLogger;
    this.events = options.events ?? noopEventRecorder;
    for (const r of options.reconcilers) {
      const key = kindKey(r.apiVersion, r.kind);
      if (this.reconcilers.has(key)) {
        throw new CoreError('InvalidArgument', `two reconcilers for ${r.kind} (${r.apiVersion})`);
      }
      this.reconcilers.set(key, r as Reconciler<KubeObject>);
    }
    const concurrency = options.concurrency ?? managerDefaults.concurrency;
    if (!Number.isInteger(concurrency) || concurrency < 1) {
      throw new CoreError('InvalidArgument', `concurrency must be a positive integer, got ${concurrency}`);
    }
  }

  private get concurrency(): number {
    return this.options.concurrency ?? managerDefaults.concurrency;
  }

  private get stopped(): boolean {
    return this.state === 'stopped';
  }

  private get stopSignal(): AbortSignal {
    return this.stopController.signal;
  }

  /**
   * Lists every reconciler's kind, queues each object (dependencies first) and starts watching.
   * Resolves once the initial list is done; reconciles continue in the background.
   *
   * @throws {CoreError} `UnknownKind` and other cluster errors from the initial list; `Aborted`.
   */
  start(options: { signal?: AbortSignal } = {}): Promise<void> {
    if (this.state === 'stopped') {
      return Promise.reject(new CoreError('InvalidArgument', 'manager was stopped; create a new one'));
    }
    this.startPromise ??= this.doStart(options.signal);
    return this.startPromise;
  }

  private async doStart(signal: AbortSignal | undefined): Promise<void> {
    this.state = 'starting';
    const listSignal = signal ? AbortSignal.any([signal, this.stopSignal]) : this.stopSignal;
    const found: Entry[] = [];
    for (const reconciler of this.reconcilers.values()) {
      const objects = await this.cluster.list(
        { apiVersion: reconciler.apiVersion, kind: reconciler.kind },
        { signal: listSignal, ...(this.options.namespace ? { namespace: this.options.namespace } : {}) },
      );
      for (const obj of objects) {
        const entry = this.track(obj, reconciler);
        this.observe(entry, obj);
        found.push(entry);
      }
    }
    // Dependencies first, so a chain settles in one pass; cycles are reported when their members run.
    const order = topologicalOrder(
      found,
      (e) => e.dependsOn.map((k) => this.entries.get(k)).filter((d): d is Entry => d !== undefined),
      (e) => e.key,
    );
    for (const entry of 'sorted' in order ? order.sorted : found) this.enqueue(entry.key);
    for (const reconciler of this.reconcilers.values()) this.loops.push(this.watchLoop(reconciler));
    this.state = 'started';
    this.notify();
  }

  /**
   * Stops: no new reconciles start, timers are cancelled, in-flight reconciles are aborted (their
   * `ctx.signal` fires) and awaited. Status is not written for reconciles aborted by `stop`.
   * A reconciler that ignores its signal delays this until it returns.
   */
  async stop(options: { signal?: AbortSignal } = {}): Promise<void> {
    if (!this.stopped) {
      this.state = 'stopped';
      this.stopController.abort(new CoreError('Aborted', 'manager stopped'));
      for (const entry of this.entries.values()) entry.timer?.abort();
      this.queue.length = 0;
      this.queued.clear();
    }
    const all = Promise.all([...this.running.values(), ...this.loops]).then(() => undefined);
    if (!options.signal) return all;
    const sig = options.signal;
    return new Promise<void>((resolve, reject) => {
      if (sig.aborted) return reject(new CoreError('Aborted', 'stop aborted', { cause: sig.reason }));
      sig.addEventListener(
        'abort',
        () => reject(new CoreError('Aborted', 'stop aborted', { cause: sig.reason })),
        {
          once: true,
        },
      );
      all.then(resolve, reject);
    });
  }

  /**
   * Reconciles an object as soon as a worker is free, whatever its schedule (like
   * `flux reconcile`, without touching the object). Unknown objects of a managed kind are picked up.
   *
   * @throws {CoreError} `InvalidArgument` when no reconciler handles the kind.
   */
  requestReconcile(ref: ObjectRef): void {
    const reconciler = this.reconcilerFor(ref.apiVersion, ref.kind);
    if (!reconciler) {
      throw new CoreError(
        'InvalidArgument',
        `no reconciler for ${ref.kind} (${ref.apiVersion ?? 'any version'})`,
      );
    }
    const { group } = parseApiVersion(reconciler.apiVersion);
    const key = objectKey(group, ref.kind, ref.namespace, ref.name);
    if (!this.entries.has(key)) {
      const r: ResourceRef = { apiVersion: reconciler.apiVersion, kind: ref.kind, name: ref.name };
      if (ref.namespace) r.namespace = ref.namespace;
      this.entries.set(key, this.newEntry(key, r, reconciler));
    }
    this.enqueue(key);
  }

  /** Snapshot of every managed object, sorted by kind, namespace, name. */
  report(): ObjectReport[] {
    const now = this.clock.now();
    return [...this.entries.values()]
      .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
      .map((e) => {
        const r: ObjectReport = {
          ref: { ...e.ref },
          outcome: e.outcome,
          conditions: e.object ? conditionsOf(e.object).map((c) => ({ ...c })) : [],
          runs: e.runs,
        };
        const gen = e.object?.metadata.generation;
        if (gen !== undefined) r.generation = gen;
        const og = (e.object?.status as { observedGeneration?: number } | undefined)?.observedGeneration;
        if (og !== undefined) r.observedGeneration = og;
        if (e.message !== undefined) r.message = e.message;
        if (e.error) r.error = e.error;
        if (e.nextRunAt !== undefined && e.nextRunAt >= now) r.nextRunAt = e.nextRunAt;
        return r;
      });
  }

  /**
   * Resolves when nothing is queued or running (scheduled requeues may be pending): what tests
   * await after moving a fake clock.
   */
  idle(options: { signal?: AbortSignal } = {}): Promise<void> {
    return this.waitFor(
      () => this.state !== 'starting' && this.queue.length === 0 && this.running.size === 0,
      options.signal,
    );
  }

  /**
   * Starts (if needed) and runs until every object is settled: Ready, Failed, Stalled, Suspended,
   * or Waiting on objects that are themselves settled and not Ready. Then stops (unless
   * `options.stop === false`) and returns every object's report. The demo and the fleet
   * reconcile use this.
   *
   * @throws {CoreError} `Timeout` after `options.timeoutMs` (with `data.report`), `Aborted`, or
   *   an error of the initial list.
   */
  async runUntilSettled(options: RunUntilSettledOptions = {}): Promise<SettleReport> {
    const timer = new AbortController();
    const signals = [timer.signal, ...(options.signal ? [options.signal] : [])];
    const waitSignal = AbortSignal.any(signals);
    if (options.timeoutMs !== undefined) {
      this.clock.sleep(options.timeoutMs, { signal: timer.signal }).then(
        () => timer.abort(new CoreError('Timeout', 'timeout')),
        () => {},
      );
    }
    try {
      await this.start(options.signal ? { signal: options.signal } : {});
      await this.waitFor(() => this.isSettled(), waitSignal);
    } catch (err) {
      if (timer.signal.aborted && options.timeoutMs !== undefined) {
        const report = this.report();
        const pending = report.filter((r) => !this.isSettled(r.ref)).map((r) => formatObjectName(r.ref));
        if (options.stop !== false) await this.stop();
        throw new CoreError(
          'Timeout',
          `objects not settled after ${formatDuration(options.timeoutMs)}: ${pending.join(', ')}`,
          { data: { report } },
        );
      }
      if (options.stop !== false) await this.stop();
      throw err;
    } finally {
      timer.abort();
    }
    const objects = this.report();
    if (options.stop !== false) await this.stop();
    return {
      objects,
      allReady: objects.every(
        (o) => o.outcome === ObjectOutcome.Ready || o.outcome === ObjectOutcome.Suspended,
      ),
    };
  }

  // --- bookkeeping -------------------------------------------------------------------------

  private reconcilerFor(apiVersion: string | undefined, kind: string): Reconciler<KubeObject> | undefined {
    if (apiVersion) return this.reconcilers.get(kindKey(apiVersion, kind));
    return [...this.reconcilers.values()].find((r) => r.kind === kind);
  }

  private newEntry(key: string, ref: ResourceRef, reconciler: Reconciler<KubeObject>): Entry {
    return {
      key,
      ref,
      reconciler,
      outcome: ObjectOutcome.Pending,
      dependsOn: [],
      waitingFor: [],
      deleting: false,
      failures: 0,
      runs: 0,
    };
  }

  private keyOf(obj: {
    apiVersion: string;
    kind: string;
    metadata: { namespace?: string; name?: string };
  }): string {
    return objectKey(
      parseApiVersion(obj.apiVersion).group,
      obj.kind,
      obj.metadata.namespace,
      obj.metadata.name ?? '',
    );
  }

  private track(obj: KubeObject, reconciler: Reconciler<KubeObject>): Entry {
    const key = this.keyOf(obj);
    let entry = this.entries.get(key);
    if (!entry) {
      const ref: ResourceRef = {
        apiVersion: reconciler.apiVersion,
        kind: obj.kind,
        name: obj.metadata.name ?? '',
      };
      if (obj.metadata.namespace) ref.namespace = obj.metadata.namespace;
      entry = this.newEntry(key, ref, reconciler);
      this.entries.set(key, entry);
    }
    return entry;
  }

  /** Records what the manager last saw of an object; returns true when Flux's predicates would enqueue it. */
  private observe(entry: Entry, obj: KubeObject): boolean {
    const generation = obj.metadata.generation;
    const requestedAt = reconcileAnnotationValue(obj);
    const deleting = obj.metadata.deletionTimestamp !== undefined && obj.metadata.deletionTimestamp !== null;
    const changed =
      entry.object === undefined ||
      generation !== entry.lastGeneration ||
      (requestedAt !== undefined && requestedAt !== entry.lastRequestedAt) ||
      (deleting && !entry.deleting);
    entry.object = obj;
    entry.lastGeneration = generation;
    entry.lastRequestedAt = requestedAt;
    entry.deleting = deleting;
    const { group } = parseApiVersion(obj.apiVersion);
    entry.dependsOn = dependsOnOf(obj).value.map((d) => objectKey(group, obj.kind, d.namespace, d.name));
    return changed;
  }

  private forget(entry: Entry): void {
    entry.timer?.abort();
    this.entries.delete(entry.key);
    this.notify();
  }

  private enqueue(key: string): void {
    if (this.stopped || !this.entries.has(key)) return;
    if (this.running.has(key)) {
      this.dirty.add(key);
      return;
    }
    if (this.queued.has(key)) return;
    this.queue.push(key);
    this.queued.add(key);
    this.pump();
  }

  /**
   * True when one of the object's dependencies is queued or running: it then waits its turn, so
   * dependencies are reconciled first. Objects on a cycle never wait (the cycle is reported).
   */
  private blockedByDependency(entry: Entry): boolean {
    const busy = entry.dependsOn.some((d) => d !== entry.key && (this.queued.has(d) || this.running.has(d)));
    return busy && this.cycleThrough(entry.key) === undefined;
  }

  private pump(): void {
    while (!this.stopped && this.running.size < this.concurrency) {
      const at = this.queue.findIndex((k) => {
        const e = this.entries.get(k);
        return !e || !this.blockedByDependency(e);
      });
      if (at < 0) return;
      const key = this.queue.splice(at, 1)[0]!;
      this.queued.delete(key);
      const entry = this.entries.get(key);
      if (!entry) continue;
      const run = this.runOnce(entry)
        .catch((err) => this.logger.error('reconcile crashed', { ...this.fields(entry), error: String(err) }))
        .finally(() => {
          this.running.delete(key);
          if (this.dirty.delete(key)) this.enqueue(key);
          this.pump();
          this.notify();
        });
      this.running.set(key, run);
    }
  }

  private schedule(entry: Entry, ms: number | undefined): void {
    entry.timer?.abort();
    entry.timer = undefined;
    entry.nextRunAt = undefined;
    if (ms === undefined || this.stopped || !this.entries.has(entry.key)) return;
    const ctl = new AbortController();
    entry.timer = ctl;
    entry.nextRunAt = this.clock.now() + ms;
    this.clock.sleep(ms, { signal: AbortSignal.any([ctl.signal, this.stopSignal]) }).then(
      () => {
        if (entry.timer !== ctl) return;
        entry.timer = undefined;
        entry.nextRunAt = undefined;
        this.enqueue(entry.key);
      },
      () => {},
    );
  }

  private notify(): void {
    for (const listener of [...this.listeners]) listener();
  }

  private waitFor(done: () => boolean, signal?: AbortSignal): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const abort = () => {
        this.listeners.delete(check);
        const reason = signal?.reason;
        reject(
          isGitOpsKitError(reason) ? reason : new CoreError('Aborted', 'wait aborted', { cause: reason }),
        );
      };
      const check = () => {
        if (!done()) return;
        this.listeners.delete(check);
        signal?.removeEventListener('abort', abort);
        resolve();
      };
      if (signal?.aborted) return abort();
      signal?.addEventListener('abort', abort, { once: true });
      this.listeners.add(check);
      check();
    });
  }

  /** Settled: nothing more will happen to it without an outside change or a timer. */
  private isSettled(ref?: ResourceRef): boolean {
    if (ref) {
      const { group } = parseApiVersion(ref.apiVersion);
      const entry = this.entries.get(objectKey(group, ref.kind, ref.namespace, ref.name));
      return entry ? this.entrySettled(entry, new Set()) : true;
    }
    if (this.state !== 'started') return false;
    for (const entry of this.entries.values()) if (!this.entrySettled(entry, new Set())) return false;
    return true;
  }

  private entrySettled(entry: Entry, seen: Set<string>): boolean {
    if (this.queued.has(entry.key) || this.running.has(entry.key)) return false;
    switch (entry.outcome) {
      case ObjectOutcome.Ready:
      case ObjectOutcome.Failed:
      case ObjectOutcome.Stalled:
      case ObjectOutcome.Suspended:
        return true;
      case ObjectOutcome.Waiting: {
        seen.add(entry.key);
        return entry.waitingFor.every((k) => {
          const dep = this.entries.get(k);
          if (!dep || seen.has(k)) return true;
          return this.entrySettled(dep, seen) && dep.outcome !== ObjectOutcome.Ready;
        });
      }
      default:
        return false;
    }
  }

  private wakeDependants(entry: Entry): void {
    if (!(this.options.wakeDependants ?? managerDefaults.wakeDependants)) return;
    for (const other of this.entries.values()) {
      const waits = other.outcome === ObjectOutcome.Waiting && other.waitingFor.includes(entry.key);
      // A dependant mid-run may have read this object before it became Ready: run it again after.
      const racing = this.running.has(other.key) && other.dependsOn.includes(entry.key);
      if (waits || racing) this.enqueue(other.key);
    }
  }

  private fields(entry: Entry): LogFields {
    return { kind: entry.ref.kind, namespace: entry.ref.namespace, name: entry.ref.name };
  }

  private loggerFor(entry: Entry): Logger {
    const base = this.fields(entry);
    const l = this.logger;
    return {
      debug: (m, f) => l.debug(m, { ...base, ...f }),
      info: (m, f) => l.info(m, { ...base, ...f }),
      warn: (m, f) => l.warn(m, { ...base, ...f }),
      error: (m, f) => l.error(m, { ...base, ...f }),
    };
  }

  // --- watching ----------------------------------------------------------------------------

  private async watchLoop(reconciler: Reconciler<KubeObject>): Promise<void> {
    const type = { apiVersion: reconciler.apiVersion, kind: reconciler.kind };
    const ns = this.options.namespace ? { namespace: this.options.namespace } : {};
    while (!this.stopped) {
      try {
        if (this.cluster.watch) {
          for await (const ev of this.cluster.watch(type, { signal: this.stopSignal, ...ns })) {
            this.onWatchEvent(reconciler, ev.type, ev.object);
          }
          if (this.stopped) return;
          // The server closed the watch: start a new one (its ADDED events re-list) after a pause.
          await this.clock.sleep(1000, { signal: this.stopSignal }).catch(() => {});
        } else {
          await this.clock.sleep(this.options.resyncIntervalMs ?? managerDefaults.resyncIntervalMs, {
            signal: this.stopSignal,
          });
          const objects = await this.cluster.list(type, { signal: this.stopSignal, ...ns });
          const seen = new Set<string>();
          for (const obj of objects) {
            seen.add(this.keyOf(obj));
            this.onWatchEvent(reconciler, 'MODIFIED', obj);
          }
          for (const entry of [...this.entries.values()]) {
            if (entry.reconciler === reconciler && !seen.has(entry.key) && !this.running.has(entry.key)) {
              this.forget(entry);
            }
          }
        }
      } catch (err) {
        if (this.stopped) return;
        this.logger.warn('watch failed, retrying in 1s', { kind: reconciler.kind, error: String(err) });
        await this.clock.sleep(1000, { signal: this.stopSignal }).catch(() => {});
      }
    }
  }

  private onWatchEvent(reconciler: Reconciler<KubeObject>, type: string, obj: KubeObject): void {
    if (this.stopped) return;
    if (this.options.namespace && obj.metadata.namespace !== this.options.namespace) return;
    if (type === 'DELETED') {
      const entry = this.entries.get(this.keyOf(obj));
      if (!entry) return;
      if (this.running.has(entry.key))
        this.dirty.add(entry.key); // the rerun finds it gone
      else this.forget(entry);
      return;
    }
    const entry = this.track(obj, reconciler);
    if (this.observe(entry, obj)) this.enqueue(entry.key);
  }

  // --- one reconcile -----------------------------------------------------------------------

  private async runOnce(entry: Entry): Promise<void> {
    const { reconciler } = entry;
    const log = this.loggerFor(entry);
    let obj: KubeObject | undefined;
    try {
      obj = await this.cluster.get(entry.ref, { signal: this.stopSignal });
    } catch (err) {
      if (this.stopped) return;
      log.error('failed to get object', { error: String(err) });
      this.finishFailure(entry, String(err instanceof Error ? err.message : err), undefined);
      return;
    }
    if (!obj) {
      this.forget(entry);
      return;
    }
    this.observe(entry, obj);
    entry.runs++;

    const finalizer = reconciler.finalizer ?? managerDefaults.finalizer;
    const fieldManager = reconciler.fieldManager ?? reconciler.controllerName;

    // 1. Deletion: finalize, then release the finalizer.
    if (entry.deleting) {
      await this.runFinalize(entry, obj, finalizer, fieldManager, log);
      return;
    }
    // 2. Add the finalizer first, when there is finalizer logic.
    if (reconciler.finalize && !(obj.metadata.finalizers ?? []).includes(finalizer)) {
      try {
        obj = await this.cluster.patch(
          entry.ref,
          {
            metadata: {
              finalizers: [...(obj.metadata.finalizers ?? []), finalizer],
              resourceVersion: obj.metadata.resourceVersion,
            },
          },
          { type: 'merge', fieldManager, signal: this.stopSignal },
        );
        this.observe(entry, obj);
      } catch (err) {
        if (this.stopped) return;
        if (isGitOpsKitError(err, 'Conflict')) {
          this.dirty.add(entry.key);
          return;
        }
        throw err;
      }
    }

    // 3. Suspend, and the timing fields, parsed once.
    const timing = parseReconcileTiming(obj);
    if (timing.errors.length === 0 && timing.value.suspend) {
      log.info('Reconciliation is suspended for this object');
      entry.outcome = ObjectOutcome.Suspended;
      entry.message = undefined;
      entry.error = undefined;
      entry.waitingFor = [];
      this.schedule(entry, undefined);
      return;
    }
    const deps = dependsOnOf(obj);
    const problems = [...timing.errors, ...deps.errors];
    if (problems.length > 0) {
      const message = problems.map((p) => p.message).join('; ');
      const where = { kind: obj.kind, namespace: obj.metadata.namespace, name: obj.metadata.name };
      const error = new CoreError('InvalidObject', `${formatObjectName(where)}: ${message}`, {
        data: { ...where, fieldPath: problems[0]!.fieldPath },
      });
      await this.stall(entry, obj, ManagerReason.InvalidSpec, message, error, fieldManager);
      return;
    }

    // 4. dependsOn.
    if (deps.value.length > 0) {
      const proceed = await this.checkDependencies(entry, obj, deps.value, fieldManager, log);
      if (!proceed) return;
    }

    // 5. Progressing, then the reconciler.
    const marked = structuredClone(obj);
    markUnknown(marked, ConditionType.Ready, Reason.Progressing, progressingMessage, { clock: this.clock });
    markReconciling(marked, Reason.Progressing, progressingMessage, { clock: this.clock });
    const afterMark = await this.writeStatus(entry, obj, marked, fieldManager);
    if (!afterMark) return;
    obj = afterMark;

    const started = this.clock.now();
    const timeoutMs = timing.value.timeoutMs ?? reconciler.defaultTimeoutMs?.(obj, timing.value.intervalMs);
    const runCtl = new AbortController();
    const onStop = () => runCtl.abort(this.stopSignal.reason);
    this.stopSignal.addEventListener('abort', onStop, { once: true });
    const timeoutTimer = new AbortController();
    let timedOut = false;
    if (timeoutMs !== undefined) {
      this.clock.sleep(timeoutMs, { signal: AbortSignal.any([timeoutTimer.signal, runCtl.signal]) }).then(
        () => {
          timedOut = true;
          runCtl.abort(
            new CoreError('Timeout', `reconciliation timed out after ${formatDuration(timeoutMs)}`),
          );
        },
        () => {},
      );
    }
    const work = structuredClone(obj);
    const ctx: ReconcileContext = {
      cluster: this.cluster,
      clock: this.clock,
      logger: log,
      events: this.events,
      signal: runCtl.signal,
      fieldManager,
      reportingController: reconciler.controllerName,
    };
    let result: ReconcileResult | undefined;
    let failure: unknown;
    try {
      result = await reconciler.reconcile(work, ctx);
    } catch (err) {
      failure = err;
    } finally {
      timeoutTimer.abort();
      this.stopSignal.removeEventListener('abort', onStop);
    }
    if (this.stopped && !timedOut) return; // aborted by stop: leave status as it is
    if (timedOut) {
      failure = runCtl.signal.reason;
      result = undefined;
    }
    await this.finishRun(entry, obj, work, result, failure, timing.value, fieldManager, started, log);
  }

  private async runFinalize(
    entry: Entry,
    obj: KubeObject,
    finalizer: string,
    fieldManager: string,
    log: Logger,
  ): Promise<void> {
    const { reconciler } = entry;
    const finalizers = obj.metadata.finalizers ?? [];
    if (!finalizers.includes(finalizer)) {
      entry.outcome = ObjectOutcome.Pending;
      this.schedule(entry, undefined);
      return;
    }
    const timing = parseReconcileTiming(obj);
    if (reconciler.finalize && !timing.value.suspend) {
      const ctx: ReconcileContext = {
        cluster: this.cluster,
        clock: this.clock,
        logger: log,
        events: this.events,
        signal: this.stopSignal,
        fieldManager,
        reportingController: reconciler.controllerName,
      };
      try {
        await reconciler.finalize(structuredClone(obj), ctx);
      } catch (err) {
        if (this.stopped) return;
        log.error('finalize failed', { error: String(err) });
        entry.failures++;
        entry.outcome = ObjectOutcome.Failed;
        entry.message = err instanceof Error ? err.message : String(err);
        this.schedule(entry, this.backoff(entry));
        return;
      }
    }
    const remaining = finalizers.filter((f) => f !== finalizer);
    try {
      await this.cluster.patch(
        entry.ref,
        {
          metadata: {
            finalizers: remaining,
            resourceVersion: obj.metadata.resourceVersion,
          },
        },
        { type: 'merge', fieldManager, signal: this.stopSignal },
      );
    } catch (err) {
      if (this.stopped) return;
      if (isGitOpsKitError(err, 'NotFound')) {
        this.forget(entry);
        return;
      }
      if (isGitOpsKitError(err, 'Conflict')) {
        this.dirty.add(entry.key);
        return;
      }
      throw err;
    }
    // With no finalizer left the API server removes the object.
    if (remaining.length === 0) this.forget(entry);
    else this.schedule(entry, undefined);
  }

  private async checkDependencies(
    entry: Entry,
    obj: KubeObject,
    deps: DependencyReference[],
    fieldManager: string,
    log: Logger,
  ): Promise<boolean> {
    const { group } = parseApiVersion(obj.apiVersion);
    const requeue = this.options.requeueDependencyMs ?? managerDefaults.requeueDependencyMs;
    const depKeys = deps.map((d) => objectKey(group, obj.kind, d.namespace, d.name));
    // A cycle through this object (over what the manager knows of the others' dependsOn).
    const cycle = this.cycleThrough(entry.key);
    if (cycle) {
      const error = dependencyCycleError(cycle);
      const work = structuredClone(obj);
      markFalse(work, ConditionType.Ready, ManagerReason.DependencyCycle, error.message, {
        clock: this.clock,
      });
      this.finalizeStatusFields(work);
      const written = await this.writeStatus(entry, obj, work, fieldManager);
      if (!written) return false;
      await this.emit(entry, written, EventSeverity.Error, ManagerReason.DependencyCycle, error.message);
      entry.outcome = ObjectOutcome.Failed;
      entry.message = error.message;
      entry.error = error;
      entry.waitingFor = depKeys;
      this.schedule(entry, requeue);
      return false;
    }
    let notReady: string | undefined;
    for (const dep of deps) {
      const name = formatNamespacedName({ namespace: dep.namespace, name: dep.name });
      const ref: ResourceRef = { apiVersion: obj.apiVersion, kind: obj.kind, name: dep.name };
      if (dep.namespace) ref.namespace = dep.namespace;
      let depObj: KubeObject | undefined;
      try {
        depObj = await this.cluster.get(ref, { signal: this.stopSignal });
      } catch (err) {
        if (this.stopped) return false;
        notReady = `dependency '${name}' not found: ${err instanceof Error ? err.message : String(err)}`;
        break;
      }
      if (!depObj) {
        notReady = `dependency '${name}' not found`;
        break;
      }
      if (dep.readyExpr) {
        let evaluate: (vars: ReadyExprVars) => boolean;
        try {
          evaluate = (this.options.readyExpr ?? celReadyExpr).compile(dep.readyExpr);
        } catch (err) {
          const message = `${terminalErrorMessage}: failed to evaluate dependency ${dep.name}: ${err instanceof Error ? err.message : String(err)}`;
          await this.stall(entry, obj, Reason.InvalidCELExpression, message, undefined, fieldManager);
          return false;
        }
        let ready: boolean;
        try {
          ready = evaluate({ self: obj, dep: depObj });
        } catch (err) {
          notReady = err instanceof Error ? err.message : String(err);
          break;
        }
        if (!ready) {
          notReady = `dependency '${name}' is not ready according to readyExpr eval`;
          break;
        }
        if (!(this.options.additiveReadyExpr ?? false)) continue;
      }
      if (!isReadyAtLatestGeneration(depObj)) {
        notReady = `dependency '${name}' is not ready`;
        break;
      }
    }
    if (notReady === undefined) {
      log.info('All dependencies are ready, proceeding with reconciliation');
      return true;
    }
    const work = structuredClone(obj);
    markFalse(work, ConditionType.Ready, Reason.DependencyNotReady, notReady, { clock: this.clock });
    this.finalizeStatusFields(work);
    const written = await this.writeStatus(entry, obj, work, fieldManager);
    if (!written) return false;
    const msg = `Dependencies do not meet ready condition, retrying in ${formatDuration(requeue)}`;
    log.info(msg);
    await this.emit(entry, written, EventSeverity.Info, Reason.DependencyNotReady, msg);
    entry.outcome = ObjectOutcome.Waiting;
    entry.message = notReady;
    entry.error = undefined;
    entry.waitingFor = depKeys;
    this.schedule(entry, requeue);
    return false;
  }

  /** The dependsOn cycle through `start`, as `namespace/name` strings, or `undefined`. */
  private cycleThrough(start: string): string[] | undefined {
    const name = (key: string) => {
      const parts = key.split('/');
      const ns = parts[parts.length - 2]!;
      const n = parts[parts.length - 1]!;
      return ns ? `${ns}/${n}` : n;
    };
    const path: string[] = [];
    const done = new Set<string>();
    const visit = (key: string): boolean => {
      path.push(key);
      for (const next of this.entries.get(key)?.dependsOn ?? []) {
        if (next === start) {
          path.push(next);
          return true;
        }
        if (done.has(next) || path.includes(next)) continue;
        if (visit(next)) return true;
      }
      path.pop();
      done.add(key);
      return false;
    };
    return visit(start) ? path.map(name) : undefined;
  }

  /** Stalls an object for a problem the manager found: `Stalled=True` and `Ready=False`, observedGeneration bumped, no requeue. */
  private async stall(
    entry: Entry,
    obj: KubeObject,
    reason: string,
    message: string,
    error: CoreError | undefined,
    fieldManager: string,
  ): Promise<void> {
    const work = structuredClone(obj);
    markFalse(work, ConditionType.Ready, reason, message, { clock: this.clock });
    markStalled(work, reason, message, { clock: this.clock });
    setObservedGeneration(work);
    this.finalizeStatusFields(work);
    const written = await this.writeStatus(entry, obj, work, fieldManager);
    if (!written) return;
    await this.emit(entry, written, EventSeverity.Error, reason, message);
    entry.outcome = ObjectOutcome.Stalled;
    entry.message = message;
    entry.error = error;
    entry.waitingFor = [];
    this.schedule(entry, undefined);
  }

  /** Flux's `finalizeStatus`: `lastHandledReconcileAt`, and the Reconciling reason on failure. */
  private finalizeStatusFields(work: KubeObject): void {
    setLastHandledReconcileAt(work);
    if (isTrue(work, ConditionType.Ready)) deleteCondition(work, ConditionType.Reconciling);
    const reconciling = getCondition(work, ConditionType.Reconciling);
    if (isFalse(work, ConditionType.Ready) && reconciling) {
      setCondition(work, { ...reconciling, reason: Reason.ProgressingWithRetry }, { clock: this.clock });
    }
  }

  private async finishRun(
    entry: Entry,
    before: KubeObject,
    work: KubeObject,
    result: ReconcileResult | undefined,
    failure: unknown,
    timing: ReconcileTiming,
    fieldManager: string,
    started: number,
    log: Logger,
  ): Promise<void> {
    const { group } = parseApiVersion(before.apiVersion);
    const final = structuredClone(before);
    final.status = structuredClone(work.status ?? {});
    const clock = { clock: this.clock };
    let requeueAfterMs: number | undefined;
    let outcome: ObjectOutcome;
    let message: string | undefined;
    const ownEvents: { severity: EventSeverity; reason: string; message: string }[] = [];

    if (failure !== undefined) {
      message = failure instanceof Error ? failure.message : String(failure);
      const dataReason = isGitOpsKitError(failure) ? failure.data.reason : undefined;
      const reason =
        typeof dataReason === 'string' && dataReason !== '' ? dataReason : Reason.ReconciliationFailed;
      // Keep the pre-run conditions (the manager's markers) and record the failure on Ready.
      final.status = structuredClone(before.status ?? {});
      markFalse(final, ConditionType.Ready, reason, message, clock);
      deleteCondition(final, ConditionType.Stalled);
      this.finalizeStatusFields(final);
      ownEvents.push({ severity: EventSeverity.Error, reason, message });
      log.error(`Reconciliation failed after ${formatDuration(this.clock.now() - started)}`, {
        error: message,
      });
      outcome = ObjectOutcome.Failed;
    } else {
      const res = result ?? {};
      const status = final.status as Record<string, unknown>;
      for (const [k, v] of Object.entries(res.status ?? {})) {
        if (v === null || v === undefined) delete status[k];
        else status[k] = structuredClone(v);
      }
      if (res.conditions) status.conditions = structuredClone(res.conditions);
      const ready = getCondition(final, ConditionType.Ready);
      const untouched =
        ready === undefined ||
        (ready.status === 'Unknown' &&
          ready.reason === Reason.Progressing &&
          ready.message === progressingMessage);
      if (untouched && !res.stalled && !isStalled(final) && res.conditions === undefined) {
        markTrue(
          final,
          ConditionType.Ready,
          Reason.ReconciliationSucceeded,
          'Reconciliation succeeded',
          clock,
        );
      }
      if (res.stalled || isStalled(final)) {
        const r = getCondition(final, ConditionType.Ready);
        const reason =
          r && r.status === 'False'
            ? r.reason
            : (getCondition(final, ConditionType.Stalled)?.reason ?? Reason.Failed);
        const msg =
          r && r.status === 'False'
            ? r.message
            : (getCondition(final, ConditionType.Stalled)?.message ?? 'stalled');
        if (!isStalled(final)) markStalled(final, reason, msg, clock);
        if (!isFalse(final, ConditionType.Ready)) markFalse(final, ConditionType.Ready, reason, msg, clock);
        setObservedGeneration(final);
        outcome = ObjectOutcome.Stalled;
        message = msg;
        requeueAfterMs = undefined;
      } else if (isTrue(final, ConditionType.Ready)) {
        deleteCondition(final, ConditionType.Reconciling);
        deleteCondition(final, ConditionType.Stalled);
        setObservedGeneration(final);
        outcome = ObjectOutcome.Ready;
        requeueAfterMs =
          res.requeueAfterMs ??
          (timing.intervalMs
            ? jitterInterval(timing.intervalMs, {
                percent: this.options.jitterPercent ?? managerDefaults.jitterPercent,
                random: this.options.random ?? Math.random,
              })
            : undefined);
      } else if (isFalse(final, ConditionType.Ready)) {
        deleteCondition(final, ConditionType.Stalled);
        outcome = res.waitingFor?.length ? ObjectOutcome.Waiting : ObjectOutcome.Failed;
        message = getCondition(final, ConditionType.Ready)?.message;
        requeueAfterMs = res.requeueAfterMs;
      } else {
        outcome = ObjectOutcome.Progressing;
        requeueAfterMs = res.requeueAfterMs ?? timing.intervalMs;
      }
      this.finalizeStatusFields(final);
    }

    const written = await this.writeStatus(entry, before, final, fieldManager);
    if (!written) return;
    for (const e of ownEvents) await this.emit(entry, written, e.severity, e.reason, e.message);
    for (const e of result?.events ?? []) {
      const ev = eventFor(written, e.severity, e.reason, e.message, {
        clock: this.clock,
        reportingController: entry.reconciler.controllerName,
        ...(e.metadata ? { metadata: e.metadata } : {}),
        ...(this.options.reportingInstance ? { reportingInstance: this.options.reportingInstance } : {}),
      });
      if (e.involvedObject) ev.involvedObject = e.involvedObject;
      if (e.reportingInstance) ev.reportingInstance = e.reportingInstance;
      await this.record(ev);
    }

    entry.outcome = outcome;
    entry.message = message;
    entry.error = undefined;
    entry.waitingFor = (result?.waitingFor ?? []).map((r) =>
      objectKey(r.apiVersion ? parseApiVersion(r.apiVersion).group : group, r.kind, r.namespace, r.name),
    );
    if (
      outcome === ObjectOutcome.Failed ||
      (outcome === ObjectOutcome.Waiting && requeueAfterMs === undefined)
    ) {
      entry.failures++;
      requeueAfterMs ??= timing.retryIntervalMs ?? timing.intervalMs ?? this.backoff(entry);
    } else entry.failures = 0;
    this.schedule(entry, requeueAfterMs);
    if (outcome === ObjectOutcome.Ready) this.wakeDependants(entry);
  }

  private finishFailure(entry: Entry, message: string, error: CoreError | undefined): void {
    entry.failures++;
    entry.outcome = ObjectOutcome.Failed;
    entry.message = message;
    entry.error = error;
    this.schedule(entry, this.backoff(entry));
  }

  /** controller-runtime's per-item exponential backoff: min * 2^(failures-1), capped. */
  private backoff(entry: Entry): number {
    const min = this.options.minRetryDelayMs ?? managerDefaults.minRetryDelayMs;
    const max = this.options.maxRetryDelayMs ?? managerDefaults.maxRetryDelayMs;
    return Math.min(max, min * 2 ** Math.max(0, entry.failures - 1));
  }

  /**
   * Writes `after.status` over `before.status` as a merge patch of the status subresource.
   * Returns the object as written (or `before` when nothing changed), `undefined` when the
   * object is gone or the manager stopped.
   */
  private async writeStatus(
    entry: Entry,
    before: KubeObject,
    after: KubeObject,
    fieldManager: string,
  ): Promise<KubeObject | undefined> {
    const patch = statusMergePatch(
      (before.status ?? {}) as Record<string, unknown>,
      (after.status ?? {}) as Record<string, unknown>,
    );
    if (!patch) {
      entry.object = before;
      return before;
    }
    try {
      const written = await this.cluster.patch(
        entry.ref,
        { status: patch },
        {
          type: 'merge',
          subresource: 'status',
          fieldManager,
          signal: this.stopSignal,
        },
      );
      entry.object = written;
      return written;
    } catch (err) {
      if (this.stopped) return undefined;
      if (isGitOpsKitError(err, 'NotFound')) {
        this.forget(entry);
        return undefined;
      }
      this.loggerFor(entry).error('failed to update status', { error: String(err) });
      this.finishFailure(
        entry,
        `failed to update status: ${err instanceof Error ? err.message : String(err)}`,
        undefined,
      );
      return undefined;
    }
  }

  private async emit(
    entry: Entry,
    obj: KubeObject,
    severity: EventSeverity,
    reason: string,
    message: string,
  ): Promise<void> {
    await this.record(
      eventFor(obj, severity, reason, message, {
        clock: this.clock,
        reportingController: entry.reconciler.controllerName,
        ...(this.options.reportingInstance ? { reportingInstance: this.options.reportingInstance } : {}),
      }),
    );
  }

  private async record(event: Parameters<EventRecorder['record']>[0]): Promise<void> {
    try {
      await this.events.record(event);
    } catch (err) {
      this.logger.warn('failed to record event', { reason: event.reason, error: String(err) });
    }
  }
}
