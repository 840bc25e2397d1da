/**
 * Field ownership on writes, as structured-merge-diff's `merge.Updater`: an update hands the writer
 * the fields it changed (taking them from other managers without conflict); an apply merges the
 * configuration, makes the applier own exactly the fields it set, removes fields it owned before
 * and no longer sets (unless another manager owns them), and fails with conflicts when it changes
 * fields another manager owns, unless forced.
 *
 * @see https://github.com/kubernetes-sigs/structured-merge-diff/blob/v4.0.2/merge/update.go
 * @internal
 */
import type { FieldPath, FieldSet } from './fieldSet.js';
import type { TypeRef } from './schema.js';
import { compareValues, isSame, mergeValues, removeItems, toFieldSet } from './typed.js';

/** One manager's owned fields; `applied` for `Apply` operations. */
export interface ManagerSet {
  set: FieldSet;
  applied: boolean;
  /** The apiVersion the fields were written in. */
  apiVersion: string;
}

/** Managers by identifier. */
export type Managers = Map<string, ManagerSet>;

/** One conflict: `manager` (identifier) owns `path`. */
export interface FieldConflict {
  manager: string;
  path: FieldPath;
}

/** Thrown by {@link applyWithManagers} when other managers own fields the apply changes. */
export class ConflictsError extends Error {
  constructor(readonly conflicts: FieldConflict[]) {
    super(`${conflicts.length} conflicts`);
  }
}

function update(
  oldObj: unknown,
  newObj: unknown,
  type: TypeRef,
  managers: Managers,
  workflow: string,
  force: boolean,
): { managers: Managers; same: boolean; added: FieldSet; modified: FieldSet; removed: FieldSet } {
  const cmp = compareValues(oldObj, newObj, type);
  const changed = cmp.modified.union(cmp.added);
  const conflicts = new Map<string, FieldSet>();
  const removed = new Map<string, FieldSet>();
  for (const [m, ms] of managers) {
    if (m === workflow) continue;
    const c = ms.set.intersection(changed);
    if (!c.empty()) conflicts.set(m, c);
    if (!cmp.removed.empty()) removed.set(m, cmp.removed);
  }
  if (!force && conflicts.size > 0) {
    const list: FieldConflict[] = [];
    for (const [manager, set] of conflicts) for (const path of set.paths()) list.push({ manager, path });
    throw new ConflictsError(list);
  }
  const out: Managers = new Map(managers);
  for (const [m, c] of conflicts) out.set(m, { ...out.get(m)!, set: out.get(m)!.set.difference(c) });
  for (const [m, r] of removed) out.set(m, { ...out.get(m)!, set: out.get(m)!.set.difference(r) });
  for (const [m, ms] of out) if (ms.set.empty()) out.delete(m);
  return { managers: out, same: isSame(cmp), ...cmp };
}

/**
 * A non-apply write (create, update, patch) by `manager`: returns the new managers.
 * @throws SchemaError when an object does not fit the type.
 */
export function updateWithManagers(
  live: unknown,
  next: unknown,
  type: TypeRef,
  managers: Managers,
  manager: string,
  apiVersion: string,
): Managers {
  const r = update(live, next, type, managers, manager, true);
  const prev = r.managers.get(manager)?.set;
  let set = r.modified.union(r.added);
  if (prev) set = prev.union(set);
  set = set.difference(r.removed);
  const out = new Map(r.managers);
  if (set.empty()) out.delete(manager);
  else out.set(manager, { set, applied: false, apiVersion });
  return out;
}

/**
 * Server-side apply of `config` by `manager`: returns the new object (`undefined` when nothing
 * changed) and the new managers.
 * @throws ConflictsError unless `force`; SchemaError when a value does not fit the type.
 */
export function applyWithManagers(
  live: unknown,
  config: unknown,
  type: TypeRef,
  managers: Managers,
  manager: string,
  apiVersion: string,
  force: boolean,
): { object: unknown | undefined; managers: Managers } {
  let merged = mergeValues(live, config, type);
  const lastSet = managers.get(manager)?.set;
  const set = toFieldSet(config, type);
  const withApplier: Managers = new Map(managers);
  withApplier.set(manager, { set, applied: true, apiVersion });
  if (lastSet && !lastSet.empty()) merged = prune(merged, type, withApplier, lastSet);
  const r = update(live, merged, type, withApplier, manager, force);
  return { object: r.same ? undefined : merged, managers: r.managers };
}

function prune(merged: unknown, type: TypeRef, managers: Managers, lastSet: FieldSet): unknown {
  let pruned = removeItems(merged, lastSet, type);
  // Add back what any manager (the applier's new set included) still owns.
  let managed: FieldSet | undefined;
  for (const ms of managers.values()) managed = managed ? managed.union(ms.set) : ms.set;
  const mergedSet = toFieldSet(merged, type);
  let prunedSet = toFieldSet(pruned, type);
  pruned = removeItems(merged, mergedSet.difference(managed ? prunedSet.union(managed) : prunedSet), type);
  // Add back what the applier did not own last time (dangling or owned by updaters).
  prunedSet = toFieldSet(pruned, type);
  return removeItems(merged, mergedSet.difference(prunedSet).intersection(lastSet), type);
}
