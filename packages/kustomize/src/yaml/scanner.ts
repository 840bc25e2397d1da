/**
 * YAML scanner: a TypeScript port of the libyaml scanner as go-yaml v3 ships it (including v3's
 * lazy simple-key validity check and its comment skipping), so that what parses, what fails and the
 * scalar values produced match kustomize's reader. Comments are skipped, not kept.
 *
 * @see https://github.com/go-yaml/yaml/blob/v3.0.1/scannerc.go
 */

/** Token types. */
export const T = {
  StreamStart: 1,
  StreamEnd: 2,
  VersionDirective: 3,
  TagDirective: 4,
  DocumentStart: 5,
  DocumentEnd: 6,
  BlockSequenceStart: 7,
  BlockMappingStart: 8,
  BlockEnd: 9,
  FlowSequenceStart: 10,
  FlowSequenceEnd: 11,
  FlowMappingStart: 12,
  FlowMappingEnd: 13,
  BlockEntry: 14,
  FlowEntry: 15,
  Key: 16,
  Value: 17,
  Alias: 18,
  Anchor: 19,
  Tag: 20,
  Scalar: 21,
} as const;

/** Scalar styles of scanned tokens. */
export const ScalarStyle = { Plain: 1, SingleQuoted: 2, DoubleQuoted: 3, Literal: 4, Folded: 5 } as const;

/** A position: 0-based character index, line and column. */
export interface Mark {
  index: number;
  line: number;
  column: number;
}

export interface Token {
  type: number;
  start: Mark;
  end: Mark;
  /** Scalar value, anchor/alias name, tag handle, or %TAG handle. */
  value: string;
  /** Tag suffix, or %TAG prefix. */
  suffix: string;
  style: number;
  major: number;
  minor: number;
}

/** A scanner or parser error with go-yaml's problem text and marks. */
export class YamlSyntaxError extends Error {
  constructor(
    readonly problem: string,
    readonly contextMark: Mark | null,
    readonly problemMark: Mark,
    readonly scanner: boolean,
  ) {
    super(problem);
  }

  /** go-yaml v3's `yaml: line N: problem` text (its line arithmetic included). */
  goMessage(): string {
    let line = 0;
    if (this.contextMark && this.contextMark.line !== 0) {
      line = this.contextMark.line + (this.scanner ? 1 : 0);
    } else if (this.problemMark.line !== 0) {
      line = this.problemMark.line + (this.scanner ? 1 : 0);
    }
    return `yaml: ${line !== 0 ? `line ${line}: ` : ''}${this.problem}`;
  }
}

interface SimpleKey {
  possible: boolean;
  required: boolean;
  tokenNumber: number;
  mark: Mark;
}

const MAX_FLOW_LEVEL = 10000;
const MAX_INDENTS = 10000;

function isBlank(c: number): boolean {
  return c === 32 || c === 9;
}
function isBreak(c: number): boolean {
  return c === 10 || c === 13 || c === 0x85 || c === 0x2028 || c === 0x2029;
}
function isBreakz(c: number): boolean {
  return c === 0 || c === 10 || c === 13 || c === 0x85 || c === 0x2028 || c === 0x2029;
}
function isBlankz(c: number): boolean {
  return c === 32 || c === 9 || c === 0 || c === 10 || c === 13 || c === 0x85 || c === 0x2028 || c === 0x2029;
}
function isAlpha(c: number): boolean {
  return (
    (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 45 /* - */
  );
}
function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}
function isHex(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102);
}
function asHex(c: number): number {
  if (c >= 65 && c <= 70) return c - 55;
  if (c >= 97 && c <= 102) return c - 87;
  return c - 48;
}

function mk(index: number, line: number, column: number): Mark {
  return { index, line, column };
}

/** The scanner. `src` must have passed the reader checks (see `parse.ts`). */
export class Scanner {
  private readonly src: string;
  private readonly len: number;
  private pos = 0;
  private index = 0;
  private line = 0;
  private column = 0;
  private newlines = 0;

  private tokens: Token[] = [];
  private head = 0;
  private tokensParsed = 0;
  private tokenAvailable = false;
  private streamStartProduced = false;
  private streamEndProduced = false;

  private indent = -1;
  private indents: number[] = [];
  private simpleKeyAllowed = false;
  private simpleKeys: SimpleKey[] = [];
  private simpleKeysByTok = new Map<number, number>();
  private flowLevel = 0;

  constructor(src: string) {
    this.src = src;
    this.len = src.length;
  }

  // ---- character access -------------------------------------------------------------------

  private ch(off = 0): number {
    const p = this.pos + off;
    return p < this.len ? this.src.charCodeAt(p) : 0;
  }

  private mark(): Mark {
    return mk(this.index, this.line, this.column);
  }

  private skip(): void {
    const c = this.src.charCodeAt(this.pos);
    if (c !== 32 && c !== 9) this.newlines = 0;
    this.index++;
    this.column++;
    this.pos += c >= 0xd800 && c <= 0xdbff ? 2 : 1;
  }

