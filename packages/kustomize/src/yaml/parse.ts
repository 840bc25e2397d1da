/**
 * YAML parser and composer: go-yaml v3's libyaml parser state machine written as recursive
 * descent over {@link Scanner} tokens, composing {@link YNode} trees the way go-yaml v3's
 * `parser.node` does (resolved short tags, styles, anchors and aliases).
 *
 * @see https://github.com/go-yaml/yaml/blob/v3.0.1/parserc.go
 * @see https://github.com/go-yaml/yaml/blob/v3.0.1/decode.go (parser.node/scalar/mapping/sequence)
 */
import { Kind, Style, Tag, type YNode } from './node.js';
import { resolveTag } from './resolve.js';
import { type Mark, ScalarStyle, Scanner, T, type Token, YamlSyntaxError } from './scanner.js';

export { YamlSyntaxError } from './scanner.js';

/** Deepest nesting accepted (go-yaml allows 10000; JS recursion is bounded well below that). */
const MAX_DEPTH = 2000;

const LONG_TAG_PREFIX = 'tag:yaml.org,2002:';

function shortTag(tag: string): string {
  return tag.startsWith(LONG_TAG_PREFIX) ? `!!${tag.slice(LONG_TAG_PREFIX.length)}` : tag;
}

function node(kind: Kind, tag: string, value: string, style: number, m: Mark): YNode {
  return {
    kind,
    style,
    tag,
    value,
    content: [],
    anchor: '',
    alias: null,
    line: m.line + 1,
    column: m.column + 1,
  };
}

/**
 * Checks the input as go-yaml's reader does: no control characters other than tab, LF, CR, NEL.
 * Throws a {@link YamlSyntaxError} (`control characters are not allowed`).
 */
