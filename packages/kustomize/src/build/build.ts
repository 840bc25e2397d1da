/**
 * `build()`: `kustomize build` in TypeScript, producing the same resources, in the same order, that
 * `kubectl kustomize` (kustomize v5.5.0) prints, and {@link ResourceList.toYaml} giving the same bytes.
 *
 * @see https://github.com/kubernetes-sigs/kustomize/blob/api/v0.18.0/api/krusty/kustomizer.go
 */
import * as path from 'node:path';
import { KustomizeError } from '../errors/KustomizeError.js';
import { EncodeError, jsonRoundTrip, resourceToYaml, toGoValue } from '../yaml/emit.js';
import type { YNode } from '../yaml/node.js';
import type { GoValue } from '../yaml/resolve.js';
import { BuildContext } from './context.js';
import type { HelmChartInflater } from './helmChart.js';
import { type KustomizeFileSystem, nodeFileSystem, nodeSyncFileSystem } from './fs.js';
import { DEFAULT_MAX_FILE_BYTES, LoadRestrictor, Loader, type RemoteLoader } from './loader.js';
import type { ResMap } from './resmap.js';
import { ANN_ORIGIN, ANN_TRANSFORMATIONS } from './resource.js';
import { KustTarget } from './target.js';
import { transformManagedBy, transformSort } from './transformers.js';

/** Options of {@link build}. */
export interface BuildOptions {
  /** Directory holding the kustomization. With the default file system a relative path is resolved against the working directory. */
  path: string;
  /**
   * File system to read; default {@link nodeFileSystem}. With it or {@link nodeSyncFileSystem} a
   * relative path is resolved against the working directory; on other file systems paths must be absolute.
   */
  fs?: KustomizeFileSystem;
  /** Load restriction; default `LoadRestrictionsRootOnly`. */
  loadRestrictor?: LoadRestrictor;
  /** `--enable-helm`: without it `helmCharts` fail as in kustomize. Default `false`. */
  enableHelm?: boolean;
  /**
   * Renders `helmCharts` when `enableHelm` is on (kustomize runs `helm template`): pass
   * `kustomizeHelmChartInflater()` from `@gitops-kit/helm`. Without it `helmCharts` fail `NotSupported`.
   */
  helmChartInflater?: HelmChartInflater;
  /** Resolves remote (URL, git) resources; without it they are refused. */
  remote?: RemoteLoader;
  /** Largest file read, in bytes; default 64 MiB. */
  maxFileBytes?: number;
  /** Aborts the build. */
  signal?: AbortSignal;
}

/** Defaults of {@link BuildOptions}. */
export const buildDefaults = {
  loadRestrictor: LoadRestrictor.RootOnly,
  enableHelm: false,
  maxFileBytes: DEFAULT_MAX_FILE_BYTES,
} as const;

/** One built resource. */
export interface BuiltResource {
  readonly apiVersion: string;
  readonly kind: string;
  readonly name: string;
  readonly namespace: string;
  /** The node tree (go-yaml v3 model). */
  readonly node: YNode;
  /** The resource as a plain object (as `JSON.parse` of kustomize's JSON would give, big integers as strings). */
  toObject(): Record<string, unknown>;
  /** This resource's YAML exactly as kustomize prints it. */
  toYaml(): string;
}

/** The result of a build. */
export interface ResourceList {
  /** Resources in output order. */
  readonly resources: readonly BuiltResource[];
  /** Warnings kustomize would print on stderr (deprecated fields, unused vars). */
  readonly warnings: readonly string[];
  /** The whole stream, byte-identical to `kubectl kustomize`: documents joined with `---\n`. */
  toYaml(): string;
}

function goToPlain(v: GoValue): unknown {
  if (v === null || typeof v === 'boolean' || typeof v === 'string') return v;
  if (Array.isArray(v)) return v.map(goToPlain);
  switch (v.t) {
    case 'int':
      return v.big !== undefined ? v.big.toString() : v.n;
    case 'float':
      return v.f;
    case 'time':
      return v.rfc3339;
    case 'map': {
      const o: Record<string, unknown> = {};
      for (let i = 0; i < v.keys.length; i++) o[v.keys[i]!] = goToPlain(v.values[i]!);
      return o;
    }
  }
}

function encodeError(e: unknown): never {
  if (e instanceof EncodeError) throw new KustomizeError('InvalidResource', e.message);
  throw e;
}

