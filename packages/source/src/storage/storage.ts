import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, promises as fs } from 'node:fs';
import { dirname, join, resolve, sep } from 'node:path';
import type { Readable } from 'node:stream';
import { type Clock, formatTime, systemClock } from '@gitops-kit/core';
import { packDirectory } from '../artifact/archive.js';
import type { Artifact } from '../artifact/types.js';
import { SourceError } from '../errors.js';
import type { IgnoreFilter } from '../ignore/sourceignore.js';
import { acquireFileLock } from './fileLock.js';

/** Options of {@link createArtifactStorage}. */
export interface ArtifactStorageOptions {
  /** Directory holding every artifact (created when missing). */
  basePath: string;
  /** Advertised address for `artifact.url`. Default {@link artifactStorageDefaults}.hostname. */
  hostname?: string;
  /** Artifacts kept per object by {@link ArtifactStorage.garbageCollect}, the current one included. Default 2 (`--artifact-retention-records`). */
  retentionRecords?: number;
  /** Artifacts older than this (ms, by file mtime) are collected, except the current one. Default 60 000 (`--artifact-retention-ttl=1m`). */
  retentionTtlMs?: number;
  /** How long {@link ArtifactStorage.lock} waits for another holder, in ms. Default 60 000. */
  lockTimeoutMs?: number;
  /** Time source for `lastUpdateTime`, mtimes, GC and lock waits. Default `systemClock`. */
  clock?: Clock;
}

/** Defaults of {@link ArtifactStorageOptions}. */
export const artifactStorageDefaults = {
  hostname: 'localhost',
  retentionRecords: 2,
  retentionTtlMs: 60_000,
  lockTimeoutMs: 60_000,
} as const;

/** Identifies the object an artifact belongs to. */
export interface ArtifactOwner {
  /** Kind, e.g. `GitRepository` (lower-cased in the path). */
  kind: string;
  namespace: string;
  name: string;
}

/** Options shared by storage operations. */
export interface StorageCallOptions {
  signal?: AbortSignal;
}

/**
 * A local artifact store laid out as source-controller's: `<basePath>/<lowercase kind>/<namespace>/<name>/<file>`.
 * Writes are atomic (temp file + rename in the same directory: a half-written artifact is never
 * visible under its name), one lock per artifact path serialises writers across processes, and
 * garbage collection keeps the newest `retentionRecords` and drops those past `retentionTtlMs`.
 *
 * @see https://github.com/fluxcd/pkg/tree/main/artifact/storage
 */
export interface ArtifactStorage {
  /** Absolute base directory. */
  readonly basePath: string;
  /**
   * A new artifact record for an object (path and URL set; digest, size, time unset).
   * @throws {SourceError} `InvalidArgument` when kind, namespace, name or file name could escape the store.
   */
  artifactFor(owner: ArtifactOwner & { revision: string; fileName: string }): Artifact;
  /** Absolute local path of an artifact. @throws {SourceError} `InvalidArgument` for a path escaping the store. */
  localPath(artifact: Pick<Artifact, 'path'>): string;
  /** True when the artifact's file exists and is a regular file. */
  exists(artifact: Pick<Artifact, 'path'>): Promise<boolean>;
  /**
   * Atomically stores the bytes of `source` as `artifact`; returns it with `digest`, `size` and
   * `lastUpdateTime` set. Nothing is left behind on failure.
   * @throws {SourceError} `StorageOperationFailed` (cause attached), `Aborted` via the signal.
   */
  write(
    artifact: Artifact,
    source: Readable | AsyncIterable<Uint8Array>,
    options?: StorageCallOptions,
  ): Promise<Artifact>;
  /**
   * Packs `dir` ({@link packDirectory}) and stores it atomically as `artifact`.
   * @throws {SourceError} `StorageOperationFailed`, `InvalidArgument` when `dir` is not a directory.
   */
  archive(
    artifact: Artifact,
    dir: string,
    options?: StorageCallOptions & { filter?: IgnoreFilter },
  ): Promise<Artifact>;
  /**
   * Checks the stored bytes against `artifact.digest` (`sha256:`, `sha384:` or `sha512:`).
   * @throws {SourceError} `DigestMismatch`, `ArtifactNotFound`, `InvalidArgument` (no or malformed digest).
   */
  verify(artifact: Artifact, options?: StorageCallOptions): Promise<void>;
  /**
   * Takes the lock of an artifact path (`<file>.lock`, created exclusively; a lock whose holder
   * process is gone is taken over). Resolves to the unlock function.
   * @throws {SourceError} `LockTimeout` after `lockTimeoutMs`.
   */
  lock(artifact: Pick<Artifact, 'path'>, options?: StorageCallOptions): Promise<() => Promise<void>>;
  /**
   * Deletes the object's other artifacts past the TTL, then the oldest beyond `retentionRecords`;
   * never `current`. Returns the deleted paths (absolute).
   */
  garbageCollect(current: Pick<Artifact, 'path'>, options?: StorageCallOptions): Promise<string[]>;
  /** Deletes one artifact (missing is fine). */
  remove(artifact: Pick<Artifact, 'path'>): Promise<void>;
  /** Deletes every artifact of an object (its directory). */
  removeAll(owner: ArtifactOwner): Promise<void>;
}

