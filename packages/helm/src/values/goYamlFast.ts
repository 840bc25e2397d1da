import { resolveScalar } from './goYaml.js';
import { type Value, type ValueMap, setKey } from './types.js';

/**
 * The fast path of {@link decodeYaml}: a line-oriented decoder for the block YAML that charts and
 * generated files are made of (block mappings and sequences, plain, quoted and literal scalars,
 * one-line flow collections of simple entries, comments), straight to JSON-shaped values, without
 * tokens or a node tree. It gives exactly what the full go-yaml port gives, or {@link BAIL} as
 * soon as the input leaves that subset: anything it is not sure of (anchors, aliases, tags, other
 * flow collections, folded scalars, uncommon escapes, tabs, CRs, control characters, non-string
 * keys, errors of any kind, more than one document) goes to the full decoder, which also words
 * every error. So it needs no error paths of
 * its own, and a `BAIL` costs only the time spent before it.
 *
 * The rules followed are go-yaml v2's scanner (`scannerc.go`): a plain scalar continues on lines
 * indented deeper than its collection, folding line breaks to spaces (an empty line keeps a
 * newline) and ending at ` #`; a literal block scalar's indentation is that of its first non-empty
 * line, with clip/strip/keep chomping.
 *
 * @see https://github.com/kubernetes-sigs/yaml/blob/v1.4.0/goyaml.v2/scannerc.go
 * @internal
 */
export const BAIL: unique symbol = Symbol('bail');

/** Characters that make the whole input go to the full decoder (go-yaml treats them specially). */
const SPECIAL_CHARS = /[\t\r\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]/;

const MAX_DEPTH = 1000;
const MAX_KEY = 1024;

const SP = 0x20;
const HASH = 0x23;
const COLON = 0x3a;
const DASH = 0x2d;
const SQUOTE = 0x27;
const DQUOTE = 0x22;
const PIPE = 0x7c;

/** True for a character that cannot start a plain scalar here (or that this path leaves alone). */
function isIndicator(c: number): boolean {
  switch (c) {
    case 0x2d: // -
    case 0x3f: // ?
    case 0x3a: // :
    case 0x2c: // ,
    case 0x5b: // [
    case 0x5d: // ]
    case 0x7b: // {
    case 0x7d: // }
    case 0x23: // #
    case 0x26: // &
    case 0x2a: // *
    case 0x21: // !
    case 0x7c: // |
    case 0x3e: // >
    case 0x27: // '
    case 0x22: // "
    case 0x25: // %
    case 0x40: // @
    case 0x60: // `
      return true;
    default:
      return false;
  }
}

class Bail {}
const BAIL_ERR = new Bail();

/**
 * Decodes the first (and only) document of `text`, or returns {@link BAIL}. `keepNumbers` keeps
 * integers as bigint, as {@link decodeYamlTyped} does. With `lazyLines` > 0, a mapping's value
 * that is a block collection of at least that many lines is decoded on first read (see
 * {@link setLazyKey}); the whole text is checked before this returns either way, so the result,
 * or BAIL, is the same.
 */
export function decodeYamlFast(text: string, keepNumbers: boolean, lazyLines = 0): Value | typeof BAIL {
  if (SPECIAL_CHARS.test(text)) return BAIL;
  try {
    const d = new FastDecoder(text, keepNumbers);
    if (lazyLines <= 0) return d.document();
    // Check the whole text first, noting where each nested block ends; then build.
    d.beginLazy(lazyLines);
    d.document();
    return d.endCheck().document();
  } catch (e) {
    if (e === BAIL_ERR) return BAIL;
    throw e;
  }
}

/** Kinds of block collection: a mapping, a sequence, an indentless sequence (`key:\n- a`). */
const MAP = 0;
const SEQ = 1;
const INDENTLESS = 2;

/**
 * The `lazyLines` that `decodeYamlLazy` uses: shorter blocks cost less to build at once than to
 * defer.
 */
export const LAZY_LINES = 32;

/** A block collection not decoded yet: where it starts, and what {@link FastDecoder.block} needs. */
class LazyBlock {
  constructor(
    readonly decoder: FastDecoder,
    readonly start: number,
    readonly col: number,
    readonly kind: number,
    readonly depth: number,
  ) {}
}

