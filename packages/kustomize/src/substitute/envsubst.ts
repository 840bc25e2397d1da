/**
 * Flux's envsubst dialect (fluxcd/pkg `envsubst`, a fork of drone/envsubst): bash-style `${...}`
 * parameter expansion over a string. A faithful re-implementation of its scanner, parser and
 * functions, quirks included, so that every input expands (or fails) as it does in Flux.
 *
 * @see https://github.com/fluxcd/pkg/tree/main/envsubst
 */
import { KustomizationError } from '../errors/KustomizationError.js';
import { globMatch } from './globMatch.js';

/**
 * Variables for {@link substitute}: a plain record, a `Map`, or a lookup function returning
 * `undefined` for an unset variable.
 */
export type SubstituteVars =
  | Readonly<Record<string, string>>
  | ReadonlyMap<string, string>
  | ((name: string) => string | undefined);

/** Options of {@link substitute}. */
export interface SubstituteOptions {
  /**
   * Strict mode: a variable that is not set and is used without a default-providing operator
   * (`-`, `=`, `:-`, `:=`, `:+`, `:?`, ...) is an error (`VariableNotSet`) instead of expanding to
   * the empty string. Default `false` (as `flux envsubst`; kustomize-controller defaults to strict).
   */
  strict?: boolean;
}

/** Defaults of {@link SubstituteOptions}. */
export const substituteDefaults: Required<SubstituteOptions> = { strict: false };

// ---------------------------------------------------------------------------------------------
// Parse tree

/** A node of a parsed template. */
type Node = TextNode | FuncNode | ListNode;
interface TextNode {
  t: 'text';
  value: string;
}
interface FuncNode {
  t: 'func';
  /** The variable name. */
  param: string;
  /** The operator (`''` for plain `${v}`, `:-`, `//`, `#`, `^^`, ...). */
  name: string;
  args: Node[];
}
interface ListNode {
  t: 'list';
  nodes: Node[];
}

const EMPTY: TextNode = { t: 'text', value: '' };

/** Parse error messages, worded as envsubst's `parse` package. */
const ErrBadSubstitution = 'bad substitution';
const ErrMissingClosingBrace = 'missing closing brace';
const ErrParseVariableName = 'unable to parse variable name';
const ErrParseFuncSubstitution = 'unable to parse substitution within function';
const ErrParseDefaultFunction = 'unable to parse default function';

class ParseError extends Error {}

// ---------------------------------------------------------------------------------------------
// Scanner (envsubst/parse/scan.go)

const EOF = 0;
const Tok = { Illegal: 0, EOF: 1, Ident: 2, Lbrack: 3, Rbrack: 4 } as const;
type Tok = (typeof Tok)[keyof typeof Tok];
const SCAN_IDENT = 1;
const SCAN_LBRACK = 2;
const SCAN_RBRACK = 4;
const SCAN_ESCAPE = 8;
const ESC_DOLLAR = 1;
const ESC_BACKSLASH = 2;
const ESC_ALL = ESC_DOLLAR | ESC_BACKSLASH;

type Accept = (r: number, i: number) => boolean;

const DOLLAR = 0x24;
const LBRACE = 0x7b;
const RBRACE = 0x7d;
const BACKSLASH = 0x5c;
const SLASH = 0x2f;
const COLON = 0x3a;
const HASH = 0x23;
const PERCENT = 0x25;
const EQUAL = 0x3d;

const acceptRune: Accept = () => true;
const LETTER_OR_DIGIT = /^[\p{L}\p{Nd}]$/u;
const acceptIdent: Accept = (r) =>
  r === 0x5f ||
  (r >= 0x30 && r <= 0x39) ||
  (r >= 0x41 && r <= 0x5a) ||
  (r >= 0x61 && r <= 0x7a) ||
  (r > 0x7f && LETTER_OR_DIGIT.test(String.fromCodePoint(r)));
const acceptColon: Accept = (r) => r === COLON;
const acceptOneHash: Accept = (r, i) => r === HASH && i === 1;
const acceptNotClosing: Accept = (r) => r !== RBRACE;
const acceptHashFunc: Accept = (r, i) => r === HASH && i < 3;
const acceptPercentFunc: Accept = (r, i) => r === PERCENT && i < 3;
const acceptDefaultFunc: Accept = (r, i) =>
  (i === 1 && r === COLON) || (i === 2 && (r === EQUAL || r === 0x2d || r === 0x3f || r === 0x2b));
