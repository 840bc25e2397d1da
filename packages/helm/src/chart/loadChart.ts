import * as nodeFs from 'node:fs/promises';
import * as nodePath from 'node:path';
import { throwIfAborted } from '@gitops-kit/core/errors';
import { goString } from '@gitops-kit/template';
import { HelmError } from '../errors.js';
import { decodeYamlMap, GoYamlError } from '../values/goYaml.js';
import { type ArchiveLimits, defaultArchiveLimits, isGzip, readChartArchive, trimBom } from './archive.js';
import { decodeChartLock, decodeChartMetadata } from './chartfile.js';
import { HelmignoreError, isIgnored, parseHelmignore } from './helmignore.js';
import { type Chart, type ChartFile, type ChartMetadata, setDependencies } from './types.js';
import { validateMetadata } from './validateMetadata.js';

/**
 * The file-system calls chart loading needs (a subset of `node:fs/promises`), injectable for tests
 * and virtual file systems.
 */
export interface ChartFs {
  lstat(path: string): Promise<ChartFileType>;
  stat(path: string): Promise<{ isDirectory(): boolean; isFile(): boolean }>;
  readdir(path: string): Promise<string[]>;
  /**
   * Optional: a directory's entries with their types, like `readdir(path, { withFileTypes: true })`
   * (Node's `Dirent`), which saves an `lstat` per file. Without it, each entry is `lstat`ed.
   */
  readdirTypes?(path: string): Promise<Array<ChartFileType & { name: string }>>;
  readFile(path: string): Promise<Uint8Array>;
  realpath(path: string): Promise<string>;
}

/** What chart loading asks of a directory entry (Node's `Stats` and `Dirent` have it). */
export interface ChartFileType {
  isDirectory(): boolean;
  isFile(): boolean;
  isSymbolicLink(): boolean;
}

/** Bounds of chart loading (see {@link defaultLoadLimits}). */
export interface LoadLimits extends ArchiveLimits {
  /** Maximum number of charts in the tree (the chart and all nested subcharts). */
  maxCharts: number;
  /** Maximum nesting of subcharts (`charts/a/charts/b/...`). */
  maxDepth: number;
  /** Maximum number of files read from a chart directory (symlink loops end here). */
  maxDirFiles: number;
}

/** Default {@link LoadLimits}: 128 MiB per archive, 100,000 archive entries, 1,000 charts, depth 30, 100,000 files. */
export const defaultLoadLimits: LoadLimits = {
  ...defaultArchiveLimits,
  maxBytes: 128 * 1024 * 1024,
  maxCharts: 1000,
  maxDepth: 30,
  maxDirFiles: 100_000,
};

/** Options of {@link loadChart}. */
export interface LoadChartOptions {
  /** A chart directory or a `.tgz` archive. */
  path: string;
  /** File system; default `node:fs/promises`. */
  fs?: ChartFs;
  /** Bounds; default {@link defaultLoadLimits}. */
  limits?: Partial<LoadLimits>;
  /** Warnings Helm would log (e.g. `requirements.yaml` in a v2 chart). Default: dropped. */
  warn?: (message: string) => void;
  signal?: AbortSignal;
}

interface LoadContext {
  limits: LoadLimits;
  charts: number;
  warn: (message: string) => void;
  signal?: AbortSignal;
}

const defaultFs: ChartFs = {
  lstat: (p) => nodeFs.lstat(p),
  stat: (p) => nodeFs.stat(p),
  readdir: (p) => nodeFs.readdir(p),
  readdirTypes: (p) => nodeFs.readdir(p, { withFileTypes: true }),
  readFile: (p) => nodeFs.readFile(p),
  realpath: (p) => nodeFs.realpath(p),
};

/**
 * Loads a chart from a directory (honouring `.helmignore`) or a `.tgz` archive, with its subcharts
 * from `charts/` (directories or archives), validating `Chart.yaml` as Helm does.
 *
 * @throws {@link HelmError} `ChartNotFound`, `InvalidChart` (`Chart.yaml file is missing`,
 *   `validation: ...`, `cannot load values.yaml: ...`, `error unpacking subchart ...`), `InvalidArchive`,
 *   `LimitExceeded`.
 * @see https://github.com/helm/helm/blob/v3.17.2/pkg/chart/loader/load.go
 * @example
 * ```ts
 * const chart = await loadChart({ path: './charts/podinfo' });
 * console.log(chart.metadata.name, chart.dependencies.map((d) => d.metadata.name));
 * ```
 */
