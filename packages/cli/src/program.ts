import { resolve } from 'node:path';
import { type CommandSpec, parseCommandLine } from './args.js';
import { ExitCode, reportError } from './errors.js';
import { version } from './version.js';

/** Streams and environment a CLI run uses; injected so tests run the CLI in-process too. */
export interface CliIO {
  /**
   * Writes to standard output. Bytes only where a Go program would print bytes that are not valid
   * UTF-8 (`helm template`, `template`: Go strings are bytes).
   */
  stdout: (s: string | Uint8Array) => void;
  /** Writes to standard error (bytes as for {@link CliIO.stdout}). */
  stderr: (s: string | Uint8Array) => void;
  /** Reads all of standard input. */
  readStdin: () => Promise<string>;
  cwd: string;
  env: Record<string, string | undefined>;
}

/**
 * A path argument for an engine that resolves it against the process's directory: as given when
 * {@link CliIO.cwd} is that directory (kustomize's and helm's errors quote the path as typed),
 * else resolved against `io.cwd`.
 */
export function pathAsGiven(io: CliIO, p: string): string {
  return io.cwd === process.cwd() ? p : resolve(io.cwd, p);
}

/**
 * A subcommand group: one file per group under `commands/`, each returning its top-level commands
 * (their actions close over `io`).
 */
export type CommandGroup = (io: CliIO) => CommandSpec[];

/**
 * The `gitops-kit` command tree with every command group registered.
 * @param groups - the command groups (see `commands/index.ts`).
 */
export function buildProgram(io: CliIO, groups: CommandGroup[]): CommandSpec {
  return {
    name: 'gitops-kit',
    description: 'GitOps primitives from Flux, Kustomize and Helm, in TypeScript.',
    version,
    after: '\nExit codes: 0 success, 1 error (one line on stderr), 2 usage error.\n',
    commands: groups.flatMap((group) => group(io)),
  };
}

/**
 * Runs the CLI on `argv` (without the node and script entries) and returns the exit code; never
 * calls `process.exit`. `--help`, `help` and `--version` exit 0 (stdout); usage errors exit 2 with
 * `error: <message>` and a hint on stderr (no command: the help, on stderr), except in a command
 * whose `usageErrors` is `'pflag'` (`helm template`): `Error: <message>`, exit 1, as helm; a failing
 * command exits as {@link reportError} says.
 */
export async function runCli(argv: string[], io: CliIO, groups: CommandGroup[]): Promise<number> {
  const parsed = parseCommandLine(buildProgram(io, groups), argv);
  switch (parsed.kind) {
    case 'help':
      (parsed.error ? io.stderr : io.stdout)(parsed.text);
      return parsed.error ? ExitCode.Usage : ExitCode.Ok;
    case 'version':
      io.stdout(parsed.text);
      return ExitCode.Ok;
    case 'usage':
      if (parsed.pflag) {
        io.stderr(`Error: ${parsed.message}\n`);
        return ExitCode.Error;
      }
      io.stderr(`error: ${parsed.message}\n(run with --help for usage)\n`);
      return ExitCode.Usage;
    case 'run':
      try {
        await (parsed.command.action as (...args: unknown[]) => unknown)(...parsed.args);
        return ExitCode.Ok;
      } catch (err) {
        return reportError(err, io.stderr);
      }
  }
}
