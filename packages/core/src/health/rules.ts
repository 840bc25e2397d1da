import type { Clock } from '../clock/clock.js';
import type { KubeObject } from '../object/types.js';
import type { StatusResult } from './status.js';

/** What a {@link HealthRule} may use besides the object: injected time (Pod scheduling window). */
export interface HealthRuleContext {
  clock: Clock;
}

/**
 * Computes the status of one object of the kinds it is registered for. A rule owns the whole
 * decision: built-in kstatus rules first run {@link checkGenericProperties} (deletion, observed
 * generation, `Reconciling`/`Stalled`), as kstatus's `Compute` does; wrap yours with
 * {@link withGenericChecks} to get the same. A rule that throws yields an `Unknown` result whose
 * message is the error's.
 */
export type HealthRule = (object: KubeObject, context: HealthRuleContext) => StatusResult;

/**
 * A table of health rules keyed by group and kind, as kstatus's `legacyTypes`:
 * `group/Kind` (`apps/Deployment`), just `Kind` for the core group (`Pod`), `group/*` for every
 * kind of a group (`source.toolkit.fluxcd.io/*`), and `*` for every kind of the core group.
 * A `group/Kind` entry beats a `group/*` entry of the same table. The version is never part of
 * the key.
 *
 * @see https://github.com/kubernetes-sigs/cli-utils/blob/master/pkg/kstatus/status/core.go `legacyTypes`
 */
export type HealthRules = Readonly<Record<string, HealthRule>>;

const groupCache = new Map<string, string>();

/** The API group of an `apiVersion` (`apps/v1` → `apps`, `v1` → `''`), cached. */
export function groupOf(apiVersion: unknown): string {
  if (typeof apiVersion !== 'string') return '';
  let g = groupCache.get(apiVersion);
  if (g === undefined) {
    const i = apiVersion.indexOf('/');
    g = i < 0 ? '' : apiVersion.slice(0, i);
    if (groupCache.size < 10_000) groupCache.set(apiVersion, g);
  }
  return g;
}

/** The {@link HealthRules} key of a group and kind: `group/Kind`, or `Kind` for the core group. */
export function healthRuleKey(group: string, kind: string): string {
  return group === '' ? kind : `${group}/${kind}`;
}

/** The group-wide {@link HealthRules} key: `group/*`, or `*` for the core group. */
export function groupRuleKey(group: string): string {
  return group === '' ? '*' : `${group}/*`;
}

/**
 * The rule for `object` from the first table that has one: in each table the `group/Kind` entry,
 * then the `group/*` entry. `undefined` when no table matches.
 */
export function findHealthRule(
  tables: readonly HealthRules[],
  object: { apiVersion?: unknown; kind?: unknown },
): HealthRule | undefined {
  const group = groupOf(object.apiVersion);
  const kind = typeof object.kind === 'string' ? object.kind : '';
  const key = healthRuleKey(group, kind);
  let wildcard: string | undefined;
  for (const table of tables) {
    if (Object.hasOwn(table, key)) return table[key];
    wildcard ??= groupRuleKey(group);
    if (Object.hasOwn(table, wildcard)) return table[wildcard];
  }
  return undefined;
}
