/**
 * `@gitops-kit/template`: Go's `text/template` (lexer, parser, executor) with Go's value model and
 * `fmt`, plus Sprig v3 and Helm's template functions.
 * @packageDocumentation
 */
export {
  TemplateSet,
  defaultTemplateLimits,
  defaultTemplateSetOptions,
  type TemplateSetOptions,
  type TemplateLimits,
  type MissingKeyOption,
} from './template.js';
export { TemplateError, TemplateErrorCode } from './exec/errors.js';
export { goFunc, parseSignature, type FuncMap } from './value/func.js';
export {
  GoInt,
  GoComplex,
  GoFunc,
  goInt,
  goInt64,
  goType,
  typedSlice,
  typeName,
  kindName,
  isTrue,
  type GoTypeInfo,
  type IntKind,
  type Signature,
} from './value/types.js';
export { goBytes, goString, hasRawBytes } from './value/goString.js';
export { sprint, sprintf, sprintln, formatValue } from './fmt/print.js';
export { builtinFuncs } from './funcs/builtin.js';
export { sprigFuncs, defaultSprigLimits, type SprigOptions, type SprigLimits } from './funcs/sprig.js';
export { cryptoRandom, seededRandom, type RandomSource } from './funcs/random.js';
export {
  helmFuncs,
  HelmEngine,
  helmRecursionMaxNums,
  sortHelmTemplates,
  cleanupParseError,
  cleanupExecError,
  type HelmEngineOptions,
  type HelmFuncOptions,
  type HelmTemplateFile,
  type LookupFunction,
} from './funcs/helm.js';
export { yamlMarshal, yamlReaderProblem } from './funcs/yaml.js';
export { jsonMarshal, jsonMarshalIndent, jsonUnmarshal } from './funcs/json.js';
export {
  parseSemVer,
  isValidSemVer,
  formatSemVer,
  compareSemVer,
  parseSemVerConstraints,
  satisfiesSemVer,
  SemVerError,
  type SemVer,
  type SemVerConstraints,
} from './semver/semver.js';
