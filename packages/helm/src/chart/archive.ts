import { lazyRequire } from '../lazyRequire.js';
import { HelmError } from '../errors.js';
import type { ChartFile } from './types.js';

const tarStream = lazyRequire<typeof import('tar-stream')>('tar-stream');
/** `node:zlib` (and the stream modules it loads) only for archives. */
const zlib = lazyRequire<typeof import('node:zlib')>('node:zlib');

/**
 * Reading a chart archive (`.tgz`) the way Helm's `loader.LoadArchiveFiles` does, in memory and
 * bounded: the first path segment (the chart directory) is dropped, directories and PAX headers are
 * skipped, absolute paths, `..` and drive letters are rejected with Helm's messages, a UTF-8 BOM is
 * removed. Decompression stops at `maxBytes` and the number of entries at `maxFiles`
 * (`LimitExceeded`), so a decompression bomb costs at most `maxBytes` of memory.
 *
 * @see https://github.com/helm/helm/blob/v3.17.2/pkg/chart/loader/archive.go
 */

/** Bounds of archive reading. */
export interface ArchiveLimits {
  /** Maximum decompressed size of one archive, in bytes. */
  maxBytes: number;
  /** Maximum number of entries in one archive. */
  maxFiles: number;
}

/** Default {@link ArchiveLimits}: 256 MiB, 100,000 entries. */
export const defaultArchiveLimits: ArchiveLimits = { maxBytes: 256 * 1024 * 1024, maxFiles: 100_000 };

const BOM = [0xef, 0xbb, 0xbf];

/** Removes a leading UTF-8 byte order mark. */
export function trimBom(data: Uint8Array): Uint8Array {
  return data.length >= 3 && data[0] === BOM[0] && data[1] === BOM[1] && data[2] === BOM[2]
    ? data.subarray(3)
    : data;
}

/** Go's `path.Clean`. */
export function cleanPath(p: string): string {
  if (p === '') return '.';
  const rooted = p.startsWith('/');
  const out: string[] = [];
  for (const seg of p.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') {
      if (out.length > 0 && out[out.length - 1] !== '..') out.pop();
      else if (!rooted) out.push('..');
      continue;
    }
    out.push(seg);
  }
  const s = out.join('/');
  if (rooted) return `/${s}`;
  return s === '' ? '.' : s;
}

/** True when the first bytes are a gzip stream (`\x1f\x8b\x08`). */
export function isGzip(data: Uint8Array): boolean {
  return data.length >= 3 && data[0] === 0x1f && data[1] === 0x8b && data[2] === 0x08;
}

function gunzip(data: Uint8Array, limits: ArchiveLimits, label: string): Buffer {
  try {
    return zlib().gunzipSync(data, { maxOutputLength: limits.maxBytes });
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    if (err.code === 'ERR_BUFFER_TOO_LARGE' || err instanceof RangeError) {
      throw new HelmError('LimitExceeded', `${label}: archive expands beyond ${limits.maxBytes} bytes`, {
        data: { file: label, maxBytes: limits.maxBytes },
      });
    }
    if (err.code === 'Z_DATA_ERROR' && !isGzip(data))
      throw new HelmError('InvalidArchive', 'gzip: invalid header');
    if (err.code === 'Z_BUF_ERROR') throw new HelmError('InvalidArchive', 'unexpected EOF', { cause: e });
    throw new HelmError('InvalidArchive', `gzip: ${err.message}`, { cause: e });
  }
}

/**
 * Reads the files of a gzipped chart archive: names relative to the chart root, in archive order.
 *
 * @param label - how to name the archive in messages.
 * @throws {@link HelmError} `InvalidArchive` (bad gzip/tar, illegal paths), `LimitExceeded`.
 */
export async function readChartArchive(
  data: Uint8Array,
  label: string,
  limits: ArchiveLimits = defaultArchiveLimits,
): Promise<ChartFile[]> {
  const tar = gunzip(data, limits, label);
  const files: ChartFile[] = [];
  let firstError: HelmError | undefined;
  let entries = 0;
  await new Promise<void>((resolve, reject) => {
    const ex = tarStream().extract();
    ex.on('entry', (header, stream, next) => {
      entries++;
      if (entries > limits.maxFiles) {
        firstError ??= new HelmError('LimitExceeded', `${label}: more than ${limits.maxFiles} entries`, {
          data: { file: label, maxFiles: limits.maxFiles },
        });
        ex.destroy();
        resolve();
        return;
      }
      const chunks: Buffer[] = [];
      stream.on('data', (c: unknown) => {
        chunks.push(c as Buffer);
      });
      stream.on('end', () => {
        if (firstError === undefined) {
          try {
            const f = archiveEntry(header.name, header.type ?? 'file', Buffer.concat(chunks));
            if (f) files.push(f);
          } catch (e) {
            firstError = e as HelmError;
          }
        }
        next();
      });
      stream.resume();
    });
    ex.on('finish', () => resolve());
    ex.on('error', (e: Error) =>
      reject(new HelmError('InvalidArchive', `archive/tar: ${e.message}`, { cause: e })),
    );
    ex.end(tar);
  });
  if (firstError) throw firstError;
  if (files.length === 0) throw new HelmError('InvalidArchive', 'no files in chart archive');
  return files;
}

function archiveEntry(rawName: string, type: string, data: Uint8Array): ChartFile | undefined {
  if (type === 'directory' || type === 'pax-header' || type === 'pax-global-header') return undefined;
  const delimiter = rawName.includes('\\') ? '\\' : '/';
  const parts = rawName.split(delimiter);
  let n = parts.slice(1).join(delimiter).replaceAll(delimiter, '/');
  if (n.startsWith('/')) throw new HelmError('InvalidArchive', 'chart illegally contains absolute paths');
  n = cleanPath(n);
  if (n === '.') {
    throw new HelmError(
      'InvalidArchive',
      `chart illegally contains content outside the base directory: ${JSON.stringify(rawName)}`,
    );
  }
  if (n.startsWith('..'))
    throw new HelmError('InvalidArchive', 'chart illegally references parent directory');
  if (/^[a-zA-Z]:\//.test(n)) throw new HelmError('InvalidArchive', 'chart contains illegally named files');
  if (parts[0] === 'Chart.yaml') throw new HelmError('InvalidArchive', 'chart yaml not in base directory');
  return { name: n, data: trimBom(data) };
}
