/**
 * The parser of Go's `text/template` (port of `text/template/parse/parse.go`, Go 1.23): builds one
 * {@link Tree} per template (the top-level text plus every `define`/`block`), reporting errors with
 * Go's exact wording and `template: NAME:LINE: ...` prefix.
 *
 * @see https://github.com/golang/go/blob/go1.23.0/src/text/template/parse/parse.go
 */
import { goQuote, goUnquote, unquoteChar } from '../fmt/quote.js';
import { ItemType, itemString, Lexer, Tok } from './lex.js';
import {
  type BranchNode,
  type ChainNode,
  type CommandNode,
  isEmptyTree,
  type ListNode,
  type Node,
  type NumberNode,
  type PipeNode,
  NodeType,
  nodeString,
  type TemplateNode,
  type VariableNode,
} from './node.js';
import { parseFloat64, parseInt0, parseUint0 } from './number.js';

/** A parse failure; `message` is Go's text (`template: x:1: unexpected "}" in operand`). */
export class ParseFailure extends Error {
  constructor(
    message: string,
    readonly templateName: string,
    readonly line: number,
  ) {
    super(message);
    this.name = 'ParseFailure';
  }
}

/** A parse bound (`maxParseNesting`) was hit: `LimitExceeded`, not a Go parse error. */
export class ParseLimitFailure extends ParseFailure {}

/** Bounds that keep hostile templates from exhausting the JavaScript stack while parsing. */
export interface ParseLimits {
  /** Maximum nesting of parentheses and control structures. Default 1000. */
  maxNesting: number;
}

/** Parser modes (Go's `parse.Mode`). */
export interface ParseMode {
  /** Keep comments as nodes. */
  parseComments?: boolean;
  /** Do not check that functions are defined. */
  skipFuncCheck?: boolean;
}

/** One parsed template. */
export class Tree {
  /** Name of the template represented by the tree. */
  name: string;
  /** Name of the top-level template during parsing, for error messages. */
  parseName: string;
  /** Top-level root; null when parsing failed. */
  root: ListNode | null = null;
  /** The text parsed to create the template (or its parent). */
  text = '';
  /** Lazily computed line starts of `text` (UTF-16 offsets), for positions. */
  private lineStarts: number[] | null = null;

  // Parsing only.
  private hasFunc: ((name: string) => boolean) | null = null;
  private lex: Lexer | null = null;
  /** Go's three-item look-ahead; the lexer scans into `token[0]`, backups copy into the others. */
  private token: Tok[] = NO_TOKENS;
  private peekCount = 0;
  /** Copies of items kept across further scanning (Go keeps them by value). */
  private saved1: Tok | null = null;
  private saved2: Tok | null = null;
  private vars: string[] = [];
  private treeSet: Map<string, Tree> | null = null;
  /** Position of the `{{` of the action being parsed, or -1. */
  private actionPos = -1;
  private rangeDepth = 0;
  private mode: ParseMode = {};
  private depth = 0;
  /** The `{{end}}`/`{{else}}` that ended the last {@link Tree.itemList}. */
  private listEnd: Node | null = null;
  private limits: ParseLimits = { maxNesting: 1000 };

  constructor(name: string) {
    this.name = name;
    this.parseName = name;
  }

  /**
   * Go's `ErrorContext` of a node of this tree: `NAME:LINE:COL` (COL is the byte offset in the
   * line, as Go counts) and the node's text.
   */
  errorContext(n: Node): { location: string; context: string } {
    const { line, col } = this.lineCol(n.pos);
    return { location: `${this.parseName}:${line}:${col}`, context: nodeString(n) };
  }

