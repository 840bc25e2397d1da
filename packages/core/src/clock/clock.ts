import { CoreError } from '../errors/GitOpsKitError.js';

/** Options for {@link Clock.sleep}. */
export interface SleepOptions {
  /** Aborts the sleep; the promise rejects with `Aborted`. */
  signal?: AbortSignal;
}

/**
 * Time, injected. Library logic never calls `Date.now()` or `setTimeout` directly: it takes a
 * `Clock`, so tests drive time with `FakeClock` from `@gitops-kit/core/testing` and never sleep.
 */
export interface Clock {
  /** The current time in epoch milliseconds. */
  now(): number;
  /**
   * Resolves after `ms` milliseconds of this clock's time.
   * @throws {CoreError} `Aborted` (rejection) when `options.signal` aborts first.
   */
  sleep(ms: number, options?: SleepOptions): Promise<void>;
}

/** Throws `Aborted` when the signal has aborted. */
export function throwIfAborted(signal: AbortSignal | undefined, what = 'operation'): void {
  if (signal?.aborted) throw abortError(signal, what);
}

/** The error an aborted operation rejects with: code `Aborted`, the signal's reason as `cause`. */
export function abortError(signal: AbortSignal | undefined, what = 'operation'): CoreError {
  return new CoreError('Aborted', `${what} aborted`, { cause: signal?.reason });
}

/** The real clock: `Date.now()` and `setTimeout`. */
export const systemClock: Clock = {
  now: () => Date.now(),
  sleep(ms, options = {}) {
    const { signal } = options;
    return new Promise<void>((resolve, reject) => {
      if (signal?.aborted) return reject(abortError(signal, 'sleep'));
      const timer = setTimeout(
        () => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        },
        Math.max(0, ms),
      );
      const onAbort = () => {
        clearTimeout(timer);
        reject(abortError(signal, 'sleep'));
      };
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  },
};

/** Formats epoch milliseconds as an RFC 3339 timestamp with second precision (`2026-11-30T02:33:53Z`), as Kubernetes' `metav1.Time` serialises. */
export function formatTime(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}
