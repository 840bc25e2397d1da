/**
 * The executor of Go's `text/template` (port of `text/template/exec.go`, Go 1.23) over the value
 * model of `value/types.ts`. Errors carry Go's exact text:
 * `template: NAME:LINE:COL: executing "NAME" at <NODE>: MESSAGE`.
 *
 * @see https://github.com/golang/go/blob/go1.23.0/src/text/template/exec.go
 * @internal
 */
import { formatValue } from '../fmt/print.js';
import { isStackOverflowError } from './errors.js';
import { goQuote } from '../fmt/quote.js';
import {
  type BranchNode,
  type ChainNode,
  type CommandNode,
  type FieldNode,
  type IdentifierNode,
  type ListNode,
  type Node,
  NodeType,
  type NumberNode,
  type PipeNode,
  type TemplateNode,
  type VariableNode,
  nodeString,
} from '../parse/node.js';
import type { Tree } from '../parse/parse.js';
import {
  assignable,
  canBeNil,
  GoComplex,
  GoFunc,
  GoInt,
  goInt,
  bigGoInt,
  goTypeInfo,
  isTrue,
  mapElemType,
  sliceElemType,
  sortedKeys,
  typeName,
  zeroValue,
} from '../value/types.js';

/** Marker for "no final value from the previous pipeline stage" (Go's `missingVal`). */
export const MISSING: unique symbol = Symbol('missingVal');
type Final = unknown;

/** How a missing map key evaluates (Go's `Option("missingkey=...")`). */
export const MissingKey = { Invalid: 0, Zero: 1, Error: 2 } as const;
/** @see {@link MissingKey} */
export type MissingKey = (typeof MissingKey)[keyof typeof MissingKey];

/** What the executor needs from a template set. */
export interface ExecEnv {
  lookupTree(name: string): Tree | undefined;
  lookupFunc(name: string): { fn: GoFunc; builtin: boolean } | undefined;
  missingKey: MissingKey;
  maxExecDepth: number;
  /** Maximum length of the output of one execution, in UTF-16 code units. */
  maxOutputLength: number;
}

/** Go's `maxExecDepth` (100000 except on wasm): the depth whose error a proven-infinite recursion reports. */
export const GO_MAX_EXEC_DEPTH = 100000;

/** A Go exec error (`template.ExecError`); `message` is Go's text. */
export class ExecFailure extends Error {
  constructor(
    message: string,
    readonly templateName: string,
  ) {
    super(message);
    this.name = 'ExecFailure';
  }
}

/**
 * A hostile-template bound was hit during execution (`LimitExceeded`); `limit` names the bound
 * (`maxTemplateDepth`, `maxOutputLength`, `maxListLength`, ...). Not wrapped as "error calling X".
 */
export class LimitFailure extends ExecFailure implements HostileError {
  readonly hostile = true as const;
  constructor(
    message: string,
    templateName: string,
    readonly limit: string,
  ) {
    super(message, templateName);
    this.name = 'LimitFailure';
  }
}

/** One `{{template}}` call in progress: the call node, the calling template and its tree, the dot passed. */
interface TemplateCall {
  node: TemplateNode;
  caller: string;
  tree: Tree | null;
  dot: unknown;
}

/** Per-execution bookkeeping shared by the states of one `executeTree`. */
interface ExecContext {
  calls: TemplateCall[];
  /** Depth of the execution's root state. */
  baseDepth: number;
  /** The calls in progress when the JavaScript stack ran out, or null. */
  overflow: TemplateCall[] | null;
}

/**
 * Go's `state.errorf` text: `template: LOCATION: executing "NAME" at <NODE>: MSG`; `tree` is the
 * tree `node` belongs to (the one being executed).
 */
function errorText(msg: string, node: Node | null, name: string, tree: Tree | null): string {
  if (node === null || tree === null) return `template: ${name}: ${msg}`;
  const { location, context } = tree.errorContext(node);
  return `template: ${location}: executing ${goQuote(name)} at <${context}>: ${msg}`;
}

/**
 * When the template calls in progress repeat (an infinite recursion), Go would go on until its
 * `maxExecDepth` and fail there: the error it prints, at the call it stops in. Null otherwise.
 */
