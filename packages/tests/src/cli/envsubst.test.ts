import { describe, expect, it } from 'vitest';
import { runCli } from './run.js';

// `gitops-kit envsubst` through the built binary; expected outputs as `flux envsubst` gives them
// (line by line through fluxcd/pkg/envsubst with the process environment).
const table: { name: string; input: string; env: Record<string, string>; want: string }[] = [
  {
    name: 'expands from the environment',
    input: 'region: ${cluster_region}\nreplicas: ${REPLICAS:=2}\n',
    env: { cluster_region: 'eu-central-1' },
    want: 'region: eu-central-1\nreplicas: 2\n',
  },
  {
    name: 'keeps $var and unescapes $$',
    input: 'a: $HOME $${X}\n',
    env: { HOME: '/h' },
    want: 'a: $HOME ${X}\n',
  },
  { name: 'adds a final newline', input: 'x: ${A}', env: { A: '1' }, want: 'x: 1\n' },
  { name: 'drops CR before LF', input: 'x: ${A}\r\ny\r\n', env: { A: '1' }, want: 'x: 1\ny\n' },
  { name: 'empty input', input: '', env: {}, want: '' },
  { name: 'unset is empty without --strict', input: '[${NOPE}]\n', env: {}, want: '[]\n' },
];

describe('gitops-kit envsubst', () => {
  it.each(table)('$name', ({ input, env, want }) => {
    const r = runCli(['envsubst'], { input, env });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(want);
  });

  it('--strict fails on an unset variable after printing the lines before it', () => {
    const r = runCli(['envsubst', '--strict'], { input: 'a: ${A}\nb: ${REPLICAS}\nc: 1\n', env: { A: '1' } });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('a: 1\n');
    expect(r.stderr).toBe('error: variable not set (strict mode): "REPLICAS"\n');
  });

  it('--strict accepts defaults', () => {
    const r = runCli(['envsubst', '--strict'], { input: 'b: ${REPLICAS:-3}\n' });
    expect(r.stdout).toBe('b: 3\n');
    expect(r.code).toBe(0);
  });

  it('reports a bad expression on one line', () => {
    const r = runCli(['envsubst'], { input: 'x: ${A\n' });
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('error: missing closing brace\n');
  });

  it('rejects unknown options with exit 2', () => {
    const r = runCli(['envsubst', '--nope']);
    expect(r.code).toBe(2);
  });
});
