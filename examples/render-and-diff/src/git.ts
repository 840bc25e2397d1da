import { spawn } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** Runs `git` and returns its stdout; rejects with git's stderr (first line) on a non-zero exit. */
export function git(args: string[], options: { cwd: string; signal?: AbortSignal }): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn('git', args, {
      cwd: options.cwd,
      signal: options.signal,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, GIT_TERMINAL_PROMPT: '0', LC_ALL: 'C' },
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) resolve(Buffer.concat(out).toString('utf8'));
      else {
        const why = Buffer.concat(err).toString('utf8').trim().split('\n')[0] ?? '';
        reject(new Error(`git ${args[0]}: ${why || `exit code ${code}`}`));
      }
    });
  });
}

/** The commit a ref names (full hex), or a rejection naming the ref. */
export async function resolveCommit(repo: string, ref: string, signal?: AbortSignal): Promise<string> {
  try {
    return (await git(['rev-parse', '--verify', '--quiet', `${ref}^{commit}`], { cwd: repo, signal })).trim();
  } catch {
    throw new Error(`'${ref}' is not a commit in ${repo}`);
  }
}

/** Extracts the tree of `commit` into a new temporary directory (`git archive | tar -x`). */
export async function checkout(repo: string, commit: string, signal?: AbortSignal): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), `render-and-diff-${commit.slice(0, 12)}-`));
  await new Promise<void>((resolve, reject) => {
    const archive = spawn('git', ['archive', '--format=tar', commit], {
      cwd: repo,
      signal,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const tar = spawn('tar', ['-x', '-f', '-', '-C', dir], { signal, stdio: ['pipe', 'ignore', 'pipe'] });
    archive.stdout.pipe(tar.stdin);
    let failed = false;
    const fail = (e: Error) => {
      if (!failed) reject(e);
      failed = true;
    };
    archive.on('error', fail);
    tar.on('error', fail);
    archive.on('close', (code) => code !== 0 && fail(new Error(`git archive ${commit}: exit code ${code}`)));
    tar.on('close', (code) =>
      code === 0 ? !failed && resolve() : fail(new Error(`tar: exit code ${code}`)),
    );
  });
  return dir;
}
