import {
  type Condition,
  type KubeObject,
  type ReconcileContext,
  type ReconcileEvent,
  type ReconcileResult,
  type Reconciler,
  deleteCondition,
  isGitOpsKitError,
  isTrue,
  markFalse,
  markReconciling,
  markTrue,
  markUnknown,
  parseDuration,
} from '@gitops-kit/core';
import type { Artifact } from '../artifact/types.js';
import { type SecretLike, gitAuthFromSecret } from '../git/auth.js';
import { type GitInclude, fetchGitRepository } from '../git/fetchGitRepository.js';
import type { GitBackend } from '../git/GitBackend.js';
import type { GitRepositoryRef } from '../git/reference.js';
import type { ArtifactStorage } from '../storage/storage.js';

/** `source.toolkit.fluxcd.io/v1`. */
export const SourceApiVersion = 'source.toolkit.fluxcd.io/v1';

/** GitRepository condition types and reasons used here (source-controller api/v1/condition_types.go). */
export const GitRepositoryCondition = {
  ArtifactInStorage: 'ArtifactInStorage',
  ArtifactOutdated: 'ArtifactOutdated',
  FetchFailed: 'FetchFailed',
  IncludeUnavailable: 'IncludeUnavailable',
  StorageOperationFailed: 'StorageOperationFailed',
} as const;

/** One `spec.include` entry. */
export interface GitRepositoryInclude {
  repository: { name: string };
  fromPath?: string;
  toPath?: string;
}

/** The `spec` of a GitRepository (the fields this reconciler acts on). */
export interface GitRepositorySpec {
  url: string;
  ref?: GitRepositoryRef;
  secretRef?: { name: string };
  proxySecretRef?: { name: string };
  /** Go duration, e.g. `1m`. */
  interval: string;
  /** Go duration; default `60s`. */
  timeout?: string;
  ignore?: string;
  suspend?: boolean;
  recurseSubmodules?: boolean;
  include?: GitRepositoryInclude[];
}

/** The `status` of a GitRepository. */
export interface GitRepositoryStatus {
  observedGeneration?: number;
  conditions?: Condition[];
  artifact?: Artifact;
  includedArtifacts?: Artifact[];
  observedIgnore?: string;
  observedRecurseSubmodules?: boolean;
  observedInclude?: GitRepositoryInclude[];
  lastHandledReconcileAt?: string;
}

/** A `source.toolkit.fluxcd.io/v1` GitRepository. */
export interface GitRepository extends KubeObject {
  spec: GitRepositorySpec;
  status?: GitRepositoryStatus;
}

/** Options of {@link createGitRepositoryReconciler}. */
export interface GitRepositoryReconcilerOptions {
  storage: ArtifactStorage;
  /** Git implementation; default isomorphic-git. */
  backend?: GitBackend;
  /** Repository cache for incremental fetches; default none. */
  cacheDir?: string;
  /** Requeue when an include is not ready, ms. Default 30 000 (`--requeue-dependency`). */
  dependencyRequeueMs?: number;
}

const NotifyGroup = 'source.toolkit.fluxcd.io';

function shortMessage(message: string): string {
  const subject = [...(message.split('\n')[0] ?? '')];
  return subject.length > 50 ? `${subject.slice(0, 50).join('')}...` : subject.join('');
}

function contentConfigChanged(obj: GitRepository, includes: Artifact[]): boolean {
  const s = obj.status ?? {};
  if ((obj.spec.ignore ?? undefined) !== (s.observedIgnore ?? undefined)) return true;
  if (!!obj.spec.recurseSubmodules !== !!s.observedRecurseSubmodules) return true;
  const inc = obj.spec.include ?? [];
  const observed = s.observedInclude ?? [];
  const arts = s.includedArtifacts ?? [];
  if (inc.length !== observed.length || inc.length !== arts.length || inc.length !== includes.length)
    return true;
  return inc.some((x, i) => {
    const o = observed[i]!;
    return (
      x.repository.name !== o.repository.name ||
      x.fromPath !== o.fromPath ||
      x.toPath !== o.toPath ||
      arts[i]!.revision !== includes[i]!.revision ||
      arts[i]!.digest !== includes[i]!.digest
    );
  });
}