  /**
   * Skips to the next line break or the end of the input: `while (!isBreakz(ch())) skip()` in one
   * loop, with the same position, column and `newlines` bookkeeping.
   */
  private skipToBreak(): void {
    const src = this.src;
    const len = this.len;
    let p = this.pos;
    let n = 0;
    let blanksOnly = true;
    while (p < len) {
      const c = src.charCodeAt(p);
      if (c === 10 || c === 13 || c === 0 || c === 0x85 || c === 0x2028 || c === 0x2029) break;
      if (c !== 32 && c !== 9) blanksOnly = false;
      p += c >= 0xd800 && c <= 0xdbff ? 2 : 1;
      n++;
    }
    if (!blanksOnly) this.newlines = 0;
    this.pos = p;
    this.index += n;
    this.column += n;
  }

  private skipLine(): void {
    const c = this.ch();
    if (c === 13 && this.ch(1) === 10) {
      this.index += 2;
      this.pos += 2;
    } else if (isBreak(c)) {
      this.index++;
      this.pos++;
    } else return;
    this.column = 0;
    this.line++;
    this.newlines++;
  }

  /** Reads one character (as a string) and advances. */
  private read(): string {
    const c = this.src.charCodeAt(this.pos);
    if (c !== 32 && c !== 9) this.newlines = 0;
    const w = c >= 0xd800 && c <= 0xdbff ? 2 : 1;
    const s = w === 1 ? this.src[this.pos]! : this.src.substr(this.pos, 2);
    this.pos += w;
    this.index++;
    this.column++;
    return s;
  }

  /** Reads a line break, normalised as go-yaml does (`\r\n`, `\r`, NEL -> `\n`; LS/PS kept). */
  private readLine(): string {
    const c = this.ch();
    let out: string;
    if (c === 13 && this.ch(1) === 10) {
      out = '\n';
      this.pos += 2;
      this.index++;
    } else if (c === 13 || c === 10 || c === 0x85) {
      out = '\n';
      this.pos++;
    } else if (c === 0x2028 || c === 0x2029) {
      out = this.src[this.pos]!;
      this.pos++;
    } else return '';
    this.index++;
    this.column = 0;
    this.line++;
    this.newlines++;
    return out;
  }

  private error(context: string, contextMark: Mark | null, problem: string, problemMark?: Mark): never {
    throw new YamlSyntaxError(problem, context ? contextMark : null, problemMark ?? this.mark(), true);
  }

  // ---- token queue ------------------------------------------------------------------------

  /** The next token without consuming it. */
  peek(): Token {
    if (!this.tokenAvailable) this.fetchMoreTokens();
    return this.tokens[this.head]!;
  }

  /** Consumes the next token. */
  skipToken(): void {
    const t = this.tokens[this.head]!;
    this.tokenAvailable = false;
    this.tokensParsed++;
    if (t.type === T.StreamEnd) this.streamEndProduced = true;
    this.head++;
    if (this.head > 256 && this.head * 2 > this.tokens.length) {
      this.tokens = this.tokens.slice(this.head);
      this.head = 0;
    }
  }

  private insert(pos: number, t: Token): void {
    if (pos < 0) this.tokens.push(t);
    else this.tokens.splice(this.head + pos, 0, t);
  }

  private token(type: number, start: Mark, end: Mark, value = '', style = 0): Token {
    return { type, start, end, value, suffix: '', style, major: 0, minor: 0 };
  }

  private fetchMoreTokens(): void {
    for (;;) {
      if (this.head < this.tokens.length - 2) {
        const idx = this.simpleKeysByTok.get(this.tokensParsed);
        if (idx === undefined) break;
        if (!this.simpleKeyIsValid(this.simpleKeys[idx]!)) break;
      }
      if (this.streamEndProduced && this.head < this.tokens.length) break;
      if (this.tokens.length > 0 && this.tokens[this.tokens.length - 1]!.type === T.StreamEnd) break;
      this.fetchNextToken();
    }
    this.tokenAvailable = true;
  }

  private fetchNextToken(): void {
    if (!this.streamStartProduced) {
      this.fetchStreamStart();
      return;
    }
    this.scanToNextToken();
    this.unrollIndent(this.column);
    const c = this.ch();
    if (this.pos >= this.len) {
      this.fetchStreamEnd();
      return;
    }
    if (this.column === 0 && c === 37 /* % */) {
      this.fetchDirective();
      return;
    }
    if (this.column === 0 && c === 45 && this.ch(1) === 45 && this.ch(2) === 45 && isBlankz(this.ch(3))) {
      this.fetchDocumentIndicator(T.DocumentStart);
      return;
    }
    if (this.column === 0 && c === 46 && this.ch(1) === 46 && this.ch(2) === 46 && isBlankz(this.ch(3))) {
      this.fetchDocumentIndicator(T.DocumentEnd);
      return;
    }
    this.dispatch(c);
    const last = this.tokens[this.tokens.length - 1];
    if (last && last.type === T.BlockEntry) return;
    this.scanLineComment();
  }

