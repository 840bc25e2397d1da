import { CoreError } from '../errors/GitOpsKitError.js';
import { celEnvironment, celErrorMessage, toCelValue } from './cel.js';
import { type JsonMap, nestedInt64 } from './fields.js';
import { type HealthRule, type HealthRules, groupOf, groupRuleKey, healthRuleKey } from './rules.js';
import type { HealthStatus, StatusResult } from './status.js';

/**
 * One entry of a Kustomization's or HelmRelease's `spec.healthCheckExprs` (Flux's
 * `CustomHealthCheck`): CEL expressions deciding the health of objects of one kind, or of every
 * kind of a group when `kind` is omitted.
 *
 * The expressions see the object's top-level fields as variables (`metadata`, `spec`, `status`,
 * ...; there is no `self`). Integers are CEL `int`s.
 *
 * @see https://github.com/fluxcd/pkg/blob/main/apis/kustomize/kustomize_types.go `CustomHealthCheck`
 * @see https://fluxcd.io/flux/components/kustomize/kustomizations/#health-check-expressions
 */
export interface CustomHealthCheck {
  /** API version of the kind; only its group is used for matching (`bitnami.com/v1alpha1` → `bitnami.com`). */
  apiVersion: string;
  /** The kind; omitted: every kind of the group. A kind-specific entry beats a group-only one. */
  kind?: string;
  /** Required. `true` when the object is healthy (`Current`). */
  current: string;
  /** Optional. `true` when the object is still reconciling (`InProgress`); evaluated first. */
  inProgress?: string;
  /** Optional. `true` when the object failed (`Failed`); evaluated second. */
  failed?: string;
}

type Compiled = (vars: Record<string, unknown>) => unknown;

interface Expr {
  source: string;
  run: Compiled;
}

const NON_BOOL_TYPES = /^(int|uint|double|string|bytes|list|map|null_type|type|timestamp|duration|optional)/;

function compile(source: string, field: 'Current' | 'InProgress' | 'Failed', index: number): Expr {
  const fieldPath = `healthCheckExprs[${index}].${field[0]!.toLowerCase()}${field.slice(1)}`;
  const fail = (why: string, cause?: unknown) =>
    new CoreError(
      'InvalidExpression',
      `failed to create custom status evaluator for healthchecks[${index}]: failed to parse the expression ${field}: ${why}`,
      { data: { fieldPath, expression: source }, cause },
    );
  const env = celEnvironment();
  let run: Compiled;
  try {
    run = env.parse(source) as unknown as Compiled;
  } catch (err) {
    throw fail(`failed to parse the CEL expression '${source}': ${celErrorMessage(err)}`, err);
  }
  // Flux only parses (objects differ per CRD), so a type error surfaces when evaluating. A result
  // type that is statically known not to be bool can never work: reject it now.
  let type = 'dyn';
  try {
    const checked = env.check(source);
    if (checked.valid) type = String(checked.type);
  } catch {
    // the checker gave up: leave the decision to evaluation time
  }
  if (NON_BOOL_TYPES.test(type)) {
    throw fail(`CEL expression output type mismatch: expected bool, got ${type}`);
  }
  return { source, run };
}

/** The status one evaluator decides, in Flux's order: inProgress, failed, current. */
function evaluator(exprs: { inProgress?: Expr; failed?: Expr; current: Expr }): HealthRule {
  const order: [Expr | undefined, HealthStatus][] = [
    [exprs.inProgress, 'InProgress'],
    [exprs.failed, 'Failed'],
    [exprs.current, 'Current'],
  ];
  return (object) => {
    const obj = object as JsonMap;
    // Built-in generation check, only when both fields are integers (Flux tolerates other types).
    const observed = safeInt(obj, ['status', 'observedGeneration']);
    if (observed !== undefined) {
      const generation = safeInt(obj, ['metadata', 'generation']);
      if (generation !== undefined && generation !== observed) return bare('InProgress');
    }
    const vars = toCelValue(obj) as Record<string, unknown>;
    for (const [expr, status] of order) {
      if (!expr) continue;
      let value: unknown;
      try {
        value = expr.run(vars);
      } catch (err) {
        throw new CoreError(
          'InvalidExpression',
          `failed to evaluate the CEL expression '${expr.source}': ${celErrorMessage(err)}`,
          { data: { expression: expr.source }, cause: err },
        );
      }
      if (typeof value !== 'boolean') {
        throw new CoreError(
          'InvalidExpression',
          `failed to evaluate CEL expression as boolean: '${expr.source}'`,
          {
            data: { expression: expr.source },
          },
        );
      }
      if (value) return bare(status);
    }
    return bare('InProgress');
  };
}

