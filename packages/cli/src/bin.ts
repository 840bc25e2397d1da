import type { CommandGroup } from './program.js';
import { runCli } from './program.js';

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * Command groups that can run without loading the others (start-up time is part of every run, and
 * each group's packages take a while to load). Their `--help` is the same either way, since a
 * subcommand's help does not list its siblings; anything else loads every group.
 */
const standalone: Record<string, () => Promise<CommandGroup>> = {
  helm: async () => (await import('./commands/helm.js')).helmCommand,
  kustomize: async () => (await import('./commands/kustomize.js')).kustomizeCommand,
};

const args = process.argv.slice(2);
const load = standalone[args[0] ?? ''];
const groups = load ? [await load()] : (await import('./commands/index.js')).commandGroups;
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