  private dispatch(c: number): void {
    switch (c) {
      case 91: // [
        this.fetchFlowCollectionStart(T.FlowSequenceStart);
        return;
      case 123: // {
        this.fetchFlowCollectionStart(T.FlowMappingStart);
        return;
      case 93: // ]
        this.fetchFlowCollectionEnd(T.FlowSequenceEnd);
        return;
      case 125: // }
        this.fetchFlowCollectionEnd(T.FlowMappingEnd);
        return;
      case 44: // ,
        this.fetchFlowEntry();
        return;
    }
    if (c === 45 && isBlankz(this.ch(1))) {
      this.fetchBlockEntry();
      return;
    }
    if (c === 63 && (this.flowLevel > 0 || isBlankz(this.ch(1)))) {
      this.fetchKey();
      return;
    }
    if (c === 58 && (this.flowLevel > 0 || isBlankz(this.ch(1)))) {
      this.fetchValue();
      return;
    }
    switch (c) {
      case 42: // *
        this.fetchAnchor(T.Alias);
        return;
      case 38: // &
        this.fetchAnchor(T.Anchor);
        return;
      case 33: // !
        this.fetchTag();
        return;
      case 124: // |
        if (this.flowLevel === 0) {
          this.fetchBlockScalar(true);
          return;
        }
        break;
      case 62: // >
        if (this.flowLevel === 0) {
          this.fetchBlockScalar(false);
          return;
        }
        break;
      case 39: // '
        this.fetchFlowScalar(true);
        return;
      case 34: // "
        this.fetchFlowScalar(false);
        return;
    }
    const n = this.ch(1);
    if (
      !(
        isBlankz(c) ||
        c === 45 ||
        c === 63 ||
        c === 58 ||
        c === 44 ||
        c === 91 ||
        c === 93 ||
        c === 123 ||
        c === 125 ||
        c === 35 ||
        c === 38 ||
        c === 42 ||
        c === 33 ||
        c === 124 ||
        c === 62 ||
        c === 39 ||
        c === 34 ||
        c === 37 ||
        c === 64 ||
        c === 96
      ) ||
      (c === 45 && !isBlank(n)) ||
      (this.flowLevel === 0 && (c === 63 || c === 58) && !isBlankz(n))
    ) {
      this.fetchPlainScalar();
      return;
    }
    this.error(
      'while scanning for the next token',
      this.mark(),
      'found character that cannot start any token',
    );
  }

  // ---- simple keys and indentation --------------------------------------------------------

  private simpleKeyIsValid(sk: SimpleKey): boolean {
    if (!sk.possible) return false;
    if (sk.mark.line < this.line || sk.mark.index + 1024 < this.index) {
      if (sk.required) this.error('while scanning a simple key', sk.mark, "could not find expected ':'");
      sk.possible = false;
      return false;
    }
    return true;
  }

  private saveSimpleKey(): void {
    const required = this.flowLevel === 0 && this.indent === this.column;
    if (this.simpleKeyAllowed) {
      const sk: SimpleKey = {
        possible: true,
        required,
        tokenNumber: this.tokensParsed + (this.tokens.length - this.head),
        mark: this.mark(),
      };
      this.removeSimpleKey();
      this.simpleKeys[this.simpleKeys.length - 1] = sk;
      this.simpleKeysByTok.set(sk.tokenNumber, this.simpleKeys.length - 1);
    }
  }

  private removeSimpleKey(): void {
    const sk = this.simpleKeys[this.simpleKeys.length - 1]!;
    if (sk.possible) {
      if (sk.required) this.error('while scanning a simple key', sk.mark, "could not find expected ':'");
      sk.possible = false;
      this.simpleKeysByTok.delete(sk.tokenNumber);
    }
  }

  private increaseFlowLevel(): void {
    this.simpleKeys.push({
      possible: false,
      required: false,
      tokenNumber: this.tokensParsed + (this.tokens.length - this.head),
      mark: this.mark(),
    });
    this.flowLevel++;
    if (this.flowLevel > MAX_FLOW_LEVEL) {
      this.error(
        'while increasing flow level',
        this.simpleKeys[this.simpleKeys.length - 1]!.mark,
        `exceeded max depth of ${MAX_FLOW_LEVEL}`,
      );
    }
  }

  private decreaseFlowLevel(): void {
    if (this.flowLevel > 0) {
      this.flowLevel--;
      const last = this.simpleKeys.pop()!;
      this.simpleKeysByTok.delete(last.tokenNumber);
    }
  }

  private rollIndent(column: number, number: number, type: number, mark: Mark): void {
    if (this.flowLevel > 0) return;
    if (this.indent < column) {
      this.indents.push(this.indent);
      this.indent = column;
      if (this.indents.length > MAX_INDENTS) {
        this.error(
          'while increasing indent level',
          this.simpleKeys[this.simpleKeys.length - 1]!.mark,
          `exceeded max depth of ${MAX_INDENTS}`,
        );
      }
      const t = this.token(type, mark, mark);
      this.insert(number > -1 ? number - this.tokensParsed : -1, t);
    }
  }

