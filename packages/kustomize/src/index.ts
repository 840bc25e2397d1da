/**
 * `@gitops-kit/kustomize`: `kustomize build` in TypeScript and Flux's Kustomization
 * (post-build substitution, apply, prune, health, diff).
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
