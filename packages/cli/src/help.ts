import type { ArgumentSpec, CommandSpec, OptionSpec } from './args.js';

/** Width help text is wrapped to (the width commander used when not on a terminal). */
const HELP_WIDTH = 80;
/** Descriptions are not wrapped into a column narrower than this. */
const MIN_WRAP_WIDTH = 40;

const HELP_OPTION = '-h, --help';
const HELP_DESCRIPTION = 'display help for command';

/** An option as help and usage errors name it: `-n, --namespace <namespace>`, `--no-hooks`. */
export function optionTerm(o: OptionSpec): string {
  const long = `--${o.long}${o.value ? ` <${o.value}>` : ''}`;
  return o.short ? `-${o.short}, ${long}` : long;
}

const argumentTerm = (a: ArgumentSpec) => (a.required ? `<${a.name}>` : `[${a.name}]`);

/** A subcommand in its parent's list: `kustomization|ks [options] [name]`. */
function commandTerm(c: CommandSpec): string {
  return [
    c.alias ? `${c.name}|${c.alias}` : c.name,
    ...(c.options?.length ? ['[options]'] : []),
    ...(c.arguments ?? []).map(argumentTerm),
  ].join(' ');
}

const withDefault = (description: string, value: unknown) =>
  value === undefined ? description : `${description} (default: ${JSON.stringify(value)})`;

/** Greedy word wrap of each line of `text` to `width` columns. */
function wrap(text: string, width: number): string {
  if (width < MIN_WRAP_WIDTH) return text;
  const out: string[] = [];
  for (const line of text.split('\n')) {
    const chunks = line.match(/\s*\S+/g);
    if (!chunks) {
      out.push('');
      continue;
    }
    let current = chunks[0]!;
    for (const chunk of chunks.slice(1)) {
      if (current.length + chunk.length <= width) current += chunk;
      else {
        out.push(current);
        current = chunk.trimStart();
      }
    }
    out.push(current);
  }
  return out.join('\n');
}

/**
 * The `--help` text of the last command of `path` (root first): usage line, description, then the
 * arguments, options and subcommands with their descriptions and defaults (the layout commander
 * printed), then the command's `after` text and a newline.
 */
export function formatHelp(path: readonly CommandSpec[]): string {
  const cmd = path[path.length - 1]!;
  const names = path.map((c, i) => (i === path.length - 1 && c.alias ? `${c.name}|${c.alias}` : c.name));
  const usage = [
    ...names,
    '[options]',
    ...(cmd.commands ? ['[command]'] : []),
    ...(cmd.arguments ?? []).map(argumentTerm),
  ].join(' ');

  const args = (cmd.arguments ?? []).map((a) => [a.name, withDefault(a.description, a.default)] as const);
  const options = [
    ...(cmd.version !== undefined ? [['-v, --version', 'output the version number'] as const] : []),
    ...(cmd.options ?? []).map((o) => [optionTerm(o), withDefault(o.description, o.default)] as const),
    [HELP_OPTION, HELP_DESCRIPTION] as const,
  ];
  const commands = cmd.commands
    ? [
        ...cmd.commands.map((c) => [commandTerm(c), c.description] as const),
        ['help [command]', HELP_DESCRIPTION] as const,
      ]
    : [];
  const termWidth = Math.max(...[...args, ...options, ...commands].map(([term]) => term.length));
  const descWidth = HELP_WIDTH - termWidth - 4;
  const item = ([term, description]: readonly [string, string]) =>
    `  ${term.padEnd(termWidth)}  ${wrap(description, descWidth).replace(/\n/g, `\n${' '.repeat(termWidth + 4)}`)}`;

  const out = [`Usage: ${usage}`, '', wrap(cmd.description, HELP_WIDTH), ''];
  if (args.length) out.push('Arguments:', ...args.map(item), '');
  out.push('Options:', ...options.map(item), '');
  if (commands.length) out.push('Commands:', ...commands.map(item), '');
  return out.join('\n') + (cmd.after !== undefined ? `${cmd.after}\n` : '');
}
