/**
 * `@gitops-kit/core/errors`: the error base alone ({@link GitOpsKitError}, the {@link isGitOpsKitError}
 * brand check, {@link formatObjectName}, {@link goQuote} for messages that quote as Go's `%q`) and the abort and clock basics every package needs
 * ({@link throwIfAborted}, {@link abortError}, {@link systemClock}). Importing it does not load the
 * rest of core (the CEL environment, JSON patch), which keeps command-line start-up fast; the main
 * entry exports the same names. Match errors with {@link isGitOpsKitError}, not `instanceof`.
 * @packageDocumentation
 */
export {
  GitOpsKitError,
  CoreError,
  CoreErrorCode,
  isGitOpsKitError,
  formatObjectName,
  type ErrorData,
  type GitOpsKitErrorOptions,
} from './GitOpsKitError.js';
export { goQuote } from './goQuote.js';
export { throwIfAborted, abortError, systemClock, type Clock, type SleepOptions } from '../clock/clock.js';