/**
 * Sets `m[key]` to a {@link LazyBlock}: an enumerable accessor that decodes the block on first
 * read and then becomes a plain data property in the same place (assigning it does the same).
 * `setKey` semantics otherwise: own property, `__proto__` included.
 */
function setLazyKey(m: ValueMap, key: string, lazy: LazyBlock): void {
  const settle = (v: Value) =>
    Reflect.defineProperty(m, key, { value: v, writable: true, enumerable: true, configurable: true });
  let forced: Value | undefined;
  Object.defineProperty(m, key, {
    enumerable: true,
    configurable: true,
    get() {
      if (forced === undefined) {
        forced = lazy.decoder.force(lazy);
        settle(forced);
      }
      return forced;
    },
    set(v: Value) {
      forced = v;
      settle(v);
    },
  });
}

/** What the checking pass returns for collections (never written to). */
const CHECKING_MAP: ValueMap = Object.freeze({}) as ValueMap;
const CHECKING_SEQ: Value[] = Object.freeze([]) as unknown as Value[];

class FastDecoder {
  private readonly lines: string[];
  /** Leading spaces of each line, -1 for a blank line (spaces only), computed on demand. */
  private readonly indents: Int32Array;
  private li = 0;
  private depth = 0;
  /**
   * Lazy decoding only: false during the checking pass, which runs every check and builds
   * nothing; then `ends[i]` is the line after the block collection that starts on line `i`.
   */
  private build = true;
  private ends: Int32Array | undefined;
  private lazyLines = 0;

  constructor(
    text: string,
    private readonly keepNumbers: boolean,
  ) {
    this.lines = text.split('\n');
    this.indents = new Int32Array(this.lines.length).fill(-2);
  }

  /** Starts a lazy decode: the next {@link document} call only checks. */
  beginLazy(lazyLines: number): void {
    this.lazyLines = lazyLines;
    this.build = false;
    this.ends = new Int32Array(this.lines.length + 1);
  }

  /** After the checking pass: the next {@link document} call builds, nested blocks lazily. */
  endCheck(): this {
    this.build = true;
    this.li = 0;
    this.depth = 0;
    return this;
  }

  /**
   * Decodes a {@link LazyBlock}. The checking pass has already run every check on it, so the
   * same code that would have built it eagerly gives the same value here, and cannot bail.
   */
  force(lazy: LazyBlock): Value {
    const li = this.li;
    const depth = this.depth;
    this.li = lazy.start;
    this.depth = lazy.depth;
    try {
      return this.collection(lazy.col, lazy.kind);
    } catch (e) {
      if (e === BAIL_ERR)
        throw new Error('internal error: a deferred YAML block failed to decode after checking');
      throw e;
    } finally {
      this.li = li;
      this.depth = depth;
    }
  }

  private indentOf(i: number): number {
    let n = this.indents[i]!;
    if (n !== -2) return n;
    const line = this.lines[i]!;
    n = 0;
    while (n < line.length && line.charCodeAt(n) === SP) n++;
    if (n === line.length) n = -1;
    this.indents[i] = n;
    return n;
  }

  /** Skips blank and comment-only lines; returns the indentation of the next line, -1 at the end. */
  private skipBlank(): number {
    const lines = this.lines;
    while (this.li < lines.length) {
      const n = this.indentOf(this.li);
      if (n >= 0 && lines[this.li]!.charCodeAt(n) !== HASH) return n;
      this.li++;
    }
    return -1;
  }

  document(): Value {
    const lines = this.lines;
    let n = this.skipBlank();
    if (n === 0) {
      const line = lines[this.li]!;
      if (line.charCodeAt(0) === 0x25) throw BAIL_ERR; // %YAML / %TAG directives
      if (line.startsWith('---')) {
        if (line.length > 3 && !isBlankOrComment(line, 3)) throw BAIL_ERR;
        this.li++;
        n = this.skipBlank();
      }
    }
    if (n < 0) throw BAIL_ERR; // an empty document: the full decoder says what it is
    this.checkMarker();
    const line = lines[this.li]!;
    let v: Value;
    if (isSeqEntry(line, n)) v = this.collection(n, SEQ);
    else if (this.keyEnd(line, n) >= 0) v = this.collection(n, MAP);
    else throw BAIL_ERR; // a scalar document
    if (this.skipBlank() >= 0) throw BAIL_ERR; // more documents, or a structure error
    return v;
  }

