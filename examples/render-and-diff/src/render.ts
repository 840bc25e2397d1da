import { readdir, readFile, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { type KubeObject, formatResourceId, resourceIdOf } from '@gitops-kit/core';
import {
  type Kustomization,
  type KustomizeFileSystem,
  LoadRestrictor,
  build,
  generateKustomization,
  listSourceReader,
  nodeFileSystem,
  postBuildSubstitute,
} from '@gitops-kit/kustomize';
import { parseAllDocuments } from 'yaml';

/** A Flux Kustomization found in the fleet repository, with the cluster directory it belongs to. */
export interface FleetKustomization {
  /** Directory (repository-relative, `/`-separated) of the file that defines it, e.g. `clusters/production`. */
  cluster: string;
  /** Repository-relative file it is defined in. */
  file: string;
  kustomization: Kustomization;
}

/** What {@link discoverFleet} finds: the Kustomizations and the objects that can feed `substituteFrom`. */
export interface Fleet {
  kustomizations: FleetKustomization[];
  /** ConfigMaps and Secrets defined next to the Kustomizations, by cluster directory. */
  substituteSources: Map<string, KubeObject[]>;
}

/** One Kustomization rendered at one ref: its objects by inventory id, or why it did not build. */
export type Rendered = { ok: true; objects: Map<string, KubeObject> } | { ok: false; error: string };

/** Key of a Kustomization across refs: cluster directory + namespace/name. */
export const keyOf = (k: FleetKustomization) =>
  `${k.cluster} Kustomization ${k.kustomization.metadata.namespace ?? 'default'}/${k.kustomization.metadata.name}`;

const isFluxKustomization = (o: KubeObject) =>
  o?.kind === 'Kustomization' &&
  typeof o.apiVersion === 'string' &&
  o.apiVersion.startsWith('kustomize.toolkit.fluxcd.io/');

/** Files worth parsing: YAML that declares a Flux Kustomization, a ConfigMap or a Secret. */
const INTERESTING = /^kind:\s*["']?(Kustomization|ConfigMap|Secret)["']?\s*$/m;

async function* yamlFiles(root: string, dir = ''): AsyncGenerator<string> {
  const entries = await readdir(path.join(root, dir), { withFileTypes: true });
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const e of entries) {
    const rel = dir ? `${dir}/${e.name}` : e.name;
    if (e.isDirectory()) {
      if (e.name !== '.git' && e.name !== 'node_modules') yield* yamlFiles(root, rel);
    } else if (e.isFile() && /\.ya?ml$/.test(e.name)) yield rel;
  }
}

/**
 * Finds every Flux Kustomization (`kustomize.toolkit.fluxcd.io/*`) in a checked-out fleet
 * repository, and the ConfigMaps/Secrets in the same directories (the cluster's
 * `postBuild.substituteFrom` values, e.g. `clusters/production/cluster-config.yaml`).
 *
 * @throws Error naming the file when a file declaring such objects is not valid YAML.
 */
export async function discoverFleet(root: string): Promise<Fleet> {
  const fleet: Fleet = { kustomizations: [], substituteSources: new Map() };
  for await (const file of yamlFiles(root)) {
    const text = await readFile(path.join(root, file), 'utf8');
    if (!INTERESTING.test(text)) continue;
    const docs = parseAllDocuments(text);
    const cluster = path.posix.dirname(file);
    for (const [i, doc] of (Array.isArray(docs) ? docs : [docs]).entries()) {
      if (doc.errors.length > 0) throw new Error(`${file}: document ${i}: ${doc.errors[0]!.message}`);
      const o = doc.toJS() as KubeObject | null;
      if (!o || typeof o !== 'object') continue;
      if (isFluxKustomization(o))
        fleet.kustomizations.push({ cluster, file, kustomization: o as Kustomization });
      else if (o.apiVersion === 'v1' && (o.kind === 'ConfigMap' || o.kind === 'Secret')) {
        const list = fleet.substituteSources.get(cluster) ?? [];
        list.push(o);
        fleet.substituteSources.set(cluster, list);
      }
    }
  }
  return fleet;
}

/** A file system that shows `file` with `content` over the disk (Flux's in-memory build). */
function overlay(file: string, content: string): KustomizeFileSystem {
  const bytes = new TextEncoder().encode(content);
  return {
    readFile: (p) => (p === file ? Promise.resolve(bytes) : nodeFileSystem.readFile(p)),
    stat: (p) =>
      p === file
        ? Promise.resolve({ isDirectory: false, isFile: true, size: bytes.byteLength })
        : nodeFileSystem.stat(p),
    realpath: (p) => (p === file ? Promise.resolve(p) : nodeFileSystem.realpath(p)),
  };
}

/** The ConfigMaps/Secrets visible to a Kustomization defined in `cluster`: its directory and the ones above it. */
function sourcesFor(fleet: Fleet, cluster: string): KubeObject[] {
  const out: KubeObject[] = [];
  for (let dir = cluster; ; dir = path.posix.dirname(dir)) {
    out.push(...(fleet.substituteSources.get(dir) ?? []));
    if (dir === '.' || dir === '/') break;
  }
  return out;
}

/**
 * Renders one Kustomization as kustomize-controller would apply it: the kustomization file in
 * `spec.path` generated or patched from the spec (`targetNamespace`, `namePrefix`, `patches`,
 * `images`, `components`, ...), `kustomize build` with Flux's settings, then post-build
 * substitution with the cluster's variables (strict by default, as the controller).
 */
export async function renderKustomization(
  root: string,
  fleet: Fleet,
  fk: FleetKustomization,
  options: { strict?: boolean; signal?: AbortSignal } = {},
): Promise<Rendered> {
  const ks = fk.kustomization;
  try {
    const rel = ks.spec?.path ?? './';
    const dir = path.resolve(root, rel.replace(/^\/+/, ''));
    if (dir !== root && !dir.startsWith(root + path.sep))
      throw new Error(`spec.path '${rel}' leaves the repository`);
    let real = dir;
    try {
      real = await realpath(dir);
      if (!(await stat(real)).isDirectory()) throw new Error(`spec.path '${rel}' is not a directory`);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
    const generated = await generateKustomization(real, ks.spec ?? {});
    const list = await build({
      path: real,
      fs: overlay(generated.file, `${JSON.stringify(generated.kustomization)}\n`),
      loadRestrictor: LoadRestrictor.None,
      signal: options.signal,
    });
    const built = list.resources
      .map((r) => r.toObject() as KubeObject)
      .filter(
        (o) =>
          o.metadata?.name &&
          !(o.kind === 'Kustomization' && o.apiVersion.startsWith('kustomize.config.k8s.io/')),
      );
    const substituted = await postBuildSubstitute(built, ks, {
      reader: listSourceReader(sourcesFor(fleet, fk.cluster)),
      strict: options.strict ?? true,
      signal: options.signal,
    });
    const objects = new Map<string, KubeObject>();
    for (const o of substituted) objects.set(formatResourceId(resourceIdOf(o)), o);
    return { ok: true, objects };
  } catch (err) {
    return { ok: false, error: err instanceof Error ? err.message : String(err) };
  }
}

/** Renders every Kustomization of the fleet checked out at `root`, by {@link keyOf}. */
export async function renderFleet(
  root: string,
  options: { strict?: boolean; signal?: AbortSignal } = {},
): Promise<Map<string, { fk: FleetKustomization; rendered: Rendered }>> {
  root = await realpath(root);
  const fleet = await discoverFleet(root);
  const out = new Map<string, { fk: FleetKustomization; rendered: Rendered }>();
  for (const fk of fleet.kustomizations) {
    out.set(keyOf(fk), { fk, rendered: await renderKustomization(root, fleet, fk, options) });
  }
  return out;
}
