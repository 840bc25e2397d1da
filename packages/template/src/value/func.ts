/**
 * Declaring template functions with Go signatures, so the executor applies Go's argument rules
 * (count, types, literal conversion) and error messages.
 */
import { TemplateError } from '../exec/errors.js';
import { GoFunc, type Signature } from './types.js';

const sigCache = new Map<string, Signature>();

function splitTop(s: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let cur = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') depth--;
    if (c === ',' && depth === 0) {
      out.push(cur.trim());
      cur = '';
    } else cur += c;
  }
  if (cur.trim()) out.push(cur.trim());
  return out;
}

/**
 * Parses a Go function type: `func(string, ...interface {}) string` or
 * `func(reflect.Value) (int, error)`. `any` is accepted for `interface {}`.
 * @throws TemplateError `InvalidArgument` on a malformed signature.
 */
export function parseSignature(text: string): Signature {
  const cached = sigCache.get(text);
  if (cached) return cached;
  const norm = text.replace(/\bany\b/g, 'interface {}').replace(/interface\{\}/g, 'interface {}');
  const m = /^func\((.*?)\)\s*(.*)$/.exec(norm);
  if (!m) throw new TemplateError('InvalidArgument', `invalid function signature: ${text}`);
  const params = splitTop(m[1]!);
  let variadic: string | null = null;
  const last = params[params.length - 1];
  if (last?.startsWith('...')) {
    variadic = last.slice(3);
    params.pop();
  }
  let res = m[2]!.trim();
  let returnsError = false;
  if (res.startsWith('(')) {
    const parts = splitTop(res.slice(1, -1));
    if (parts.length !== 2 || parts[1] !== 'error') {
      throw new TemplateError('InvalidArgument', `invalid function signature: ${text}`);
    }
    res = parts[0]!;
    returnsError = true;
  }
  if (res === '')
    throw new TemplateError('InvalidArgument', `function ${text} has 0 return values; should be 1 or 2`);
  const sig: Signature = { params, variadic, result: res, returnsError };
  sigCache.set(text, sig);
  return sig;
}

/**
 * Declares a template function from its Go signature and implementation. Arguments arrive in the
 * value model of `value/types.ts` (`interface {}` params never see `undefined`: Go's nil is `null`);
 * throw an `Error` to return a Go error (the template fails with `error calling NAME: MESSAGE`).
 *
 * @example
 * ```ts
 * const upper = goFunc('func(string) string', (s: string) => s.toUpperCase());
 * ```
 */
export function goFunc(signature: string, fn: (...args: never[]) => unknown): GoFunc {
  return new GoFunc(parseSignature(signature), fn);
}

/** A map of function names to Go functions (Go's `template.FuncMap`). */
export type FuncMap = Record<string, GoFunc>;
