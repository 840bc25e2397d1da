import {
  type ClusterClient,
  type KubeObject,
  formatObjectName,
  isGitOpsKitError,
  throwIfAborted,
} from '@gitops-kit/core';
import { KustomizationError } from '../errors/KustomizationError.js';
import type { Kustomization, SubstituteReference } from '../kustomization/types.js';
import { isSubstitutionDisabled, substituteObject } from './substituteObject.js';

/**
 * Reads the ConfigMaps and Secrets that `postBuild.substituteFrom` names. Returns `undefined`
 * when the object does not exist; other failures throw.
 */
export type SubstituteSourceReader = (
  ref: { kind: 'ConfigMap' | 'Secret'; namespace: string; name: string },
  options: { signal?: AbortSignal },
) => Promise<KubeObject | undefined>;

/** A {@link SubstituteSourceReader} over a cluster (`cluster.get`). */
export function clusterSourceReader(cluster: ClusterClient): SubstituteSourceReader {
  return (ref, { signal }) =>
    cluster.get({ apiVersion: 'v1', kind: ref.kind, namespace: ref.namespace, name: ref.name }, { signal });
}

/**
 * A {@link SubstituteSourceReader} over a list of objects (offline builds: `gitops-kit build
 * kustomization --substitute-from FILE`). An object without a namespace matches any namespace.
 */
export function listSourceReader(objects: readonly KubeObject[]): SubstituteSourceReader {
  return async (ref) =>
    objects.find(
      (o) =>
        o.apiVersion === 'v1' &&
        o.kind === ref.kind &&
        o.metadata?.name === ref.name &&
        (!o.metadata?.namespace || o.metadata.namespace === ref.namespace),
    );
}

/** Options of {@link loadSubstituteVariables}. */
export interface LoadVariablesOptions {
  /** Where `substituteFrom` objects are read from; omitted, `substituteFrom` is skipped (Flux's dry-run). */
  reader?: SubstituteSourceReader;
  signal?: AbortSignal;
}

const stripNewlines = (v: string) => v.replaceAll('\n', '');

/**
 * The variables of a Kustomization's post-build substitution, as Flux's `LoadVariables` plus the
 * inline merge: each `substituteFrom` ConfigMap `data` / Secret `data` (base64-decoded; a
 * `stringData` field, as in a manifest file, overrides `data` as the API server would) in order,
 * later sources overriding earlier ones, then `postBuild.substitute` overriding all. Every `\n` is
 * removed from every value. `optional: true` tolerates only a missing object. References of
 * another kind are ignored, as Flux does.
 *
 * @throws {KustomizationError} `SubstituteFromFailed` naming the reference (Flux's wording:
 *   `substitute from 'ConfigMap/name' error: configmaps "name" not found`); `InvalidSpec` when
 *   `postBuild.substitute` holds a non-string value.
 * @see https://github.com/fluxcd/pkg/blob/main/kustomize/kustomize_varsub.go `LoadVariables`
 */
export async function loadSubstituteVariables(
  kustomization: Pick<Kustomization, 'metadata' | 'spec'>,
  options: LoadVariablesOptions = {},
): Promise<Map<string, string>> {
  const vars = new Map<string, string>();
  const postBuild = kustomization.spec?.postBuild;
  const namespace = kustomization.metadata.namespace ?? 'default';
  const refs: SubstituteReference[] = options.reader ? (postBuild?.substituteFrom ?? []) : [];
  const reader = options.reader;
  for (const [i, ref] of refs.entries()) {
    throwIfAborted(options.signal, 'load substitution variables');
    if (ref.kind !== 'ConfigMap' && ref.kind !== 'Secret') continue;
    const plural = ref.kind === 'ConfigMap' ? 'configmaps' : 'secrets';
    let obj: KubeObject | undefined;
    try {
      obj = await reader!({ kind: ref.kind, namespace, name: ref.name }, { signal: options.signal });
    } catch (err) {
      const why = isGitOpsKitError(err) ? err.message : String(err);
      throw new KustomizationError(
        'SubstituteFromFailed',
        `substitute from '${ref.kind}/${ref.name}' error: ${why}`,
        {
          data: {
            fieldPath: `spec.postBuild.substituteFrom[${i}]`,
            kind: ref.kind,
            name: ref.name,
            namespace,
          },
          cause: err,
        },
      );
    }
    if (!obj) {
      if (ref.optional) continue;
      throw new KustomizationError(
        'SubstituteFromFailed',
        `substitute from '${ref.kind}/${ref.name}' error: ${plural} "${ref.name}" not found`,
        {
          data: {
            fieldPath: `spec.postBuild.substituteFrom[${i}]`,
            kind: ref.kind,
            name: ref.name,
            namespace,
          },
        },
      );
    }
    for (const [k, v] of Object.entries(dataOf(obj))) vars.set(k, stripNewlines(v));
  }
  const inline = postBuild?.substitute;
  if (inline !== undefined && inline !== null) {
    if (typeof inline !== 'object' || Array.isArray(inline)) {
      throw new KustomizationError(
        'InvalidSpec',
        '.spec.postBuild.substitute accessor error: expected a map',
        {
          data: { fieldPath: 'spec.postBuild.substitute' },
        },
      );
    }
    for (const [k, v] of Object.entries(inline)) {
      if (typeof v !== 'string') {
        throw new KustomizationError(
          'InvalidSpec',
          `.spec.postBuild.substitute.${k} accessor error: ${JSON.stringify(v)} is of the type ${typeof v}, expected string`,
          { data: { fieldPath: `spec.postBuild.substitute.${k}` } },
        );
      }
      vars.set(k, stripNewlines(v));
    }
  }
  return vars;
}