  /** A document marker or directive at column 0 ends this path. */
  private checkMarker(): void {
    const line = this.lines[this.li]!;
    if (this.indentOf(this.li) !== 0) return;
    const c = line.charCodeAt(0);
    if ((c === DASH && line.startsWith('---')) || (c === 0x2e && line.startsWith('...')) || c === 0x25) {
      throw BAIL_ERR;
    }
  }

  /**
   * The end of a simple key starting at `p` (the index of its `:`), or -1 when the line holds no
   * `key: ` there. Throws BAIL for keys this path does not decode (long keys, uncommon escapes).
   */
  private keyEnd(line: string, p: number): number {
    const c0 = line.charCodeAt(p);
    if (c0 === SQUOTE || c0 === DQUOTE) {
      const e = quotedPart(line, p).end;
      if (e < 0) return -1; // a quoted scalar that continues on the next line
      let i = e;
      while (i < line.length && line.charCodeAt(i) === SP) i++;
      if (line.charCodeAt(i) === COLON && (i + 1 === line.length || line.charCodeAt(i + 1) === SP)) {
        if (e - p > MAX_KEY) throw BAIL_ERR;
        return i;
      }
      return -1;
    }
    if (isIndicator(c0)) return -1;
    const end = Math.min(line.length, p + MAX_KEY);
    for (let i = p; i < end; i++) {
      const c = line.charCodeAt(i);
      if (c === COLON) {
        if (i + 1 === line.length || line.charCodeAt(i + 1) === SP) return i;
      } else if (c === SP && i + 1 < line.length && line.charCodeAt(i + 1) === HASH) return -1;
    }
    if (end < line.length) throw BAIL_ERR;
    return -1;
  }

  private enter(): void {
    if (++this.depth > MAX_DEPTH) throw BAIL_ERR;
  }

  /**
   * Moves to the next entry of a collection whose entries are at column `col`: false when the
   * collection has ended (end of text or a line indented less).
   */
  private nextEntry(col: number): boolean {
    const n = this.skipBlank();
    if (n < col) return false;
    if (n > col) throw BAIL_ERR;
    this.checkMarker();
    return true;
  }

  /** A block mapping whose keys are at column `col`; the current line holds its first key at `col`. */
  private mapping(col: number): ValueMap {
    this.enter();
    const build = this.build;
    const out: ValueMap = build ? {} : CHECKING_MAP;
    const lines = this.lines;
    let first = true;
    for (;;) {
      if (!first && !this.nextEntry(col)) break;
      first = false;
      const line = lines[this.li]!;
      const k = this.keyEnd(line, col);
      if (k < 0) {
        // `- ` after an indentless sequence's parent mapping, or a scalar where a key belongs.
        throw BAIL_ERR;
      }
      let key = '';
      const c0 = line.charCodeAt(col);
      if (c0 === SQUOTE || c0 === DQUOTE) key = quotedKeyText(line, col);
      else {
        let kEnd = k;
        while (kEnd > col && line.charCodeAt(kEnd - 1) === SP) kEnd--;
        if (build || mayResolveKey(c0, kEnd - col)) {
          const keyText = line.slice(col, kEnd);
          if (keyText === '<<') throw BAIL_ERR;
          const r = resolveScalar('', keyText, true);
          if (typeof r !== 'string') throw BAIL_ERR;
          key = r;
        }
      }
      const v = this.value(line, k + 1, col, true);
      if (!build) continue;
      if (v instanceof LazyBlock) setLazyKey(out, key, v);
      else setKey(out, key, v as Value);
    }
    this.depth--;
    return out;
  }