function safeInt(obj: JsonMap, path: readonly string[]): number | undefined {
  try {
    return nestedInt64(obj, path);
  } catch {
    return undefined;
  }
}

/** Flux's evaluator sets only the status: no message, no conditions. */
function bare(status: HealthStatus): StatusResult {
  return { status, message: '', conditions: [] };
}

function formatGroupKindGo(group: string, kind: string): string {
  return group === '' ? kind : `${kind}.${group}`;
}

/**
 * Compiles `healthCheckExprs` into a {@link HealthRules} table for {@link computeStatus}, with
 * Flux's semantics:
 *
 * - matching by the API group of `apiVersion` (version ignored) and `kind`; an entry without
 *   `kind` covers the whole group, and a kind-specific entry beats it;
 * - first a built-in generation check: `status.observedGeneration` ≠ `metadata.generation` (both
 *   integers) → `InProgress`;
 * - then `inProgress` → `InProgress`, `failed` → `Failed`, `current` → `Current`: the first that
 *   evaluates to `true` wins; none → `InProgress`;
 * - none of kstatus's generic checks (a deleting object is evaluated like any other);
 * - results carry no message; an evaluation error (e.g. a missing field: `no such key: conditions`)
 *   or a non-bool result makes the result `Unknown` with an `InvalidExpression` error.
 *
 * Flux registers its Job rule before these, so an entry for group `batch` does not apply to Jobs:
 * pass `[fluxJobRules, compiled]` as `rules` to rank them the same way.
 *
 * @throws {CoreError} `InvalidExpression` (with `data.fieldPath`, e.g. `healthCheckExprs[1].current`)
 *   when `current` is missing, an expression does not parse, its result type is statically known
 *   not to be bool, or two entries cover the same group and kind.
 * @see https://github.com/fluxcd/pkg/blob/main/runtime/cel/status_evaluator.go
 * @see https://github.com/fluxcd/pkg/blob/main/runtime/cel/status_reader.go
 * @example
 * ```ts
 * const rules = compileHealthCheckExprs([{
 *   apiVersion: 'bitnami.com/v1alpha1', kind: 'SealedSecret',
 *   failed: "status.conditions.filter(e, e.type == 'Synced').all(e, e.status == 'False')",
 *   current: "status.conditions.filter(e, e.type == 'Synced').all(e, e.status == 'True')",
 * }]);
 * computeStatus(sealedSecret, { rules: [fluxJobRules, rules] }).status; // 'Current' | 'Failed' | 'InProgress' | 'Unknown'
 * ```
 */
export function compileHealthCheckExprs(checks: readonly CustomHealthCheck[]): HealthRules {
  const table: Record<string, HealthRule> = {};
  checks.forEach((hc, i) => {
    const group = groupOf(hc.apiVersion);
    const kind = hc.kind ?? '';
    const key = kind === '' ? groupRuleKey(group) : healthRuleKey(group, kind);
    if (Object.hasOwn(table, key)) {
      throw new CoreError(
        'InvalidExpression',
        `duplicate custom health check for GroupKind ${formatGroupKindGo(group, kind)} at healthchecks[${i}]`,
        { data: { fieldPath: `healthCheckExprs[${i}]` } },
      );
    }
    if (!hc.current) {
      throw new CoreError(
        'InvalidExpression',
        `failed to create custom status evaluator for healthchecks[${i}]: expression Current not specified`,
        { data: { fieldPath: `healthCheckExprs[${i}].current` } },
      );
    }
    const current = compile(hc.current, 'Current', i);
    const failed = hc.failed ? compile(hc.failed, 'Failed', i) : undefined;
    const inProgress = hc.inProgress ? compile(hc.inProgress, 'InProgress', i) : undefined;
    table[key] = evaluator({ current, ...(failed && { failed }), ...(inProgress && { inProgress }) });
  });
  return Object.freeze(table);
}
