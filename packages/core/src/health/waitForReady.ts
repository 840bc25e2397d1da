import { type Clock, abortError, systemClock, throwIfAborted } from '../clock/clock.js';
import type { ClusterClient, ResourceRef } from '../cluster/ClusterClient.js';
import { CoreError, type GitOpsKitError, formatObjectName } from '../errors/GitOpsKitError.js';
import type { KubeObject } from '../object/types.js';
import { computeStatus, unknownResult } from './computeStatus.js';
import { fluxJobRules } from './fluxRules.js';
import { type CustomHealthCheck, compileHealthCheckExprs } from './healthCheckExprs.js';
import type { HealthRules } from './rules.js';
import type { HealthStatus } from './status.js';

/** Options of {@link waitForReady}. */
export interface WaitForReadyOptions {
  /** Where the objects live. Watched when it has `watch`, polled otherwise. */
  cluster: ClusterClient;
  /** The objects to wait for (`apiVersion`, `kind`, `name`, `namespace` for namespaced kinds). */
  refs: readonly ResourceRef[];
  /** Give up after this many milliseconds (Flux: the Kustomization's `spec.timeout`). Required. */
  timeoutMs: number;
  /**
   * Milliseconds between polls, or, when watching, between re-evaluations of the cached objects
   * (time-dependent rules) and re-reads of objects whose watch ended. Default 5000 (Flux's
   * `DefaultWaitOptions` interval).
   */
  pollIntervalMs?: number;
  /** Stop as soon as any object is `Failed` (Flux's default; gate `DisableFailFastBehavior` off). Default `true`. */
  failFast?: boolean;
  /** Rule tables taking precedence over the built-in ones, as in {@link computeStatus}. Default none. */
  rules?: HealthRules | readonly HealthRules[];
  /**
   * CEL health checks (`spec.healthCheckExprs`), compiled once and ranked as Flux ranks them: after
   * Flux's Job rule, before the built-in rules. Default none.
   * @throws {CoreError} `InvalidExpression` (rejection) when one does not compile.
   */
  healthCheckExprs?: readonly CustomHealthCheck[];
  /** Time source for the timeout and the poll interval. Default `systemClock`. */
  clock?: Clock;
  /** Aborts the wait: the promise rejects with `Aborted`. */
  signal?: AbortSignal;
  /** Called with every object's status after each evaluation round (initial read, events, polls). */
  onStatus?: (objects: readonly ObjectStatus[]) => void;
}

/** Defaults of {@link WaitForReadyOptions}. */
export const waitForReadyDefaults = {
  /** Flux's `ssa.DefaultWaitOptions().Interval`. */
  pollIntervalMs: 5000,
  failFast: true,
  clock: systemClock,
} as const;

/** The last known status of one object. */
export interface ObjectStatus {
  ref: ResourceRef;
  /** `NotFound` when the object does not exist (yet, or any more). */
  status: HealthStatus;
  message: string;
  /** Why the status is `Unknown` (a read error, a failing CEL expression, a malformed field). */
  error?: GitOpsKitError;
}

/**
 * How a wait ended, with every object's last status in `refs` order.
 *
 * - `Current`: every object is `Current` (a Job with `spec.ttlSecondsAfterFinished` that was seen
 *   and then deleted counts as `Current`, as Flux counts it).
 * - `Failed`: an object is `Failed` and either `failFast` is on or every other object is `Current`
 *   or `Failed` (nothing left to wait for). `failure` is the first object seen `Failed`.
 * - `Timeout`: `timeoutMs` passed first. `failure` is the first object (in `refs` order) not
 *   `Current`.
 *
 * `message` is Flux's wording: `failed early due to stalled resources: [Kind/ns/name status: 'Failed']`,
 * `timeout waiting for: [Kind/ns/name status: 'InProgress', ...]`.
 */
