import { describe, expect, it } from 'vitest';
import { type CommandSpec, type ParsedCommandLine, parseCommandLine } from './args.js';
import { commandGroups } from './commands/index.js';
import { optionTerm } from './help.js';
import { helmCommand } from './commands/helm.js';
import { buildProgram, type CliIO, runCli } from './program.js';

const noop = () => undefined;

/** A small tree with every kind of option the CLI uses. */
const root: CommandSpec = {
  name: 'tool',
  description: 'a tool',
  version: '1.2.3',
  after: '\nExit codes: 0 success.\n',
  commands: [
    {
      name: 'render',
      alias: 'r',
      description: 'render a chart',
      arguments: [
        { name: 'name', description: 'release name' },
        { name: 'chart', description: 'chart directory', default: '.' },
      ],
      options: [
        { long: 'namespace', short: 'n', value: 'namespace', description: 'namespace', default: 'default' },
        { long: 'values', short: 'f', value: 'files', description: 'values files', repeat: 'csv' },
        { long: 'set', value: 'values', description: 'set values', repeat: 'collect' },
        { long: 'include-crds', description: 'include CRDs', default: false },
        { long: 'no-hooks', description: 'no hooks' },
        { long: 'json', short: 'j', description: 'print JSON' },
        { long: 'simulate', description: 'simulate' },
        { long: 'no-simulate', description: 'do not simulate' },
        { long: 'max-size', value: 'bytes', description: 'bound' },
      ],
      action: noop,
    },
    {
      name: 'get',
      description: 'show things',
      commands: [
        {
          name: 'all',
          description: 'show everything',
          arguments: [{ name: 'kind', description: 'kind', required: true }],
          options: [{ long: 'data', value: 'file', description: 'data file', required: true }],
          action: noop,
        },
      ],
    },
  ],
};

/** The defaults of `render`'s flags. */
const defaults = { namespace: 'default', values: [], set: [], includeCrds: false, hooks: true };

type Want = { args: unknown[] } | { usage: string } | { help: string; error?: boolean } | { version: string };

function summary(p: ParsedCommandLine): Want {
  switch (p.kind) {
    case 'run':
      return { args: p.args };
    case 'usage':
      return { usage: p.message };
    case 'help':
      return { help: p.text.split('\n')[0]!, ...(p.error ? { error: true } : {}) };
    case 'version':
      return { version: p.text };
  }
}

