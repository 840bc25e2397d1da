/**
 * The kustomization file (`kustomize.config.k8s.io/v1beta1` Kustomization and `v1alpha1`
 * Component): its fields, and reading it exactly as kustomize does (YAML 1.1 via go-yaml v2, then
 * strict JSON decoding with case-insensitive field names), including deprecation warnings, the
 * legacy-field fix-ups and the kind/apiVersion checks.
 *
 * @see https://github.com/kubernetes-sigs/kustomize/blob/api/v0.18.0/api/types/kustomization.go
 */
import { KustomizeError } from '../errors/KustomizeError.js';
import { parseFirstDocument } from '../yaml/parse.js';
import { YamlSyntaxError } from '../yaml/scanner.js';
import { DecodeError, S, type Shape, strictDecode, yamlNodeToJson } from './strictDecode.js';

/** `FieldSpec` of transformer configurations (`path` plus a GVK selector). */
export interface FieldSpecArg {
  group?: string;
  version?: string;
  kind?: string;
  path?: string;
  create?: boolean;
}

/** A target selector (patches, replacements). */
export interface SelectorArg {
  group?: string;
  version?: string;
  kind?: string;
  name?: string;
  namespace?: string;
  labelSelector?: string;
  annotationSelector?: string;
}

export interface GeneratorOptionsArg {
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  disableNameSuffixHash?: boolean;
  immutable?: boolean;
}

export interface GeneratorArgs {
  namespace?: string;
  name?: string;
  behavior?: string;
  literals?: string[];
  files?: string[];
  envs?: string[];
  env?: string;
  options?: GeneratorOptionsArg;
}

export interface SecretArgs extends GeneratorArgs {
  type?: string;
}

export interface PatchArg {
  path?: string;
  patch?: string;
  target?: SelectorArg;
  options?: Record<string, boolean>;
}

export interface ImageArg {
  name?: string;
  newName?: string;
  tagSuffix?: string;
  newTag?: string;
  digest?: string;
}

export interface ReplicaArg {
  name?: string;
  count?: number;
}

export interface LabelArg {
  pairs?: Record<string, string>;
  includeSelectors?: boolean;
  includeTemplates?: boolean;
  fields?: FieldSpecArg[];
}

export interface VarArg {
  name?: string;
  objref?: {
    apiVersion?: string;
    group?: string;
    version?: string;
    kind?: string;
    name?: string;
    namespace?: string;
  };
  fieldref?: { fieldPath?: string };
}

export interface FieldOptionsArg {
  delimiter?: string;
  index?: number;
  encoding?: string;
  create?: boolean;
}

export interface ReplacementArg {
  path?: string;
  source?: SelectorArg & { fieldPath?: string; options?: FieldOptionsArg };
  targets?: Array<{
    select?: SelectorArg;
    reject?: SelectorArg[];
    fieldPaths?: string[];
    options?: FieldOptionsArg;
  }>;
}

export interface SortOptionsArg {
  order?: string;
  legacySortOptions?: { orderFirst?: string[]; orderLast?: string[] };
}

export interface HelmChartArg {
  name?: string;
  version?: string;
  repo?: string;
  releaseName?: string;
  namespace?: string;
  additionalValuesFiles?: string[];
  valuesFile?: string;
  valuesInline?: Record<string, unknown>;
  valuesMerge?: string;
  includeCRDs?: boolean;
  skipHooks?: boolean;
  apiVersions?: string[];
  kubeVersion?: string;
  nameTemplate?: string;
  skipTests?: boolean;
  debug?: boolean;
}

