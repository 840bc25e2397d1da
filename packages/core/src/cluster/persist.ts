/**
 * Persistence of a `MemoryCluster` to a directory: one JSON snapshot (`cluster.json`) holding the
 * resourceVersion counter and every object, written atomically (a temporary file in the same
 * directory, then `rename`), so a crash leaves the previous snapshot intact.
 */
import * as nodeFs from 'node:fs/promises';
import { join } from 'node:path';
import { CoreError } from '../errors/GitOpsKitError.js';
import type { KubeObject } from '../object/types.js';

/** The file operations persistence needs (a subset of `node:fs/promises`), injectable for tests. */
export interface PersistFs {
  readFile(path: string, encoding: 'utf8'): Promise<string>;
  writeFile(path: string, data: string, encoding: 'utf8'): Promise<void>;
  rename(from: string, to: string): Promise<void>;
  mkdir(path: string, options: { recursive: true }): Promise<unknown>;
}

/** The default {@link PersistFs}: `node:fs/promises`. */
export const nodePersistFs: PersistFs = {
  readFile: (p, e) => nodeFs.readFile(p, e),
  writeFile: (p, d, e) => nodeFs.writeFile(p, d, e),
  rename: (a, b) => nodeFs.rename(a, b),
  mkdir: (p, o) => nodeFs.mkdir(p, o),
};

/** The snapshot format (version 1). @internal */
export interface Snapshot {
  format: 'gitops-kit/memory-cluster/v1';
  resourceVersion: number;
  objects: KubeObject[];
}

/** File name of the snapshot inside the directory. */
export const SNAPSHOT_FILE = 'cluster.json';

/**
 * Reads the snapshot in `dir`; `undefined` when there is none yet.
 * @throws {CoreError} `InvalidArgument` when the file exists but is not a snapshot.
 * @internal
 */
export async function readSnapshot(dir: string, fs: PersistFs): Promise<Snapshot | undefined> {
  const file = join(dir, SNAPSHOT_FILE);
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (e) {
    if ((e as { code?: string }).code === 'ENOENT') return undefined;
    throw new CoreError('ServerError', `${file}: cannot read: ${(e as Error).message}`, {
      cause: e,
      data: { file },
    });
  }
  let s: Snapshot;
  try {
    s = JSON.parse(text) as Snapshot;
  } catch (e) {
    throw new CoreError('InvalidArgument', `${file}: not JSON`, { cause: e, data: { file } });
  }
  if (
    s?.format !== 'gitops-kit/memory-cluster/v1' ||
    !Array.isArray(s.objects) ||
    typeof s.resourceVersion !== 'number'
  ) {
    throw new CoreError('InvalidArgument', `${file}: not a MemoryCluster snapshot`, { data: { file } });
  }
  return s;
}

let tmpCounter = 0;

/** Writes the snapshot atomically (temporary file + rename). @internal */
export async function writeSnapshot(dir: string, snapshot: Snapshot, fs: PersistFs): Promise<void> {
  await fs.mkdir(dir, { recursive: true });
  const file = join(dir, SNAPSHOT_FILE);
  const tmp = join(dir, `.${SNAPSHOT_FILE}.${process.pid}.${++tmpCounter}.tmp`);
  await fs.writeFile(tmp, `${JSON.stringify(snapshot, null, 1)}\n`, 'utf8');
  await fs.rename(tmp, file);
}