/**
 * The GitRepository reconciler, as source-controller's: verify the stored artifact (drop it when
 * missing or its digest does not match) and garbage-collect old ones; read `secretRef` and
 * `proxySecretRef`; wait for included GitRepositories; fetch with the no-op skip when nothing
 * changed; archive; set `status.artifact`, `includedArtifacts`, `observedIgnore`,
 * `observedRecurseSubmodules`, `observedInclude`.
 *
 * Conditions: `Reconciling` while working (`Progressing`, then `ProgressingWithRetry` on failure),
 * `FetchFailed` (`AuthenticationFailed`, `GitOperationFailed`, `URLInvalid` which stalls),
 * `IncludeUnavailable` (`NotFound`, `NoArtifact`), `StorageOperationFailed`
 * (`ArchiveOperationFailed`), `ArtifactInStorage=True/Succeeded`, and `Ready` (`Succeeded` with
 * `stored artifact for revision '<rev>'`, else the failing condition's reason). Events: `NewArtifact`
 * (`stored artifact for commit '<subject>'`, metadata `source.toolkit.fluxcd.io/revision` and
 * `/digest`) when the digest changes, `Succeeded` on recovery from a failure, Warning events on
 * failures. `finalize` removes the object's artifacts.
 *
 * @see https://github.com/fluxcd/source-controller/blob/main/internal/controller/gitrepository_controller.go
 * @example
 * ```ts
 * const reconciler = createGitRepositoryReconciler({ storage: createArtifactStorage({ basePath }) });
 * const result = await reconciler.reconcile(gitRepository, ctx);
 * ```
 */