  private unrollIndent(column: number): void {
    if (this.flowLevel > 0) return;
    while (this.indent > column) {
      const m = this.mark();
      this.insert(-1, this.token(T.BlockEnd, m, m));
      this.indent = this.indents.pop()!;
    }
  }

  // ---- fetchers ---------------------------------------------------------------------------

  private fetchStreamStart(): void {
    this.indent = -1;
    this.simpleKeys.push({ possible: false, required: false, tokenNumber: 0, mark: mk(0, 0, 0) });
    this.simpleKeyAllowed = true;
    this.streamStartProduced = true;
    const m = this.mark();
    this.insert(-1, this.token(T.StreamStart, m, m));
  }

  private fetchStreamEnd(): void {
    if (this.column !== 0) {
      this.column = 0;
      this.line++;
    }
    this.unrollIndent(-1);
    this.removeSimpleKey();
    this.simpleKeyAllowed = false;
    const m = this.mark();
    this.insert(-1, this.token(T.StreamEnd, m, m));
  }

  private fetchDirective(): void {
    this.unrollIndent(-1);
    this.removeSimpleKey();
    this.simpleKeyAllowed = false;
    this.insert(-1, this.scanDirective());
  }

  private fetchDocumentIndicator(type: number): void {
    this.unrollIndent(-1);
    this.removeSimpleKey();
    this.simpleKeyAllowed = false;
    const start = this.mark();
    this.skip();
    this.skip();
    this.skip();
    this.insert(-1, this.token(type, start, this.mark()));
  }

  private fetchFlowCollectionStart(type: number): void {
    this.saveSimpleKey();
    this.increaseFlowLevel();
    this.simpleKeyAllowed = true;
    const start = this.mark();
    this.skip();
    this.insert(-1, this.token(type, start, this.mark()));
  }

  private fetchFlowCollectionEnd(type: number): void {
    this.removeSimpleKey();
    this.decreaseFlowLevel();
    this.simpleKeyAllowed = false;
    const start = this.mark();
    this.skip();
    this.insert(-1, this.token(type, start, this.mark()));
  }

  private fetchFlowEntry(): void {
    this.removeSimpleKey();
    this.simpleKeyAllowed = true;
    const start = this.mark();
    this.skip();
    this.insert(-1, this.token(T.FlowEntry, start, this.mark()));
  }

  private fetchBlockEntry(): void {
    if (this.flowLevel === 0) {
      if (!this.simpleKeyAllowed) {
        this.error('', null, 'block sequence entries are not allowed in this context');
      }
      this.rollIndent(this.column, -1, T.BlockSequenceStart, this.mark());
    }
    this.removeSimpleKey();
    this.simpleKeyAllowed = true;
    const start = this.mark();
    this.skip();
    this.insert(-1, this.token(T.BlockEntry, start, this.mark()));
  }

  private fetchKey(): void {
    if (this.flowLevel === 0) {
      if (!this.simpleKeyAllowed) this.error('', null, 'mapping keys are not allowed in this context');
      this.rollIndent(this.column, -1, T.BlockMappingStart, this.mark());
    }
    this.removeSimpleKey();
    this.simpleKeyAllowed = this.flowLevel === 0;
    const start = this.mark();
    this.skip();
    this.insert(-1, this.token(T.Key, start, this.mark()));
  }

  private fetchValue(): void {
    const sk = this.simpleKeys[this.simpleKeys.length - 1]!;
    if (this.simpleKeyIsValid(sk)) {
      this.insert(sk.tokenNumber - this.tokensParsed, this.token(T.Key, sk.mark, sk.mark));
      this.rollIndent(sk.mark.column, sk.tokenNumber, T.BlockMappingStart, sk.mark);
      sk.possible = false;
      this.simpleKeysByTok.delete(sk.tokenNumber);
      this.simpleKeyAllowed = false;
    } else {
      if (this.flowLevel === 0) {
        if (!this.simpleKeyAllowed) this.error('', null, 'mapping values are not allowed in this context');
        this.rollIndent(this.column, -1, T.BlockMappingStart, this.mark());
      }
      this.simpleKeyAllowed = this.flowLevel === 0;
    }
    const start = this.mark();
    this.skip();
    this.insert(-1, this.token(T.Value, start, this.mark()));
  }

  private fetchAnchor(type: number): void {
    this.saveSimpleKey();
    this.simpleKeyAllowed = false;
    this.insert(-1, this.scanAnchor(type));
  }

  private fetchTag(): void {
    this.saveSimpleKey();
    this.simpleKeyAllowed = false;
    this.insert(-1, this.scanTag());
  }

