/**
 * The one error base class of GitOps Kit. Every package throws subclasses of it (or it directly),
 * each with a string-literal `code` from that package's union (listed in `docs/errors.md`) and
 * structured `data` naming the object and the place.
 *
 * Match errors with {@link isGitOpsKitError} (a brand check), not `instanceof`: two installed copies
 * of a package each have their own class, and `instanceof` fails across them.
 *
 * Messages follow Flux's style, object first then place, e.g.
 * `Kustomization/flux-system/apps: postBuild.substituteFrom[1]: Secret 'vars' not found`.
 * They never contain response bodies, headers or secret values.
 *
 * @see https://github.com/fluxcd/pkg/blob/main/ssa/utils/fmt.go (message style)
 */

const BRAND = Symbol.for('@gitops-kit/error');

/**
 * Where an error happened: the object (`kind`, `namespace`, `name`), the input (`file`,
 * `documentIndex`, zero-based within a multi-document YAML stream) and the field (`fieldPath`,
 * dotted with `[i]` indices, e.g. `spec.postBuild.substituteFrom[1]`). Extra keys are allowed.
 */
export interface ErrorData {
  kind?: string;
  namespace?: string;
  name?: string;
  file?: string;
  documentIndex?: number;
  fieldPath?: string;
  [key: string]: unknown;
}

/** Error codes thrown by `@gitops-kit/core`. Each is documented in `docs/errors.md`. */
export const CoreErrorCode = {
  /** A Go duration string could not be parsed (`time.ParseDuration` semantics). */
  InvalidDuration: 'InvalidDuration',
  /** An object is malformed: missing `apiVersion`, `kind`, `metadata.name`, or a field of the wrong type. */
  InvalidObject: 'InvalidObject',
  /** A resource id (`<namespace>_<name>_<group>_<kind>`) or object reference could not be parsed. */
  InvalidResourceId: 'InvalidResourceId',
  /** The cluster does not serve this apiVersion/kind. */
  UnknownKind: 'UnknownKind',
  /** A namespaced object has no namespace, or its namespace does not exist. */
  NamespaceNotFound: 'NamespaceNotFound',
  /** The object does not exist. */
  NotFound: 'NotFound',
  /** Create of an object that already exists. */
  AlreadyExists: 'AlreadyExists',
  /** Optimistic-concurrency conflict: `metadata.resourceVersion` is stale. */
  Conflict: 'Conflict',
  /** Server-side apply conflict: fields are owned by another field manager and `force` was not set. */
  ApplyConflict: 'ApplyConflict',
  /** The server rejected the object (validation, immutable field, ...). */
  Invalid: 'Invalid',
  /** The request was not authorised (401/403 from a real API server). */
  Forbidden: 'Forbidden',
  /** The operation did not finish in time. */
  Timeout: 'Timeout',
  /** The operation was aborted through its `AbortSignal`. */
  Aborted: 'Aborted',
  /** `dependsOn` forms a cycle; `data.cycle` lists it. */
  DependencyCycle: 'DependencyCycle',
  /** A CEL health expression does not compile or does not return a bool. */
  InvalidExpression: 'InvalidExpression',
  /** A transport or server error talking to a cluster or remote. */
  ServerError: 'ServerError',
  /** Bad input to a function (not an object problem): a wrong option, a malformed selector. */
  InvalidArgument: 'InvalidArgument',
  /** A watch asked to resume from a resourceVersion the cluster no longer keeps (410 Gone): list again. */
  Expired: 'Expired',
} as const;
/** @see {@link CoreErrorCode} */
export type CoreErrorCode = (typeof CoreErrorCode)[keyof typeof CoreErrorCode];

/** Options of the {@link GitOpsKitError} constructor. */
export interface GitOpsKitErrorOptions {
  /** Structured location of the error. */
  data?: ErrorData;
  /** The underlying error (ES2022 `cause`). */
  cause?: unknown;
}

/**
 * Base error with a `code` and structured `data`.
 *
 * @typeParam C - the package's code union, e.g. {@link CoreErrorCode}.
 * @example
 * ```ts
 * try { parseDuration('1x') } catch (e) { if (isGitOpsKitError(e, 'InvalidDuration')) console.log(e.message) }
 * ```
 */
export class GitOpsKitError<C extends string = string> extends Error {
  /** Machine-readable code, stable across versions. */
  readonly code: C;
  /** Where the error happened. */
  readonly data: ErrorData;
  /** @internal brand for {@link isGitOpsKitError}. */
  readonly [BRAND] = true;

  constructor(code: C, message: string, options: GitOpsKitErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'GitOpsKitError';
    this.code = code;
    this.data = options.data ?? {};
  }
}

/**
 * True when `value` is a GitOps Kit error (from any installed copy), optionally with one of `codes`.
 *
 * @example
 * ```ts
 * if (isGitOpsKitError(err, 'NotFound', 'NamespaceNotFound')) { ... }
 * ```
 */
export function isGitOpsKitError<C extends string = string>(
  value: unknown,
  ...codes: C[]
): value is GitOpsKitError<C> {
  if (typeof value !== 'object' || value === null) return false;
  if ((value as Record<symbol, unknown>)[BRAND] !== true) return false;
  return codes.length === 0 || codes.includes((value as GitOpsKitError).code as C);
}

/** A core error; `code` is a {@link CoreErrorCode}. */
export class CoreError extends GitOpsKitError<CoreErrorCode> {
  constructor(code: CoreErrorCode, message: string, options?: GitOpsKitErrorOptions) {
    super(code, message, options);
    this.name = 'CoreError';
  }
}

/**
 * Formats an object's identity for messages as Flux does: `Kind/namespace/name`, or `Kind/name` for
 * cluster-scoped objects.
 *
 * @see https://github.com/fluxcd/pkg/blob/main/ssa/utils/fmt.go `FmtUnstructured`
 */
export function formatObjectName(ref: { kind?: string; namespace?: string; name?: string }): string {
  const kind = ref.kind ?? '';
  return ref.namespace ? `${kind}/${ref.namespace}/${ref.name ?? ''}` : `${kind}/${ref.name ?? ''}`;
}
