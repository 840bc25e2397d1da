import * as fsp from 'node:fs/promises';
import * as path from 'node:path';
import { parseAllDocuments, parseDocument } from 'yaml';
import { KustomizationError } from '../errors/KustomizationError.js';
import type { KustomizationSpec } from './types.js';

/** The file names kustomize recognises, in its order (`konfig.RecognizedKustomizationFileNames`). */
export const KustomizationFileNames = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'] as const;

/** Fields of kustomize's `types.Kustomization` (Flux re-serialises through it; other keys are dropped). */
const KNOWN_FIELDS = new Set([
  'apiVersion',
  'kind',
  'metadata',
  'openapi',
  'namePrefix',
  'nameSuffix',
  'namespace',
  'commonLabels',
  'labels',
  'commonAnnotations',
  'patchesStrategicMerge',
  'patchesJson6902',
  'patches',
  'images',
  'imageTags',
  'replacements',
  'replicas',
  'vars',
  'sortOptions',
  'resources',
  'components',
  'crds',
  'bases',
  'configMapGenerator',
  'secretGenerator',
  'helmGlobals',
  'helmCharts',
  'helmChartInflationGenerator',
  'generatorOptions',
  'configurations',
  'generators',
  'transformers',
  'validators',
  'buildMetadata',
]);

/** Result of {@link generateKustomization}. */
export interface GeneratedKustomization {
  /** The kustomization Flux builds (as kustomize's YAML fields). */
  kustomization: Record<string, unknown>;
  /** Absolute path of the file it is read from: the existing file, else `<dir>/kustomization.yaml`. */
  file: string;
  /** `created` when no kustomization file existed, else `unchanged` (the file was patched). */
  action: 'created' | 'unchanged';
}

async function isFile(p: string): Promise<boolean> {
  try {
    return (await fsp.stat(p)).isFile();
  } catch {
    return false;
  }
}

async function exists(p: string): Promise<boolean> {
  try {
    await fsp.stat(p);
    return true;
  } catch {
    return false;
  }
}

