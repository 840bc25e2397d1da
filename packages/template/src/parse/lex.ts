/**
 * The lexer of Go's `text/template`: turns template text into items (text, delimiters, identifiers,
 * numbers, strings, ...). A faithful port of `text/template/parse/lex.go` (Go 1.23), pulled one item
 * at a time by the parser. Positions are UTF-16 offsets into the input; error positions are
 * converted to Go's byte columns where they are printed.
 *
 * @see https://github.com/golang/go/blob/go1.23.0/src/text/template/parse/lex.go
 * @internal
 */

/** Item kinds, in Go's order (keywords after {@link ItemType.Keyword}). */
export enum ItemType {
  Error = 0,
  Bool,
  Char,
  CharConstant,
  Comment,
  Complex,
  Assign,
  Declare,
  EOF,
  Field,
  Identifier,
  LeftDelim,
  LeftParen,
  Number,
  Pipe,
  RawString,
  RightDelim,
  RightParen,
  Space,
  String,
  Text,
  Variable,
  Keyword,
  Block,
  Break,
  Continue,
  Dot,
  Define,
  Else,
  End,
  If,
  Nil,
  Range,
  Template,
  With,
}

/** One lexed token. `pos` is a UTF-16 offset, `line` 1-based. */
export interface Item {
  typ: ItemType;
  pos: number;
  val: string;
  line: number;
}

/** Go's `key` table: the keyword item of an identifier, or undefined (`.` is lexed as Dot elsewhere). */
function keywordOf(word: string): ItemType | undefined {
  switch (word) {
    case 'block':
      return ItemType.Block;
    case 'break':
      return ItemType.Break;
    case 'continue':
      return ItemType.Continue;
    case 'define':
      return ItemType.Define;
    case 'else':
      return ItemType.Else;
    case 'end':
      return ItemType.End;
    case 'if':
      return ItemType.If;
    case 'range':
      return ItemType.Range;
    case 'nil':
      return ItemType.Nil;
    case 'template':
      return ItemType.Template;
    case 'with':
      return ItemType.With;
    default:
      return undefined;
  }
}

const EOF = -1;
/** {@link Lexer.atRightDelim} results. */
const NO_DELIM = 0;
const DELIM = 1;
const TRIM_DELIM = 2;
const LEFT_COMMENT = '/*';
const RIGHT_COMMENT = '*/';

/** Go's `item.String()`, used in parse error messages (`unexpected "x" in command`). */
export function itemString(i: Item): string {
  if (i.typ === ItemType.EOF) return 'EOF';
  if (i.typ === ItemType.Error) return i.val;
  if (i.typ > ItemType.Keyword) return `<${i.val}>`;
  if (runeCount(i.val) > 10) return `${goQuotePrefix(i.val, 10)}...`;
  return goQuote(i.val);
}

function runeCount(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}

/** `%.10q`: quotes the first `n` runes. */
function goQuotePrefix(s: string, n: number): string {
  let out = '';
  let k = 0;
  for (const ch of s) {
    if (k++ >= n) break;
    out += ch;
  }
  return goQuote(out);
}

import { goQuote } from '../fmt/quote.js';

function isSpace(r: number): boolean {
  return r === 0x20 || r === 0x09 || r === 0x0d || r === 0x0a;
}

const LETTER_OR_DIGIT = /^[\p{L}\p{Nd}_]$/u;

/** Go's `isAlphaNumeric`: `_`, `unicode.IsLetter` or `unicode.IsDigit`. */
export function isAlphaNumeric(r: number): boolean {
  if (r < 0x80) {
    return r === 0x5f || (r >= 0x30 && r <= 0x39) || (r >= 0x41 && r <= 0x5a) || (r >= 0x61 && r <= 0x7a);
  }
  if (r < 0) return false;
  return LETTER_OR_DIGIT.test(String.fromCodePoint(r));
}

