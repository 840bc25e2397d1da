/**
 * Parse-tree nodes of Go's `text/template` (port of `text/template/parse/node.go`). Each node keeps
 * its position (UTF-16 offset into the template text), for Go-style error locations (the line comes
 * from the position: Go's `Line` fields are not kept; the tree, which Go's nodes point to, is the one
 * being executed, which the executor tracks), and prints itself as Go's `Node.String()` does (used
 * in `executing "x" at <...>`). Arrays of nodes that have no elements are
 * shared empty arrays: never mutate a parsed tree.
 *
 * @see https://github.com/golang/go/blob/go1.23.0/src/text/template/parse/node.go
 */
import { goQuote } from '../fmt/quote.js';

/** Node kinds (Go's `parse.NodeType` order). */
export const NodeType = {
  Text: 0,
  Action: 1,
  Bool: 2,
  Chain: 3,
  Command: 4,
  Dot: 5,
  Else: 6,
  End: 7,
  Field: 8,
  Identifier: 9,
  If: 10,
  List: 11,
  Nil: 12,
  Number: 13,
  Pipe: 14,
  Range: 15,
  String: 16,
  Template: 17,
  Variable: 18,
  With: 19,
  Comment: 20,
  Break: 21,
  Continue: 22,
} as const;
/** @see {@link NodeType} */
export type NodeType = (typeof NodeType)[keyof typeof NodeType];

/** Any parse-tree node. */
export type Node =
  | TextNode
  | ActionNode
  | BoolNode
  | ChainNode
  | CommandNode
  | DotNode
  | ElseNode
  | EndNode
  | FieldNode
  | IdentifierNode
  | BranchNode
  | ListNode
  | NilNode
  | NumberNode
  | PipeNode
  | StringNode
  | TemplateNode
  | VariableNode
  | CommentNode
  | BreakNode
  | ContinueNode;

/** A sequence of nodes. */
export interface ListNode {
  readonly type: typeof NodeType.List;
  pos: number;
  nodes: Node[];
}
/** Plain text. */
export interface TextNode {
  readonly type: typeof NodeType.Text;
  pos: number;
  text: string;
}
/** A comment (only kept in ParseComments mode). */
export interface CommentNode {
  readonly type: typeof NodeType.Comment;
  pos: number;
  text: string;
}
/** A pipeline with optional declarations. */
export interface PipeNode {
  readonly type: typeof NodeType.Pipe;
  pos: number;
  isAssign: boolean;
  decl: VariableNode[];
  cmds: CommandNode[];
}
/** A non-control action such as a field evaluation. */
export interface ActionNode {
  readonly type: typeof NodeType.Action;
  pos: number;
  pipe: PipeNode;
}
/** A command (space-separated arguments) of a pipeline. */
export interface CommandNode {
  readonly type: typeof NodeType.Command;
  pos: number;
  args: Node[];
}
/** A function name. */
export interface IdentifierNode {
  readonly type: typeof NodeType.Identifier;
  pos: number;
  ident: string;
}
/** `$x.Field...` */
export interface VariableNode {
  readonly type: typeof NodeType.Variable;
  pos: number;
  ident: string[];
}
/** The cursor `.`. */
export interface DotNode {
  readonly type: typeof NodeType.Dot;
  pos: number;
}
/** The untyped `nil`. */
export interface NilNode {
  readonly type: typeof NodeType.Nil;
  pos: number;
}
/** `.Field.Field...` */
export interface FieldNode {
  readonly type: typeof NodeType.Field;
  pos: number;
  ident: string[];
}
/** `(pipe).Field...` or `term.Field...` */
export interface ChainNode {
  readonly type: typeof NodeType.Chain;
  pos: number;
  node: Node;
  field: string[];
}
/** `true` / `false`. */
export interface BoolNode {
  readonly type: typeof NodeType.Bool;
  pos: number;
  value: boolean;
}
/** A numeric constant with every interpretation Go computes for it. */
export interface NumberNode {
  readonly type: typeof NodeType.Number;
  pos: number;
  isInt: boolean;
  isUint: boolean;
  isFloat: boolean;
  isComplex: boolean;
  int64: bigint;
  uint64: bigint;
  float64: number;
  complex: [number, number];
  text: string;
  /** The executor's value of the constant, once computed (undefined before). */
  ideal: unknown;
}
/** A string constant. */
export interface StringNode {
  readonly type: typeof NodeType.String;
  pos: number;
  quoted: string;
  text: string;
}
/** `{{end}}` (not added to trees). */
export interface EndNode {
  readonly type: typeof NodeType.End;
  pos: number;
}
/** `{{else}}` (not added to trees). */
export interface ElseNode {
  readonly type: typeof NodeType.Else;
  pos: number;
}
/** `if`, `range` or `with`. */
export interface BranchNode {
  readonly type: typeof NodeType.If | typeof NodeType.Range | typeof NodeType.With;
  pos: number;
  pipe: PipeNode;
  list: ListNode;
  elseList: ListNode | null;
}
/** `{{break}}` */
export interface BreakNode {
  readonly type: typeof NodeType.Break;
  pos: number;
}
/** `{{continue}}` */
export interface ContinueNode {
  readonly type: typeof NodeType.Continue;
  pos: number;
}
/** `{{template "name" pipeline}}` */
export interface TemplateNode {
  readonly type: typeof NodeType.Template;
  pos: number;
  name: string;
  pipe: PipeNode | null;
}

