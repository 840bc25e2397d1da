/**
 * Semantic versions and constraints with the semantics of `github.com/Masterminds/semver/v3`
 * (v3.3.0), which Sprig uses for `semver`/`semverCompare` and Helm for `Chart.yaml` `version`,
 * dependency `version` ranges and `kubeVersion`: loose parsing (`v1`, `1.2` are accepted), `,`/space = AND, `||` = OR, `x`/`*`
 * wildcards, `~`, `^`, hyphen ranges, and pre-releases only matching constraints that have one.
 *
 * @see https://github.com/Masterminds/semver/blob/v3.3.0/version.go
 * @see https://github.com/Masterminds/semver/blob/v3.3.0/constraints.go
 *
 * Checked against real Helm v3.17 (`semverCompare`) by `testdata/golden/semver.json`.
 *
 * `@gitops-kit/source` keeps its own constraint checker on purpose: Flux's source-controller pins
 * Masterminds v3.4+, where one pre-release comparator in an AND group admits pre-releases for the
 * whole group (`>=1.0.0-0 <2.0.0` matches `1.5.0-rc.1`); v3.3.0, used here as Helm v3.17 does,
 * requires each comparator to carry one (the same example does not match).
 */

/** A parsed version. */
export interface SemVer {
  major: bigint;
  minor: bigint;
  patch: bigint;
  /** Pre-release, without the `-`. */
  pre: string;
  /** Build metadata, without the `+`. */
  metadata: string;
  /** The text parsed. */
  original: string;
}

/** A semver failure with Masterminds' message (`Invalid Semantic Version`, `improper constraint: x`). */
export class SemVerError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SemVerError';
  }
}

const semVerRe = String.raw`v?([0-9]+)(\.[0-9]+)?(\.[0-9]+)?(-([0-9A-Za-z\-]+(\.[0-9A-Za-z\-]+)*))?(\+([0-9A-Za-z\-]+(\.[0-9A-Za-z\-]+)*))?`;
const versionRegex = new RegExp(`^${semVerRe}$`);
const NUM = /^[0-9]*$/;
const ALLOWED = /^[0-9A-Za-z-]*$/;
const UINT64_MAX = (1n << 64n) - 1n;

function parseUint(s: string): bigint {
  const v = BigInt(s);
  if (v > UINT64_MAX) {
    throw new SemVerError(
      `Error parsing version segment: strconv.ParseUint: parsing "${s}": value out of range`,
    );
  }
  return v;
}

/**
 * Masterminds `NewVersion`: parses a version loosely.
 * @throws {@link SemVerError} `Invalid Semantic Version`, `Version segment starts with 0`, ...
 */
export function parseSemVer(v: string): SemVer {
  const m = versionRegex.exec(v);
  if (!m) throw new SemVerError('Invalid Semantic Version');
  const sv: SemVer = {
    major: parseUint(m[1]!),
    minor: m[2] ? parseUint(m[2].slice(1)) : 0n,
    patch: m[3] ? parseUint(m[3].slice(1)) : 0n,
    pre: m[5] ?? '',
    metadata: m[8] ?? '',
    original: v,
  };
  if (sv.pre !== '') {
    for (const p of sv.pre.split('.')) {
      if (NUM.test(p)) {
        if (p.length > 1 && p[0] === '0') throw new SemVerError('Version segment starts with 0');
      } else if (!ALLOWED.test(p)) throw new SemVerError('Invalid Prerelease string');
    }
  }
  if (sv.metadata !== '') {
    for (const p of sv.metadata.split('.'))
      if (!ALLOWED.test(p)) throw new SemVerError('Invalid Metadata string');
  }
  return sv;
}

/** True when `v` parses with {@link parseSemVer}. */
export function isValidSemVer(v: string): boolean {
  try {
    parseSemVer(v);
    return true;
  } catch {
    return false;
  }
}

/** `major.minor.patch[-pre][+metadata]`. */
export function formatSemVer(v: SemVer): string {
  let s = `${v.major}.${v.minor}.${v.patch}`;
  if (v.pre) s += `-${v.pre}`;
  if (v.metadata) s += `+${v.metadata}`;
  return s;
}

