/**
 * Masterminds/semver v3.3.0 as Sprig uses it: `semver` (a `*semver.Version` with `Major`, `Minor`,
 * `Patch`, `Prerelease`, `Metadata`, `Original` methods) and `semverCompare` (constraints with
 * `= != > < >= <= ~ ^`, `x`/`*` wildcards, hyphen ranges, `,`/space AND and `||` OR; versions with a
 * prerelease only satisfy constraints that carry one).
 *
 * @see https://github.com/Masterminds/semver/blob/v3.3.0/constraints.go
 */
import { goFunc } from '../value/func.js';
import { GoInt, goInt, goType, type GoTypeInfo } from '../value/types.js';

const VERSION_RE =
  /^v?([0-9]+)(\.[0-9]+)?(\.[0-9]+)?(-([0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*))?(\+([0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*))?$/;

/** A parsed version. */
export interface Version {
  major: bigint;
  minor: bigint;
  patch: bigint;
  pre: string;
  metadata: string;
  original: string;
}

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
      return versionString(this.v);
    }),
    Compare: goFunc('func(*semver.Version) int', function (this: SemverValue, o: SemverValue) {
      return goInt(compareVersions(this.v, o.v));
    }),
    LessThan: goFunc('func(*semver.Version) bool', function (this: SemverValue, o: SemverValue) {
      return compareVersions(this.v, o.v) < 0;
    }),
    LessThanEqual: goFunc('func(*semver.Version) bool', function (this: SemverValue, o: SemverValue) {
      return compareVersions(this.v, o.v) <= 0;
    }),
    GreaterThan: goFunc('func(*semver.Version) bool', function (this: SemverValue, o: SemverValue) {
      return compareVersions(this.v, o.v) > 0;
    }),
    GreaterThanEqual: goFunc('func(*semver.Version) bool', function (this: SemverValue, o: SemverValue) {
      return compareVersions(this.v, o.v) >= 0;
    }),
    Equal: goFunc('func(*semver.Version) bool', function (this: SemverValue, o: SemverValue) {
      return this === o || compareVersions(this.v, o.v) === 0;
    }),
  },
};

/** The template value of a `*semver.Version`. */
class SemverValue {
  declare readonly v: Version;
  constructor(v: Version) {
    Object.defineProperty(this, 'v', { value: v, enumerable: false });
  }
}
(SemverValue.prototype as unknown as Record<symbol, GoTypeInfo>)[goType] = versionType;

function versionString(v: Version): string {
  let s = `${v.major}.${v.minor}.${v.patch}`;
  if (v.pre) s += `-${v.pre}`;
  if (v.metadata) s += `+${v.metadata}`;
  return s;
}

/** `semver.NewVersion`. @throws Error `Invalid Semantic Version` and friends. */
export function newVersion(s: string): Version {
  const m = VERSION_RE.exec(s);
  if (!m) throw new Error('Invalid Semantic Version');
  const num = (x: string | undefined) => {
    if (x === undefined || x === '') return 0n;
    const t = x.replace(/^\./, '');
    const n = BigInt(t);
    if (n > (1n << 64n) - 1n) throw new Error('Invalid Semantic Version');
    return n;
  };
  const pre = m[5] ?? '';
  if (pre) {
    for (const id of pre.split('.')) {
      if (/^[0-9]+$/.test(id) && id.length > 1 && id[0] === '0')
        throw new Error('Version segment starts with 0');
    }
  }
  return { major: num(m[1]), minor: num(m[2]), patch: num(m[3]), pre, metadata: m[8] ?? '', original: s };
}

function comparePre(a: string, b: string): number {
  if (a === b) return 0;
  if (a === '') return 1;
  if (b === '') return -1;
  const as = a.split('.');
  const bs = b.split('.');
  for (let i = 0; i < Math.max(as.length, bs.length); i++) {
    const x = as[i];
    const y = bs[i];
    if (x === undefined) return -1;
    if (y === undefined) return 1;
    if (x === y) continue;
    const xn = /^[0-9]+$/.test(x);
    const yn = /^[0-9]+$/.test(y);
    if (xn && yn) return BigInt(x) < BigInt(y) ? -1 : 1;
    if (xn) return -1;
    if (yn) return 1;
    return x < y ? -1 : 1;
  }
  return 0;
}

/** `Version.Compare`. */
export function compareVersions(a: Version, b: Version): number {
  for (const k of ['major', 'minor', 'patch'] as const) {
    if (a[k] !== b[k]) return a[k] < b[k] ? -1 : 1;
  }
  return comparePre(a.pre, b.pre);
}

interface Constraint {
  op: string;
  con: Version;
  dirty: boolean;
  minorDirty: boolean;
  patchDirty: boolean;
}

const CV =
  'v?([0-9|x|X|\\*]+)(\\.[0-9|x|X|\\*]+)?(\\.[0-9|x|X|\\*]+)?(-([0-9A-Za-z\\-]+(\\.[0-9A-Za-z\\-]+)*))?(\\+([0-9A-Za-z\\-]+(\\.[0-9A-Za-z\\-]+)*))?';