const acceptReplaceFunc: Accept = (r, i) =>
  (i === 1 && r === SLASH) || (i === 2 && (r === SLASH || r === HASH || r === PERCENT));
const acceptOneEqual: Accept = (r, i) => i === 1 && r === EQUAL;
const acceptOneColon: Accept = (r, i) => i === 1 && r === COLON;
const rejectColonClose: Accept = (r) => r !== COLON && r !== RBRACE;
const acceptSlash: Accept = (r) => r === SLASH;
const acceptNotSlash: Accept = (r) => r !== SLASH;
const acceptCasingFunc: Accept = (r, i) => (r === 0x2c || r === 0x5e) && i < 3;

class Scanner {
  buf: string;
  pos = 0;
  start = 0;
  width = 0;
  mode = 0;
  escapeChars = 0;
  accept: Accept = acceptRune;

  constructor(buf: string) {
    this.buf = buf;
  }

  read(): number {
    if (this.pos >= this.buf.length) {
      this.width = 0;
      return EOF;
    }
    const r = this.buf.codePointAt(this.pos)!;
    this.width = r > 0xffff ? 2 : 1;
    this.pos += this.width;
    return r;
  }

  unread(): void {
    this.pos -= this.width;
  }

  /** Removes the (one-unit) character just read from the buffer: how escapes drop their first char. */
  skip(): void {
    this.buf = this.buf.slice(0, this.pos - 1) + this.buf.slice(this.pos);
  }

  peek(): number {
    const r = this.read();
    this.unread();
    return r;
  }

  string(): string {
    return this.buf.slice(this.start, this.pos);
  }

  scan(): Tok {
    this.start = this.pos;
    const r = this.read();
    if (r === EOF) return Tok.EOF;
    if (this.scanLbrack(r)) return Tok.Lbrack;
    if (this.scanRbrack(r)) return Tok.Rbrack;
    if (this.scanIdent(r)) return Tok.Ident;
    return Tok.Illegal;
  }

  private scanIdent(r: number): boolean {
    if ((this.mode & SCAN_IDENT) === 0) return false;
    if (this.scanEscaped(r)) this.skip();
    else if (!this.accept(r, this.pos - this.start)) return false;
    for (;;) {
      const c = this.read();
      if (c === EOF) {
        this.unread();
        break;
      }
      if (this.scanLbrack(c)) {
        this.unread();
        this.unread();
        break;
      }
      if (this.scanEscaped(c)) {
        this.skip();
        continue;
      }
      if (!this.accept(c, this.pos - this.start)) {
        this.unread();
        break;
      }
    }
    return true;
  }

  private scanLbrack(r: number): boolean {
    if ((this.mode & SCAN_LBRACK) === 0) return false;
    if (r === DOLLAR) {
      if (this.read() === LBRACE) return true;
      this.unread();
    }
    return false;
  }

  private scanRbrack(r: number): boolean {
    if ((this.mode & SCAN_RBRACK) === 0) return false;
    return r === RBRACE;
  }

  private scanEscaped(r: number): boolean {
    if ((this.mode & SCAN_ESCAPE) === 0) return false;
    if (r === DOLLAR && (this.escapeChars & ESC_DOLLAR) !== 0 && this.peek() === DOLLAR) return true;
    if (r === BACKSLASH && (this.escapeChars & ESC_BACKSLASH) !== 0) {
      const p = this.peek();
      return p === SLASH || p === BACKSLASH;
    }
    return false;
  }
}

// ---------------------------------------------------------------------------------------------
// Parser (envsubst/parse/parse.go)

class Parser {
  private readonly s: Scanner;
  constructor(buf: string) {
    this.s = new Scanner(buf);
  }

  /** `parseAny`, iteratively: text runs and `${...}` functions until the end. */
  parse(): Node {
    const nodes: Node[] = [];
    for (;;) {
      const s = this.s;
      s.accept = acceptRune;
      s.mode = SCAN_IDENT | SCAN_LBRACK | SCAN_ESCAPE;
      s.escapeChars = ESC_DOLLAR;
      const tok = s.scan();
      if (tok === Tok.Ident) nodes.push({ t: 'text', value: s.string() });
      else if (tok === Tok.EOF) break;
      else if (tok === Tok.Lbrack) nodes.push(this.parseFunc());
      else throw new ParseError(ErrBadSubstitution);
    }
    if (nodes.length === 0) return EMPTY;
    if (nodes.length === 1) return nodes[0]!;
    return { t: 'list', nodes };
  }