function goDepthError(calls: TemplateCall[], baseDepth: number): ExecFailure | null {
  const p = recursionPeriod(calls);
  const d = calls.length;
  const k = GO_MAX_EXEC_DEPTH - baseDepth;
  if (p === 0 || k < d) return null;
  const f = calls[d - p + ((k - (d - p)) % p)]!;
  const msg = errorText(`exceeded maximum template depth (${GO_MAX_EXEC_DEPTH})`, f.node, f.caller, f.tree);
  return new ExecFailure(msg, f.caller);
}

function sameDot(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  return a instanceof GoInt && b instanceof GoInt && a.kind === b.kind && a.v === b.v;
}

/**
 * The smallest period `p` with which the innermost `2p` template calls repeat (same call node,
 * caller and dot), over at least `3p` recorded calls; 0 when they do not repeat. A repeating
 * suffix proves the recursion infinite (execution is deterministic given the template and dot).
 */
function recursionPeriod(calls: TemplateCall[]): number {
  const d = calls.length;
  for (let p = 1; p * 3 <= d; p++) {
    let ok = true;
    for (let i = d - 2 * p; i < d && ok; i++) {
      const a = calls[i]!;
      const b = calls[i - p]!;
      ok = a.node === b.node && a.caller === b.caller && sameDot(a.dot, b.dot);
    }
    if (ok) return p;
  }
  return 0;
}

type AnyFn = (...args: unknown[]) => unknown;

/**
 * The call being made right now (template name, its tree and the command node), for functions such
 * as Helm's `include` that need to know their call site. Updated before every function call.
 * @internal
 */
export const callSite: { name: string; tree: Tree | null; node: Node | null } = {
  name: '',
  tree: null,
  node: null,
};

/**
 * The variables of every execution in progress, innermost last (executions nest synchronously:
 * `{{template}}`, and functions such as Helm's `include` that execute another template): names,
 * values and static-interface flags, one slot each. A {@link State} sees the slots from its
 * `base` up to {@link varTop}.
 */
const varNames: string[] = [];
const varVals: unknown[] = [];
const varIface: boolean[] = [];
let varTop = 0;

const BREAK = 1;
const CONTINUE = 2;

/** One execution of one template (Go's `state`). */
export class State {
  out = '';
  node: Node | null = null;
  /** Where this state's variables start on the shared variable stack ({@link varTop} at creation). */
  readonly base = varTop;
  dotIface = false;
  /** Static-interface flag of the value last returned by evalField/evalFieldChain. */
  lastIface = false;

  constructor(
    readonly env: ExecEnv,
    public name: string,
    public depth: number,
    /** The tree being executed: the nodes met belong to it (error locations come from it). */
    readonly tree: Tree | null,
    /** The `{{template}}` calls in progress in this execution (shared by nested states). */
    readonly ctx: ExecContext = { calls: [], baseDepth: depth, overflow: null },
  ) {}

  // --- errors ---

  /** Go's `state.errorf`: `template: LOCATION: executing "NAME" at <NODE>: MSG`. */
  errorText(msg: string): string {
    return errorText(msg, this.node, this.name, this.tree);
  }

  errorf(msg: string): never {
    throw new ExecFailure(this.errorText(msg), this.name);
  }

  /** Throws a {@link LimitFailure} located like Go's exec errors. */
  limitf(msg: string, limit: string): never {
    throw new LimitFailure(this.errorText(msg), this.name, limit);
  }

  /** Appends to the output, bounded by `maxOutputLength`. */
  write(s: string): void {
    this.out += s;
    if (this.out.length > this.env.maxOutputLength) {
      this.out = '';
      this.limitf(
        `output exceeds ${this.env.maxOutputLength} characters (maxOutputLength)`,
        'maxOutputLength',
      );
    }
  }

  /**
   * The template depth bound was hit. When the calls in progress repeat (an infinite recursion),
   * Go would go on to its own `maxExecDepth` and fail there: report exactly that error, at the
   * call Go would stop in. Otherwise report our bound as `LimitExceeded`.
   */
  private depthExceeded(): never {
    const goErr = goDepthError(this.ctx.calls, this.ctx.baseDepth);
    if (goErr !== null) throw goErr;
    this.limitf(
      `exceeded maximum template depth (${this.env.maxExecDepth}) (maxTemplateDepth)`,
      'maxTemplateDepth',
    );
  }