const OPS = '=||!=|>|<|>=|=>|<=|=<|~|~>|\\^';
const CONSTRAINT_RE = new RegExp(`^\\s*(${OPS})\\s*(${CV})\\s*$`);
const FIND_CONSTRAINT = new RegExp(`(${OPS})\\s*(${CV})`, 'g');
const VALID_CONSTRAINT = new RegExp(`^(\\s*(${OPS})\\s*(${CV})\\s*\\,?)+$`);
const RANGE_RE = new RegExp(`\\s*(${CV})\\s+-\\s+(${CV})\\s*`, 'g');

const isX = (s: string | undefined) => s === 'x' || s === 'X' || s === '*';

function parseConstraint(c: string): Constraint {
  const m = CONSTRAINT_RE.exec(c);
  if (!m) throw new Error(`improper constraint: ${c}`);
  let ver = m[2]!;
  let dirty = false;
  let minorDirty = false;
  let patchDirty = false;
  const major = m[3]!;
  const minor = m[4] ?? '';
  const patch = m[5] ?? '';
  const preAndMeta = (m[6] ?? '') + (m[9] ?? '');
  if (isX(major)) {
    ver = '0.0.0';
    dirty = true;
  } else if (isX(minor.replace(/^\./, '')) || minor === '') {
    minorDirty = true;
    dirty = true;
    ver = `${major}.0.0${preAndMeta}`;
  } else if (isX(patch.replace(/^\./, '')) || patch === '') {
    dirty = true;
    patchDirty = true;
    ver = `${major}${minor}.0${preAndMeta}`;
  }
  let con: Version;
  try {
    con = newVersion(ver);
  } catch {
    throw new Error('constraint Parser Error');
  }
  return { op: m[1]!, con, dirty, minorDirty, patchDirty };
}

function check(v: Version, c: Constraint): boolean {
  const con = c.con;
  // A pre-release version satisfies a release-only constraint for no operator except a non-wildcard `!=`.
  if (v.pre !== '' && con.pre === '' && (c.op !== '!=' || c.dirty)) return false;
  const cmp = compareVersions(v, con);
  switch (c.op) {
    case '':
    case '=':
      if (c.dirty) return tilde(v, c);
      return cmp === 0;
    case '!=':
      if (c.dirty) {
        if (con.major !== v.major) return true;
        if (con.minor !== v.minor && !c.minorDirty) return true;
        if (c.minorDirty) return false;
        if (con.patch !== v.patch && !c.patchDirty) return true;
        if (c.patchDirty) return false;
      }
      return cmp !== 0;
    case '>':
      if (!c.dirty) return cmp === 1;
      if (v.major > con.major) return true;
      if (v.major < con.major) return false;
      if (c.minorDirty) return false;
      if (c.patchDirty) return v.minor > con.minor;
      return cmp === 1;
    case '<':
      return cmp < 0;
    case '>=':
    case '=>':
      return cmp >= 0;
    case '<=':
    case '=<':
      if (!c.dirty) return cmp <= 0;
      if (v.major > con.major) return false;
      if (v.major === con.major && v.minor > con.minor && !c.minorDirty) return false;
      return true;
    case '~':
    case '~>':
      return tilde(v, c);
    case '^':
      if (cmp < 0) return false;
      if (v.major !== con.major) return false;
      if (con.major > 0n || c.minorDirty) return true;
      if (v.minor !== con.minor) return false;
      if (con.minor > 0n || c.patchDirty) return true;
      return v.patch === con.patch;
  }
  return false;
}

function tilde(v: Version, c: Constraint): boolean {
  const con = c.con;
  if (compareVersions(v, con) < 0) return false;
  if (con.major === 0n && con.minor === 0n && con.patch === 0n && !c.minorDirty && !c.patchDirty) return true;
  if (v.major !== con.major) return false;
  if (v.minor !== con.minor && !c.minorDirty) return false;
  return true;
}

/** `semver.NewConstraint(c).Check(semver.NewVersion(v))`. @throws Error with semver's message. */
export function semverCompare(constraint: string, version: string): boolean {
  const rewritten = constraint.replace(
    RANGE_RE,
    (_m, a: string, ...rest: unknown[]) => `>= ${a}, <= ${rest[9] as string}`,
  );
  const groups: Constraint[][] = [];
  for (const or of rewritten.split('||')) {
    if (!VALID_CONSTRAINT.test(or)) throw new Error(`improper constraint: ${or}`);
    const cs = or.match(FIND_CONSTRAINT) ?? [];
    groups.push(cs.map(parseConstraint));
  }
  const v = newVersion(version);
  return groups.some((g) => g.every((c) => check(v, c)));
}

/** Sprig's `semver`. */
export function semverParse(s: string): SemverValue {
  return new SemverValue(newVersion(s));
}