  /** A block sequence whose `-` are at column `col`; the current line holds its first entry. */
  private sequence(col: number, indentless: boolean): Value[] {
    this.enter();
    const out: Value[] = this.build ? [] : CHECKING_SEQ;
    const lines = this.lines;
    let first = true;
    for (;;) {
      if (!first) {
        if (!this.nextEntry(col)) break;
        if (!isSeqEntry(lines[this.li]!, col)) {
          if (indentless) break; // the parent mapping's next key
          throw BAIL_ERR;
        }
      }
      first = false;
      const line = lines[this.li]!;
      let p = col + 1;
      while (p < line.length && line.charCodeAt(p) === SP) p++;
      if (p < line.length && line.charCodeAt(p) !== HASH) {
        if (isSeqEntry(line, p)) throw BAIL_ERR; // `- - x`
        if (this.keyEnd(line, p) >= 0) {
          const m = this.mapping(p);
          if (this.build) out.push(m);
          continue;
        }
      }
      const v = this.value(line, col + 1, col, false) as Value;
      if (this.build) out.push(v);
    }
    this.depth--;
    return out;
  }

  /**
   * The value after a mapping's `:` or a sequence's `-`, from index `p` of `line` (the current
   * line). `owner` is the column of the collection's entries (go-yaml's `parser.indent`); with
   * `inMapping` a sequence may start at `owner` itself (an indentless sequence).
   */
  private value(line: string, p: number, owner: number, inMapping: boolean): Value | LazyBlock {
    while (p < line.length && line.charCodeAt(p) === SP) p++;
    if (p === line.length || line.charCodeAt(p) === HASH) {
      if (p < line.length && line.charCodeAt(p - 1) !== SP) throw BAIL_ERR;
      this.li++;
      const n = this.skipBlank();
      if (n < 0 || n < owner) return null;
      const next = this.lines[this.li]!;
      if (n === owner) {
        if (inMapping && isSeqEntry(next, n)) {
          this.checkMarker();
          return this.block(n, INDENTLESS, inMapping);
        }
        return null;
      }
      this.checkMarker();
      if (isSeqEntry(next, n)) return this.block(n, SEQ, inMapping);
      if (this.keyEnd(next, n) >= 0) return this.block(n, MAP, inMapping);
      return this.scalarLine(next, n, owner);
    }
    return this.scalarLine(line, p, owner);
  }

  /** The block collection of `kind` whose entries are at column `col`, from the current line. */
  private collection(col: number, kind: number): Value {
    return kind === MAP ? this.mapping(col) : this.sequence(col, kind === INDENTLESS);
  }

  /**
   * {@link collection} for a value that starts on a line of its own. In a lazy decode the checking
   * pass notes where it ends, and the building pass leaves a long one that is a mapping's value
   * to {@link setLazyKey}.
   */
  private block(col: number, kind: number, inMapping: boolean): Value | LazyBlock {
    const ends = this.ends;
    if (ends === undefined) return this.collection(col, kind);
    const start = this.li;
    if (!this.build) {
      this.collection(col, kind);
      ends[start] = this.li;
      return null;
    }
    if (inMapping && ends[start]! - start >= this.lazyLines) {
      this.li = ends[start]!;
      return new LazyBlock(this, start, col, kind, this.depth);
    }
    return this.collection(col, kind);
  }

  /** A scalar starting at index `p` of the current line; moves past it. */
  private scalarLine(line: string, p: number, owner: number): Value {
    const c = line.charCodeAt(p);
    if (c === PIPE) return this.literal(line, p, owner);
    if (c === SQUOTE || c === DQUOTE) return this.quoted(line, p, owner);
    if (c === 0x5b || c === 0x7b) {
      this.at = p;
      const v = this.flow(line);
      if (!isBlankOrComment(line, this.at)) throw BAIL_ERR;
      this.li++;
      return v;
    }
    if (isIndicator(c)) {
      // `-`, `?` and `:` start a plain scalar when a non-space follows (`-1`, `-Xmx512m`).
      const d = line.charCodeAt(p + 1);
      if (!((c === DASH || c === 0x3f || c === COLON) && p + 1 < line.length && d !== SP)) throw BAIL_ERR;
    }
    return this.plain(line, p, owner);
  }

  /** Index into the current line while reading a flow collection. */
  private at = 0;

