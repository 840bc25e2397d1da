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
