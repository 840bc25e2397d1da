import { createReadStream, createWriteStream, promises as fs } from 'node:fs';
import { basename, dirname, join, posix, resolve } from 'node:path';
import { type Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import { type Header, extract as tarExtract } from 'tar-stream';
import { SourceError } from '../errors.js';

/** Options of {@link extractArtifact}. */
export interface ExtractArtifactOptions {
  /** The `tar.gz` file to read; or give `source`. */
  file?: string;
  /** A `tar.gz` byte stream, instead of `file`. */
  source?: Readable | AsyncIterable<Uint8Array>;
  /** Target directory; must not exist or be an empty directory. */
  dir: string;
  /** Bound on the uncompressed size of all entries, bytes. Default {@link extractArtifactDefaults}.maxBytes (100 MiB, fluxcd/pkg `DefaultMaxUntarSize`). */
  maxBytes?: number;
  /** Bound on the number of entries. Default {@link extractArtifactDefaults}.maxFiles. */
  maxFiles?: number;
  /**
   * Symlink entries: `'reject'` any (Flux's untar does), or `'within'` (default) to keep those that
   * resolve inside the target and refuse the rest.
   */
  symlinks?: 'reject' | 'within';
  signal?: AbortSignal;
}

/** Defaults of {@link ExtractArtifactOptions}. */
export const extractArtifactDefaults = {
  maxBytes: 100 * 1024 * 1024,
  maxFiles: 100_000,
  symlinks: 'within',
} as const;

/** What {@link extractArtifact} wrote. */
export interface ExtractResult {
  /** Absolute target directory. */
  dir: string;
  /** Regular files written. */
  files: number;
  /** Uncompressed bytes written. */
  bytes: number;
}

const unsafe = (name: string, why: string) =>
  new SourceError('UnsafeArchiveEntry', `tar entry '${name}' ${why}`, { data: { file: name } });

/**
 * Normalises an entry name to a relative `/`-separated path, or throws when it is absolute,
 * contains `..` or a backslash. Returns `''` for the root (`.` / `./`).
 */
export function safeEntryName(name: string): string {
  if (name === '' || name.includes('\0')) throw unsafe(name, 'has an empty or invalid name');
  if (name.includes('\\')) throw unsafe(name, 'contains a backslash');
  if (name.startsWith('/') || /^[A-Za-z]:/.test(name)) throw unsafe(name, 'has an absolute path');
  const parts = name.split('/');
  if (parts.includes('..')) throw unsafe(name, "contains '..'");
  return parts.filter((p) => p !== '' && p !== '.').join('/');
}

/**
 * Resolves `path` (relative to the root, `/`-separated) through the archive's own symlinks, as the
 * kernel would after extraction. Returns `undefined` when it leaves the root.
 */
function resolveInside(path: string, links: Map<string, string>, depth = 0): string | undefined {
  if (depth > 40) return undefined;
  const out: string[] = [];
  const parts = path.split('/');
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i]!;
    if (p === '' || p === '.') continue;
    if (p === '..') {
      if (!out.length) return undefined;
      out.pop();
      continue;
    }
    out.push(p);
    const target = links.get(out.join('/'));
    if (target !== undefined) {
      if (target.startsWith('/')) return undefined;
      out.pop();
      const resolved = resolveInside([...out, target].join('/'), links, depth + 1);
      if (resolved === undefined) return undefined;
      out.length = 0;
      if (resolved) out.push(...resolved.split('/'));
    }
  }
  return out.join('/');
}

