/**
 * A set of named templates sharing functions and options: Go's `*template.Template` with its
 * `common` (all templates parsed into it, `define`d ones included, can `{{template}}` each other).
 * Parse once, execute many times with different data.
 *
 * @see https://pkg.go.dev/text/template
 */
import { isStackOverflowError, TemplateError } from './exec/errors.js';
import { ExecFailure, executeTree, isResourceError, LimitFailure, MissingKey } from './exec/exec.js';
import { builtinFuncs } from './funcs/builtin.js';
import { goQuote } from './fmt/quote.js';
import { isEmptyTree } from './parse/node.js';
import { ParseFailure, ParseLimitFailure, parseTrees, type Tree } from './parse/parse.js';
import type { FuncMap } from './value/func.js';
import type { GoFunc } from './value/types.js';

/** `missingkey` option values (Go's `Option("missingkey=...")`). */
export type MissingKeyOption = 'default' | 'invalid' | 'zero' | 'error';

/** Bounds against hostile templates. */
export interface TemplateLimits {
  /**
   * Maximum depth of nested `{{template}}` calls in one execution. Go allows 100000
   * (`maxExecDepth`), deeper than a JavaScript stack reaches. At this depth, a recursion that
   * provably never ends (the innermost calls repeat with the same call site and dot) fails with
   * the `ExecError` Go prints at its own limit (`exceeded maximum template depth (100000)`, at the
   * call Go stops in); any other recursion this deep fails with `LimitExceeded`. The JavaScript
   * stack may run out first (a deep template body uses more of it per level): the same rules
   * apply then, with `data.limit` `stack`. Default 500.
   */
  maxTemplateDepth: number;
  /**
   * Maximum nesting of parentheses and `if`/`range`/`with`/`else if` blocks when parsing. Go has
   * no such bound; deeper templates fail with `LimitExceeded`. Default 1000.
   */
  maxParseNesting: number;
  /**
   * Maximum length of one execution's output, in UTF-16 code units (characters for ASCII).
   * Go has no such bound; longer output fails with `LimitExceeded`. Default 256 Mi (268435456).
   */
  maxOutputLength: number;
}

/** Defaults of {@link TemplateLimits}. */
export const defaultTemplateLimits: TemplateLimits = {
  maxTemplateDepth: 500,
  maxParseNesting: 1000,
  maxOutputLength: 256 * 1024 * 1024,
};

/** Options of {@link TemplateSet}. */
export interface TemplateSetOptions {
  /** Name of the set (Go's name of the root template, used in "no template ... associated with" errors). Default `''`. */
  name?: string;
  /** Functions beyond Go's builtins (see `goFuncs`, `sprigFuncs`, `helmFuncs`). Default none. */
  funcs?: FuncMap;
  /** How a missing map key evaluates. Default `'default'` (Go's default: `<no value>`). */
  missingKey?: MissingKeyOption;
  /** Left action delimiter. Default `{{`. */
  leftDelim?: string;
  /** Right action delimiter. Default `}}`. */
  rightDelim?: string;
  /** Hostile-template bounds. */
  limits?: Partial<TemplateLimits>;
}

/** Defaults of {@link TemplateSetOptions}. */
export const defaultTemplateSetOptions = {
  name: '',
  missingKey: 'default' as MissingKeyOption,
  leftDelim: '{{',
  rightDelim: '}}',
};

const BUILTINS = builtinFuncs();

function missingKeyOf(opt: MissingKeyOption | undefined): MissingKey {
  switch (opt ?? 'default') {
    case 'default':
    case 'invalid':
      return MissingKey.Invalid;
    case 'zero':
      return MissingKey.Zero;
    case 'error':
      return MissingKey.Error;
    default:
      throw new TemplateError('InvalidArgument', `unrecognized option: missingkey=${String(opt)}`);
  }
}

/**
 * Named templates parsed into one namespace, with functions and options.
 *
 * @example
 * ```ts
 * const set = new TemplateSet({ funcs: sprigFuncs() });
 * set.parse('msg', '{{ define "who" }}{{ .name | upper }}{{ end }}Hello {{ template "who" . }}');
 * set.execute('msg', { name: 'flux' }); // 'Hello FLUX'
 * ```
 */