const SEGMENT = /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/;
const FILE = /^[A-Za-z0-9][A-Za-z0-9._+-]*$/;
const DIGEST = /^(sha256|sha384|sha512):([a-f0-9]+)$/;
const DIGEST_HEX_LEN: Record<string, number> = { sha256: 64, sha384: 96, sha512: 128 };

function storageError(what: string, cause: unknown, path?: string): SourceError {
  if (cause instanceof SourceError) return cause;
  const err = cause as NodeJS.ErrnoException;
  if (err?.name === 'AbortError' || (err as { code?: string })?.code === 'Aborted') {
    return new SourceError('StorageOperationFailed', `${what}: aborted`, { cause, data: { file: path } });
  }
  return new SourceError('StorageOperationFailed', `${what}: ${err?.code ?? err?.message ?? String(cause)}`, {
    cause,
    data: { file: path },
  });
}

/**
 * Opens (creating) an artifact store.
 *
 * @example
 * ```ts
 * const storage = createArtifactStorage({ basePath: '/var/lib/gitops-kit' });
 * const a = storage.artifactFor({ kind: 'GitRepository', namespace: 'default', name: 'app', revision, fileName: `${commit}.tar.gz` });
 * const stored = await storage.archive(a, checkoutDir);
 * ```
 */
export function createArtifactStorage(options: ArtifactStorageOptions): ArtifactStorage {
  const basePath = resolve(options.basePath);
  const clock = options.clock ?? systemClock;
  const hostname = options.hostname ?? artifactStorageDefaults.hostname;
  const records = options.retentionRecords ?? artifactStorageDefaults.retentionRecords;
  const ttlMs = options.retentionTtlMs ?? artifactStorageDefaults.retentionTtlMs;
  const lockTimeoutMs = options.lockTimeoutMs ?? artifactStorageDefaults.lockTimeoutMs;

  const ownerDir = (o: ArtifactOwner) => {
    const kind = o.kind.toLowerCase();
    for (const [field, v] of [
      ['kind', kind],
      ['namespace', o.namespace],
      ['name', o.name],
    ] as const) {
      if (!SEGMENT.test(v)) {
        throw new SourceError('InvalidArgument', `artifact ${field} '${v}' is not a valid path segment`, {
          data: { kind: o.kind, namespace: o.namespace, name: o.name },
        });
      }
    }
    return `${kind}/${o.namespace}/${o.name}`;
  };

  const localPath = (a: Pick<Artifact, 'path'>) => {
    const p = resolve(basePath, a.path.replace(/^\/+/, ''));
    if (!p.startsWith(basePath + sep)) {
      throw new SourceError('InvalidArgument', `artifact path '${a.path}' is outside the storage`, {
        data: { file: a.path },
      });
    }
    return p;
  };

  const url = (path: string) => {
    const base = /^https?:\/\//.test(hostname) ? hostname : `http://${hostname}`;
    return `${base.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`;
  };

  const write: ArtifactStorage['write'] = async (artifact, source, callOptions = {}) => {
    const target = localPath(artifact);
    const dir = dirname(target);
    const tmp = join(dir, `.${target.slice(dir.length + 1)}.tmp-${randomBytes(6).toString('hex')}`);
    let handle: fs.FileHandle | undefined;
    try {
      await fs.mkdir(dir, { recursive: true });
      handle = await fs.open(tmp, 'wx', 0o600);
      const hash = createHash('sha256');
      let size = 0;
      for await (const chunk of source as AsyncIterable<Uint8Array>) {
        callOptions.signal?.throwIfAborted();
        hash.update(chunk);
        size += chunk.byteLength;
        await handle.write(chunk);
      }
      await handle.sync();
      await handle.close();
      handle = undefined;
      const now = clock.now();
      await fs.utimes(tmp, now / 1000, now / 1000);
      await fs.rename(tmp, target);
      return { ...artifact, digest: `sha256:${hash.digest('hex')}`, size, lastUpdateTime: formatTime(now) };
    } catch (e) {
      await handle?.close().catch(() => {});
      await fs.rm(tmp, { force: true }).catch(() => {});
      throw storageError(`unable to write artifact '${artifact.path}'`, e, artifact.path);
    }
  };

  const storage: ArtifactStorage = {
    basePath,
    artifactFor(o) {
      if (!FILE.test(o.fileName)) {
        throw new SourceError('InvalidArgument', `artifact file name '${o.fileName}' is not valid`, {
          data: { kind: o.kind, namespace: o.namespace, name: o.name },
        });
      }
      const path = `${ownerDir(o)}/${o.fileName}`;
      return { path, url: url(path), revision: o.revision };
    },
    localPath,
    async exists(a) {
      const st = await fs.lstat(localPath(a)).catch(() => undefined);
      return !!st?.isFile();
    },
    write,
    async archive(artifact, dir, callOptions = {}) {
      const st = await fs.stat(dir).catch(() => undefined);
      if (!st?.isDirectory()) {
        throw new SourceError('InvalidArgument', `invalid dir path: ${dir}`, { data: { file: dir } });
      }
      const stream = packDirectory({ dir, filter: callOptions.filter, signal: callOptions.signal });
      try {
        return await write(artifact, stream, callOptions);
      } finally {
        stream.destroy();
      }
    },
    async verify(artifact, callOptions = {}) {
      const m = DIGEST.exec(artifact.digest ?? '');
      if (!m || m[2]!.length !== DIGEST_HEX_LEN[m[1]!]) {
        throw new SourceError(
          'InvalidArgument',
          artifact.digest ? `failed to parse artifact digest '${artifact.digest}'` : 'artifact has no digest',
          { data: { file: artifact.path } },
        );
      }
      const p = localPath(artifact);
      if (!(await storage.exists(artifact))) {
        throw new SourceError('ArtifactNotFound', `artifact '${artifact.path}' not found in storage`, {
          data: { file: artifact.path },
        });
      }
      const hash = createHash(m[1]!);
      try {
        for await (const chunk of createReadStream(p, { signal: callOptions.signal }))
          hash.update(chunk as Buffer);
      } catch (e) {
        throw storageError(`unable to read artifact '${artifact.path}'`, e, artifact.path);
      }
      if (hash.digest('hex') !== m[2]) {
        throw new SourceError('DigestMismatch', `computed digest doesn't match '${artifact.digest}'`, {
          data: { file: artifact.path },
        });
      }
    },
    lock(a, callOptions = {}) {
      return acquireFileLock(`${localPath(a)}.lock`, {
        clock,
        timeoutMs: lockTimeoutMs,
        what: `artifact '${a.path}'`,
        signal: callOptions.signal,
      });
    },
    async garbageCollect(current, callOptions = {}) {
      const currentPath = localPath(current);
      const dir = dirname(currentPath);
      let names: string[];
      try {
        names = await fs.readdir(dir);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
        throw storageError(`unable to list '${dir}'`, e);
      }
      const now = clock.now();
      const files: { path: string; mtimeMs: number }[] = [];
      for (const n of names) {
        if (n.startsWith('.') || n.endsWith('.lock')) continue;
        const p = join(dir, n);
        const st = await fs.lstat(p).catch(() => undefined);
        if (st?.isFile()) files.push({ path: p, mtimeMs: st.mtimeMs });
      }
      const garbage = new Set(
        files.filter((f) => f.path !== currentPath && now - f.mtimeMs > ttlMs).map((f) => f.path),
      );
      let remaining = files.length - garbage.size;
      for (const f of [...files].sort((a, b) => a.mtimeMs - b.mtimeMs)) {
        if (remaining <= records) break;
        if (f.path === currentPath || garbage.has(f.path)) continue;
        garbage.add(f.path);
        remaining--;
      }
      const deleted: string[] = [];
      for (const p of garbage) {
        callOptions.signal?.throwIfAborted();
        await fs.rm(p, { force: true });
        await fs.rm(`${p}.lock`, { force: true });
        deleted.push(p);
      }
      return deleted;
    },
    async remove(a) {
      await fs.rm(localPath(a), { force: true });
    },
    async removeAll(owner) {
      await fs.rm(join(basePath, ownerDir(owner)), { recursive: true, force: true });
    },
  };
  return storage;
}
