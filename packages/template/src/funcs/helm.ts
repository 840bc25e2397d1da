/**
 * Helm v3.17's template functions (`pkg/engine/funcs.go`) on top of Sprig, and Helm's rendering
 * engine around them (`pkg/engine/engine.go`): `include` with Helm's recursion cap, `tpl` (parsed
 * into a clone named `gotpl`), `required`, `fail`, `lookup` (pluggable, empty by default),
 * `<no value>` removal, and Helm's rewriting of parse and execution errors.
 *
 * @see https://github.com/helm/helm/blob/v3.17.2/pkg/engine/funcs.go
 * @see https://github.com/helm/helm/blob/v3.17.2/pkg/engine/engine.go
 */
import type { ParseOptions, SchemaOptions, DocumentOptions } from 'yaml';
import { isStackOverflowError, TemplateError } from '../exec/errors.js';
import { TemplateSet } from '../template.js';
import { callSite } from '../exec/exec.js';
import type { Node } from '../parse/node.js';
import type { Tree } from '../parse/parse.js';
import { goQuote } from '../fmt/quote.js';
import { type FuncMap, goFunc } from '../value/func.js';
import { bigGoInt, GoInt, isGoMap, typedSlice } from '../value/types.js';
import { jsonMarshal, jsonUnmarshal, jsonKind } from './json.js';
import { type SprigOptions, sprigFuncs, strval } from './sprig.js';
import { yamlMarshal, yamlMarshalV3, toJsonTree, keyLess, yamlReaderProblem } from './yaml.js';
import { formatFloat } from '../fmt/float.js';
import { lazyRequire } from './lazyRequire.js';

const yamlLib = lazyRequire<typeof import('yaml')>('yaml');
const tomlLib = lazyRequire<typeof import('smol-toml')>('smol-toml');

/**
 * Helm's `lookup apiVersion kind namespace name`: returns the object (or a `List`) as a map, or
 * an empty map. In `helm template` (no cluster) it always returns an empty map.
 */
export type LookupFunction = (
  apiVersion: string,
  kind: string,
  namespace: string,
  name: string,
) => Record<string, unknown>;

/** Options of {@link helmFuncs} and {@link HelmEngine}. */
export interface HelmFuncOptions extends SprigOptions {
  /** `lookup` implementation. Default: always an empty map (Helm's template mode). */
  lookup?: LookupFunction;
}

const HELM_ERR_START = 'HELM_ERR_START';
const HELM_ERR_END = 'HELM_ERR_END';
/** Helm's `recursionMaxNums`: how often one name may be nested in `include`. */
export const helmRecursionMaxNums = 1000;

const warnWrap = (s: string) => HELM_ERR_START + s + HELM_ERR_END;

function yamlParseOptions(): ParseOptions & DocumentOptions & SchemaOptions {
  return {
    version: '1.1',
    schema: 'yaml-1.1',
    merge: true,
    uniqueKeys: false,
    customTags: (tags) => tags.filter((t) => (t as { tag?: string }).tag !== 'tag:yaml.org,2002:timestamp'),
  };
}

/** YAML (1.1, as go-yaml v2 reads it) to the JSON-decoded value model, like sigs.k8s.io/yaml. */
function yamlToJsonValue(v: unknown): unknown {
  if (v === undefined) return null;
  if (Array.isArray(v)) return v.map(yamlToJsonValue);
  if (v instanceof Map) {
    const out: Record<string, unknown> = {};
    for (const [k, x] of v) out[keyString(k)] = yamlToJsonValue(x);
    return out;
  }
  if (v !== null && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) out[k] = yamlToJsonValue(x);
    return out;
  }
  if (typeof v === 'bigint') return Number(v);
  return v;
}

function keyString(k: unknown): string {
  if (typeof k === 'string') return k;
  if (typeof k === 'number') return Number.isInteger(k) ? String(k) : formatFloat(k, 'g', -1);
  if (typeof k === 'boolean') return k ? 'true' : 'false';
  if (k === null) return 'null';
  return String(k);
}

