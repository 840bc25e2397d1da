/**
 * kustomize's file loader: a root directory (symlinks resolved), files loaded relative to it under a
 * load restriction, and child loaders for bases/components with cycle detection (a base may not be
 * the directory of, or contain, any kustomization above it).
 *
 * @see https://github.com/kubernetes-sigs/kustomize/blob/api/v0.18.0/api/internal/loader/fileloader.go
 * @see https://github.com/kubernetes-sigs/kustomize/blob/api/v0.18.0/api/internal/loader/loadrestrictions.go
 */
import * as path from 'node:path';
import { KustomizeError } from '../errors/KustomizeError.js';
import type { FsError, KustomizeFileSystem } from './fs.js';

/** `LoadRestrictionsRootOnly` (default): files must be in or below the kustomization root. */
export const LoadRestrictor = {
  RootOnly: 'LoadRestrictionsRootOnly',
  None: 'LoadRestrictionsNone',
} as const;
/** @see {@link LoadRestrictor} */
export type LoadRestrictor = (typeof LoadRestrictor)[keyof typeof LoadRestrictor];

/** Largest file a build reads (bounds memory on hostile input). */
export const DEFAULT_MAX_FILE_BYTES = 64 * 1024 * 1024;

/** Resolves remote resources (`https://…`, git URLs). Without one, they are refused. */
export interface RemoteLoader {
  /** Fetches a remote file (an `http(s)://` resource or patch). */
  loadFile?(url: string, options: { signal?: AbortSignal }): Promise<Uint8Array>;
  /** Materialises a remote kustomization directory (git URL); returns a file system and the directory in it. */
  loadDirectory?(
    url: string,
    options: { signal?: AbortSignal },
  ): Promise<{ fs: KustomizeFileSystem; path: string }>;
}

/** Options shared by every loader of one build. */
export interface LoaderOptions {
  fs: KustomizeFileSystem;
  restrictor: LoadRestrictor;
  maxFileBytes: number;
  remote?: RemoteLoader;
  signal?: AbortSignal;
}

const REMOTE_RE = /^(https?:\/\/|git::|ssh:\/\/|git@|file:\/\/)/;
const GIT_HOST_RE = /^(github\.com|gitlab\.com|bitbucket\.org|dev\.azure\.com)[/:]/;

/** True for what kustomize treats as a remote base (git URL) or remote file. */
export function isRemote(p: string): boolean {
  return REMOTE_RE.test(p) || GIT_HOST_RE.test(p) || /\?ref=|\.git(\/\/|$|\?)/.test(p);
}

/** A file-system error as kustomize words it (`lstat x: no such file or directory`). */
function goFsMessage(err: unknown, p: string): string {
  const code = (err as FsError).code;
  if (code === 'ENOENT') return `lstat ${p}: no such file or directory`;
  if (code === 'ELOOP') return `lstat ${p}: too many levels of symbolic links`;
  if (code === 'EACCES') return `open ${p}: permission denied`;
  if (code === 'ENOTDIR') return `lstat ${p}: not a directory`;
  return (err as Error).message;
}

/** One loader: a confirmed root directory. */
export class Loader {
  private constructor(
    readonly root: string,
    private readonly opts: LoaderOptions,
    private readonly referrer: Loader | null,
    private readonly fsys: KustomizeFileSystem,
  ) {}

  /**
   * Makes the top-level loader at `dir` (absolute). `given` is the path as the caller wrote it,
   * which kustomize's errors about the root quote (`'overlays/prod': file is not directory`).
   */
  static async create(dir: string, opts: LoaderOptions, given = dir): Promise<Loader> {
    const root = await confirmDir(opts.fs, dir, given);
    return new Loader(root, opts, null, opts.fs);
  }

  /** The file system this loader reads. */
  get fs(): KustomizeFileSystem {
    return this.fsys;
  }

  /** Options of the build. */
  get options(): LoaderOptions {
    return this.opts;
  }

  /** kustomize `CleanedAbs`: [real directory, file name or ''] of an absolute path. */
  private async cleanedAbs(p: string): Promise<[string, string]> {
    return cleanedAbs(this.fsys, p);
  }