/** `%#U` of a rune: `U+0041 'A'`. */
export function formatRuneU(r: number): string {
  const hex = r.toString(16).toUpperCase().padStart(4, '0');
  if (r >= 0 && isPrintRune(r)) return `U+${hex} '${String.fromCodePoint(r)}'`;
  return `U+${hex}`;
}

const PRINT_RE = /^[\p{L}\p{M}\p{N}\p{P}\p{S} ]$/u;
/** Go's `unicode.IsPrint` (letters, marks, numbers, punctuation, symbols and ASCII space). */
export function isPrintRune(r: number): boolean {
  if (r < 0x20) return false;
  if (r < 0x7f) return true;
  if (r < 0xa0) return false;
  if (r > 0x10ffff || (r >= 0xd800 && r <= 0xdfff)) return false;
  return PRINT_RE.test(String.fromCodePoint(r));
}

/** Options the parser hands the lexer. */
export interface LexOptions {
  emitComment: boolean;
  breakOK: boolean;
  continueOK: boolean;
}

type StateFn = ((l: Lexer) => StateFn) | null;

/** The scanner state. */
export class Lexer {
  input: string;
  readonly leftDelim: string;
  readonly rightDelim: string;
  pos = 0;
  start = 0;
  atEOF = false;
  parenDepth = 0;
  line = 1;
  startLine = 1;
  item: Item = { typ: ItemType.EOF, pos: 0, val: 'EOF', line: 1 };
  insideAction = false;
  options: LexOptions = { emitComment: false, breakOK: true, continueOK: true };
  /** Width (UTF-16 units) of the last rune read by next(), for backup(). */
  private lastWidth = 0;

  constructor(input: string, left: string, right: string) {
    this.input = input;
    this.leftDelim = left || '{{';
    this.rightDelim = right || '}}';
  }

  next(): number {
    if (this.pos >= this.input.length) {
      this.atEOF = true;
      this.lastWidth = 0;
      return EOF;
    }
    const r = this.input.codePointAt(this.pos)!;
    const w = r > 0xffff ? 2 : 1;
    this.pos += w;
    this.lastWidth = w;
    if (r === 0x0a) this.line++;
    return r;
  }

  peek(): number {
    if (this.pos >= this.input.length) return EOF;
    return this.input.codePointAt(this.pos)!;
  }

  backup(): void {
    if (!this.atEOF && this.pos > 0) {
      // Step back one code point.
      let w = 1;
      const c = this.input.charCodeAt(this.pos - 1);
      if (c >= 0xdc00 && c <= 0xdfff && this.pos >= 2) {
        const h = this.input.charCodeAt(this.pos - 2);
        if (h >= 0xd800 && h <= 0xdbff) w = 2;
      }
      this.pos -= w;
      if (c === 0x0a) this.line--;
    }
  }

  thisItem(t: ItemType): Item {
    const i: Item = {
      typ: t,
      pos: this.start,
      val: this.input.slice(this.start, this.pos),
      line: this.startLine,
    };
    this.start = this.pos;
    this.startLine = this.line;
    return i;
  }

  emit(t: ItemType): StateFn {
    this.item = this.thisItem(t);
    return null;
  }

  emitItem(i: Item): StateFn {
    this.item = i;
    return null;
  }

  ignore(): void {
    this.line += countNewlines(this.input, this.start, this.pos);
    this.start = this.pos;
    this.startLine = this.line;
  }

  accept(valid: string): boolean {
    const r = this.next();
    if (r !== EOF && valid.includes(String.fromCodePoint(r))) return true;
    this.backup();
    return false;
  }

  acceptRun(valid: string): void {
    for (;;) {
      const r = this.next();
      if (r === EOF || !valid.includes(String.fromCodePoint(r))) break;
    }
    this.backup();
  }

  errorf(msg: string): StateFn {
    this.item = { typ: ItemType.Error, pos: this.start, val: msg, line: this.startLine };
    this.start = 0;
    this.pos = 0;
    this.input = '';
    return null;
  }