/** eemeli/yaml messages mapped to go-yaml v2's wording for the common cases. */
const YAML_ERRORS: [RegExp, string][] = [
  [
    /Nested mappings are not allowed in compact mappings|Implicit map keys need to be/,
    'mapping values are not allowed in this context',
  ],
  [/Missing closing "?quote|Missing closing/, 'found unexpected end of stream'],
  [
    /Implicit keys need to be on a single line|Implicit map keys need to be followed by map values/,
    "could not find expected ':'",
  ],
  [/All mapping items must start at the same column|Bad indentation/, 'did not find expected key'],
];

function yamlUnmarshal(s: string): unknown {
  const problem = yamlReaderProblem(s);
  if (problem !== undefined) throw new Error(`error converting YAML to JSON: yaml: ${problem}`);
  try {
    return yamlToJsonValue(
      yamlLib().parse(s, { ...yamlParseOptions(), mapAsMap: true, maxAliasCount: 1000 }),
    );
  } catch (e) {
    const msg = (e instanceof Error ? e.message : String(e)).split('\n')[0]!;
    const line = Number(/at line (\d+)/.exec(msg)?.[1] ?? '1');
    let text = msg.replace(/ at line \d+, column \d+:?$/, '');
    for (const [re, go] of YAML_ERRORS) if (re.test(text)) text = go;
    throw new Error(`error converting YAML to JSON: yaml: ${line > 1 ? `line ${line}: ` : ''}${text}`);
  }
}

/** go-yaml v3's encoder (`toYamlPretty`): like v2 but sequences indented and floats kept as floats. */
function yamlMarshalPretty(v: unknown): string {
  return yamlMarshalV3(v);
}

function tomlString(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\t') out += '\\t';
    else if (ch === '\r') out += '\\r';
    else if (c < 0x20 || c === 0x7f) out += '\\u' + c.toString(16).toUpperCase().padStart(4, '0');
    else out += ch;
  }
  return out + '"';
}

function tomlKey(k: string): string {
  return /^[A-Za-z0-9_-]+$/.test(k) ? k : tomlString(k);
}

function tomlValue(v: unknown): string {
  if (typeof v === 'string') return tomlString(v);
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'number') {
    if (Number.isNaN(v)) return 'nan';
    if (!Number.isFinite(v)) return v > 0 ? 'inf' : '-inf';
    const s = formatFloat(v, 'f', -1);
    return Number.isInteger(v) && Math.abs(v) < 1e17 ? `${s}.0` : formatFloat(v, 'g', -1).replace('e+', 'e');
  }
  if (v instanceof GoInt) return v.toString();
  if (Array.isArray(v)) return '[' + v.map(tomlValue).join(', ') + ']';
  if (isGoMap(v)) {
    const keys = Object.keys(v).sort();
    return (
      '{' +
      keys.map((k) => `${tomlKey(k)} = ${tomlValue((v as Record<string, unknown>)[k])}`).join(', ') +
      '}'
    );
  }
  throw new Error(`toml: cannot encode a value of type ${typeof v}`);
}

/**
 * A parsed TOML document as BurntSushi/toml decodes it into `map[string]interface{}`: integers
 * `int64`, floats `float64`, arrays of tables `[]map[string]interface {}`, other arrays
 * `[]interface {}`, date-times `time.Time`.
 */
function tomlToGo(v: unknown): unknown {
  if (typeof v === 'bigint') return bigGoInt('int64', v);
  if (v instanceof Date) return new Date(v.getTime());
  if (Array.isArray(v)) {
    const items = v.map(tomlToGo);
    const tables =
      items.length > 0 &&
      v.every((x) => x !== null && typeof x === 'object' && !Array.isArray(x) && !(x instanceof Date));
    return tables ? typedSlice('map[string]interface {}', items) : items;
  }
  if (v !== null && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) out[k] = tomlToGo(x);
    return out;
  }
  return v;
}