  private parseFunc(): Node {
    const s = this.s;
    s.escapeChars = ESC_ALL;
    if (s.peek() === HASH) return this.parseLenFunc();
    s.accept = acceptIdent;
    s.mode = SCAN_IDENT;
    if (s.scan() !== Tok.Ident) throw new ParseError(ErrParseVariableName);
    const name = s.string();
    switch (s.peek()) {
      case COLON:
        return this.parseDefaultOrSubstr(name);
      case EQUAL:
        return this.parseDefaultFunc(name);
      case 0x2c: // ,
      case 0x5e: // ^
        return this.parseCasingFunc(name);
      case SLASH:
        return this.parseReplaceFunc(name);
      case HASH:
        return this.parseRemoveFunc(name, acceptHashFunc);
      case PERCENT:
        return this.parseRemoveFunc(name, acceptPercentFunc);
    }
    s.accept = acceptIdent;
    s.mode = SCAN_RBRACK;
    if (s.scan() === Tok.Rbrack) return { t: 'func', param: name, name: '', args: [] };
    throw new ParseError(ErrMissingClosingBrace);
  }

  private parseParam(accept: Accept, mode: number): Node {
    const s = this.s;
    s.accept = accept;
    s.mode = mode | SCAN_LBRACK;
    switch (s.scan()) {
      case Tok.Lbrack:
        return this.parseFunc();
      case Tok.Ident:
      case Tok.Rbrack:
        return { t: 'text', value: s.string() };
      default:
        throw new ParseError(ErrParseFuncSubstitution);
    }
  }

  private parseDefaultOrSubstr(name: string): Node {
    const s = this.s;
    s.read();
    const r = s.peek();
    s.unread();
    if (r === EQUAL || r === 0x2d || r === 0x3f || r === 0x2b) return this.parseDefaultFunc(name);
    return this.parseSubstrFunc(name);
  }

  private parseSubstrFunc(name: string): Node {
    const s = this.s;
    const node: FuncNode = { t: 'func', param: name, name: '', args: [] };
    s.accept = acceptOneColon;
    s.mode = SCAN_IDENT;
    if (s.scan() !== Tok.Ident) throw new ParseError(ErrBadSubstitution);
    node.name = s.string();
    node.args.push(this.parseParam(rejectColonClose, SCAN_IDENT));
    s.accept = acceptColon;
    s.mode = SCAN_IDENT | SCAN_RBRACK;
    const tok = s.scan();
    if (tok === Tok.Rbrack) return node;
    if (tok !== Tok.Ident) throw new ParseError(ErrBadSubstitution);
    node.args.push(this.parseParam(acceptNotClosing, SCAN_IDENT));
    this.consumeRbrack();
    return node;
  }

  private parseRemoveFunc(name: string, accept: Accept): Node {
    const s = this.s;
    const node: FuncNode = { t: 'func', param: name, name: '', args: [] };
    s.accept = accept;
    s.mode = SCAN_IDENT;
    if (s.scan() !== Tok.Ident) throw new ParseError(ErrBadSubstitution);
    node.name = s.string();
    node.args.push(this.parseParam(acceptNotClosing, SCAN_IDENT));
    this.consumeRbrack();
    return node;
  }

  private parseReplaceFunc(name: string): Node {
    const s = this.s;
    const node: FuncNode = { t: 'func', param: name, name: '', args: [] };
    s.accept = acceptReplaceFunc;
    s.mode = SCAN_IDENT;
    if (s.scan() !== Tok.Ident) throw new ParseError(ErrBadSubstitution);
    node.name = s.string();
    node.args.push(this.parseParam(acceptNotSlash, SCAN_IDENT | SCAN_ESCAPE));
    s.accept = acceptSlash;
    s.mode = SCAN_IDENT;
    if (s.scan() !== Tok.Ident) throw new ParseError(ErrBadSubstitution);
    if (s.peek() === RBRACE) {
      this.consumeRbrack();
      return node;
    }
    node.args.push(this.parseParam(acceptNotClosing, SCAN_IDENT | SCAN_ESCAPE));
    this.consumeRbrack();
    return node;
  }

