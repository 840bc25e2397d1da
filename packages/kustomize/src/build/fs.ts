/**
 * The file system a build reads through. Paths are absolute and `/`-separated. Implementations:
 * {@link nodeFileSystem} (the real disk, symlinks followed as kustomize does) and
 * {@link memoryFileSystem} (an in-memory tree, e.g. a fetched artifact).
 */
import * as fs from 'node:fs';
import * as fsp from 'node:fs/promises';
import * as path from 'node:path';

/** What `stat` reports. */
export interface FileInfo {
  readonly isDirectory: boolean;
  readonly isFile: boolean;
  /** Size in bytes. */
  readonly size: number;
}

/** An error from a {@link KustomizeFileSystem}; `code` is a Node-style errno code (`ENOENT`, `ELOOP`, ...). */
export interface FsError extends Error {
  code?: string;
}

/** The operations kustomize's loader needs. All paths are absolute. */
export interface KustomizeFileSystem {
  /** Reads a whole file. Rejects with `code: 'ENOENT'` when absent, `EISDIR` for a directory. */
  readFile(path: string): Promise<Uint8Array>;
  /** Follows symlinks. Rejects with `code: 'ENOENT'` when absent. */
  stat(path: string): Promise<FileInfo>;
  /** Resolves symlinks (`filepath.EvalSymlinks`). Rejects `ENOENT`, `ELOOP`. */
  realpath(path: string): Promise<string>;
}

/** The real file system (`node:fs/promises`). */
export const nodeFileSystem: KustomizeFileSystem = {
  async readFile(p) {
    return fsp.readFile(p);
  },
  async stat(p) {
    const s = await fsp.stat(p);
    return { isDirectory: s.isDirectory(), isFile: s.isFile(), size: s.size };
  },
  async realpath(p) {
    return fsp.realpath(p);
  },
};

/**
 * The real file system read with synchronous calls (`readFileSync`, `statSync`, `realpathSync.native`),
 * wrapped in settled promises. It blocks the event loop while it reads, but a build reads many
 * small files and this skips a thread-pool round trip per call: use it in command-line tools
 * (`gitops-kit kustomize build` does), keep {@link nodeFileSystem} in servers.
 */
export const nodeSyncFileSystem: KustomizeFileSystem = {
  async readFile(p) {
    return fs.readFileSync(p);
  },
  async stat(p) {
    const s = fs.statSync(p);
    return { isDirectory: s.isDirectory(), isFile: s.isFile(), size: s.size };
  },
  async realpath(p) {
    return fs.realpathSync.native(p);
  },
};

function fsError(code: string, message: string): FsError {
  const e: FsError = new Error(message);
  e.code = code;
  return e;
}

/**
 * An in-memory file system: `files` maps absolute paths (or paths relative to `/`) to contents.
 * Directories are implied by file paths.
 *
 * @example
 * ```ts
 * const fs = memoryFileSystem({ '/app/kustomization.yaml': 'resources: [cm.yaml]\n', '/app/cm.yaml': '...' });
 * ```
 */
export function memoryFileSystem(files: Record<string, string | Uint8Array>): KustomizeFileSystem {
  const data = new Map<string, Uint8Array>();
  const dirs = new Set<string>(['/']);
  for (const [p, c] of Object.entries(files)) {
    const abs = path.posix.resolve('/', p);
    data.set(abs, typeof c === 'string' ? new TextEncoder().encode(c) : c);
    let d = path.posix.dirname(abs);
    while (!dirs.has(d)) {
      dirs.add(d);
      d = path.posix.dirname(d);
    }
  }
  return {
    async readFile(p) {
      const abs = path.posix.resolve('/', p);
      const c = data.get(abs);
      if (c) return c;
      if (dirs.has(abs)) throw fsError('EISDIR', `read ${p}: is a directory`);
      throw fsError('ENOENT', `open ${p}: no such file or directory`);
    },
    async stat(p) {
      const abs = path.posix.resolve('/', p);
      const c = data.get(abs);
      if (c) return { isDirectory: false, isFile: true, size: c.byteLength };
      if (dirs.has(abs)) return { isDirectory: true, isFile: false, size: 0 };
      throw fsError('ENOENT', `stat ${p}: no such file or directory`);
    },
    async realpath(p) {
      const abs = path.posix.resolve('/', p);
      if (data.has(abs) || dirs.has(abs)) return abs;
      throw fsError('ENOENT', `lstat ${p}: no such file or directory`);
    },
  };
}
