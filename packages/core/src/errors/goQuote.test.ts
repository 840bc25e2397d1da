import { describe, expect, it } from 'vitest';
import { goQuote } from './goQuote.js';

// Go 1.23's strconv.Quote of the same strings.
describe('goQuote', () => {
  it.each([
    ['', '""'],
    ['plain', '"plain"'],
    ['say "hi"', '"say \\"hi\\""'],
    ['back\\slash', '"back\\\\slash"'],
    ['a\nb\tc\r', '"a\\nb\\tc\\r"'],
    ['\x00\x1b\x7f', '"\\x00\\x1b\\x7f"'],
    ['\x07\b\f\v', '"\\a\\b\\f\\v"'],
    ['héllo ✓ 日本', '"héllo ✓ 日本"'],
    ['\u0085\u2028\ufeff', '"\\u0085\\u2028\\ufeff"'],
    ["'/tmp/a.yaml': file is not directory", '"\'/tmp/a.yaml\': file is not directory"'],
  ])('%j', (input, want) => {
    expect(goQuote(input)).toBe(want);
  });
});