function makeList(m: ResMap, warnings: string[]): ResourceList {
  const resources: BuiltResource[] = m.list.map((r) => {
    const node = r.node;
    let yamlCache: string | undefined;
    return {
      apiVersion: r.apiVersion,
      kind: r.kind,
      name: r.name,
      namespace: r.namespace,
      node,
      toObject() {
        try {
          return goToPlain(jsonRoundTrip(toGoValue(node, true))) as Record<string, unknown>;
        } catch (e) {
          encodeError(e);
        }
      },
      toYaml() {
        if (yamlCache === undefined) {
          try {
            yamlCache = resourceToYaml(node);
          } catch (e) {
            encodeError(e);
          }
        }
        return yamlCache;
      },
    };
  });
  return {
    resources,
    warnings,
    toYaml() {
      const parts: string[] = [];
      resources.forEach((r, i) => {
        if (i > 0) parts.push('---\n');
        parts.push(r.toYaml());
      });
      return parts.join('');
    },
  };
}

/**
 * Builds a kustomization directory as `kubectl kustomize` (kustomize v5.5.0) does.
 *
 * @returns the resources in kustomize's output order; `toYaml()` gives the exact output stream.
 * @throws KustomizeError `MissingKustomization`, `InvalidKustomization`, `MalformedYaml`,
 *   `FileNotFound`, `LoadRestriction`, `CycleDetected`, `InvalidResource`, `InvalidGenerator`,
 *   `PatchFailed`, `TransformFailed`, `ReplacementFailed`, `InvalidVar`, `HelmNotEnabled`,
 *   `NotSupported`, `LimitExceeded`, `Aborted`
 * @see https://kubectl.docs.kubernetes.io/references/kustomize/kustomization/
 * @example
 * ```ts
 * import { build } from '@gitops-kit/kustomize';
 * const list = await build({ path: './overlays/prod' });
 * process.stdout.write(list.toYaml());
 * ```
 */
export async function build(options: BuildOptions): Promise<ResourceList> {
  const fs = options.fs ?? nodeFileSystem;
  const onDisk = fs === nodeFileSystem || fs === nodeSyncFileSystem;
  const dir = !onDisk
    ? path.posix.resolve('/', options.path)
    : path.resolve(options.path).split(path.sep).join('/');
  const restrictor = options.loadRestrictor ?? buildDefaults.loadRestrictor;
  if (restrictor !== LoadRestrictor.RootOnly && restrictor !== LoadRestrictor.None) {
    throw new KustomizeError('InvalidKustomization', `illegal load restrictor '${String(restrictor)}'`);
  }
  const ctx = new BuildContext(options.signal);
  ctx.checkAborted();
  let ldr: Loader;
  try {
    // kustomize quotes the build path as it was given ('overlays/prod'), not resolved.
    ldr = await Loader.create(
      dir,
      {
        fs,
        restrictor,
        maxFileBytes: options.maxFileBytes ?? buildDefaults.maxFileBytes,
        remote: options.remote,
        signal: options.signal,
      },
      onDisk ? options.path : dir,
    );
  } catch (e) {
    if (e instanceof KustomizeError) {
      throw new KustomizeError(e.code, `must build at directory: ${e.message}`, {
        data: e.data,
        cause: e.cause,
      });
    }
    throw e;
  }
  const kt = new KustTarget(ctx, ldr, {
    enableHelm: options.enableHelm ?? false,
    ...(options.helmChartInflater ? { helmChartInflater: options.helmChartInflater } : {}),
  });
  try {
    await kt.load();
    await kt.applyOpenApi(true);
    const m = await kt.makeCustomizedResMap();
    // applySortOrder
    if (kt.kustomization.sortOptions) transformSort(m, kt.kustomization.sortOptions);
    else transformSort(m, { order: 'legacy' });
    const bm = kt.kustomization.buildMetadata ?? [];
    if (bm.includes('managedByLabel')) transformManagedBy(m);
    for (const r of m.list) r.removeBuildAnnotations();
    if (!bm.includes('originAnnotations')) {
      for (const r of m.list) {
        const a = r.annotations();
        a.delete(ANN_ORIGIN);
        r.setAnnotations(a);
      }
    }
    if (!bm.includes('transformerAnnotations')) {
      for (const r of m.list) {
        const a = r.annotations();
        a.delete(ANN_TRANSFORMATIONS);
        r.setAnnotations(a);
      }
    }
    return makeList(m, ctx.warnings);
  } catch (e) {
    if (e instanceof RangeError) {
      throw new KustomizeError('LimitExceeded', 'input too deeply nested', { cause: e });
    }
    throw e;
  }
}