  private parseDefaultFunc(name: string): Node {
    const s = this.s;
    const node: FuncNode = { t: 'func', param: name, name: '', args: [] };
    s.accept = acceptDefaultFunc;
    if (s.peek() === EQUAL) s.accept = acceptOneEqual;
    s.mode = SCAN_IDENT;
    if (s.scan() !== Tok.Ident) throw new ParseError(ErrParseDefaultFunction);
    node.name = s.string();
    for (;;) {
      if (s.peek() === RBRACE) {
        this.consumeRbrack();
        return node;
      }
      node.args.push(this.parseParam(acceptNotClosing, SCAN_IDENT));
    }
  }

  private parseCasingFunc(name: string): Node {
    const s = this.s;
    const node: FuncNode = { t: 'func', param: name, name: '', args: [] };
    s.accept = acceptCasingFunc;
    s.mode = SCAN_IDENT;
    if (s.scan() !== Tok.Ident) throw new ParseError(ErrBadSubstitution);
    node.name = s.string();
    this.consumeRbrack();
    return node;
  }

  private parseLenFunc(): Node {
    const s = this.s;
    const node: FuncNode = { t: 'func', param: '', name: '', args: [] };
    s.accept = acceptOneHash;
    s.mode = SCAN_IDENT;
    if (s.scan() !== Tok.Ident) throw new ParseError(ErrBadSubstitution);
    node.name = s.string();
    s.accept = acceptIdent;
    s.mode = SCAN_IDENT;
    if (s.scan() !== Tok.Ident) throw new ParseError(ErrBadSubstitution);
    node.param = s.string();
    this.consumeRbrack();
    return node;
  }

  private consumeRbrack(): void {
    this.s.mode = SCAN_RBRACK;
    if (this.s.scan() !== Tok.Rbrack) throw new ParseError(ErrBadSubstitution);
  }
}

// ---------------------------------------------------------------------------------------------
// Functions (envsubst/funcs.go). Strings are handled as UTF-8 bytes where Go uses byte offsets
// (length, substring) and as code points elsewhere; for ASCII both are Go's behaviour exactly.

type SubstituteFunc = (s: string, args: string[]) => string;

const utf8 = new TextEncoder();
const utf8Decoder = new TextDecoder();

const toLen: SubstituteFunc = (s) => String(utf8.encode(s).length);

function mapRunes(s: string, f: (c: string) => string): string {
  let out = '';
  for (const c of s) {
    const m = f(c);
    // Go maps rune by rune: a mapping to several runes (e.g. 'ß' → 'SS') leaves the rune as is.
    out += [...m].length === 1 ? m : c;
  }
  return out;
}
const upper = (c: string) => c.toUpperCase();
const lower = (c: string) => c.toLowerCase();
const toLower: SubstituteFunc = (s) => mapRunes(s, lower);
const toUpper: SubstituteFunc = (s) => mapRunes(s, upper);
function firstRune(s: string, f: (c: string) => string): string {
  if (s === '') return s;
  const c = String.fromCodePoint(s.codePointAt(0)!);
  return mapRunes(c, f) + s.slice(c.length);
}
const toLowerFirst: SubstituteFunc = (s) => firstRune(s, lower);
const toUpperFirst: SubstituteFunc = (s) => firstRune(s, upper);

const toDefault: SubstituteFunc = (s, args) => (s.length === 0 && args.length > 0 ? args.join('') : s);

/** Go `strconv.Atoi`: optional sign, decimal digits, int64 range. */
function atoi(s: string): number | undefined {
  if (!/^[+-]?[0-9]+$/.test(s)) return undefined;
  const v = BigInt(s);
  if (v > 9223372036854775807n || v < -9223372036854775808n) return undefined;
  return Number(v);
}

