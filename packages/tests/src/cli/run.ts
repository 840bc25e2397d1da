/** Runs the built `gitops-kit` binary (`packages/cli/dist/bin.js`), as users do. */
import { spawn, spawnSync } from 'node:child_process';
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
    // Generous: a loaded CI machine (2 cores, many test workers) can take tens of seconds to start Node.
    timeout: 180_000,
  });
  if (r.status === null) {
    // Killed (timeout or signal): say so, so that the failing assertion shows why.
    const why = r.error ? r.error.message : `killed by ${r.signal}`;
    return { code: -1, stdout: r.stdout ?? '', stderr: `${r.stderr ?? ''}[runCli: ${why}]` };
  }
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/**
 * Runs `gitops-kit ...args` without blocking the event loop (for tests that serve something, such
 * as a Git repository, from the test process itself).
 */
export function runCliAsync(
  args: string[],
  options: { env?: Record<string, string>; cwd?: string; timeoutMs?: number } = {},
): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cliBin, ...args], {
      cwd: options.cwd ?? repoRoot,
      env: { PATH: process.env.PATH ?? '', ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      stdout += d;
    });
    child.stderr.setEncoding('utf8').on('data', (d: string) => {
      stderr += d;
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 120_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code: code ?? -1, stdout, stderr });
    });
  });
}
