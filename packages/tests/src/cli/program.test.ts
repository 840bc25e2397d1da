import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../services.js';
import { runCli } from './run.js';

const { version } = JSON.parse(readFileSync(join(repoRoot, 'packages/cli/package.json'), 'utf8')) as {
  version: string;
};

// The gitops-kit binary itself: help, version, exit codes.
describe('gitops-kit', () => {
  it.each([
    { name: '--help', args: ['--help'] },
    { name: '-h', args: ['-h'] },
    { name: 'help', args: ['help'] },
  ])('$name prints usage with every command group on stdout, exit 0', ({ args }) => {
    const r = runCli(args);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/^Usage: gitops-kit \[options\] \[command\]/);
    expect(r.stdout).toContain('demo [options]');
    expect(r.stdout).toContain('Exit codes: 0 success, 1 error (one line on stderr), 2 usage error.');
  });

  it.each([{ args: ['--version'] }, { args: ['-v'] }])('$args prints the package version', ({ args }) => {
    const r = runCli(args);
    expect(r).toEqual({ code: 0, stdout: `${version}\n`, stderr: '' });
  });

  it.each([
    { name: 'unknown command', args: ['nope'], stderr: "error: unknown command 'nope'" },
    { name: 'unknown option', args: ['--nope'], stderr: "error: unknown option '--nope'" },
    { name: 'no command', args: [], stderr: 'Usage: gitops-kit' },
    {
      name: 'unknown option of a subcommand',
      args: ['demo', '--nope'],
      stderr: "error: unknown option '--nope'",
    },
  ])('$name is a usage error, exit 2', ({ args, stderr }) => {
    const r = runCli(args);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.startsWith(stderr)).toBe(true);
  });

  it('help of a subcommand', () => {
    const r = runCli(['demo', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Usage: gitops-kit demo \[options\]/);
  });
});