export async function loadChart(options: LoadChartOptions): Promise<Chart> {
  const fs = options.fs ?? defaultFs;
  const limits: LoadLimits = { ...defaultLoadLimits, ...options.limits };
  const ctx: LoadContext = { limits, charts: 0, warn: options.warn ?? (() => {}), signal: options.signal };
  throwIfAborted(options.signal);
  const name = options.path.trim();
  let isDir: boolean;
  try {
    isDir = (await fs.stat(name)).isDirectory();
  } catch {
    throw new HelmError('ChartNotFound', `path ${JSON.stringify(name)} not found`, { data: { file: name } });
  }
  if (isDir) return loadFilesInner(await readChartDir(fs, name, ctx), ctx, 0);
  const data = await fs.readFile(name);
  if (!isGzip(data)) {
    if (name.endsWith('.yml') || name.endsWith('.yaml')) {
      throw new HelmError(
        'InvalidArchive',
        `file '${name}' seems to be a YAML file, but expected a gzipped archive`,
      );
    }
    throw new HelmError(
      'InvalidArchive',
      `file '${name}' does not appear to be a gzipped archive; got '${detectContentType(data)}'`,
    );
  }
  let files: ChartFile[];
  try {
    files = await readChartArchive(data, name, limits);
  } catch (e) {
    if (e instanceof HelmError && e.message === 'gzip: invalid header') {
      throw new HelmError(
        'InvalidArchive',
        `file '${name}' does not appear to be a valid chart file (details: gzip: invalid header)`,
      );
    }
    throw e;
  }
  return loadFilesInner(files, ctx, 0);
}

/**
 * Go's `http.DetectContentType` as Helm's `ensureArchive` calls it on the first 512 bytes, for what a
 * chart archive that is not gzip usually is: a zip, binary, or text (the other signatures it knows,
 * HTML, images, PDF, …, are not told apart here).
 *
 * @see https://github.com/helm/helm/blob/v3.17.2/pkg/chart/loader/archive.go (ensureArchive)
 */
function detectContentType(data: Uint8Array): string {
  // Helm sniffs a 512-byte buffer it read the file into: a shorter file leaves zero bytes there,
  // which make it binary (an empty file too).
  const head = new Uint8Array(512);
  head.set(data.subarray(0, 512));
  if (head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04) return 'application/zip';
  for (const b of head)
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0c && b !== 0x0d && b !== 0x1b)
      return 'application/octet-stream';
  return 'text/plain; charset=utf-8';
}