  /** 1-based line and Go's column (bytes since the last newline, or the offset itself on line 1). */
  lineCol(pos: number): { line: number; col: number } {
    const text = this.text;
    if (this.lineStarts === null) {
      const starts = [0];
      for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
      this.lineStarts = starts;
    }
    const starts = this.lineStarts;
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= pos) lo = mid;
      else hi = mid - 1;
    }
    const lineStart = starts[lo]!;
    return { line: lo + 1, col: utf8Len(text, lineStart, pos) };
  }

  // --- token stream ---

  // A returned Tok is a look-ahead slot: read what you need from it before scanning on.

  private next(): Tok {
    if (this.peekCount > 0) this.peekCount--;
    else this.lex!.lex(this.token[0]!);
    return this.token[this.peekCount]!;
  }

  private backup(): void {
    this.peekCount++;
  }

  private backup2(t1: Tok): void {
    this.token[1]!.set(t1);
    this.peekCount = 2;
  }

  private peek(): Tok {
    if (this.peekCount > 0) return this.token[this.peekCount - 1]!;
    this.peekCount = 1;
    const t = this.token[0]!;
    this.lex!.lex(t);
    return t;
  }

  /** The item's value (Go's `item.val`). */
  private val(t: Tok): string {
    if (t.typ === ItemType.Error) return this.lex!.errMsg;
    return this.text.slice(t.pos, t.end);
  }

  /** A copy of `t` in scratch slot 1 or 2, to survive further scanning. */
  private save(t: Tok, slot: 1 | 2): Tok {
    let c = slot === 1 ? this.saved1 : this.saved2;
    if (c === null) {
      c = new Tok();
      if (slot === 1) this.saved1 = c;
      else this.saved2 = c;
    }
    c.set(t);
    return c;
  }

  // --- errors ---

  /** Go's `item.line` of the look-ahead slot the lexer scans into (0 when not parsing). */
  private tokenLine(): number {
    const t = this.token[0];
    return t === undefined ? 0 : this.lex!.lineAt(t.pos);
  }

  private errorf(msg: string, line = this.tokenLine()): never {
    this.root = null;
    throw new ParseFailure(`template: ${this.parseName}:${line}: ${msg}`, this.parseName, line);
  }

  private expect(expected: ItemType, context: string): Tok {
    const token = this.next();
    if (token.typ !== expected) this.unexpected(token, context);
    return token;
  }

  private expectOneOf(e1: ItemType, e2: ItemType, context: string): Tok {
    const token = this.next();
    if (token.typ !== e1 && token.typ !== e2) this.unexpected(token, context);
    return token;
  }

  private unexpected(token: Tok, context: string): never {
    const val = this.val(token);
    if (token.typ === ItemType.Error) {
      let extra = '';
      const actionLine = this.actionPos < 0 ? 0 : this.lex!.lineAt(this.actionPos);
      if (actionLine !== 0 && actionLine !== this.lex!.lineAt(token.pos)) {
        extra = ` in action started at ${this.parseName}:${actionLine}`;
        if (val.endsWith(' action')) extra = extra.slice(' in action'.length);
      }
      this.errorf(`${itemString(token.typ, val)}${extra}`);
    }
    this.errorf(`unexpected ${itemString(token.typ, val)} in ${context}`);
  }

  private nest(): void {
    if (++this.depth > this.limits.maxNesting) {
      this.root = null;
      const line = this.tokenLine();
      throw new ParseLimitFailure(
        `template: ${this.parseName}:${line}: template nesting exceeds ${this.limits.maxNesting} levels (maxParseNesting)`,
        this.parseName,
        line,
      );
    }
  }

  // --- parsing ---

  private startParse(
    hasFunc: (name: string) => boolean,
    lex: Lexer,
    treeSet: Map<string, Tree>,
    mode: ParseMode,
    limits: ParseLimits,
  ): void {
    this.root = null;
    this.lex = lex;
    this.vars = ['$'];
    this.hasFunc = hasFunc;
    this.treeSet = treeSet;
    this.mode = mode;
    this.limits = limits;
    this.token = [new Tok(), new Tok(), new Tok()];
    lex.emitComment = mode.parseComments === true;
    lex.breakOK = !hasFunc('break');
    lex.continueOK = !hasFunc('continue');
  }

  private stopParse(): void {
    this.lex = null;
    this.vars = [];
    this.hasFunc = null;
    this.treeSet = null;
    this.token = NO_TOKENS;
    this.saved1 = this.saved2 = null;
  }

  /**
   * Parses `text` into this tree, adding it and every `define`d template to `treeSet`.
   * @throws ParseFailure with Go's message.
   */
  parse(
    text: string,
    leftDelim: string,
    rightDelim: string,
    treeSet: Map<string, Tree>,
    hasFunc: (name: string) => boolean,
    mode: ParseMode = {},
    limits: ParseLimits = { maxNesting: 1000 },
  ): this {
    this.parseName = this.name;
    const lexer = new Lexer(text, leftDelim, rightDelim);
    this.startParse(hasFunc, lexer, treeSet, mode, limits);
    this.text = text;
    const mark = pendingTop;
    try {
      this.parseTop();
      this.add();
    } finally {
      this.stopParse();
      if (mark === 0) {
        pending.length = 0; // drop references kept after an error (or above any top)
        chains.clear();
      }
      pendingTop = mark;
    }
    return this;
  }

  private add(): void {
    const ts = this.treeSet!;
    const tree = ts.get(this.name);
    if (tree === undefined || isEmptyTree(tree.root)) {
      ts.set(this.name, this);
      return;
    }
    if (!isEmptyTree(this.root))
      this.errorf(`template: multiple definition of template ${goQuote(this.name)}`);
  }

  private newSubTree(name: string): Tree {
    const t = new Tree(name);
    t.text = this.text;
    t.parseName = this.parseName;
    t.startParse(this.hasFunc!, this.lex!, this.treeSet!, this.mode, this.limits);
    t.depth = this.depth;
    return t;
  }

  private parseTop(): void {
    const pos = this.peek().pos;
    const mark = pendingTop;
    while (this.peek().typ !== ItemType.EOF) {
      if (this.peek().typ === ItemType.LeftDelim) {
        const delim = this.save(this.next(), 1);
        if (this.next().typ === ItemType.Define) {
          const newT = this.newSubTree('definition');
          newT.parseDefinition();
          continue;
        }
        this.backup2(delim);
      }
      const n = this.textOrAction();
      if (n.type === NodeType.End || n.type === NodeType.Else) this.errorf(`unexpected ${nodeString(n)}`);
      else pushPending(n);
    }
    this.root = this.newList(pos, takePending(mark));
  }

  private parseDefinition(): void {
    const context = 'define clause';
    const name = this.expectOneOf(ItemType.String, ItemType.RawString, context);
    this.name = this.unquote(this.val(name));
    this.expect(ItemType.RightDelim, context);
    this.root = this.itemList();
    const end = this.listEnd!;
    if (end.type !== NodeType.End) this.errorf(`unexpected ${nodeString(end)} in ${context}`);
    this.add();
    this.stopParse();
  }

  private unquote(s: string): string {
    try {
      return goUnquote(s);
    } catch {
      this.errorf('invalid syntax');
    }
  }

  /** The list up to `{{end}}` or `{{else}}`; that node is left in {@link Tree.listEnd}. */
  private itemList(): ListNode {
    const pos = this.peek().pos;
    const mark = pendingTop;
    while (this.peek().typ !== ItemType.EOF) {
      const n = this.textOrAction();
      if (n.type === NodeType.End || n.type === NodeType.Else) {
        this.listEnd = n;
        return this.newList(pos, takePending(mark));
      }
      pushPending(n);
    }
    this.errorf('unexpected EOF');
  }

  private textOrAction(): Node {
    const token = this.next();
    switch (token.typ) {
      case ItemType.Text:
        return { type: NodeType.Text, pos: token.pos, text: this.val(token) };
      case ItemType.LeftDelim: {
        this.actionPos = token.pos;
        try {
          return this.action();
        } finally {
          this.actionPos = -1;
        }
      }
      case ItemType.Comment:
        return { type: NodeType.Comment, pos: token.pos, text: this.val(token) };
      default:
        this.unexpected(token, 'input');
    }
  }

  private action(): Node {
    const token = this.next();
    switch (token.typ) {
      case ItemType.Block:
        return this.blockControl();
      case ItemType.Break:
        return this.breakControl(token.pos);
      case ItemType.Continue:
        return this.continueControl(token.pos);
      case ItemType.Else:
        return this.elseControl();
      case ItemType.End:
        return this.endControl();
      case ItemType.If:
        return this.ifControl();
      case ItemType.Range:
        return this.rangeControl();
      case ItemType.Template:
        return this.templateControl();
      case ItemType.With:
        return this.withControl();
    }
    this.backup();
    const pos = this.peek().pos;
    return { type: NodeType.Action, pos, pipe: this.pipeline('command', ItemType.RightDelim) };
  }

  private breakControl(pos: number): Node {
    const token = this.next();
    if (token.typ !== ItemType.RightDelim) this.unexpected(token, '{{break}}');
    if (this.rangeDepth === 0) this.errorf('{{break}} outside {{range}}');
    return { type: NodeType.Break, pos };
  }

  private continueControl(pos: number): Node {
    const token = this.next();
    if (token.typ !== ItemType.RightDelim) this.unexpected(token, '{{continue}}');
    if (this.rangeDepth === 0) this.errorf('{{continue}} outside {{range}}');
    return { type: NodeType.Continue, pos };
  }

  private pipeline(context: string, end: ItemType): PipeNode {
    const pos = this.peek().pos;
    let isAssign = false;
    let decl = NO_DECL;
    for (;;) {
      const peeked = this.peek();
      if (peeked.typ === ItemType.Variable) {
        const v = this.save(this.next(), 1);
        const next = this.peek();
        if (next.typ === ItemType.Assign || next.typ === ItemType.Declare) {
          isAssign = next.typ === ItemType.Assign;
          this.next();
          const name = this.val(v);
          decl = decl.concat(this.newVariable(v.pos, name));
          this.vars.push(name);
        } else if (next.typ === ItemType.Char && this.text.charCodeAt(next.pos) === 0x2c) {
          this.next();
          const name = this.val(v);
          decl = decl.concat(this.newVariable(v.pos, name));
          this.vars.push(name);
          if (context === 'range' && decl.length < 2) {
            const pk = this.peek().typ;
            if (pk === ItemType.Variable || pk === ItemType.RightDelim || pk === ItemType.RightParen) {
              continue;
            }
            this.errorf('range can only initialize variables');
          }
          this.errorf(`too many declarations in ${context}`);
        } else {
          // Go backs up three items when a space item followed the variable; the lexer skips spaces.
          this.backup2(v);
        }
      }
      break;
    }
    const mark = pendingTop;
    for (;;) {
      const tok = this.next();
      switch (tok.typ) {
        case end: {
          const cmds = pendingTop > mark ? (takePending(mark) as CommandNode[]) : NO_COMMANDS;
          this.checkPipeline(cmds, context);
          return { type: NodeType.Pipe, pos, isAssign, decl, cmds };
        }
        case ItemType.Bool:
        case ItemType.CharConstant:
        case ItemType.Complex:
        case ItemType.Dot:
        case ItemType.Field:
        case ItemType.Identifier:
        case ItemType.Number:
        case ItemType.Nil:
        case ItemType.RawString:
        case ItemType.String:
        case ItemType.Variable:
        case ItemType.LeftParen:
          this.backup();
          pushPending(this.command());
          break;
        default:
          this.unexpected(tok, context);
      }
    }
  }

  private checkPipeline(cmds: CommandNode[], context: string): void {
    if (cmds.length === 0) this.errorf(`missing value for ${context}`);
    for (let i = 1; i < cmds.length; i++) {
      switch (cmds[i]!.args[0]!.type) {
        case NodeType.Bool:
        case NodeType.Dot:
        case NodeType.Nil:
        case NodeType.Number:
        case NodeType.String:
          this.errorf(`non executable command in pipeline stage ${i + 1}`);
      }
    }
  }

  private branch(type: BranchNode['type'], context: string): BranchNode {
    const mark = this.vars.length;
    this.nest();
    try {
      const pipe = this.pipeline(context, ItemType.RightDelim);
      if (context === 'range') this.rangeDepth++;
      const list = this.itemList();
      let next = this.listEnd!;
      if (context === 'range') this.rangeDepth--;
      let elseList: ListNode | null = null;
      if (next.type === NodeType.Else) {
        if (context === 'if' && this.peek().typ === ItemType.If) {
          this.next();
          elseList = this.newList(next.pos, [this.ifControl()]);
        } else if (context === 'with' && this.peek().typ === ItemType.With) {
          this.next();
          elseList = this.newList(next.pos, [this.withControl()]);
        } else {
          elseList = this.itemList();
          next = this.listEnd!;
          if (next.type !== NodeType.End) this.errorf(`expected end; found ${nodeString(next)}`);
        }
      }
      return { type, pos: pipe.pos, pipe, list, elseList };
    } finally {
      this.vars.length = mark;
      this.depth--;
    }
  }

  private ifControl(): Node {
    return this.branch(NodeType.If, 'if');
  }

  private rangeControl(): Node {
    return this.branch(NodeType.Range, 'range');
  }

  private withControl(): Node {
    return this.branch(NodeType.With, 'with');
  }

  private endControl(): Node {
    return { type: NodeType.End, pos: this.expect(ItemType.RightDelim, 'end').pos };
  }

  private elseControl(): Node {
    const peek = this.peek();
    if (peek.typ === ItemType.If || peek.typ === ItemType.With) {
      return { type: NodeType.Else, pos: peek.pos };
    }
    const token = this.expect(ItemType.RightDelim, 'else');
    return { type: NodeType.Else, pos: token.pos };
  }

  private blockControl(): Node {
    const context = 'block clause';
    const token = this.next();
    const pos = token.pos;
    const name = this.parseTemplateName(token, context);
    const pipe = this.pipeline(context, ItemType.RightDelim);
    const block = this.newSubTree(name);
    this.nest();
    try {
      block.root = block.itemList();
      const end = block.listEnd!;
      if (end.type !== NodeType.End) this.errorf(`unexpected ${nodeString(end)} in ${context}`);
      block.add();
      block.stopParse();
    } finally {
      this.depth--;
    }
    return this.newTemplate(pos, name, pipe);
  }

  private templateControl(): Node {
    const context = 'template clause';
    const token = this.next();
    const pos = token.pos;
    const name = this.parseTemplateName(token, context);
    let pipe: PipeNode | null = null;
    if (this.next().typ !== ItemType.RightDelim) {
      this.backup();
      pipe = this.pipeline(context, ItemType.RightDelim);
    }
    return this.newTemplate(pos, name, pipe);
  }

  private newTemplate(pos: number, name: string, pipe: PipeNode | null): TemplateNode {
    return { type: NodeType.Template, pos, name, pipe };
  }

  private parseTemplateName(token: Tok, context: string): string {
    if (token.typ === ItemType.String || token.typ === ItemType.RawString)
      return this.unquote(this.val(token));
    this.unexpected(token, context);
  }

  private command(): CommandNode {
    // Nodes are built once their parts are known: a field stored after creation would make V8
    // deoptimise every function that relied on its first value.
    const pos = this.peek().pos;
    const mark = pendingTop;
    for (;;) {
      const operand = this.operand();
      if (operand !== null) pushPending(operand);
      const token = this.next();
      // Where Go reads a space item and goes round for another operand.
      if (token.space && operand !== null) {
        this.backup();
        continue;
      }
      if (token.typ === ItemType.RightDelim || token.typ === ItemType.RightParen) this.backup();
      else if (token.typ !== ItemType.Pipe) this.unexpected(token, 'operand');
      break;
    }
    if (pendingTop === mark) this.errorf('empty command');
    return { type: NodeType.Command, pos, args: takePending(mark) };
  }

  private operand(): Node | null {
    let node = this.term();
    if (node === null) return null;
    if (this.peek().typ === ItemType.Field && !this.peek().space) {
      const chain: ChainNode = { type: NodeType.Chain, pos: this.peek().pos, node, field: [] };
      while (this.peek().typ === ItemType.Field && !this.peek().space) {
        const f = this.next();
        chain.field.push(this.text.slice(f.pos + 1, f.end));
      }
      switch (node.type) {
        // Go re-splits chain.String(); fields never contain '.', so that is the concatenation.
        case NodeType.Field:
          node = { type: NodeType.Field, pos: chain.pos, ident: node.ident.concat(chain.field) };
          break;
        case NodeType.Variable:
          node = { type: NodeType.Variable, pos: chain.pos, ident: node.ident.concat(chain.field) };
          break;
        case NodeType.Bool:
        case NodeType.String:
        case NodeType.Number:
        case NodeType.Nil:
        case NodeType.Dot:
          {
            // Go's last item read is the space item before the peeked one, if there is one.
            const after = this.peek();
            const line = this.lex!.lineAt(after.space ? after.spacePos : after.pos);
            this.errorf(`unexpected . after term ${goQuote(nodeString(node))}`, line);
          }
          break;
        default:
          node = chain;
      }
    }
    return node;
  }

  private term(): Node | null {
    const token = this.next();
    switch (token.typ) {
      case ItemType.Identifier: {
        const ident = intern(this.val(token));
        if (!this.mode.skipFuncCheck && !this.hasFunc!(ident)) {
          this.errorf(`function ${goQuote(ident)} not defined`);
        }
        return { type: NodeType.Identifier, pos: token.pos, ident };
      }
      case ItemType.Dot:
        return { type: NodeType.Dot, pos: token.pos };
      case ItemType.Nil:
        return { type: NodeType.Nil, pos: token.pos };
      case ItemType.Variable: {
        const name = intern(this.val(token));
        if (!this.vars.includes(name)) this.errorf(`undefined variable ${goQuote(name)}`);
        const pos = token.pos;
        // `$x.a.b`: Go builds a chain node and re-splits its text; the fields are taken here.
        const after = this.peek();
        if (after.typ !== ItemType.Field || after.space)
          return { type: NodeType.Variable, pos, ident: this.single(name, name) };
        return { type: NodeType.Variable, pos: after.pos, ident: this.fields(name, pos) };
      }
      case ItemType.Field: {
        const pos = token.pos;
        const first = intern(this.text.slice(pos + 1, token.end));
        const after = this.peek();
        if (after.typ !== ItemType.Field || after.space)
          return { type: NodeType.Field, pos, ident: this.single(this.text.slice(pos, token.end), first) };
        // `.a.b`: Go's chain of fields becomes one field node at the position of `.b`.
        return { type: NodeType.Field, pos: after.pos, ident: this.fields(first, pos) };
      }
      case ItemType.Bool:
        return {
          type: NodeType.Bool,
          pos: token.pos,
          value: this.text.charCodeAt(token.pos) === 0x74,
        };
      case ItemType.CharConstant:
      case ItemType.Complex:
      case ItemType.Number:
        return this.newNumber(token.pos, this.val(token), token.typ);
      case ItemType.LeftParen: {
        this.nest();
        try {
          return this.pipeline('parenthesized pipeline', ItemType.RightParen);
        } finally {
          this.depth--;
        }
      }
      case ItemType.String:
      case ItemType.RawString: {
        const quoted = intern(this.val(token));
        let text = quoted.length < SLICE_MIN ? unquoted.get(quoted) : undefined;
        if (text === undefined) {
          text = this.unquote(quoted);
          if (quoted.length < SLICE_MIN) {
            if (unquoted.size >= MAX_INTERNED) unquoted.clear();
            unquoted.set(quoted, text);
          }
        }
        return { type: NodeType.String, pos: token.pos, quoted, text };
      }
    }
    this.backup();
    return null;
  }

  /** The one-name array `[name]` of a variable or field whose text is `key` (shared, as {@link Tree.fields}). */
  private single(key: string, name: string): string[] {
    let ident = chains.get(key);
    if (ident === undefined) {
      ident = [name];
      chains.set(key, ident);
    }
    return ident;
  }

  /**
   * `first` and the names of the field items that follow it (at least one), as one array; `from`
   * is where the chain's text starts. A chain met before in this text (`.Values.image.tag`) shares
   * its array.
   */
  private fields(first: string, from: number): string[] {
    let n = 1;
    let end = from;
    for (;;) {
      const nx = this.peek();
      if (nx.typ !== ItemType.Field || nx.space) break;
      this.next();
      starts[n] = nx.pos + 1;
      end = ends[n] = nx.end;
      n++;
    }
    const key = this.text.slice(from, end);
    let ident = chains.get(key);
    if (ident === undefined) {
      const text = this.text;
      ident = n === 2 ? [first, intern(text.slice(starts[1]!, ends[1]))] : new Array<string>(n);
      if (n !== 2) {
        ident[0] = first;
        for (let i = 1; i < n; i++) ident[i] = intern(text.slice(starts[i]!, ends[i]));
      }
      chains.set(key, ident);
    }
    return ident;
  }

  private newList(pos: number, nodes: Node[]): ListNode {
    return { type: NodeType.List, pos, nodes };
  }

  private newVariable(pos: number, ident: string): VariableNode {
    return { type: NodeType.Variable, pos, ident: ident.split('.') };
  }

  private newNumber(pos: number, text: string, typ: ItemType): NumberNode {
    if (typ === ItemType.Number && isSmallDecimal(text)) {
      // The common case (`nindent 4`, `trunc 63`): a decimal int64 that is also exact as a float64.
      const v = Number(text);
      const b = BigInt(v);
      return {
        type: NodeType.Number,
        pos,
        isInt: true,
        isUint: true,
        isFloat: true,
        isComplex: false,
        int64: b,
        uint64: b,
        float64: v,
        complex: NO_COMPLEX,
        text,
        ideal: undefined,
      };
    }
    const n: NumberNode = {
      type: NodeType.Number,
      pos,
      isInt: false,
      isUint: false,
      isFloat: false,
      isComplex: false,
      int64: 0n,
      uint64: 0n,
      float64: 0,
      complex: NO_COMPLEX,
      text,
      ideal: undefined,
    };
    if (typ === ItemType.CharConstant) {
      let r: { value: number; tail: string };
      try {
        r = unquoteChar(text.slice(1), text.charCodeAt(0));
      } catch {
        this.errorf('invalid syntax');
      }
      if (r.tail !== "'") this.errorf(`malformed character constant: ${text}`);
      n.int64 = BigInt(r.value);
      n.isInt = true;
      n.uint64 = BigInt(r.value);
      n.isUint = true;
      n.float64 = r.value;
      n.isFloat = true;
      return n;
    }
    if (typ === ItemType.Complex) {
      const m = /^([+-]?[^+-]+(?:[eEpP][+-]?[0-9_]+)?)([+-].*)i$/.exec(text);
      const re = m ? parseFloat64(m[1]!) : null;
      const im = m ? parseFloat64(m[2]!) : null;
      if (!re || !im) this.errorf(`expected integer`);
      n.isComplex = true;
      n.complex = [re.value, im.value];
      simplifyComplex(n);
      return n;
    }
    if (text.length > 0 && text[text.length - 1] === 'i') {
      const f = parseFloat64(text.slice(0, -1));
      if (f !== null && !f.rangeErr) {
        n.isComplex = true;
        n.complex = [0, f.value];
        simplifyComplex(n);
        return n;
      }
    }
    const u = parseUint0(text);
    if (typeof u === 'bigint') {
      n.isUint = true;
      n.uint64 = u;
    }
    const i = parseInt0(text);
    if (typeof i === 'bigint') {
      n.isInt = true;
      n.int64 = i;
      if (i === 0n) {
        n.isUint = true;
        n.uint64 = typeof u === 'bigint' ? u : 0n;
      }
    }
    if (n.isInt) {
      n.isFloat = true;
      n.float64 = Number(n.int64);
    } else if (n.isUint) {
      n.isFloat = true;
      n.float64 = Number(n.uint64);
    } else {
      const f = parseFloat64(text);
      if (f !== null && !f.rangeErr) {
        if (!/[.eEpP]/.test(text)) this.errorf(`integer overflow: ${goQuote(text)}`);
        n.isFloat = true;
        n.float64 = f.value;
        if (Number.isInteger(f.value) && Math.abs(f.value) < 2 ** 63) {
          n.isInt = true;
          n.int64 = BigInt(f.value);
        }
        if (Number.isInteger(f.value) && f.value >= 0 && f.value < 2 ** 64) {
          n.isUint = true;
          n.uint64 = BigInt(f.value);
        }
      }
    }
    if (!n.isInt && !n.isUint && !n.isFloat) this.errorf(`illegal number syntax: ${goQuote(text)}`);
    return n;
  }
}

