import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { decodeYamlFull, decodeYamlLazy } from './goYaml.js';
import { BAIL, decodeYamlFast } from './goYamlFast.js';
import type { Value } from './types.js';

// The fast path must give exactly what the full go-yaml port gives (itself checked against real
// helm in goYaml.test.ts), or BAIL. Compared with key order, bigint/number and -0 kept apart.
const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '../../../..');
const sharedCorpus = join(process.env.GITOPS_KIT_SHARED ?? join(repoRoot, '../shared'), 'corpus');

function show(v: Value): string {
  return JSON.stringify(v, (_k, x: unknown) => {
    if (typeof x === 'bigint') return `${x}n`;
    if (typeof x === 'number' && Object.is(x, -0)) return '-0.0';
    if (typeof x === 'number' && !Number.isFinite(x)) return String(x);
    if (x !== null && typeof x === 'object' && !Array.isArray(x)) {
      // Own keys in order, `__proto__` included.
      return Object.fromEntries(
        Object.keys(x).map((k) => [k === '__proto__' ? '[__proto__]' : k, (x as Record<string, unknown>)[k]]),
      );
    }
    return x;
  });
}

function full(text: string, keepNumbers: boolean): { v?: string; err?: string } {
  try {
    return { v: show(decodeYamlFull(text, keepNumbers)) };
  } catch (e) {
    return { err: (e as Error).message };
  }
}

/**
 * Fast result against the full decoder: equal, or BAIL. Returns whether the fast path decoded it.
 * The lazy decode (every nested block deferred: `lazyLines` 1) must give the same, or BAIL alike;
 * `show` reads every property, so it forces every deferred block.
 */
function agree(text: string, keepNumbers = false): boolean {
  const fast = decodeYamlFast(text, keepNumbers);
  const lazy = decodeYamlFast(text, keepNumbers, 1);
  if (fast === BAIL) {
    expect({ text, lazy: lazy === BAIL }).toEqual({ text, lazy: true });
    return false;
  }
  const want = full(text, keepNumbers);
  expect({ text, got: show(fast) }).toEqual({ text, got: want.v ?? `(full decoder failed: ${want.err})` });
  expect({ text, lazy: lazy === BAIL ? 'BAIL' : show(lazy) }).toEqual({ text, lazy: want.v });
  return true;
}

