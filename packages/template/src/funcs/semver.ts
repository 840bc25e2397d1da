/**
 * Sprig's `semver` (a `*semver.Version` with `Major`, `Minor`, `Patch`, `Prerelease`, `Metadata`,
 * `Original`, `Compare`, … methods) and `semverCompare`, over the Masterminds/semver v3.3.0
 * implementation in `../semver/semver.ts`.
 *
 * @see https://github.com/Masterminds/sprig/blob/v3.3.0/semver.go
 */
import {
  compareSemVer,
  formatSemVer,
  parseSemVer,
  parseSemVerConstraints,
  type SemVer,
  satisfiesSemVer,
} from '../semver/semver.js';
import { goFunc } from '../value/func.js';
import { GoInt, goInt, goType, type GoTypeInfo } from '../value/types.js';

const u64 = (n: bigint) =>
  new GoInt('uint64', Number(n), n > BigInt(Number.MAX_SAFE_INTEGER) ? n : undefined);

const versionType: GoTypeInfo = {
  name: 'semver.Version',
  kind: 'struct',
  pointer: true,
  methods: {
    Major: goFunc('func() uint64', function (this: SemverValue) {
      return u64(this.v.major);
    }),
    Minor: goFunc('func() uint64', function (this: SemverValue) {
      return u64(this.v.minor);
    }),
    Patch: goFunc('func() uint64', function (this: SemverValue) {
      return u64(this.v.patch);
    }),
    Prerelease: goFunc('func() string', function (this: SemverValue) {
      return this.v.pre;
    }),
    Metadata: goFunc('func() string', function (this: SemverValue) {
      return this.v.metadata;
    }),
    Original: goFunc('func() string', function (this: SemverValue) {
      return this.v.original;
    }),
    String: goFunc('func() string', function (this: SemverValue) {
      return formatSemVer(this.v);
    }),
    Compare: goFunc('func(*semver.Version) int', function (this: SemverValue, o: SemverValue) {
      return goInt(compareSemVer(this.v, o.v));
    }),
    LessThan: goFunc('func(*semver.Version) bool', function (this: SemverValue, o: SemverValue) {
      return compareSemVer(this.v, o.v) < 0;
    }),
    LessThanEqual: goFunc('func(*semver.Version) bool', function (this: SemverValue, o: SemverValue) {
      return compareSemVer(this.v, o.v) <= 0;
    }),
    GreaterThan: goFunc('func(*semver.Version) bool', function (this: SemverValue, o: SemverValue) {
      return compareSemVer(this.v, o.v) > 0;
    }),
    GreaterThanEqual: goFunc('func(*semver.Version) bool', function (this: SemverValue, o: SemverValue) {
      return compareSemVer(this.v, o.v) >= 0;
    }),
    Equal: goFunc('func(*semver.Version) bool', function (this: SemverValue, o: SemverValue) {
      return this === o || compareSemVer(this.v, o.v) === 0;
    }),
  },
};

/** The template value of a `*semver.Version`. */
class SemverValue {
  declare readonly v: SemVer;
  constructor(v: SemVer) {
    Object.defineProperty(this, 'v', { value: v, enumerable: false });
  }
}
(SemverValue.prototype as unknown as Record<symbol, GoTypeInfo>)[goType] = versionType;

/** `semver.NewConstraint(c).Check(semver.NewVersion(v))`. @throws SemVerError with semver's message. */
export function semverCompare(constraint: string, version: string): boolean {
  const cs = parseSemVerConstraints(constraint);
  return satisfiesSemVer(parseSemVer(version), cs);
}

/** Sprig's `semver`. @throws SemVerError with semver's message. */
export function semverParse(s: string): SemverValue {
  return new SemverValue(parseSemVer(s));
}
