/**
 * The lexer of Go's `text/template`: turns template text into items (text, delimiters, identifiers,
 * numbers, strings, ...). Behaves exactly as `text/template/parse/lex.go` (Go 1.23) — same items,
 * positions, lines and error texts — but is written as one char-code scanner per call instead of
 * state functions, and writes each item into a caller-owned {@link Tok} instead of allocating one:
 * the parser pulls one item at a time and slices a value out of the text only where it needs one.
 * Positions are UTF-16 offsets into the input; error positions are converted to Go's byte columns
 * where they are printed.
 *
 * @see https://github.com/golang/go/blob/go1.23.0/src/text/template/parse/lex.go
 * @internal
 */

import { goQuote } from '../fmt/quote.js';

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

/**
 * One lexed item, overwritten in place by {@link Lexer.lex}: its value is `text.slice(pos, end)`
 * (for {@link ItemType.Error}, {@link Lexer.errMsg}). `pos`/`end` are UTF-16 offsets; the item's
 * line is {@link Lexer.lineAt}(`pos`).
 */
export class Tok {
  typ: ItemType = ItemType.EOF;
  pos = 0;
  end = 0;
  /**
   * Spaces come before this item inside the action. Go emits them as an `itemSpace` item of their
   * own; this lexer skips them (they are half of an action's items) and the parser reads this flag
   * where Go's parser looks for a space item.
   */
  space = false;
  /** Where those spaces start (when {@link Tok.space}). */
  spacePos = 0;

  /** Copies `o` into this token. */
  set(o: Tok): void {
    this.typ = o.typ;
    this.pos = o.pos;
    this.end = o.end;
    this.space = o.space;
    this.spacePos = o.spacePos;
  }
}

/**
 * Go's `key` table plus `true`/`false`: the item of the word `s[from:to]` (a keyword, {@link ItemType.Bool}),
 * or {@link ItemType.Identifier}. Compares in place, without slicing the word out.
 */
function wordType(s: string, from: number, to: number): ItemType {
  switch (to - from) {
    case 2:
      if (s.startsWith('if', from)) return ItemType.If;
      break;
    case 3:
      if (s.startsWith('end', from)) return ItemType.End;
      if (s.startsWith('nil', from)) return ItemType.Nil;
      break;
    case 4:
      if (s.startsWith('else', from)) return ItemType.Else;
      if (s.startsWith('with', from)) return ItemType.With;
      if (s.startsWith('true', from)) return ItemType.Bool;
      break;
    case 5:
      if (s.startsWith('range', from)) return ItemType.Range;
      if (s.startsWith('block', from)) return ItemType.Block;
      if (s.startsWith('break', from)) return ItemType.Break;
      if (s.startsWith('false', from)) return ItemType.Bool;
      break;
    case 6:
      if (s.startsWith('define', from)) return ItemType.Define;
      break;
    case 8:
      if (s.startsWith('template', from)) return ItemType.Template;
      if (s.startsWith('continue', from)) return ItemType.Continue;
      break;
  }
  return ItemType.Identifier;
}

/** {@link Lexer.atRightDelim} results. */
const NO_DELIM = 0;
const DELIM = 1;
const TRIM_DELIM = 2;

