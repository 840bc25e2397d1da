/**
 * `metadata.managedFields` as the API server keeps it: one entry per field manager and operation
 * (`Apply` entries per manager, `Update` entries per manager and apiVersion), each with the fields
 * it owns in `fieldsV1` format and the time its set last changed; sorted Apply before Update, then by
 * time, manager and apiVersion; object identity fields (`apiVersion`, `kind`, `metadata.name`,
 * `namespace`, `uid`, `resourceVersion`, ...) never owned; at most 10 `Update` managers (older ones
 * merge into `ancient-changes`).
 *
 * @see https://github.com/kubernetes/kubernetes/tree/v1.20.2/staging/src/k8s.io/apiserver/pkg/endpoints/handlers/fieldmanager
 */
import { CoreError, formatObjectName } from '../errors/GitOpsKitError.js';
import type { KubeObject } from '../object/types.js';
import { FieldSet, formatFieldPath } from './apply/fieldSet.js';
import type { TypeRef } from './apply/schema.js';
import { SchemaError } from './apply/typed.js';
import { ConflictsError, type Managers, applyWithManagers, updateWithManagers } from './apply/updater.js';

/** One `metadata.managedFields` entry. */
export interface ManagedFieldsEntry {
  manager: string;
  operation: 'Apply' | 'Update';
  apiVersion: string;
  time?: string;
  fieldsType: 'FieldsV1';
  fieldsV1: Record<string, unknown>;
}

/** A field owned by another manager that an apply would change. */
export interface ApplyConflictCause {
  /** The owning manager, e.g. `flux-a`. */
  manager: string;
  /** `Apply` or `Update`. */
  operation: string;
  /** The field as the API server prints it, e.g. `.spec.replicas`. */
  field: string;
}

const MAX_UPDATE_MANAGERS = 10;

const STRIP = FieldSet.of(
  [{ field: 'apiVersion' }],
  [{ field: 'kind' }],
  [{ field: 'metadata' }],
  ...[
    'name',
    'namespace',
    'creationTimestamp',
    'selfLink',
    'uid',
    'clusterName',
    'generation',
    'managedFields',
    'resourceVersion',
  ].map((f) => [{ field: 'metadata' }, { field: f }]),
);

interface Identity {
  manager: string;
  operation: 'Apply' | 'Update';
  apiVersion?: string;
}

function identifier(id: Identity): string {
  return JSON.stringify(
    id.operation === 'Apply'
      ? { manager: id.manager, operation: id.operation }
      : { manager: id.manager, operation: id.operation, apiVersion: id.apiVersion ?? '' },
  );
}

function parseIdentifier(s: string): Identity {
  return JSON.parse(s) as Identity;
}

interface Decoded {
  managers: Managers;
  times: Map<string, string | undefined>;
}

function decode(entries: unknown): Decoded {
  const managers: Managers = new Map();
  const times = new Map<string, string | undefined>();
  if (!Array.isArray(entries)) return { managers, times };
  for (const e of entries as Partial<ManagedFieldsEntry>[]) {
    if (!e || typeof e !== 'object' || e.fieldsType !== 'FieldsV1')
      throw new Error('invalid managedFields entry');
    const op = e.operation === 'Apply' ? 'Apply' : 'Update';
    const id = identifier({ manager: e.manager ?? '', operation: op, apiVersion: e.apiVersion ?? '' });
    managers.set(id, {
      set: FieldSet.fromFieldsV1(e.fieldsV1 ?? {}),
      applied: op === 'Apply',
      apiVersion: e.apiVersion ?? '',
    });
    times.set(id, e.time);
  }
  return { managers, times };
}

function decodeOrEmpty(entries: unknown): Decoded {
  try {
    return decode(entries);
  } catch {
    return { managers: new Map(), times: new Map() };
  }
}