  /**
   * Loads a file relative to the root, applying the load restriction.
   * @throws KustomizeError `FileNotFound`, `LoadRestriction`, `LimitExceeded`, `NotSupported`
   */
  async load(p: string): Promise<Uint8Array> {
    if (/^https?:\/\//.test(p)) {
      if (!this.opts.remote?.loadFile) {
        throw new KustomizeError(
          'NotSupported',
          `remote file '${p}' cannot be loaded: no remote loader configured (offline build)`,
        );
      }
      return this.opts.remote.loadFile(p, { signal: this.opts.signal });
    }
    let abs = path.posix.isAbsolute(p) ? p : path.posix.join(this.root, p);
    if (this.opts.restrictor === LoadRestrictor.RootOnly) {
      const [d, f] = await this.cleanedAbs(abs);
      if (f === '')
        throw new KustomizeError('FileNotFound', `'${abs}' must resolve to a file`, { data: { file: abs } });
      if (!hasPrefix(d, this.root)) {
        throw new KustomizeError(
          'LoadRestriction',
          `security; file '${abs}' is not in or below '${this.root}'`,
          {
            data: { file: abs },
          },
        );
      }
      abs = path.posix.join(d, f);
    }
    let info: Awaited<ReturnType<KustomizeFileSystem['stat']>>;
    try {
      info = await this.fsys.stat(abs);
    } catch (e) {
      throw new KustomizeError(
        'FileNotFound',
        `open ${abs}: ${goFsMessage(e, abs).replace(/^lstat [^:]*: /, '')}`,
        {
          data: { file: abs },
          cause: e,
        },
      );
    }
    if (info.isDirectory) {
      throw new KustomizeError('FileNotFound', `read ${abs}: is a directory`, { data: { file: abs } });
    }
    if (info.size > this.opts.maxFileBytes) {
      throw new KustomizeError(
        'LimitExceeded',
        `file '${abs}' is ${info.size} bytes, more than the limit of ${this.opts.maxFileBytes} bytes`,
        { data: { file: abs } },
      );
    }
    try {
      return await this.fsys.readFile(abs);
    } catch (e) {
      throw new KustomizeError('FileNotFound', goFsMessage(e, abs), { data: { file: abs }, cause: e });
    }
  }

  /** Loads a file as UTF-8 text (invalid UTF-8 is a YAML reader error). */
  async loadText(p: string): Promise<string> {
    return decodeUtf8(await this.load(p), p);
  }

  /**
   * A child loader rooted at `p` (relative to this root): a base or component directory.
   * @throws KustomizeError `FileNotFound` (not a directory), `CycleDetected`, `NotSupported`
   */
  async child(p: string): Promise<Loader> {
    if (p === '') throw new KustomizeError('FileNotFound', 'new root cannot be empty');
    if (isRemote(p)) {
      if (!this.opts.remote?.loadDirectory) {
        throw new KustomizeError(
          'NotSupported',
          `remote resource '${p}' cannot be loaded: no remote loader configured (offline build)`,
        );
      }
      const r = await this.opts.remote.loadDirectory(p, { signal: this.opts.signal });
      const root = await confirmDir(r.fs, r.path);
      return new Loader(root, { ...this.opts, restrictor: LoadRestrictor.RootOnly }, this, r.fs);
    }
    if (path.posix.isAbsolute(p)) {
      throw new KustomizeError('FileNotFound', `new root '${p}' cannot be absolute`);
    }
    let root: string;
    try {
      root = await confirmDir(this.fsys, path.posix.join(this.root, p));
    } catch (e) {
      if (e instanceof KustomizeError) {
        throw new KustomizeError(e.code, `must build at directory: ${e.message}`, {
          data: e.data,
          cause: e.cause,
        });
      }
      throw e;
    }
    this.errIfArgEqualOrHigher(root);
    return new Loader(root, this.opts, this, this.fsys);
  }

  private errIfArgEqualOrHigher(candidate: string): void {
    if (hasPrefix(this.root, candidate)) {
      throw new KustomizeError(
        'CycleDetected',
        `cycle detected: candidate root '${candidate}' contains visited root '${this.root}'`,
        { data: { file: candidate } },
      );
    }
    this.referrer?.errIfArgEqualOrHigher(candidate);
  }
}

/** kustomize `ConfirmedDir.HasPrefix`. */
export function hasPrefix(d: string, prefix: string): boolean {
  if (prefix === '/' || prefix === d) return true;
  return d.startsWith(`${prefix}/`);
}

async function cleanedAbs(fsys: KustomizeFileSystem, p: string, given = p): Promise<[string, string]> {
  let real: string;
  try {
    real = await fsys.realpath(p);
  } catch (e) {
    throw new KustomizeError('FileNotFound', `evalsymlink failure on '${given}' : ${goFsMessage(e, p)}`, {
      data: { file: p },
      cause: e,
    });
  }
  let info: Awaited<ReturnType<KustomizeFileSystem['stat']>>;
  try {
    info = await fsys.stat(real);
  } catch (e) {
    throw new KustomizeError('FileNotFound', `evalsymlink failure on '${given}' : ${goFsMessage(e, p)}`, {
      data: { file: p },
      cause: e,
    });
  }
  if (info.isDirectory) return [real, ''];
  return [path.posix.dirname(real), path.posix.basename(real)];
}

/** kustomize `ConfirmDir`. */
async function confirmDir(fsys: KustomizeFileSystem, p: string, given = p): Promise<string> {
  let d: string;
  let f: string;
  try {
    [d, f] = await cleanedAbs(fsys, p, given);
  } catch (e) {
    if (e instanceof KustomizeError) {
      throw new KustomizeError(e.code, `not a valid directory: ${e.message}`, {
        data: e.data,
        cause: e.cause,
      });
    }
    throw e;
  }
  if (f !== '')
    throw new KustomizeError('FileNotFound', `'${given}': file is not directory`, { data: { file: p } });
  return d;
}

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

/** Decodes UTF-8, rejecting invalid sequences as go-yaml's reader does. */
export function decodeUtf8(bytes: Uint8Array, file: string): string {
  try {
    return utf8.decode(bytes);
  } catch {
    throw new KustomizeError('MalformedYaml', `yaml: invalid leading UTF-8 octet in File: ${file}`, {
      data: { file },
    });
  }
}