  // --- variables ---

  push(name: string, value: unknown, iface: boolean): void {
    const i = varTop++;
    varNames[i] = name;
    varVals[i] = value;
    varIface[i] = iface;
  }

  mark(): number {
    return varTop;
  }

  pop(mark: number): void {
    varTop = mark;
  }

  setVar(name: string, value: unknown, iface: boolean): void {
    for (let i = varTop - 1; i >= this.base; i--) {
      if (varNames[i] === name) {
        varVals[i] = value;
        varIface[i] = iface;
        return;
      }
    }
    this.errorf(`undefined variable: ${name}`);
  }

  setTopVar(n: number, value: unknown, iface: boolean): void {
    const i = varTop - n;
    varVals[i] = value;
    varIface[i] = iface;
  }

  varIndex(name: string): number {
    for (let i = varTop - 1; i >= this.base; i--) if (varNames[i] === name) return i;
    this.errorf(`undefined variable: ${name}`);
  }

  // --- walk ---

  /** Executes `node` with `dot`; returns BREAK/CONTINUE when a loop control fired, else 0. */
  walk(dot: unknown, node: Node): number {
    this.node = node;
    switch (node.type) {
      case NodeType.Text:
        this.write(node.text);
        return 0;
      case NodeType.Action: {
        const val = this.evalPipeline(dot, node.pipe);
        if (node.pipe.decl.length === 0) this.printValue(node, val);
        return 0;
      }
      case NodeType.List: {
        const nodes = node.nodes;
        for (let i = 0; i < nodes.length; i++) {
          const r = this.walk(dot, nodes[i]!);
          if (r !== 0) return r;
        }
        return 0;
      }
      case NodeType.If:
      case NodeType.With:
        return this.walkIfOrWith(dot, node);
      case NodeType.Range:
        return this.walkRange(dot, node);
      case NodeType.Template:
        this.walkTemplate(dot, node);
        return 0;
      case NodeType.Comment:
        return 0;
      case NodeType.Break:
        return BREAK;
      case NodeType.Continue:
        return CONTINUE;
      default:
        this.errorf(`unknown node: ${nodeString(node)}`);
    }
  }

  private walkIfOrWith(dot: unknown, node: BranchNode): number {
    const mark = this.mark();
    try {
      const val = this.evalPipeline(dot, node.pipe);
      if (isTrue(val)) {
        if (node.type === NodeType.With) {
          const saved = this.dotIface;
          this.dotIface = false;
          try {
            return this.walk(val, node.list);
          } finally {
            this.dotIface = saved;
          }
        }
        return this.walk(dot, node.list);
      }
      if (node.elseList !== null) return this.walk(dot, node.elseList);
      return 0;
    } finally {
      this.pop(mark);
    }
  }

