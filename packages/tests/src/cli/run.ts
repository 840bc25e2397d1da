/** Runs the built `gitops-kit` binary (`packages/cli/dist/bin.js`), as users do. */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { repoRoot } from '../services.js';

/** Path of the built CLI entry. */
export const cliBin = join(repoRoot, 'packages/cli/dist/bin.js');

/** Result of one CLI run. */
export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `gitops-kit ...args` with `input` on stdin and `env` added to a minimal environment. */
export function runCli(
  args: string[],
  options: { input?: string; env?: Record<string, string>; cwd?: string } = {},
): CliRun {
  const r = spawnSync(process.execPath, [cliBin, ...args], {
    input: options.input ?? '',
    encoding: 'utf8',
    cwd: options.cwd ?? repoRoot,
    env: { PATH: process.env.PATH ?? '', ...options.env },
    timeout: 60_000,
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}
