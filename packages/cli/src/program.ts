import { Command, CommanderError } from 'commander';
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

/** A subcommand group: one file per group under `commands/`, each registering its subcommands. */
export type CommandGroup = (program: Command, io: CliIO) => void;

/**
 * Builds the `gitops-kit` program with every command group registered.
 * @param groups - the command groups (see `commands/index.ts`).
 */
export function buildProgram(io: CliIO, groups: CommandGroup[]): Command {
  const program = new Command('gitops-kit')
    .description('GitOps primitives from Flux, Kustomize and Helm, in TypeScript.')
    .version(version, '-v, --version')
    .showHelpAfterError('(run with --help for usage)')
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    .addHelpText('after', '\nExit codes: 0 success, 1 error (one line on stderr), 2 usage error.\n')
    .exitOverride();
  for (const group of groups) group(program, io);
  return program;
}

/**
 * Runs the CLI on `argv` (without the node and script entries) and returns the exit code; never
 * calls `process.exit`.
 */
export async function runCli(argv: string[], io: CliIO, groups: CommandGroup[]): Promise<number> {
  const program = buildProgram(io, groups);
  try {
    await program.parseAsync(argv, { from: 'user' });
    return ExitCode.Ok;
  } catch (err) {
    if (err instanceof CommanderError) {
      // --help, `help` and --version exit 0; everything else commander reports (including help
      // shown because no command was given, `commander.help` with exit code 1) is a usage error.
      if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version') return ExitCode.Ok;
      return err.exitCode === 0 ? ExitCode.Ok : ExitCode.Usage;
    }
    return reportError(err, io.stderr);
  }
}