  nextItem(): Item {
    // Every state that stops the loop (emit, emitItem, errorf) has set this.item.
    let state: StateFn = this.insideAction ? lexInsideAction : lexText;
    while (state !== null) state = state(this);
    return this.item;
  }

  /** Whether the input at pos is a right delimiter: {@link NO_DELIM}, {@link DELIM} or {@link TRIM_DELIM} (` -}}`). */
  atRightDelim(): number {
    const s = this.input;
    const p = this.pos;
    if (hasRightTrimMarker(s, p) && s.startsWith(this.rightDelim, p + 2)) return TRIM_DELIM;
    if (s.startsWith(this.rightDelim, p)) return DELIM;
    return NO_DELIM;
  }

  atTerminator(): boolean {
    const r = this.peek();
    if (isSpace(r)) return true;
    switch (r) {
      case EOF:
      case 0x2e: // .
      case 0x2c: // ,
      case 0x7c: // |
      case 0x3a: // :
      case 0x29: // )
      case 0x28: // (
        return true;
    }
    return this.input.startsWith(this.rightDelim, this.pos);
  }

  /** Width of the last rune read (for errors that quote it). */
  get lastRuneWidth(): number {
    return this.lastWidth;
  }
}

function countNewlines(s: string, from: number, to: number): number {
  let n = 0;
  for (let i = s.indexOf('\n', from); i >= 0 && i < to; i = s.indexOf('\n', i + 1)) n++;
  return n;
}

function hasLeftTrimMarker(s: string, at: number): boolean {
  return s.length - at >= 2 && s.charCodeAt(at) === 0x2d && isSpace(s.charCodeAt(at + 1));
}

function hasRightTrimMarker(s: string, at: number): boolean {
  return s.length - at >= 2 && isSpace(s.charCodeAt(at)) && s.charCodeAt(at + 1) === 0x2d;
}

function rightTrimLength(s: string, from: number, to: number): number {
  let i = to;
  while (i > from && isSpace(s.charCodeAt(i - 1))) i--;
  return to - i;
}

function leftTrimLength(s: string, from: number): number {
  let i = from;
  while (i < s.length && isSpace(s.charCodeAt(i))) i++;
  return i - from;
}

function lexText(l: Lexer): StateFn {
  const x = l.input.indexOf(l.leftDelim, l.pos);
  if (x >= 0) {
    if (x > l.pos) {
      l.pos = x;
      let trimLength = 0;
      const delimEnd = l.pos + l.leftDelim.length;
      if (hasLeftTrimMarker(l.input, delimEnd)) trimLength = rightTrimLength(l.input, l.start, l.pos);
      l.pos -= trimLength;
      l.line += countNewlines(l.input, l.start, l.pos);
      const i = l.thisItem(ItemType.Text);
      l.pos += trimLength;
      l.ignore();
      if (i.val.length > 0) return l.emitItem(i);
    }
    return lexLeftDelim;
  }
  l.pos = l.input.length;
  if (l.pos > l.start) {
    l.line += countNewlines(l.input, l.start, l.pos);
    return l.emit(ItemType.Text);
  }
  return l.emit(ItemType.EOF);
}

function lexLeftDelim(l: Lexer): StateFn {
  l.pos += l.leftDelim.length;
  const trimSpace = hasLeftTrimMarker(l.input, l.pos);
  const afterMarker = trimSpace ? 2 : 0;
  if (l.input.startsWith(LEFT_COMMENT, l.pos + afterMarker)) {
    l.pos += afterMarker;
    l.ignore();
    return lexComment;
  }
  const i = l.thisItem(ItemType.LeftDelim);
  l.insideAction = true;
  l.pos += afterMarker;
  l.ignore();
  l.parenDepth = 0;
  return l.emitItem(i);
}