function encode(d: Decoded): ManagedFieldsEntry[] | undefined {
  if (d.managers.size === 0) return undefined;
  const out: ManagedFieldsEntry[] = [];
  for (const [id, ms] of d.managers) {
    const ident = parseIdentifier(id);
    const e: ManagedFieldsEntry = {
      manager: ident.manager,
      operation: ms.applied ? 'Apply' : 'Update',
      apiVersion: ms.apiVersion,
      fieldsType: 'FieldsV1',
      fieldsV1: ms.set.toFieldsV1(),
    };
    const t = d.times.get(id);
    if (t !== undefined) e.time = t;
    out.push(e);
  }
  const secs = (t: string | undefined) => (t ? Math.floor(Date.parse(t) / 1000) : 0);
  const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  return out.sort(
    (p, q) =>
      cmp(p.operation, q.operation) ||
      secs(p.time) - secs(q.time) ||
      cmp(p.manager, q.manager) ||
      cmp(p.apiVersion, q.apiVersion),
  );
}

function strip(managers: Managers, id: string): void {
  const ms = managers.get(id);
  if (!ms) return;
  const set = ms.set.difference(STRIP);
  if (set.empty()) managers.delete(id);
  else managers.set(id, { ...ms, set });
}

function capUpdateManagers(d: Decoded): void {
  const updaters = [...d.managers].filter(([, ms]) => !ms.applied).map(([id]) => id);
  if (updaters.length <= MAX_UPDATE_MANAGERS) return;
  const secs = (id: string) => {
    const t = d.times.get(id);
    return t ? Math.floor(Date.parse(t) / 1000) : 0;
  };
  updaters.sort((a, b) => secs(a) - secs(b) || (a < b ? -1 : a > b ? 1 : 0));
  const firstByVersion = new Map<string, string>();
  let length = updaters.length;
  for (let i = 0; i < updaters.length && length > MAX_UPDATE_MANAGERS; i++) {
    const id = updaters[i]!;
    const ms = d.managers.get(id)!;
    const bucket = identifier({ manager: 'ancient-changes', operation: 'Update', apiVersion: ms.apiVersion });
    const first = firstByVersion.get(ms.apiVersion);
    if (first === undefined) {
      firstByVersion.set(ms.apiVersion, id);
      continue;
    }
    if (!d.managers.has(bucket)) {
      d.managers.set(bucket, d.managers.get(first)!);
      d.managers.delete(first);
    }
    d.managers.set(bucket, { ...ms, set: ms.set.union(d.managers.get(bucket)!.set) });
    d.managers.delete(id);
    length--;
    d.times.set(bucket, d.times.get(id));
  }
}

function withoutManagedFields(obj: KubeObject | undefined): Record<string, unknown> {
  if (!obj) return {};
  const { managedFields: _, ...metadata } = obj.metadata ?? {};
  return { ...obj, metadata };
}

function invalid(obj: KubeObject, e: SchemaError): CoreError {
  return new CoreError('Invalid', `${formatObjectName(refName(obj))}: ${e.message}`, {
    data: { ...refName(obj), fieldPath: e.path.replace(/^\./, '') },
  });
}

function refName(obj: KubeObject): { kind: string; namespace?: string; name?: string } {
  const r: { kind: string; namespace?: string; name?: string } = { kind: obj.kind };
  if (obj.metadata?.namespace) r.namespace = obj.metadata.namespace;
  if (obj.metadata?.name) r.name = obj.metadata.name;
  return r;
}

/** Options of {@link trackUpdate}. */
export interface TrackUpdateOptions {
  /** The stored object before the write (`undefined` on create). */
  live: KubeObject | undefined;
  /** The object about to be stored. */
  next: KubeObject;
  type: TypeRef;
  /** Field manager; `unknown` when empty, as the API server names it. */
  manager: string;
  /** RFC 3339 time of the write. */
  now: string;
}

/**
 * The `managedFields` after a non-apply write (`FieldManager.Update`): the writer gains the fields
 * it changed, other managers lose them. Managed fields set explicitly in `next` are taken as given
 * (an empty list resets them).
 */