/** A decoded kustomization file. Field names as in YAML. */
export interface Kustomization {
  kind?: string;
  apiVersion?: string;
  metadata?: {
    name?: string;
    namespace?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
  };
  openapi?: Record<string, string>;
  namePrefix?: string;
  nameSuffix?: string;
  namespace?: string;
  commonLabels?: Record<string, string>;
  labels?: LabelArg[];
  commonAnnotations?: Record<string, string>;
  patchesStrategicMerge?: string[];
  patchesJson6902?: PatchArg[];
  patches?: PatchArg[];
  images?: ImageArg[];
  imageTags?: ImageArg[];
  replacements?: ReplacementArg[];
  replicas?: ReplicaArg[];
  vars?: VarArg[];
  sortOptions?: SortOptionsArg;
  resources?: string[];
  components?: string[];
  crds?: string[];
  bases?: string[];
  configMapGenerator?: GeneratorArgs[];
  secretGenerator?: SecretArgs[];
  helmGlobals?: { chartHome?: string; configHome?: string };
  helmCharts?: HelmChartArg[];
  helmChartInflationGenerator?: Array<Record<string, unknown>>;
  generatorOptions?: GeneratorOptionsArg;
  configurations?: string[];
  generators?: string[];
  transformers?: string[];
  validators?: string[];
  buildMetadata?: string[];
}

const strList = S.list(S.string, '[]string');
const strMap = S.map(S.string);
const selectorFields = {
  group: S.string,
  version: S.string,
  kind: S.string,
  name: S.string,
  namespace: S.string,
  annotationSelector: S.string,
  labelSelector: S.string,
};
const selector = S.struct('types.Selector', selectorFields);
const fieldSpec = S.struct('types.FieldSpec', {
  group: S.string,
  version: S.string,
  kind: S.string,
  path: S.string,
  create: S.bool,
});
const generatorOptions = S.struct('types.GeneratorOptions', {
  labels: strMap,
  annotations: strMap,
  disableNameSuffixHash: S.bool,
  immutable: S.bool,
});
const generatorArgs = {
  namespace: S.string,
  name: S.string,
  behavior: S.string,
  literals: strList,
  files: strList,
  envs: strList,
  env: S.string,
  options: generatorOptions,
};
const patch = S.struct('types.Patch', {
  path: S.string,
  patch: S.string,
  target: selector,
  options: S.map(S.bool, 'map[string]bool'),
});
const image = S.struct('types.Image', {
  name: S.string,
  newName: S.string,
  tagSuffix: S.string,
  newTag: S.string,
  digest: S.string,
});
const fieldOptions = S.struct('types.FieldOptions', {
  delimiter: S.string,
  index: S.int,
  encoding: S.string,
  create: S.bool,
});
const replacement = S.struct('types.ReplacementField', {
  source: S.struct('types.SourceSelector', { ...selectorFields, fieldPath: S.string, options: fieldOptions }),
  targets: S.list(
    S.struct('types.TargetSelector', {
      select: selector,
      reject: S.list(selector, '[]*types.Selector'),
      fieldPaths: strList,
      options: fieldOptions,
    }),
    '[]*types.TargetSelector',
  ),
  path: S.string,
});
const helmChart = S.struct('types.HelmChart', {
  name: S.string,
  version: S.string,
  repo: S.string,
  releaseName: S.string,
  namespace: S.string,
  additionalValuesFiles: strList,
  valuesFile: S.string,
  valuesInline: S.map(S.any, 'map[string]interface {}'),
  valuesMerge: S.string,
  includeCRDs: S.bool,
  skipHooks: S.bool,
  apiVersions: strList,
  kubeVersion: S.string,
  nameTemplate: S.string,
  skipTests: S.bool,
  debug: S.bool,
});
const helmChartArgs = S.struct('types.HelmChartArgs', {
  chartName: S.string,
  chartVersion: S.string,
  chartRepoUrl: S.string,
  chartHome: S.string,
  chartRepoName: S.string,
  helmBin: S.string,
  helmHome: S.string,
  values: S.string,
  valuesLocal: S.map(S.any, 'map[string]interface {}'),
  valuesMerge: S.string,
  releaseName: S.string,
  releaseNamespace: S.string,
  extraArgs: strList,
});

