import * as nodeModule from 'node:module';
import { commandLoaders } from './commands/loaders.js';
import { runCli } from './program.js';

// Node 22.1+ keeps V8's compiled code of the modules loaded below in its compile cache (in the
// temporary directory), so later runs skip compiling them; absent on Node 20.
(nodeModule as { enableCompileCache?: () => unknown }).enableCompileCache?.();

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

// Load only the group of the command being run; `--version` needs none; help, no command or an
// unknown command load every group (the top-level help lists them all). A subcommand's `--help`
// is the same either way, since it does not list its siblings.
const args = process.argv.slice(2);
const first = args[0] ?? '';
const load = Object.hasOwn(commandLoaders, first) ? commandLoaders[first] : undefined;
const groups =
  first === '-v' || first === '--version'
    ? []
    : load
      ? [await load()]
      : (await import('./commands/index.js')).commandGroups;
const code = await runCli(
  args,
  {
    stdout: (s) => process.stdout.write(s),
    stderr: (s) => process.stderr.write(s),
    readStdin,
    cwd: process.cwd(),
    env: process.env,
  },
  groups,
);
process.exitCode = code;