  /**
   * A flow collection on one line, from `this.at` (at `[` or `{`) to just after its end: entries
   * are nested flow collections, one-line quoted scalars and plain scalars of word characters
   * (`[get, list]`, `{cpu: 100m, memory: "1Gi"}`). Anything else goes to the full decoder.
   */
  private flow(line: string): Value {
    this.enter();
    const open = line.charCodeAt(this.at);
    const close = open === 0x5b ? 0x5d : 0x7d;
    const seq: Value[] = [];
    const map: ValueMap = {};
    this.at++;
    this.flowSpaces(line);
    if (line.charCodeAt(this.at) === close) {
      this.at++;
      this.depth--;
      return open === 0x5b ? seq : map;
    }
    for (;;) {
      if (open === 0x5b) seq.push(this.flowNode(line));
      else {
        const k = this.flowNode(line);
        if (typeof k !== 'string' || line.charCodeAt(this.at) !== COLON) throw BAIL_ERR;
        if (line.charCodeAt(this.at + 1) !== SP) throw BAIL_ERR;
        this.at++;
        this.flowSpaces(line);
        setKey(map, k, this.flowNode(line));
      }
      const c = line.charCodeAt(this.at);
      if (c === close) {
        this.at++;
        this.depth--;
        return open === 0x5b ? seq : map;
      }
      if (c !== 0x2c) throw BAIL_ERR;
      this.at++;
      this.flowSpaces(line);
      if (line.charCodeAt(this.at) === close) throw BAIL_ERR; // a trailing comma
    }
  }

  private flowSpaces(line: string): void {
    while (this.at < line.length && line.charCodeAt(this.at) === SP) this.at++;
  }

  /** One entry of a flow collection, followed by any spaces. */
  private flowNode(line: string): Value {
    const c = line.charCodeAt(this.at);
    let v: Value;
    if (c === 0x5b || c === 0x7b) v = this.flow(line);
    else if (c === SQUOTE || c === DQUOTE) {
      const r = quotedPart(line, this.at);
      if (r.end < 0) throw BAIL_ERR;
      v = r.text;
      this.at = r.end;
    } else {
      let i = this.at;
      while (i < line.length && isWordChar(line.charCodeAt(i))) i++;
      if (i === this.at) throw BAIL_ERR;
      const text = line.slice(this.at, i);
      this.at = i;
      v = this.resolvePlain(text);
    }
    this.flowSpaces(line);
    return v;
  }

  /** A plain scalar from index `p`, continued on lines deeper than `owner`. */
  private plain(line: string, p: number, owner: number): Value {
    // The checking pass builds the text only when it may resolve to a number (which may bail).
    const keep = this.build || mayBeNumber(line.charCodeAt(p));
    let end = plainEnd(line, p);
    let text = keep ? line.slice(p, end) : '';
    const lines = this.lines;
    this.li++;
    // Continuation lines.
    let breaks = 0;
    while (this.li < lines.length) {
      const n = this.indentOf(this.li);
      if (n < 0) {
        breaks++;
        this.li++;
        continue;
      }
      if (n <= owner) break;
      const next = lines[this.li]!;
      const c = next.charCodeAt(n);
      if (c === HASH) break; // a comment ends the scalar
      end = plainEnd(next, n);
      if (keep) text += (breaks === 0 ? ' ' : '\n'.repeat(breaks)) + next.slice(n, end);
      breaks = 0;
      this.li++;
    }
    // Blank lines after the scalar are not part of it; leave them to skipBlank.
    if (breaks > 0) this.li -= breaks;
    return keep ? this.resolvePlain(text) : null;
  }

  private resolvePlain(text: string): Value {
    const v = resolveScalar('', text, true);
    if (typeof v === 'bigint') return this.keepNumbers ? v : Number(v);
    if (typeof v === 'number' && !Number.isFinite(v)) throw BAIL_ERR;
    return v;
  }