  private walkRange(dot: unknown, r: BranchNode): number {
    this.node = r;
    const outerMark = this.mark();
    const savedIface = this.dotIface;
    try {
      let val = this.evalPipeline(dot, r.pipe);
      if (val === null) val = undefined;
      const mark = this.mark();
      const decl = r.pipe.decl;
      const iter = (index: unknown, elem: unknown, elemIface: boolean): number => {
        if (decl.length > 0) {
          if (r.pipe.isAssign) {
            if (decl.length > 1) this.setVar(decl[0]!.ident[0]!, index, false);
            else this.setVar(decl[0]!.ident[0]!, elem, elemIface);
          } else this.setTopVar(1, elem, elemIface);
        }
        if (decl.length > 1) {
          if (r.pipe.isAssign) this.setVar(decl[1]!.ident[0]!, elem, elemIface);
          else this.setTopVar(2, index, false);
        }
        this.dotIface = elemIface;
        const res = this.walk(elem, r.list);
        this.pop(mark);
        return res;
      };
      if (Array.isArray(val)) {
        if (val.length > 0) {
          const iface = sliceElemType(val) === 'interface {}';
          for (let i = 0; i < val.length; i++) {
            if (iter(goInt(i), val[i], iface) === BREAK) break;
          }
          return 0;
        }
      } else if (val instanceof Uint8Array) {
        if (val.length > 0) {
          for (let i = 0; i < val.length; i++)
            if (iter(goInt(i), new GoInt('uint8', val[i]!), false) === BREAK) break;
          return 0;
        }
      } else if (
        val !== undefined &&
        val !== null &&
        typeof val === 'object' &&
        !(val instanceof GoInt) &&
        !(val instanceof GoFunc)
      ) {
        const info = goTypeInfo(val);
        if (info === undefined || info.kind === 'map') {
          const keys = sortedKeys(val);
          if (keys.length > 0) {
            const iface = mapElemType(val) === 'interface {}';
            const m = val as Record<string, unknown>;
            for (const k of keys) if (iter(k, m[k], iface) === BREAK) break;
            return 0;
          }
        } else {
          this.errorf(`range can't iterate over ${formatValue(val)}`);
        }
      } else if (val !== undefined) {
        this.errorf(`range can't iterate over ${formatValue(val)}`);
      }
      this.dotIface = savedIface;
      if (r.elseList !== null) return this.walk(dot, r.elseList);
      return 0;
    } finally {
      this.dotIface = savedIface;
      this.pop(outerMark);
    }
  }

  private walkTemplate(dot: unknown, t: TemplateNode): void {
    this.node = t;
    const tree = this.env.lookupTree(t.name);
    if (tree === undefined) this.errorf(`template ${goQuote(t.name)} not defined`);
    if (this.depth >= this.env.maxExecDepth) this.depthExceeded();
    const newDot = this.evalPipeline(dot, t.pipe);
    const st = new State(this.env, t.name, this.depth + 1, tree, this.ctx);
    const root = tree.root;
    if (root === null) st.errorf(`${goQuote(t.name)} is an incomplete or empty template`);
    st.push('$', newDot, false);
    const calls = this.ctx.calls;
    calls.push({ node: t, caller: this.name, tree: this.tree, dot: newDot });
    try {
      st.walk(newDot, root as ListNode);
    } catch (e) {
      // The innermost call that sees the stack run out records the calls for executeTree.
      if (this.ctx.overflow === null && isStackOverflowError(e)) this.ctx.overflow = calls.slice();
      throw e;
    } finally {
      calls.pop();
      varTop = st.base;
    }
    this.write(st.out);
  }

  // --- eval ---

  evalPipeline(dot: unknown, pipe: PipeNode | null): unknown {
    if (pipe === null) return undefined;
    this.node = pipe;
    let value: unknown = MISSING;
    const cmds = pipe.cmds;
    for (let i = 0; i < cmds.length; i++) {
      value = this.evalCommand(dot, cmds[i]!, value);
      if (value === null) value = undefined; // dig down one level: a nil interface is invalid
    }
    const decl = pipe.decl;
    for (let i = 0; i < decl.length; i++) {
      const name = decl[i]!.ident[0]!;
      if (pipe.isAssign) this.setVar(name, value, false);
      else this.push(name, value, false);
    }
    return value;
  }

  private notAFunction(args: Node[], final: Final): void {
    if (args.length > 1 || final !== MISSING)
      this.errorf(`can't give argument to non-function ${nodeString(args[0]!)}`);
  }

  private evalCommand(dot: unknown, cmd: CommandNode, final: Final): unknown {
    const first = cmd.args[0]!;
    switch (first.type) {
      case NodeType.Field:
        return this.evalFieldNode(dot, first, cmd.args, final);
      case NodeType.Chain:
        return this.evalChainNode(dot, first, cmd.args, final);
      case NodeType.Identifier:
        return this.evalFunction(dot, first, cmd, cmd.args, final);
      case NodeType.Pipe:
        this.notAFunction(cmd.args, final);
        return this.evalPipeline(dot, first);
      case NodeType.Variable:
        return this.evalVariableNode(dot, first, cmd.args, final);
    }
    this.node = first;
    this.notAFunction(cmd.args, final);
    switch (first.type) {
      case NodeType.Bool:
        return first.value;
      case NodeType.Dot:
        return dot;
      case NodeType.Nil:
        this.errorf('nil is not a command');
        break;
      case NodeType.Number:
        return this.idealConstant(first);
      case NodeType.String:
        return first.text;
    }
    this.errorf(`can't evaluate command ${goQuote(nodeString(first))}`);
  }

