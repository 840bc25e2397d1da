import { type KubeObject, isGitOpsKitError } from '@gitops-kit/core';
import { KustomizationError } from '../errors/KustomizationError.js';
import { KustomizeAnnotation } from '../kustomization/types.js';
import { substitute } from './envsubst.js';
import { GoYamlError, marshalGoYaml, unmarshalGoYaml } from './goYaml.js';

/** The variable-name rule of post-build substitution (ASCII letters, digits, `_`; not starting with a digit). */
export const VariableNamePattern = /^[_a-zA-Z][_a-zA-Z0-9]*$/;
/** The rule as Flux words it in its error message. */
const VARSUB_REGEX_TEXT = '^[_[:alpha:]][_[:alpha:][:digit:]]*$';

/**
 * True when the object opts out of substitution with `kustomize.toolkit.fluxcd.io/substitute:
 * disabled` as a label or an annotation.
 */
export function isSubstitutionDisabled(object: KubeObject): boolean {
  const key = KustomizeAnnotation.Substitute;
  return object.metadata?.labels?.[key] === 'disabled' || object.metadata?.annotations?.[key] === 'disabled';
}

/** Options of {@link substituteObject}. */
export interface SubstituteObjectOptions {
  /** Unset variables without a default are an error (`VariableNotSet`). Default `false`. */
  strict?: boolean;
}

/**
 * Flux's per-resource substitution (`varSubstitution` in fluxcd/pkg kustomize_varsub.go): checks
 * the variable names, serialises the object as `JSONToYAML` does, runs envsubst over that text and
 * reads the result back as `YAMLToJSON` does — so substituted scalars take their YAML type
 * (`replicas: ${REPLICAS}` with `REPLICAS=3` becomes the integer 3, even when the source quoted
 * it) and keys can be substituted too. The returned object has its keys sorted, as Flux's has.
 *
 * This does not check the `substitute: disabled` opt-out, nor skip when `vars` is empty: see
 * {@link postBuildSubstitute} for Flux's full rules.
 *
 * @param vars - the variables (values are used as given; Flux strips newlines when loading them).
 * @throws {KustomizationError} `InvalidVariableName`, `BadSubstitution`, `VariableNotSet`,
 *   `SubstitutionFailed` (the substituted text is not valid YAML, or not an object).
 * @see https://github.com/fluxcd/pkg/blob/main/kustomize/kustomize_varsub.go
 */
export function substituteObject(
  object: KubeObject,
  vars: ReadonlyMap<string, string>,
  options: SubstituteObjectOptions = {},
): KubeObject {
  for (const name of vars.keys()) {
    if (!VariableNamePattern.test(name)) {
      throw new KustomizationError(
        'InvalidVariableName',
        `'${name}' var name is invalid, must match '${VARSUB_REGEX_TEXT}'`,
        { data: { variable: name } },
      );
    }
  }
  const text = marshalGoYaml(object);
  let output: string;
  try {
    output = substitute(text, vars, { strict: options.strict ?? false });
  } catch (err) {
    if (isGitOpsKitError(err)) {
      throw new KustomizationError(
        err.code as 'BadSubstitution' | 'VariableNotSet',
        `variable substitution failed: ${err.message}`,
        { data: err.data, cause: err },
      );
    }
    throw err;
  }
  // Unchanged text: the object as it was (Flux would re-read it, which only differs for NEL
  // characters, folded by JSONToYAML: handled by re-reading whenever the object contains one).
  if (output === text && !text.includes('\u0085') && !hasNel(object)) return object;
  let value: unknown;
  try {
    value = unmarshalGoYaml(output);
  } catch (err) {
    if (err instanceof GoYamlError) {
      throw new KustomizationError('SubstitutionFailed', `YAMLToJSON: ${err.message}`, { cause: err });
    }
    throw err;
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new KustomizationError(
      'SubstitutionFailed',
      'UnmarshalJSON: the substituted resource is not an object',
    );
  }
  return value as KubeObject;
}

function hasNel(value: unknown): boolean {
  if (typeof value === 'string') return value.includes('\u0085');
  if (Array.isArray(value)) return value.some(hasNel);
  if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) if (k.includes('\u0085') || hasNel(v)) return true;
  }
  return false;
}