const toSubstr: SubstituteFunc = (s, args) => {
  if (args.length === 0) return s;
  let pos = atoi(args[0]!);
  if (pos === undefined) return s;
  const b = utf8.encode(s);
  if (pos < 0) pos = Math.max(0, b.length + pos);
  if (args.length === 1) return pos < b.length ? utf8Decoder.decode(b.subarray(pos)) : '';
  const length = atoi(args[1]!);
  if (length === undefined) return s;
  if (pos + length >= b.length) return pos < b.length ? utf8Decoder.decode(b.subarray(pos)) : '';
  if (length < 0 || pos > b.length) {
    // Go panics here (slice bounds out of range); report it as a bad substitution.
    throw new ParseError(ErrBadSubstitution);
  }
  return utf8Decoder.decode(b.subarray(pos, pos + length));
};

/** Go `strings.Replace(s, old, new, n)` (n < 0: all). An empty `old` matches before every rune and at the end. */
function goReplace(s: string, old: string, rep: string, n: number): string {
  if (old === rep || n === 0) return s;
  if (old === '') {
    const runes = [...s];
    let out = '';
    let done = 0;
    for (let i = 0; i <= runes.length; i++) {
      if (n < 0 || done < n) {
        out += rep;
        done++;
      }
      if (i < runes.length) out += runes[i];
    }
    return out;
  }
  if (n < 0) return s.split(old).join(rep);
  const at = s.indexOf(old);
  return at < 0 ? s : s.slice(0, at) + rep + s.slice(at + old.length);
}

const replaceAll: SubstituteFunc = (s, args) =>
  args.length === 0 ? s : goReplace(s, args[0]!, args.length === 1 ? '' : args[1]!, -1);
const replaceFirst: SubstituteFunc = (s, args) =>
  args.length === 0 ? s : goReplace(s, args[0]!, args.length === 1 ? '' : args[1]!, 1);
const replacePrefix: SubstituteFunc = (s, args) => {
  if (args.length !== 2) return s;
  return s.startsWith(args[0]!) ? goReplace(s, args[0]!, args[1]!, 1) : s;
};
const replaceSuffix: SubstituteFunc = (s, args) => {
  if (args.length !== 2) return s;
  return s.endsWith(args[0]!) ? s.slice(0, s.length - args[0]!.length) + args[1]! : s;
};

const reverse = (s: string) => [...s].reverse().join('');

function trimShortest(s: string, pattern: string): string {
  const runes = [...s];
  let shortest: string | undefined;
  for (let i = 0; i < runes.length; i++) {
    const prefix = runes.slice(0, runes.length - i).join('');
    const m = globMatch(pattern, prefix);
    if (m === 'bad-pattern') return s;
    if (m) shortest = prefix;
  }
  return shortest ? s.slice(shortest.length) : s;
}

function trimLongest(s: string, pattern: string): string {
  const runes = [...s];
  for (let i = 0; i < runes.length; i++) {
    const prefix = runes.slice(0, runes.length - i).join('');
    const m = globMatch(pattern, prefix);
    if (m === 'bad-pattern') return s;
    if (m) return s.slice(prefix.length);
  }
  return s;
}

const trimShortestPrefix: SubstituteFunc = (s, args) => (args.length ? trimShortest(s, args[0]!) : s);
const trimLongestPrefix: SubstituteFunc = (s, args) => (args.length ? trimLongest(s, args[0]!) : s);
const trimShortestSuffix: SubstituteFunc = (s, args) =>
  args.length ? reverse(trimShortest(reverse(s), reverse(args[0]!))) : s;
const trimLongestSuffix: SubstituteFunc = (s, args) =>
  args.length ? reverse(trimLongest(reverse(s), reverse(args[0]!))) : s;

/** Operators that supply their own value for an unset variable (exempt from strict mode). */
const DEFAULT_OPS = new Set(['-', '+', '=', '?', ':-', ':+', ':=', ':?']);

function lookupFunc(name: string, args: number): SubstituteFunc {
  switch (name) {
    case ',':
      return toLowerFirst;
    case ',,':
      return toLower;
    case '^':
      return toUpperFirst;
    case '^^':
      return toUpper;
    case '#':
      return args === 0 ? toLen : trimShortestPrefix;
    case '##':
      return trimLongestPrefix;
    case '%':
      return trimShortestSuffix;
    case '%%':
      return trimLongestSuffix;
    case ':':
      return toSubstr;
    case '/#':
      return replacePrefix;
    case '/%':
      return replaceSuffix;
    case '/':
      return replaceFirst;
    case '//':
      return replaceAll;
    default:
      // '', '=', ':=', ':-', ':?', ':+', '-', '+' and unknown operators (e.g. ',^').
      return toDefault;
  }
}

