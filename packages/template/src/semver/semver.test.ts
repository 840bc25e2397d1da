import { describe, expect, it } from 'vitest';
import golden from '../../testdata/golden/semver.json' with { type: 'json' };
import { semverCompare } from '../funcs/semver.js';
import {
  compareSemVer,
  formatSemVer,
  isValidSemVer,
  parseSemVer,
  parseSemVerConstraints,
  SemVerError,
  satisfiesSemVer,
} from './semver.js';

// Goldens: real Helm v3.17's semverCompare (Masterminds/semver v3.3.0), made by
// scripts/goldens/template/generate-semver.mjs.
const pairs = golden.table.flatMap(({ constraint, matches }) =>
  golden.versions.map((version) => ({ constraint, version, want: matches.includes(version) })),
);

describe('semver constraints against Helm v3.17', () => {
  it('has the whole cross product', () => {
    expect(pairs.length).toBe(golden.table.length * golden.versions.length);
    expect(pairs.length).toBeGreaterThan(2500);
  });

  it.each(golden.table)('$constraint', ({ constraint, matches }) => {
    const cs = parseSemVerConstraints(constraint);
    const got = golden.versions.filter((v) => satisfiesSemVer(parseSemVer(v), cs));
    expect(got).toEqual(matches);
    // Sprig's semverCompare is the same code path.
    expect(golden.versions.filter((v) => semverCompare(constraint, v))).toEqual(matches);
  });

  it.each(golden.badConstraints)('refuses $constraint', ({ constraint, error }) => {
    expect(() => parseSemVerConstraints(constraint)).toThrow(SemVerError);
    expect(() => parseSemVerConstraints(constraint)).toThrow(error);
  });

  it.each(golden.versionResults)('version $version', (c) => {
    expect(isValidSemVer(c.version)).toBe(c.valid);
    if (!c.valid) expect(() => parseSemVer(c.version)).toThrow(c.error);
  });
});

describe('compareSemVer and formatSemVer', () => {
  it.each([
    { a: '1.2.3', b: '1.2.3+meta', want: 0 },
    { a: '1.2.3-alpha.10', b: '1.2.3-alpha.2', want: 1 },
    { a: '1.2.3-alpha', b: '1.2.3', want: -1 },
    { a: '1.2.3-1', b: '1.2.3-alpha', want: -1 },
    { a: 'v2', b: '1.99.99', want: 1 },
  ])('$a vs $b', ({ a, b, want }) => {
    expect(compareSemVer(parseSemVer(a), parseSemVer(b))).toBe(want);
  });

  it('formats loose input in full', () => {
    expect(formatSemVer(parseSemVer('v1.2-rc.1+b'))).toBe('1.2.0-rc.1+b');
  });
});
