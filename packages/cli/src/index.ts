/**
 * `@gitops-kit/cli`: the `gitops-kit` command line. Programmatic entry for tests and embedding.
 * @packageDocumentation
 */
export { runCli, buildProgram, type CliIO, type CommandGroup } from './program.js';
export type { ArgumentSpec, CommandSpec, OptionSpec } from './args.js';
export { commandGroups } from './commands/index.js';
export { ExitCode, UsageError, ReportedError, reportError } from './errors.js';
export { version } from './version.js';
