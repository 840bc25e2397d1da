import { describe, expect, it } from 'vitest';
import { toNativeRegexp } from './nativeRegexp.js';
import { compileRegexp, findAll, type GoRegexp, matchString, replaceAll, split } from './regex.js';

// The native translation must match exactly what re2js (Go's RE2 semantics) matches: every
// pattern below runs on every subject both ways, comparing all matches and group offsets.
const re2Only = (re: GoRegexp): GoRegexp => ({ source: re.source, native: undefined, re2: re.re2 });

const translated = [
  '^v\\d+\\.\\d+$',
  'v\\d+\\.\\d+\\.\\d+',
  '[a-z0-9]([-a-z0-9]*[a-z0-9])?',
  '^[a-zA-Z_][a-zA-Z0-9_]*$',
  'a(x*)b',
  'x*',
  'a|ab|abc',
  '(a|ab)(c|bcd)(d*)',
  '(?P<major>\\d+)\\.(?P<minor>\\d+)',
  '(?<name>[^/]+)/(?:[^/]+)',
  '.',
  '.+',
  '\\s+',
  '\\S+',
  '\\bfoo\\b',
  '\\Bo\\B',
  '[\\s,]+',
  '[^\\s]',
  '\\w+@\\w+\\.com',
  '[-.]',
  '[a-]',
  '\\$\\{[^}]*\\}',
  '\\]|}',
  ']x',
  'a{2}',
  'a{2,}',
  'a{1,3}?',
  'a+?',
  '(ab)?c',
  'é+',
  '🎉.',
  '\\t\\n',
  '',
  'a||b',
  '()',
  '^$',
];

const notTranslated = [
  '(?i)abc',
  '[[:alpha:]]+',
  '\\pL',
  '\\p{Greek}',
  'a{1001}',
  '(a)*',
  '(a|b)+',
  '[]a]',
  '[]]|}',
  '\\Qa.b\\E',
  '\\A',
  '\\z',
  '\\x41',
  '[\\d-z]',
  'x{,3}',
  'a{2}{3}',
  '\\101',
  'a?b?c?d?',
  'a{0,5}b{0,5}c{0,5}d{0,5}',
];

const invalid = ['(', 'a**', '*a', 'x{1001}', '[z-a]', '(?P<n>a)(?P<n>b)', 'a)', '[a'];

const subjects = [
  '',
  'v1.31',
  'v1.31.0',
  'version v1.2.3 and v10.20.30-rc1',
  'abc',
  'axxb-ab-axb',
  'abcd abd ac',
  'foo bar,baz\tqux\nquux\r\n',
  'foobar foo xfoo foo_',
  'ünïcödé é éé',
  '🎉x🎉🎉y',
  'a@b.com, c@d.com',
  '${x} ${} $y',
  ']}]',
  'aaaa',
  'line1\nline2',
  'my-chart.v2/name',
  'a\udc80b',
];

describe('toNativeRegexp', () => {
  it.each(translated)('translates %j', (p) => {
    expect(toNativeRegexp(p)).toBeDefined();
  });

  it.each(notTranslated)('leaves %j to re2js', (p) => {
    expect(toNativeRegexp(p)).toBeUndefined();
  });

  it.each(invalid)('leaves invalid %j to re2js, which fails as Go does', (p) => {
    expect(toNativeRegexp(p)).toBeUndefined();
    expect(() => compileRegexp(p)).toThrow(/^error parsing regexp: /);
  });

  it.each(translated)('matches %j exactly as re2js does', (p) => {
    const re = compileRegexp(p);
    expect(re.native).toBeDefined();
    const slow = re2Only(re);
    for (const s of subjects) {
      expect({ s, all: findAll(re, s, -1) }).toEqual({ s, all: findAll(slow, s, -1) });
      expect({ s, one: findAll(re, s, 1) }).toEqual({ s, one: findAll(slow, s, 1) });
      expect({ s, m: matchString(re, s) }).toEqual({ s, m: matchString(slow, s) });
      expect({ s, r: replaceAll(re, s, '<$1|${name}|$0>', false) }).toEqual({
        s,
        r: replaceAll(slow, s, '<$1|${name}|$0>', false),
      });
      expect({ s, sp: split(re, s, -1) }).toEqual({ s, sp: split(slow, s, -1) });
    }
  });

  it('uses re2js for subjects longer than the native limit (linear time)', () => {
    const re = compileRegexp('(a+)+b');
    // Not translated (a quantified group); and a translated pattern on a long subject still agrees.
    expect(re.native).toBeUndefined();
    const long = `${'a'.repeat(5000)}c`;
    const t = compileRegexp('a+a+a+b');
    expect(t.native).toBeDefined();
    expect(findAll(t, long, -1)).toEqual([]);
    expect(matchString(re, long)).toBe(false);
  });

  it('bounds backtracking on the longest native subject (three overlapping quantifiers)', () => {
    const re = compileRegexp('\\d*\\d*\\d*x');
    expect(re.native).toBeDefined();
    expect(findAll(re, '1'.repeat(128), -1)).toEqual([]);
    expect(findAll(re, `${'1'.repeat(127)}x`, -1)).toEqual([{ start: 0, end: 128, groups: [[0, 128]] }]);
  });
});
