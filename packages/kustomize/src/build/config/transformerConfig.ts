/**
 * Transformer configuration: which field paths each built-in transformer touches (kustomize's
 * `TransformerConfig`), the built-in defaults, user `configurations` files merged on top, and
 * field specs derived from CRDs (`crds`).
 *
 * @see https://github.com/kubernetes-sigs/kustomize/blob/api/v0.18.0/api/internal/plugins/builtinconfig/transformerconfig.go
 * @see https://github.com/kubernetes-sigs/kustomize/blob/api/v0.18.0/api/types/fieldspec.go
 */
import { KustomizeError } from '../../errors/KustomizeError.js';
import { decodeConfigYaml } from '../kustomization.js';
import { compareGvk, gvkIsSelected } from '../resid.js';
import { DecodeError, S, type Shape } from '../strictDecode.js';
import { defaultConfigData } from './defaultConfig.js';

/** A field spec: a path (`/`-separated, `[]` for lists) and the GVK it applies to. */
export interface FieldSpec {
  readonly group: string;
  readonly version: string;
  readonly kind: string;
  readonly path: string;
  readonly create: boolean;
}

/** A name-reference rule: objects of this GVK are referenced from these fields. */
export interface NameBackReference {
  readonly group: string;
  readonly version: string;
  readonly kind: string;
  fieldSpecs: FieldSpec[];
}

/** All transformer field specs. */
export interface TransformerConfig {
  namePrefix: FieldSpec[];
  nameSuffix: FieldSpec[];
  namespace: FieldSpec[];
  commonLabels: FieldSpec[];
  labels: FieldSpec[];
  templateLabels: FieldSpec[];
  commonAnnotations: FieldSpec[];
  nameReference: NameBackReference[];
  varReference: FieldSpec[];
  images: FieldSpec[];
  replicas: FieldSpec[];
}

const FS_KEYS = [
  'namePrefix',
  'nameSuffix',
  'namespace',
  'commonLabels',
  'labels',
  'templateLabels',
  'commonAnnotations',
  'varReference',
  'images',
  'replicas',
] as const;

const fieldSpecShape = S.struct('types.FieldSpec', {
  group: S.string,
  version: S.string,
  kind: S.string,
  path: S.string,
  create: S.bool,
});
const fsList = S.list(fieldSpecShape, 'types.FsSlice');
/** The Go shape of `TransformerConfig`. */
export const transformerConfigShape: Shape = S.struct('builtinconfig.TransformerConfig', {
  namePrefix: fsList,
  nameSuffix: fsList,
  namespace: fsList,
  commonLabels: fsList,
  labels: fsList,
  templateLabels: fsList,
  commonAnnotations: fsList,
  nameReference: S.list(
    S.struct('builtinconfig.NameBackReferences', {
      group: S.string,
      version: S.string,
      kind: S.string,
      fieldSpecs: fsList,
    }),
    'builtinconfig.nbrSlice',
  ),
  varReference: fsList,
  images: fsList,
  replicas: fsList,
});

/** Normalises a decoded field spec. */
export function toFieldSpec(x: {
  group?: string;
  version?: string;
  kind?: string;
  path?: string;
  create?: boolean;
}): FieldSpec {
  return {
    group: x.group ?? '',
    version: x.version ?? '',
    kind: x.kind ?? '',
    path: x.path ?? '',
    create: x.create ?? false,
  };
}

export function emptyConfig(): TransformerConfig {
  return {
    namePrefix: [],
    nameSuffix: [],
    namespace: [],
    commonLabels: [],
    labels: [],
    templateLabels: [],
    commonAnnotations: [],
    nameReference: [],
    varReference: [],
    images: [],
    replicas: [],
  };
}

function sortFs(s: FieldSpec[]): FieldSpec[] {
  return s
    .map((x, i) => [x, i] as const)
    .sort((a, b) => compareGvk(a[0], b[0]) || a[1] - b[1])
    .map(([x]) => x);
}

/** Parses and sorts a configuration document (kustomize `makeTransformerConfigFromBytes`). */
export function parseTransformerConfig(text: string): TransformerConfig {
  let raw: Record<string, unknown>;
  try {
    raw = (decodeConfigYaml(text, transformerConfigShape, 'TransformerConfig') ?? {}) as Record<
      string,
      unknown
    >;
  } catch (e) {
    if (e instanceof DecodeError) throw new KustomizeError('InvalidKustomization', e.message);
    throw e;
  }
  const c = emptyConfig();
  for (const k of FS_KEYS) {
    const l = raw[k] as Array<Record<string, unknown>> | undefined;
    if (l) c[k] = sortFs(l.filter(Boolean).map((x) => toFieldSpec(x)));
  }
  const nr = raw.nameReference as Array<Record<string, unknown>> | undefined;
  if (nr) {
    c.nameReference = nr
      .filter(Boolean)
      .map((x) => ({
        group: (x.group as string) ?? '',
        version: (x.version as string) ?? '',
        kind: (x.kind as string) ?? '',
        fieldSpecs: ((x.fieldSpecs as Array<Record<string, unknown>>) ?? [])
          .filter(Boolean)
          .map((f) => toFieldSpec(f)),
      }))
      .map((x, i) => [x, i] as const)
      .sort((a, b) => compareGvk(a[0], b[0]) || a[1] - b[1])
      .map(([x]) => x);
  }
  return c;
}