function checkReader(src: string): void {
  const bad =
    /[\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x84\x86-\x9F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.exec(
      src,
    );
  if (bad) {
    let line = 0;
    for (let i = 0; i < bad.index; i++) if (src.charCodeAt(i) === 10) line++;
    throw new YamlSyntaxError(
      'control characters are not allowed',
      null,
      { index: bad.index, line, column: 0 },
      false,
    );
  }
}

class Parser {
  private readonly s: Scanner;
  private tagDirectives: Array<[string, string]> = [];
  private anchors = new Map<string, YNode>();
  private depth = 0;

  constructor(src: string) {
    this.s = new Scanner(src);
  }

  private perr(context: string, contextMark: Mark | null, problem: string, problemMark: Mark): never {
    throw new YamlSyntaxError(problem, context ? contextMark : null, problemMark, false);
  }

  /** Parses up to `max` documents; returns the document nodes. */
  documents(max: number): YNode[] {
    const s = this.s;
    let t = s.peek();
    if (t.type !== T.StreamStart) this.perr('', null, 'did not find expected <stream-start>', t.start);
    s.skipToken();
    const docs: YNode[] = [];
    let implicit = true;
    while (docs.length < max) {
      t = s.peek();
      if (!implicit) {
        while (t.type === T.DocumentEnd) {
          s.skipToken();
          t = s.peek();
        }
      }
      if (t.type === T.StreamEnd) break;
      const doc = node(Kind.Document, '', '', 0, t.start);
      if (
        implicit &&
        t.type !== T.VersionDirective &&
        t.type !== T.TagDirective &&
        t.type !== T.DocumentStart
      ) {
        this.processDirectives();
        doc.content.push(this.parseNode(true, false));
      } else {
        const start = t.start;
        this.processDirectives();
        t = s.peek();
        if (t.type !== T.DocumentStart)
          this.perr('', null, 'did not find expected <document start>', t.start);
        doc.line = start.line + 1;
        doc.column = start.column + 1;
        s.skipToken();
        t = s.peek();
        if (
          t.type === T.VersionDirective ||
          t.type === T.TagDirective ||
          t.type === T.DocumentStart ||
          t.type === T.DocumentEnd ||
          t.type === T.StreamEnd
        ) {
          doc.content.push(this.emptyScalar(t.start));
        } else {
          doc.content.push(this.parseNode(true, false));
        }
      }
      // document end
      t = s.peek();
      if (t.type === T.DocumentEnd) s.skipToken();
      this.tagDirectives = [];
      implicit = false;
      docs.push(doc);
    }
    return docs;
  }

  private processDirectives(): void {
    const s = this.s;
    let t = s.peek();
    let sawVersion = false;
    const handles = new Set<string>();
    while (t.type === T.VersionDirective || t.type === T.TagDirective) {
      if (t.type === T.VersionDirective) {
        if (sawVersion) this.perr('', null, 'found duplicate %YAML directive', t.start);
        if (t.major !== 1 || t.minor !== 1) this.perr('', null, 'found incompatible YAML document', t.start);
        sawVersion = true;
      } else {
        if (handles.has(t.value)) this.perr('', null, 'found duplicate %TAG directive', t.start);
        handles.add(t.value);
        this.tagDirectives.push([t.value, t.suffix]);
      }
      s.skipToken();
      t = s.peek();
    }
    if (!this.tagDirectives.some(([h]) => h === '!')) this.tagDirectives.push(['!', '!']);
    if (!this.tagDirectives.some(([h]) => h === '!!')) this.tagDirectives.push(['!!', LONG_TAG_PREFIX]);
  }

  private emptyScalar(m: Mark): YNode {
    return node(Kind.Scalar, Tag.Null, '', 0, m);
  }

  private parseNode(block: boolean, indentless: boolean): YNode {
    const s = this.s;
    let t: Token = s.peek();
    if (t.type === T.Alias) {
      const n = node(Kind.Alias, '', t.value, 0, t.start);
      const target = this.anchors.get(t.value);
      if (!target) throw new YamlSyntaxError(`unknown anchor '${t.value}' referenced`, null, t.start, false);
      n.alias = target;
      s.skipToken();
      return n;
    }
    let start = t.start;
    let anchor = '';
    let hasTag = false;
    let tagHandle = '';
    let tagSuffix = '';
    let tagMark = t.start;
    if (t.type === T.Anchor) {
      anchor = t.value;
      start = t.start;
      s.skipToken();
      t = s.peek();
      if (t.type === T.Tag) {
        hasTag = true;
        tagHandle = t.value;
        tagSuffix = t.suffix;
        tagMark = t.start;
        s.skipToken();
        t = s.peek();
      }
    } else if (t.type === T.Tag) {
      hasTag = true;
      tagHandle = t.value;
      tagSuffix = t.suffix;
      start = t.start;
      tagMark = t.start;
      s.skipToken();
      t = s.peek();
      if (t.type === T.Anchor) {
        anchor = t.value;
        s.skipToken();
        t = s.peek();
      }
    }
    let tag = '';
    if (hasTag) {
      if (tagHandle === '') {
        tag = tagSuffix;
      } else {
        const d = this.tagDirectives.find(([h]) => h === tagHandle);
        if (!d) this.perr('while parsing a node', start, 'found undefined tag handle', tagMark);
        tag = d[1] + tagSuffix;
      }
    }

    if (++this.depth > MAX_DEPTH) {
      throw new YamlSyntaxError(`exceeded max depth of ${MAX_DEPTH}`, null, t.start, false);
    }
    try {
      let n: YNode;
      if (indentless && t.type === T.BlockEntry) {
        n = this.collectionNode(Kind.Sequence, Tag.Seq, tag, 0, start);
        this.setAnchor(n, anchor);
        this.indentlessSequence(n);
      } else if (t.type === T.Scalar) {
        n = this.scalarNode(t, tag, start);
        this.setAnchor(n, anchor);
        s.skipToken();
      } else if (t.type === T.FlowSequenceStart) {
        n = this.collectionNode(Kind.Sequence, Tag.Seq, tag, Style.Flow, start);
        this.setAnchor(n, anchor);
        this.flowSequence(n);
      } else if (t.type === T.FlowMappingStart) {
        n = this.collectionNode(Kind.Mapping, Tag.Map, tag, Style.Flow, start);
        this.setAnchor(n, anchor);
        this.flowMapping(n);
      } else if (block && t.type === T.BlockSequenceStart) {
        n = this.collectionNode(Kind.Sequence, Tag.Seq, tag, 0, start);
        this.setAnchor(n, anchor);
        this.blockSequence(n);
      } else if (block && t.type === T.BlockMappingStart) {
        n = this.collectionNode(Kind.Mapping, Tag.Map, tag, 0, start);
        this.setAnchor(n, anchor);
        this.blockMapping(n);
      } else if (anchor !== '' || hasTag) {
        // An empty plain scalar carrying the anchor/tag.
        n = this.scalarFromParts('', ScalarStyle.Plain, tag, start);
        this.setAnchor(n, anchor);
      } else {
        this.perr(
          block ? 'while parsing a block node' : 'while parsing a flow node',
          start,
          'did not find expected node content',
          t.start,
        );
      }
      return n;
    } finally {
      this.depth--;
    }
  }

  private setAnchor(n: YNode, anchor: string): void {
    if (anchor !== '') {
      n.anchor = anchor;
      this.anchors.set(anchor, n);
    }
  }

  private collectionNode(kind: Kind, defaultTag: string, tag: string, style: number, m: Mark): YNode {
    if (tag !== '' && tag !== '!') return node(kind, shortTag(tag), '', style | Style.Tagged, m);
    return node(kind, defaultTag, '', style, m);
  }

  private scalarNode(t: Token, tag: string, start: Mark): YNode {
    return this.scalarFromParts(t.value, t.style, tag, start);
  }

  private scalarFromParts(value: string, tokenStyle: number, tag: string, m: Mark): YNode {
    let style = 0;
    switch (tokenStyle) {
      case ScalarStyle.DoubleQuoted:
        style = Style.DoubleQuoted;
        break;
      case ScalarStyle.SingleQuoted:
        style = Style.SingleQuoted;
        break;
      case ScalarStyle.Literal:
        style = Style.Literal;
        break;
      case ScalarStyle.Folded:
        style = Style.Folded;
        break;
    }
    if (tag !== '' && tag !== '!') return node(Kind.Scalar, shortTag(tag), value, style | Style.Tagged, m);
    let t: string;
    if (style !== 0) t = Tag.Str;
    else if (value === '<<') t = Tag.Merge;
    else t = resolveTag(value);
    return node(Kind.Scalar, t, value, style, m);
  }

  private blockSequence(n: YNode): void {
    const s = this.s;
    const contextMark = s.peek().start;
    s.skipToken();
    for (;;) {
      let t = s.peek();
      if (t.type === T.BlockEntry) {
        const mark = t.end;
        s.skipToken();
        t = s.peek();
        if (t.type !== T.BlockEntry && t.type !== T.BlockEnd) n.content.push(this.parseNode(true, false));
        else n.content.push(this.emptyScalar(mark));
      } else if (t.type === T.BlockEnd) {
        s.skipToken();
        return;
      } else {
        this.perr(
          'while parsing a block collection',
          contextMark,
          "did not find expected '-' indicator",
          t.start,
        );
      }
    }
  }

  private indentlessSequence(n: YNode): void {
    const s = this.s;
    for (;;) {
      let t = s.peek();
      if (t.type !== T.BlockEntry) return;
      const mark = t.end;
      s.skipToken();
      t = s.peek();
      if (t.type !== T.BlockEntry && t.type !== T.Key && t.type !== T.Value && t.type !== T.BlockEnd) {
        n.content.push(this.parseNode(true, false));
      } else {
        n.content.push(this.emptyScalar(mark));
      }
    }
  }

  private blockMapping(n: YNode): void {
    const s = this.s;
    const contextMark = s.peek().start;
    s.skipToken();
    for (;;) {
      let t = s.peek();
      if (t.type === T.Key) {
        const mark = t.end;
        s.skipToken();
        t = s.peek();
        if (t.type !== T.Key && t.type !== T.Value && t.type !== T.BlockEnd)
          n.content.push(this.parseNode(true, true));
        else n.content.push(this.emptyScalar(mark));
      } else if (t.type === T.BlockEnd) {
        s.skipToken();
        return;
      } else {
        this.perr('while parsing a block mapping', contextMark, 'did not find expected key', t.start);
      }
      // value
      t = s.peek();
      if (t.type === T.Value) {
        const mark = t.end;
        s.skipToken();
        t = s.peek();
        if (t.type !== T.Key && t.type !== T.Value && t.type !== T.BlockEnd)
          n.content.push(this.parseNode(true, true));
        else n.content.push(this.emptyScalar(mark));
      } else {
        n.content.push(this.emptyScalar(t.start));
      }
    }
  }

  private flowSequence(n: YNode): void {
    const s = this.s;
    const contextMark = s.peek().start;
    s.skipToken();
    let first = true;
    for (;;) {
      let t = s.peek();
      if (t.type === T.FlowSequenceEnd) {
        s.skipToken();
        return;
      }
      if (!first) {
        if (t.type === T.FlowEntry) {
          s.skipToken();
          t = s.peek();
        } else {
          this.perr(
            'while parsing a flow sequence',
            contextMark,
            "did not find expected ',' or ']'",
            t.start,
          );
        }
      }
      first = false;
      if (t.type === T.Key) {
        // A single-pair mapping inside a flow sequence: [a: b]
        const m = node(Kind.Mapping, Tag.Map, '', Style.Flow, t.start);
        s.skipToken();
        t = s.peek();
        if (t.type !== T.Value && t.type !== T.FlowEntry && t.type !== T.FlowSequenceEnd) {
          m.content.push(this.parseNode(false, false));
        } else {
          const mark = t.end;
          s.skipToken();
          m.content.push(this.emptyScalar(mark));
        }
        t = s.peek();
        if (t.type === T.Value) {
          s.skipToken();
          t = s.peek();
          if (t.type !== T.FlowEntry && t.type !== T.FlowSequenceEnd)
            m.content.push(this.parseNode(false, false));
          else m.content.push(this.emptyScalar(t.start));
        } else {
          m.content.push(this.emptyScalar(t.start));
        }
        n.content.push(m);
      } else if (t.type !== T.FlowSequenceEnd) {
        n.content.push(this.parseNode(false, false));
      }
    }
  }

  private flowMapping(n: YNode): void {
    const s = this.s;
    const contextMark = s.peek().start;
    s.skipToken();
    let first = true;
    for (;;) {
      let t = s.peek();
      if (t.type === T.FlowMappingEnd) {
        s.skipToken();
        return;
      }
      if (!first) {
        if (t.type === T.FlowEntry) {
          s.skipToken();
          t = s.peek();
        } else {
          this.perr('while parsing a flow mapping', contextMark, "did not find expected ',' or '}'", t.start);
        }
      }
      first = false;
      if (t.type === T.Key) {
        s.skipToken();
        t = s.peek();
        if (t.type !== T.Value && t.type !== T.FlowEntry && t.type !== T.FlowMappingEnd) {
          n.content.push(this.parseNode(false, false));
        } else {
          n.content.push(this.emptyScalar(t.start));
        }
        t = s.peek();
        if (t.type === T.Value) {
          s.skipToken();
          t = s.peek();
          if (t.type !== T.FlowEntry && t.type !== T.FlowMappingEnd)
            n.content.push(this.parseNode(false, false));
          else n.content.push(this.emptyScalar(t.start));
        } else {
          n.content.push(this.emptyScalar(t.start));
        }
      } else if (t.type !== T.FlowMappingEnd) {
        n.content.push(this.parseNode(false, false));
        n.content.push(this.emptyScalar(s.peek().start));
      }
    }
  }
}

/**
 * Parses up to `maxDocuments` documents of `src` (go-yaml v3 semantics) and returns their
 * document nodes (each has one child, the root). Throws {@link YamlSyntaxError}.
 */
export function parseDocuments(src: string, maxDocuments = Number.POSITIVE_INFINITY): YNode[] {
  checkReader(src);
  const p = new Parser(src.length === 0 ? '\n' : src);
  try {
    return p.documents(maxDocuments);
  } catch (e) {
    if (e instanceof RangeError) {
      throw new YamlSyntaxError('exceeded max depth', null, { index: 0, line: 0, column: 0 }, false);
    }
    throw e;
  }
}

/** Parses the first document only (as `yaml.Unmarshal` and `Decoder.Decode` do); `null` when empty. */
export function parseFirstDocument(src: string): YNode | null {
  const docs = parseDocuments(src, 1);
  return docs.length > 0 ? docs[0]! : null;
}