/** The Go shape of `types.Kustomization`. */
export const kustomizationShape: Shape = S.struct('types.Kustomization', {
  kind: S.string,
  apiVersion: S.string,
  metadata: S.struct('types.ObjectMeta', {
    name: S.string,
    namespace: S.string,
    labels: strMap,
    annotations: strMap,
  }),
  openapi: strMap,
  namePrefix: S.string,
  nameSuffix: S.string,
  namespace: S.string,
  commonLabels: strMap,
  labels: S.list(
    S.struct('types.Label', {
      pairs: strMap,
      includeSelectors: S.bool,
      includeTemplates: S.bool,
      fields: S.list(fieldSpec, '[]types.FieldSpec'),
    }),
    '[]types.Label',
  ),
  commonAnnotations: strMap,
  patchesStrategicMerge: S.list(S.string, '[]types.PatchStrategicMerge'),
  patchesJson6902: S.list(patch, '[]types.Patch'),
  patches: S.list(patch, '[]types.Patch'),
  images: S.list(image, '[]types.Image'),
  imageTags: S.list(image, '[]types.Image'),
  replacements: S.list(replacement, '[]types.ReplacementField'),
  replicas: S.list(S.struct('types.Replica', { name: S.string, count: S.int64 }), '[]types.Replica'),
  vars: S.list(
    S.struct('types.Var', {
      name: S.string,
      objref: S.struct('types.Target', {
        apiVersion: S.string,
        group: S.string,
        version: S.string,
        kind: S.string,
        name: S.string,
        namespace: S.string,
      }),
      fieldref: S.struct('types.FieldSelector', { fieldPath: S.string }),
    }),
    '[]types.Var',
  ),
  sortOptions: S.struct('types.SortOptions', {
    order: S.string,
    legacySortOptions: S.struct('types.LegacySortOptions', { orderFirst: strList, orderLast: strList }),
  }),
  resources: strList,
  components: strList,
  crds: strList,
  bases: strList,
  configMapGenerator: S.list(S.struct('types.ConfigMapArgs', generatorArgs), '[]types.ConfigMapArgs'),
  secretGenerator: S.list(
    S.struct('types.SecretArgs', { ...generatorArgs, type: S.string }),
    '[]types.SecretArgs',
  ),
  helmGlobals: S.struct('types.HelmGlobals', { chartHome: S.string, configHome: S.string }),
  helmCharts: S.list(helmChart, '[]types.HelmChart'),
  helmChartInflationGenerator: S.list(helmChartArgs, '[]types.HelmChartArgs'),
  generatorOptions,
  configurations: strList,
  generators: strList,
  transformers: strList,
  validators: strList,
  buildMetadata: strList,
});

export const KUSTOMIZATION_KIND = 'Kustomization';
export const COMPONENT_KIND = 'Component';
export const KUSTOMIZATION_VERSION = 'kustomize.config.k8s.io/v1beta1';
export const COMPONENT_VERSION = 'kustomize.config.k8s.io/v1alpha1';

/** File names recognised as kustomization files, in kustomize's order. */
export const KUSTOMIZATION_FILE_NAMES = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'] as const;

const FIX = "Run 'kustomize edit fix' to update your Kustomization automatically.";
const DEPRECATIONS: Array<[keyof Kustomization, string]> = [
  ['bases', `# Warning: 'bases' is deprecated. Please use 'resources' instead. ${FIX}`],
  ['commonLabels', `# Warning: 'commonLabels' is deprecated. Please use 'labels' instead. ${FIX}`],
  ['imageTags', `# Warning: 'imageTags' is deprecated. Please use 'images' instead. ${FIX}`],
  ['patchesJson6902', `# Warning: 'patchesJson6902' is deprecated. Please use 'patches' instead. ${FIX}`],
  [
    'patchesStrategicMerge',
    `# Warning: 'patchesStrategicMerge' is deprecated. Please use 'patches' instead. ${FIX}`,
  ],
  ['vars', `# Warning: 'vars' is deprecated. Please use 'replacements' instead. [EXPERIMENTAL] ${FIX}`],
];

/**
 * Decodes YAML text with kustomize's rules into `shape` (`rootStruct` names the Go type in type
 * errors). A syntax error reads `error converting YAML to JSON: yaml: …` as sigs.k8s.io/yaml's
 * `Unmarshal` words it; with `yamlToJsonPrefix` false it is the bare `yaml: …` of `YAMLToJSON`, which
 * kustomize's `Kustomization.Unmarshal` calls.
 */
