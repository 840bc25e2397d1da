import { CoreError } from '../errors/GitOpsKitError.js';

const UNIT_NS: Readonly<Record<string, bigint>> = {
  ns: 1n,
  us: 1_000n,
  µs: 1_000n, // U+00B5 micro sign
  μs: 1_000n, // U+03BC Greek small letter mu
  ms: 1_000_000n,
  s: 1_000_000_000n,
  m: 60_000_000_000n,
  h: 3_600_000_000_000n,
};

const MAX = 1n << 63n;

/** Go's `strconv.Quote`-like quoting used by `time.ParseDuration` error messages. */
function quote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === '"' || ch === '\\') out += `\\${ch}`;
    else if (c >= 0x20 && c < 0x7f) out += ch;
    else if (c < 0x80) out += `\\x${c.toString(16).padStart(2, '0')}`;
    else out += Buffer.from(ch, 'utf8').reduce((acc, b) => acc + `\\x${b.toString(16).padStart(2, '0')}`, '');
  }
  return `${out}"`;
}

function invalid(orig: string, message = `time: invalid duration ${quote(orig)}`): CoreError {
  return new CoreError('InvalidDuration', message, { data: { value: orig } });
}

const isDigit = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '9';

/**
 * Parses a Go duration string exactly as Go's `time.ParseDuration` does and returns nanoseconds.
 *
 * Format: `[-+]?([0-9]*(\.[0-9]*)?[a-z]+)+`, units `ns`, `us` (or `µs`/`μs`), `ms`, `s`, `m`, `h`;
 * `"0"` alone needs no unit. Values beyond int64 nanoseconds are rejected.
 *
 * @param value - a Go duration string such as `1h2m3.5s`, `300ms` or `-1s`.
 * @returns the duration in nanoseconds (exact, as a bigint).
 * @throws {CoreError} `InvalidDuration` with Go's message: `time: invalid duration "x"`,
 *   `time: missing unit in duration "1"` or `time: unknown unit "x" in duration "1x"`.
 * @see https://pkg.go.dev/time#ParseDuration (go/src/time/format.go)
 */
export function parseDurationNs(value: string): bigint {
  const orig = value;
  let s = value;
  let neg = false;
  if (s !== '' && (s[0] === '-' || s[0] === '+')) {
    neg = s[0] === '-';
    s = s.slice(1);
  }
  if (s === '0') return 0n;
  if (s === '') throw invalid(orig);
  let d = 0n;
  while (s !== '') {
    if (!(s[0] === '.' || isDigit(s[0]))) throw invalid(orig);
    // leading integer
    let i = 0;
    let v = 0n;
    while (isDigit(s[i])) {
      if (v > MAX / 10n) throw invalid(orig);
      v = v * 10n + BigInt(s.charCodeAt(i) - 48);
      if (v > MAX) throw invalid(orig);
      i++;
    }
    const pre = i > 0;
    s = s.slice(i);
    // fraction
    let f = 0n;
    let scale = 1;
    let post = false;
    if (s[0] === '.') {
      s = s.slice(1);
      let j = 0;
      let overflow = false;
      while (isDigit(s[j])) {
        if (!overflow) {
          if (f > (MAX - 1n) / 10n) overflow = true;
          else {
            const y = f * 10n + BigInt(s.charCodeAt(j) - 48);
            if (y > MAX) overflow = true;
            else {
              f = y;
              scale *= 10;
            }
          }
        }
        j++;
      }
      post = j > 0;
      s = s.slice(j);
    }
    if (!pre && !post) throw invalid(orig);
    // unit
    let k = 0;
    while (k < s.length && s[k] !== '.' && !isDigit(s[k])) k++;
    if (k === 0) throw invalid(orig, `time: missing unit in duration ${quote(orig)}`);
    const u = s.slice(0, k);
    s = s.slice(k);
    const unit = UNIT_NS[u];
    if (unit === undefined) throw invalid(orig, `time: unknown unit ${quote(u)} in duration ${quote(orig)}`);
    if (v > MAX / unit) throw invalid(orig);
    v *= unit;
    if (f > 0n) {
      // Go: v += uint64(float64(f) * (float64(unit) / scale)); float64 arithmetic, truncated.
      v += BigInt(Math.trunc(Number(f) * (Number(unit) / scale)));
      if (v > MAX) throw invalid(orig);
    }
    d += v;
    if (d > MAX) throw invalid(orig);
  }
  if (neg) return -d;
  if (d > MAX - 1n) throw invalid(orig);
  return d;
}

/**
 * Parses a Go duration string (as in Flux's `spec.interval`, `spec.timeout`, `spec.retryInterval`)
 * into milliseconds. Sub-millisecond parts are kept as a fraction (`300us` → `0.3`).
 *
 * @param value - a Go duration string such as `1m30s`.
 * @returns milliseconds.
 * @throws {CoreError} `InvalidDuration`, see {@link parseDurationNs}.
 * @see https://pkg.go.dev/time#ParseDuration
 * @example
 * ```ts
 * parseDuration('1m30s') // 90000
 * ```
 */
export function parseDuration(value: string): number {
  const ns = parseDurationNs(value);
  const whole = ns / 1_000_000n;
  const rest = ns % 1_000_000n;
  return Number(whole) + Number(rest) / 1e6;
}
