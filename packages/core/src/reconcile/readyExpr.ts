import { CoreError } from '../errors/GitOpsKitError.js';
import { celEnvironment, celErrorMessage, toCelValue } from '../health/cel.js';
import type { KubeObject } from '../object/types.js';

/** Variables of a `dependsOn[].readyExpr`: `self` (the dependant) and `dep` (the dependency). */
export interface ReadyExprVars {
  self: KubeObject;
  dep: KubeObject;
}

/**
 * Compiles `dependsOn[].readyExpr` expressions. `compile` throws for an expression that can never
 * work (the dependant stalls with `InvalidCELExpression`); the returned function throws for an
 * evaluation error (the dependant waits and retries, `DependencyNotReady`).
 */
export interface ReadyExprCompiler {
  compile(expr: string): (vars: ReadyExprVars) => boolean;
}

const NON_BOOL = /^(int|uint|double|string|bytes|list|map|null_type|type|timestamp|duration|optional)/;

/**
 * The built-in {@link ReadyExprCompiler}: CEL with Flux's environment (the one health checks use),
 * `self` and `dep` as dynamic variables holding the objects, and a `bool` result.
 *
 * @throws {CoreError} `InvalidExpression` from `compile` when the expression does not parse or its
 *   type is statically not `bool` (Flux: `failed to parse the CEL expression '<expr>': ...`); from
 *   evaluation when it fails (`failed to evaluate the CEL expression '<expr>': ...`) or is not a bool.
 * @see https://github.com/fluxcd/kustomize-controller/blob/main/internal/controller/kustomization_controller.go `evalReadyExpr`
 */
export const celReadyExpr: ReadyExprCompiler = {
  compile(expr) {
    const env = celEnvironment();
    let run: (vars: Record<string, unknown>) => unknown;
    try {
      run = env.parse(expr) as unknown as (vars: Record<string, unknown>) => unknown;
    } catch (err) {
      throw new CoreError(
        'InvalidExpression',
        `failed to parse the CEL expression '${expr}': ${celErrorMessage(err)}`,
        {
          data: { expression: expr },
          cause: err,
        },
      );
    }
    let type = 'dyn';
    try {
      const checked = env.check(expr);
      if (checked.valid) type = String(checked.type);
    } catch {
      // left to evaluation time
    }
    if (NON_BOOL.test(type)) {
      throw new CoreError(
        'InvalidExpression',
        `CEL expression output type mismatch: expected bool, got ${type}`,
        {
          data: { expression: expr },
        },
      );
    }
    return (vars) => {
      let value: unknown;
      try {
        value = run({ self: toCelValue(vars.self), dep: toCelValue(vars.dep) });
      } catch (err) {
        throw new CoreError(
          'InvalidExpression',
          `failed to evaluate the CEL expression '${expr}': ${celErrorMessage(err)}`,
          { data: { expression: expr }, cause: err },
        );
      }
      if (typeof value !== 'boolean') {
        throw new CoreError('InvalidExpression', `failed to evaluate CEL expression as boolean: '${expr}'`, {
          data: { expression: expr },
        });
      }
      return value;
    };
  },
};
