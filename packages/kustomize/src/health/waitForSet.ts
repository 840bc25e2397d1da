import {
  type Clock,
  type ClusterClient,
  type HealthRules,
  type ObjectRef,
  computeStatus,
  throwIfAborted,
} from '@gitops-kit/core';
import { KustomizationError } from '../errors/KustomizationError.js';

/** Options of {@link waitForSet}. */
export interface WaitForSetOptions {
  cluster: ClusterClient;
  clock: Clock;
  /** Poll interval in ms (Flux: 2s for apply stages, 5s for health checks). */
  intervalMs: number;
  /** Give up after this many ms. */
  timeoutMs: number;
  /** Stop at the first `Failed` object (Flux's default for health checks). Default `true`. */
  failFast?: boolean;
  /** Health rule tables tried before the built-in ones (compiled `healthCheckExprs`). */
  rules?: HealthRules | readonly HealthRules[];
  /** Objects (inventory ids) that count as healthy when gone: Jobs with `ttlSecondsAfterFinished`. */
  jobsWithTTL?: ReadonlySet<string>;
  /** Key of a ref, to match `jobsWithTTL`. */
  keyOf?: (ref: ObjectRef) => string;
  signal?: AbortSignal;
}

const fmt = (r: ObjectRef) => (r.namespace ? `${r.kind}/${r.namespace}/${r.name}` : `${r.kind}/${r.name}`);

/**
 * Polls objects until every one is `Current` (or a terminal mix of `Current`/`Failed`), as
 * fluxcd/pkg `WaitForSetWithContext`: an object that is `Failed` ends the wait early; a timeout
 * reports every object not `Current`. Errors are worded as Flux's: `timeout waiting for:
 * [Deployment/apps/web status: 'InProgress']`, `failed early due to stalled resources: [...]`.
 *
 * @throws {KustomizationError} `HealthCheckFailed`; `Aborted` (core) when `signal` aborts.
 * @see https://github.com/fluxcd/pkg/blob/main/ssa/manager_wait.go
 */
export async function waitForSet(refs: readonly ObjectRef[], options: WaitForSetOptions): Promise<void> {
  if (refs.length === 0) return;
  const { cluster, clock } = options;
  const failFast = options.failFast ?? true;
  const deadline = clock.now() + options.timeoutMs;
  const last = new Map<ObjectRef, { status: string; message: string }>();
  const ttl = options.jobsWithTTL ?? new Set<string>();
  const keyOf = options.keyOf ?? fmt;
  for (;;) {
    throwIfAborted(options.signal, 'health check');
    let allCurrent = true;
    let terminal = true;
    let failed = 0;
    for (const ref of refs) {
      let status: string;
      let message = '';
      const obj = await cluster.get(
        { apiVersion: ref.apiVersion ?? 'v1', kind: ref.kind, name: ref.name, namespace: ref.namespace },
        { signal: options.signal },
      );
      if (!obj) {
        status = ttl.has(keyOf(ref)) ? 'Current' : 'NotFound';
      } else {
        const r = computeStatus(obj, { clock, rules: options.rules });
        status = r.status;
        message = r.message;
      }
      last.set(ref, { status, message });
      if (status !== 'Current') allCurrent = false;
      if (status === 'Failed') failed++;
      if (status !== 'Current' && status !== 'Failed') terminal = false;
    }
    if (allCurrent) return;
    const early = terminal || (failFast && failed > 0);
    const timedOut = !early && clock.now() >= deadline;
    if (early || timedOut) {
      const errs: string[] = [];
      for (const ref of refs) {
        const s = last.get(ref)!;
        if (s.status === 'Failed' || (timedOut && s.status !== 'Current')) {
          errs.push(
            `${fmt(ref)} status: '${s.status}'${s.status === 'Failed' && s.message ? `: ${s.message}` : ''}`,
          );
        }
      }
      const why = timedOut ? 'timeout waiting for' : 'failed early due to stalled resources';
      throw new KustomizationError('HealthCheckFailed', `${why}: [${errs.join(', ')}]`, {
        data: { objects: errs },
      });
    }
    await clock.sleep(Math.min(options.intervalMs, Math.max(0, deadline - clock.now())), {
      signal: options.signal,
    });
  }
}
