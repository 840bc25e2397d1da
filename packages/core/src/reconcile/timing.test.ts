import { describe, expect, it } from 'vitest';
import { jitterInterval } from './jitter.js';
import { parseReconcileTiming } from './timing.js';

const obj = (spec: Record<string, unknown>) => ({
  apiVersion: 'v1',
  kind: 'K',
  metadata: { name: 'x' },
  spec,
});

describe('parseReconcileTiming', () => {
  it.each([
    { name: 'empty spec', spec: {}, want: { suspend: false }, errors: [] },
    {
      name: 'all fields',
      spec: { interval: '1m30s', retryInterval: '30s', timeout: '2.5m', suspend: true },
      want: { intervalMs: 90_000, retryIntervalMs: 30_000, timeoutMs: 150_000, suspend: true },
      errors: [],
    },
    {
      name: 'sub-millisecond',
      spec: { interval: '300us' },
      want: { intervalMs: 0.3, suspend: false },
      errors: [],
    },
    {
      name: 'every bad field is collected',
      spec: { interval: '10d', retryInterval: 5, timeout: '-1s', suspend: 'yes' },
      want: { suspend: false },
      errors: ['spec.interval', 'spec.retryInterval', 'spec.timeout', 'spec.suspend'],
    },
  ])('$name', ({ spec, want, errors }) => {
    const got = parseReconcileTiming(obj(spec));
    expect(got.value).toEqual(want);
    expect(got.errors.map((e) => e.fieldPath)).toEqual(errors);
  });

  it('names the field and quotes Go in messages', () => {
    expect(parseReconcileTiming(obj({ interval: '10d' })).errors[0]!.message).toBe(
      'spec.interval: time: unknown unit "d" in duration "10d"',
    );
  });
});

// fluxcd/pkg runtime/jitter/jitter.go Percent: d * (1 + p * (2r - 1)).
describe('jitterInterval', () => {
  it.each([
    { name: 'random 0.5: unchanged', ms: 600_000, percent: 5, r: 0.5, want: 600_000 },
    { name: 'random 0: -5%', ms: 600_000, percent: 5, r: 0, want: 570_000 },
    { name: 'random 0.75: +2.5%', ms: 600_000, percent: 5, r: 0.75, want: 615_000 },
    { name: '10%', ms: 60_000, percent: 10, r: 0, want: 54_000 },
    { name: 'percent 0 disables', ms: 60_000, percent: 0, r: 0, want: 60_000 },
    { name: 'percent 100 disables', ms: 60_000, percent: 100, r: 0, want: 60_000 },
    { name: 'zero interval', ms: 0, percent: 5, r: 0, want: 0 },
  ])('$name', ({ ms, percent, r, want }) => {
    expect(jitterInterval(ms, { percent, random: () => r })).toBe(want);
  });

  it('stays within ±5% with the default random source', () => {
    for (let i = 0; i < 1000; i++) {
      const v = jitterInterval(600_000);
      expect(v).toBeGreaterThanOrEqual(570_000);
      expect(v).toBeLessThanOrEqual(630_000);
    }
  });
});
