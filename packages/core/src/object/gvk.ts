import { CoreError } from '../errors/GitOpsKitError.js';
import type { GroupKind, GroupVersionKind, KubeObject, ObjectRef } from './types.js';

/**
 * Splits an `apiVersion` into group and version: `apps/v1` → `{ group: 'apps', version: 'v1' }`,
 * `v1` → `{ group: '', version: 'v1' }`.
 *
 * @throws {CoreError} `InvalidObject` when the string has more than one `/` or is empty.
 * @see https://github.com/kubernetes/apimachinery/blob/master/pkg/runtime/schema/group_version.go `ParseGroupVersion`
 */
export function parseApiVersion(apiVersion: string): { group: string; version: string } {
  if (apiVersion === '')
    throw new CoreError('InvalidObject', 'apiVersion is empty', { data: { fieldPath: 'apiVersion' } });
  const parts = apiVersion.split('/');
  if (parts.length === 1) return { group: '', version: parts[0]! };
  if (parts.length === 2) return { group: parts[0]!, version: parts[1]! };
  throw new CoreError('InvalidObject', `unexpected GroupVersion string: ${apiVersion}`, {
    data: { fieldPath: 'apiVersion' },
  });
}

/** Joins group and version into an `apiVersion` (`''` group → just the version). */
export function formatApiVersion(group: string, version: string): string {
  return group === '' ? version : `${group}/${version}`;
}

/** The group/version/kind of an object or reference (`apiVersion` required). */
export function gvkOf(obj: { apiVersion?: string; kind: string }): GroupVersionKind {
  const { group, version } = parseApiVersion(obj.apiVersion ?? '');
  return { group, version, kind: obj.kind };
}

/** The group/kind of an object (the version is dropped), e.g. `{ group: 'apps', kind: 'Deployment' }`. */
export function groupKindOf(obj: { apiVersion?: string; kind: string }): GroupKind {
  const { group } = parseApiVersion(obj.apiVersion ?? '');
  return { group, kind: obj.kind };
}

/** `group/Kind`, or just `Kind` for the core group: the key of rule tables. */
export function formatGroupKind(gk: GroupKind): string {
  return gk.group === '' ? gk.kind : `${gk.group}/${gk.kind}`;
}

/** A reference to the given object. */
export function refOf(obj: KubeObject): ObjectRef {
  const ref: ObjectRef = { apiVersion: obj.apiVersion, kind: obj.kind, name: obj.metadata.name ?? '' };
  if (obj.metadata.namespace) ref.namespace = obj.metadata.namespace;
  return ref;
}

/**
 * Checks the minimal shape every object needs (`apiVersion`, `kind`, `metadata.name` as strings)
 * and returns it typed.
 *
 * @param where - prefix for messages, e.g. a file name and document index.
 * @throws {CoreError} `InvalidObject` naming the missing or mistyped field.
 */
export function assertKubeObject(value: unknown, where = 'object'): KubeObject {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new CoreError('InvalidObject', `${where}: not a mapping`);
  }
  const v = value as Record<string, unknown>;
  for (const field of ['apiVersion', 'kind'] as const) {
    if (typeof v[field] !== 'string' || v[field] === '') {
      throw new CoreError('InvalidObject', `${where}: ${field} must be a non-empty string`, {
        data: { fieldPath: field },
      });
    }
  }
  const meta = v.metadata;
  if (typeof meta !== 'object' || meta === null || Array.isArray(meta)) {
    throw new CoreError('InvalidObject', `${where}: ${v.kind}: metadata must be a mapping`, {
      data: { kind: v.kind as string, fieldPath: 'metadata' },
    });
  }
  const m = meta as Record<string, unknown>;
  if (typeof m.name !== 'string' || m.name === '') {
    if (typeof m.generateName !== 'string' || m.generateName === '') {
      throw new CoreError('InvalidObject', `${where}: ${v.kind}: metadata.name must be a non-empty string`, {
        data: { kind: v.kind as string, fieldPath: 'metadata.name' },
      });
    }
  }
  if (m.namespace !== undefined && typeof m.namespace !== 'string') {
    throw new CoreError(
      'InvalidObject',
      `${where}: ${v.kind}/${m.name}: metadata.namespace must be a string`,
      {
        data: { kind: v.kind as string, name: m.name as string, fieldPath: 'metadata.namespace' },
      },
    );
  }
  return value as KubeObject;
}
