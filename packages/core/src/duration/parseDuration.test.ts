import { describe, expect, it } from 'vitest';
import { isGitOpsKitError } from '../errors/GitOpsKitError.js';
import { formatDurationNs } from './formatDuration.js';
import { parseDuration, parseDurationNs } from './parseDuration.js';

const S = 1_000_000_000n;
const MS = 1_000_000n;
const US = 1_000n;
const M = 60n * S;
const H = 60n * M;

// Cases and expected values from Go's own table, go/src/time/time_test.go `parseDurationTests`.
const valid: { input: string; want: bigint }[] = [
  { input: '0', want: 0n },
  { input: '5s', want: 5n * S },
  { input: '30s', want: 30n * S },
  { input: '1478s', want: 1478n * S },
  { input: '-5s', want: -5n * S },
  { input: '+5s', want: 5n * S },
  { input: '-0', want: 0n },
  { input: '+0', want: 0n },
  { input: '5.0s', want: 5n * S },
  { input: '5.6s', want: 5n * S + 600n * MS },
  { input: '5.s', want: 5n * S },
  { input: '.5s', want: 500n * MS },
  { input: '1.0s', want: S },
  { input: '1.00s', want: S },
  { input: '1.004s', want: S + 4n * MS },
  { input: '1.0040s', want: S + 4n * MS },
  { input: '100.00100s', want: 100n * S + MS },
  { input: '10ns', want: 10n },
  { input: '11us', want: 11n * US },
  { input: '12µs', want: 12n * US },
  { input: '12μs', want: 12n * US },
  { input: '13ms', want: 13n * MS },
  { input: '14s', want: 14n * S },
  { input: '15m', want: 15n * M },
  { input: '16h', want: 16n * H },
  { input: '3h30m', want: 3n * H + 30n * M },
  { input: '10.5s4m', want: 4n * M + 10n * S + 500n * MS },
  { input: '-2m3.4s', want: -(2n * M + 3n * S + 400n * MS) },
  { input: '1h2m3s4ms5us6ns', want: H + 2n * M + 3n * S + 4n * MS + 5n * US + 6n },
  { input: '39h9m14.425s', want: 39n * H + 9n * M + 14n * S + 425n * MS },
  { input: '52763797000ns', want: 52763797000n },
  { input: '0.3333333333333333333h', want: 20n * M },
  { input: '9007199254740993ns', want: (1n << 53n) + 1n },
  { input: '9223372036854775807ns', want: (1n << 63n) - 1n },
  { input: '9223372036854775.807us', want: (1n << 63n) - 1n },
  { input: '9223372036s854ms775us807ns', want: (1n << 63n) - 1n },
  { input: '-9223372036854775808ns', want: -(1n << 63n) },
  { input: '-9223372036854775.808us', want: -(1n << 63n) },
  { input: '-9223372036s854ms775us808ns', want: -(1n << 63n) },
  { input: '-2562047h47m16.854775808s', want: -(1n << 63n) },
  { input: '0.100000000000000000000h', want: 6n * M },
  { input: '0.830103483285477580700h', want: 49n * M + 48n * S + 372539827n },
  // The examples.
  { input: '1h2m3.5s', want: H + 2n * M + 3n * S + 500n * MS },
  { input: '300ms', want: 300n * MS },
  { input: '-1s', want: -S },
];

// Error cases from Go's `parseDurationErrorTests`, with the messages Go prints.
const invalid: { input: string; message: string }[] = [
  { input: '', message: 'time: invalid duration ""' },
  { input: '3', message: 'time: missing unit in duration "3"' },
  { input: '-', message: 'time: invalid duration "-"' },
  { input: 's', message: 'time: invalid duration "s"' },
  { input: '.', message: 'time: invalid duration "."' },
  { input: '-.', message: 'time: invalid duration "-."' },
  { input: '.s', message: 'time: invalid duration ".s"' },
  { input: '+.s', message: 'time: invalid duration "+.s"' },
  { input: '1d', message: 'time: unknown unit "d" in duration "1d"' },
  { input: '9223372036854775808ns', message: 'time: invalid duration "9223372036854775808ns"' },
  { input: '9223372036854775.808us', message: 'time: invalid duration "9223372036854775.808us"' },
  { input: '9223372036854ms775us808ns', message: 'time: invalid duration "9223372036854ms775us808ns"' },
  { input: '-9223372036854775809ns', message: 'time: invalid duration "-9223372036854775809ns"' },
];