describe('decodeYamlFast', () => {
  // Each of these must take the fast path (so a regression that bails everything fails here).
  it.each([
    ['block mapping', 'a: 1\nb: two\nc: true\nd: ~\ne:\n'],
    ['leading comment and marker', '# head\n---\napiVersion: v1\nkind: List\n'],
    ['nested mappings', 'a:\n  b:\n    c: d\n  e: f\ng: h\n'],
    ['indentless sequence', 'a:\n- 1\n- x\nb: 2\n'],
    ['indented sequence', 'a:\n  - 1\n  - x\nb: 2\n'],
    ['compact mappings in a sequence', 'items:\n- name: a\n  value: 1\n-   name: b\n    value: "2"\n'],
    ['empty entries', 'a:\n-\n- \nb:\n'],
    ['flow empties', 'a: []\nb: {}\nc: [] # comment\nd: [ ]\ne: { }\n'],
    [
      'flow collections',
      'a: [get, list, "wa tch", \'x\']\nb: {cpu: 100m, memory: "1Gi", list: [1, 2.5, yes, ~, -1]}\nc: [[a], {k: v}]\n',
    ],
    ['flow in a sequence', '- [a, b]\n- {x: y}\n'],
    ['comments everywhere', 'a: 1 # one\n  # indented comment\n# top\nb: x#y # z\n'],
    [
      'plain continuation',
      'description: The first line\n  and the second,\n\n  after an empty line.\nnext: x\n',
    ],
    [
      'continuation with indicators',
      'd: first\n  `Pod` objects - and [brackets] {braces} *star &amp !bang\nnext: 1\n',
    ],
    ['continuation ends at a comment', 'd: first\n  # comment\nnext: 1\n'],
    ['single-quoted', "a: 'it''s'\nb: '  spaced  '\nc: ''\n"],
    [
      'single-quoted over lines',
      "d: 'Optional: Host name,\n    defaults to the pod IP.'\ne: 'a  \n\n   b'\n",
    ],
    ['double-quoted', 'a: "x\\ty\\n\\"q\\" \\\\"\nb: ""\n'],
    ['double-quoted over lines', 'a: "one\n  two\n\n  three"\n'],
    ['quoted keys', '"helm.sh/hook": pre-install\n\'a b\': 1\n"": empty\n'],
    ['literal', 'a: |\n  line 1\n    indented\n\n  line 3\nb: x\n'],
    ['literal strip', 'a: |-\n  x\n  y\n\n\nb: 1\n'],
    ['literal keep', 'a: |+\n  x\n\n\nb: 1\n'],
    ['literal keep at the end', 'a: |+\n  x\n\n'],
    ['literal clip at the end without newline', 'a: |\n  x'],
    ['literal with comment header', 'a: | # c\n  x\n'],
    ['literal with a hash line and spaces-only lines', 'a: |\n  # not a comment\n      \n  x\n'],
    ['literal in a sequence', 'a:\n- |\n  x\n- |-\n    y\n'],
    ['literal then a comment and a key', 'a:\n  b: |\n    x\n\n   \n  # c\n  d: 1\n'],
    ['literal keep with spaces-only lines', 'a: |+\n  x\n     \n  \n\nb: 1\n'],
    ['literal with leading empty lines', 'a: |\n\n  \n  x\n  y\nb: 1\n'],
    ['literal at the end with trailing spaces line', 'a: |-\n  x\n  y\n   '],
    [
      'literal in a nested sequence mapping',
      'l:\n  - name: |\n      one\n       two\n    more: |+\n      three\n\n  - z\n',
    ],
    [
      'numbers and booleans',
      'a: 0755\nb: 0x1F\nc: 1_000\nd: 1.5e3\ne: -1\nf: yes\ng: Off\nh: .5\ni: -Xmx512m\n',
    ],
    ['big ints', 'a: 9223372036854775807\nb: 18446744073709551615\nc: 18446744073709551616\n'],
    ['timestamps stay strings', 'a: 2002-12-14\n'],
    ['duplicate keys keep the last', 'a: 1\nb: 2\na: 3\n'],
    ['__proto__ is an own key', '__proto__: x\nconstructor: y\n'],
    ['colons inside plain', 'url: http://x:80/y\nk:v: w\n'],
    ['top-level sequence', '- a\n- b: c\n'],
    ['document at an indent', '  a: 1\n  b: 2\n'],
    ['keys with spaces before the colon', 'a   : 1\n'],
    ['unicode', 'ключ: значение 🎉\n'],
  ])('%s', (_name, text) => {
    expect(agree(text)).toBe(true);
    agree(text, true);
  });

  // These leave the subset: the fast path must BAIL (the full decoder handles or words them).
  it.each([
    ['anchors', 'a: &x 1\nb: *x\n'],
    ['tags', 'a: !!str 1\n'],
    ['flow trailing comma', 'a: [b, c,]\n'],
    ['flow without space after colon', 'a: {b:c}\n'],
    ['flow over lines', 'a: [b,\n  c]\n'],
    ['flow mapping in a flow sequence', 'a: [b: c]\n'],
    ['flow key without value', 'a: {b}\n'],
    ['flow int key', 'a: {1: b}\n'],
    ['folded', 'a: >\n  x\n'],
    ['indentation indicator', 'a: |2\n   x\n'],
    ['tab', 'a:\tb\n'],
    ['CRLF', 'a: b\r\n'],
    ['second document', 'a: 1\n---\nb: 2\n'],
    ['document end', 'a: 1\n...\n'],
    ['directive', '%YAML 1.1\n---\na: 1\n'],
    ['merge key', 'a: 1\n<<: {b: 2}\n'],
    ['bool key', 'yes: 1\n'],
    ['int key', '1: a\n'],
    ['mapping in a plain value', 'a: b: c\n'],
    ['bad indentation', 'a:\n    b: 1\n  c: 2\n'],
    ['scalar document', 'hello\n'],
    ['empty document', '# nothing\n'],
    ['nested sequence entry', '- - a\n'],
    ['unknown escape', 'a: "\\x41"\n'],
    ['unterminated quote', "a: 'x\n"],
    ['infinity', 'a: .inf\n'],
    ['control character', 'a: \u0007\n'],
    ['BOM', '\ufeffa: 1\n'],
  ])('%s bails', (_name, text) => {
    expect(decodeYamlFast(text, false)).toBe(BAIL);
  });

  describe('lazy decoding', () => {
    const text = [
      'apiVersion: v1',
      'metadata:',
      '  name: big',
      'spec:',
      '  a:',
      '    b: 1',
      '    c: [x, y]',
      '  list:',
      '  - k: v',
      '  - 2',
      '  __proto__:',
      '    p: 1',
      'last: end',
      '',
    ].join('\n');
    const eager = decodeYamlFast(text, false) as Record<string, Value>;

    it('defers blocks as accessors that settle into data properties in place', () => {
      const v = decodeYamlFast(text, false, 1) as Record<string, Value>;
      expect(Object.keys(v)).toEqual(['apiVersion', 'metadata', 'spec', 'last']);
      expect(typeof Object.getOwnPropertyDescriptor(v, 'spec')!.get).toBe('function');
      const spec = v.spec as Record<string, Value>;
      expect(Object.getOwnPropertyDescriptor(v, 'spec')).toEqual({
        value: spec,
        writable: true,
        enumerable: true,
        configurable: true,
      });
      expect(v.spec).toBe(spec); // decoded once
      expect(Object.keys(spec)).toEqual(['a', 'list', '__proto__']);
      expect(Object.getPrototypeOf(spec)).toBe(Object.prototype);
      expect(show(v)).toBe(show(eager));
    });

    it('assigning or deleting a deferred key works as on a plain object', () => {
      const v = decodeYamlFast(text, false, 1) as Record<string, Value>;
      v.spec = 'replaced';
      delete v.metadata;
      expect(Object.keys(v)).toEqual(['apiVersion', 'spec', 'last']);
      expect(v.spec).toBe('replaced');
      expect({ ...v }).toEqual({ apiVersion: 'v1', spec: 'replaced', last: 'end' });
    });

    it('blocks shorter than lazyLines are built at once', () => {
      const v = decodeYamlFast(text, false, 5) as Record<string, Value>;
      expect(Object.getOwnPropertyDescriptor(v, 'metadata')!.value).toEqual({ name: 'big' });
      expect(typeof Object.getOwnPropertyDescriptor(v, 'spec')!.get).toBe('function');
    });

    it('decodeYamlLazy defers long blocks of texts of 16 KiB and more only', () => {
      const block = (n: number) =>
        `spec:\n${Array.from({ length: n }, (_, i) => `  k${i}: "${'v'.repeat(40)}"`).join('\n')}\n`;
      const big = decodeYamlLazy(`kind: A\n${block(400)}`) as Record<string, Value>;
      const small = decodeYamlLazy(`kind: A\n${block(40)}`) as Record<string, Value>;
      expect(typeof Object.getOwnPropertyDescriptor(big, 'spec')!.get).toBe('function');
      expect(Object.keys(big.spec as object)).toHaveLength(400);
      expect(Object.getOwnPropertyDescriptor(small, 'spec')!.get).toBeUndefined();
    });

    it.each([
      ['a bail deep inside a deferred block', 'a:\n  b:\n    c:\n      d: .inf\n'],
      ['a bad key deep inside', 'a:\n  b:\n    true: 1\n'],
      ['a merge key deep inside', 'a:\n  b:\n    <<: {}\n'],
      ['a structure error deep inside', 'a:\n  b:\n    c: 1\n   d: 2\n'],
      ['a plain scalar with `: ` deep inside', 'a:\n  b:\n    c: x: y\n'],
    ])('%s bails before anything is returned', (_name, t) => {
      expect(decodeYamlFast(t, false)).toBe(BAIL);
      expect(decodeYamlFast(t, false, 1)).toBe(BAIL);
    });
  });

  const fixtureRoots = [
    join(repoRoot, 'packages/helm/testdata'),
    join(repoRoot, 'packages/kustomize/testdata'),
  ];
  const yamlFiles = (root: string): string[] => {
    if (!existsSync(root)) return [];
    const out: string[] = [];
    const walk = (d: string) => {
      for (const e of readdirSync(d)) {
        const p = join(d, e);
        const st = statSync(p);
        if (st.isDirectory()) walk(p);
        else if (/\.ya?ml$/.test(e) && st.size < 4_000_000) out.push(p);
      }
    };
    walk(root);
    return out;
  };

  /** Every document of every file, as a whole and split at `---` lines. */
  const documents = (files: string[]) =>
    files.flatMap((f) => {
      const text = readFileSync(f, 'utf8');
      return [text, ...text.split(/^---.*$/m)];
    });

  it('agrees with the full decoder on every YAML file of the fixtures', () => {
    const docs = documents(fixtureRoots.flatMap(yamlFiles));
    let decoded = 0;
    for (const d of docs) if (agree(d)) decoded++;
    expect(docs.length).toBeGreaterThan(100);
    expect(decoded).toBeGreaterThan(docs.length / 3);
  });

  const hasCorpus = existsSync(sharedCorpus);
  it.skipIf(!hasCorpus)(
    hasCorpus
      ? 'agrees with the full decoder on every YAML file of ../shared/corpus'
      : 'skipped: ../shared/corpus is absent (the corpus differential test needs it)',
    () => {
      const docs = documents(yamlFiles(sharedCorpus));
      let decoded = 0;
      for (const d of docs) if (agree(d)) decoded++;
      expect(decoded).toBeGreaterThan(docs.length / 2);
    },
  );

  // Mutations of real documents: whatever the fast path decodes, the full decoder decodes the same;
  // where the full decoder fails, the fast path must have bailed.
  it('agrees with the full decoder on 3,000 mutated documents', () => {
    const seeds = documents(yamlFiles(join(repoRoot, 'packages/helm/testdata'))).filter(
      (d) => d.length > 20 && d.length < 20_000,
    );
    let state = 12345;
    const rand = (n: number) => {
      state = (state * 1103515245 + 12345) & 0x7fffffff;
      return state % n;
    };
    const pieces = [
      ' ',
      '  ',
      '\n',
      ': ',
      '- ',
      '#',
      "'",
      '"',
      '|',
      '|-',
      '\\',
      ' #',
      "''",
      '\\n',
      ': x',
      '[a, b]',
      '{a: b}',
      ':',
      '-',
      '\n  ',
      '\n\n',
      'x',
    ];
    for (let k = 0; k < 3000; k++) {
      let d = seeds[rand(seeds.length)]!;
      for (let m = 1 + rand(3); m > 0; m--) {
        const at = rand(d.length + 1);
        const op = rand(3);
        if (op === 0) d = d.slice(0, at) + pieces[rand(pieces.length)] + d.slice(at);
        else if (op === 1) d = d.slice(0, at) + d.slice(at + 1 + rand(3));
        else {
          const ls = d.split('\n');
          const i = rand(ls.length);
          ls[i] = rand(2) ? ` ${ls[i]}` : ls[i]!.replace(/^ /, '');
          d = ls.join('\n');
        }
      }
      agree(d);
    }
  });
});