  idealConstant(c: NumberNode): unknown {
    this.node = c;
    const cached = c.ideal;
    if (cached !== undefined) return cached;
    let v: unknown;
    if (c.isComplex) v = new GoComplex(c.complex[0], c.complex[1]);
    else if (
      c.isFloat &&
      !isHexInt(c.text) &&
      !(c.text.length > 0 && c.text[0] === "'") &&
      /[.eEpP]/.test(c.text)
    ) {
      v = c.float64;
    } else if (c.isInt) {
      v = bigGoInt('int', c.int64);
    } else if (c.isUint) {
      this.errorf(`${c.text} overflows int`);
    }
    c.ideal = v;
    return v;
  }

  private evalFieldNode(dot: unknown, field: FieldNode, args: Node[] | null, final: Final): unknown {
    this.node = field;
    return this.evalFieldChain(dot, dot, this.dotIface, field, field.ident, args, final);
  }

  private evalChainNode(dot: unknown, chain: ChainNode, args: Node[] | null, final: Final): unknown {
    this.node = chain;
    if (chain.field.length === 0) this.errorf('internal error: no fields in evalChainNode');
    if (chain.node.type === NodeType.Nil)
      this.errorf(`indirection through explicit nil in ${nodeString(chain)}`);
    const pipe = this.evalArg(dot, null, chain.node);
    return this.evalFieldChain(dot, pipe, this.lastIface, chain, chain.field, args, final);
  }

  private evalVariableNode(dot: unknown, variable: VariableNode, args: Node[] | null, final: Final): unknown {
    this.node = variable;
    const i = this.varIndex(variable.ident[0]!);
    const value = varVals[i];
    const iface = varIface[i]!;
    if (variable.ident.length === 1) {
      if (args !== null) this.notAFunction(args, final);
      this.lastIface = iface;
      return value;
    }
    return this.evalFieldChain(dot, value, iface, variable, variable.ident.slice(1), args, final);
  }

  private evalFieldChain(
    dot: unknown,
    receiver: unknown,
    iface: boolean,
    node: Node,
    ident: string[],
    args: Node[] | null,
    final: Final,
  ): unknown {
    const n = ident.length;
    for (let i = 0; i < n - 1; i++) {
      receiver = this.evalField(dot, ident[i]!, node, null, MISSING, receiver, iface);
      iface = this.lastIface;
    }
    return this.evalField(dot, ident[n - 1]!, node, args, final, receiver, iface);
  }

  private evalFunction(
    dot: unknown,
    node: IdentifierNode,
    cmd: Node,
    args: Node[] | null,
    final: Final,
  ): unknown {
    this.node = node;
    const name = node.ident;
    const f = this.env.lookupFunc(name);
    if (f === undefined) this.errorf(`${goQuote(name)} is not a defined function`);
    const v = this.evalCall(dot, f.fn, f.builtin, cmd, name, args, final, undefined);
    this.lastIface = false;
    return v;
  }

