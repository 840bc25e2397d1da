import { type Clock, type SleepOptions, abortError } from '../clock/clock.js';

interface Timer {
  at: number;
  seq: number;
  resolve: () => void;
}

/**
 * A {@link Clock} whose time moves only when a test says so. `sleep` registers a timer; `advance`
 * moves time forward, firing due timers in order and letting promise chains settle between them.
 *
 * @example
 * ```ts
 * const clock = new FakeClock(Date.parse('2026-01-01T00:00:00Z'));
 * const done = clock.sleep(1000);
 * await clock.advance(1000); // `done` has resolved
 * ```
 */
export class FakeClock implements Clock {
  private current: number;
  private seq = 0;
  private timers: Timer[] = [];

  /** @param startMs - the initial time in epoch milliseconds (default 2026-01-01T00:00:00Z). */
  constructor(startMs = Date.UTC(2026, 0, 1)) {
    this.current = startMs;
  }

  now(): number {
    return this.current;
  }

  sleep(ms: number, options: SleepOptions = {}): Promise<void> {
    const { signal } = options;
    return new Promise<void>((resolve, reject) => {
      if (signal?.aborted) return reject(abortError(signal, 'sleep'));
      const timer: Timer = {
        at: this.current + Math.max(0, ms),
        seq: this.seq++,
        resolve: () => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        },
      };
      const onAbort = () => {
        this.timers = this.timers.filter((t) => t !== timer);
        reject(abortError(signal, 'sleep'));
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.timers.push(timer);
    });
  }

  /** Number of pending timers (sleeps not yet resolved). */
  get pendingTimers(): number {
    return this.timers.length;
  }

  /** Epoch ms of the earliest pending timer, or `undefined`. */
  nextTimerAt(): number | undefined {
    return this.timers.reduce<number | undefined>(
      (min, t) => (min === undefined || t.at < min ? t.at : min),
      undefined,
    );
  }

  /**
   * Moves time forward by `ms`, firing every timer that falls due, in time order, and letting
   * promise chains settle after each (so timers registered by woken code also fire if due).
   */
  async advance(ms: number): Promise<void> {
    const target = this.current + ms;
    await settle();
    for (;;) {
      const due = this.timers.filter((t) => t.at <= target).sort((a, b) => a.at - b.at || a.seq - b.seq)[0];
      if (!due) break;
      this.timers = this.timers.filter((t) => t !== due);
      this.current = Math.max(this.current, due.at);
      due.resolve();
      await settle();
    }
    this.current = target;
    await settle();
  }

  /** Advances to the next pending timer and fires it (and any due at the same time). No-op when none. */
  async next(): Promise<void> {
    const at = this.nextTimerAt();
    if (at !== undefined) await this.advance(Math.max(0, at - this.current));
  }
}

/** Lets pending promise callbacks and I/O-free async chains run (a few macrotask turns). */
export async function settle(turns = 5): Promise<void> {
  for (let i = 0; i < turns; i++) await new Promise<void>((r) => setImmediate(r));
}