export type WaitResult =
  | { outcome: 'Current'; objects: ObjectStatus[]; elapsedMs: number }
  | { outcome: 'Failed'; objects: ObjectStatus[]; failure: ObjectStatus; message: string; elapsedMs: number }
  | {
      outcome: 'Timeout';
      objects: ObjectStatus[];
      failure: ObjectStatus;
      message: string;
      elapsedMs: number;
    };

interface Tracked {
  ref: ResourceRef;
  status: ObjectStatus;
  object?: KubeObject;
  /** A Job seen with `spec.ttlSecondsAfterFinished`: its disappearance means success. */
  jobWithTTL: boolean;
}

const refKey = (r: { apiVersion?: string; kind: string; namespace?: string; name?: string }) =>
  `${r.apiVersion}\u0000${r.kind}\u0000${r.namespace ?? ''}\u0000${r.name ?? ''}`;

/**
 * Waits until every object is `Current`, any is `Failed`, or the timeout passes, as Flux's health
 * checks do (`ssa.ResourceManager.WaitForSetWithContext` over kstatus): statuses from
 * {@link computeStatus}; driven by the cluster's `watch` when it has one (no polling traffic), by
 * `get` every `pollIntervalMs` otherwise. Never busy-loops: between changes it sleeps on the
 * injected clock. An object that does not exist or disappears is `NotFound` and waited for.
 *
 * Resolves with a {@link WaitResult} for `Current`, `Failed` and `Timeout` alike; rejects only when
 * aborted or when `healthCheckExprs` do not compile.
 *
 * @throws {CoreError} `Aborted` (rejection) when `options.signal` aborts; `InvalidExpression` for
 *   bad `healthCheckExprs`; `InvalidArgument` for a negative `timeoutMs` or non-positive `pollIntervalMs`.
 * @see https://github.com/fluxcd/pkg/blob/main/ssa/manager_wait.go `WaitForSetWithContext`
 * @example
 * ```ts
 * const res = await waitForReady({
 *   cluster, timeoutMs: 60_000,
 *   refs: [{ apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'apps', name: 'web' }],
 * });
 * if (res.outcome !== 'Current') console.error(res.message);
 * ```
 */