/** Walks a chart directory like Helm's `LoadDir` (sorted, symlinks followed, `.helmignore` applied). */
async function readChartDir(fs: ChartFs, dir: string, ctx: LoadContext): Promise<ChartFile[]> {
  let rules = parseHelmignore('', true);
  const ignoreFile = nodePath.join(dir, '.helmignore');
  let ignoreText: string | undefined;
  try {
    ignoreText = Buffer.from(await fs.readFile(ignoreFile)).toString('utf8');
  } catch {
    ignoreText = undefined;
  }
  if (ignoreText !== undefined) {
    try {
      rules = parseHelmignore(ignoreText, true);
    } catch (e) {
      if (e instanceof HelmignoreError)
        throw new HelmError('InvalidChart', e.message, { data: { file: '.helmignore' } });
      throw e;
    }
  }
  const files: ChartFile[] = [];
  const walk = async (abs: string, rel: string, depth: number): Promise<void> => {
    throwIfAborted(ctx.signal);
    if (depth > 64) {
      throw new HelmError('LimitExceeded', `${rel}: directory nesting deeper than 64 (symbolic link loop?)`, {
        data: { file: rel },
      });
    }
    const entries = fs.readdirTypes
      ? (await fs.readdirTypes(abs)).sort((a, b) => compareBytes(a.name, b.name))
      : (await fs.readdir(abs)).sort(compareBytes);
    for (const entry of entries) {
      const name = typeof entry === 'string' ? entry : entry.name;
      const childAbs = nodePath.join(abs, name);
      const childRel = rel === '' ? name : `${rel}/${name}`;
      let st: ChartFileType = typeof entry === 'string' ? await fs.lstat(childAbs) : entry;
      if (st.isSymbolicLink()) {
        let resolved: string;
        try {
          resolved = await fs.realpath(childAbs);
        } catch (e) {
          const loop = (e as NodeJS.ErrnoException).code === 'ELOOP';
          throw new HelmError(
            'InvalidChart',
            `error evaluating symlink ${childAbs}: ${loop ? 'EvalSymlinks: too many links' : (e as Error).message}`,
            { cause: e },
          );
        }
        // Helm logs every symbolic link it follows (internal/sympath/walk.go), ignored ones too.
        ctx.warn(
          `walk.go:75: found symbolic link in path: ${nodePath.resolve(childAbs)} resolves to ${resolved}. Contents of linked file included and used`,
        );
        st = await fs.lstat(resolved);
      }
      if (st.isDirectory()) {
        if (isIgnored(rules, childRel, true)) continue;
        await walk(childAbs, childRel, depth + 1);
        continue;
      }
      if (isIgnored(rules, childRel, false)) continue;
      if (!st.isFile()) {
        throw new HelmError(
          'InvalidChart',
          `cannot load irregular file ${childAbs} as it has file mode type bits set`,
        );
      }
      if (files.length >= ctx.limits.maxDirFiles) {
        throw new HelmError('LimitExceeded', `${dir}: more than ${ctx.limits.maxDirFiles} files`, {
          data: { file: dir },
        });
      }
      files.push({ name: childRel, data: trimBom(await fs.readFile(childAbs)) });
    }
  };
  await walk(dir, '', 0);
  return files;
}

