import { describe, expect, it } from 'vitest';
import { goPathMatch, goPathMatcher } from './goPathMatch.js';
import { HelmignoreError, isIgnored, parseHelmignore } from './helmignore.js';

// Cases from helm v3.17.2 pkg/ignore/rules_test.go (behaviour) plus the negation quirk.
describe('helmignore', () => {
  it.each([
    { name: 'base name', rules: 'foo', path: 'a/foo', dir: false, want: true },
    { name: 'glob on base name', rules: '*.txt', path: 'a/b/c.txt', dir: false, want: true },
    { name: 'glob no match', rules: '*.txt', path: 'c.yaml', dir: false, want: false },
    { name: 'path pattern', rules: 'cargo/*.txt', path: 'cargo/a.txt', dir: false, want: true },
    {
      name: 'path pattern is anchored',
      rules: 'cargo/*.txt',
      path: 'x/cargo/a.txt',
      dir: false,
      want: false,
    },
    { name: 'rooted', rules: '/a.txt', path: 'a.txt', dir: false, want: true },
    { name: 'rooted not nested', rules: '/a.txt', path: 'b/a.txt', dir: false, want: false },
    { name: 'dir rule on dir', rules: 'cargo/', path: 'cargo', dir: true, want: true },
    { name: 'dir rule on file', rules: 'cargo/', path: 'cargo', dir: false, want: false },
    { name: 'question mark', rules: 'a?.txt', path: 'ab.txt', dir: false, want: true },
    { name: 'class', rules: '[ab].txt', path: 'b.txt', dir: false, want: true },
    { name: 'negated class', rules: '[^ab].txt', path: 'c.txt', dir: false, want: true },
    { name: 'comment and blank', rules: '# x\n\n', path: 'x', dir: false, want: false },
    {
      name: 'dotfiles in templates by default',
      rules: '',
      path: 'templates/.hidden',
      dir: false,
      want: true,
    },
    { name: 'dotfiles elsewhere kept', rules: '', path: '.hidden', dir: false, want: false },
    {
      name: 'negation ignores non-matching paths',
      rules: '!*.yaml',
      path: 'README.md',
      dir: false,
      want: true,
    },
    {
      name: 'negation quirk hits Chart.yaml too',
      rules: '!values.yaml',
      path: 'Chart.yaml',
      dir: false,
      want: true,
    },
    { name: 'negation match goes on', rules: '!*.yaml\n*.yaml', path: 'a.yaml', dir: false, want: true },
    { name: 'negated dir rule ignores files', rules: '!foo/', path: 'foo', dir: false, want: true },
    { name: 'CRLF lines', rules: 'a.txt\r\nb.txt\r\n', path: 'b.txt', dir: false, want: true },
  ])('$name', ({ rules, path, dir, want }) => {
    expect(isIgnored(parseHelmignore(rules), path, dir)).toBe(want);
  });

  it('never ignores the root', () => {
    expect(isIgnored(parseHelmignore('*'), '.', true)).toBe(false);
  });

  it.each([
    { name: 'double star', rules: 'a/**/b', msg: 'double-star (**) syntax is not supported' },
    { name: 'bad pattern', rules: '[', msg: 'syntax error in pattern' },
  ])('rejects $name', ({ rules, msg }) => {
    expect(() => parseHelmignore(rules)).toThrow(HelmignoreError);
    expect(() => parseHelmignore(rules)).toThrow(msg);
  });
});

describe('goPathMatch (filepath.Match)', () => {
  it.each([
    { p: 'abc', n: 'abc', want: true },
    { p: '*', n: 'abc', want: true },
    { p: '*c', n: 'abc', want: true },
    { p: 'a*', n: 'a/b', want: false },
    { p: 'a*/b', n: 'abc/b', want: true },
    { p: 'a[b-d]c', n: 'acc', want: true },
    { p: 'a[^b-d]c', n: 'acc', want: false },
    { p: 'a\\*b', n: 'a*b', want: true },
    { p: 'a\\*b', n: 'axb', want: false },
    { p: 'templates/*.yaml', n: 'templates/a.yaml', want: true },
    { p: 'OWNERS', n: 'OWNERS', want: true },
    { p: 'OWNERS', n: 'OWNERSx', want: false },
    { p: 'a.b', n: 'axb', want: false },
    { p: 'a]-b', n: 'a]-b', want: true },
  ])('$p ~ $n', ({ p, n, want }) => {
    expect(goPathMatch(p, n)).toBe(want);
    expect(goPathMatcher(p)(n)).toBe(want);
  });
  it('rejects malformed classes', () => {
    expect(() => goPathMatch('[]a]', 'a')).toThrow();
    expect(() => goPathMatch('a[', 'a')).toThrow();
    expect(() => goPathMatch('a\\', 'a')).toThrow();
    // The matcher form matches nothing instead.
    expect(goPathMatcher('a[')('a')).toBe(false);
    expect(goPathMatcher('a\\')('a\\')).toBe(false);
  });
});
