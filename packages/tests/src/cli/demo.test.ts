import { describe, expect, it } from 'vitest';
import { runCli } from './run.js';

// `gitops-kit demo` (the README's first command) through the built binary.
describe('gitops-kit demo', () => {
  it('reconciles the toy objects into the in-memory cluster and prints their conditions', () => {
    const r = runCli(['demo']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = r.stdout;
    expect(out).toContain('Reconciled 6 Greeting objects (demo.gitops-kit.dev/v1) into an in-memory cluster');
    expect(out).toContain(
      'Greeting/demo/base: Ready\n    Ready        True     ReconciliationSucceeded  Applied ConfigMap demo/base-greeting\n',
    );
    expect(out).toContain(
      'Greeting/demo/broken: Stalled\n    Stalled      True     InvalidSpec              spec.interval: time: unknown unit "d" in duration "1d"\n',
    );
    expect(out).toContain('Greeting/demo/paused: Suspended\n    (no conditions)\n');
    expect(out).toContain('3 Ready, 2 Stalled, 1 Suspended\n');
    expect(out).toContain(
      'ConfigMaps written: demo/app-greeting, demo/base-greeting, demo/frontend-greeting\n',
    );
    const order = /Reconcile order: (.*)\n/.exec(out)![1]!.split(', ');
    expect(order.indexOf('base')).toBeLessThan(order.indexOf('app'));
    expect(order.indexOf('app')).toBeLessThan(order.indexOf('frontend'));
  });

  it('--json prints every object with its conditions', () => {
    const r = runCli(['demo', '--json']);
    expect(r.code).toBe(0);
    const got = JSON.parse(r.stdout) as {
      objects: {
        name: string;
        outcome: string;
        conditions: { type: string; status: string; reason: string }[];
      }[];
    };
    expect(got.objects.map((o) => [o.name, o.outcome])).toEqual([
      ['app', 'Ready'],
      ['base', 'Ready'],
      ['broken', 'Stalled'],
      ['empty', 'Stalled'],
      ['frontend', 'Ready'],
      ['paused', 'Suspended'],
    ]);
    const frontend = got.objects.find((o) => o.name === 'frontend')!;
    expect(frontend.conditions).toEqual([
      expect.objectContaining({
        type: 'Ready',
        status: 'True',
        reason: 'ReconciliationSucceeded',
        observedGeneration: 1,
      }),
    ]);
  });

  it('a bad --timeout is a usage error', () => {
    const r = runCli(['demo', '--timeout', '5x']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('error: --timeout: time: unknown unit "x" in duration "5x"\n');
  });
});
