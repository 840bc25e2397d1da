/**
 * Formats milliseconds as a Go duration string exactly as Go's `time.Duration.String` does
 * (`1h2m3.5s`, `300ms`, `0s`), so that values round-trip with {@link parseDuration}.
 *
 * @param ms - milliseconds; fractions down to nanoseconds are kept.
 * @see https://pkg.go.dev/time#Duration.String
 */
export function formatDuration(ms: number): string {
  return formatDurationNs(BigInt(Math.round(ms * 1e6)));
}

function fmtFrac(v: bigint, prec: number): { digits: string; rest: bigint } {
  // Returns the fractional digits of v/10^prec with trailing zeros dropped (and the dot), plus v/10^prec.
  let digits = '';
  let print = false;
  for (let i = 0; i < prec; i++) {
    const digit = v % 10n;
    print = print || digit !== 0n;
    if (print) digits = digit.toString() + digits;
    v /= 10n;
  }
  return { digits: print ? `.${digits}` : '', rest: v };
}

/**
 * Formats nanoseconds as Go's `time.Duration.String` does.
 *
 * @param ns - nanoseconds as a bigint.
 */
export function formatDurationNs(ns: bigint): string {
  const neg = ns < 0n;
  let u = neg ? -ns : ns;
  let out: string;
  if (u < 1_000_000_000n) {
    if (u === 0n) return '0s';
    let prec: number;
    let unit: string;
    if (u < 1_000n) {
      prec = 0;
      unit = 'ns';
    } else if (u < 1_000_000n) {
      prec = 3;
      unit = 'µs';
    } else {
      prec = 6;
      unit = 'ms';
    }
    const { digits, rest } = fmtFrac(u, prec);
    out = `${rest}${digits}${unit}`;
  } else {
    const { digits, rest } = fmtFrac(u, 9);
    u = rest;
    out = `${u % 60n}${digits}s`;
    u /= 60n;
    if (u > 0n) {
      out = `${u % 60n}m${out}`;
      u /= 60n;
      if (u > 0n) out = `${u}h${out}`;
    }
  }
  return neg ? `-${out}` : out;
}
