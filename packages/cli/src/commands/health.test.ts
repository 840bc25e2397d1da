import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// Runs the real built binary (`pnpm build` first; the test command builds before testing).
const bin = fileURLToPath(new URL('../../dist/bin.js', import.meta.url));
const testdata = fileURLToPath(new URL('../../testdata/health/', import.meta.url));
const built = existsSync(bin);

function cli(args: string[], input?: string) {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd: testdata, input, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
const lines = (stdout: string) =>
  stdout
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l));

describe.skipIf(!built)('gitops-kit health (built binary)', () => {
  it('prints one JSON line per object, List items expanded, and exits 0 whatever the statuses', () => {
    const r = cli(['health', '-f', 'mixed.yaml']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(lines(r.stdout)).toEqual([
      {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        namespace: 'apps',
        name: 'web',
        status: 'Current',
        message: 'Deployment is available. Replicas: 3',
      },
      {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        namespace: 'apps',
        name: 'api',
        status: 'Failed',
        message: 'Progress deadline exceeded',
      },
      {
        apiVersion: 'v1',
        kind: 'Namespace',
        namespace: '',
        name: 'apps',
        status: 'Current',
        message: 'Resource is current',
      },
      {
        apiVersion: 'batch/v1',
        kind: 'Job',
        namespace: 'apps',
        name: 'migrate',
        status: 'InProgress',
        message: 'Job in progress. success:0, active: 1, failed: 0',
      },
      {
        apiVersion: 'kustomize.toolkit.fluxcd.io/v1',
        kind: 'Kustomization',
        namespace: 'flux-system',
        name: 'apps',
        status: 'Terminating',
        message: 'Resource scheduled for deletion',
      },
    ]);
    // the exact key order of each line
    expect(r.stdout.split('\n')[0]).toMatch(
      /^\{"apiVersion":.*,"kind":.*,"namespace":.*,"name":.*,"status":.*,"message":.*\}$/,
    );
  });

  it('reads standard input by default and with -f -', () => {
    const input = 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: cfg, namespace: default}\n';
    const want = [
      {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        namespace: 'default',
        name: 'cfg',
        status: 'Current',
        message: 'Resource is always ready',
      },
    ];
    expect(lines(cli(['health'], input).stdout)).toEqual(want);
    expect(lines(cli(['health', '-f', '-'], input).stdout)).toEqual(want);
  });

  it('prints nothing for an empty stream', () => {
    const r = cli(['health'], '---\n');
    expect([r.code, r.stdout, r.stderr]).toEqual([0, '', '']);
  });

  it('applies --health-check-exprs from a Kustomization', () => {
    const r = cli(['health', '-f', 'sealed.yaml', '--health-check-exprs', 'kustomization-exprs.yaml']);
    expect(r.code).toBe(0);
    const got = lines(r.stdout).map((l) => [l.name, l.status]);
    // `token` has no status: Flux's evaluator reports the missing field, the object stays Unknown.
    expect(got).toEqual([
      ['creds', 'Failed'],
      ['token', 'Unknown'],
    ]);
    expect(lines(r.stdout)[1].message).toContain('no such attribute(s): status');
  });

  it.each([
    {
      name: 'missing file',
      args: ['health', '-f', 'nope.yaml'],
      input: undefined,
      want: /^error: nope\.yaml: no such file\n$/,
    },
    { name: 'bad YAML', args: ['health'], input: 'a: [1,\n', want: /^error: <stdin>: document 0: .+\n$/ },
    {
      name: 'document without kind',
      args: ['health'],
      input:
        'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n---\napiVersion: v1\nmetadata: {name: b}\n',
      want: /^error: <stdin>: document 1: kind must be a non-empty string\n$/,
    },
    {
      name: 'expression that does not compile',
      args: ['health', '-f', 'mixed.yaml', '--health-check-exprs', '-'],
      input: '- {apiVersion: x.io/v1, kind: X, current: "status.(("}\n',
      want: /^error: failed to create custom status evaluator for healthchecks\[0\]: failed to parse the expression Current: .+\n$/,
    },
  ])('exits 1 with one line on stderr: $name', ({ args, input, want }) => {
    const r = cli(args, input);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(want);
  });

  it.each([
    { name: 'unknown option', args: ['health', '--nope'] },
    { name: 'stdin twice', args: ['health', '--health-check-exprs', '-'] },
  ])('exits 2 on a usage error: $name', ({ args }) => {
    const r = cli(args, '');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^error: /);
  });
});