export class TemplateSet {
  /** Name of the set. */
  readonly name: string;
  /** @internal The executor's `missingkey` mode; set it with {@link TemplateSet.option}. */
  missingKey: MissingKey;
  /** @internal The executor's recursion limit (from `limits.maxTemplateDepth`). */
  maxExecDepth: number;
  /** @internal The executor's output bound (from `limits.maxOutputLength`). */
  maxOutputLength: number;
  private readonly parent: TemplateSet | null;
  private readonly trees = new Map<string, Tree>();
  private readonly funcMap = new Map<string, GoFunc>();
  /** {@link TemplateSet.lookupFunc}'s results, valid while {@link funcsVersion} is unchanged. */
  private readonly funcCache = new Map<string, { fn: GoFunc; builtin: boolean }>();
  private funcCacheVersion = -1;
  private leftDelim: string;
  private rightDelim: string;
  private maxParseNesting: number;

  constructor(options: TemplateSetOptions = {}, parent: TemplateSet | null = null) {
    this.name = options.name ?? parent?.name ?? '';
    this.parent = parent;
    this.missingKey =
      parent && options.missingKey === undefined ? parent.missingKey : missingKeyOf(options.missingKey);
    this.leftDelim = options.leftDelim ?? parent?.leftDelim ?? '{{';
    this.rightDelim = options.rightDelim ?? parent?.rightDelim ?? '}}';
    const limits = { ...defaultTemplateLimits, ...options.limits };
    this.maxExecDepth = parent && !options.limits ? parent.maxExecDepth : limits.maxTemplateDepth;
    this.maxParseNesting = parent && !options.limits ? parent.maxParseNesting : limits.maxParseNesting;
    this.maxOutputLength = parent && !options.limits ? parent.maxOutputLength : limits.maxOutputLength;
    if (options.funcs) this.addFuncs(options.funcs);
  }

