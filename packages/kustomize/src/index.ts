/**
 * `@gitops-kit/kustomize`: `kustomize build` in TypeScript (byte-identical to kustomize v5.5.0) and
 * Flux's Kustomization (post-build substitution, apply, prune, health, diff).
 * @packageDocumentation
 */
export {
  KustomizationError,
  KustomizationErrorCode,
} from './errors/KustomizationError.js';
export {
  substitute,
  substituteDefaults,
  type SubstituteOptions,
  type SubstituteVars,
} from './substitute/envsubst.js';
export {
  substituteObject,
  isSubstitutionDisabled,
  VariableNamePattern,
  type SubstituteObjectOptions,
} from './substitute/substituteObject.js';
export {
  postBuildSubstitute,
  postBuildSubstituteDefaults,
  loadSubstituteVariables,
  clusterSourceReader,
  listSourceReader,
  type PostBuildSubstituteOptions,
  type LoadVariablesOptions,
  type SubstituteSourceReader,
} from './substitute/postBuild.js';
export {
  KustomizationApiVersion,
  KustomizationGroup,
  KustomizeAnnotation,
  DeletionPolicy,
  type Kustomization,
  type KustomizationSpec,
  type KustomizationStatus,
  type DependencyReference,
  type Selector,
  type CustomHealthCheck,
  type PostBuild,
  type SubstituteReference,
  type ResourceInventory,
  type HistoryEntry,
} from './kustomization/types.js';
export {
  generateKustomization,
  isLocalRelativePath,
  KustomizationFileNames,
  type GeneratedKustomization,
} from './kustomization/generate.js';
export {
  buildKustomization,
  buildKustomizationDefaults,
  kustomizeFluxBuild,
  type BuildKustomizationOptions,
  type KustomizeFluxBuildOptions,
  type KustomizeFluxBuildResult,
} from './kustomization/buildKustomization.js';
export { maskSopsData, SopsMask } from './kustomization/maskSops.js';
export { objectsToYaml } from './kustomization/objectsToYaml.js';
export {
  ReconcileOrder,
  ApplyStage,
  applyStageOf,
  sortObjects,
  sortKeyOf,
  compareSortKeys,
  type SortKey,
} from './apply/sort.js';
export {
  Action,
  changeSetEntry,
  hasChanged,
  formatChangeSet,
  type ChangeSetEntry,
} from './apply/changeSet.js';
export {
  anyInMetadata,
  ownerLabels,
  withMetadata,
  ApplyExclusions,
  IfNotPresentSelector,
  ForceSelector,
  PruneExclusions,
} from './apply/metadata.js';
export {
  applyAll,
  applyAllStaged,
  applyDefaults,
  hasDrifted,
  isImmutableError,
  type ApplyOptions,
  type ApplyResult,
} from './apply/applyStaged.js';
export {
  inventoryFromChangeSet,
  inventoryEntryRef,
  listInventory,
  staleObjects,
  mergeInventory,
  sortRefs,
  refsOf,
} from './prune/inventory.js';
export {
  deleteObjects,
  type DeleteObjectsOptions,
  type DeleteObjectsResult,
} from './prune/deleteObjects.js';
export { waitForSet, type WaitForSetOptions } from './health/waitForSet.js';
export {
  kustomizationReconciler,
  kustomizationReconcilerDefaults,
  kustomizationTimeoutMs,
  kustomizationRetryIntervalMs,
  checkDependencies,
  finalizeKustomization,
  type KustomizationReconcilerOptions,
  type FetchedArtifact,
  type BuildInput,
} from './kustomization/reconciler.js';
export {
  diffObjects,
  diffValues,
  formatDiff,
  sanitizeSecretData,
  type DiffOptions,
  type ObjectDiff,
  type FieldChange,
} from './diff/diff.js';
export {
  build,
  buildDefaults,
  type BuildOptions,
  type BuiltResource,
  type ResourceList,
} from './build/build.js';
export type { HelmChartInflater, HelmChartInflationRequest } from './build/helmChart.js';
export {
  memoryFileSystem,
  nodeFileSystem,
  nodeSyncFileSystem,
  type FileInfo,
  type FsError,
  type KustomizeFileSystem,
} from './build/fs.js';
export { LoadRestrictor, type RemoteLoader } from './build/loader.js';
export { KustomizeError, KustomizeErrorCode } from './errors/KustomizeError.js';
export { Kind, Style, Tag, type YNode } from './yaml/node.js';