let defaultConfig: TransformerConfig | null = null;
/** Configurations known to contain every default field spec (merging the defaults in again is a no-op). */
const HAS_DEFAULTS = new WeakSet<TransformerConfig>();

/** kustomize's built-in configuration. Shared and never mutated: merges make new objects. */
export function makeDefaultConfig(): TransformerConfig {
  if (!defaultConfig) {
    // parseTransformerConfig(defaultFieldSpecsYaml), precomputed (defaultConfig.test.ts checks it).
    defaultConfig = defaultConfigData;
    HAS_DEFAULTS.add(defaultConfig);
  }
  return defaultConfig;
}

function isEmptyConfig(c: TransformerConfig): boolean {
  return FS_KEYS.every((k) => c[k].length === 0) && c.nameReference.length === 0;
}

function effectivelyEquals(a: FieldSpec, b: FieldSpec): boolean {
  return gvkIsSelected(a, b) && a.path === b.path;
}

/** kustomize `FsSlice.MergeOne`. */
export function mergeOneFs(s: FieldSpec[], x: FieldSpec): FieldSpec[] {
  const i = s.findIndex((y) => effectivelyEquals(y, x));
  if (i > -1) {
    if (s[i]!.create !== x.create) throw new KustomizeError('InvalidKustomization', 'conflicting fieldspecs');
    return s;
  }
  return [...s, x];
}

/** kustomize `FsSlice.MergeAll` (specs indexed by path: only same-path specs can be equal). */
export function mergeAllFs(s: FieldSpec[], incoming: readonly FieldSpec[]): FieldSpec[] {
  if (incoming.length === 0) return s;
  const byPath = new Map<string, FieldSpec[]>();
  for (const y of s) {
    const l = byPath.get(y.path);
    if (l) l.push(y);
    else byPath.set(y.path, [y]);
  }
  let r = s;
  for (const x of incoming) {
    const same = byPath.get(x.path);
    const hit = same?.find((y) => effectivelyEquals(y, x));
    if (hit) {
      if (hit.create !== x.create) throw new KustomizeError('InvalidKustomization', 'conflicting fieldspecs');
      continue;
    }
    r = r === s ? [...s, x] : (r.push(x), r);
    if (same) same.push(x);
    else byPath.set(x.path, [x]);
  }
  return r;
}

function mergeNbr(s: NameBackReference[], o: readonly NameBackReference[]): NameBackReference[] {
  let result = s;
  for (const other of o) {
    let found = false;
    const next: NameBackReference[] = [];
    for (const c of result) {
      if (c.group === other.group && c.version === other.version && c.kind === other.kind) {
        next.push({ ...c, fieldSpecs: mergeAllFs(c.fieldSpecs, other.fieldSpecs) });
        found = true;
      } else next.push(c);
    }
    if (!found) next.push(other);
    result = next;
  }
  return result;
}

/** kustomize `TransformerConfig.Merge` (the result's slices are re-sorted). */
export function mergeConfig(t: TransformerConfig, input: TransformerConfig | null): TransformerConfig {
  if (!input || isEmptyConfig(input)) return t;
  // The defaults merged into a configuration that has them already (every kustomization level does it).
  if (input === defaultConfig && HAS_DEFAULTS.has(t)) return t;
  if (t === defaultConfig && HAS_DEFAULTS.has(input)) return input;
  if (isEmptyConfig(t) && HAS_DEFAULTS.has(input)) return input;
  const merged = mergeConfigSlow(t, input);
  if (HAS_DEFAULTS.has(t) || HAS_DEFAULTS.has(input)) HAS_DEFAULTS.add(merged);
  return merged;
}

function mergeConfigSlow(t: TransformerConfig, input: TransformerConfig): TransformerConfig {
  const out = emptyConfig();
  for (const k of FS_KEYS) out[k] = sortFs(mergeAllFs(t[k], input[k]));
  out.nameReference = mergeNbr(t.nameReference, input.nameReference)
    .map((x, i) => [x, i] as const)
    .sort((a, b) => compareGvk(a[0], b[0]) || a[1] - b[1])
    .map(([x]) => x);
  return out;
}
