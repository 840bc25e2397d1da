import { cp, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { git } from './git.js';

/** The example fleet repository of this monorepo (`examples/fleet/repo`). */
export const fleetRepoDir = fileURLToPath(new URL('../../fleet/repo', import.meta.url));

const identity = ['-c', 'user.name=render-and-diff', '-c', 'user.email=render-and-diff@example.com'];

/** A new Git repository holding a copy of the example fleet, committed on `main`. */
export async function fleetRepository(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'fleet-'));
  await cp(fleetRepoDir, dir, { recursive: true });
  await git(['init', '-q', '-b', 'main'], { cwd: dir });
  await commitAll(dir, 'fleet');
  return dir;
}

/** Commits every change in `dir`. */
export async function commitAll(dir: string, message: string): Promise<void> {
  await git(['add', '-A'], { cwd: dir });
  await git([...identity, 'commit', '-q', '--allow-empty', '-m', message], { cwd: dir });
}

/** Replaces `from` with `to` in a repository file; fails loudly when `from` is not there. */
export async function edit(dir: string, file: string, from: string | RegExp, to: string): Promise<void> {
  const p = path.join(dir, file);
  const text = await readFile(p, 'utf8');
  const next = text.replace(from, to);
  if (next === text) throw new Error(`${file}: '${String(from)}' not found (did examples/fleet change?)`);
  await writeFile(p, next);
}