export function createGitRepositoryReconciler(
  options: GitRepositoryReconcilerOptions,
): Reconciler<GitRepository> {
  const storage = options.storage;
  const dependencyRequeueMs = options.dependencyRequeueMs ?? 30_000;
  const owner = (o: GitRepository) => ({
    kind: 'GitRepository',
    namespace: o.metadata.namespace ?? 'default',
    name: o.metadata.name ?? '',
  });

  return {
    apiVersion: SourceApiVersion,
    kind: 'GitRepository',
    controllerName: 'source-controller',

    async reconcile(input, ctx: ReconcileContext): Promise<ReconcileResult> {
      const obj = structuredClone(input) as GitRepository;
      obj.status ??= {};
      const status = obj.status;
      const clock = { clock: ctx.clock };
      const events: ReconcileEvent[] = [];
      const namespace = obj.metadata.namespace ?? 'default';
      const previousDigest = input.status?.artifact?.digest;
      const wasFailing = ['FetchFailed', 'IncludeUnavailable', 'StorageOperationFailed'].some((t) =>
        isTrue(input, t),
      );

      markReconciling(obj, 'Progressing', 'reconciliation in progress', clock);

      const fail = (
        type: string,
        reason: string,
        message: string,
        extra: Partial<ReconcileResult> = {},
      ): ReconcileResult => {
        markTrue(obj, type, reason, message, clock);
        markFalse(obj, 'Ready', reason, message, clock);
        markReconciling(obj, 'ProgressingWithRetry', message, clock);
        if (extra.stalled) {
          markTrue(obj, 'Stalled', reason, message, clock);
          deleteCondition(obj, 'Reconciling');
          status.observedGeneration = obj.metadata.generation;
        }
        events.push({ severity: 'error', reason, message });
        return { status: { ...status }, conditions: status.conditions, events, ...extra };
      };

      // reconcileStorage: drop a missing or corrupt artifact, collect old ones.
      if (status.artifact) {
        let missing = !(await storage.exists(status.artifact));
        if (!missing) {
          try {
            await storage.verify(status.artifact, { signal: ctx.signal });
          } catch (e) {
            events.push({
              severity: 'error',
              reason: 'ArtifactVerificationFailed',
              message: `failed to verify integrity of artifact: ${(e as Error).message}`,
            });
            await storage.remove(status.artifact);
            missing = true;
          }
        }
        if (missing) {
          status.artifact = undefined;
          deleteCondition(obj, GitRepositoryCondition.ArtifactInStorage);
          markReconciling(obj, 'Progressing', 'building artifact: disappeared from storage', clock);
        } else {
          await storage.garbageCollect(status.artifact, { signal: ctx.signal }).catch(() => []);
        }
      }
      if (!status.artifact) markUnknown(obj, 'Ready', 'Progressing', 'building artifact', clock);

      // Secrets.
      const getSecret = async (name: string) => {
        const s = (await ctx.cluster.get(
          { apiVersion: 'v1', kind: 'Secret', namespace, name },
          { signal: ctx.signal },
        )) as (KubeObject & SecretLike) | undefined;
        if (!s) throw new Error(`failed to get secret '${namespace}/${name}': not found`);
        return s;
      };
      let auth: ReturnType<typeof gitAuthFromSecret>;
      try {
        const secret = obj.spec.secretRef ? await getSecret(obj.spec.secretRef.name) : undefined;
        const proxySecret = obj.spec.proxySecretRef
          ? await getSecret(obj.spec.proxySecretRef.name)
          : undefined;
        auth = gitAuthFromSecret({ secret, proxySecret });
      } catch (e) {
        return fail(GitRepositoryCondition.FetchFailed, 'AuthenticationFailed', (e as Error).message);
      }

      // Includes.
      const includes: GitInclude[] = [];
      const includedArtifacts: Artifact[] = [];
      for (const inc of obj.spec.include ?? []) {
        const dep = (await ctx.cluster.get(
          { apiVersion: SourceApiVersion, kind: 'GitRepository', namespace, name: inc.repository.name },
          { signal: ctx.signal },
        )) as GitRepository | undefined;
        if (!dep) {
          return fail(
            GitRepositoryCondition.IncludeUnavailable,
            'NotFound',
            `could not get resource for include '${inc.repository.name}'`,
            {
              requeueAfterMs: dependencyRequeueMs,
            },
          );
        }
        const art = dep.status?.artifact;
        if (!art) {
          return fail(
            GitRepositoryCondition.IncludeUnavailable,
            'NoArtifact',
            `no artifact available for include '${inc.repository.name}'`,
            {
              requeueAfterMs: dependencyRequeueMs,
            },
          );
        }
        includes.push({ artifact: art, fromPath: inc.fromPath, toPath: inc.toPath ?? inc.repository.name });
        includedArtifacts.push(art);
      }
      deleteCondition(obj, GitRepositoryCondition.IncludeUnavailable);

      const canSkip =
        status.artifact &&
        isTrue(input, GitRepositoryCondition.ArtifactInStorage) &&
        !contentConfigChanged(obj, includedArtifacts);
      let timeoutMs = 60_000;
      try {
        if (obj.spec.timeout) timeoutMs = parseDuration(obj.spec.timeout);
      } catch (e) {
        return fail(GitRepositoryCondition.FetchFailed, 'InvalidTimeout', (e as Error).message, {
          stalled: true,
        });
      }

      let result: Awaited<ReturnType<typeof fetchGitRepository>>;
      try {
        result = await fetchGitRepository({
          url: obj.spec.url,
          ref: obj.spec.ref,
          auth,
          ignore: obj.spec.ignore,
          recurseSubmodules: obj.spec.recurseSubmodules,
          include: includes,
          storage,
          owner: { namespace, name: obj.metadata.name ?? '' },
          backend: options.backend,
          cacheDir: options.cacheDir,
          lastArtifact: canSkip ? status.artifact : undefined,
          timeoutMs,
          clock: ctx.clock,
          logger: ctx.logger,
          signal: ctx.signal,
        });
      } catch (e) {
        const msg = (e as Error).message;
        if (isGitOpsKitError(e, 'InvalidURL'))
          return fail(GitRepositoryCondition.FetchFailed, 'URLInvalid', msg, { stalled: true });
        if (isGitOpsKitError(e, 'AuthenticationFailed')) {
          return fail(
            GitRepositoryCondition.FetchFailed,
            'AuthenticationFailed',
            `failed to checkout and determine revision: ${msg}`,
          );
        }
        if (isGitOpsKitError(e, 'IncludeUnavailable'))
          return fail(GitRepositoryCondition.IncludeUnavailable, 'NoArtifact', msg);
        if (isGitOpsKitError(e, 'StorageOperationFailed', 'LockTimeout', 'InvalidArgument')) {
          return fail(
            GitRepositoryCondition.StorageOperationFailed,
            'ArchiveOperationFailed',
            `unable to archive artifact to storage: ${msg}`,
          );
        }
        return fail(
          GitRepositoryCondition.FetchFailed,
          'GitOperationFailed',
          `failed to checkout and determine revision: ${msg}`,
        );
      }

      const artifact = result.artifact;
      if (result.status === 'stored') {
        status.artifact = artifact;
        status.includedArtifacts = includedArtifacts;
        status.observedIgnore = obj.spec.ignore;
        status.observedRecurseSubmodules = obj.spec.recurseSubmodules;
        status.observedInclude = obj.spec.include;
        await storage.garbageCollect(artifact, { signal: ctx.signal }).catch(() => []);
      }
      for (const t of [
        GitRepositoryCondition.FetchFailed,
        GitRepositoryCondition.StorageOperationFailed,
        GitRepositoryCondition.ArtifactOutdated,
        'Stalled',
        'Reconciling',
      ]) {
        deleteCondition(obj, t);
      }
      const message = `stored artifact for revision '${artifact.revision}'`;
      markTrue(obj, GitRepositoryCondition.ArtifactInStorage, 'Succeeded', message, clock);
      markTrue(obj, 'Ready', 'Succeeded', message, clock);
      status.observedGeneration = obj.metadata.generation;

      const eventMessage =
        result.status === 'stored'
          ? `stored artifact for commit '${shortMessage(result.commit.message)}'`
          : `stored artifact for commit '${result.revision}'`;
      const metadata = {
        [`${NotifyGroup}/revision`]: artifact.revision,
        [`${NotifyGroup}/digest`]: artifact.digest ?? '',
      };
      if (previousDigest !== artifact.digest)
        events.push({ severity: 'info', reason: 'NewArtifact', message: eventMessage, metadata });
      else if (wasFailing)
        events.push({ severity: 'info', reason: 'Succeeded', message: eventMessage, metadata });
      else
        events.push({
          severity: 'trace',
          reason: 'ArtifactUpToDate',
          message: `artifact up-to-date with remote revision: '${artifact.revision}'`,
        });

      return { status: { ...status }, conditions: status.conditions, events };
    },

    async finalize(obj) {
      await storage.removeAll(owner(obj));
    },
  };
}
