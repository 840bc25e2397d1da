import { isGitOpsKitError } from '@gitops-kit/core/errors';

/** Exit codes of `gitops-kit`, documented in the CLI's `--help` and `docs/cli.md`. */
export const ExitCode = {
  /** Success. */
  Ok: 0,
  /** A user error: bad input, a failed operation (one line on stderr, no stack trace). */
  Error: 1,
  /** A usage error: unknown command or option, missing argument. */
  Usage: 2,
} as const;
/** @see {@link ExitCode} */
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

/** Thrown by commands for usage errors (exit 2). */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/**
 * Thrown by commands that mimic another tool's error output (`helm template`): `output` is written
 * to stderr as-is (bytes where the tool prints bytes that are not UTF-8) and the process exits with
 * `exitCode`.
 */
export class ReportedError extends Error {
  constructor(
    readonly exitCode: ExitCode,
    readonly output: string | Uint8Array,
  ) {
    super((typeof output === 'string' ? output : Buffer.from(output).toString('utf8')).trim());
    this.name = 'ReportedError';
  }
}

/**
 * Turns an error into one stderr line and an exit code: usage errors exit 2, GitOps Kit errors and
 * other known failures exit 1 with `error: <message>`; unexpected errors also exit 1, with the stack
 * only when `GITOPS_KIT_DEBUG` is set.
 */
export function reportError(err: unknown, stderr: (s: string | Uint8Array) => void): ExitCode {
  if (err instanceof UsageError) {
    stderr(`error: ${err.message}\n`);
    return ExitCode.Usage;
  }
  if (err instanceof ReportedError) {
    stderr(err.output);
    return err.exitCode;
  }
  if (isGitOpsKitError(err)) {
    stderr(`error: ${err.message}\n`);
    return ExitCode.Error;
  }
  const message = err instanceof Error ? err.message : String(err);
  stderr(`error: ${message}\n`);
  if (process.env.GITOPS_KIT_DEBUG && err instanceof Error && err.stack) stderr(`${err.stack}\n`);
  return ExitCode.Error;
}