  private fetchBlockScalar(literal: boolean): void {
    this.removeSimpleKey();
    this.simpleKeyAllowed = true;
    this.insert(-1, this.scanBlockScalar(literal));
  }

  private fetchFlowScalar(single: boolean): void {
    this.saveSimpleKey();
    this.simpleKeyAllowed = false;
    this.insert(-1, this.scanFlowScalar(single));
  }

  private fetchPlainScalar(): void {
    this.saveSimpleKey();
    this.simpleKeyAllowed = false;
    this.insert(-1, this.scanPlainScalar());
  }

  // ---- whitespace and comments ------------------------------------------------------------

  private scanToNextToken(): void {
    for (;;) {
      if (this.column === 0 && this.ch() === 0xfeff) this.skip();
      for (;;) {
        const c = this.ch();
        if (c === 32 || ((this.flowLevel > 0 || !this.simpleKeyAllowed) && c === 9)) this.skip();
        else break;
      }
      if (this.ch() === 35 /* # */) this.scanComments();
      if (isBreak(this.ch())) {
        this.skipLine();
        if (this.flowLevel === 0) this.simpleKeyAllowed = true;
      } else break;
    }
  }

  /** Skips a comment to the end of its line, then any following comment lines (v3 peeks ahead). */
  private scanComments(): void {
    for (;;) {
      this.skipToBreak();
      // Peek over blanks and line breaks (at most 512 characters) for another comment.
      let p = 0;
      let c = 0;
      while (p < 512) {
        c = this.ch(p);
        if (isBlank(c) || (isBreak(c) && this.pos + p < this.len)) {
          p++;
          continue;
        }
        break;
      }
      if (p >= 512 || c !== 35) return;
      // Advance to the '#', counting lines.
      const target = this.pos + p;
      while (this.pos < target) {
        if (isBreak(this.ch())) this.skipLine();
        else this.skip();
      }
    }
  }

  /** v3 consumes a comment on the rest of the token's line (after blanks, tabs included). */
  private scanLineComment(): void {
    if (this.newlines > 0) return;
    let p = 0;
    while (p < 512 && isBlank(this.ch(p))) p++;
    if (this.ch(p) !== 35) return;
    this.skipToBreak();
  }

  // ---- token scanners ---------------------------------------------------------------------

  private scanDirective(): Token {
    const start = this.mark();
    this.skip();
    let name = '';
    while (isAlpha(this.ch())) name += this.read();
    if (name === '') {
      this.error('while scanning a directive', start, 'could not find expected directive name');
    }
    if (!isBlankz(this.ch())) {
      this.error('while scanning a directive', start, 'found unexpected non-alphabetical character');
    }
    let t: Token;
    if (name === 'YAML') {
      while (isBlank(this.ch())) this.skip();
      const major = this.scanVersionNumber(start);
      if (this.ch() !== 46) {
        this.error('while scanning a %YAML directive', start, "did not find expected digit or '.' character");
      }
      this.skip();
      const minor = this.scanVersionNumber(start);
      t = this.token(T.VersionDirective, start, this.mark());
      t.major = major;
      t.minor = minor;
    } else if (name === 'TAG') {
      while (isBlank(this.ch())) this.skip();
      const handle = this.scanTagHandle(true, start);
      if (!isBlank(this.ch())) {
        this.error('while scanning a %TAG directive', start, 'did not find expected whitespace');
      }
      while (isBlank(this.ch())) this.skip();
      const prefix = this.scanTagUri(true, '', start);
      if (!isBlankz(this.ch())) {
        this.error(
          'while scanning a %TAG directive',
          start,
          'did not find expected whitespace or line break',
        );
      }
      t = this.token(T.TagDirective, start, this.mark(), handle);
      t.suffix = prefix;
    } else {
      this.error('while scanning a directive', start, 'found unknown directive name');
    }
    while (isBlank(this.ch())) this.skip();
    if (this.ch() === 35) this.skipToBreak();
    if (!isBreakz(this.ch())) {
      this.error('while scanning a directive', start, 'did not find expected comment or line break');
    }
    if (isBreak(this.ch())) this.skipLine();
    return t;
  }

  private scanVersionNumber(start: Mark): number {
    let value = 0;
    let length = 0;
    while (isDigit(this.ch())) {
      length++;
      if (length > 2)
        this.error('while scanning a %YAML directive', start, 'found extremely long version number');
      value = value * 10 + (this.ch() - 48);
      this.skip();
    }
    if (length === 0) {
      this.error('while scanning a %YAML directive', start, 'did not find expected version number');
    }
    return value;
  }

  private scanAnchor(type: number): Token {
    const start = this.mark();
    this.skip();
    let s = '';
    while (isAlpha(this.ch())) s += this.read();
    const end = this.mark();
    const c = this.ch();
    if (
      s === '' ||
      !(
        isBlankz(c) ||
        c === 63 ||
        c === 58 ||
        c === 44 ||
        c === 93 ||
        c === 125 ||
        c === 37 ||
        c === 64 ||
        c === 96
      )
    ) {
      this.error(
        type === T.Anchor ? 'while scanning an anchor' : 'while scanning an alias',
        start,
        'did not find expected alphabetic or numeric character',
      );
    }
    return this.token(type, start, end, s);
  }