export async function waitForReady(options: WaitForReadyOptions): Promise<WaitResult> {
  const { cluster, signal, onStatus } = options;
  const clock = options.clock ?? waitForReadyDefaults.clock;
  const pollIntervalMs = options.pollIntervalMs ?? waitForReadyDefaults.pollIntervalMs;
  const failFast = options.failFast ?? waitForReadyDefaults.failFast;
  if (!(options.timeoutMs >= 0)) {
    throw new CoreError('InvalidArgument', `waitForReady: timeoutMs must be >= 0, got ${options.timeoutMs}`);
  }
  if (!(pollIntervalMs > 0)) {
    throw new CoreError('InvalidArgument', `waitForReady: pollIntervalMs must be > 0, got ${pollIntervalMs}`);
  }
  throwIfAborted(signal, 'waitForReady');

  const rules: HealthRules[] = [];
  if (options.rules) {
    if (Array.isArray(options.rules)) rules.push(...(options.rules as readonly HealthRules[]));
    else rules.push(options.rules as HealthRules);
  }
  if (options.healthCheckExprs?.length)
    rules.push(fluxJobRules, compileHealthCheckExprs(options.healthCheckExprs));

  const start = clock.now();
  const deadline = start + options.timeoutMs;
  const tracked = new Map<string, Tracked>();
  for (const ref of options.refs) {
    const key = refKey(ref);
    if (!tracked.has(key)) {
      tracked.set(key, {
        ref,
        jobWithTTL: false,
        status: { ref, status: 'Unknown', message: 'Status not determined yet' },
      });
    }
  }
  const all = [...tracked.values()];
  let firstFailed: ObjectStatus | undefined;

  const evaluate = (t: Tracked) => {
    if (!t.object) {
      t.status = t.jobWithTTL
        ? {
            ref: t.ref,
            status: 'Current',
            message: 'Job with ttlSecondsAfterFinished was deleted after completion',
          }
        : { ref: t.ref, status: 'NotFound', message: 'Resource not found' };
    } else {
      const res = computeStatus(t.object, { rules, clock });
      t.status = {
        ref: t.ref,
        status: res.status,
        message: res.message,
        ...(res.error && { error: res.error }),
      };
    }
    if (t.status.status === 'Failed' && !firstFailed) firstFailed = t.status;
  };
  const observe = (t: Tracked, object: KubeObject | undefined) => {
    t.object = object;
    if (
      object &&
      object.kind === 'Job' &&
      typeof (object.spec as { ttlSecondsAfterFinished?: unknown } | undefined)?.ttlSecondsAfterFinished ===
        'number'
    ) {
      t.jobWithTTL = true;
    }
    evaluate(t);
  };
  const readOne = async (t: Tracked, s: AbortSignal) => {
    try {
      observe(t, await cluster.get(t.ref, { signal: s }));
    } catch (err) {
      if (s.aborted) throw abortError(s, 'waitForReady');
      t.object = undefined;
      t.status = { ref: t.ref, ...statusOfError(err) };
    }
  };

  const decide = (): WaitResult | undefined => {
    const objects = all.map((t) => t.status);
    onStatus?.(objects);
    const elapsedMs = clock.now() - start;
    if (objects.every((o) => o.status === 'Current')) return { outcome: 'Current', objects, elapsedMs };
    const failed = objects.filter((o) => o.status === 'Failed');
    if (
      failed.length > 0 &&
      (failFast || objects.every((o) => o.status === 'Current' || o.status === 'Failed'))
    ) {
      return {
        outcome: 'Failed',
        objects,
        failure: firstFailed && firstFailed.status === 'Failed' ? firstFailed : failed[0]!,
        message: `failed early due to stalled resources: [${failed.map(describe).join(', ')}]`,
        elapsedMs,
      };
    }
    return undefined;
  };
  const timeout = (): WaitResult => {
    const objects = all.map((t) => t.status);
    const waiting = objects.filter((o) => o.status !== 'Current');
    return {
      outcome: 'Timeout',
      objects,
      failure: waiting[0]!,
      message: `timeout waiting for: [${waiting.map(describe).join(', ')}]`,
      elapsedMs: clock.now() - start,
    };
  };

  // Everything started below stops with `inner`: watches, sleeps, reads.
  const inner = new AbortController();
  const onOuterAbort = () => inner.abort(signal?.reason);
  signal?.addEventListener('abort', onOuterAbort, { once: true });
  try {
    if (all.length === 0) return { outcome: 'Current', objects: [], elapsedMs: 0 };
    await Promise.all(all.map((t) => readOne(t, inner.signal)));
    const first = decide();
    if (first) return first;
    return cluster.watch
      ? await watchLoop(cluster, all, inner.signal, {
          clock,
          deadline,
          pollIntervalMs,
          observe,
          evaluate,
          readOne,
          decide,
          timeout,
        })
      : await pollLoop(all, inner.signal, { clock, deadline, pollIntervalMs, readOne, decide, timeout });
  } catch (err) {
    if (signal?.aborted) throw abortError(signal, 'waitForReady');
    throw err;
  } finally {
    signal?.removeEventListener('abort', onOuterAbort);
    inner.abort();
  }
}

function describe(o: ObjectStatus): string {
  const name = formatObjectName(o.ref);
  return o.error ? `${name} status: '${o.status}': ${o.error.message}` : `${name} status: '${o.status}'`;
}

function statusOfError(err: unknown): Omit<ObjectStatus, 'ref'> {
  const res = unknownResult(err);
  return { status: 'Unknown', message: res.message, ...(res.error && { error: res.error }) };
}