/** BurntSushi/toml's encoder for maps: scalars first, then sub-tables and arrays of tables, keys sorted. */
function tomlMarshal(v: unknown): string {
  if (!isGoMap(v)) throw new Error('toml: top-level values must be Go maps or structs');
  let out = '';
  const emit = (m: Record<string, unknown>, path: string[], indent: string) => {
    const keys = Object.keys(m).sort();
    const isTable = (x: unknown) => isGoMap(x);
    const isTableArray = (x: unknown) => Array.isArray(x) && x.length > 0 && x.every(isTable);
    for (const k of keys) {
      const x = m[k];
      if (x === null || x === undefined || isTable(x) || isTableArray(x)) continue;
      out += `${indent}${tomlKey(k)} = ${tomlValue(x)}\n`;
    }
    for (const k of keys) {
      const x = m[k];
      const p = [...path, k];
      if (isTable(x)) {
        out += `\n${indent}[${p.map(tomlKey).join('.')}]\n`;
        emit(x as Record<string, unknown>, p, indent + '  ');
      } else if (isTableArray(x)) {
        for (const t of x as Record<string, unknown>[]) {
          out += `\n${indent}[[${p.map(tomlKey).join('.')}]]\n`;
          emit(t, p, indent + '  ');
        }
      }
    }
  };
  emit(v as Record<string, unknown>, [], '');
  return out;
}

/**
 * Helm's function map: Sprig (without `env`/`expandenv`) plus `toYaml`, `toYamlPretty`,
 * `fromYaml`, `fromYamlArray`, `toJson`, `fromJson`, `fromJsonArray`, `toToml`, `fromToml`,
 * `required`, `fail`, `lookup`, and placeholders for `include`/`tpl` (bound by {@link HelmEngine}).
 */
export function helmFuncs(options: HelmFuncOptions = {}): FuncMap {
  const f = sprigFuncs(options);
  const lookup = options.lookup ?? (() => ({}));
  const extra: FuncMap = {
    toToml: goFunc('func(interface {}) string', (v: unknown) => {
      try {
        return tomlMarshal(v);
      } catch (e) {
        return (e as Error).message;
      }
    }),
    fromToml: goFunc('func(string) map[string]interface {}', (s: string) => {
      try {
        return tomlToGo(tomlLib().parse(s, { integersAsBigInt: true }));
      } catch (e) {
        return { Error: `toml: ${(e as Error).message.split('\n')[0]}` };
      }
    }),
    toYaml: goFunc('func(interface {}) string', (v: unknown) => {
      try {
        return yamlMarshal(v).replace(/\n$/, '');
      } catch {
        return '';
      }
    }),
    toYamlPretty: goFunc('func(interface {}) string', (v: unknown) => {
      try {
        return yamlMarshalPretty(v).replace(/\n$/, '');
      } catch {
        return '';
      }
    }),
    fromYaml: goFunc('func(string) map[string]interface {}', (s: string) => {
      let v: unknown;
      try {
        v = yamlUnmarshal(s);
      } catch (e) {
        return { Error: (e as Error).message };
      }
      if (v === null || v === undefined) return {};
      if (!isGoMap(v)) {
        return {
          Error: `error unmarshaling JSON: while decoding JSON: json: cannot unmarshal ${jsonKind(v)} into Go value of type map[string]interface {}`,
        };
      }
      return v;
    }),
    fromYamlArray: goFunc('func(string) []interface {}', (s: string) => {
      let v: unknown;
      try {
        v = yamlUnmarshal(s);
      } catch (e) {
        return [(e as Error).message];
      }
      if (v === null || v === undefined) return [];
      if (!Array.isArray(v)) {
        return [
          `error unmarshaling JSON: while decoding JSON: json: cannot unmarshal ${jsonKind(v)} into Go value of type []interface {}`,
        ];
      }
      return v;
    }),
    toJson: goFunc('func(interface {}) string', (v: unknown) => {
      try {
        return jsonMarshal(v);
      } catch {
        return '';
      }
    }),
    fromJson: goFunc('func(string) map[string]interface {}', (s: string) => {
      let v: unknown;
      try {
        v = jsonUnmarshal(s);
      } catch (e) {
        return { Error: (e as Error).message };
      }
      if (v === null) return {};
      if (!isGoMap(v))
        return {
          Error: `json: cannot unmarshal ${jsonKind(v)} into Go value of type map[string]interface {}`,
        };
      return v;
    }),
    fromJsonArray: goFunc('func(string) []interface {}', (s: string) => {
      let v: unknown;
      try {
        v = jsonUnmarshal(s);
      } catch (e) {
        return [(e as Error).message];
      }
      if (v === null) return [];
      if (!Array.isArray(v))
        return [`json: cannot unmarshal ${jsonKind(v)} into Go value of type []interface {}`];
      return v;
    }),
    include: goFunc('func(string, interface {}) string', () => 'not implemented'),
    tpl: goFunc('func(string, interface {}) interface {}', () => 'not implemented'),
    required: goFunc('func(string, interface {}) (interface {}, error)', (warn: string, val: unknown) => {
      if (val === null || val === undefined || val === '') throw new Error(warnWrap(warn));
      return val;
    }),
    fail: goFunc('func(string) (string, error)', (msg: string) => {
      throw new Error(warnWrap(msg));
    }),
    lookup: goFunc(
      'func(string, string, string, string) (map[string]interface {}, error)',
      (a: string, k: string, ns: string, n: string) => lookup(a, k, ns, n),
    ),
    getHostByName: goFunc('func(string) string', () => ''),
  };
  delete f.env;
  delete f.expandenv;
  return { ...f, ...extra };
}