  private evalField(
    dot: unknown,
    fieldName: string,
    node: Node,
    args: Node[] | null,
    final: Final,
    receiver: unknown,
    receiverIface: boolean,
  ): unknown {
    if (receiver === undefined) {
      if (this.env.missingKey === MissingKey.Error)
        this.errorf(`nil data; no entry for key ${goQuote(fieldName)}`);
      this.lastIface = false;
      return undefined;
    }
    if (receiver === null) this.errorf(`nil pointer evaluating interface {}.${fieldName}`);
    if (typeof receiver === 'object') {
      // A plain object (`map[string]interface {}`, what values decode to): the common case.
      const proto = Object.getPrototypeOf(receiver);
      if (proto === Object.prototype || proto === null) {
        return this.mapField(fieldName, receiver as Record<string, unknown>, 'interface {}', args, final);
      }
      // Arrays: plain slices have no type info; a named slice type (kind `slice`) has methods only.
      const info = receiver instanceof GoInt ? undefined : goTypeInfo(receiver);
      if (info === undefined) {
        if (!Array.isArray(receiver) && isMapLike(receiver)) {
          return this.mapField(fieldName, receiver as Record<string, unknown>, 'interface {}', args, final);
        }
      } else {
        const method = info.methods?.[fieldName];
        if (method !== undefined) {
          const v = this.evalCall(dot, method, false, node, fieldName, args, final, receiver);
          this.lastIface = false;
          return v;
        }
        const hasArgs = (args !== null && args.length > 1) || final !== MISSING;
        if (info.kind === 'struct') {
          if (Object.hasOwn(receiver, fieldName)) {
            if (!isExported(fieldName))
              this.errorf(
                `${fieldName} is an unexported field of struct type ${receiverIface ? 'interface {}' : typeName(receiver)}`,
              );
            if (hasArgs) this.errorf(`${fieldName} has arguments but cannot be invoked as function`);
            this.lastIface = false;
            return (receiver as Record<string, unknown>)[fieldName];
          }
        } else if (info.kind !== 'slice') {
          return this.mapField(
            fieldName,
            receiver as Record<string, unknown>,
            info.elem ?? 'interface {}',
            args,
            final,
          );
        }
      }
    }
    this.errorf(
      `can't evaluate field ${fieldName} in type ${receiverIface ? 'interface {}' : typeName(receiver)}`,
    );
  }

  private mapField(
    fieldName: string,
    m: Record<string, unknown>,
    elem: string,
    args: Node[] | null,
    final: Final,
  ): unknown {
    if ((args !== null && args.length > 1) || final !== MISSING) {
      this.errorf(`${fieldName} is not a method but has arguments`);
    }
    const iface = elem === 'interface {}';
    this.lastIface = iface;
    if (Object.hasOwn(m, fieldName)) return m[fieldName];
    switch (this.env.missingKey) {
      case MissingKey.Zero:
        return iface ? null : zeroValue(elem);
      case MissingKey.Error:
        this.errorf(`map has no entry for key ${goQuote(fieldName)}`);
    }
    return undefined;
  }

  /**
   * Calls `fun` (a function, or a method bound to `receiver`). `args`, when not null, includes the
   * function node itself at index 0, as in Go.
   */
  evalCall(
    dot: unknown,
    fun: GoFunc,
    isBuiltin: boolean,
    node: Node,
    name: string,
    args: Node[] | null,
    final: Final,
    receiver: unknown,
  ): unknown {
    const argc = args === null ? 0 : args.length - 1;
    const sig = fun.sig;
    const hasFinal = final !== MISSING;
    const numIn = argc + (hasFinal ? 1 : 0);
    const params = sig.params;
    let numFixed = argc;
    if (sig.variadic !== null) {
      numFixed = params.length;
      if (numIn < numFixed) {
        this.errorf(`wrong number of args for ${name}: want at least ${params.length} got ${argc}`);
      }
    } else if (numIn !== params.length) {
      this.errorf(`wrong number of args for ${name}: want ${params.length} got ${numIn}`);
    }

    if (isBuiltin && (name === 'and' || name === 'or')) {
      let v: unknown;
      const isOr = name === 'or';
      for (let i = 1; i <= argc; i++) {
        v = this.evalArg(dot, 'reflect.Value', args![i]!);
        if (v === null) v = undefined;
        if (isTrue(v) === isOr) return v;
      }
      if (hasFinal) v = final;
      return v;
    }

    const argv: unknown[] = new Array(numIn);
    let i = 0;
    for (; i < numFixed && i < argc; i++) argv[i] = this.evalArg(dot, params[i]!, args![i + 1]!);
    if (sig.variadic !== null) {
      const t = sig.variadic;
      for (; i < argc; i++) argv[i] = this.evalArg(dot, t, args![i + 1]!);
    }
    if (hasFinal) {
      let t = sig.variadic !== null ? sig.variadic : params[params.length - 1]!;
      if (sig.variadic !== null && numIn - 1 < numFixed) t = params[numIn - 1]!;
      argv[i] = this.validateType(final, t);
    }
    if (isBuiltin && name === 'call') {
      argv.unshift(nodeString(args![1]!));
    }
    let result: unknown;
    callSite.name = this.name;
    callSite.tree = this.tree;
    callSite.node = node;
    try {
      const fn = fun.fn as AnyFn;
      if (receiver !== undefined) result = fn.apply(receiver, argv);
      else {
        // Direct calls for the common arities: a spread call is slow while the code is interpreted.
        switch (argv.length) {
          case 0:
            result = fn();
            break;
          case 1:
            result = fn(argv[0]);
            break;
          case 2:
            result = fn(argv[0], argv[1]);
            break;
          case 3:
            result = fn(argv[0], argv[1], argv[2]);
            break;
          default:
            result = fn(...argv);
        }
      }
    } catch (e) {
      if (isStackOverflowError(e)) throw e;
      if (isHostile(e)) {
        const limit = hostileLimit(e);
        // A bound hit inside the function itself (until, repeat, ...): locate it at this call.
        if (limit !== undefined && !(e instanceof ExecFailure)) {
          this.node = node;
          this.limitf(`error calling ${name}: ${(e as Error).message}`, limit);
        }
        throw e;
      }
      if (isResourceError(e)) {
        this.node = node;
        this.limitf(`error calling ${name}: ${(e as Error).message}`, 'jsStringLength');
      }
      this.node = node;
      this.errorf(`error calling ${name}: ${e instanceof Error ? e.message : String(e)}`);
    }
    return result;
  }