function lexComment(l: Lexer): StateFn {
  l.pos += LEFT_COMMENT.length;
  const x = l.input.indexOf(RIGHT_COMMENT, l.pos);
  if (x < 0) return l.errorf('unclosed comment');
  l.pos = x + RIGHT_COMMENT.length;
  const delim = l.atRightDelim();
  if (delim === NO_DELIM) return l.errorf('comment ends before closing delimiter');
  const trimSpace = delim === TRIM_DELIM;
  const i = l.thisItem(ItemType.Comment);
  if (trimSpace) l.pos += 2;
  l.pos += l.rightDelim.length;
  if (trimSpace) l.pos += leftTrimLength(l.input, l.pos);
  l.ignore();
  if (l.options.emitComment) return l.emitItem(i);
  return lexText;
}

function lexRightDelim(l: Lexer): StateFn {
  const trimSpace = l.atRightDelim() === TRIM_DELIM;
  if (trimSpace) {
    l.pos += 2;
    l.ignore();
  }
  l.pos += l.rightDelim.length;
  const i = l.thisItem(ItemType.RightDelim);
  if (trimSpace) {
    l.pos += leftTrimLength(l.input, l.pos);
    l.ignore();
  }
  l.insideAction = false;
  return l.emitItem(i);
}

function lexInsideAction(l: Lexer): StateFn {
  if (l.atRightDelim() !== NO_DELIM) {
    if (l.parenDepth === 0) return lexRightDelim;
    return l.errorf('unclosed left paren');
  }
  const r = l.next();
  if (r === EOF) return l.errorf('unclosed action');
  if (isSpace(r)) {
    l.backup();
    return lexSpace;
  }
  switch (r) {
    case 0x3d: // =
      return l.emit(ItemType.Assign);
    case 0x3a: // :
      if (l.next() !== 0x3d) return l.errorf('expected :=');
      return l.emit(ItemType.Declare);
    case 0x7c: // |
      return l.emit(ItemType.Pipe);
    case 0x22: // "
      return lexQuote;
    case 0x60: // `
      return lexRawQuote;
    case 0x24: // $
      return lexVariable;
    case 0x27: // '
      return lexChar;
    case 0x28: // (
      l.parenDepth++;
      return l.emit(ItemType.LeftParen);
    case 0x29: // )
      l.parenDepth--;
      if (l.parenDepth < 0) return l.errorf('unexpected right paren');
      return l.emit(ItemType.RightParen);
  }
  if (r === 0x2e) {
    // special look-ahead for ".field" so we don't break l.backup().
    if (l.pos < l.input.length) {
      const c = l.input.charCodeAt(l.pos);
      if (c < 0x30 || c > 0x39) return lexField;
    }
    l.backup();
    return lexNumber;
  }
  if (r === 0x2b || r === 0x2d || (r >= 0x30 && r <= 0x39)) {
    l.backup();
    return lexNumber;
  }
  if (isAlphaNumeric(r)) {
    l.backup();
    return lexIdentifier;
  }
  if (r <= 0x7f && isPrintRune(r)) return l.emit(ItemType.Char);
  return l.errorf(`unrecognized character in action: ${formatRuneU(r)}`);
}

function lexSpace(l: Lexer): StateFn {
  // Spaces are single UTF-16 units: scan them in place (what peek/next would do, line count included).
  const s = l.input;
  let p = l.pos;
  let numSpaces = 0;
  while (p < s.length) {
    const c = s.charCodeAt(p);
    if (!isSpace(c)) break;
    if (c === 0x0a) l.line++;
    p++;
    numSpaces++;
  }
  l.pos = p;
  if (hasRightTrimMarker(l.input, l.pos - 1) && l.input.startsWith(l.rightDelim, l.pos - 1 + 2)) {
    l.backup();
    if (numSpaces === 1) return lexRightDelim;
  }
  return l.emit(ItemType.Space);
}

