/**
 * `@gitops-kit/helm`: chart loading and rendering identical to `helm template`, and releases.
 * @packageDocumentation
 */
export { HelmError, HelmErrorCode } from './errors.js';
export {
  type Chart,
  type ChartFile,
  type ChartMetadata,
  type ChartDependency,
  type ChartMaintainer,
  type ChartLock,
  chartFullPath,
  chartPath,
  isLibraryChart,
} from './chart/types.js';
export {
  loadChart,
  loadChartFiles,
  defaultLoadLimits,
  type LoadChartOptions,
  type LoadChartFilesOptions,
  type LoadLimits,
  type ChartFs,
  type ChartFileType,
} from './chart/loadChart.js';
export { readChartArchive, defaultArchiveLimits, type ArchiveLimits } from './chart/archive.js';
export { parseHelmignore, isIgnored, HelmignoreError, type HelmignoreRules } from './chart/helmignore.js';
export { goPathMatch, BadPatternError } from './chart/goPathMatch.js';
export {
  parseSemVer,
  parseSemVerConstraints,
  satisfiesSemVer,
  compareSemVer,
  isCompatibleRange,
  isValidSemVer,
  formatSemVer,
  SemVerError,
  type SemVer,
  type SemVerConstraints,
} from './chart/semver.js';
export { validateMetadata } from './chart/validateMetadata.js';
export {
  processDependencies,
  checkDependencies,
  cloneChartTree,
  type ProcessDependenciesOptions,
} from './chart/dependencies.js';
export type { Value, ValueMap } from './values/types.js';
export { decodeYaml, decodeYamlMap, GoYamlError } from './values/goYaml.js';
export {
  parseSetInto,
  parseSetStringInto,
  parseSetJsonInto,
  parseSetFileInto,
  parseSetLiteralInto,
  typedVal,
  StrvalsError,
  MAX_INDEX,
  MAX_NESTED_NAME_LEVEL,
} from './values/strvals.js';
export {
  coalesceValues,
  mergeValues,
  coalesceTables,
  mergeTables,
  CoalesceError,
  type WarnFn,
} from './values/coalesce.js';
export { valuesTable, pathValue } from './values/table.js';
export { validateAgainstSchema, validateAgainstSingleSchema } from './values/schema.js';
export {
  mergeValueOptions,
  mergeMaps,
  type ValueOptions,
  type MergeValueOptionsOptions,
} from './values/valueOptions.js';
export {
  templateCapabilities,
  parseKubeVersion,
  defaultApiVersions,
  defaultKubeVersion,
  helmBuildInfo,
  type Capabilities,
  type CapabilitiesOptions,
  type KubeVersion,
  type HelmBuildInfo,
} from './render/capabilities.js';
export { validateReleaseName } from './render/releaseName.js';
export {
  sortManifests,
  splitManifests,
  parseManifestHead,
  sortByKind,
  InstallOrder,
  UninstallOrder,
  HookEvent,
  type Manifest,
  type ManifestHead,
  type Hook,
  type SortedManifests,
} from './render/manifests.js';
export {
  helmTemplate,
  helmTemplateDefaults,
  isRenderError,
  type HelmTemplateOptions,
  type HelmTemplateResult,
  type PostRenderer,
  type CrdFile,
} from './render/helmTemplate.js';
export { renderTemplates, type RenderTemplatesOptions } from './render/renderTemplates.js';
export type { ReleaseInfo } from './render/templateData.js';
export { compileGlob } from './render/glob.js';
export {
  kustomizePostRenderer,
  postRenderersFromSpec,
  type HelmReleasePostRenderer,
  type KustomizeImage,
  type KustomizePatch,
  type KustomizePostRendererSpec,
} from './postrender/kustomize.js';
export { kustomizeHelmChartInflater } from './kustomize/helmChartInflater.js';