describe('parseCommandLine', () => {
  it.each<{ name: string; input: string[]; want: Want }>([
    { name: 'defaults', input: ['render', 'web'], want: { args: ['web', '.', defaults] } },
    {
      name: 'repeatable and comma-separated repeatable',
      input: ['render', 'web', '-f', 'a.yaml,b.yaml', '--set', 'x=1,y=2', '-f', 'c.yaml', '--set', 'z=3'],
      want: {
        args: ['web', '.', { ...defaults, values: ['a.yaml', 'b.yaml', 'c.yaml'], set: ['x=1,y=2', 'z=3'] }],
      },
    },
    {
      name: 'an empty comma-separated value adds nothing',
      input: ['render', 'web', '-f', ''],
      want: { args: ['web', '.', defaults] },
    },
    {
      name: 'negatable flag and booleans',
      input: ['render', 'web', '--no-hooks', '--include-crds', '--json'],
      want: { args: ['web', '.', { ...defaults, hooks: false, includeCrds: true, json: true }] },
    },
    {
      name: 'a boolean flag with =value reads it as strconv.ParseBool (pflag)',
      input: ['render', 'web', '--include-crds=true', '--no-hooks=false', '--json=0', '--simulate=T'],
      want: {
        args: ['web', '.', { ...defaults, includeCrds: true, hooks: true, json: false, simulate: true }],
      },
    },
    {
      name: '--no-x=true is --no-x',
      input: ['render', 'web', '--no-hooks=true', '--include-crds=FALSE'],
      want: { args: ['web', '.', { ...defaults, hooks: false, includeCrds: false }] },
    },
    {
      name: 'a boolean flag with a value ParseBool refuses',
      input: ['render', 'web', '--include-crds=yes'],
      want: {
        usage:
          'invalid argument "yes" for "--include-crds" flag: strconv.ParseBool: parsing "yes": invalid syntax',
      },
    },
    {
      name: '--x and --no-x: no default, the last one wins',
      input: ['render', 'web', '--simulate', '--no-simulate'],
      want: { args: ['web', '.', { ...defaults, simulate: false }] },
    },
    {
      name: '--flag=value, attached short values, last of a single-valued option wins',
      input: ['render', 'web', '--namespace=a=b', '-nNS', '-fx.yaml'],
      want: { args: ['web', '.', { ...defaults, namespace: 'NS', values: ['x.yaml'] }] },
    },
    {
      name: 'options before and after positionals',
      input: ['render', '-n', 'apps', 'web', '--include-crds', './chart'],
      want: { args: ['web', './chart', { ...defaults, namespace: 'apps', includeCrds: true }] },
    },
    {
      name: '-- ends the options',
      input: ['render', '--', '-n', '--json'],
      want: { args: ['-n', '--json', defaults] },
    },
    {
      name: 'a value is taken as given, dashes and all',
      input: ['render', 'web', '--max-size', '-5', '--set', '--json', '-n', '-h'],
      want: { args: ['web', '.', { ...defaults, maxSize: '-5', set: ['--json'], namespace: '-h' }] },
    },
    {
      name: 'a negative number is a positional argument',
      input: ['render', '-12', '-1.5'],
      want: { args: ['-12', '-1.5', defaults] },
    },
    { name: 'alias', input: ['r', 'web'], want: { args: ['web', '.', defaults] } },
    {
      name: 'short option with =value (pflag: -n=apps is apps)',
      input: ['render', 'web', '-n=apps', '-f=a.yaml'],
      want: { args: ['web', '.', { ...defaults, namespace: 'apps', values: ['a.yaml'] }] },
    },
    {
      name: 'short option with = alone',
      input: ['render', '-n='],
      want: { args: [undefined, '.', { ...defaults, namespace: '=' }] },
    },
    {
      name: 'nested command',
      input: ['get', 'all', 'ks', '--data', 'd.yaml'],
      want: { args: ['ks', { data: 'd.yaml' }] },
    },
    { name: 'unknown option', input: ['render', 'web', '--x'], want: { usage: "unknown option '--x'" } },
    {
      name: 'unknown option with a value',
      input: ['render', '--x=1'],
      want: { usage: "unknown option '--x=1'" },
    },
    {
      name: 'boolean given a value (pflag: 1 is true)',
      input: ['render', 'web', '--json=1'],
      want: { args: ['web', '.', { ...defaults, json: true }] },
    },
    { name: 'unknown short in a group', input: ['render', '-jzq'], want: { usage: "unknown option '-zq'" } },
    { name: 'unknown short option', input: ['render', '-z'], want: { usage: "unknown option '-z'" } },
    { name: 'unknown top-level option', input: ['--x'], want: { usage: "unknown option '--x'" } },
    { name: 'unknown command', input: ['nope'], want: { usage: "unknown command 'nope'" } },
    { name: 'unknown subcommand', input: ['get', 'nope'], want: { usage: "unknown command 'nope'" } },
    {
      name: 'missing required argument',
      input: ['get', 'all', '--data', 'd'],
      want: { usage: "missing required argument 'kind'" },
    },
    {
      name: 'missing required option',
      input: ['get', 'all', 'ks'],
      want: { usage: "required option '--data <file>' not specified" },
    },
    {
      name: 'option value missing',
      input: ['render', 'web', '-n'],
      want: { usage: "option '-n, --namespace <namespace>' argument missing" },
    },
    {
      name: 'too many arguments',
      input: ['render', 'a', 'b', 'c'],
      want: { usage: "too many arguments for 'render'. Expected 2 arguments but got 3." },
    },
    { name: '--help', input: ['--help'], want: { help: 'Usage: tool [options] [command]' } },
    { name: 'help', input: ['help'], want: { help: 'Usage: tool [options] [command]' } },
    { name: 'no command', input: [], want: { help: 'Usage: tool [options] [command]', error: true } },
    {
      name: 'group without command',
      input: ['get'],
      want: { help: 'Usage: tool get [options] [command]', error: true },
    },
    {
      name: 'help of a nested command',
      input: ['help', 'get', 'all'],
      want: { help: 'Usage: tool get all [options] <kind>' },
    },
    {
      name: '-h wins over other errors',
      input: ['get', 'all', '--x', '-h'],
      want: { help: 'Usage: tool get all [options] <kind>' },
    },
    {
      name: 'help with alias',
      input: ['r', '-h'],
      want: { help: 'Usage: tool render|r [options] [name] [chart]' },
    },
    { name: '--version', input: ['--version'], want: { version: '1.2.3\n' } },
    { name: '-v', input: ['-v'], want: { version: '1.2.3\n' } },
    { name: '-v of a command is unknown', input: ['render', '-v'], want: { usage: "unknown option '-v'" } },
  ])('$name', ({ input, want }) => {
    expect(summary(parseCommandLine(root, input))).toEqual(want);
  });

  it('gives each run fresh repeatable arrays', () => {
    const a = parseCommandLine(root, ['render', '-f', 'a']);
    const b = parseCommandLine(root, ['render']);
    expect(b).toMatchObject({ kind: 'run', args: [undefined, '.', { values: [] }] });
    expect(a).toMatchObject({ kind: 'run', args: [undefined, '.', { values: ['a'] }] });
  });
});

/** `render` reporting usage errors as cobra/pflag (helm's CLI) does. */
const pflagRoot: CommandSpec = {
  ...root,
  commands: [
    {
      ...root.commands![0]!,
      usageErrors: 'pflag',
      tooManyArguments: (extra) =>
        `expected at most two arguments, unexpected arguments: ${extra.join(', ')}`,
    },
  ],
};

