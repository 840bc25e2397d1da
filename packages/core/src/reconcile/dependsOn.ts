import { CoreError } from '../errors/GitOpsKitError.js';
import type { KubeObject } from '../object/types.js';
import type { SpecProblem } from './timing.js';

/**
 * One `spec.dependsOn` entry, as Flux's `DependencyReference`: `name`, `namespace` (defaults to
 * the referrer's), and an optional CEL `readyExpr` that replaces the built-in readiness check.
 * The dependency is an object of the referrer's own kind.
 *
 * @see https://github.com/fluxcd/pkg/blob/main/apis/meta/reference_types.go `DependencyReference`
 */
export interface DependencyReference {
  name: string;
  namespace?: string;
  readyExpr?: string;
}

/**
 * Parses Flux's string form of a dependency, `[namespace/]name[@readyExpr]` (split at the first
 * `@`, then at the first `/`), as `flux create --depends-on` does.
 *
 * @see https://github.com/fluxcd/pkg/blob/main/apis/meta/dependencies.go `MakeDependsOn`
 */
export function parseDependencyReference(value: string): DependencyReference {
  const ref: DependencyReference = { name: '' };
  let rest = value;
  const at = rest.indexOf('@');
  if (at >= 0) {
    ref.readyExpr = rest.slice(at + 1);
    rest = rest.slice(0, at);
  }
  const slash = rest.indexOf('/');
  if (slash >= 0) {
    ref.namespace = rest.slice(0, slash);
    ref.name = rest.slice(slash + 1);
  } else ref.name = rest;
  return ref;
}

/**
 * Formats a dependency as `[namespace/]name[@readyExpr]`, the inverse of
 * {@link parseDependencyReference}.
 *
 * @see https://github.com/fluxcd/pkg/blob/main/apis/meta/reference_types.go `DependencyReference.String`
 */
export function formatDependencyReference(ref: DependencyReference): string {
  let s = ref.namespace ? `${ref.namespace}/${ref.name}` : ref.name;
  if (ref.readyExpr) s += `@${ref.readyExpr}`;
  return s;
}

/**
 * Reads `spec.dependsOn` (a list of `{ name, namespace?, readyExpr? }`), defaulting each namespace
 * to the referrer's, and collects malformed entries as problems naming `spec.dependsOn[i]`.
 */
export function dependsOnOf(object: KubeObject): { value: DependencyReference[]; errors: SpecProblem[] } {
  const spec = object.spec as { dependsOn?: unknown } | undefined;
  const raw = typeof spec === 'object' && spec !== null ? spec.dependsOn : undefined;
  const value: DependencyReference[] = [];
  const errors: SpecProblem[] = [];
  if (raw === undefined || raw === null) return { value, errors };
  if (!Array.isArray(raw)) {
    errors.push({ fieldPath: 'spec.dependsOn', message: 'spec.dependsOn: must be a list' });
    return { value, errors };
  }
  raw.forEach((entry: unknown, i) => {
    const fieldPath = `spec.dependsOn[${i}]`;
    if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
      errors.push({ fieldPath, message: `${fieldPath}: must be a mapping with a name` });
      return;
    }
    const e = entry as Record<string, unknown>;
    if (typeof e.name !== 'string' || e.name === '') {
      errors.push({
        fieldPath: `${fieldPath}.name`,
        message: `${fieldPath}.name: must be a non-empty string`,
      });
      return;
    }
    for (const field of ['namespace', 'readyExpr'] as const) {
      if (e[field] !== undefined && typeof e[field] !== 'string') {
        errors.push({
          fieldPath: `${fieldPath}.${field}`,
          message: `${fieldPath}.${field}: must be a string`,
        });
        return;
      }
    }
    const ref: DependencyReference = { name: e.name };
    const namespace = (e.namespace as string | undefined) || object.metadata.namespace;
    if (namespace) ref.namespace = namespace;
    if (e.readyExpr) ref.readyExpr = e.readyExpr as string;
    value.push(ref);
  });
  return { value, errors };
}

/** `namespace/name`, or `name` for cluster-scoped objects: Flux's `NamespacedObjectReference.String`. */
export function formatNamespacedName(ref: { namespace?: string; name: string }): string {
  return ref.namespace ? `${ref.namespace}/${ref.name}` : ref.name;
}

/**
 * Orders objects of one kind so that every object comes after its `spec.dependsOn` dependencies
 * (depth-first topological sort, as fluxcd/pkg `dependency.Sort`). Dependencies that are not in
 * `objects` are included in the order too.
 *
 * @returns `namespace/name` references, dependencies first.
 * @throws {CoreError} `DependencyCycle` with Flux's message `circular dependency detected: a -> b -> a`
 *   and `data.cycle` (the path as `namespace/name` strings).
 * @see https://github.com/fluxcd/pkg/blob/main/runtime/dependency/sort.go `Sort`
 */
export function sortByDependencies(objects: readonly KubeObject[]): { namespace?: string; name: string }[] {
  const vertices: { namespace?: string; name: string }[] = [];
  const edges = new Map<string, { namespace?: string; name: string }[]>();
  for (const obj of objects) {
    const u: { namespace?: string; name: string } = { name: obj.metadata.name ?? '' };
    if (obj.metadata.namespace) u.namespace = obj.metadata.namespace;
    vertices.push(u);
    const key = formatNamespacedName(u);
    const list = edges.get(key) ?? [];
    for (const dep of dependsOnOf(obj).value) {
      list.push(dep.namespace ? { namespace: dep.namespace, name: dep.name } : { name: dep.name });
    }
    edges.set(key, list);
  }
  const order = topologicalOrder(
    vertices,
    (u) => edges.get(formatNamespacedName(u)) ?? [],
    formatNamespacedName,
  );
  if ('cycle' in order) throw dependencyCycleError(order.cycle);
  return order.sorted;
}

/** The `DependencyCycle` error for a path, e.g. `['default/a', 'default/b', 'default/a']`. */
export function dependencyCycleError(cycle: string[]): CoreError {
  return new CoreError('DependencyCycle', `circular dependency detected: ${cycle.join(' -> ')}`, {
    data: { cycle },
  });
}

/**
 * Depth-first topological order over `vertices` (in order) following `edgesOf`; on a cycle returns
 * the path Flux reports (from the first root down to the repeated vertex).
 */
export function topologicalOrder<V>(
  vertices: readonly V[],
  edgesOf: (v: V) => readonly V[],
  keyOf: (v: V) => string,
): { sorted: V[] } | { cycle: string[] } {
  const mark = new Map<string, 'temporary' | 'permanent'>();
  const sorted: V[] = [];
  const visit = (u: V): string[] | undefined => {
    const uk = keyOf(u);
    mark.set(uk, 'temporary');
    for (const v of edgesOf(u)) {
      const vk = keyOf(v);
      const m = mark.get(vk);
      if (m === 'permanent') continue;
      if (m === 'temporary') return [vk, uk];
      const cycle = visit(v);
      if (cycle) {
        cycle.push(uk);
        return cycle;
      }
    }
    mark.set(uk, 'permanent');
    sorted.push(u);
    return undefined;
  };
  for (const u of vertices) {
    if (mark.get(keyOf(u)) === undefined) {
      const cycle = visit(u);
      if (cycle) return { cycle: cycle.reverse() };
    }
  }
  return { sorted };
}
