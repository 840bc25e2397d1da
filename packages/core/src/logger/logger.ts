/** Structured key/value fields attached to a log line. */
export type LogFields = Record<string, unknown>;

/**
 * A minimal structured logger, injected wherever library code logs. Compatible in spirit with
 * controller-runtime's logr: a message plus key/value fields. Never log secret values.
 */
export interface Logger {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
}

/** A logger that drops everything (the default). */
export const noopLogger: Logger = {
  debug() {},
  info() {},
  warn() {},
  error() {},
};