function cmpSeg(a: bigint, b: bigint): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function comparePrePart(s: string, o: string): number {
  if (s === o) return 0;
  if (s === '') return o !== '' ? -1 : 1;
  if (o === '') return s !== '' ? 1 : -1;
  const oNum = /^[0-9]+$/.test(o) && BigInt(o) <= UINT64_MAX;
  const sNum = /^[0-9]+$/.test(s) && BigInt(s) <= UINT64_MAX;
  if (!oNum && !sNum) return s > o ? 1 : -1;
  if (!oNum) return -1;
  if (!sNum) return 1;
  return BigInt(s) > BigInt(o) ? 1 : -1;
}

function comparePrerelease(v: string, o: string): number {
  const sp = v.split('.');
  const op = o.split('.');
  const l = Math.max(sp.length, op.length);
  for (let i = 0; i < l; i++) {
    const d = comparePrePart(sp[i] ?? '', op[i] ?? '');
    if (d !== 0) return d;
  }
  return 0;
}

/** Masterminds `Compare`: -1, 0 or 1; build metadata is ignored. */
export function compareSemVer(a: SemVer, b: SemVer): number {
  const d = cmpSeg(a.major, b.major) || cmpSeg(a.minor, b.minor) || cmpSeg(a.patch, b.patch);
  if (d !== 0) return d;
  if (a.pre === '' && b.pre === '') return 0;
  if (a.pre === '') return 1;
  if (b.pre === '') return -1;
  return comparePrerelease(a.pre, b.pre);
}

interface Constraint {
  con: SemVer;
  orig: string;
  op: string;
  minorDirty: boolean;
  patchDirty: boolean;
  dirty: boolean;
}

/** A parsed constraint: OR of ANDs. */
export interface SemVerConstraints {
  readonly text: string;
  /** @internal */
  readonly ors: Constraint[][];
}

const cvRe = String.raw`v?([0-9|x|X|\*]+)(\.[0-9|x|X|\*]+)?(\.[0-9|x|X|\*]+)?(-([0-9A-Za-z\-]+(\.[0-9A-Za-z\-]+)*))?(\+([0-9A-Za-z\-]+(\.[0-9A-Za-z\-]+)*))?`;
const opsRe = String.raw`=||!=|>|<|>=|=>|<=|=<|~|~>|\^`;
const WS = String.raw`[\t\n\f\r ]`;
const constraintRegex = new RegExp(`^${WS}*(${opsRe})${WS}*(${cvRe})${WS}*$`);
const constraintRangeRegex = new RegExp(`${WS}*(${cvRe})${WS}+-${WS}+(${cvRe})${WS}*`, 'g');
const findConstraintRegex = new RegExp(`(${opsRe})${WS}*(${cvRe})`, 'g');
const validConstraintRegex = new RegExp(
  `^(${WS}*(${opsRe})${WS}*(${cvRe})${WS}*)((?:${WS}+|,${WS}*)(${opsRe})${WS}*(${cvRe})${WS}*)*$`,
);

function isX(x: string | undefined): boolean {
  return x === 'x' || x === '*' || x === 'X';
}

function rewriteRange(i: string): string {
  let o = i;
  for (const m of i.matchAll(constraintRangeRegex)) {
    o = o.replace(m[0], `>= ${m[1]}, <= ${m[11]} `);
  }
  return o;
}

function parseConstraint(c: string): Constraint {
  if (c.length > 0) {
    const m = constraintRegex.exec(c);
    if (!m) throw new SemVerError(`improper constraint: ${c}`);
    let ver = m[2]!;
    let minorDirty = false;
    let patchDirty = false;
    let dirty = false;
    const m3 = m[3] ?? '';
    const m4 = m[4] ?? '';
    const m5 = m[5] ?? '';
    const m6 = m[6] ?? '';
    if (isX(m3) || m3 === '') {
      ver = `0.0.0${m6}`;
      dirty = true;
    } else if (isX(m4.replace(/^\./, '')) || m4 === '') {
      minorDirty = true;
      dirty = true;
      ver = `${m3}.0.0${m6}`;
    } else if (isX(m5.replace(/^\./, '')) || m5 === '') {
      dirty = true;
      patchDirty = true;
      ver = `${m3}${m4}.0${m6}`;
    }
    let con: SemVer;
    try {
      con = parseSemVer(ver);
    } catch {
      throw new SemVerError('constraint Parser Error');
    }
    return { con, orig: m[2]!, op: m[1]!, minorDirty, patchDirty, dirty };
  }
  return { con: parseSemVer('0.0.0'), orig: c, op: '', minorDirty: false, patchDirty: false, dirty: true };
}