function compareBytes(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function loadError(file: string, e: unknown): HelmError {
  const msg = e instanceof GoYamlError ? e.message : (e as Error).message;
  return new HelmError('InvalidChart', `cannot load ${file}: ${msg}`, { cause: e, data: { file } });
}

function text(f: ChartFile): string {
  return goString(f.data);
}

/** Options of {@link loadChartFiles}. */
export interface LoadChartFilesOptions {
  limits?: Partial<LoadLimits>;
  warn?: (message: string) => void;
  signal?: AbortSignal;
}

/**
 * Builds a {@link Chart} from in-memory files (paths relative to the chart root), like Helm's
 * `loader.LoadFiles`, recursing into `charts/`.
 *
 * @throws {@link HelmError} as {@link loadChart}.
 */
export async function loadChartFiles(
  files: ChartFile[],
  options: LoadChartFilesOptions = {},
): Promise<Chart> {
  const ctx: LoadContext = {
    limits: { ...defaultLoadLimits, ...options.limits },
    charts: 0,
    warn: options.warn ?? (() => {}),
    signal: options.signal,
  };
  return loadFilesInner(files, ctx, 0);
}

async function loadFilesInner(files: ChartFile[], ctx: LoadContext, depth: number): Promise<Chart> {
  throwIfAborted(ctx.signal);
  ctx.charts++;
  if (ctx.charts > ctx.limits.maxCharts) {
    throw new HelmError('LimitExceeded', `chart tree has more than ${ctx.limits.maxCharts} charts`, {
      data: { maxCharts: ctx.limits.maxCharts },
    });
  }
  if (depth > ctx.limits.maxDepth) {
    throw new HelmError('LimitExceeded', `subcharts nested deeper than ${ctx.limits.maxDepth}`, {
      data: { maxDepth: ctx.limits.maxDepth },
    });
  }
  let metadata: Partial<ChartMetadata> | undefined;
  const chart: Chart = {
    metadata: undefined as unknown as ChartMetadata,
    templates: [],
    values: {},
    files: [],
    raw: [],
    dependencies: [],
  };
  for (const f of files) {
    chart.raw.push(f);
    if (f.name === 'Chart.yaml') {
      metadata ??= {};
      try {
        decodeChartMetadata(text(f), metadata);
      } catch (e) {
        throw loadError('Chart.yaml', e);
      }
      if (!metadata.apiVersion) metadata.apiVersion = 'v1';
    }
  }
  const subcharts = new Map<string, ChartFile[]>();
  for (const f of files) {
    const n = f.name;
    if (n === 'Chart.yaml') continue;
    if (n === 'Chart.lock') {
      try {
        chart.lock = decodeChartLock(text(f));
      } catch (e) {
        throw loadError('Chart.lock', e);
      }
    } else if (n === 'values.yaml') {
      try {
        chart.values = decodeYamlMap(text(f));
      } catch (e) {
        throw loadError('values.yaml', e);
      }
    } else if (n === 'values.schema.json') {
      chart.schema = f.data;
    } else if (n === 'requirements.yaml') {
      metadata ??= {};
      if (metadata.apiVersion !== 'v1') {
        ctx.warn(
          'Warning: Dependencies are handled in Chart.yaml since apiVersion "v2". We recommend migrating dependencies to Chart.yaml.',
        );
      }
      try {
        decodeChartMetadata(text(f), metadata);
      } catch (e) {
        throw loadError('requirements.yaml', e);
      }
      if (metadata.apiVersion === 'v1') chart.files.push(f);
    } else if (n === 'requirements.lock') {
      try {
        chart.lock = decodeChartLock(text(f));
      } catch (e) {
        throw loadError('requirements.lock', e);
      }
      metadata ??= {};
      if (metadata.apiVersion !== 'v1') {
        ctx.warn(
          'Warning: Dependency locking is handled in Chart.lock since apiVersion "v2". We recommend migrating to Chart.lock.',
        );
      }
      if (metadata.apiVersion === 'v1') chart.files.push(f);
    } else if (n.startsWith('templates/')) {
      chart.templates.push(f);
    } else if (n.startsWith('charts/')) {
      if (nodePath.posix.extname(n) === '.prov') {
        chart.files.push(f);
        continue;
      }
      const fname = n.slice('charts/'.length);
      const cname = fname.split('/')[0]!;
      let list = subcharts.get(cname);
      if (!list) {
        list = [];
        subcharts.set(cname, list);
      }
      list.push({ name: fname, data: f.data });
    } else {
      chart.files.push(f);
    }
  }
  if (metadata === undefined) throw new HelmError('InvalidChart', 'Chart.yaml file is missing');
  const problem = validateMetadata(metadata);
  if (problem)
    throw new HelmError('InvalidChart', problem, { data: { file: 'Chart.yaml', name: metadata.name } });
  chart.metadata = metadata as ChartMetadata;

  const children: Chart[] = [];
  // Helm iterates a Go map here (random order); sorted names make the result deterministic.
  for (const n of [...subcharts.keys()].sort(compareBytes)) {
    const list = subcharts.get(n)!;
    if (n.startsWith('_') || n.startsWith('.')) continue;
    let sc: Chart;
    try {
      if (nodePath.posix.extname(n) === '.tgz') {
        const file = list[0]!;
        if (file.name !== n) {
          throw new HelmError(
            'InvalidChart',
            `error unpacking subchart tar in ${chart.metadata.name}: expected ${n}, got ${file.name}`,
          );
        }
        sc = await loadFilesInner(
          await readChartArchive(file.data, `charts/${n}`, ctx.limits),
          ctx,
          depth + 1,
        );
      } else {
        const buff: ChartFile[] = [];
        for (const f of list) {
          const i = f.name.indexOf('/');
          if (i < 0) continue;
          buff.push({ name: f.name.slice(i + 1), data: f.data });
        }
        sc = await loadFilesInner(buff, ctx, depth + 1);
      }
    } catch (e) {
      if (
        e instanceof HelmError &&
        (e.code === 'LimitExceeded' || e.message.startsWith('error unpacking subchart tar'))
      ) {
        throw e;
      }
      const msg = (e as Error).message;
      throw new HelmError(
        e instanceof HelmError ? e.code : 'InvalidChart',
        `error unpacking subchart ${n} in ${chart.metadata.name}: ${msg}`,
        { cause: e, data: { file: `charts/${n}` } },
      );
    }
    children.push(sc);
  }
  setDependencies(chart, children);
  return chart;
}