/**
 * Unpacks a `tar.gz` artifact safely: entries that would land outside `dir` (absolute paths, `..`,
 * symlinks pointing out, paths through a symlink), hard links and devices are refused; total size
 * and entry count are bounded. Extraction happens in a staging directory beside `dir` that is
 * renamed into place only when every entry passed, so a refused archive leaves nothing behind.
 *
 * @throws {SourceError} `UnsafeArchiveEntry`, `ArchiveTooLarge`, `InvalidArchive`, `TargetNotEmpty`,
 *   `InvalidArgument` (neither `file` nor `source`), `StorageOperationFailed` (filesystem error).
 * @see https://github.com/fluxcd/pkg/blob/main/tar/untar.go
 * @example
 * ```ts
 * await extractArtifact({ file: 'app.tar.gz', dir: './out' });
 * ```
 */
export async function extractArtifact(options: ExtractArtifactOptions): Promise<ExtractResult> {
  const maxBytes = options.maxBytes ?? extractArtifactDefaults.maxBytes;
  const maxFiles = options.maxFiles ?? extractArtifactDefaults.maxFiles;
  const symlinkPolicy = options.symlinks ?? extractArtifactDefaults.symlinks;
  if (!options.file && !options.source) {
    throw new SourceError('InvalidArgument', 'extractArtifact needs file or source');
  }
  const dir = resolve(options.dir);
  const existing = await fs.lstat(dir).catch(() => undefined);
  if (existing && (!existing.isDirectory() || (await fs.readdir(dir)).length > 0)) {
    throw new SourceError('TargetNotEmpty', `target '${options.dir}' exists and is not an empty directory`, {
      data: { file: options.dir },
    });
  }
  await fs.mkdir(dirname(dir), { recursive: true });
  const staging = await fs.mkdtemp(join(dirname(dir), `.${basename(dir)}.extract-`));

  let bytes = 0;
  let files = 0;
  let entries = 0;
  const links = new Map<string, string>();
  const made = new Set<string>(['']);

  const throughLink = (rel: string) => {
    const parts = rel.split('/');
    for (let i = 1; i < parts.length; i++) {
      if (links.has(parts.slice(0, i).join('/'))) return true;
    }
    return false;
  };

  const ensureParent = async (rel: string) => {
    const parent = posix.dirname(rel);
    if (parent === '.' || made.has(parent)) return;
    await fs.mkdir(join(staging, parent), { recursive: true, mode: 0o750 });
    let p = parent;
    while (p !== '.' && !made.has(p)) {
      made.add(p);
      p = posix.dirname(p);
    }
  };

  const onEntry = async (header: Header, stream: Readable) => {
    entries++;
    if (entries > maxFiles) {
      throw new SourceError('ArchiveTooLarge', `archive has more than ${maxFiles} entries`, {
        data: { file: header.name },
      });
    }
    bytes += header.size ?? 0;
    if (bytes > maxBytes) {
      throw new SourceError(
        'ArchiveTooLarge',
        `tar '${header.name}' is bigger than max archive size of ${maxBytes} bytes`,
        {
          data: { file: header.name },
        },
      );
    }
    const rel = safeEntryName(header.name);
    if (rel && throughLink(rel)) throw unsafe(header.name, 'is below a symlink');
    if (rel && links.has(rel)) throw unsafe(header.name, 'replaces a symlink');
    const abs = rel ? join(staging, rel) : staging;
    switch (header.type) {
      case 'directory': {
        if (rel) {
          const st = await fs.lstat(abs).catch(() => undefined);
          if (st && !st.isDirectory()) throw unsafe(header.name, 'replaces a file with a directory');
          await fs.mkdir(abs, { recursive: true, mode: ((header.mode ?? 0o750) & 0o777) | 0o700 });
          made.add(rel);
        }
        stream.resume();
        return;
      }
      case 'file':
      case 'contiguous-file': {
        if (!rel) throw unsafe(header.name, 'is a file at the archive root');
        await ensureParent(rel);
        const st = await fs.lstat(abs).catch(() => undefined);
        if (st?.isDirectory()) throw unsafe(header.name, 'replaces a directory with a file');
        if (st) await fs.rm(abs);
        await pipeline(stream, createWriteStream(abs, { flags: 'wx', mode: (header.mode ?? 0o600) & 0o777 }));
        files++;
        return;
      }
      case 'symlink': {
        const target = header.linkname ?? '';
        if (symlinkPolicy === 'reject')
          throw unsafe(header.name, 'is a symlink, which is not allowed in this context');
        if (!rel) throw unsafe(header.name, 'is a symlink at the archive root');
        if (target === '' || target.startsWith('/') || target.includes('\\'))
          throw unsafe(header.name, 'is a symlink out of the target');
        const parent = posix.dirname(rel);
        if (resolveInside(parent === '.' ? target : `${parent}/${target}`, links) === undefined) {
          throw unsafe(header.name, 'is a symlink out of the target');
        }
        await ensureParent(rel);
        if (await fs.lstat(abs).catch(() => undefined))
          throw unsafe(header.name, 'replaces an existing entry with a symlink');
        links.set(rel, target);
        await fs.symlink(target, abs);
        stream.resume();
        return;
      }
      default:
        throw unsafe(header.name, `has unsupported type ${header.type ?? 'unknown'}`);
    }
  };

  // Bounds the decompressed stream itself (headers, padding, pax records) so a gzip bomb stops early.
  let raw = 0;
  const rawLimit = maxBytes + (maxFiles + 2) * 1536 + 1024 * 1024;
  const counter = new Transform({
    transform(chunk: Buffer, _enc, cb) {
      raw += chunk.byteLength;
      if (raw > rawLimit) cb(new SourceError('ArchiveTooLarge', `archive expands beyond ${maxBytes} bytes`));
      else cb(null, chunk);
    },
  });

  const extractor = tarExtract();
  let entryError: unknown;
  extractor.on('entry', (header, stream, next) => {
    // When the archive stream fails mid-entry (e.g. a truncated gzip), tar-stream destroys the
    // current entry stream with that error; pipeline() reports it, so only keep it from being uncaught.
    stream.on('error', () => {});
    onEntry(header, stream as unknown as Readable).then(
      () => next(),
      (err: unknown) => {
        entryError ??= err;
        stream.resume();
        extractor.destroy(err instanceof Error ? err : new Error(String(err)));
      },
    );
  });

  try {
    const source = options.source ?? createReadStream(options.file!);
    await pipeline(source, createGunzip(), counter, extractor, { signal: options.signal });
    // A symlink may only be judged once every link is known (a later link can redirect an earlier one).
    for (const rel of links.keys()) {
      if (resolveInside(rel, links) === undefined) throw unsafe(rel, 'is a symlink out of the target');
    }
    if (existing) await fs.rmdir(dir);
    await fs.rename(staging, dir);
    return { dir, files, bytes };
  } catch (e) {
    // Decided before the clean-up: an entry still being written when the archive fails sees its
    // directory removed, and its ENOENT must not replace the archive's error (about 1 run in 2,000).
    const err = entryError ?? e;
    await fs.rm(staging, { recursive: true, force: true }).catch(() => {});
    if (err instanceof SourceError) throw err;
    const code = (err as NodeJS.ErrnoException)?.code;
    if (code === 'ENOENT' && options.file && !(await fs.stat(options.file).catch(() => undefined))) {
      throw new SourceError('ArtifactNotFound', `archive '${options.file}' not found`, {
        data: { file: options.file },
        cause: err,
      });
    }
    if ((err as Error)?.name === 'AbortError') throw err;
    if (
      code?.startsWith?.('Z_') ||
      /tar|header|gzip|unexpected end|incorrect header/i.test((err as Error)?.message ?? '')
    ) {
      throw new SourceError('InvalidArchive', `invalid tar.gz archive: ${(err as Error).message}`, {
        cause: err,
        data: { file: options.file },
      });
    }
    throw new SourceError(
      'StorageOperationFailed',
      `extracting archive failed: ${code ?? (err as Error)?.message}`,
      {
        cause: err,
        data: { file: options.file },
      },
    );
  }
}
