import { GitOpsKitError, type GitOpsKitErrorOptions } from '@gitops-kit/core/errors';

/** Error codes thrown by `@gitops-kit/template`. Each is documented in `docs/errors.md`. */
export const TemplateErrorCode = {
  /** The template text does not parse (Go's parse error text: `template: NAME:LINE: ...`). */
  ParseError: 'ParseError',
  /** Executing the template failed (Go's exec error text: `template: NAME:LINE:COL: executing ...`). */
  ExecError: 'ExecError',
  /** `ExecuteTemplate` of a name the set does not define, or an empty/incomplete template. */
  TemplateNotFound: 'TemplateNotFound',
  /**
   * A hostile-template bound was hit: template/include recursion too deep for the JavaScript stack,
   * a list (`until`, `seq`, ...) or string (`repeat`, output) over its size limit.
   */
  LimitExceeded: 'LimitExceeded',
  /** Bad API input: an unknown option, a malformed function signature. */
  InvalidArgument: 'InvalidArgument',
} as const;
/** @see {@link TemplateErrorCode} */
export type TemplateErrorCode = (typeof TemplateErrorCode)[keyof typeof TemplateErrorCode];

/**
 * An error from parsing or executing a template. `message` is exactly what Go's `text/template`
 * (or Helm) prints; `data.name` is the template name.
 */
export class TemplateError extends GitOpsKitError<TemplateErrorCode> {
  constructor(code: TemplateErrorCode, message: string, options?: GitOpsKitErrorOptions) {
    super(code, message, options);
    this.name = 'TemplateError';
  }
}

/**
 * True for the JavaScript engine's stack-exhaustion errors (a RangeError, or a SyntaxError when a
 * regular expression could not even be compiled for lack of stack). Uses no regular expression.
 * @internal
 */
export function isStackOverflowError(e: unknown): boolean {
  if (e instanceof RangeError) return e.message.includes('call stack');
  if (e instanceof SyntaxError) return e.message.includes('Stack overflow');
  return false;
}
