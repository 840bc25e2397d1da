import { GitOpsKitError, type GitOpsKitErrorOptions } from '@gitops-kit/core';

/**
 * Error codes of Flux's Kustomization in `@gitops-kit/kustomize` (substitution, generation, apply,
 * prune, health, reconcile). Each is documented in `docs/errors.md`.
 */
export const KustomizationErrorCode = {
  /** An `${...}` expression does not parse (envsubst `bad substitution`, `missing closing brace`, ...). */
  BadSubstitution: 'BadSubstitution',
  /** Strict substitution: a variable without a default is not set; `data.variable` names it. */
  VariableNotSet: 'VariableNotSet',
  /** A substitution variable name does not match `^[_[:alpha:]][_[:alpha:][:digit:]]*$`. */
  InvalidVariableName: 'InvalidVariableName',
  /** The substituted object is no longer valid YAML (or not representable as JSON). */
  SubstitutionFailed: 'SubstitutionFailed',
  /** A `postBuild.substituteFrom` ConfigMap/Secret is missing (and not `optional`) or unreadable. */
  SubstituteFromFailed: 'SubstituteFromFailed',
  /** The Kustomization object is malformed: a field has the wrong type or an invalid value. */
  InvalidSpec: 'InvalidSpec',
  /** `spec.decryption` (SOPS) is set; GitOps Kit does not decrypt yet. */
  DecryptionNotSupported: 'DecryptionNotSupported',
  /** `spec.path` (or a path in the generated kustomization) does not exist or escapes the root. */
  PathNotFound: 'PathNotFound',
  /** A manifest in a directory without a kustomization file is not a valid Kubernetes object. */
  InvalidManifest: 'InvalidManifest',
  /** A SOPS-encrypted Secret was found and decryption is not configured. */
  EncryptedSecret: 'EncryptedSecret',
  /** Server-side apply of one or more objects failed; `data` names the object. */
  ApplyFailed: 'ApplyFailed',
  /** Deleting stale objects failed. */
  PruneFailed: 'PruneFailed',
  /** Health checks did not pass within `spec.timeout`, or an object reached `Failed`. */
  HealthCheckFailed: 'HealthCheckFailed',
  /** A `dependsOn` Kustomization is missing or not Ready at its latest generation/revision. */
  DependencyNotReady: 'DependencyNotReady',
  /** The source referenced by `spec.sourceRef` or its artifact is not available. */
  ArtifactFailed: 'ArtifactFailed',
} as const;
/** @see {@link KustomizationErrorCode} */
export type KustomizationErrorCode = (typeof KustomizationErrorCode)[keyof typeof KustomizationErrorCode];

/** An error of the Flux Kustomization layer; `code` is a {@link KustomizationErrorCode}. */
export class KustomizationError extends GitOpsKitError<KustomizationErrorCode> {
  constructor(code: KustomizationErrorCode, message: string, options?: GitOpsKitErrorOptions) {
    super(code, message, options);
    this.name = 'KustomizationError';
  }
}
