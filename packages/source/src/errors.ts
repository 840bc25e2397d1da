import { GitOpsKitError, type GitOpsKitErrorOptions } from '@gitops-kit/core';

/**
 * Error codes thrown by `@gitops-kit/source`. Each is documented in `docs/errors.md`.
 *
 * Messages name the object or URL and the place, never credentials, response bodies or headers.
 */
export const SourceErrorCode = {
  /** `spec.url` is malformed or has an unsupported scheme (Flux reason `URLInvalid`). */
  InvalidURL: 'InvalidURL',
  /** `spec.ref` is malformed: a bad semver constraint, a commit that is not a hex SHA, a ref name with a leading or trailing `/`. */
  InvalidReference: 'InvalidReference',
  /** The repository exists but the branch, tag, ref name or commit does not; or no tag matches the semver constraint. */
  ReferenceNotFound: 'ReferenceNotFound',
  /** The remote answered 404: no repository at that URL. */
  RepositoryNotFound: 'RepositoryNotFound',
  /** The remote repository has no refs at all. */
  EmptyRepository: 'EmptyRepository',
  /** The remote rejected the credentials (401/403), or the Secret's auth keys are unusable (Flux reason `AuthenticationFailed`). */
  AuthenticationFailed: 'AuthenticationFailed',
  /** A transport or git failure: host unreachable, TLS failure, unexpected server answer, `git` exiting non-zero. */
  GitOperationFailed: 'GitOperationFailed',
  /** A feature the chosen backend cannot do (SSH or submodules with isomorphic-git). `data.feature` names it. */
  UnsupportedFeature: 'UnsupportedFeature',
  /** The operation did not finish within `timeoutMs` (spec.timeout). */
  Timeout: 'Timeout',
  /** An archive entry would land outside the target: absolute path, `..`, a symlink out, a path through a symlink, or an unsupported entry type (hard link, device). */
  UnsafeArchiveEntry: 'UnsafeArchiveEntry',
  /** An archive exceeds `maxBytes` (uncompressed) or `maxFiles`. */
  ArchiveTooLarge: 'ArchiveTooLarge',
  /** An archive is not valid gzip or tar. */
  InvalidArchive: 'InvalidArchive',
  /** The extraction target exists and is not an empty directory. */
  TargetNotEmpty: 'TargetNotEmpty',
  /** A stored artifact's bytes do not hash to its `digest`. */
  DigestMismatch: 'DigestMismatch',
  /** An artifact file is not in storage. */
  ArtifactNotFound: 'ArtifactNotFound',
  /** A filesystem operation in the artifact store failed (Flux condition `StorageOperationFailed`). */
  StorageOperationFailed: 'StorageOperationFailed',
  /** The per-object storage lock could not be taken within `lockTimeoutMs`. */
  LockTimeout: 'LockTimeout',
  /** An included GitRepository does not exist or has no artifact yet (Flux condition `IncludeUnavailable`). */
  IncludeUnavailable: 'IncludeUnavailable',
  /** Bad input to a function: a wrong option, an invalid path argument. */
  InvalidArgument: 'InvalidArgument',
} as const;
/** @see {@link SourceErrorCode} */
export type SourceErrorCode = (typeof SourceErrorCode)[keyof typeof SourceErrorCode];

/**
 * An error from `@gitops-kit/source`; `code` is a {@link SourceErrorCode}. Match it with
 * `isGitOpsKitError(err, 'ReferenceNotFound')` from `@gitops-kit/core`.
 */
export class SourceError extends GitOpsKitError<SourceErrorCode> {
  constructor(code: SourceErrorCode, message: string, options?: GitOpsKitErrorOptions) {
    super(code, message, options);
    this.name = 'SourceError';
  }
}