  validateType(value: unknown, typ: string | null): unknown {
    if (value === undefined) {
      if (typ === null) return undefined;
      if (typ === 'reflect.Value') return undefined;
      if (canBeNil(typ)) return null;
      this.errorf(`invalid value; expected ${typ}`);
    }
    if (typ === null || typ === 'interface {}' || typ === 'reflect.Value') return value;
    if (value === null) this.errorf(`wrong type for value; expected ${typ}; got interface {}`);
    if (!assignable(value, typ)) this.errorf(`wrong type for value; expected ${typ}; got ${typeName(value)}`);
    return value;
  }

  evalArg(dot: unknown, typ: string | null, n: Node): unknown {
    this.node = n;
    switch (n.type) {
      case NodeType.Dot:
        this.lastIface = this.dotIface;
        return this.validateType(dot, typ);
      case NodeType.Nil:
        if (typ === null || canBeNil(typ)) return typ === 'reflect.Value' ? undefined : null;
        this.errorf(`cannot assign nil to ${typ}`);
        break;
      case NodeType.Field:
        // Go passes `[]parse.Node{n}`: one element, no arguments, as null says here.
        return this.validateType(this.evalFieldNode(dot, n, null, MISSING), typ);
      case NodeType.Variable:
        return this.validateType(this.evalVariableNode(dot, n, null, MISSING), typ);
      case NodeType.Pipe: {
        const v = this.validateType(this.evalPipeline(dot, n), typ);
        this.lastIface = false;
        return v;
      }
      case NodeType.Identifier:
        return this.validateType(this.evalFunction(dot, n, n, null, MISSING), typ);
      case NodeType.Chain:
        return this.validateType(this.evalChainNode(dot, n, null, MISSING), typ);
    }
    this.lastIface = false;
    switch (typ) {
      case 'bool':
        if (n.type === NodeType.Bool) return n.value;
        this.errorf(`expected bool; found ${nodeString(n)}`);
        break;
      case 'complex128':
      case 'complex64':
        if (n.type === NodeType.Number && n.isComplex) return new GoComplex(n.complex[0], n.complex[1]);
        this.errorf(`expected complex; found ${nodeString(n)}`);
        break;
      case 'float64':
      case 'float32':
        if (n.type === NodeType.Number && n.isFloat) return n.float64;
        this.errorf(`expected float; found ${nodeString(n)}`);
        break;
      case 'int':
      case 'int8':
      case 'int16':
      case 'int32':
      case 'int64':
        if (n.type === NodeType.Number && n.isInt) return bigGoInt(typ, n.int64);
        this.errorf(`expected integer; found ${nodeString(n)}`);
        break;
      case null:
      case 'interface {}':
      case 'reflect.Value':
        return this.evalEmptyInterface(dot, n);
      case 'string':
        if (n.type === NodeType.String) return n.text;
        this.errorf(`expected string; found ${nodeString(n)}`);
        break;
      case 'uint':
      case 'uint8':
      case 'uint16':
      case 'uint32':
      case 'uint64':
      case 'uintptr':
        if (n.type === NodeType.Number && n.isUint) return bigGoInt(typ, n.uint64);
        this.errorf(`expected unsigned integer; found ${nodeString(n)}`);
    }
    this.errorf(`can't handle ${nodeString(n)} for arg of type ${typ}`);
  }