/** The look-ahead of a tree that is not parsing. */
const NO_TOKENS: Tok[] = [];

// Shared empty arrays of nodes that have none (never mutated: a node gets its own array when it has
// elements).
const NO_NODES: Node[] = [];
const NO_COMMANDS: CommandNode[] = [];
const NO_DECL: VariableNode[] = [];

/**
 * The elements of the lists, commands and pipelines being parsed, innermost last: each is built on
 * top of this stack and copied out exactly sized when it is complete (`push` would leave most of
 * the tree's arrays with 16 unused slots). Parsing is synchronous and nests, so one stack serves all.
 */
const pending: Node[] = [];
let pendingTop = 0;

function pushPending(n: Node): void {
  pending[pendingTop++] = n;
}

function takePending(mark: number): Node[] {
  const n = pendingTop - mark;
  pendingTop = mark;
  if (n === 0) return NO_NODES;
  // Literals for the common sizes: cheaper than a slice call while the code is still interpreted.
  if (n === 1) return [pending[mark]!];
  if (n === 2) return [pending[mark]!, pending[mark + 1]!];
  return pending.slice(mark, mark + n);
}

/**
 * Short names (functions, variables, fields) and string constants met while parsing, each kept
 * once: `.Values` or `nindent` recur thousands of times in a chart, and every parsed tree stays in
 * memory while templates execute. Only strings shorter than {@link SLICE_MIN} are kept: V8 copies
 * those out of the template text, while a longer slice would pin its whole template text here.
 * Bounded, so a long-lived process does not grow them forever.
 */
