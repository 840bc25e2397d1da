/**
 * `@gitops-kit/source`: Flux's source primitives. Fetch a GitRepository into an immutable artifact
 * (`fetchGitRepository`), with ignore rules, deterministic tar.gz packaging, safe extraction and a
 * local artifact store; the GitRepository reconciler.
 * @packageDocumentation
 */
export { SourceError, SourceErrorCode } from './errors.js';
export type { Artifact } from './artifact/types.js';
export {
  packDirectory,
  listPackEntries,
  packDirectoryDefaults,
  DefaultDirMode,
  DefaultFileMode,
  DefaultExeFileMode,
  type PackDirectoryOptions,
  type PackEntry,
} from './artifact/archive.js';
export {
  extractArtifact,
  extractArtifactDefaults,
  safeEntryName,
  type ExtractArtifactOptions,
  type ExtractResult,
} from './artifact/extract.js';
export {
  SourceIgnoreFile,
  ExcludeVCS,
  ExcludeDefaults,
  readIgnorePatterns,
  loadIgnorePatterns,
  createIgnoreFilter,
  sourceIgnoreFilter,
  type IgnorePatterns,
  type IgnoreFs,
  type IgnoreFilter,
  type LoadIgnorePatternsOptions,
} from './ignore/sourceignore.js';
export {
  createArtifactStorage,
  artifactStorageDefaults,
  type ArtifactStorage,
  type ArtifactStorageOptions,
  type ArtifactOwner,
  type StorageCallOptions,
} from './storage/storage.js';
export {
  parseSemVer,
  parseLooseVersion,
  compareSemVer,
  comparePrerelease,
  type SemVer,
} from './semver/version.js';
export { parseSemVerConstraint, checkSemVer, type SemVerConstraint } from './semver/constraint.js';
export type {
  GitBackend,
  GitAuth,
  RemoteRef,
  CommitInfo,
  Gitlink,
  BackendCallOptions,
  BackendFetchOptions,
  BackendCheckoutOptions,
} from './git/GitBackend.js';
export {
  isomorphicGitBackend,
  isomorphicGitBackendDefaults,
  type IsomorphicGitBackendOptions,
} from './git/isomorphicGit.js';
export { gitCliBackend, gitCliBackendDefaults, type GitCliBackendOptions } from './git/gitCli.js';
export { gitAuthFromSecret, type SecretLike } from './git/auth.js';
export { formatGitRevision, transformGitRevision, revisionCommit } from './git/revision.js';
export {
  planCheckout,
  selectSemverTags,
  findRemoteRef,
  DefaultBranch,
  type GitRepositoryRef,
  type CheckoutPlan,
  type SemverCandidate,
} from './git/reference.js';
export { parseGitUrl, redactUrl, resolveSubmoduleUrl } from './git/url.js';
export {
  fetchGitRepository,
  fetchGitRepositoryDefaults,
  type FetchGitRepositoryOptions,
  type FetchGitRepositoryResult,
  type GitInclude,
} from './git/fetchGitRepository.js';
export { acquireFileLock, type FileLockOptions } from './storage/fileLock.js';
export {
  createGitRepositoryReconciler,
  GitRepositoryCondition,
  SourceApiVersion,
  type GitRepository,
  type GitRepositorySpec,
  type GitRepositoryStatus,
  type GitRepositoryInclude,
  type GitRepositoryReconcilerOptions,
} from './reconciler/gitRepositoryReconciler.js';