export function decodeConfigYaml(
  text: string,
  shape: Shape,
  rootStruct: string,
  yamlToJsonPrefix = true,
): unknown {
  let doc: ReturnType<typeof parseFirstDocument>;
  try {
    doc = parseFirstDocument(text);
  } catch (e) {
    if (e instanceof YamlSyntaxError)
      throw new DecodeError(`${yamlToJsonPrefix ? 'error converting YAML to JSON: ' : ''}${e.goMessage()}`);
    throw e;
  }
  const json = doc ? yamlNodeToJson(doc) : null;
  return strictDecode(json, shape, rootStruct);
}

/**
 * Reads a kustomization file's bytes: decodes strictly, records deprecation warnings, applies
 * kustomize's `FixKustomization` (bases → resources, imageTags → images, env → envs, legacy Helm
 * args) and checks emptiness, kind and apiVersion.
 *
 * @throws KustomizeError `InvalidKustomization`
 */
export function readKustomization(text: string, root: string, warnings: string[]): Kustomization {
  let k: Kustomization;
  try {
    k = (decodeConfigYaml(text, kustomizationShape, 'Kustomization', false) ?? {}) as Kustomization;
  } catch (e) {
    if (e instanceof DecodeError) {
      throw new KustomizeError('InvalidKustomization', `invalid Kustomization: ${e.message}`, {
        data: { file: root },
      });
    }
    throw e;
  }
  for (const [field, msg] of DEPRECATIONS) if (k[field] !== undefined) warnings.push(msg);
  // FixKustomization
  if (!k.kind) k.kind = KUSTOMIZATION_KIND;
  if (!k.apiVersion) k.apiVersion = k.kind === COMPONENT_KIND ? COMPONENT_VERSION : KUSTOMIZATION_VERSION;
  if (k.bases) {
    k.resources = [...(k.resources ?? []), ...k.bases];
    delete k.bases;
  }
  if (k.imageTags) {
    k.images = [...(k.images ?? []), ...k.imageTags];
    delete k.imageTags;
  }
  for (const g of [...(k.configMapGenerator ?? []), ...(k.secretGenerator ?? [])]) {
    if (g.env) {
      g.envs = [...(g.envs ?? []), g.env];
      delete g.env;
    }
  }
  if (k.helmChartInflationGenerator) {
    const globals: { chartHome?: string; configHome?: string } = {};
    for (const old of k.helmChartInflationGenerator) {
      k.helmCharts = [
        ...(k.helmCharts ?? []),
        {
          name: old.chartName as string | undefined,
          version: old.chartVersion as string | undefined,
          repo: old.chartRepoUrl as string | undefined,
          valuesFile: old.values as string | undefined,
          valuesInline: old.valuesLocal as Record<string, unknown> | undefined,
          valuesMerge: old.valuesMerge as string | undefined,
          releaseName: old.releaseName as string | undefined,
        },
      ];
      if (old.helmHome) globals.configHome = old.helmHome as string;
      if (old.chartHome) globals.chartHome = old.chartHome as string;
    }
    if (!k.helmGlobals && (globals.chartHome || globals.configHome)) k.helmGlobals = globals;
    delete k.helmChartInflationGenerator;
  }
  // CheckEmpty
  const meaningful = Object.keys(k).filter((f) => f !== 'kind' && f !== 'apiVersion');
  if (meaningful.length === 0) {
    throw new KustomizeError('InvalidKustomization', 'kustomization.yaml is empty', { data: { file: root } });
  }
  // EnforceFields
  const errs: string[] = [];
  if (k.kind !== KUSTOMIZATION_KIND && k.kind !== COMPONENT_KIND) {
    errs.push(`kind should be ${KUSTOMIZATION_KIND} or ${COMPONENT_KIND}`);
  }
  const required = k.kind === COMPONENT_KIND ? COMPONENT_VERSION : KUSTOMIZATION_VERSION;
  if (k.apiVersion !== required) errs.push(`apiVersion for ${k.kind} should be ${required}`);
  if (errs.length > 0) {
    throw new KustomizeError(
      'InvalidKustomization',
      `Failed to read kustomization file under ${root}:\n${errs.join('\n')}`,
      { data: { file: root } },
    );
  }
  return k;
}