const interned = new Map<string, string>();
/** The unquoted text of each short string constant. */
const unquoted = new Map<string, string>();
const MAX_INTERNED = 10000;
/** V8's shortest sliced string (`SlicedString::kMinLength`): shorter slices are copies. */
const SLICE_MIN = 13;

function intern(s: string): string {
  if (s.length >= SLICE_MIN) return s;
  const t = interned.get(s);
  if (t !== undefined) return t;
  if (interned.size >= MAX_INTERNED) interned.clear();
  interned.set(s, s);
  return s;
}

/** Where the field names {@link Tree.fields} collects start and end. */
const starts: number[] = [];
const ends: number[] = [];
/**
 * The name arrays of the field chains of the text being parsed, by the chain's text: never
 * mutated, so nodes share them. Cleared after each parse (its keys are slices of the text).
 */
const chains = new Map<string, string[]>();

/** The complex part of a number that is not complex (shared: nodes are never mutated). */
const NO_COMPLEX: [number, number] = [0, 0];

/** Digits only, no leading zero (that would be octal), at most 15 of them (exact as a float64). */
function isSmallDecimal(text: string): boolean {
  const len = text.length;
  if (len === 0 || len > 15 || (len > 1 && text.charCodeAt(0) === 0x30)) return false;
  for (let i = 0; i < len; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x30 || c > 0x39) return false;
  }
  return true;
}