  /**
   * A single- or double-quoted scalar starting at index `p` of the current line; moves past it.
   * Across lines it folds as go-yaml does: spaces around a line break are dropped, one break
   * becomes a space, each empty line a newline.
   */
  private quoted(line: string, p: number, owner: number): string {
    const single = line.charCodeAt(p) === SQUOTE;
    let out = '';
    let l = line;
    let i = p + 1;
    for (;;) {
      // One line's part.
      const r = single ? singleQuotedPart(l, i) : doubleQuotedPart(l, i);
      out += r.text;
      if (r.end >= 0) {
        if (!isAfterScalar(l, r.end)) throw BAIL_ERR;
        this.li++;
        return out;
      }
      // The line ends inside the quotes: drop trailing spaces, fold the break.
      // (Escapes never produce a space, and the line's first non-space character was content.)
      let e = out.length;
      while (e > 0 && out.charCodeAt(e - 1) === SP) e--;
      if (e < out.length) out = out.slice(0, e);
      let breaks = 0;
      let n: number;
      for (this.li++; ; this.li++, breaks++) {
        if (this.li >= this.lines.length) throw BAIL_ERR;
        n = this.indentOf(this.li);
        if (n >= 0) break;
      }
      if (n <= owner) throw BAIL_ERR;
      out += breaks === 0 ? ' ' : '\n'.repeat(breaks);
      l = this.lines[this.li]!;
      i = n;
    }
  }

  /** A literal block scalar (`|`, `|-`, `|+`) whose header is at index `p` of the current line. */
  private literal(line: string, p: number, owner: number): string {
    let chomp = 0; // 0 clip, -1 strip, 1 keep
    let q = p + 1;
    const c = line.charCodeAt(q);
    if (c === DASH) {
      chomp = -1;
      q++;
    } else if (c === 0x2b) {
      chomp = 1;
      q++;
    }
    if (q < line.length && line.charCodeAt(q) !== SP) throw BAIL_ERR; // indentation indicator, ...
    if (!isBlankOrComment(line, q)) throw BAIL_ERR;
    const lines = this.lines;
    const last = lines.length - 1;
    let i = this.li + 1;
    // Leading empty lines, then the indentation of the first non-empty line.
    let maxBlank = 0;
    while (i <= last && this.indentOf(i) < 0) {
      if (i === last && lines[i]!.length === 0) break; // the text's final newline
      maxBlank = Math.max(maxBlank, lines[i]!.length);
      i++;
    }
    const indent = i <= last ? this.indentOf(i) : -1;
    if (indent <= owner || maxBlank > indent) throw BAIL_ERR; // empty scalar or odd indentation
    let out = '';
    let content = false;
    let breaks = 0; // line breaks owed since the last content line
    let j = this.li + 1;
    for (; j <= last; j++) {
      const n = this.indentOf(j);
      const l = lines[j]!;
      // A blank line is content when it has spaces beyond the indentation.
      if (n < 0 && l.length <= indent) {
        if (j === last) break; // after the final newline: no line at all
        breaks++;
        continue;
      }
      if (n >= 0 && n < indent) break;
      if (this.build) out += '\n'.repeat(content ? breaks + 1 : breaks) + l.slice(indent);
      content = true;
      breaks = 0;
    }
    // j is the first line after the scalar; the last content line has a newline unless it was the
    // text's last line. Trailing empty lines are `breaks`.
    const lastHasBreak = content && j <= last;
    if (chomp !== -1 && lastHasBreak) out += '\n';
    if (chomp === 1) out += '\n'.repeat(breaks);
    this.li = j; // the empty lines before it, kept or not, belong to the scalar
    return out;
  }
}

/**
 * False when a plain key starting with `c`, `length` characters long, surely resolves to a string
 * and is not `<<`: go-yaml's resolve hints are `+-.0-9` (numbers, any length) and the first
 * letters of its booleans and nulls (`y`…`OFF`, `~`: five characters at most).
 */
function mayResolveKey(c: number, length: number): boolean {
  if (mayBeNumber(c)) return true;
  if (length > 5) return false;
  switch (c) {
    case 0x79: // y
    case 0x59: // Y
    case 0x6e: // n
    case 0x4e: // N
    case 0x74: // t
    case 0x54: // T
    case 0x66: // f
    case 0x46: // F
    case 0x6f: // o
    case 0x4f: // O
    case 0x7e: // ~
    case 0x3c: // < (the merge key `<<`)
      return true;
    default:
      return false;
  }
}