  private scanTag(): Token {
    const start = this.mark();
    let handle = '';
    let suffix = '';
    if (this.ch(1) === 60 /* < */) {
      this.skip();
      this.skip();
      suffix = this.scanTagUri(false, '', start);
      if (this.ch() !== 62) this.error('while scanning a tag', start, "did not find the expected '>'");
      this.skip();
    } else {
      handle = this.scanTagHandle(false, start);
      if (handle.length > 1 && handle[0] === '!' && handle[handle.length - 1] === '!') {
        suffix = this.scanTagUri(false, '', start);
      } else {
        suffix = this.scanTagUri(false, handle, start);
        handle = '!';
        if (suffix === '') {
          suffix = handle;
          handle = '';
        }
      }
    }
    if (!isBlankz(this.ch())) {
      this.error('while scanning a tag', start, 'did not find expected whitespace or line break');
    }
    const t = this.token(T.Tag, start, this.mark(), handle);
    t.suffix = suffix;
    return t;
  }

  private scanTagHandle(directive: boolean, start: Mark): string {
    if (this.ch() !== 33) this.tagError(directive, start, "did not find expected '!'");
    let s = this.read();
    while (isAlpha(this.ch())) s += this.read();
    if (this.ch() === 33) s += this.read();
    else if (directive && s !== '!') this.tagError(directive, start, "did not find expected '!'");
    return s;
  }

  private scanTagUri(directive: boolean, head: string, start: Mark): string {
    let s = head.length > 1 ? head.slice(1) : '';
    let hasTag = head.length > 0;
    for (;;) {
      const c = this.ch();
      if (
        isAlpha(c) ||
        c === 59 ||
        c === 47 ||
        c === 63 ||
        c === 58 ||
        c === 64 ||
        c === 38 ||
        c === 61 ||
        c === 43 ||
        c === 36 ||
        c === 44 ||
        c === 46 ||
        c === 33 ||
        c === 126 ||
        c === 42 ||
        c === 39 ||
        c === 40 ||
        c === 41 ||
        c === 91 ||
        c === 93 ||
        c === 37
      ) {
        if (c === 37) s += this.scanUriEscapes(directive, start);
        else s += this.read();
        hasTag = true;
      } else break;
    }
    if (!hasTag) this.tagError(directive, start, 'did not find expected tag URI');
    return s;
  }

  private scanUriEscapes(directive: boolean, start: Mark): string {
    const bytes: number[] = [];
    let w = 1024;
    while (w > 0) {
      if (!(this.ch() === 37 && isHex(this.ch(1)) && isHex(this.ch(2)))) {
        this.tagError(directive, start, 'did not find URI escaped octet');
      }
      const octet = (asHex(this.ch(1)) << 4) + asHex(this.ch(2));
      if (w === 1024) {
        w =
          (octet & 0x80) === 0
            ? 1
            : (octet & 0xe0) === 0xc0
              ? 2
              : (octet & 0xf0) === 0xe0
                ? 3
                : (octet & 0xf8) === 0xf0
                  ? 4
                  : 0;
        if (w === 0) this.tagError(directive, start, 'found an incorrect leading UTF-8 octet');
      } else if ((octet & 0xc0) !== 0x80) {
        this.tagError(directive, start, 'found an incorrect trailing UTF-8 octet');
      }
      bytes.push(octet);
      this.skip();
      this.skip();
      this.skip();
      w--;
    }
    return Buffer.from(bytes).toString('utf8');
  }

  private tagError(directive: boolean, start: Mark, problem: string): never {
    this.error(directive ? 'while parsing a %TAG directive' : 'while parsing a tag', start, problem);
  }