describe('parseDurationNs (Go time.ParseDuration)', () => {
  it.each(valid)('$input', ({ input, want }) => {
    expect(parseDurationNs(input)).toBe(want);
  });

  it.each(invalid)('rejects $input', ({ input, message }) => {
    let err: unknown;
    try {
      parseDurationNs(input);
    } catch (e) {
      err = e;
    }
    expect(isGitOpsKitError(err, 'InvalidDuration')).toBe(true);
    expect((err as Error).message).toBe(message);
  });
});

// Edge cases beyond Go's table; expected values printed by go1.19.8's time.ParseDuration (the
// unit is every byte up to the next '.' or digit; the number must start with '.' or a digit).
describe('parseDurationNs edge cases', () => {
  it.each([
    { input: '1h1h', want: 2n * H },
    { input: '-0s', want: 0n },
    { input: '1.5h', want: H + 30n * M },
    { input: '0.5ms', want: 500n * US },
    { input: '1000000000ns', want: S },
  ])('$input', ({ input, want }) => {
    expect(parseDurationNs(input)).toBe(want);
  });

  it.each([
    { input: '1.0.0s', message: 'time: missing unit in duration "1.0.0s"' },
    { input: '0.0', message: 'time: missing unit in duration "0.0"' },
    { input: '1e3s', message: 'time: unknown unit "e" in duration "1e3s"' },
    { input: '1s ', message: 'time: unknown unit "s " in duration "1s "' },
    { input: ' 1s', message: 'time: invalid duration " 1s"' },
    { input: '1h-1m', message: 'time: unknown unit "h-" in duration "1h-1m"' },
    { input: '+-1s', message: 'time: invalid duration "+-1s"' },
    { input: '1S', message: 'time: unknown unit "S" in duration "1S"' },
    { input: '1sec', message: 'time: unknown unit "sec" in duration "1sec"' },
  ])('rejects $input', ({ input, message }) => {
    expect(() => parseDurationNs(input)).toThrow(
      expect.objectContaining({ code: 'InvalidDuration', message }),
    );
  });
});

describe('parseDuration (milliseconds)', () => {
  it.each([
    { input: '1m30s', want: 90_000 },
    { input: '300us', want: 0.3 },
    { input: '1h', want: 3_600_000 },
    { input: '-1.5s', want: -1500 },
  ])('$input → $want ms', ({ input, want }) => {
    expect(parseDuration(input)).toBe(want);
  });
});

describe('formatDurationNs (Go Duration.String)', () => {
  // Expected strings from Go's `durationTests` in go/src/time/time_test.go.
  it.each([
    { ns: 0n, want: '0s' },
    { ns: 1n, want: '1ns' },
    { ns: 1100n, want: '1.1µs' },
    { ns: 2200n * US, want: '2.2ms' },
    { ns: 3300n * MS, want: '3.3s' },
    { ns: 4n * M + 5n * S, want: '4m5s' },
    { ns: 4n * M + 5001n * MS, want: '4m5.001s' },
    { ns: 5n * H + 6n * M + 7001n * MS, want: '5h6m7.001s' },
    { ns: 8n * M + 1n, want: '8m0.000000001s' },
    { ns: (1n << 63n) - 1n, want: '2562047h47m16.854775807s' },
    { ns: -(1n << 63n), want: '-2562047h47m16.854775808s' },
  ])('$want', ({ ns, want }) => {
    expect(formatDurationNs(ns)).toBe(want);
    expect(parseDurationNs(want)).toBe(ns);
  });
});
