import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { MissingKeyOption } from '@gitops-kit/template';
import { UsageError } from '../errors.js';
import type { CommandGroup } from '../program.js';

const FUNC_SETS = ['go', 'sprig', 'helm'] as const;
const MISSING_KEYS: MissingKeyOption[] = ['default', 'invalid', 'zero', 'error'];

/**
 * `gitops-kit template --data FILE [--funcs go|sprig|helm] [--missingkey ...] TEMPLATE_FILE`:
 * renders a Go text/template with data from a JSON or YAML file (numbers become float64, as Helm's
 * values do) and prints the result; errors print Go's error text on stderr and exit 1.
 */
export const templateCommand: CommandGroup = (io) => [
  {
    name: 'template',
    description: 'render a Go text/template file with JSON/YAML data (Go, Sprig or Helm functions)',
    arguments: [{ name: 'template-file', description: 'the template to render', required: true }],
    options: [
      {
        long: 'data',
        value: 'file',
        description: 'data file (.json, .yaml or .yml): the template dot',
        required: true,
      },
      {
        long: 'funcs',
        value: 'set',
        description: 'function set: go (builtins only), sprig, helm',
        default: 'sprig',
      },
      {
        long: 'missingkey',
        value: 'action',
        description: 'missing map keys: default, invalid, zero or error',
        default: 'default',
      },
    ],
    after:
      '\nExamples:\n  gitops-kit template --data values.yaml message.tpl\n  gitops-kit template --funcs helm --missingkey zero --data values.json deployment.yaml\n',
    action: async (file: string, opts: { data: string; funcs: string; missingkey: string }) => {
      if (!(FUNC_SETS as readonly string[]).includes(opts.funcs)) {
        throw new UsageError(
          `--funcs must be one of ${FUNC_SETS.join(', ')}, not ${JSON.stringify(opts.funcs)}`,
        );
      }
      if (!(MISSING_KEYS as string[]).includes(opts.missingkey)) {
        throw new UsageError(
          `--missingkey must be one of ${MISSING_KEYS.join(', ')}, not ${JSON.stringify(opts.missingkey)}`,
        );
      }
      const dataPath = resolve(io.cwd, opts.data);
      const { parse: parseYaml } = await import('yaml');
      const dataText = await readFile(dataPath, 'utf8');
      let data: unknown;
      try {
        data = /\.ya?ml$/i.test(dataPath)
          ? parseYaml(dataText, { version: '1.1', merge: true })
          : JSON.parse(dataText);
      } catch (e) {
        throw new Error(`${opts.data}: ${(e as Error).message.split('\n')[0]}`);
      }
      const { goBytes, goString, helmFuncs, sprigFuncs, TemplateSet } = await import('@gitops-kit/template');
      const text = goString(await readFile(resolve(io.cwd, file)));
      const funcs = opts.funcs === 'go' ? {} : opts.funcs === 'helm' ? helmFuncs() : sprigFuncs();
      const set = new TemplateSet({ name: file, funcs, missingKey: opts.missingkey as MissingKeyOption });
      set.parse(file, text);
      io.stdout(goBytes(set.execute(file, data)));
    },
  },
];
