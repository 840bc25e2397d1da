import type { CommandGroup } from '../program.js';

/**
 * `gitops-kit envsubst [--strict]`: expands `${VAR}` expressions on standard input from the
 * environment with Flux's envsubst dialect, like `flux envsubst`: line by line (each line is
 * expanded on its own and written with a trailing newline; a `\r` before a newline is dropped),
 * so an error stops the output after the lines already expanded.
 *
 * @see https://github.com/fluxcd/flux2/blob/main/cmd/flux/envsubst.go
 */
export const envsubstCommand: CommandGroup = (io) => [
  {
    name: 'envsubst',
    description:
      // biome-ignore lint/suspicious/noTemplateCurlyInString: `${VAR}` is the syntax being described
      'substitute ${VAR} expressions on stdin from the environment (Flux post-build substitution dialect)',
    options: [
      {
        long: 'strict',
        description:
          'fail if a variable without a default value is declared in the input but is missing from the environment',
        default: false,
      },
    ],
    after:
      '\nExamples:\n  export cluster_region=eu-central-1\n  kubectl kustomize . | gitops-kit envsubst\n  kubectl kustomize . | gitops-kit envsubst --strict\n',
    action: async (opts: { strict: boolean }) => {
      const input = await io.readStdin();
      if (input === '') return;
      const { substitute } = await import('@gitops-kit/kustomize');
      const lines = input.split('\n');
      if (lines[lines.length - 1] === '') lines.pop();
      const env = io.env;
      const lookup = (name: string) => (Object.hasOwn(env, name) ? env[name] : undefined);
      for (const raw of lines) {
        const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
        io.stdout(`${substitute(line, lookup, { strict: opts.strict })}\n`);
      }
    },
  },
];