/** One template file of a chart. */
export interface HelmTemplateFile {
  /** Path as Helm names it: `<chart>/templates/<file>` (subcharts: `<parent>/charts/<sub>/templates/...`). */
  name: string;
  /** Template text. */
  text: string;
}

/** Options of {@link HelmEngine}. */
export interface HelmEngineOptions extends HelmFuncOptions {
  /** Helm's `--strict` (lint): `missingkey=error`. Default false (`missingkey=zero`). */
  strict?: boolean;
  /** Helm lint mode: `required`/`fail` log instead of failing. Default false. */
  lintMode?: boolean;
}

/** Helm's `sortTemplates`: deeper paths first; at equal depth, reverse lexical order. */
export function sortHelmTemplates(names: string[]): string[] {
  // Each name's depth counted once, not in every comparison.
  const depth = new Map<string, number>();
  for (const s of names) {
    let d = 0;
    for (let i = s.indexOf('/'); i >= 0; i = s.indexOf('/', i + 1)) d++;
    depth.set(s, d);
  }
  return [...names].sort((a, b) => {
    const da = depth.get(a)!;
    const db = depth.get(b)!;
    if (da !== db) return db - da;
    return a < b ? 1 : a > b ? -1 : 0;
  });
}

/**
 * Helm's template engine: parses every file of a chart into one template set named `gotpl`
 * (so `define`s are shared) and renders files with Helm's functions and error rewriting.
 *
 * @example
 * ```ts
 * const engine = new HelmEngine();
 * engine.parse([{ name: 'c/templates/cm.yaml', text: 'name: {{ .Values.name }}' }]);
 * engine.render('c/templates/cm.yaml', { Values: { name: 'x' } }); // 'name: x'
 * ```
 */
export class HelmEngine {
  /** The parsed template set. */
  readonly set: TemplateSet;
  private readonly includedNames = new Map<string, number>();
  /** The include calls in progress: caller template, call node, included name, data. */
  private frames: IncludeFrame[] = [];
  /** Snapshot of {@link frames} and counters when the JavaScript stack ran out. */
  private overflow: { frames: IncludeFrame[]; counts: Map<string, number> } | null = null;
  private readonly strict: boolean;
  private readonly tplCache = new Map<string, Map<string, Tree>>();

  constructor(options: HelmEngineOptions = {}) {
    this.strict = options.strict === true;
    const funcs = helmFuncs(options);
    if (options.lintMode) {
      funcs.required = goFunc(
        'func(string, interface {}) (interface {}, error)',
        (_w: string, val: unknown) => (val === null || val === undefined || val === '' ? '' : val),
      );
      funcs.fail = goFunc('func(string) (string, error)', () => '');
    }
    this.set = new TemplateSet({ name: 'gotpl', funcs, missingKey: this.strict ? 'error' : 'zero' });
    this.bind(this.set);
  }