  private scanBlockScalar(literal: boolean): Token {
    const start = this.mark();
    this.skip();
    let chomping = 0;
    let increment = 0;
    let c = this.ch();
    if (c === 43 || c === 45) {
      chomping = c === 43 ? 1 : -1;
      this.skip();
      if (isDigit(this.ch())) {
        if (this.ch() === 48) {
          this.error('while scanning a block scalar', start, 'found an indentation indicator equal to 0');
        }
        increment = this.ch() - 48;
        this.skip();
      }
    } else if (isDigit(c)) {
      if (c === 48)
        this.error('while scanning a block scalar', start, 'found an indentation indicator equal to 0');
      increment = c - 48;
      this.skip();
      c = this.ch();
      if (c === 43 || c === 45) {
        chomping = c === 43 ? 1 : -1;
        this.skip();
      }
    }
    while (isBlank(this.ch())) this.skip();
    if (this.ch() === 35) this.skipToBreak();
    if (!isBreakz(this.ch())) {
      this.error('while scanning a block scalar', start, 'did not find expected comment or line break');
    }
    if (isBreak(this.ch())) this.skipLine();
    let end = this.mark();
    let indent = 0;
    if (increment > 0) indent = this.indent >= 0 ? this.indent + increment : increment;

    const state = { indent, breaks: '', end };
    this.scanBlockScalarBreaks(state, start);
    indent = state.indent;
    let s = '';
    let leadingBreak = '';
    let leadingBlank = false;
    let trailingBlank = false;
    while (this.column === indent && this.pos < this.len) {
      trailingBlank = isBlank(this.ch());
      if (!literal && !leadingBlank && !trailingBlank && leadingBreak === '\n') {
        if (state.breaks.length === 0) s += ' ';
      } else {
        s += leadingBreak;
      }
      leadingBreak = '';
      s += state.breaks;
      state.breaks = '';
      leadingBlank = isBlank(this.ch());
      const from = this.pos;
      this.skipToBreak();
      s += this.src.slice(from, this.pos);
      if (this.pos > from) this.newlines = 0;
      leadingBreak = this.readLine();
      this.scanBlockScalarBreaks(state, start);
    }
    end = state.end;
    if (chomping !== -1) s += leadingBreak;
    if (chomping === 1) s += state.breaks;
    return this.token(T.Scalar, start, end, s, literal ? ScalarStyle.Literal : ScalarStyle.Folded);
  }

  private scanBlockScalarBreaks(state: { indent: number; breaks: string; end: Mark }, start: Mark): void {
    state.end = this.mark();
    let maxIndent = 0;
    for (;;) {
      while ((state.indent === 0 || this.column < state.indent) && this.ch() === 32) this.skip();
      if (this.column > maxIndent) maxIndent = this.column;
      if ((state.indent === 0 || this.column < state.indent) && this.ch() === 9) {
        this.error(
          'while scanning a block scalar',
          start,
          'found a tab character where an indentation space is expected',
        );
      }
      if (!isBreak(this.ch())) break;
      state.breaks += this.readLine();
      state.end = this.mark();
    }
    if (state.indent === 0) {
      state.indent = maxIndent;
      if (state.indent < this.indent + 1) state.indent = this.indent + 1;
      if (state.indent < 1) state.indent = 1;
    }
  }

  private scanFlowScalar(single: boolean): Token {
    const start = this.mark();
    this.skip();
    let s = '';
    let leadingBreak = '';
    let trailingBreaks = '';
    let whitespaces = '';
    for (;;) {
      const c0 = this.ch();
      if (
        this.column === 0 &&
        ((c0 === 45 && this.ch(1) === 45 && this.ch(2) === 45) ||
          (c0 === 46 && this.ch(1) === 46 && this.ch(2) === 46)) &&
        isBlankz(this.ch(3))
      ) {
        this.error('while scanning a quoted scalar', start, 'found unexpected document indicator');
      }
      if (this.pos >= this.len) {
        this.error('while scanning a quoted scalar', start, 'found unexpected end of stream');
      }
      let leadingBlanks = false;
      while (!isBlankz(this.ch())) {
        const c = this.ch();
        if (single && c === 39 && this.ch(1) === 39) {
          s += "'";
          this.skip();
          this.skip();
        } else if (single && c === 39) {
          break;
        } else if (!single && c === 34) {
          break;
        } else if (!single && c === 92 && isBreak(this.ch(1))) {
          this.skip();
          this.skipLine();
          leadingBlanks = true;
          break;
        } else if (!single && c === 92) {
          let codeLength = 0;
          switch (this.ch(1)) {
            case 48:
              s += '\0';
              break;
            case 97:
              s += '\x07';
              break;
            case 98:
              s += '\b';
              break;
            case 116:
            case 9:
              s += '\t';
              break;
            case 110:
              s += '\n';
              break;
            case 118:
              s += '\v';
              break;
            case 102:
              s += '\f';
              break;
            case 114:
              s += '\r';
              break;
            case 101:
              s += '\x1b';
              break;
            case 32:
              s += ' ';
              break;
            case 34:
              s += '"';
              break;
            case 39:
              s += "'";
              break;
            case 92:
              s += '\\';
              break;
            case 78:
              s += '\u0085';
              break;
            case 95:
              s += '\u00a0';
              break;
            case 76:
              s += '\u2028';
              break;
            case 80:
              s += '\u2029';
              break;
            case 120:
              codeLength = 2;
              break;
            case 117:
              codeLength = 4;
              break;
            case 85:
              codeLength = 8;
              break;
            default:
              this.error('while parsing a quoted scalar', start, 'found unknown escape character');
          }
          this.skip();
          this.skip();
          if (codeLength > 0) {
            let value = 0;
            for (let k = 0; k < codeLength; k++) {
              if (!isHex(this.ch(k))) {
                this.error('while parsing a quoted scalar', start, 'did not find expected hexdecimal number');
              }
              value = value * 16 + asHex(this.ch(k));
            }
            if ((value >= 0xd800 && value <= 0xdfff) || value > 0x10ffff) {
              this.error(
                'while parsing a quoted scalar',
                start,
                'found invalid Unicode character escape code',
              );
            }
            s += String.fromCodePoint(value);
            for (let k = 0; k < codeLength; k++) this.skip();
          }
        } else {
          s += this.read();
        }
      }
      const c1 = this.ch();
      if (single ? c1 === 39 : c1 === 34) break;
      for (;;) {
        const c = this.ch();
        if (isBlank(c)) {
          if (!leadingBlanks) whitespaces += this.read();
          else this.skip();
        } else if (isBreak(c)) {
          if (!leadingBlanks) {
            whitespaces = '';
            leadingBreak = this.readLine();
            leadingBlanks = true;
          } else {
            trailingBreaks += this.readLine();
          }
        } else break;
      }
      if (leadingBlanks) {
        if (leadingBreak.length > 0 && leadingBreak[0] === '\n') {
          s += trailingBreaks.length === 0 ? ' ' : trailingBreaks;
        } else {
          s += leadingBreak + trailingBreaks;
        }
        trailingBreaks = '';
        leadingBreak = '';
      } else {
        s += whitespaces;
        whitespaces = '';
      }
    }
    this.skip();
    return this.token(
      T.Scalar,
      start,
      this.mark(),
      s,
      single ? ScalarStyle.SingleQuoted : ScalarStyle.DoubleQuoted,
    );
  }

