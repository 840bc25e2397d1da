import { describe, expect, it } from 'vitest';
import { TemplateSet } from '../template.js';
import { HelmEngine } from './helm.js';
import { cryptoRandom, seededRandom } from './random.js';
import { sprigFuncs } from './sprig.js';

const TEMPLATES = [
  { name: 'randAlphaNum', template: '{{ randAlphaNum 24 }}', shape: /^[A-Za-z0-9]{24}$/ },
  { name: 'randAlpha', template: '{{ randAlpha 24 }}', shape: /^[A-Za-z]{24}$/ },
  { name: 'randNumeric', template: '{{ randNumeric 24 }}', shape: /^[0-9]{24}$/ },
  { name: 'randAscii', template: '{{ randAscii 24 }}', shape: /^[\x20-\x7e]{24}$/ },
  { name: 'randBytes', template: '{{ randBytes 18 }}', shape: /^[A-Za-z0-9+/]{24}$/ },
  { name: 'randInt', template: '{{ randInt 1000000 2000000 }}', shape: /^1[0-9]{6}$/ },
  {
    name: 'uuidv4',
    template: '{{ uuidv4 }}',
    shape: /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
  },
  { name: 'shuffle', template: '{{ shuffle "abcdefghijklmnopqrstuvwxyz" }}', shape: /^[a-z]{26}$/ },
];

function render(template: string, random = seededRandom('seed-1')): string {
  return new TemplateSet({ funcs: sprigFuncs({ random }) }).parse('t', template).execute('t', {});
}

describe('random functions take an injectable random source', () => {
  it.each(TEMPLATES.map((c) => [c.name, c] as const))('%s: a seeded source is deterministic', (_n, c) => {
    const a = render(c.template);
    expect(a).toMatch(c.shape);
    expect(render(c.template)).toBe(a);
    expect(render(c.template, seededRandom('seed-2'))).not.toBe(a);
  });

  it.each(TEMPLATES.map((c) => [c.name, c] as const))('%s: the default source varies', (_n, c) => {
    const set = new TemplateSet({ funcs: sprigFuncs() }).parse('t', `${c.template}\n${c.template}`);
    const outs = new Set([
      set.execute('t', {}),
      new TemplateSet({ funcs: sprigFuncs() }).parse('t', c.template).execute('t', {}),
    ]);
    const [x, y] = set.execute('t', {}).split('\n');
    expect(x).toMatch(c.shape);
    expect(x).not.toBe(y);
    expect(outs.size).toBe(2);
  });

  it('shuffle keeps the letters', () => {
    expect([...render('{{ shuffle "abcdefghijklmnopqrstuvwxyz" }}')].sort().join('')).toBe(
      'abcdefghijklmnopqrstuvwxyz',
    );
  });

  it('the Helm engine passes its random source to Sprig', () => {
    const out = () =>
      new HelmEngine({ random: seededRandom(7) })
        .parse([{ name: 'c/templates/t.yaml', text: '{{ randAlphaNum 16 }} {{ uuidv4 }}' }])
        .render('c/templates/t.yaml', {});
    expect(out()).toBe(out());
  });

  it('seededRandom streams are reproducible across chunk sizes', () => {
    const a = seededRandom('x');
    const b = seededRandom('x');
    const whole = b.bytes(100);
    const parts = new Uint8Array([...a.bytes(7), ...a.bytes(50), ...a.bytes(43)]);
    expect(parts).toEqual(whole);
  });

  it('the default source is crypto-grade: node:crypto bytes, uniform, never repeating', () => {
    // The default is the exported cryptoRandom (crypto.randomBytes, the OS CSPRNG).
    const counts = new Array<number>(256).fill(0);
    const n = 256 * 400;
    for (const b of cryptoRandom.bytes(n)) counts[b]!++;
    // chi-square with 255 degrees of freedom: the 0.9999 quantile is about 340
    const chi = counts.reduce((s, c) => s + (c - 400) ** 2 / 400, 0);
    expect(chi).toBeLessThan(340);
    expect(Buffer.from(cryptoRandom.bytes(32)).equals(Buffer.from(cryptoRandom.bytes(32)))).toBe(false);
  });
});
