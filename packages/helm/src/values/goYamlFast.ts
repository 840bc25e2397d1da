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
  private readonly text: string;
  /** Number of lines (`text.split('\n').length`). */
  private readonly nLines: number;
  /**
   * Index of each line's first character; entry `nLines`, `text.length + 1`, ends the last line
   * (the array may be longer).
   */
  private readonly starts: Int32Array;
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
    // Lines as positions in the one text, not `split` strings: reading one flat string is cheaper
    // than allocating a string per line (a 450 KB CRD has 10,000 lines).
    this.text = text;
    let starts = new Int32Array(64 + (text.length >> 5));
    let n = 1;
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) {
      if (n + 1 >= starts.length) {
        const grown = new Int32Array(starts.length * 2);
        grown.set(starts);
        starts = grown;
      }
      starts[n++] = i + 1;
    }
    starts[n] = text.length + 1;
    this.nLines = n;
    this.starts = starts;
    this.indents = new Int32Array(n).fill(-2);
  }

  /** Starts a lazy decode: the next {@link document} call only checks. */
  beginLazy(lazyLines: number): void {
    this.lazyLines = lazyLines;
    this.build = false;
    this.ends = new Int32Array(this.nLines + 1);
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

  /** Index of line `i`'s first character. */
  private lineStart(i: number): number {
    return this.starts[i]!;
  }

  /** Index just after line `i`'s last character (its `\n`, or the end of the text). */
  private lineEnd(i: number): number {
    return this.starts[i + 1]! - 1;
  }

  private indentOf(i: number): number {
    let n = this.indents[i]!;
    if (n !== -2) return n;
    const t = this.text;
    const s = this.starts[i]!;
    const e = this.starts[i + 1]! - 1;
    let j = s;
    while (j < e && t.charCodeAt(j) === SP) j++;
    n = j === e ? -1 : j - s;
    this.indents[i] = n;
    return n;
  }

  /** Skips blank and comment-only lines; returns the indentation of the next line, -1 at the end. */
  private skipBlank(): number {
    while (this.li < this.nLines) {
      const n = this.indentOf(this.li);
      if (n >= 0 && this.text.charCodeAt(this.lineStart(this.li) + n) !== HASH) return n;
      this.li++;
    }
    return -1;
  }

  document(): Value {
    const t = this.text;
    let n = this.skipBlank();
    if (n === 0) {
      const s = this.lineStart(this.li);
      const le = this.lineEnd(this.li);
      if (t.charCodeAt(s) === 0x25) throw BAIL_ERR; // %YAML / %TAG directives
      if (t.startsWith('---', s) && le - s >= 3) {
        if (le - s > 3 && !isBlankOrComment(t, s + 3, le)) throw BAIL_ERR;
        this.li++;
        n = this.skipBlank();
      }
    }
    if (n < 0) throw BAIL_ERR; // an empty document: the full decoder says what it is
    this.checkMarker();
    const p = this.lineStart(this.li) + n;
    const le = this.lineEnd(this.li);
    let v: Value;
    if (isSeqEntry(t, p, le)) v = this.collection(n, SEQ);
    else if (this.keyEnd(p, le) >= 0) v = this.collection(n, MAP);
    else throw BAIL_ERR; // a scalar document
    if (this.skipBlank() >= 0) throw BAIL_ERR; // more documents, or a structure error
    return v;
  }

  /** A document marker or directive at column 0 ends this path. */
  private checkMarker(): void {
    if (this.indentOf(this.li) !== 0) return;
    const t = this.text;
    const s = this.lineStart(this.li);
    const len = this.lineEnd(this.li) - s;
    const c = t.charCodeAt(s);
    if (
      (c === DASH && len >= 3 && t.startsWith('---', s)) ||
      (c === 0x2e && len >= 3 && t.startsWith('...', s)) ||
      c === 0x25
    ) {
      throw BAIL_ERR;
    }
  }

  /**
   * The index of the `:` ending a simple key that starts at index `p` of a line ending at `le`,
   * or -1 when the line holds no `key: ` there. Throws BAIL for keys this path does not decode
   * (long keys, uncommon escapes).
   */
  private keyEnd(p: number, le: number): number {
    const t = this.text;
    const c0 = t.charCodeAt(p);
    if (c0 === SQUOTE || c0 === DQUOTE) {
      const e = quotedPart(t, p, le, false).end;
      if (e < 0) return -1; // a quoted scalar that continues on the next line
      let i = e;
      while (i < le && t.charCodeAt(i) === SP) i++;
      if (i < le && t.charCodeAt(i) === COLON && (i + 1 === le || t.charCodeAt(i + 1) === SP)) {
        if (e - p > MAX_KEY) throw BAIL_ERR;
        return i;
      }
      return -1;
    }
    if (isIndicator(c0)) return -1;
    const end = Math.min(le, p + MAX_KEY);
    for (let i = p; i < end; i++) {
      const c = t.charCodeAt(i);
      if (c === COLON) {
        if (i + 1 === le || t.charCodeAt(i + 1) === SP) return i;
      } else if (c === SP && i + 1 < le && t.charCodeAt(i + 1) === HASH) return -1;
    }
    if (end < le) throw BAIL_ERR;
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
    const t = this.text;
    const build = this.build;
    const out: ValueMap = build ? {} : CHECKING_MAP;
    let first = true;
    for (;;) {
      if (!first && !this.nextEntry(col)) break;
      first = false;
      const p = this.lineStart(this.li) + col;
      const le = this.lineEnd(this.li);
      const k = this.keyEnd(p, le);
      if (k < 0) {
        // `- ` after an indentless sequence's parent mapping, or a scalar where a key belongs.
        throw BAIL_ERR;
      }
      let key = '';
      const c0 = t.charCodeAt(p);
      if (c0 === SQUOTE || c0 === DQUOTE) {
        if (build) key = quotedKeyText(t, p, le);
      } else {
        let kEnd = k;
        while (kEnd > p && t.charCodeAt(kEnd - 1) === SP) kEnd--;
        if (build || mayResolveKey(c0, kEnd - p)) {
          const keyText = t.slice(p, kEnd);
          if (keyText === '<<') throw BAIL_ERR;
          const r = resolveScalar('', keyText, true);
          if (typeof r !== 'string') throw BAIL_ERR;
          key = r;
        }
      }
      const v = this.value(k + 1, le, col, true);
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
    const t = this.text;
    const out: Value[] = this.build ? [] : CHECKING_SEQ;
    let first = true;
    for (;;) {
      if (!first) {
        if (!this.nextEntry(col)) break;
        if (!isSeqEntry(t, this.lineStart(this.li) + col, this.lineEnd(this.li))) {
          if (indentless) break; // the parent mapping's next key
          throw BAIL_ERR;
        }
      }
      first = false;
      const dash = this.lineStart(this.li) + col;
      const le = this.lineEnd(this.li);
      let p = dash + 1;
      while (p < le && t.charCodeAt(p) === SP) p++;
      if (p < le && t.charCodeAt(p) !== HASH) {
        if (isSeqEntry(t, p, le)) throw BAIL_ERR; // `- - x`
        if (this.keyEnd(p, le) >= 0) {
          const m = this.mapping(p - this.lineStart(this.li));
          if (this.build) out.push(m);
          continue;
        }
      }
      const v = this.value(dash + 1, le, col, false) as Value;
      if (this.build) out.push(v);
    }
    this.depth--;
    return out;
  }

  /**
   * The value after a mapping's `:` or a sequence's `-`, from index `p` of the current line (which
   * ends at `le`). `owner` is the column of the collection's entries (go-yaml's `parser.indent`);
   * with `inMapping` a sequence may start at `owner` itself (an indentless sequence).
   */
  private value(p: number, le: number, owner: number, inMapping: boolean): Value | LazyBlock {
    const t = this.text;
    while (p < le && t.charCodeAt(p) === SP) p++;
    if (p === le || t.charCodeAt(p) === HASH) {
      if (p < le && t.charCodeAt(p - 1) !== SP) throw BAIL_ERR;
      this.li++;
      const n = this.skipBlank();
      if (n < 0 || n < owner) return null;
      const q = this.lineStart(this.li) + n;
      const nextEnd = this.lineEnd(this.li);
      if (n === owner) {
        if (inMapping && isSeqEntry(t, q, nextEnd)) {
          this.checkMarker();
          return this.block(n, INDENTLESS, inMapping);
        }
        return null;
      }
      this.checkMarker();
      if (isSeqEntry(t, q, nextEnd)) return this.block(n, SEQ, inMapping);
      if (this.keyEnd(q, nextEnd) >= 0) return this.block(n, MAP, inMapping);
      return this.scalarLine(q, nextEnd, owner);
    }
    return this.scalarLine(p, le, owner);
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

  /** A scalar starting at index `p` of the current line (which ends at `le`); moves past it. */
  private scalarLine(p: number, le: number, owner: number): Value {
    const t = this.text;
    const c = t.charCodeAt(p);
    if (c === PIPE) return this.literal(p, le, owner);
    if (c === SQUOTE || c === DQUOTE) return this.quoted(p, le, owner);
    if (c === 0x5b || c === 0x7b) {
      this.at = p;
      const v = this.flow(le);
      if (!isBlankOrComment(t, this.at, le)) throw BAIL_ERR;
      this.li++;
      return v;
    }
    if (isIndicator(c)) {
      // `-`, `?` and `:` start a plain scalar when a non-space follows (`-1`, `-Xmx512m`).
      if (!((c === DASH || c === 0x3f || c === COLON) && p + 1 < le && t.charCodeAt(p + 1) !== SP)) {
        throw BAIL_ERR;
      }
    }
    return this.plain(p, le, owner);
  }

  /** Index into the current line while reading a flow collection. */
  private at = 0;

  /**
   * A flow collection on one line (ending at `le`), from `this.at` (at `[` or `{`) to just after
   * its end: entries are nested flow collections, one-line quoted scalars and plain scalars of
   * word characters (`[get, list]`, `{cpu: 100m, memory: "1Gi"}`). Anything else goes to the full
   * decoder.
   */
  private flow(le: number): Value {
    this.enter();
    const t = this.text;
    const open = t.charCodeAt(this.at);
    const close = open === 0x5b ? 0x5d : 0x7d;
    const seq: Value[] = [];
    const map: ValueMap = {};
    this.at++;
    this.flowSpaces(le);
    if (this.at < le && t.charCodeAt(this.at) === close) {
      this.at++;
      this.depth--;
      return open === 0x5b ? seq : map;
    }
    for (;;) {
      if (open === 0x5b) seq.push(this.flowNode(le));
      else {
        const k = this.flowNode(le);
        if (typeof k !== 'string' || this.at >= le || t.charCodeAt(this.at) !== COLON) throw BAIL_ERR;
        if (this.at + 1 >= le || t.charCodeAt(this.at + 1) !== SP) throw BAIL_ERR;
        this.at++;
        this.flowSpaces(le);
        setKey(map, k, this.flowNode(le));
      }
      if (this.at >= le) throw BAIL_ERR;
      const c = t.charCodeAt(this.at);
      if (c === close) {
        this.at++;
        this.depth--;
        return open === 0x5b ? seq : map;
      }
      if (c !== 0x2c) throw BAIL_ERR;
      this.at++;
      this.flowSpaces(le);
      if (this.at < le && t.charCodeAt(this.at) === close) throw BAIL_ERR; // a trailing comma
    }
  }

  private flowSpaces(le: number): void {
    while (this.at < le && this.text.charCodeAt(this.at) === SP) this.at++;
  }

  /** One entry of a flow collection, followed by any spaces. */
  private flowNode(le: number): Value {
    const t = this.text;
    if (this.at >= le) throw BAIL_ERR;
    const c = t.charCodeAt(this.at);
    let v: Value;
    if (c === 0x5b || c === 0x7b) v = this.flow(le);
    else if (c === SQUOTE || c === DQUOTE) {
      const r = quotedPart(t, this.at, le, true);
      if (r.end < 0) throw BAIL_ERR;
      v = r.text;
      this.at = r.end;
    } else {
      let i = this.at;
      while (i < le && isWordChar(t.charCodeAt(i))) i++;
      if (i === this.at) throw BAIL_ERR;
      const text = t.slice(this.at, i);
      this.at = i;
      v = this.resolvePlain(text);
    }
    this.flowSpaces(le);
    return v;
  }

  /** A plain scalar from index `p` (its line ends at `le`), continued on lines deeper than `owner`. */
  private plain(p: number, le: number, owner: number): Value {
    const t = this.text;
    // The checking pass builds the text only when it may resolve to a number (which may bail).
    const keep = this.build || mayBeNumber(t.charCodeAt(p));
    let end = this.plainEnd(p, le);
    let text = keep ? t.slice(p, end) : '';
    this.li++;
    // Continuation lines.
    let breaks = 0;
    while (this.li < this.nLines) {
      const n = this.indentOf(this.li);
      if (n < 0) {
        breaks++;
        this.li++;
        continue;
      }
      if (n <= owner) break;
      const q = this.lineStart(this.li) + n;
      if (t.charCodeAt(q) === HASH) break; // a comment ends the scalar
      end = this.plainEnd(q, this.lineEnd(this.li));
      if (keep) text += (breaks === 0 ? ' ' : '\n'.repeat(breaks)) + t.slice(q, end);
      breaks = 0;
      this.li++;
    }
    // Blank lines after the scalar are not part of it; leave them to skipBlank.
    if (breaks > 0) this.li -= breaks;
    return keep ? this.resolvePlain(text) : null;
  }

  /**
   * The end of a plain scalar's text from index `p` of a line ending at `le`: before ` #` and
   * trailing spaces. A `: ` or a final `:` (a mapping where none may start) sends the document to
   * the full decoder.
   */
  private plainEnd(p: number, le: number): number {
    const t = this.text;
    let end = le;
    for (let i = p; i < le; i++) {
      const c = t.charCodeAt(i);
      if (c === COLON) {
        if (i + 1 === le || t.charCodeAt(i + 1) === SP) throw BAIL_ERR;
      } else if (c === SP && i + 1 < le && t.charCodeAt(i + 1) === HASH) {
        end = i;
        break;
      }
    }
    while (end > p && t.charCodeAt(end - 1) === SP) end--;
    return end;
  }

  private resolvePlain(text: string): Value {
    const v = resolveScalar('', text, true);
    if (typeof v === 'bigint') return this.keepNumbers ? v : Number(v);
    if (typeof v === 'number' && !Number.isFinite(v)) throw BAIL_ERR;
    return v;
  }

  /**
   * A single- or double-quoted scalar starting at index `p` of the current line (which ends at
   * `le`); moves past it. Across lines it folds as go-yaml does: spaces around a line break are
   * dropped, one break becomes a space, each empty line a newline.
   */
  private quoted(p: number, le: number, owner: number): string {
    const t = this.text;
    const single = t.charCodeAt(p) === SQUOTE;
    let out = '';
    let e0 = le;
    let i = p + 1;
    const build = this.build;
    for (;;) {
      // One line's part (the checking pass only finds where it ends).
      const r = single ? singleQuotedPart(t, i, e0, build) : doubleQuotedPart(t, i, e0, build);
      out += r.text;
      if (r.end >= 0) {
        if (!isAfterScalar(t, r.end, e0)) throw BAIL_ERR;
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
        if (this.li >= this.nLines) throw BAIL_ERR;
        n = this.indentOf(this.li);
        if (n >= 0) break;
      }
      if (n <= owner) throw BAIL_ERR;
      out += breaks === 0 ? ' ' : '\n'.repeat(breaks);
      i = this.lineStart(this.li) + n;
      e0 = this.lineEnd(this.li);
    }
  }

  /** A literal block scalar (`|`, `|-`, `|+`) whose header is at index `p` of the current line. */
  private literal(p: number, le: number, owner: number): string {
    const t = this.text;
    let chomp = 0; // 0 clip, -1 strip, 1 keep
    let q = p + 1;
    const c = q < le ? t.charCodeAt(q) : -1;
    if (c === DASH) {
      chomp = -1;
      q++;
    } else if (c === 0x2b) {
      chomp = 1;
      q++;
    }
    if (q < le && t.charCodeAt(q) !== SP) throw BAIL_ERR; // indentation indicator, ...
    if (!isBlankOrComment(t, q, le)) throw BAIL_ERR;
    const last = this.nLines - 1;
    const lineLength = (k: number) => this.lineEnd(k) - this.lineStart(k);
    let i = this.li + 1;
    // Leading empty lines, then the indentation of the first non-empty line.
    let maxBlank = 0;
    while (i <= last && this.indentOf(i) < 0) {
      if (i === last && lineLength(i) === 0) break; // the text's final newline
      maxBlank = Math.max(maxBlank, lineLength(i));
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
      // A blank line is content when it has spaces beyond the indentation.
      if (n < 0 && lineLength(j) <= indent) {
        if (j === last) break; // after the final newline: no line at all
        breaks++;
        continue;
      }
      if (n >= 0 && n < indent) break;
      if (this.build) {
        out +=
          '\n'.repeat(content ? breaks + 1 : breaks) + t.slice(this.lineStart(j) + indent, this.lineEnd(j));
      }
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

/** `- ` or a lone `-` at index `p` of a line ending at `le`. */
function isSeqEntry(t: string, p: number, le: number): boolean {
  return p < le && t.charCodeAt(p) === DASH && (p + 1 === le || t.charCodeAt(p + 1) === SP);
}

/** True when only spaces, or spaces then a comment, follow index `p` (up to the line end `le`). */
function isBlankOrComment(t: string, p: number, le: number): boolean {
  let i = p;
  while (i < le && t.charCodeAt(i) === SP) i++;
  if (i === le) return true;
  return t.charCodeAt(i) === HASH && i > p;
}

/** What may follow a quoted scalar that is a value: spaces, then a comment after a space. */
function isAfterScalar(t: string, p: number, le: number): boolean {
  return p === le || (t.charCodeAt(p) === SP && isBlankOrComment(t, p, le));
}

/** A part of a quoted scalar on one line: its text, and the index after the closing quote (-1: none). */
interface QuotedPart {
  text: string;
  end: number;
}

/**
 * The part of a single-quoted scalar from index `from` of a line ending at `le` (`''` is a
 * quote): its text, and the index after the closing quote, or -1 when the line ends first.
 * Without `build` (the checking pass) the text is left empty.
 */
function singleQuotedPart(t: string, from: number, le: number, build: boolean): QuotedPart {
  let text = '';
  let at = from;
  for (let i = from; i < le; i++) {
    if (t.charCodeAt(i) !== SQUOTE) continue;
    if (i + 1 < le && t.charCodeAt(i + 1) === SQUOTE) {
      if (build) text += t.slice(at, i + 1);
      i++;
      at = i + 1;
      continue;
    }
    return { text: build ? text + t.slice(at, i) : '', end: i + 1 };
  }
  return { text: build ? text + t.slice(at, le) : '', end: -1 };
}

/**
 * {@link singleQuotedPart} for a double-quoted scalar, with the common escapes (`\\ \" \n \t \r`);
 * any other escape, or an escaped line break, sends the document to the full decoder.
 */
function doubleQuotedPart(t: string, from: number, le: number, build: boolean): QuotedPart {
  let text = '';
  let at = from;
  for (let i = from; i < le; i++) {
    const c = t.charCodeAt(i);
    if (c === DQUOTE) return { text: build ? text + t.slice(at, i) : '', end: i + 1 };
    if (c === 0x5c) {
      let unescaped: string;
      switch (i + 1 < le ? t.charCodeAt(i + 1) : -1) {
        case 0x5c:
          unescaped = '\\';
          break;
        case DQUOTE:
          unescaped = '"';
          break;
        case 0x6e:
          unescaped = '\n';
          break;
        case 0x74:
          unescaped = '\t';
          break;
        case 0x72:
          unescaped = '\r';
          break;
        default:
          throw BAIL_ERR;
      }
      if (build) text += t.slice(at, i) + unescaped;
      i++;
      at = i + 1;
    }
  }
  return { text: build ? text + t.slice(at, le) : '', end: -1 };
}

/** The part of the quoted scalar whose opening quote is at `p` (see {@link singleQuotedPart}). */
function quotedPart(t: string, p: number, le: number, build: boolean): QuotedPart {
  return t.charCodeAt(p) === SQUOTE
    ? singleQuotedPart(t, p + 1, le, build)
    : doubleQuotedPart(t, p + 1, le, build);
}

/** The text of the quoted key at `p` (a key is on one line). */
function quotedKeyText(t: string, p: number, le: number): string {
  const r = quotedPart(t, p, le, true);
  if (r.end < 0) throw BAIL_ERR;
  return r.text;
}