  private scanPlainScalar(): Token {
    let s = '';
    let leadingBreak = '';
    let trailingBreaks = '';
    let whitespaces = '';
    let leadingBlanks = false;
    const indent = this.indent + 1;
    const start = this.mark();
    // The end mark, kept as numbers until the token is made (one object per scalar, not per word).
    let endIndex = start.index;
    let endLine = start.line;
    let endColumn = start.column;
    const src = this.src;
    for (;;) {
      const c0 = this.ch();
      if (
        this.column === 0 &&
        ((c0 === 45 && this.ch(1) === 45 && this.ch(2) === 45) ||
          (c0 === 46 && this.ch(1) === 46 && this.ch(2) === 46)) &&
        isBlankz(this.ch(3))
      ) {
        break;
      }
      if (c0 === 35) break;
      while (!isBlankz(this.ch())) {
        const c = this.ch();
        if (
          (c === 58 && isBlankz(this.ch(1))) ||
          (this.flowLevel > 0 && (c === 44 || c === 63 || c === 91 || c === 93 || c === 123 || c === 125))
        ) {
          break;
        }
        if (leadingBlanks || whitespaces.length > 0) {
          if (leadingBlanks) {
            if (leadingBreak[0] === '\n') {
              s += trailingBreaks.length === 0 ? ' ' : trailingBreaks;
            } else {
              s += leadingBreak + trailingBreaks;
            }
            trailingBreaks = '';
            leadingBreak = '';
            leadingBlanks = false;
          } else {
            s += whitespaces;
            whitespaces = '';
          }
        }
        // Fast path: copy a run of ordinary characters.
        const from = this.pos;
        this.skip();
        // The run holds no blanks or breaks: advance pos/index/column in locals, store once.
        let p = this.pos;
        let n = 0;
        for (;;) {
          const d = p < this.len ? src.charCodeAt(p) : 0;
          if (
            d === 0 ||
            d === 32 ||
            d === 9 ||
            d === 10 ||
            d === 13 ||
            d === 58 ||
            d === 44 ||
            d === 63 ||
            d === 91 ||
            d === 93 ||
            d === 123 ||
            d === 125 ||
            d === 0x85 ||
            d === 0x2028 ||
            d === 0x2029
          ) {
            break;
          }
          p += d >= 0xd800 && d <= 0xdbff ? 2 : 1;
          n++;
        }
        this.pos = p;
        this.index += n;
        this.column += n;
        s += src.slice(from, this.pos);
        endIndex = this.index;
        endLine = this.line;
        endColumn = this.column;
      }
      const c2 = this.ch();
      if (!(isBlank(c2) || isBreak(c2))) break;
      for (;;) {
        const c = this.ch();
        if (isBlank(c)) {
          if (leadingBlanks && this.column < indent && c === 9) {
            this.error(
              'while scanning a plain scalar',
              start,
              'found a tab character that violates indentation',
            );
          }
          if (!leadingBlanks) whitespaces += this.read();
          else this.skip();
        } else if (isBreak(c)) {
          if (!leadingBlanks) {
            whitespaces = '';
            leadingBreak = this.readLine();
            leadingBlanks = true;
          } else {
            trailingBreaks += this.readLine();
          }
        } else break;
      }
      if (this.flowLevel === 0 && this.column < indent) break;
    }
    const t = this.token(T.Scalar, start, mk(endIndex, endLine, endColumn), s, ScalarStyle.Plain);
    if (leadingBlanks) this.simpleKeyAllowed = true;
    return t;
  }
}