  /** Adds (or replaces) functions (Go's `Funcs`). Returns the set. */
  addFuncs(funcs: FuncMap): this {
    for (const [name, fn] of Object.entries(funcs)) {
      if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name) && !/^[\p{L}_][\p{L}\p{Nd}_]*$/u.test(name)) {
        throw new TemplateError(
          'InvalidArgument',
          `function name ${goQuote(name)} is not a valid identifier`,
        );
      }
      this.funcMap.set(name, fn);
    }
    funcsVersion++;
    return this;
  }

  /** Sets `missingkey` (Go's `Option("missingkey=...")`). */
  option(missingKey: MissingKeyOption): this {
    this.missingKey = missingKeyOf(missingKey);
    return this;
  }

  /** A function by name: the set's own, else a Go builtin. */
  lookupFunc(name: string): { fn: GoFunc; builtin: boolean } | undefined {
    if (this.funcCacheVersion !== funcsVersion) {
      this.funcCache.clear();
      this.funcCacheVersion = funcsVersion;
    }
    let r = this.funcCache.get(name);
    if (r !== undefined) return r;
    for (let s: TemplateSet | null = this; s !== null && r === undefined; s = s.parent) {
      const f = s.funcMap.get(name);
      if (f !== undefined) r = { fn: f, builtin: false };
    }
    if (r === undefined) {
      const b = BUILTINS[name];
      if (b === undefined) return undefined;
      r = { fn: b, builtin: true };
    }
    this.funcCache.set(name, r);
    return r;
  }

  /** True when `name` is a known function (own or builtin). */
  hasFunc(name: string): boolean {
    for (let s: TemplateSet | null = this; s !== null; s = s.parent) if (s.funcMap.has(name)) return true;
    return BUILTINS[name] !== undefined;
  }

  /** @internal The parse tree of template `name`, or undefined. */
  lookupTree(name: string): Tree | undefined {
    for (let s: TemplateSet | null = this; s !== null; s = s.parent) {
      const t = s.trees.get(name);
      if (t !== undefined) return t;
    }
    return undefined;
  }

  /** True when the set defines a template `name` with content. */
  has(name: string): boolean {
    const t = this.lookupTree(name);
    return t !== undefined && t.root !== null;
  }

  /** @internal The trees this set itself defines (not those of a set it overlays). */
  ownTrees(): Map<string, Tree> {
    return new Map(this.trees);
  }

  /** Names of every template in the set. */
  names(): string[] {
    const names = new Set<string>();
    for (let s: TemplateSet | null = this; s !== null; s = s.parent)
      for (const n of s.trees.keys()) names.add(n);
    return [...names];
  }

  /**
   * Parses `text` as template `name` (Go's `t.New(name).Parse(text)`), adding every `define` in it.
   * A later definition of a name replaces an earlier one, unless it is empty (whitespace/comments).
   * @throws TemplateError `ParseError` with Go's message.
   */
  parse(name: string, text: string): this {
    let trees: Map<string, Tree>;
    try {
      trees = parseTrees(name, text, {
        leftDelim: this.leftDelim,
        rightDelim: this.rightDelim,
        hasFunc: (n) => this.hasFunc(n),
        limits: { maxNesting: this.maxParseNesting },
      });
    } catch (e) {
      if (e instanceof ParseLimitFailure) {
        throw new TemplateError('LimitExceeded', e.message, {
          data: { name, limit: 'maxParseNesting', located: true },
        });
      }
      if (e instanceof ParseFailure) throw new TemplateError('ParseError', e.message, { data: { name } });
      if (isStackOverflowError(e)) {
        throw new TemplateError('LimitExceeded', `template: ${name}: template too deeply nested to parse`, {
          data: { name, limit: 'stack', located: true },
          cause: e,
        });
      }
      throw e;
    }
    this.addTrees(trees);
    return this;
  }

  /** @internal Adds parsed trees with Go's `AddParseTree` rules. */
  addTrees(trees: Map<string, Tree>): void {
    for (const [n, tree] of trees) {
      const old = this.lookupTree(n);
      if (old !== undefined && isEmptyTree(tree.root) && old.root !== null) continue;
      this.trees.set(n, tree);
    }
  }

  /**
   * A copy sharing the parsed trees; templates parsed into or functions added to the clone do not
   * affect this set (Go's `Clone`). Cheap: the clone overlays this set.
   */
  clone(options: Pick<TemplateSetOptions, 'missingKey'> = {}): TemplateSet {
    return new TemplateSet({ missingKey: options.missingKey }, this);
  }

  /**
   * Executes template `name` with `data` as dot and returns the output.
   * @throws TemplateError `TemplateNotFound` (no such template), `ExecError` (Go's exec error text),
   *   `LimitExceeded` (a bound of {@link TemplateLimits} or of the functions, or recursion too deep
   *   for the JavaScript stack; `data.limit` names it).
   */
  execute(name: string, data: unknown): string {
    const tree = this.lookupTree(name);
    if (tree === undefined) {
      throw new TemplateError(
        'TemplateNotFound',
        `template: no template ${goQuote(name)} associated with template ${goQuote(this.name)}`,
        { data: { name } },
      );
    }
    try {
      return executeTree(this, name, tree, data);
    } catch (e) {
      throw toTemplateError(e, name);
    }
  }
}

/** Bumped whenever any set's functions change: a set's function lookups cache up to here. */
let funcsVersion = 0;

/** Converts internal failures to {@link TemplateError}s. */
export function toTemplateError(e: unknown, name: string): unknown {
  if (e instanceof LimitFailure) {
    return new TemplateError('LimitExceeded', e.message, {
      data: { name: e.templateName, limit: e.limit, located: true },
    });
  }
  if (e instanceof ExecFailure) {
    const code = /is an incomplete or empty template$/.test(e.message) ? 'TemplateNotFound' : 'ExecError';
    return new TemplateError(code, e.message, { data: { name: e.templateName } });
  }
  if (isStackOverflowError(e)) {
    return new TemplateError(
      'LimitExceeded',
      `template: ${name}: recursion too deep (JavaScript stack exhausted)`,
      { data: { name, limit: 'stack', located: true } },
    );
  }
  if (isResourceError(e)) {
    return new TemplateError('LimitExceeded', `template: ${name}: ${(e as Error).message}`, {
      data: { name, limit: 'jsStringLength', located: true },
    });
  }
  return e;
}
