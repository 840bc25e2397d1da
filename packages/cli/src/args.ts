import { type ParseArgsConfig, parseArgs } from 'node:util';
import { formatHelp, optionTerm } from './help.js';

/**
 * One option of a command. Its value lands in the flags object under the camel-cased long name
 * (`--set-string` → `setString`; `--no-hooks` → `hooks`).
 */
export interface OptionSpec {
  /**
   * Long name without the dashes: `namespace`. `no-<name>` declares a negation: it sets `<name>` to
   * `false`, and `<name>` defaults to `true` unless the command also declares `--<name>` itself.
   */
  long: string;
  /** One-letter alias without the dash: `n` for `-n`. */
  short?: string;
  /** Name of the value shown in help (`<namespace>`); absent for a boolean flag. */
  value?: string;
  /** One line for `--help`. */
  description: string;
  /** Value when the option is not given; shown in help. Repeatable options start from `[]`. */
  default?: string | boolean | string[];
  /**
   * A repeatable option: `collect` appends each occurrence; `csv` appends each occurrence's
   * comma-separated items (pflag's StringSlice: `-f a.yaml,b.yaml -f c.yaml`).
   */
  repeat?: 'collect' | 'csv';
  /** The option must be given (a usage error otherwise). */
  required?: boolean;
}

/** One positional argument of a command. */
export interface ArgumentSpec {
  name: string;
  description: string;
  /** Must be given (shown `<name>`; optional ones are shown `[name]`). */
  required?: boolean;
  /** Value passed to the action when the argument is absent (else `undefined`). */
  default?: string;
}

/**
 * A command: a group of subcommands (`commands`) or a leaf with an `action`. Options may come
 * before or after the positional arguments, `--flag=value` and `--flag value` both work, short
 * flags take attached values (`-nNS`, and `-n=NS` as pflag reads it), `--` ends the options; a
 * value is taken as given even when it starts with a dash (`--set -x`), as pflag and commander do.
 * A boolean flag also takes `--flag=true|false` (Go's `strconv.ParseBool`, as pflag reads it).
 */
export interface CommandSpec {
  name: string;
  /** A second name (`ks` for `kustomization`). */
  alias?: string;
  /** One line for `--help` and the parent's command list. */
  description: string;
  /** Positional arguments, in order. */
  arguments?: ArgumentSpec[];
  options?: OptionSpec[];
  /** Text printed after the generated help (examples, exit codes), starting with a blank line. */
  after?: string;
  /** Subcommands, in help order. */
  commands?: CommandSpec[];
  /**
   * Runs a leaf: called with each declared argument (the given value, else its default or
   * `undefined`), then the flags object (see {@link OptionSpec}).
   */
  action?: (...args: never[]) => unknown;
  /** On the root: what `-v, --version` prints. */
  version?: string;
  /**
   * A leaf that reports usage errors as a cobra/pflag command does (`helm template`): pflag's
   * messages (`unknown flag: --x`, `unknown shorthand flag: 'x' in -xy`, `flag needs an argument:
   * --x` or `'x' in -x`), the first one in command-line order, printed `Error: <message>` with exit
   * code 1; `-5` is a flag there, not a negative number.
   *
   * @see https://github.com/spf13/pflag/blob/v1.0.5/flag.go (parseLongArg, parseSingleShortArg)
   */
  usageErrors?: 'pflag';
  /** The usage error for positional arguments beyond the declared ones (given the extra ones). */
  tooManyArguments?: (extra: readonly string[]) => string;
}

/** What a command line asks for: run a command, print help or the version, or a usage error. */
export type ParsedCommandLine =
  | { kind: 'run'; command: CommandSpec; args: unknown[] }
  /** `error`: help shown because a group was given no command (stderr, exit 2). */
  | { kind: 'help'; text: string; error: boolean }
  | { kind: 'version'; text: string }
  /**
   * A usage error (exit 2); `message` is one line without the `error: ` prefix. `pflag`: the
   * command's {@link CommandSpec.usageErrors} is `'pflag'` (`Error: <message>`, exit 1).
   */
  | { kind: 'usage'; message: string; pflag?: boolean };

/** `-5`, `-1.5`, `-2e3`: a positional argument of a leaf command (commander's rule). */
const NEGATIVE_NUMBER = /^-(\d+|\d*\.\d+)(e[+-]?\d+)?$/;