export function trackUpdate(o: TrackUpdateOptions): ManagedFieldsEntry[] | undefined {
  const requested = o.next.metadata?.managedFields;
  let d: Decoded;
  if (Array.isArray(requested) && requested.length === 0) d = { managers: new Map(), times: new Map() };
  else {
    d = decodeOrEmpty(requested);
    if (d.managers.size === 0) d = decodeOrEmpty(o.live?.metadata?.managedFields);
  }
  const live = withoutManagedFields(o.live);
  const next = withoutManagedFields(o.next);
  const id = identifier({
    manager: o.manager || 'unknown',
    operation: 'Update',
    apiVersion: o.next.apiVersion,
  });
  const former = d.managers.get(id)?.set;
  let managers: Managers;
  try {
    managers = updateWithManagers(live, next, o.type, d.managers, 'current-operation', o.next.apiVersion);
  } catch (e) {
    if (e instanceof SchemaError) throw invalid(o.next, e);
    throw e;
  }
  strip(managers, 'current-operation');
  const cur = managers.get('current-operation');
  if (cur) {
    managers.delete('current-operation');
    const prev = managers.get(id);
    const set = prev ? cur.set.union(prev.set) : cur.set;
    managers.set(id, { set, applied: false, apiVersion: o.next.apiVersion });
    if (!former || !set.equals(former)) d.times.set(id, o.now);
  }
  const out: Decoded = { managers, times: d.times };
  for (const k of [...out.times.keys()]) if (!managers.has(k)) out.times.delete(k);
  capUpdateManagers(out);
  return encode(out);
}

/** Options of {@link trackApply}. */
export interface TrackApplyOptions {
  /** The stored object (`undefined` when the apply creates it). */
  live: KubeObject | undefined;
  /** The applied configuration. */
  config: KubeObject;
  type: TypeRef;
  manager: string;
  force: boolean;
  now: string;
}

/**
 * Server-side apply (`FieldManager.Apply`): the merged object (`undefined` when unchanged) and its
 * `managedFields`.
 * @throws {CoreError} `ApplyConflict` (with `data.conflicts`), `Invalid` when the configuration
 * does not fit the kind's schema.
 */
export function trackApply(o: TrackApplyOptions): {
  object: Record<string, unknown> | undefined;
  managedFields: ManagedFieldsEntry[] | undefined;
} {
  const d = decodeOrEmpty(o.live?.metadata?.managedFields);
  const live = withoutManagedFields(o.live);
  const id = identifier({ manager: o.manager, operation: 'Apply' });
  const before = encode({ managers: d.managers, times: new Map() });
  let r: ReturnType<typeof applyWithManagers>;
  try {
    r = applyWithManagers(live, o.config, o.type, d.managers, id, o.config.apiVersion, o.force);
  } catch (e) {
    if (e instanceof SchemaError) throw invalid(o.config, e);
    if (e instanceof ConflictsError) throw applyConflict(o.config, e);
    throw e;
  }
  strip(r.managers, id);
  const times = new Map(d.times);
  const after = encode({ managers: r.managers, times: new Map() });
  if (r.object !== undefined || JSON.stringify(before) !== JSON.stringify(after)) times.set(id, o.now);
  for (const k of [...times.keys()]) if (!r.managers.has(k)) times.delete(k);
  return {
    object: r.object as Record<string, unknown> | undefined,
    managedFields: encode({ managers: r.managers, times }),
  };
}

function printManager(id: string): string {
  const ident = parseIdentifier(id);
  return ident.operation === 'Update'
    ? `${JSON.stringify(ident.manager)} using ${ident.apiVersion}`
    : JSON.stringify(ident.manager);
}

function applyConflict(obj: KubeObject, e: ConflictsError): CoreError {
  const causes: ApplyConflictCause[] = e.conflicts.map((c) => ({
    manager: parseIdentifier(c.manager).manager,
    operation: parseIdentifier(c.manager).operation,
    field: formatFieldPath(c.path),
  }));
  let message: string;
  if (e.conflicts.length === 1) {
    const c = e.conflicts[0]!;
    message = `Apply failed with 1 conflict: conflict with ${printManager(c.manager)}: ${formatFieldPath(c.path)}`;
  } else {
    const byManager = new Map<string, string[]>();
    for (const c of e.conflicts) {
      const list = byManager.get(c.manager) ?? [];
      list.push(formatFieldPath(c.path));
      byManager.set(c.manager, list);
    }
    const lines: string[] = [];
    for (const m of [...byManager.keys()].sort()) {
      lines.push(`conflicts with ${printManager(m)}:`);
      for (const p of byManager.get(m)!) lines.push(`- ${p}`);
    }
    message = `Apply failed with ${e.conflicts.length} conflicts: ${lines.join('\n')}`;
  }
  return new CoreError('ApplyConflict', `${formatObjectName(refName(obj))}: ${message}`, {
    data: { ...refName(obj), conflicts: causes },
  });
}