  private bind(t: TemplateSet): void {
    t.addFuncs({
      include: goFunc('func(string, interface {}) (string, error)', (name: string, data: unknown) =>
        this.include(t, name, data),
      ),
      tpl: goFunc('func(string, interface {}) (string, error)', (text: string, vals: unknown) =>
        this.tpl(t, text, vals),
      ),
    });
  }

  private include(t: TemplateSet, name: string, data: unknown): string {
    this.frames.push({ caller: callSite.name, tree: callSite.tree, node: callSite.node, name, data });
    try {
      return this.includeInner(t, name, data);
    } catch (e) {
      if (this.overflow === null && isStackOverflow(e)) {
        // includeInner's finally already undid this call's counter increment: put it back.
        const counts = new Map(this.includedNames);
        counts.set(name, (counts.get(name) ?? 0) + 1);
        this.overflow = { frames: this.frames.slice(), counts };
      }
      throw e;
    } finally {
      this.frames.pop();
    }
  }

  private includeInner(t: TemplateSet, name: string, data: unknown): string {
    const n = this.includedNames.get(name);
    if (n !== undefined) {
      if (n > helmRecursionMaxNums) {
        throw new Error(
          `rendering template has a nested reference name: ${name}: unable to execute template`,
        );
      }
      this.includedNames.set(name, n + 1);
    } else this.includedNames.set(name, 1);
    try {
      return t.execute(name, data === null ? undefined : data);
    } finally {
      this.includedNames.set(name, (this.includedNames.get(name) ?? 1) - 1);
    }
  }

  private tpl(parent: TemplateSet, text: string, vals: unknown): string {
    const t = parent.clone({ missingKey: this.strict ? 'error' : 'zero' });
    this.bind(t);
    let trees = this.tplCache.get(text);
    try {
      if (trees === undefined) {
        const scratch = new TemplateSet({ funcs: {} }, t);
        scratch.parse(parent.name, text);
        trees = scratch.ownTrees();
        if (this.tplCache.size > 10000) this.tplCache.clear();
        this.tplCache.set(text, trees);
      }
      t.addTrees(trees);
    } catch (e) {
      throw new Error(`cannot parse template ${JSON.stringify(text)}: ${(e as Error).message}`);
    }
    let out: string;
    try {
      out = t.execute(parent.name, vals === null ? undefined : vals);
    } catch (e) {
      // Bounds (and the JavaScript stack running out) pass through unwrapped, as everywhere.
      if (isStackOverflowError(e) || (e instanceof TemplateError && e.code === 'LimitExceeded')) throw e;
      throw new Error(
        `error during tpl function execution for ${JSON.stringify(text)}: ${(e as Error).message}`,
      );
    }
    return out.replaceAll('<no value>', '');
  }

  /**
   * Parses chart template files (Helm's order: by path depth, then name).
   * @throws TemplateError `ParseError` with Helm's text: `parse error at (NAME:LINE): MESSAGE`.
   */
  parse(files: HelmTemplateFile[]): this {
    const byName = new Map(files.map((f) => [f.name, f.text]));
    for (const name of sortHelmTemplates([...byName.keys()])) {
      try {
        this.set.parse(name, byName.get(name)!);
      } catch (e) {
        if (e instanceof TemplateError && e.code === 'ParseError') {
          throw new TemplateError('ParseError', cleanupParseError(name, e.message), {
            data: { name },
            cause: e,
          });
        }
        throw e;
      }
    }
    return this;
  }

