import { createReadStream, promises as fs } from 'node:fs';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import { pack as tarPack } from 'tar-stream';
import { SourceError } from '../errors.js';
import type { IgnoreFilter } from '../ignore/sourceignore.js';

/** Mode of every directory in an artifact (fluxcd/pkg `DefaultDirMode`). */
export const DefaultDirMode = 0o750;
/** Mode of a regular file without any exec bit (`DefaultFileMode`). */
export const DefaultFileMode = 0o600;
/** Mode of a regular file with any exec bit (`DefaultExeFileMode`). */
export const DefaultExeFileMode = 0o700;

/** Options of {@link packDirectory}. */
export interface PackDirectoryOptions {
  /** The directory to archive. */
  dir: string;
  /** Excludes a path (relative, `/`-separated); an excluded directory is not descended. Default: nothing excluded. */
  filter?: IgnoreFilter;
  /** gzip level 0-9. Default {@link packDirectoryDefaults}.gzipLevel (6, zlib's and Go's default). */
  gzipLevel?: number;
  signal?: AbortSignal;
}

/** Defaults of {@link PackDirectoryOptions}. */
export const packDirectoryDefaults = {
  /** zlib level 6. */
  gzipLevel: 6,
} as const;

/** One entry of an artifact tarball, in archive order. */
export interface PackEntry {
  /** `.` for the root, else the relative `/`-separated path (directories without a trailing slash). */
  name: string;
  type: 'directory' | 'file';
  /** Absolute path on disk. */
  abs: string;
}

const byteOrder = (a: string, b: string) => Buffer.compare(Buffer.from(a), Buffer.from(b));

/**
 * Lists what {@link packDirectory} archives, in archive order: the root `.`, then a depth-first
 * walk with each directory's entries in byte order (Go's `filepath.Walk`). Only regular files and
 * directories; symlinks, sockets and devices are dropped silently, as Flux does.
 */
export async function listPackEntries(
  options: Omit<PackDirectoryOptions, 'gzipLevel'>,
): Promise<PackEntry[]> {
  const st = await fs.stat(options.dir).catch(() => undefined);
  if (!st?.isDirectory()) {
    throw new SourceError('InvalidArgument', `invalid dir path: ${options.dir}`, {
      data: { file: options.dir },
    });
  }
  const out: PackEntry[] = [{ name: '.', type: 'directory', abs: options.dir }];
  const walk = async (rel: string, abs: string): Promise<void> => {
    options.signal?.throwIfAborted();
    const entries = await fs.readdir(abs, { withFileTypes: true });
    entries.sort((a, b) => byteOrder(a.name, b.name));
    for (const e of entries) {
      const name = rel ? `${rel}/${e.name}` : e.name;
      const isDir = e.isDirectory();
      if (!isDir && !e.isFile()) continue;
      if (options.filter?.(name, isDir)) continue;
      const childAbs = join(abs, e.name);
      out.push({ name, type: isDir ? 'directory' : 'file', abs: childAbs });
      if (isDir) await walk(name, childAbs);
    }
  };
  await walk('', options.dir);
  return out;
}

const EPOCH = new Date(0);
/** Files up to this size are read in one call instead of streamed. */
const SMALL_FILE_BYTES = 1024 * 1024;

/**
 * Packs a directory into a deterministic `tar.gz` stream, as fluxcd/pkg `Storage.Archive` does: the
 * same tree always gives the same bytes. Entries in {@link listPackEntries} order; uid/gid 0, empty
 * uname/gname, mtime 0; modes {@link DefaultDirMode}, {@link DefaultFileMode} or
 * {@link DefaultExeFileMode}. The bytes differ from Flux's (Go's tar and gzip encoders), so digests
 * are comparable only between GitOps Kit artifacts.
 *
 * @returns a readable gzip stream; it errors with the cause when a file cannot be read.
 * @see https://github.com/fluxcd/pkg/blob/main/artifact/storage/archive.go
 */
export function packDirectory(options: PackDirectoryOptions): Readable {
  const pack = tarPack();
  const gzip = createGzip({ level: options.gzipLevel ?? packDirectoryDefaults.gzipLevel });
  pack.pipe(gzip);
  pack.on('error', (e: Error) => gzip.destroy(e));
  const addEntry = (header: Parameters<typeof pack.entry>[0], source?: Readable, data?: Buffer) =>
    new Promise<void>((resolve, reject) => {
      const done = (err?: Error | null) => (err ? reject(err) : resolve());
      if (!source) {
        pack.entry(header, data ?? Buffer.alloc(0), done);
        return;
      }
      pipeline(source, pack.entry(header, done)).catch(reject);
    });
  (async () => {
    const entries = await listPackEntries(options);
    for (const e of entries) {
      options.signal?.throwIfAborted();
      const common = { name: e.name, uid: 0, gid: 0, uname: '', gname: '', mtime: EPOCH };
      if (e.type === 'directory') {
        await addEntry({ ...common, type: 'directory', mode: DefaultDirMode });
        continue;
      }
      const st = await fs.stat(e.abs);
      const mode = st.mode & 0o111 ? DefaultExeFileMode : DefaultFileMode;
      if (st.size <= SMALL_FILE_BYTES) {
        // Small files (most of a manifest repository): one read, no stream machinery.
        const data = await fs.readFile(e.abs);
        await addEntry({ ...common, type: 'file', mode, size: data.byteLength }, undefined, data);
        continue;
      }
      await addEntry({ ...common, type: 'file', mode, size: st.size }, createReadStream(e.abs));
    }
    pack.finalize();
  })().catch((err: unknown) => {
    gzip.destroy(err instanceof Error ? err : new Error(String(err)));
    pack.destroy();
  });
  return gzip;
}