/** Go's `Node.String()`. */
export function nodeString(n: Node): string {
  switch (n.type) {
    case NodeType.Text:
      return n.text;
    case NodeType.Comment:
      return `{{${n.text}}}`;
    case NodeType.List:
      return n.nodes.map(nodeString).join('');
    case NodeType.Pipe: {
      let s = '';
      if (n.decl.length > 0) {
        s = n.decl.map(nodeString).join(', ') + (n.isAssign ? ' = ' : ' := ');
      }
      return s + n.cmds.map(nodeString).join(' | ');
    }
    case NodeType.Action:
      return `{{${nodeString(n.pipe)}}}`;
    case NodeType.Command:
      return n.args.map((a) => (a.type === NodeType.Pipe ? `(${nodeString(a)})` : nodeString(a))).join(' ');
    case NodeType.Identifier:
      return n.ident;
    case NodeType.Variable:
      return n.ident.join('.');
    case NodeType.Dot:
      return '.';
    case NodeType.Nil:
      return 'nil';
    case NodeType.Field:
      return n.ident.map((id) => '.' + id).join('');
    case NodeType.Chain: {
      const head = n.node.type === NodeType.Pipe ? `(${nodeString(n.node)})` : nodeString(n.node);
      return head + n.field.map((f) => '.' + f).join('');
    }
    case NodeType.Bool:
      return n.value ? 'true' : 'false';
    case NodeType.Number:
      return n.text;
    case NodeType.String:
      return n.quoted;
    case NodeType.End:
      return '{{end}}';
    case NodeType.Else:
      return '{{else}}';
    case NodeType.If:
    case NodeType.Range:
    case NodeType.With: {
      const name = n.type === NodeType.If ? 'if' : n.type === NodeType.Range ? 'range' : 'with';
      let s = `{{${name} ${nodeString(n.pipe)}}}${nodeString(n.list)}`;
      if (n.elseList) s += `{{else}}${nodeString(n.elseList)}`;
      return s + '{{end}}';
    }
    case NodeType.Break:
      return '{{break}}';
    case NodeType.Continue:
      return '{{continue}}';
    case NodeType.Template:
      return `{{template ${goQuote(n.name)}${n.pipe ? ' ' + nodeString(n.pipe) : ''}}}`;
  }
}

/** Go's `parse.IsEmptyTree`: only space and comments. */
export function isEmptyTree(n: Node | null): boolean {
  if (n === null) return true;
  switch (n.type) {
    case NodeType.Comment:
      return true;
    case NodeType.List:
      for (const c of n.nodes) if (!isEmptyTree(c)) return false;
      return true;
    case NodeType.Text:
      return /^[\s\u0085\u00a0]*$/.test(n.text);
    default:
      return false;
  }
}