/** True when a plain scalar starting with `c` may resolve to a number: `+-.0-9`. */
function mayBeNumber(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || c === 0x2b || c === DASH || c === 0x2e;
}

/** `[A-Za-z0-9_./~-]`: what a plain scalar in a flow collection may hold here. */
function isWordChar(c: number): boolean {
  return (
    (c >= 0x61 && c <= 0x7a) ||
    (c >= 0x41 && c <= 0x5a) ||
    (c >= 0x30 && c <= 0x39) ||
    c === 0x5f ||
    c === 0x2e ||
    c === 0x2f ||
    c === 0x7e ||
    c === DASH
  );
}

/** `- ` or a lone `-` at column `p`. */
function isSeqEntry(line: string, p: number): boolean {
  return line.charCodeAt(p) === DASH && (p + 1 === line.length || line.charCodeAt(p + 1) === SP);
}

/** True when only spaces, or spaces then a comment, follow index `p`. */
function isBlankOrComment(line: string, p: number): boolean {
  let i = p;
  while (i < line.length && line.charCodeAt(i) === SP) i++;
  if (i === line.length) return true;
  return line.charCodeAt(i) === HASH && i > p;
}

/** What may follow a quoted scalar that is a value: spaces, then a comment after a space. */
function isAfterScalar(line: string, p: number): boolean {
  return p === line.length || (line.charCodeAt(p) === SP && isBlankOrComment(line, p));
}

/**
 * The end of a plain scalar's text on `line` from `p`: before ` #` and trailing spaces. A `: ` or
 * a final `:` (a mapping where none may start) sends the document to the full decoder.
 */
function plainEnd(line: string, p: number): number {
  let end = line.length;
  for (let i = p; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (c === COLON) {
      if (i + 1 === line.length || line.charCodeAt(i + 1) === SP) throw BAIL_ERR;
    } else if (c === SP && line.charCodeAt(i + 1) === HASH) {
      end = i;
      break;
    }
  }
  while (end > p && line.charCodeAt(end - 1) === SP) end--;
  return end;
}

/**
 * The part of a single-quoted scalar on `line` from index `from` (`''` is a quote): its text, and
 * the index after the closing quote, or -1 when the line ends first.
 */
function singleQuotedPart(line: string, from: number): { text: string; end: number } {
  let text = '';
  let at = from;
  for (;;) {
    const q = line.indexOf("'", at);
    if (q < 0) return { text: text + line.slice(at), end: -1 };
    if (line.charCodeAt(q + 1) === SQUOTE) {
      text += line.slice(at, q + 1);
      at = q + 2;
      continue;
    }
    return { text: text + line.slice(at, q), end: q + 1 };
  }
}

/**
 * {@link singleQuotedPart} for a double-quoted scalar, with the common escapes (`\\ \" \n \t \r`);
 * any other escape, or an escaped line break, sends the document to the full decoder.
 */
function doubleQuotedPart(line: string, from: number): { text: string; end: number } {
  let text = '';
  let at = from;
  for (let i = from; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (c === DQUOTE) return { text: text + line.slice(at, i), end: i + 1 };
    if (c === 0x5c) {
      text += line.slice(at, i);
      switch (line.charCodeAt(i + 1)) {
        case 0x5c:
          text += '\\';
          break;
        case DQUOTE:
          text += '"';
          break;
        case 0x6e:
          text += '\n';
          break;
        case 0x74:
          text += '\t';
          break;
        case 0x72:
          text += '\r';
          break;
        default:
          throw BAIL_ERR;
      }
      i++;
      at = i + 1;
    }
  }
  return { text: text + line.slice(at), end: -1 };
}

/** The part on `line` of the quoted scalar whose opening quote is at `p` (see {@link singleQuotedPart}). */
function quotedPart(line: string, p: number): { text: string; end: number } {
  return line.charCodeAt(p) === SQUOTE ? singleQuotedPart(line, p + 1) : doubleQuotedPart(line, p + 1);
}

/** The text of the quoted key at `p` (a key is on one line). */
function quotedKeyText(line: string, p: number): string {
  const r = quotedPart(line, p);
  if (r.end < 0) throw BAIL_ERR;
  return r.text;
}