// ---------------------------------------------------------------------------------------------
// Evaluation (envsubst/template.go)

type Mapper = (name: string) => string | undefined;

function evalNode(node: Node, map: Mapper, strict: boolean): string {
  switch (node.t) {
    case 'text':
      return node.value;
    case 'list': {
      let out = '';
      for (const n of node.nodes) out += evalNode(n, map, strict);
      return out;
    }
    case 'func': {
      const args = node.args.map((n) => evalNode(n, map, strict));
      let v = map(node.param);
      if (v === undefined) {
        if (strict && !DEFAULT_OPS.has(node.name)) {
          throw new KustomizationError(
            'VariableNotSet',
            `variable not set (strict mode): ${JSON.stringify(node.param)}`,
            { data: { variable: node.param } },
          );
        }
        v = '';
      }
      return lookupFunc(node.name, args.length)(v, args);
    }
  }
}

function toMapper(vars: SubstituteVars): Mapper {
  if (typeof vars === 'function') return vars;
  if (vars instanceof Map) return (name) => vars.get(name);
  const rec = vars as Readonly<Record<string, string>>;
  return (name) => (Object.hasOwn(rec, name) ? rec[name] : undefined);
}

/**
 * Expands `${...}` expressions in `text` with Flux's envsubst dialect, as postBuild substitution
 * and `flux envsubst` do:
 *
 * - `${var}`; `${#var}` (length in UTF-8 bytes); `${var^}`, `${var^^}`, `${var,}`, `${var,,}`
 *   (case); `${var:offset}`, `${var:offset:length}` (bytes; negative offset counts from the end);
 *   `${var#glob}`, `${var##glob}`, `${var%glob}`, `${var%%glob}` (trim shortest/longest match);
 *   `${var/old/new}`, `${var//old/new}`, `${var/#old/new}`, `${var/%old/new}` (literal, not glob);
 *   `${var=default}`, `${var:=default}`, `${var:-default}` — and `${var:+x}`, `${var:?x}`, which
 *   envsubst accepts but evaluates like `:-` — where the default applies when the value is **empty
 *   or unset**, and may itself contain `${...}`. `${var-default}` and `${var+x}` are **not**
 *   accepted (`missing closing brace`), as in Flux.
 * - `$$` escapes a dollar outside expressions (`$${var}` → `${var}`); inside replace patterns `\/`
 *   and `\\` escape the delimiter. A `$` not followed by `{` is left alone (`$var` stays).
 * - Unset variables expand to `''`; in `strict` mode they throw `VariableNotSet`, except under a
 *   default-providing operator.
 *
 * @param text - the input, e.g. one serialised resource.
 * @param vars - the variables (a record, `Map` or lookup function).
 * @throws {KustomizationError} `BadSubstitution` when an expression does not parse (messages as
 *   envsubst's: `bad substitution`, `missing closing brace`, `unable to parse variable name`,
 *   `unable to parse substitution within function`, `unable to parse default function`);
 *   `VariableNotSet` (strict mode) naming the variable in `data.variable`.
 * @see https://github.com/fluxcd/pkg/blob/main/envsubst/README.md
 * @example
 * ```ts
 * substitute('replicas: ${REPLICAS:=2}', { REPLICAS: '3' }); // 'replicas: 3'
 * substitute('${region,,}-$${literal}', { region: 'EU' });   // 'eu-${literal}'
 * ```
 */
export function substitute(text: string, vars: SubstituteVars, options: SubstituteOptions = {}): string {
  if (!text.includes('$')) return text;
  const strict = options.strict ?? substituteDefaults.strict;
  let tree: Node;
  try {
    tree = new Parser(text).parse();
  } catch (err) {
    if (err instanceof ParseError) {
      throw new KustomizationError('BadSubstitution', err.message, { data: { reason: err.message } });
    }
    throw err;
  }
  try {
    return evalNode(tree, toMapper(vars), strict);
  } catch (err) {
    if (err instanceof ParseError) {
      throw new KustomizationError('BadSubstitution', err.message, { data: { reason: err.message } });
    }
    throw err;
  }
}
