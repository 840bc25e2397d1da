/**
 * Helpers the golden tests share: decoding the tagged JSON data of the golden case tables
 * (`{"$int": 3}` etc., see `scripts/goldens/template/main.go`) and the test functions the Go
 * golden program defines.
 * @internal
 */
import { goFunc, type FuncMap } from '../value/func.js';
import { goString } from '../value/goString.js';
import { GoInt, goInt, goTypeInfo, typedSlice, typeName, goType, type GoTypeInfo } from '../value/types.js';

const mapStringString: GoTypeInfo = { name: 'map[string]string', kind: 'map', elem: 'string' };

/** Builds a `map[string]string` value. */
export function typedMapSS(m: Record<string, string>): Record<string, string> {
  const proto = { [goType]: mapStringString };
  return Object.assign(Object.create(proto), m);
}

/** Decodes tagged golden data into the template value model. */
export function decodeGoldenData(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(decodeGoldenData);
  if (v !== null && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    const keys = Object.keys(o);
    if (keys.length === 1) {
      const k = keys[0]!;
      const x = o[k];
      switch (k) {
        case '$int':
          return goInt(x as number);
        case '$int64':
          return new GoInt('int64', x as number);
        case '$uint':
          return new GoInt('uint', x as number);
        case '$uint8':
          return new GoInt('uint8', x as number);
        case '$bytes':
          return new Uint8Array(Buffer.from(x as string));
        case '$rawstr':
          return goString(Buffer.from(x as string, 'base64'));
        case '$rawbytes':
          return new Uint8Array(Buffer.from(x as string, 'base64'));
        case '$strings':
          return typedSlice('string', [...(x as string[])]);
        case '$ints':
          return typedSlice(
            'int',
            (x as number[]).map((n) => goInt(n)),
          );
        case '$mapss':
          return typedMapSS(x as Record<string, string>);
      }
    }
    const out: Record<string, unknown> = {};
    for (const k of keys) out[k] = decodeGoldenData(o[k]);
    return out;
  }
  return v;
}

/** The functions `scripts/goldens/template/main.go` defines for its cases. */
export function goldenTestFuncs(): FuncMap {
  return {
    echo: goFunc('func(interface {}) interface {}', (a: unknown) => a),
    add: goFunc('func(int, int) int', (a: GoInt, b: GoInt) => goInt(a.v + b.v)),
    die: goFunc('func() (bool, error)', () => {
      throw new Error('die');
    }),
    zero: goFunc('func() int', () => goInt(0)),
    makemap: goFunc('func(...string) map[string]string', (...kv: string[]) => {
      const m: Record<string, string> = {};
      for (let i = 0; i + 1 < kv.length; i += 2) m[kv[i]!] = kv[i + 1]!;
      return typedMapSS(m);
    }),
    concat: goFunc('func(string, ...string) string', (a: string, ...b: string[]) => `${a}<${b.join('+')}>`),
    errfn: goFunc('func(string) (string, error)', (s: string) => {
      if (s === '') throw new Error('empty');
      return s;
    }),
    typeOf: goFunc('func(interface {}) string', (a: unknown) => typeName(a)),
    nilmap: goFunc('func() map[string]interface {}', () => null),
    strslice: goFunc('func() []string', () => typedSlice('string', ['a', 'b'])),
  };
}

void goTypeInfo;