/**
 * Masterminds `NewConstraint`.
 * @throws {@link SemVerError} `improper constraint: <text>`
 */
export function parseSemVerConstraints(text: string): SemVerConstraints {
  const c = rewriteRange(text);
  const ors: Constraint[][] = [];
  for (const v of c.split('||')) {
    if (!validConstraintRegex.test(v)) throw new SemVerError(`improper constraint: ${v}`);
    let cs = [...v.matchAll(findConstraintRegex)].map((m) => m[0]);
    if (cs.length === 0) cs = [v];
    ors.push(cs.map(parseConstraint));
  }
  return { text, ors };
}

function preBlocked(v: SemVer, c: Constraint): boolean {
  return v.pre !== '' && c.con.pre === '';
}

function tilde(v: SemVer, c: Constraint): boolean {
  if (preBlocked(v, c)) return false;
  if (compareSemVer(v, c.con) < 0) return false;
  if (c.con.major === 0n && c.con.minor === 0n && c.con.patch === 0n && !c.minorDirty && !c.patchDirty)
    return true;
  if (v.major !== c.con.major) return false;
  if (v.minor !== c.con.minor && !c.minorDirty) return false;
  return true;
}

function check(v: SemVer, c: Constraint): boolean {
  switch (c.op) {
    case '':
    case '=':
      if (preBlocked(v, c)) return false;
      if (c.dirty) return tilde(v, c);
      return compareSemVer(v, c.con) === 0;
    case '!=':
      if (c.dirty) {
        if (preBlocked(v, c)) return false;
        if (c.con.major !== v.major) return true;
        if (c.con.minor !== v.minor && !c.minorDirty) return true;
        if (c.minorDirty) return false;
        if (c.con.patch !== v.patch && !c.patchDirty) return true;
        if (c.patchDirty) {
          if (v.pre !== '' || c.con.pre !== '') return comparePrerelease(v.pre, c.con.pre) !== 0;
          return false;
        }
      }
      return compareSemVer(v, c.con) !== 0;
    case '>':
      if (preBlocked(v, c)) return false;
      if (!c.dirty) return compareSemVer(v, c.con) === 1;
      if (v.major > c.con.major) return true;
      if (v.major < c.con.major) return false;
      if (c.minorDirty) return false;
      if (c.patchDirty) return v.minor > c.con.minor;
      return compareSemVer(v, c.con) === 1;
    case '<':
      if (preBlocked(v, c)) return false;
      return compareSemVer(v, c.con) < 0;
    case '>=':
    case '=>':
      if (preBlocked(v, c)) return false;
      return compareSemVer(v, c.con) >= 0;
    case '<=':
    case '=<':
      if (preBlocked(v, c)) return false;
      if (!c.dirty) return compareSemVer(v, c.con) <= 0;
      if (v.major > c.con.major) return false;
      if (v.major === c.con.major && v.minor > c.con.minor && !c.minorDirty) return false;
      return true;
    case '~':
    case '~>':
      return tilde(v, c);
    case '^': {
      if (preBlocked(v, c)) return false;
      if (compareSemVer(v, c.con) < 0) return false;
      if (c.con.major > 0n || c.minorDirty) return v.major === c.con.major;
      if (c.con.major === 0n && v.major > 0n) return false;
      if (c.con.minor > 0n || c.patchDirty) return v.minor === c.con.minor;
      if (c.con.minor === 0n && v.minor > 0n) return false;
      return c.con.patch === v.patch;
    }
    default:
      return false;
  }
}

/** Masterminds `Constraints.Check`. */
export function satisfiesSemVer(v: SemVer, cs: SemVerConstraints): boolean {
  return cs.ors.some((and) => and.every((c) => check(v, c)));
}