  private evalEmptyInterface(_dot: unknown, n: Node): unknown {
    this.node = n;
    switch (n.type) {
      case NodeType.Bool:
        return n.value;
      case NodeType.Number:
        return this.idealConstant(n);
      case NodeType.String:
        return n.text;
    }
    this.errorf(`can't handle assignment of ${nodeString(n)} to empty interface argument`);
  }

  private printValue(n: Node, v: unknown): void {
    this.node = n;
    if (v === undefined) {
      this.write('<no value>');
      return;
    }
    switch (typeof v) {
      case 'string':
        this.write(v);
        return;
      case 'number':
      case 'boolean':
        this.write(formatValue(v));
        return;
    }
    if (v instanceof GoFunc) this.errorf(`can't print ${nodeString(n)} of type ${typeName(v)}`);
    this.write(formatValue(v));
  }
}

function isHexInt(s: string): boolean {
  return s.length > 2 && s[0] === '0' && (s[1] === 'x' || s[1] === 'X') && !/[pP]/.test(s);
}

function isExported(name: string): boolean {
  const c = name.codePointAt(0)!;
  return String.fromCodePoint(c) !== String.fromCodePoint(c).toLowerCase();
}

function isMapLike(v: object): boolean {
  return (
    !(v instanceof Uint8Array) && !(v instanceof GoComplex) && !(v instanceof GoFunc) && !(v instanceof Date)
  );
}

/** Marker interface for errors that must not be wrapped as "error calling X" (limits). */
export interface HostileError {
  readonly hostile: true;
}

/** The `data.limit` of a `LimitExceeded` error thrown by a function (not yet located). */
function hostileLimit(e: unknown): string | undefined {
  const data = (e as { data?: { limit?: unknown; located?: unknown } }).data;
  if (data === undefined || data.located === true) return undefined;
  return typeof data.limit === 'string' ? data.limit : undefined;
}

/**
 * True for the JavaScript engine's out-of-room errors on huge values (`Invalid string length`,
 * `Invalid array length`, failed buffer allocation): a result Go could build is too big for us.
 * @internal
 */
export function isResourceError(e: unknown): boolean {
  return (
    e instanceof RangeError &&
    (e.message.startsWith('Invalid string length') ||
      e.message.startsWith('Invalid array length') ||
      e.message.includes('allocation failed'))
  );
}

function isHostile(e: unknown): boolean {
  return (
    typeof e === 'object' &&
    e !== null &&
    ((e as { hostile?: unknown }).hostile === true || (e as { code?: unknown }).code === 'LimitExceeded')
  );
}

/** Executes `tree` as template `name` with `data` (Go's `Template.execute`). */
export function executeTree(
  env: ExecEnv,
  name: string,
  tree: Tree | undefined,
  data: unknown,
  depth = 0,
): string {
  const st = new State(env, name, depth, tree ?? null);
  const dot = data === null ? undefined : data;
  const root = tree?.root;
  if (root === undefined || root === null) st.errorf(`${goQuote(name)} is an incomplete or empty template`);
  st.push('$', dot, false);
  try {
    st.walk(dot, root as ListNode);
  } catch (e) {
    const overflow = st.ctx.overflow;
    if (overflow !== null && isStackOverflowError(e)) {
      const goErr = goDepthError(overflow, depth);
      if (goErr !== null) throw goErr;
    }
    throw e;
  } finally {
    varTop = st.base;
    // The outermost execution is over: drop the values it left above the stack top.
    if (varTop === 0) varVals.length = 0;
  }
  return st.out;
}
