import { mkdtemp, readFile, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative, resolve, sep } from 'node:path';
import { type KubeObject, assertKubeObject } from '@gitops-kit/core';
import { KustomizationFileNames, build } from '@gitops-kit/kustomize';
import { createArtifactStorage, extractArtifact, fetchGitRepository } from '@gitops-kit/source';
import { parseAllDocuments } from 'yaml';
import { isFluxObject, supportedKindOf } from './fluxKinds.js';

/** The objects of a fleet directory, sorted into what `gitops-kit reconcile` does with them. */
export interface Fleet {
  /** Where they were read from (a directory, or `<url>//<path>@<revision>`). */
  origin: string;
  /** Flux objects of the kinds with a reconciler (GitRepository, Kustomization). */
  flux: KubeObject[];
  /** Other Kubernetes objects (ConfigMaps for `postBuild.substituteFrom`, Namespaces, ...): applied as they are. */
  plain: KubeObject[];
  /** Flux objects of kinds that cannot be reconciled yet (HelmRelease, ImagePolicy, Alert, ...). */
  unsupported: KubeObject[];
}

/** Where to read a fleet from: a directory, or a Git URL with a branch and a path inside it. */
export interface ReadFleetOptions {
  /** A directory, or an `http(s)://`/`ssh://` Git URL. */
  location: string;
  /** Working directory for a relative `location`. */
  cwd: string;
  /** Branch of a Git URL. Default `main`. */
  branch?: string;
  /** Path inside the repository of a Git URL. Default the repository root. */
  path?: string;
  signal?: AbortSignal;
}

const isGitUrl = (s: string) => /^(https?|ssh):\/\//.test(s) || /^[\w.-]+@[\w.-]+:/.test(s);

/** All `.yaml`/`.yml` files under `dir`, recursively, sorted by path. */
async function yamlFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) {
      if (!e.name.startsWith('.')) out.push(...(await yamlFiles(p)));
    } else if (e.isFile() && /\.ya?ml$/.test(e.name)) out.push(p);
  }
  return out.sort();
}

/** Reads the objects of a directory: `kustomize build` when it holds a kustomization, else every YAML file. */
async function readDirectory(dir: string, signal?: AbortSignal): Promise<KubeObject[]> {
  let st: Awaited<ReturnType<typeof stat>>;
  try {
    st = await stat(dir);
  } catch {
    throw new Error(`${dir}: no such directory`);
  }
  if (!st.isDirectory()) throw new Error(`${dir}: not a directory`);
  const names = new Set(await readdir(dir));
  if (KustomizationFileNames.some((n) => names.has(n))) {
    const list = await build({ path: dir, ...(signal ? { signal } : {}) });
    return list.resources.map((r) => r.toObject() as unknown as KubeObject);
  }
  const objects: KubeObject[] = [];
  for (const file of await yamlFiles(dir)) {
    const where = relative(dir, file).split(sep).join('/');
    parseAllDocuments(await readFile(file, 'utf8')).forEach((doc, index) => {
      if (doc.errors.length > 0) {
        throw new Error(`${where}: document ${index}: ${doc.errors[0]!.message.split('\n')[0]}`);
      }
      const v = doc.toJS({ maxAliasCount: 100 }) as unknown;
      if (v === null || v === undefined) return;
      // Files that are not Kubernetes objects (a kustomize config, a values file) are skipped.
      if (typeof v !== 'object' || !('apiVersion' in v) || !('kind' in v)) return;
      objects.push(assertKubeObject(v, `${where}: document ${index}`));
    });
  }
  return objects;
}

/** Sorts objects into {@link Fleet} groups. */
export function classifyFleet(origin: string, objects: KubeObject[]): Fleet {
  const fleet: Fleet = { origin, flux: [], plain: [], unsupported: [] };
  for (const o of objects) {
    if (!isFluxObject(o)) fleet.plain.push(o);
    else if (supportedKindOf(o) && o.apiVersion === supportedKindOf(o)!.apiVersion) fleet.flux.push(o);
    else fleet.unsupported.push(o);
  }
  return fleet;
}

/**
 * Reads a fleet: the objects of a directory (e.g. `clusters/production`), or of a path in a Git
 * repository fetched once (as `flux bootstrap` reads `clusters/<name>`).
 */
export async function readFleet(options: ReadFleetOptions): Promise<Fleet> {
  if (!isGitUrl(options.location)) {
    const dir = resolve(options.cwd, options.location);
    return classifyFleet(options.location, await readDirectory(dir, options.signal));
  }
  const work = await mkdtemp(join(tmpdir(), 'gitops-kit-fleet-'));
  try {
    const storage = createArtifactStorage({ basePath: join(work, 'storage') });
    const fetched = await fetchGitRepository({
      url: options.location,
      ref: { branch: options.branch ?? 'main' },
      storage,
      workDir: work,
      ...(options.signal ? { signal: options.signal } : {}),
    });
    const root = join(work, 'checkout');
    await extractArtifact({
      file: storage.localPath(fetched.artifact),
      dir: root,
      ...(options.signal ? { signal: options.signal } : {}),
    });
    const dir = resolve(root, options.path ?? '.');
    if (dir !== root && !dir.startsWith(root + sep))
      throw new Error(`--path ${options.path}: outside the repository`);
    const where = `${options.location}//${options.path ?? ''}@${fetched.revision}`;
    return classifyFleet(where, await readDirectory(dir, options.signal));
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
