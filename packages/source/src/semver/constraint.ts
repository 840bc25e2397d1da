import { SourceError } from '../errors.js';
import { type SemVer, comparePrerelease, compareSemVer, parseSemVer } from './version.js';

/**
 * Masterminds/semver v3 constraints, as Flux uses them for `spec.ref.semver`: `||` alternatives of
 * comma- or space-separated comparators (`=`, `!=`, `>`, `<`, `>=`, `<=`, `~`, `~>`, `^`), wildcards
 * (`1.2.x`, `*`), hyphen ranges (`1.2 - 1.4.5`). A prerelease version only matches when a comparator
 * of the same alternative has a prerelease (`>=1.0.0-0`).
 *
 * @see https://github.com/Masterminds/semver/blob/master/constraints.go
 */

const CV =
  'v?([0-9|x|X|\\*]+)(\\.[0-9|x|X|\\*]+)?(\\.[0-9|x|X|\\*]+)?(-([0-9A-Za-z\\-]+(\\.[0-9A-Za-z\\-]+)*))?(\\+([0-9A-Za-z\\-]+(\\.[0-9A-Za-z\\-]+)*))?';
const OPS = '=||!=|>|<|>=|=>|<=|=<|~|~>|\\^';
const CONSTRAINT_RE = new RegExp(`^\\s*(${OPS})\\s*(${CV})\\s*$`);
const RANGE_RE = new RegExp(`\\s*(${CV})\\s+-\\s+(${CV})\\s*`, 'g');
const FIND_RE = new RegExp(`(${OPS})\\s*(${CV})`, 'g');
const VALID_RE = new RegExp(`^(\\s*(${OPS})\\s*(${CV})\\s*)((?:\\s+|,\\s*)(${OPS})\\s*(${CV})\\s*)*$`);

type Op = '' | '=' | '!=' | '>' | '<' | '>=' | '=>' | '<=' | '=<' | '~' | '~>' | '^';

interface Comparator {
  op: Op;
  version: SemVer;
  dirty: boolean;
  minorDirty: boolean;
  patchDirty: boolean;
}

/** A parsed constraint: alternatives (`||`) of comparators that must all hold. */
export interface SemVerConstraint {
  /** The text it was parsed from. */
  readonly source: string;
  /** @internal */
  readonly alternatives: ReadonlyArray<{ comparators: Comparator[]; includePrerelease: boolean }>;
}

const isX = (s: string | undefined) => s === 'x' || s === 'X' || s === '*';

function parseComparator(text: string, source: string): Comparator {
  const m = CONSTRAINT_RE.exec(text);
  if (!m)
    throw new SourceError('InvalidReference', `improper constraint: "${source}"`, {
      data: { fieldPath: 'spec.ref.semver' },
    });
  const op = m[1] as Op;
  const major = m[3] ?? '';
  const minor = m[4] ?? '';
  const patch = m[5] ?? '';
  const pre = m[6] ?? '';
  let ver = m[2]!;
  let dirty = false;
  let minorDirty = false;
  let patchDirty = false;
  if (isX(major) || major === '') {
    ver = `0.0.0${pre}`;
    dirty = true;
  } else if (isX(minor.replace(/^\./, '')) || minor === '') {
    minorDirty = dirty = true;
    ver = `${major}.0.0${pre}`;
  } else if (isX(patch.replace(/^\./, '')) || patch === '') {
    patchDirty = dirty = true;
    ver = `${major}${minor}.0${pre}`;
  }
  const version = parseSemVer(ver);
  if (!version)
    throw new SourceError('InvalidReference', `constraint parser error: "${source}"`, {
      data: { fieldPath: 'spec.ref.semver' },
    });
  return { op, version, dirty, minorDirty, patchDirty };
}

/**
 * Parses a Masterminds constraint (`NewConstraint`).
 *
 * @throws {SourceError} `InvalidReference` when the text is not a valid constraint.
 * @example
 * ```ts
 * checkSemVer(parseSemVerConstraint('>=1.0.0 <2.0.0'), parseSemVer('1.4.0')!) // true
 * ```
 */
export function parseSemVerConstraint(text: string): SemVerConstraint {
  const rewritten = text.replace(
    RANGE_RE,
    (_all, from: string, ...rest: string[]) => `>= ${from}, <= ${rest[9]} `,
  );
  const alternatives = rewritten.split('||').map((alt) => {
    if (!VALID_RE.test(alt)) {
      throw new SourceError('InvalidReference', `improper constraint: "${alt}"`, {
        data: { fieldPath: 'spec.ref.semver' },
      });
    }
    const found = alt.match(FIND_RE) ?? [alt];
    const comparators = found.map((s) => parseComparator(s, alt));
    return { comparators, includePrerelease: comparators.some((c) => c.version.prerelease !== '') };
  });
  return { source: text, alternatives };
}

function tilde(v: SemVer, c: Comparator): boolean {
  if (compareSemVer(v, c.version) < 0) return false;
  const cv = c.version;
  if (cv.major === 0 && cv.minor === 0 && cv.patch === 0 && !c.minorDirty && !c.patchDirty) return true;
  if (v.major !== cv.major) return false;
  if (v.minor !== cv.minor && !c.minorDirty) return false;
  return true;
}

function check(v: SemVer, c: Comparator, includePre: boolean): boolean {
  if (v.prerelease !== '' && !includePre) return false;
  const cv = c.version;
  switch (c.op) {
    case '':
    case '=':
      return c.dirty ? tilde(v, c) : compareSemVer(v, cv) === 0;
    case '!=':
      if (c.dirty) {
        if (cv.major !== v.major) return true;
        if (cv.minor !== v.minor && !c.minorDirty) return true;
        if (c.minorDirty) return false;
        if (cv.patch !== v.patch && !c.patchDirty) return true;
        if (c.patchDirty) {
          if (v.prerelease !== '' || cv.prerelease !== '')
            return comparePrerelease(v.prerelease, cv.prerelease) !== 0;
          return false;
        }
      }
      return compareSemVer(v, cv) !== 0;
    case '>':
      if (!c.dirty) return compareSemVer(v, cv) === 1;
      if (v.major > cv.major) return true;
      if (v.major < cv.major) return false;
      if (c.minorDirty) return false;
      if (c.patchDirty) return v.minor > cv.minor;
      return compareSemVer(v, cv) === 1;
    case '<':
      return compareSemVer(v, cv) < 0;
    case '>=':
    case '=>':
      return compareSemVer(v, cv) >= 0;
    case '<=':
    case '=<':
      if (!c.dirty) return compareSemVer(v, cv) <= 0;
      if (v.major > cv.major) return false;
      if (v.major === cv.major && v.minor > cv.minor && !c.minorDirty) return false;
      return true;
    case '~':
    case '~>':
      return tilde(v, c);
    case '^': {
      if (compareSemVer(v, cv) < 0) return false;
      if (cv.major > 0 || c.minorDirty) return v.major === cv.major;
      if (v.major > 0) return false;
      if (cv.minor > 0 || c.patchDirty) return v.minor === cv.minor;
      if (v.minor > 0) return false;
      return v.patch === cv.patch;
    }
  }
}

/** True when `version` satisfies `constraint` (Masterminds `Constraints.Check`). */
export function checkSemVer(constraint: SemVerConstraint, version: SemVer): boolean {
  return constraint.alternatives.some((alt) =>
    alt.comparators.every((c) => check(version, c, alt.includePrerelease)),
  );
}