interface LoopContext {
  clock: Clock;
  deadline: number;
  pollIntervalMs: number;
  readOne: (t: Tracked, s: AbortSignal) => Promise<void>;
  decide: () => WaitResult | undefined;
  timeout: () => WaitResult;
}

async function pollLoop(all: Tracked[], signal: AbortSignal, ctx: LoopContext): Promise<WaitResult> {
  for (;;) {
    const remaining = ctx.deadline - ctx.clock.now();
    if (remaining <= 0) return ctx.timeout();
    await ctx.clock.sleep(Math.min(ctx.pollIntervalMs, remaining), { signal });
    await Promise.all(all.map((t) => ctx.readOne(t, signal)));
    const res = ctx.decide();
    if (res) return res;
  }
}

interface WatchContext extends LoopContext {
  observe: (t: Tracked, o: KubeObject | undefined) => void;
  evaluate: (t: Tracked) => void;
}

async function watchLoop(
  cluster: ClusterClient,
  all: Tracked[],
  signal: AbortSignal,
  ctx: WatchContext,
): Promise<WaitResult> {
  // One watch per apiVersion/kind/namespace; a single name narrows it with a field selector.
  const groups = new Map<string, { refs: Tracked[]; polled: boolean }>();
  for (const t of all) {
    const key = `${t.ref.apiVersion}\u0000${t.ref.kind}\u0000${t.ref.namespace ?? ''}`;
    const g = groups.get(key);
    if (g) g.refs.push(t);
    else groups.set(key, { refs: [t], polled: false });
  }
  let wake: (() => void) | undefined;
  const changed = () => wake?.();
  for (const g of groups.values()) {
    const byName = new Map(g.refs.map((t) => [refKey(t.ref), t]));
    const { apiVersion, kind, namespace } = g.refs[0]!.ref;
    void (async () => {
      try {
        const stream = cluster.watch!(
          { apiVersion, kind },
          {
            signal,
            ...(namespace && { namespace }),
            ...(g.refs.length === 1 && { fieldSelector: `metadata.name=${g.refs[0]!.ref.name}` }),
          },
        );
        for await (const ev of stream) {
          const t = byName.get(refKey({ apiVersion, kind, namespace, name: ev.object.metadata?.name }));
          if (!t) continue;
          ctx.observe(t, ev.type === 'DELETED' ? undefined : ev.object);
          changed();
        }
      } catch {
        // fall through: the group is polled from now on
      }
      if (!signal.aborted) {
        g.polled = true;
        changed();
      }
    })();
  }

  const ticks = new TickSource(ctx.clock, signal);
  for (;;) {
    const res = ctx.decide();
    if (res) return res;
    const now = ctx.clock.now();
    if (now >= ctx.deadline) return ctx.timeout();
    const tick = ticks.next(Math.min(ctx.pollIntervalMs, ctx.deadline - now));
    const event = new Promise<void>((r) => {
      wake = r;
    });
    const which = await Promise.race([event.then(() => 'event' as const), tick.then(() => 'tick' as const)]);
    wake = undefined;
    if (signal.aborted) throw abortError(signal, 'waitForReady');
    if (which === 'tick') {
      // Re-evaluate cached objects (time-dependent rules) and re-read groups without a watch.
      for (const g of groups.values()) {
        for (const t of g.refs) {
          if (g.polled) await ctx.readOne(t, signal);
          else ctx.evaluate(t);
        }
      }
    }
  }
}

/** One pending clock sleep at a time, reused across loop turns until it fires. */
class TickSource {
  private pending: Promise<void> | undefined;
  constructor(
    private readonly clock: Clock,
    private readonly signal: AbortSignal,
  ) {}

  next(ms: number): Promise<void> {
    if (!this.pending) {
      const p = this.clock.sleep(ms, { signal: this.signal }).then(
        () => {
          this.pending = undefined;
        },
        () => {
          this.pending = undefined;
        },
      );
      this.pending = p;
    }
    return this.pending;
  }
}
