/**
 * The CEL environment of Flux's health-check expressions, on `@marcbachmann/cel-js`: expressions
 * are parsed (not type-checked, as Flux parses them) with every variable dynamic, optional types on,
 * and the cel-go extension functions Flux enables (`ext.Strings`, `ext.Sets`, `ext.Encoders`) that
 * the library lacks registered here: `charAt`, `replace`, `reverse`, `strings.quote`,
 * `sets.contains|equivalent|intersects`, `base64.encode|decode`. Not available: `string.format`.
 *
 * @internal
 * @see https://github.com/fluxcd/pkg/blob/main/runtime/cel/expression.go `NewExpression`
 */

import { Environment } from '@marcbachmann/cel-js';

type CelValue = unknown;

class CelSets {}
class CelBase64 {}
class CelStrings {}

function celEquals(a: CelValue, b: CelValue): boolean {
  if (a === b) return true;
  const an = typeof a === 'number' || typeof a === 'bigint';
  const bn = typeof b === 'number' || typeof b === 'bigint';
  if (an && bn) return Number(a) === Number(b);
  if (a instanceof Uint8Array && b instanceof Uint8Array) {
    return a.length === b.length && a.every((x, i) => x === b[i]);
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((x, i) => celEquals(x, b[i]));
  }
  if (a instanceof Map || b instanceof Map) return false;
  if (typeof a === 'object' && a !== null && typeof b === 'object' && b !== null) {
    const ak = Object.keys(a);
    const bk = Object.keys(b);
    return (
      ak.length === bk.length &&
      ak.every(
        (k) =>
          Object.hasOwn(b, k) &&
          celEquals((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]),
      )
    );
  }
  return false;
}

const contains = (list: CelValue[], x: CelValue) => list.some((y) => celEquals(x, y));

function quote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (ch === '\b') out += '\\b';
    else if (ch === '\f') out += '\\f';
    else if (ch === '\v') out += '\\v';
    else if (ch === '\x07') out += '\\a';
    else if (c < 0x20 || c === 0x7f) out += `\\x${c.toString(16).padStart(2, '0')}`;
    else out += ch;
  }
  return `${out}"`;
}

let env: Environment | undefined;

/** The shared environment, built on first use. */
export function celEnvironment(): Environment {
  if (env) return env;
  const e = new Environment({
    unlistedVariablesAreDyn: true,
    enableOptionalTypes: true,
    homogeneousAggregateLiterals: false,
  });
  e.registerType('ext.Sets', CelSets)
    .registerType('ext.Base64', CelBase64)
    .registerType('ext.Strings', CelStrings)
    .registerConstant('sets', 'ext.Sets', new CelSets())
    .registerConstant('base64', 'ext.Base64', new CelBase64())
    .registerConstant('strings', 'ext.Strings', new CelStrings())
    .registerFunction('ext.Sets.contains(list, list): bool', (_: unknown, a: CelValue[], b: CelValue[]) =>
      b.every((x) => contains(a, x)),
    )
    .registerFunction(
      'ext.Sets.equivalent(list, list): bool',
      (_: unknown, a: CelValue[], b: CelValue[]) =>
        b.every((x) => contains(a, x)) && a.every((x) => contains(b, x)),
    )
    .registerFunction('ext.Sets.intersects(list, list): bool', (_: unknown, a: CelValue[], b: CelValue[]) =>
      a.some((x) => contains(b, x)),
    )
    .registerFunction('ext.Base64.encode(bytes): string', (_: unknown, b: Uint8Array) =>
      Buffer.from(b).toString('base64'),
    )
    .registerFunction('ext.Base64.decode(string): bytes', (_: unknown, s: string) => {
      if (!/^[A-Za-z0-9+/]*={0,2}$/.test(s)) throw new Error('illegal base64 data');
      return new Uint8Array(Buffer.from(s, 'base64'));
    })
    .registerFunction('ext.Strings.quote(string): string', (_: unknown, s: string) => quote(s))
    .registerFunction('string.charAt(int): string', (s: string, i: bigint) => {
      const cps = Array.from(s);
      if (i < 0n || i > BigInt(cps.length)) throw new Error(`index out of range: ${i}`);
      return cps[Number(i)] ?? '';
    })
    .registerFunction('string.replace(string, string): string', (s: string, a: string, b: string) =>
      s.split(a).join(b),
    )
    .registerFunction(
      'string.replace(string, string, int): string',
      (s: string, a: string, b: string, n: bigint) => {
        if (n < 0n) return s.split(a).join(b);
        const parts = s.split(a);
        const k = Number(n);
        if (parts.length - 1 <= k) return parts.join(b);
        return parts.slice(0, k + 1).join(b) + a + parts.slice(k + 1).join(a);
      },
    )
    .registerFunction('string.reverse(): string', (s: string) => Array.from(s).reverse().join(''));
  env = e;
  return e;
}

/**
 * An object's fields as CEL values: integral numbers become CEL `int`s (JavaScript `bigint`), as Go
 * decodes JSON integers to `int64`; other numbers stay `double`. Keys whose value is `undefined`
 * are dropped.
 */
export function toCelValue(v: unknown): unknown {
  if (typeof v === 'number') return Number.isInteger(v) ? BigInt(v) : v;
  if (Array.isArray(v)) return v.map(toCelValue);
  if (typeof v === 'object' && v !== null && !(v instanceof Uint8Array) && !(v instanceof Date)) {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v)) {
      const x = (v as Record<string, unknown>)[k];
      if (x !== undefined) out[k] = toCelValue(x);
    }
    return out;
  }
  return v;
}

/** cel-go's wording for the library's common evaluation errors. */
export function celErrorMessage(err: unknown): string {
  const msg = (err instanceof Error ? err.message : String(err)).split('\n')[0]!;
  const key = /^No such key: (.*)$/.exec(msg);
  if (key) return `no such key: ${key[1]}`;
  const variable = /^Unknown variable: (.*)$/.exec(msg);
  if (variable) return `no such attribute(s): ${variable[1]}`;
  return msg;
}