function simplifyComplex(n: NumberNode): void {
  n.isFloat = n.complex[1] === 0;
  if (n.isFloat) {
    const f = n.complex[0];
    n.float64 = f;
    n.isInt = Number.isInteger(f) && Math.abs(f) < 2 ** 63;
    if (n.isInt) n.int64 = BigInt(f);
    n.isUint = Number.isInteger(f) && f >= 0 && f < 2 ** 64;
    if (n.isUint) n.uint64 = BigInt(f);
  }
}

/** Number of UTF-8 bytes of `s[from:to]` (UTF-16 offsets). */
export function utf8Len(s: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < to) {
      n += 4;
      i++;
    } else if (c >= 0xdc80 && c <= 0xdcff)
      n += 1; // an invalid byte (value/goString.ts)
    else n += 3;
  }
  return n;
}

/**
 * Parses `text` as template `name`, returning every tree it defines (Go's `parse.Parse`).
 * @throws ParseFailure
 */
export function parseTrees(
  name: string,
  text: string,
  opts: {
    leftDelim?: string;
    rightDelim?: string;
    hasFunc: (name: string) => boolean;
    mode?: ParseMode;
    limits?: ParseLimits;
  },
): Map<string, Tree> {
  const treeSet = new Map<string, Tree>();
  const t = new Tree(name);
  t.text = text;
  t.parse(text, opts.leftDelim ?? '', opts.rightDelim ?? '', treeSet, opts.hasFunc, opts.mode, opts.limits);
  return treeSet;
}