// Messages as helm v3.17.2 prints them for `helm template` (after `Error: `).
describe('parseCommandLine with pflag usage errors', () => {
  it.each<{ name: string; input: string[]; want: Want }>([
    { name: 'unknown long flag', input: ['render', 'web', '--x'], want: { usage: 'unknown flag: --x' } },
    {
      name: 'unknown long flag with a value',
      input: ['render', '--x=1'],
      want: { usage: 'unknown flag: --x' },
    },
    {
      name: 'unknown shorthand',
      input: ['render', '-zx'],
      want: { usage: "unknown shorthand flag: 'z' in -zx" },
    },
    {
      name: 'unknown shorthand inside a group',
      input: ['render', '-jzq'],
      want: { usage: "unknown shorthand flag: 'z' in -zq" },
    },
    {
      name: 'a negative number is a flag',
      input: ['render', '-5'],
      want: { usage: "unknown shorthand flag: '5' in -5" },
    },
    {
      name: 'long flag without its value',
      input: ['render', 'web', '--max-size'],
      want: { usage: 'flag needs an argument: --max-size' },
    },
    {
      name: 'shorthand without its value',
      input: ['render', 'web', '-n'],
      want: { usage: "flag needs an argument: 'n' in -n" },
    },
    {
      name: 'the first error in order wins',
      input: ['render', '--x', '-n'],
      want: { usage: 'unknown flag: --x' },
    },
    {
      name: 'boolean given a bad value',
      input: ['render', '--json=maybe'],
      want: {
        usage:
          'invalid argument "maybe" for "--json" flag: strconv.ParseBool: parsing "maybe": invalid syntax',
      },
    },
    {
      name: 'too many arguments: the command says what',
      input: ['render', 'a', 'b', 'c', 'd'],
      want: { usage: 'expected at most two arguments, unexpected arguments: c, d' },
    },
    {
      name: 'valid input still runs',
      input: ['render', 'web', '-n', 'x'],
      want: { args: ['web', '.', { ...defaults, namespace: 'x' }] },
    },
  ])('$name', ({ input, want }) => {
    const p = parseCommandLine(pflagRoot, input);
    expect(summary(p)).toEqual(want);
    if (p.kind === 'usage') expect(p.pflag).toBe(true);
  });

  it('prints Error: <message> and exits 1 (not 2) through runCli', async () => {
    const err: string[] = [];
    const io: CliIO = {
      stdout: noop,
      stderr: (s) => void err.push(String(s)),
      readStdin: async () => '',
      cwd: '/',
      env: {},
    };
    expect(await runCli(['helm', 'template', 'r', 'chart', '--bogus'], io, [helmCommand])).toBe(1);
    expect(err.join('')).toBe('Error: unknown flag: --bogus\n');
  });
});

describe('--help', () => {
  it('lays out usage, arguments with defaults, options with defaults, and the after text', () => {
    const p = parseCommandLine(root, ['render', '--help']);
    expect(p.kind === 'help' && p.text).toBe(
      [
        'Usage: tool render|r [options] [name] [chart]',
        '',
        'render a chart',
        '',
        'Arguments:',
        '  name                         release name',
        '  chart                        chart directory (default: ".")',
        '',
        'Options:',
        '  -n, --namespace <namespace>  namespace (default: "default")',
        '  -f, --values <files>         values files',
        '  --set <values>               set values',
        '  --include-crds               include CRDs (default: false)',
        '  --no-hooks                   no hooks',
        '  -j, --json                   print JSON',
        '  --simulate                   simulate',
        '  --no-simulate                do not simulate',
        '  --max-size <bytes>           bound',
        '  -h, --help                   display help for command',
        '',
      ].join('\n'),
    );
  });

  it('lists the commands, version and help at the top level', () => {
    const p = parseCommandLine(root, ['--help']);
    expect(p.kind === 'help' && p.text).toBe(
      [
        'Usage: tool [options] [command]',
        '',
        'a tool',
        '',
        'Options:',
        '  -v, --version                      output the version number',
        '  -h, --help                         display help for command',
        '',
        'Commands:',
        '  render|r [options] [name] [chart]  render a chart',
        '  get                                show things',
        '  help [command]                     display help for command',
        '',
        'Exit codes: 0 success.',
        '',
        '',
      ].join('\n'),
    );
  });

  // Every command of the real CLI: its help names each of its options and arguments.
  const program = buildProgram({} as CliIO, commandGroups);
  const leaves: { path: string[]; command: CommandSpec }[] = [];
  const walk = (c: CommandSpec, path: string[]) => {
    if (c.commands) for (const sub of c.commands) walk(sub, [...path, sub.name]);
    else leaves.push({ path, command: c });
  };
  walk(program, []);
  it.each(leaves.map((l) => ({ name: l.path.join(' '), ...l })))('$name', ({ path, command }) => {
    const p = parseCommandLine(program, [...path, '--help']);
    expect(p.kind).toBe('help');
    const text = p.kind === 'help' ? p.text : '';
    expect(text.startsWith(`Usage: gitops-kit ${path.join(' ')}`)).toBe(true);
    for (const o of command.options ?? []) expect(text).toContain(optionTerm(o));
    for (const a of command.arguments ?? []) expect(text).toContain(`  ${a.name}`);
  });
});