function dataOf(obj: KubeObject): Record<string, string> {
  const out: Record<string, string> = {};
  const data = obj.data as Record<string, unknown> | undefined;
  if (obj.kind === 'Secret') {
    for (const [k, v] of Object.entries(data ?? {})) {
      if (typeof v === 'string') out[k] = Buffer.from(v, 'base64').toString('utf8');
    }
    for (const [k, v] of Object.entries((obj.stringData as Record<string, unknown> | undefined) ?? {})) {
      if (typeof v === 'string') out[k] = v;
    }
  } else {
    for (const [k, v] of Object.entries(data ?? {})) if (typeof v === 'string') out[k] = v;
  }
  return out;
}

/** Options of {@link postBuildSubstitute}. */
export interface PostBuildSubstituteOptions {
  /** Reads `substituteFrom` objects; omit to load no `substituteFrom` (Flux's dry-run: inline vars only). */
  reader?: SubstituteSourceReader;
  /**
   * Strict substitution. Default `true`, as kustomize-controller (feature gate
   * `StrictPostBuildSubstitutions`, on since v1.9); `flux build`/`diff` default to `false`.
   */
  strict?: boolean;
  /**
   * The prefix of error messages, given the object that failed. Default kustomize-controller's
   * `post build failed for '<group>_<version>_<kind>/<name>': `; `flux build` uses
   * `var substitution failed for '<name>': `.
   */
  errorPrefix?: (obj: KubeObject) => string;
  signal?: AbortSignal;
}

/** Defaults of {@link PostBuildSubstituteOptions}. */
export const postBuildSubstituteDefaults = { strict: true } as const;

/**
 * Runs a Kustomization's post-build substitution over built objects, exactly as
 * kustomize-controller: nothing happens unless `spec.postBuild` is set; objects labelled or
 * annotated `kustomize.toolkit.fluxcd.io/substitute: disabled` are left alone; the variables are
 * loaded ({@link loadSubstituteVariables}) when the first other object needs them; when no
 * variable resolves the objects are left alone too, unless `substituteStrategy: Always`.
 *
 * @returns the objects, substituted ones replaced (the input array is not changed).
 * @throws {KustomizationError} the codes of {@link loadSubstituteVariables} and
 *   {@link substituteObject}, with the message prefixed `post build failed for
 *   '<group>_<version>_<kind>/<name>': ` (Flux's wording, `~G` for the core group).
 * @see https://github.com/fluxcd/kustomize-controller/blob/main/internal/controller/kustomization_controller.go `build`
 * @example
 * ```ts
 * const out = await postBuildSubstitute(objects, kustomization, { reader: clusterSourceReader(cluster) });
 * ```
 */
export async function postBuildSubstitute(
  objects: readonly KubeObject[],
  kustomization: Pick<Kustomization, 'metadata' | 'spec'>,
  options: PostBuildSubstituteOptions = {},
): Promise<KubeObject[]> {
  const postBuild = kustomization.spec?.postBuild;
  if (!postBuild) return [...objects];
  const strict = options.strict ?? postBuildSubstituteDefaults.strict;
  const always = postBuild.substituteStrategy === 'Always';
  let vars: Map<string, string> | undefined;
  const out: KubeObject[] = [];
  for (const obj of objects) {
    if (isSubstitutionDisabled(obj)) {
      out.push(obj);
      continue;
    }
    try {
      vars ??= await loadSubstituteVariables(kustomization, {
        reader: options.reader,
        signal: options.signal,
      });
      out.push(vars.size > 0 || always ? substituteObject(obj, vars, { strict }) : obj);
    } catch (err) {
      if (isGitOpsKitError(err)) {
        const data = { ...err.data };
        const prefix = options.errorPrefix
          ? options.errorPrefix(obj)
          : `post build failed for '${gvkString(obj)}/${obj.metadata?.name ?? ''}': `;
        const inner =
          err.code === 'SubstituteFromFailed' || err.code === 'InvalidSpec'
            ? err.message
            : `envsubst error: ${err.message}`;
        throw new KustomizationError(err.code as never, prefix + inner, {
          data: {
            ...data,
            object: formatObjectName({
              kind: obj.kind,
              namespace: obj.metadata?.namespace,
              name: obj.metadata?.name,
            }),
          },
          cause: err,
        });
      }
      throw err;
    }
  }
  return out;
}

/** kustomize's `resid.Gvk.String()`: `<group>_<version>_<kind>` with `~G`/`~V`/`~K` for empty parts. */
function gvkString(obj: KubeObject): string {
  const av = obj.apiVersion ?? '';
  const slash = av.indexOf('/');
  const group = slash < 0 ? '' : av.slice(0, slash);
  const version = slash < 0 ? av : av.slice(slash + 1);
  return `${group || '~G'}_${version || '~V'}_${obj.kind || '~K'}`;
}