  /**
   * Renders one parsed file with `data` as dot (Helm's top-level values: `.Values`, `.Release`,
   * ...), removing `<no value>` as Helm does.
   * @throws TemplateError `ExecError` with Helm's text (`execution error at (NAME:LINE:COL): MSG`
   *   for `fail`/`required`, Go's exec error otherwise).
   */
  render(name: string, data: unknown): string {
    this.includedNames.clear();
    this.frames = [];
    this.overflow = null;
    try {
      return this.set.execute(name, data).replaceAll('<no value>', '');
    } catch (e) {
      const overflow = this.overflow as { frames: IncludeFrame[]; counts: Map<string, number> } | null;
      if (isStackOverflow(e) && overflow !== null) {
        const msg = synthesizeRecursionError(overflow.frames, overflow.counts);
        if (msg !== null) throw new TemplateError('ExecError', msg, { data: { name }, cause: e });
      }
      if (e instanceof TemplateError && e.code === 'ExecError') {
        throw new TemplateError('ExecError', cleanupExecError(e.message), { data: { name }, cause: e });
      }
      throw e;
    }
  }
}

interface IncludeFrame {
  caller: string;
  /** The calling template's tree (the call node belongs to it). */
  tree: Tree | null;
  node: Node | null;
  name: string;
  data: unknown;
}

function isStackOverflow(e: unknown): boolean {
  return (
    isStackOverflowError(e) ||
    (e instanceof TemplateError && e.code === 'LimitExceeded' && e.data.limit === 'stack')
  );
}

function framePrefix(f: IncludeFrame): string {
  const { location, context } = f.tree!.errorContext(f.node!);
  return `template: ${location}: executing ${goQuote(f.caller)} at <${context}>: error calling include: `;
}

/**
 * The JavaScript stack cannot hold Helm's 1000 nested includes. When it runs out inside an include
 * recursion that repeats exactly (same call sites, same names, same data), the rest of the
 * recursion is deterministic: continue it on paper with Helm's counters and build the error Helm
 * prints. Returns null when the recursion does not repeat (then the caller reports LimitExceeded).
 */
function synthesizeRecursionError(frames: IncludeFrame[], counts: Map<string, number>): string | null {
  const d = frames.length;
  if (d < 4 || frames.some((f) => f.node === null || f.tree === null)) return null;
  let period = 0;
  for (let p = 1; p * 3 <= d; p++) {
    let ok = true;
    for (let i = d - 2 * p; i < d && ok; i++) {
      const a = frames[i]!;
      const b = frames[i - p]!;
      ok = a.node === b.node && a.name === b.name && a.caller === b.caller && a.data === b.data;
    }
    if (ok) {
      period = p;
      break;
    }
  }
  if (period === 0) return null;
  const cycle = frames.slice(d - period);
  const prefixes = frames.map(framePrefix);
  const cyclePrefixes = cycle.map(framePrefix);
  const c = new Map(counts);
  // The innermost recorded frame's include already ran its counter check; continue with the next.
  for (let k = 0; k < 100_000; k++) {
    const f = cycle[k % period]!;
    const n = c.get(f.name);
    prefixes.push(cyclePrefixes[k % period]!);
    if (n !== undefined && n > helmRecursionMaxNums) {
      return `${prefixes.join('')}rendering template has a nested reference name: ${f.name}: unable to execute template`;
    }
    c.set(f.name, (n ?? 0) + 1);
  }
  return null;
}

/** Helm's `cleanupParseError`. */
export function cleanupParseError(filename: string, msg: string): string {
  const tokens = msg.split(': ');
  if (tokens.length === 1) return `parse error in (${filename}): ${msg}`;
  const location = tokens[1];
  const errMsg = tokens[tokens.length - 1];
  return `parse error at (${location}): ${errMsg}`;
}

/** Helm's `cleanupExecError`. */
export function cleanupExecError(msg: string): string {
  const i1 = msg.indexOf(': ');
  const i2 = i1 < 0 ? -1 : msg.indexOf(': ', i1 + 2);
  if (i1 < 0 || i2 < 0) return msg;
  const location = msg.slice(i1 + 2, i2);
  const rest = msg.slice(i2 + 2);
  const m = /HELM_ERR_START([\s\S]*)HELM_ERR_END/.exec(rest);
  if (m) return `execution error at (${location}): ${m[1]}`;
  return msg;
}

void strval;
void typedSlice;
void toJsonTree;
void keyLess;
