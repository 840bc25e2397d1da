import { conditionsOf } from './getter.js';
import { type SetConditionOptions, compareConditions, setCondition } from './setter.js';
import { type Condition, ConditionStatus, ConditionType, type ObjectWithConditions } from './types.js';

/** Options of {@link summarize} and {@link mergeConditions}. */
export interface SummarizeOptions extends SetConditionOptions {
  /**
   * The condition types in scope, in priority order: when several conditions share the winning
   * group, the first type of this list that is present gives the reason and message (Flux's
   * `WithConditions`). Default: every condition except the target, and then the first in
   * {@link compareConditions} order wins.
   */
  conditions?: readonly string[];
  /**
   * "Abnormal-true" types, present with `True` when something is wrong (Flux's
   * `WithNegativePolarityConditions`). Default {@link summarizeDefaults}.negativePolarity.
   */
  negativePolarity?: readonly string[];
  /**
   * Consider only the conditions with the highest `observedGeneration` (Flux's
   * `WithLatestGeneration`). Default `false`.
   */
  latestGeneration?: boolean;
}

/** Defaults of {@link SummarizeOptions}. */
export const summarizeDefaults = {
  /**
   * `['Reconciling', 'Stalled']`. fluxcd/pkg's `SetSummary` itself has no default polarity, but
   * every Flux controller passes these two (plus its own abnormal-true types, e.g. `FetchFailed`).
   */
  negativePolarity: [ConditionType.Reconciling, ConditionType.Stalled] as readonly string[],
  /** `false`. */
  latestGeneration: false,
} as const;

interface Group {
  status: string;
  negative: boolean;
  generation: number;
  conditions: Condition[];
}

/** Merge priority of a group: True/negative 0, False/positive 1, True/positive 2, False/negative 3, Unknown 4. */
function priority(g: Group): number {
  switch (g.status) {
    case ConditionStatus.True:
      return g.negative ? 0 : 2;
    case ConditionStatus.False:
      return g.negative ? 3 : 1;
    case ConditionStatus.Unknown:
      return 4;
    default:
      return 99;
  }
}

/**
 * Merges conditions into one condition of type `target`, with the precedence of fluxcd/pkg
 * `conditions.merge`:
 *
 * 1. conditions are grouped by status and polarity (and `observedGeneration` with
 *    `latestGeneration`, keeping only the newest generation's groups);
 * 2. the winning group is the first of: True/negative-polarity (e.g. `Stalled=True`),
 *    False/positive, True/positive, False/negative, Unknown;
 * 3. the result's reason and message are the winning group's first condition by
 *    `options.conditions` order (else by {@link compareConditions} order);
 * 4. the result's status is the group's status, inverted when the group's polarity differs from
 *    the target's (so `Stalled=True` summarises to `Ready=False`); Unknown stays Unknown.
 *
 * Pure: returns the merged condition without `lastTransitionTime`, or `undefined` when
 * `conditions` is empty.
 *
 * @see https://github.com/fluxcd/pkg/blob/main/runtime/conditions/merge.go `merge`
 */
export function mergeConditions(
  conditions: readonly Condition[],
  target: string,
  options: Omit<SummarizeOptions, 'clock'> = {},
): Omit<Condition, 'lastTransitionTime'> | undefined {
  const negative = new Set(options.negativePolarity ?? summarizeDefaults.negativePolarity);
  const latest = options.latestGeneration ?? summarizeDefaults.latestGeneration;
  let groups: Group[] = [];
  for (const c of conditions) {
    const neg = negative.has(c.type);
    const gen = c.observedGeneration ?? 0;
    const group = groups.find(
      (g) => g.status === c.status && g.negative === neg && (!latest || g.generation === gen),
    );
    if (group) group.conditions.push(c);
    else groups.push({ status: c.status, negative: neg, generation: gen, conditions: [c] });
  }
  if (latest) {
    const newest = groups.reduce((max, g) => Math.max(max, g.generation), 0);
    groups = groups.filter((g) => g.generation === newest);
  }
  if (groups.length === 0) return undefined;
  groups.sort((a, b) => priority(a) - priority(b)); // stable, like Go's sort on distinct priorities
  const top = groups[0]!;
  const members = [...top.conditions].sort(compareConditions);
  let winner = members[0]!;
  if (members.length > 1) {
    for (const type of options.conditions ?? []) {
      const found = members.find((c) => c.type === type);
      if (found) {
        winner = found;
        break;
      }
    }
  }
  const targetNegative = negative.has(target);
  let status: ConditionStatus = ConditionStatus.Unknown;
  if (top.status === ConditionStatus.True || top.status === ConditionStatus.False) {
    const isTrue = top.status === ConditionStatus.True;
    status = isTrue !== (top.negative !== targetNegative) ? ConditionStatus.True : ConditionStatus.False;
  }
  return { type: target, status, reason: winner.reason, message: winner.message };
}

/**
 * Summarises the object's other conditions into `target` (default `Ready`) and sets it, as
 * fluxcd/pkg `conditions.SetSummary`: the conditions in scope (`options.conditions`, default all
 * but `target`) are merged by {@link mergeConditions}; when none is in scope, the object is left
 * unchanged and `undefined` is returned.
 *
 * The target's `lastTransitionTime` changes only when its status, reason or message changed (time
 * from `options.clock`), see {@link setCondition}.
 *
 * @param target - the summary condition type, default `Ready`.
 * @returns the stored summary condition, or `undefined`.
 * @see https://github.com/fluxcd/pkg/blob/main/runtime/conditions/setter.go `SetSummary`
 * @example
 * ```ts
 * markTrue(obj, 'FetchFailed', 'GitOperationFailed', 'failed to checkout', { clock });
 * summarize(obj, 'Ready', { conditions: ['FetchFailed', 'ArtifactInStorage'], negativePolarity: ['FetchFailed', 'Reconciling', 'Stalled'], clock });
 * // Ready=False, reason GitOperationFailed
 * ```
 */
export function summarize(
  to: ObjectWithConditions,
  target: string = ConditionType.Ready,
  options: SummarizeOptions = {},
): Condition | undefined {
  const scope = options.conditions ? new Set(options.conditions) : undefined;
  const inScope = conditionsOf(to).filter((c) => c.type !== target && (!scope || scope.has(c.type)));
  const merged = mergeConditions(inScope, target, options);
  if (!merged) return undefined;
  return setCondition(to, merged, options);
}
