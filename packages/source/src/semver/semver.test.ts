import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isGitOpsKitError } from '@gitops-kit/core';
import { checkSemVer, parseSemVerConstraint } from './constraint.js';
import { compareSemVer, parseLooseVersion, parseSemVer } from './version.js';

const table = JSON.parse(
  readFileSync(new URL('../../testdata/semver/masterminds-check.json', import.meta.url), 'utf8'),
) as { constraint: string; version: string; want: boolean }[];

describe('Masterminds constraint check (upstream table)', () => {
  it.each(table)('$constraint vs $version -> $want', ({ constraint, version, want }) => {
    const v = parseSemVer(version);
    expect(v).toBeDefined();
    expect(checkSemVer(parseSemVerConstraint(constraint), v!)).toBe(want);
  });
});

describe('parseLooseVersion', () => {
  it.each([
    { name: 'v prefix', input: 'v1.2.3', want: [1, 2, 3, ''] },
    { name: 'leading zeros allowed', input: 'v2025.02.03-rc.1', want: [2025, 2, 3, 'rc.1'] },
    { name: 'two parts ignored', input: 'v1.2', want: undefined },
    { name: 'one part ignored', input: '1', want: undefined },
    { name: 'not a version', input: 'release-1.2.3', want: undefined },
    { name: 'bad prerelease (leading zero)', input: '1.2.3-01', want: undefined },
    { name: 'build metadata', input: '1.2.3+build.5', want: [1, 2, 3, ''] },
  ])('$name', ({ input, want }) => {
    const v = parseLooseVersion(input);
    if (want === undefined) expect(v).toBeUndefined();
    else expect([v?.major, v?.minor, v?.patch, v?.prerelease]).toEqual(want);
  });
});

describe('compareSemVer', () => {
  it.each([
    { name: 'prerelease < release', input: ['1.0.0-rc.1', '1.0.0'], want: -1 },
    { name: 'numeric prerelease parts numerically', input: ['1.0.0-rc.10', '1.0.0-rc.9'], want: 1 },
    { name: 'numeric < alphanumeric', input: ['1.0.0-1', '1.0.0-alpha'], want: -1 },
    { name: 'metadata ignored', input: ['1.0.0+a', '1.0.0+b'], want: 0 },
    { name: 'shorter prerelease first', input: ['1.0.0-alpha', '1.0.0-alpha.1'], want: -1 },
  ])('$name', ({ input, want }) => {
    expect(compareSemVer(parseSemVer(input[0]!)!, parseSemVer(input[1]!)!)).toBe(want);
  });
});

describe('parseSemVerConstraint errors', () => {
  it.each(['', 'foo', '>= 1.x.y', '1.2.3 ||| 2'])('%j is InvalidReference', (text) => {
    try {
      parseSemVerConstraint(text);
      expect.unreachable();
    } catch (e) {
      expect(isGitOpsKitError(e, 'InvalidReference')).toBe(true);
    }
  });
});
