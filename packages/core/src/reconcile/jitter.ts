/** Options of {@link jitterInterval}. */
export interface JitterOptions {
  /**
   * Jitter as a percentage of the interval: `5` spreads requeues over ±5%. Values `<= 0` or
   * `>= 100` disable jitter, as Flux's `jitter.Percent`. Default {@link jitterDefaults}.percent.
   */
  percent?: number;
  /** Random source returning numbers in `[0, 1)`. Default `Math.random`; inject one in tests. */
  random?: () => number;
}

/** Defaults of {@link JitterOptions}. */
export const jitterDefaults = {
  /** `5`: Flux's `--interval-jitter-percentage` default. */
  percent: 5,
  /** `Math.random`. */
  random: Math.random as () => number,
} as const;

/**
 * Spreads a requeue interval by a random ±`percent`%, as Flux does for successful reconciles:
 * `ms * (1 + p * (2 * random() - 1))` with `p = percent / 100`. Returns `ms` unchanged when
 * jitter is disabled or `ms <= 0`.
 *
 * @param ms - the interval in milliseconds.
 * @returns the jittered interval in milliseconds (whole milliseconds, rounded down).
 * @see https://github.com/fluxcd/pkg/blob/main/runtime/jitter/jitter.go `Percent`
 * @example
 * ```ts
 * jitterInterval(600_000, { random: () => 1 }) // ≈ 630000 (+5%)
 * ```
 */
export function jitterInterval(ms: number, options: JitterOptions = {}): number {
  const percent = options.percent ?? jitterDefaults.percent;
  const random = options.random ?? jitterDefaults.random;
  if (ms <= 0 || percent <= 0 || percent >= 100) return ms;
  const p = percent / 100;
  return Math.floor(ms * (1 + p * (2 * random() - 1)));
}