const isHelpFlag = (arg: string) => arg === '-h' || arg === '--help';

/** Finds a subcommand by name or alias. */
function findCommand(cmd: CommandSpec, name: string): CommandSpec | undefined {
  return cmd.commands?.find((c) => c.name === name || c.alias === name);
}

/** Key of an option in the flags object: `set-string` → `setString`, `no-hooks` → `hooks`. */
export function optionKey(option: OptionSpec): string {
  const name = option.long.startsWith('no-') ? option.long.slice(3) : option.long;
  return name.replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

/**
 * Parses `argv` (without the node and script entries) against the command tree under `root`.
 * Groups take `-h/--help`, `help [command...]` and (on the root) `-v/--version` before their
 * subcommand's name; leaves are parsed by `node:util`'s `parseArgs`.
 */
export function parseCommandLine(root: CommandSpec, argv: readonly string[]): ParsedCommandLine {
  const path = [root];
  let rest = argv;
  for (;;) {
    const cmd = path[path.length - 1]!;
    if (!cmd.commands) return parseLeaf(path, rest);
    const [first, ...more] = rest;
    if (first === '--') {
      rest = more;
      continue;
    }
    if (first === undefined) return { kind: 'help', text: formatHelp(path), error: true };
    if (isHelpFlag(first)) return { kind: 'help', text: formatHelp(path), error: false };
    if (cmd.version !== undefined && (first === '-v' || first === '--version')) {
      return { kind: 'version', text: `${cmd.version}\n` };
    }
    if (first === 'help') return helpFor(path, more);
    if (first.length > 1 && first.startsWith('-'))
      return { kind: 'usage', message: `unknown option '${first}'` };
    const sub = findCommand(cmd, first);
    if (!sub) return { kind: 'usage', message: `unknown command '${first}'` };
    path.push(sub);
    rest = more;
  }
}

/** `help [command...]`: the help of the named (sub)command. */
function helpFor(path: CommandSpec[], names: readonly string[]): ParsedCommandLine {
  const at = [...path];
  for (const name of names) {
    const sub = findCommand(at[at.length - 1]!, name);
    if (!sub) return { kind: 'usage', message: `unknown command '${name}'` };
    at.push(sub);
  }
  return { kind: 'help', text: formatHelp(at), error: false };
}

function parseLeaf(path: CommandSpec[], argv: readonly string[]): ParsedCommandLine {
  const cmd = path[path.length - 1]!;
  const options = cmd.options ?? [];
  const byLong = new Map(options.map((o) => [o.long, o]));
  const config: NonNullable<ParseArgsConfig['options']> = {
    help: { type: 'boolean', short: 'h' },
  };
  for (const o of options) {
    config[o.long] = { type: o.value ? 'string' : 'boolean', ...(o.short ? { short: o.short } : {}) };
  }
  // Not `strict`: it refuses option values that start with a dash (`-n -5`, `--set -x`), which
  // pflag and commander take, and words its errors differently; the checks below are the strict ones.
  const { tokens } = parseArgs({
    args: [...argv],
    options: config,
    strict: false,
    allowPositionals: true,
    tokens: true,
  });
  const pflag = cmd.usageErrors === 'pflag';
  const usage = (message: string): ParsedCommandLine =>
    pflag ? { kind: 'usage', message, pflag } : { kind: 'usage', message };
  const digitShort = pflag || options.some((o) => o.short !== undefined && /^\d$/.test(o.short));
  const positionals: string[] = [];
  const given: Given[] = [];
  let help = false;
  let unknown: string | undefined;
  let groupIndex = -1;
  let groupPos = 0;
  for (const t of tokens) {
    if (t.kind === 'option-terminator') continue;
    if (t.kind === 'positional') {
      positionals.push(t.value);
      continue;
    }
    const raw = argv[t.index]!;
    groupPos = t.index === groupIndex ? groupPos + 1 : 0;
    groupIndex = t.index;
    // The rest of a short group (`-jz` → `-z`), or the whole argument (`--json=1`), as commander names it.
    const rawText = groupPos === 0 ? raw : `-${raw.slice(1 + groupPos)}`;
    const option = t.name === 'help' ? undefined : byLong.get(t.name);
    const known =
      option !== undefined && (t.rawName === `--${option.long}` || t.rawName === `-${option.short}`);
    if (known && option.value) {
      if (t.value === undefined) {
        if (!pflag) return usage(`option '${optionTerm(option)}' argument missing`);
        const short = t.rawName.startsWith('--') ? undefined : t.rawName.slice(1);
        return usage(`flag needs an argument: ${short ? `'${short}' in ${rawText}` : t.rawName}`);
      }
      // pflag reads `-n=apps` as `apps` (and `-n=` as `=`), as it reads `--namespace=apps`.
      const shortEq =
        t.inlineValue && !t.rawName.startsWith('--') && t.value.length > 1 && t.value[0] === '=';
      given.push({ option, value: shortEq ? t.value.slice(1) : t.value });
    } else if (known && !t.inlineValue) {
      given.push({ option, value: undefined });
    } else if (known && t.value !== undefined) {
      // A boolean flag with `=value` (`--include-crds=false`): pflag reads it with strconv.ParseBool.
      const on = parseGoBool(t.value);
      if (on === undefined) {
        return usage(
          `invalid argument "${t.value}" for "${t.rawName}" flag: strconv.ParseBool: parsing "${t.value}": invalid syntax`,
        );
      }
      given.push({ option, value: undefined, on });
    } else if (t.name === 'help' && isHelpFlag(t.rawName) && !t.inlineValue) {
      help = true;
    } else if (!digitShort && NEGATIVE_NUMBER.test(raw)) {
      // parseArgs reads `-12` as the group `-1 -2`: one positional per argument.
      if (groupPos === 0) positionals.push(raw);
    } else if (pflag) {
      return usage(
        t.rawName.startsWith('--')
          ? `unknown flag: ${t.rawName}`
          : `unknown shorthand flag: '${rawText.charAt(1)}' in ${rawText}`,
      );
    } else {
      unknown ??= rawText;
    }
  }
  if (help) return { kind: 'help', text: formatHelp(path), error: false };
  for (const o of options) {
    if (o.required && !given.some((g) => g.option === o)) {
      return usage(`required option '${optionTerm(o)}' not specified`);
    }
  }
  if (unknown !== undefined) return usage(`unknown option '${unknown}'`);
  const declared = cmd.arguments ?? [];
  for (const [i, a] of declared.entries()) {
    if (a.required && positionals[i] === undefined) {
      return usage(`missing required argument '${a.name}'`);
    }
  }
  if (positionals.length > declared.length) {
    const n = declared.length;
    if (cmd.tooManyArguments) return usage(cmd.tooManyArguments(positionals.slice(n)));
    return usage(
      `too many arguments for '${cmd.name}'. Expected ${n} argument${n === 1 ? '' : 's'} but got ${positionals.length}.`,
    );
  }
  return {
    kind: 'run',
    command: cmd,
    args: [...declared.map((a, i) => positionals[i] ?? a.default), flagValues(options, given)],
  };
}

/** An option given on the command line: its value, or for a boolean flag whether it was set on. */
interface Given {
  option: OptionSpec;
  value: string | undefined;
  /** A boolean flag's `=value` (absent: `--flag` alone, which is on). */
  on?: boolean;
}

/** Go's `strconv.ParseBool`: undefined for anything else. */
function parseGoBool(s: string): boolean | undefined {
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(s)) return true;
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(s)) return false;
  return undefined;
}

/** The flags object: defaults, then each given option in command-line order. */
function flagValues(options: readonly OptionSpec[], given: readonly Given[]): Record<string, unknown> {
  const flags: Record<string, unknown> = {};
  const longs = new Set(options.map((o) => o.long));
  for (const o of options) {
    const key = optionKey(o);
    if (o.default !== undefined) flags[key] = Array.isArray(o.default) ? [...o.default] : o.default;
    else if (o.repeat) flags[key] = [];
    else if (o.long.startsWith('no-') && !longs.has(o.long.slice(3))) flags[key] = true;
  }
  for (const { option: o, value, on } of given) {
    const key = optionKey(o);
    if (value === undefined) flags[key] = (on ?? true) !== o.long.startsWith('no-');
    else if (o.repeat === 'csv') (flags[key] as string[]).push(...(value === '' ? [] : value.split(',')));
    else if (o.repeat === 'collect') (flags[key] as string[]).push(value);
    else flags[key] = value;
  }
  return flags;
}
