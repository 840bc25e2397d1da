import { type KubeObject, formatResourceId, parseApiVersion, resourceIdOf } from '@gitops-kit/core';

/**
 * What apply or delete did to one object (`ssa.Action`): `created`, `configured`, `unchanged`,
 * `deleted`, `skipped` (excluded by annotation/label), `unknown` (a failed delete).
 *
 * @see https://github.com/fluxcd/pkg/blob/main/ssa/changeset.go
 */
export const Action = {
  Created: 'created',
  Configured: 'configured',
  Unchanged: 'unchanged',
  Deleted: 'deleted',
  Skipped: 'skipped',
  Unknown: 'unknown',
} as const;
/** @see {@link Action} */
export type Action = (typeof Action)[keyof typeof Action];

/**
 * One entry of a change set.
 *
 * - `id`: the inventory id, `<namespace>_<name>_<group>_<kind>`.
 * - `version`: the API version without the group (`v1`), as `status.inventory.entries[].v`.
 * - `subject`: `Kind/namespace/name` (or `Kind/name`), as Flux prints it.
 */
export interface ChangeSetEntry {
  id: string;
  version: string;
  subject: string;
  action: Action;
  /** `apiVersion` of the object (`apps/v1`). */
  apiVersion: string;
  kind: string;
  name: string;
  namespace?: string;
}

/** The change-set entry for an object. */
export function changeSetEntry(obj: KubeObject, action: Action): ChangeSetEntry {
  const ns = obj.metadata?.namespace || undefined;
  const name = obj.metadata?.name ?? '';
  const entry: ChangeSetEntry = {
    id: formatResourceId(resourceIdOf(obj)),
    version: parseApiVersion(obj.apiVersion).version,
    subject: ns ? `${obj.kind}/${ns}/${name}` : `${obj.kind}/${name}`,
    action,
    apiVersion: obj.apiVersion,
    kind: obj.kind,
    name,
  };
  if (ns) entry.namespace = ns;
  return entry;
}

/** True for actions that change the cluster (not `skipped` or `unchanged`), as Flux's `HasChanged`. */
export function hasChanged(action: Action): boolean {
  return action !== Action.Skipped && action !== Action.Unchanged;
}

/** Flux's change-set text: one `<subject> <action>` line per entry. */
export function formatChangeSet(entries: readonly ChangeSetEntry[]): string {
  return entries.map((e) => `${e.subject} ${e.action}`).join('\n');
}