function lexIdentifier(l: Lexer): StateFn {
  for (;;) {
    const r = l.next();
    if (isAlphaNumeric(r)) continue;
    l.backup();
    const word = l.input.slice(l.start, l.pos);
    if (!l.atTerminator()) return l.errorf(`bad character ${formatRuneU(r)}`);
    const kw = keywordOf(word);
    if (kw !== undefined) {
      if (
        (kw === ItemType.Break && !l.options.breakOK) ||
        (kw === ItemType.Continue && !l.options.continueOK)
      ) {
        return l.emit(ItemType.Identifier);
      }
      return l.emit(kw);
    }
    if (word[0] === '.') return l.emit(ItemType.Field);
    if (word === 'true' || word === 'false') return l.emit(ItemType.Bool);
    return l.emit(ItemType.Identifier);
  }
}

function lexField(l: Lexer): StateFn {
  return lexFieldOrVariable(l, ItemType.Field);
}

function lexVariable(l: Lexer): StateFn {
  if (l.atTerminator()) return l.emit(ItemType.Variable);
  return lexFieldOrVariable(l, ItemType.Variable);
}

function lexFieldOrVariable(l: Lexer, typ: ItemType): StateFn {
  if (l.atTerminator()) {
    if (typ === ItemType.Variable) return l.emit(ItemType.Variable);
    return l.emit(ItemType.Dot);
  }
  let r: number;
  for (;;) {
    r = l.next();
    if (!isAlphaNumeric(r)) {
      l.backup();
      break;
    }
  }
  if (!l.atTerminator()) return l.errorf(`bad character ${formatRuneU(r)}`);
  return l.emit(typ);
}

function lexChar(l: Lexer): StateFn {
  for (;;) {
    const r = l.next();
    if (r === 0x5c) {
      const r2 = l.next();
      if (r2 !== EOF && r2 !== 0x0a) continue;
      return l.errorf('unterminated character constant');
    }
    if (r === EOF || r === 0x0a) return l.errorf('unterminated character constant');
    if (r === 0x27) break;
  }
  return l.emit(ItemType.CharConstant);
}

function lexNumber(l: Lexer): StateFn {
  if (!scanNumber(l)) return l.errorf(`bad number syntax: ${goQuote(l.input.slice(l.start, l.pos))}`);
  const sign = l.peek();
  if (sign === 0x2b || sign === 0x2d) {
    if (!scanNumber(l) || l.input[l.pos - 1] !== 'i') {
      return l.errorf(`bad number syntax: ${goQuote(l.input.slice(l.start, l.pos))}`);
    }
    return l.emit(ItemType.Complex);
  }
  return l.emit(ItemType.Number);
}

function scanNumber(l: Lexer): boolean {
  l.accept('+-');
  let digits = '0123456789_';
  if (l.accept('0')) {
    if (l.accept('xX')) digits = '0123456789abcdefABCDEF_';
    else if (l.accept('oO')) digits = '01234567_';
    else if (l.accept('bB')) digits = '01_';
  }
  l.acceptRun(digits);
  if (l.accept('.')) l.acceptRun(digits);
  if (digits.length === 11 && l.accept('eE')) {
    l.accept('+-');
    l.acceptRun('0123456789_');
  }
  if (digits.length === 23 && l.accept('pP')) {
    l.accept('+-');
    l.acceptRun('0123456789_');
  }
  l.accept('i');
  if (isAlphaNumeric(l.peek())) {
    l.next();
    return false;
  }
  return true;
}

function lexQuote(l: Lexer): StateFn {
  for (;;) {
    const r = l.next();
    if (r === 0x5c) {
      const r2 = l.next();
      if (r2 !== EOF && r2 !== 0x0a) continue;
      return l.errorf('unterminated quoted string');
    }
    if (r === EOF || r === 0x0a) return l.errorf('unterminated quoted string');
    if (r === 0x22) break;
  }
  return l.emit(ItemType.String);
}

function lexRawQuote(l: Lexer): StateFn {
  for (;;) {
    const r = l.next();
    if (r === EOF) return l.errorf('unterminated raw quoted string');
    if (r === 0x60) break;
  }
  return l.emit(ItemType.RawString);
}
