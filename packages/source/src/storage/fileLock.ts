import { promises as fs } from 'node:fs';
import { dirname } from 'node:path';
import type { Clock } from '@gitops-kit/core';
import { SourceError } from '../errors.js';

/** Options of {@link acquireFileLock}. */
export interface FileLockOptions {
  clock: Clock;
  /** Give up after this many ms. */
  timeoutMs: number;
  /** Poll interval while another process holds the lock, ms. Default 50. */
  pollMs?: number;
  /** What is being locked, for the `LockTimeout` message. */
  what?: string;
  signal?: AbortSignal;
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Takes an exclusive lock file (created with `O_EXCL`, holding the owner's pid). A lock whose owner
 * process no longer exists is taken over. Resolves to the release function (idempotent).
 *
 * @throws {SourceError} `LockTimeout` after `timeoutMs`; `StorageOperationFailed` on filesystem errors.
 */
export async function acquireFileLock(
  lockPath: string,
  options: FileLockOptions,
): Promise<() => Promise<void>> {
  await fs.mkdir(dirname(lockPath), { recursive: true });
  const started = options.clock.now();
  for (;;) {
    options.signal?.throwIfAborted();
    try {
      const h = await fs.open(lockPath, 'wx', 0o600);
      await h.writeFile(String(process.pid));
      await h.close();
      let released = false;
      return async () => {
        if (released) return;
        released = true;
        await fs.rm(lockPath, { force: true });
      };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') {
        throw new SourceError(
          'StorageOperationFailed',
          `unable to create lock '${lockPath}': ${(e as NodeJS.ErrnoException).code}`,
          {
            cause: e,
          },
        );
      }
    }
    const holder = Number.parseInt(await fs.readFile(lockPath, 'utf8').catch(() => ''), 10);
    if (Number.isInteger(holder) && holder > 0 && holder !== process.pid && !pidAlive(holder)) {
      await fs.rm(lockPath, { force: true });
      continue;
    }
    if (options.clock.now() - started >= options.timeoutMs) {
      throw new SourceError('LockTimeout', `timed out acquiring lock for ${options.what ?? lockPath}`, {
        data: { file: lockPath },
      });
    }
    await options.clock.sleep(options.pollMs ?? 50, { signal: options.signal });
  }
}