/** kustomize's `IsLocalRelativePath` as Flux copies it: no remote prefixes, not absolute. */
export function isLocalRelativePath(p: string): boolean {
  for (const prefix of [
    'git::',
    'gh:',
    'ssh://',
    'https://',
    'http://',
    'git@',
    'github.com:',
    'github.com/',
  ]) {
    if (prefix.length < p.length && p.slice(0, prefix.length).toLowerCase() === prefix) return false;
  }
  return !(path.isAbsolute(p) || path.isAbsolute(p.toLowerCase().replace(/^file:\/\//, '')));
}

/** Walks `base` in lexical order as `filepath.Walk`, collecting what Flux's `scanManifests` lists. */
async function scanManifests(base: string): Promise<string[]> {
  const out: string[] = [];
  const walk = async (dir: string): Promise<void> => {
    const names = (await fsp.readdir(dir)).sort();
    for (const name of names) {
      const p = path.join(dir, name);
      const st = await fsp.lstat(p);
      const stat = st.isSymbolicLink() ? await fsp.stat(p).catch(() => st) : st;
      if (stat.isDirectory()) {
        let hasKustomization = false;
        for (const k of KustomizationFileNames) if (await isFile(path.join(p, k))) hasKustomization = true;
        if (hasKustomization) {
          out.push(p);
          continue;
        }
        if (!st.isSymbolicLink()) await walk(p);
        continue;
      }
      const ext = path.extname(p);
      if (ext !== '.yaml' && ext !== '.yml') continue;
      const text = await fsp.readFile(p, 'utf8');
      checkManifest(text, p);
      out.push(p);
    }
  };
  await walk(base);
  return out;
}

/** Fails like kustomize's `SliceFromBytes` for files that are not Kubernetes objects. */
function checkManifest(text: string, file: string): void {
  const docs = parseAllDocuments(text, { uniqueKeys: false });
  const list = Array.isArray(docs) ? docs : [docs];
  for (const [i, doc] of list.entries()) {
    if (doc.errors.length) {
      throw new KustomizationError(
        'InvalidManifest',
        `failed to decode Kubernetes YAML from ${file}: ${doc.errors[0]!.message.split('\n')[0]}`,
        { data: { file, documentIndex: i } },
      );
    }
    const v = doc.toJS({ maxAliasCount: 100 }) as unknown;
    if (v === null || v === undefined) continue;
    const items = isMap(v) && v.kind === 'List' && Array.isArray(v.items) ? (v.items as unknown[]) : [v];
    for (const item of items) {
      if (
        !isMap(item) ||
        typeof item.kind !== 'string' ||
        item.kind === '' ||
        typeof item.apiVersion !== 'string'
      ) {
        throw new KustomizationError(
          'InvalidManifest',
          `failed to decode Kubernetes YAML from ${file}: missing Resource metadata`,
          { data: { file, documentIndex: i } },
        );
      }
    }
  }
}

const isMap = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Flux's kustomization generation (fluxcd/pkg `Generator.GenerateManifest`) for `dir` (absolute):
 *
 * - An existing `kustomization.yaml`, `kustomization.yml` or `Kustomization` is read and patched
 *   (keys kustomize does not know are dropped, as Flux's typed round trip drops them; with no
 *   `resources` it gets `buildMetadata: [originAnnotations]`).
 * - Otherwise one is generated: every subdirectory holding a kustomization file is a resource
 *   (not descended into), every other `*.yaml`/`*.yml` file is a resource (`./rel/path`) and must
 *   be a valid Kubernetes manifest; with nothing found, `namespace: _placeholder`.
 * - Then, in order: `namespace := targetNamespace`, `namePrefix :=`, `nameSuffix :=` (replacing),
 *   `patches += spec.patches`, `components += spec.components` (local relative paths only; a
 *   missing one is dropped when `ignoreMissingComponents`), `images` merged by `name` (`newTag` and
 *   `digest` replaced together), `buildMetadata := spec.buildMetadata` when set.
 *
 * `commonMetadata` is not part of it (applied after build). `spec.decryption` is rejected.
 *
 * @throws {KustomizationError} `DecryptionNotSupported`, `PathNotFound`, `InvalidManifest`,
 *   `InvalidSpec` (a non-local component).
 * @see https://github.com/fluxcd/pkg/blob/main/kustomize/kustomize_generator.go
 */
export async function generateKustomization(
  dir: string,
  spec: Partial<KustomizationSpec>,
): Promise<GeneratedKustomization> {
  if (spec.decryption) {
    throw new KustomizationError(
      'DecryptionNotSupported',
      'spec.decryption: SOPS decryption is not supported by GitOps Kit yet',
      { data: { fieldPath: 'spec.decryption' } },
    );
  }
  if (!(await exists(dir))) {
    throw new KustomizationError(
      'PathNotFound',
      `kustomization path not found: stat ${dir}: no such file or directory`,
      {
        data: { file: dir },
      },
    );
  }
  let kus: Record<string, unknown> | undefined;
  let file = '';
  let action: GeneratedKustomization['action'] = 'created';
  for (const name of KustomizationFileNames) {
    const p = path.join(dir, name);
    if (await isFile(p)) {
      const doc = parseDocument(await fsp.readFile(p, 'utf8'), { uniqueKeys: false });
      if (doc.errors.length) {
        throw new KustomizationError('InvalidSpec', `${p}: ${doc.errors[0]!.message.split('\n')[0]}`, {
          data: { file: p },
        });
      }
      const v = doc.toJS({ maxAliasCount: 100 }) as unknown;
      kus = {};
      if (isMap(v)) for (const [k, val] of Object.entries(v)) if (KNOWN_FIELDS.has(k)) kus[k] = val;
      file = p;
      action = 'unchanged';
      break;
    }
  }
  if (!kus) {
    const files = await scanManifests(dir);
    kus = { apiVersion: 'kustomize.config.k8s.io/v1beta1', kind: 'Kustomization' };
    if (files.length === 0) kus.namespace = '_placeholder';
    else kus.resources = files.map((f) => `./${path.relative(dir, f).split(path.sep).join('/')}`);
    file = path.join(dir, 'kustomization.yaml');
  } else {
    kus.apiVersion ??= 'kustomize.config.k8s.io/v1beta1';
    kus.kind ??= 'Kustomization';
    if (!Array.isArray(kus.resources) || kus.resources.length === 0)
      kus.buildMetadata = ['originAnnotations'];
  }
  if (spec.targetNamespace !== undefined) kus.namespace = spec.targetNamespace;
  if (spec.namePrefix !== undefined) kus.namePrefix = spec.namePrefix;
  if (spec.nameSuffix !== undefined) kus.nameSuffix = spec.nameSuffix;
  if (spec.patches?.length) {
    const patches = Array.isArray(kus.patches) ? [...kus.patches] : [];
    for (const p of spec.patches)
      patches.push(p.target ? { patch: p.patch, target: { ...p.target } } : { patch: p.patch });
    kus.patches = patches;
  }
  if (spec.components?.length) {
    const components = Array.isArray(kus.components) ? [...kus.components] : [];
    for (const [i, c] of spec.components.entries()) {
      if (!isLocalRelativePath(c)) {
        throw new KustomizationError('InvalidSpec', `component path '${c}' must be local and relative`, {
          data: { fieldPath: `spec.components[${i}]` },
        });
      }
      if (spec.ignoreMissingComponents && !(await exists(path.join(dir, c)))) continue;
      components.push(c);
    }
    kus.components = components;
  }
  if (spec.images?.length) {
    const images = Array.isArray(kus.images)
      ? (kus.images as Record<string, unknown>[]).map((i) => ({ ...i }))
      : [];
    for (const image of spec.images) {
      const existing = images.find((i) => i.name === image.name);
      if (existing) {
        if (image.newName) existing.newName = image.newName;
        if (image.newTag || image.digest) {
          if (image.newTag) existing.newTag = image.newTag;
          else delete existing.newTag;
          if (image.digest) existing.digest = image.digest;
          else delete existing.digest;
        }
      } else {
        const img: Record<string, unknown> = { name: image.name };
        if (image.newName) img.newName = image.newName;
        if (image.newTag) img.newTag = image.newTag;
        if (image.digest) img.digest = image.digest;
        images.push(img);
      }
    }
    kus.images = images;
  }
  if (spec.buildMetadata?.length) kus.buildMetadata = [...spec.buildMetadata];
  return { kustomization: kus, file, action };
}