/** Go's `item.String()` of an item of type `typ` and value `val`, used in parse error messages. */
export function itemString(typ: ItemType, val: string): string {
  if (typ === ItemType.EOF) return 'EOF';
  if (typ === ItemType.Error) return val;
  if (typ > ItemType.Keyword) return `<${val}>`;
  if (runeCount(val) > 10) return `${goQuotePrefix(val, 10)}...`;
  return goQuote(val);
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

/** Go's `atTerminator` characters below 0x80 (space, `.`, `,`, `|`, `:`, `(`, `)`): 1, else 0. */
const TERMINATOR = new Uint8Array(128);
for (const c of ' \t\r\n.,|:()') TERMINATOR[c.charCodeAt(0)] = 1;

/** ASCII letters, digits and `_`: 1, else 0 (other runes go through {@link isAlphaNumeric}). */
const ASCII_ALNUM = new Uint8Array(128);
for (let c = 0; c < 128; c++) ASCII_ALNUM[c] = isAlphaNumeric(c) ? 1 : 0;

/**
 * The scanner state. Go's state functions become the private methods below, called directly; the
 * common items (delimiters, spaces, fields, identifiers) are scanned inline in
 * {@link Lexer.lexInsideAction}.
 */
export class Lexer {
  /** The text being scanned (emptied after an error, as Go does). */
  private input: string;
  /** The text as given (for {@link Lexer.lineAt} after an error emptied {@link Lexer.input}). */
  private readonly text: string;
  private readonly leftDelim: string;
  private readonly rightDelim: string;
  /** First char code of {@link Lexer.rightDelim}. */
  private readonly rightDelim0: number;
  /** A delimiter holds a newline (Go does not count those, see {@link Lexer.lineAt}). */
  private readonly delimNewline: boolean;
  /** Current position. */
  private pos = 0;
  /** Start of the item being scanned. */
  private start = 0;
  /**
   * Newlines Go's lexer does not count (inside comments, and inside delimiters of actions): pairs
   * of (position after them, how many), in position order. Empty for almost every template.
   */
  private uncounted: number[] = [];
  private parenDepth = 0;
  private insideAction = false;
  /** Emit {@link ItemType.Comment} items. */
  emitComment = false;
  /** `break` is a keyword (no function of that name). */
  breakOK = true;
  /** `continue` is a keyword (no function of that name). */
  continueOK = true;
  /** The message of the last {@link ItemType.Error} item. */
  errMsg = '';

  constructor(input: string, left: string, right: string) {
    this.input = input;
    this.text = input;
    this.leftDelim = left || '{{';
    this.rightDelim = right || '}}';
    this.rightDelim0 = this.rightDelim.charCodeAt(0);
    this.delimNewline = this.leftDelim.includes('\n') || this.rightDelim.includes('\n');
  }

  /**
   * Go's `item.line` of an item that starts at `pos`: 1 + the newlines before it, less those Go's
   * lexer skips without counting (in comments, whose end it jumps to, and in the delimiters of
   * actions, which it steps over).
   */
  lineAt(pos: number): number {
    const s = this.text;
    let line = 1;
    for (let i = s.indexOf('\n'); i >= 0 && i < pos; i = s.indexOf('\n', i + 1)) line++;
    const u = this.uncounted;
    for (let k = 0; k < u.length && u[k]! <= pos; k += 2) line -= u[k + 1]!;
    return line;
  }

  /** Records the newlines of `input[from:to]`, which Go's lexer steps over without counting. */
  private skipNewlines(from: number, to: number): void {
    const s = this.input;
    let i = s.indexOf('\n', from);
    if (i < 0 || i >= to) return;
    let n = 0;
    for (; i >= 0 && i < to; i = s.indexOf('\n', i + 1)) n++;
    this.uncounted.push(to, n);
  }

  /** Scans the next item into `t` (Go's `nextItem`). */
  lex(t: Tok): void {
    t.space = false;
    if (this.insideAction) this.lexInsideAction(t);
    else this.lexText(t);
  }

  /** Go's `thisItem` + `emit`: the item `[start, pos)`, then the next one starts at pos. */
  private emit(t: Tok, typ: ItemType): void {
    t.typ = typ;
    t.pos = this.start;
    t.end = this.pos;
    this.start = this.pos;
  }

  private errorf(t: Tok, msg: string): void {
    t.typ = ItemType.Error;
    t.pos = this.start;
    t.end = this.start;
    this.errMsg = msg;
    this.start = 0;
    this.pos = 0;
    this.input = '';
  }

  /** Whether the input at pos is a right delimiter: {@link NO_DELIM}, {@link DELIM} or {@link TRIM_DELIM} (` -}}`). */
  private atRightDelim(): number {
    const s = this.input;
    const p = this.pos;
    const c = s.charCodeAt(p);
    if (isSpace(c) && s.charCodeAt(p + 1) === 0x2d && s.startsWith(this.rightDelim, p + 2)) return TRIM_DELIM;
    if (c === this.rightDelim0 && s.startsWith(this.rightDelim, p)) return DELIM;
    return NO_DELIM;
  }

  /** Go's `atTerminator`: whether the rune at pos can end a word. */
  private atTerminator(): boolean {
    const s = this.input;
    const p = this.pos;
    if (p >= s.length) return true;
    const c = s.charCodeAt(p);
    if (c < 0x80 && TERMINATOR[c] === 1) return true;
    return c === this.rightDelim0 && s.startsWith(this.rightDelim, p);
  }

  /** Go's `lexText` (and `lexLeftDelim`/`lexComment`, which it leads to). */
  private lexText(t: Tok): void {
    const s = this.input;
    for (;;) {
      const x = s.indexOf(this.leftDelim, this.pos);
      if (x < 0) {
        this.pos = s.length;
        this.emit(t, this.pos > this.start ? ItemType.Text : ItemType.EOF);
        return;
      }
      if (x > this.pos) {
        let trimLength = 0;
        if (hasLeftTrimMarker(s, x + this.leftDelim.length)) trimLength = rightTrimLength(s, this.start, x);
        const from = this.start;
        this.start = this.pos = x;
        if (x - trimLength > from) {
          t.typ = ItemType.Text;
          t.pos = from;
          t.end = x - trimLength;
          return;
        }
      }
      // lexLeftDelim
      this.pos = x + this.leftDelim.length;
      const afterMarker = hasLeftTrimMarker(s, this.pos) ? 2 : 0;
      if (
        s.charCodeAt(this.pos + afterMarker) === 0x2f &&
        s.charCodeAt(this.pos + afterMarker + 1) === 0x2a
      ) {
        this.pos += afterMarker;
        this.start = this.pos;
        if (!this.lexComment(t)) return;
        continue;
      }
      if (this.delimNewline) this.skipNewlines(x, this.pos);
      this.emit(t, ItemType.LeftDelim);
      this.insideAction = true;
      this.pos += afterMarker;
      this.start = this.pos;
      this.parenDepth = 0;
      return;
    }
  }

  /** Go's `lexComment`, at `/*`. Returns true when the comment was skipped (scan on as text). */
  private lexComment(t: Tok): boolean {
    const s = this.input;
    const x = s.indexOf('*/', this.pos + 2);
    if (x < 0) {
      this.errorf(t, 'unclosed comment');
      return false;
    }
    this.pos = x + 2;
    const delim = this.atRightDelim();
    if (delim === NO_DELIM) {
      this.errorf(t, 'comment ends before closing delimiter');
      return false;
    }
    const from = this.start;
    const to = this.pos;
    this.skipNewlines(from, to);
    this.start = this.pos;
    if (delim === TRIM_DELIM) this.pos += 2;
    this.pos += this.rightDelim.length;
    if (delim === TRIM_DELIM) this.pos += leftTrimLength(s, this.pos);
    this.start = this.pos;
    if (!this.emitComment) return true;
    t.typ = ItemType.Comment;
    t.pos = from;
    t.end = to;
    return false;
  }

  /** Go's `lexRightDelim`, at the delimiter (or at ` -` before it when `trimSpace`). */
  private lexRightDelim(t: Tok, trimSpace: boolean): void {
    if (trimSpace) this.start = this.pos += 2;
    const from = this.pos;
    this.pos += this.rightDelim.length;
    if (this.delimNewline) this.skipNewlines(from, this.pos);
    this.emit(t, ItemType.RightDelim);
    if (trimSpace) this.start = this.pos += leftTrimLength(this.input, this.pos);
    this.insideAction = false;
  }

  /**
   * Go's `lexInsideAction` and the states it leads to; right delimiters, spaces, fields,
   * variables and identifiers are scanned here without further calls.
   */
  private lexInsideAction(t: Tok): void {
    for (;;) {
      const s = this.input;
      const p = this.pos;
      const c = s.charCodeAt(p);
      // Go's atRightDelim: ` -}}` or `}}`.
      const trim =
        c <= 0x20 && isSpace(c) && s.charCodeAt(p + 1) === 0x2d && s.startsWith(this.rightDelim, p + 2);
      if (trim || (c === this.rightDelim0 && s.startsWith(this.rightDelim, p))) {
        if (this.parenDepth === 0) this.lexRightDelim(t, trim);
        else this.errorf(t, 'unclosed left paren');
        return;
      }
      if (p >= s.length) {
        this.errorf(t, 'unclosed action');
        return;
      }
      switch (c) {
        case 0x20:
        case 0x09:
        case 0x0d:
        case 0x0a: {
          // Go's lexSpace: a run of spaces, stopping before ` -}}`, skipped.
          let q = p + 1;
          for (;;) {
            const d = s.charCodeAt(q);
            if (d !== 0x20 && d !== 0x09 && d !== 0x0d && d !== 0x0a) break;
            q++;
          }
          if (s.charCodeAt(q) === 0x2d && s.startsWith(this.rightDelim, q + 1)) {
            this.pos = q - 1; // before the space
            if (q - p === 1) {
              this.lexRightDelim(t, true);
              return;
            }
          } else this.pos = q;
          // Go emits the spaces as an item; here the next item notes them (Tok.space).
          this.start = this.pos;
          t.space = true;
          t.spacePos = p;
          continue;
        }
        case 0x2e: {
          // special look-ahead for ".field" so we don't break l.backup().
          const d = s.charCodeAt(p + 1);
          if (p + 1 < s.length && !(d >= 0x30 && d <= 0x39)) {
            this.pos = p + 1;
            this.lexFieldOrVariable(t, ItemType.Field);
            return;
          }
          this.lexNumber(t);
          return;
        }
        case 0x24: // $
          this.pos = p + 1;
          this.lexFieldOrVariable(t, ItemType.Variable);
          return;
        case 0x3d: // =
          this.pos = p + 1;
          this.emit(t, ItemType.Assign);
          return;
        case 0x3a: // :
          this.pos = p + 2;
          if (s.charCodeAt(p + 1) !== 0x3d) this.errorf(t, 'expected :=');
          else this.emit(t, ItemType.Declare);
          return;
        case 0x7c: // |
          this.pos = p + 1;
          this.emit(t, ItemType.Pipe);
          return;
        case 0x22: // "
          this.lexQuote(t, 0x22, 'unterminated quoted string', ItemType.String);
          return;
        case 0x60: // `
          this.lexRawQuote(t);
          return;
        case 0x27: // '
          this.lexQuote(t, 0x27, 'unterminated character constant', ItemType.CharConstant);
          return;
        case 0x28: // (
          this.pos = p + 1;
          this.parenDepth++;
          this.emit(t, ItemType.LeftParen);
          return;
        case 0x29: // )
          this.pos = p + 1;
          this.parenDepth--;
          if (this.parenDepth < 0) this.errorf(t, 'unexpected right paren');
          else this.emit(t, ItemType.RightParen);
          return;
        case 0x2b: // +
        case 0x2d: // -
          this.lexNumber(t);
          return;
      }
      if (c >= 0x30 && c <= 0x39) {
        this.lexNumber(t);
        return;
      }
      if (c < 0x80 && ASCII_ALNUM[c] === 1) {
        // Go's lexIdentifier, ASCII words ending at a terminator (the common case) inline.
        let q = p + 1;
        let d = s.charCodeAt(q);
        while (d < 0x80 && ASCII_ALNUM[d] === 1) d = s.charCodeAt(++q);
        if (
          q >= s.length ||
          (d < 0x80 && TERMINATOR[d] === 1) ||
          (d === this.rightDelim0 && s.startsWith(this.rightDelim, q))
        ) {
          let typ = wordType(s, p, q);
          if ((typ === ItemType.Break && !this.breakOK) || (typ === ItemType.Continue && !this.continueOK)) {
            typ = ItemType.Identifier;
          }
          this.pos = q;
          t.typ = typ;
          t.pos = p;
          t.end = this.start = q;
          return;
        }
        this.lexIdentifier(t);
        return;
      }
      const r = c < 0xd800 ? c : s.codePointAt(p)!;
      if (isAlphaNumeric(r)) {
        this.lexIdentifier(t);
        return;
      }
      if (r <= 0x7f && isPrintRune(r)) {
        this.pos = p + 1;
        this.emit(t, ItemType.Char);
        return;
      }
      this.pos = p + (r > 0xffff ? 2 : 1);
      this.errorf(t, `unrecognized character in action: ${formatRuneU(r)}`);
      return;
    }
  }

  /** Scans alphanumerics from pos; returns the rune after them (-1 at the end). */
  private scanAlphaNumeric(): number {
    const s = this.input;
    let p = this.pos;
    let r = -1;
    while (p < s.length) {
      r = s.charCodeAt(p);
      if (r < 0x80) {
        if (ASCII_ALNUM[r] === 1) {
          p++;
          continue;
        }
        break;
      }
      r = s.codePointAt(p)!;
      if (!isAlphaNumeric(r)) break;
      p += r > 0xffff ? 2 : 1;
      r = -1;
    }
    this.pos = p;
    return p < s.length ? r : -1;
  }

  /** Go's `lexIdentifier`, at an alphanumeric. */
  private lexIdentifier(t: Tok): void {
    const r = this.scanAlphaNumeric();
    if (!this.atTerminator()) {
      this.errorf(t, `bad character ${formatRuneU(r)}`);
      return;
    }
    let typ = wordType(this.input, this.start, this.pos);
    if ((typ === ItemType.Break && !this.breakOK) || (typ === ItemType.Continue && !this.continueOK)) {
      typ = ItemType.Identifier;
    }
    this.emit(t, typ);
  }

  /** Go's `lexFieldOrVariable`, after the `.` or `$`. */
  private lexFieldOrVariable(t: Tok, typ: ItemType): void {
    const s = this.input;
    let q = this.pos;
    let d = s.charCodeAt(q);
    if (d < 0x80 && ASCII_ALNUM[d] === 1) {
      // ASCII name ending at a terminator: the common case, inline.
      do d = s.charCodeAt(++q);
      while (d < 0x80 && ASCII_ALNUM[d] === 1);
      if (
        q >= s.length ||
        (d < 0x80 && TERMINATOR[d] === 1) ||
        (d === this.rightDelim0 && s.startsWith(this.rightDelim, q))
      ) {
        this.pos = q;
        t.typ = typ;
        t.pos = this.start;
        t.end = this.start = q;
        return;
      }
    }
    if (this.atTerminator()) {
      this.emit(t, typ === ItemType.Variable ? ItemType.Variable : ItemType.Dot);
      return;
    }
    const r = this.scanAlphaNumeric();
    if (!this.atTerminator()) {
      this.errorf(t, `bad character ${formatRuneU(r)}`);
      return;
    }
    this.emit(t, typ);
  }

  /** Go's `lexQuote` and `lexChar`: up to the closing `quote`, on one line, `\` escaping. */
  private lexQuote(t: Tok, quote: number, unterminated: string, typ: ItemType): void {
    const s = this.input;
    let p = this.pos + 1;
    for (;;) {
      if (p >= s.length) break;
      const c = s.charCodeAt(p++);
      if (c === quote) {
        this.pos = p;
        this.emit(t, typ);
        return;
      }
      if (c === 0x0a) break;
      if (c === 0x5c) {
        if (p >= s.length || s.charCodeAt(p) === 0x0a) break;
        p++;
      }
    }
    this.errorf(t, unterminated);
  }

  /** Go's `lexRawQuote`. */
  private lexRawQuote(t: Tok): void {
    const s = this.input;
    const x = s.indexOf('`', this.pos + 1);
    if (x < 0) {
      this.errorf(t, 'unterminated raw quoted string');
      return;
    }
    this.pos = x + 1;
    this.emit(t, ItemType.RawString);
  }

  /** Go's `lexNumber`. */
  private lexNumber(t: Tok): void {
    if (!this.scanNumber()) {
      this.errorf(t, `bad number syntax: ${goQuote(this.input.slice(this.start, this.pos))}`);
      return;
    }
    const sign = this.input.charCodeAt(this.pos);
    if (sign === 0x2b || sign === 0x2d) {
      if (!this.scanNumber() || this.input.charCodeAt(this.pos - 1) !== 0x69) {
        this.errorf(t, `bad number syntax: ${goQuote(this.input.slice(this.start, this.pos))}`);
        return;
      }
      this.emit(t, ItemType.Complex);
      return;
    }
    this.emit(t, ItemType.Number);
  }

  /** Consumes the char at pos when it is `a` or `b`. */
  private accept(a: number, b: number): boolean {
    const c = this.input.charCodeAt(this.pos);
    if (c === a || c === b) {
      this.pos++;
      return true;
    }
    return false;
  }

  /** Consumes a run of digits of `base` (2, 8, 10 or 16) and `_`. */
  private acceptDigits(base: number): void {
    const s = this.input;
    let p = this.pos;
    for (; p < s.length; p++) {
      const c = s.charCodeAt(p);
      if (c === 0x5f) continue;
      if (base === 16) {
        if ((c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x66) || (c >= 0x41 && c <= 0x46)) continue;
      } else if (c >= 0x30 && c < 0x30 + base) continue;
      break;
    }
    this.pos = p;
  }

  /** Go's `scanNumber`. */
  private scanNumber(): boolean {
    this.accept(0x2b, 0x2d);
    let base = 10;
    if (this.accept(0x30, 0x30)) {
      if (this.accept(0x78, 0x58)) base = 16;
      else if (this.accept(0x6f, 0x4f)) base = 8;
      else if (this.accept(0x62, 0x42)) base = 2;
    }
    this.acceptDigits(base);
    if (this.accept(0x2e, 0x2e)) this.acceptDigits(base);
    if (base === 10 && this.accept(0x65, 0x45)) {
      this.accept(0x2b, 0x2d);
      this.acceptDigits(10);
    }
    if (base === 16 && this.accept(0x70, 0x50)) {
      this.accept(0x2b, 0x2d);
      this.acceptDigits(10);
    }
    this.accept(0x69, 0x69);
    const s = this.input;
    if (this.pos < s.length) {
      const r = s.codePointAt(this.pos)!;
      if (isAlphaNumeric(r)) {
        this.pos += r > 0xffff ? 2 : 1;
        return false;
      }
    }
    return true;
  }
}

function hasLeftTrimMarker(s: string, at: number): boolean {
  return s.charCodeAt(at) === 0x2d && isSpace(s.charCodeAt(at + 1));
}

// The trim loops test the space characters inline: they run over every indentation before `{{-`.

function rightTrimLength(s: string, from: number, to: number): number {
  let i = to;
  while (i > from) {
    const c = s.charCodeAt(i - 1);
    if (c !== 0x20 && c !== 0x0a && c !== 0x09 && c !== 0x0d) break;
    i--;
  }
  return to - i;
}

function leftTrimLength(s: string, from: number): number {
  let i = from;
  for (;;) {
    const c = s.charCodeAt(i);
    if (c !== 0x20 && c !== 0x0a && c !== 0x09 && c !== 0x0d) break;
    i++;
  }
  return i - from;
}
