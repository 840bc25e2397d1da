/**
 * Semantic versions as Masterminds/semver v3 (`NewVersion`, coercing) parses and orders them, and
 * Flux's loose parse on top (`fluxcd/pkg/version.ParseVersion`: the text must have three
 * dot-separated parts, so `v1.2` and `1` are not versions).
 *
 * @see https://github.com/Masterminds/semver/blob/master/version.go
 * @see https://github.com/fluxcd/pkg/blob/main/version/version.go
 */

/**
 * A parsed version. `original` is the text it was parsed from (a Git tag, e.g. `v1.2.3`); that is
 * what Flux checks out and reports.
 */
export interface SemVer {
  major: number;
  minor: number;
  patch: number;
  /** Prerelease without the leading `-` (`rc.1`), or `''`. */
  prerelease: string;
  /** Build metadata without the leading `+`, or `''`; ignored when comparing. */
  metadata: string;
  original: string;
}

const LOOSE =
  /^v?([0-9]+)(\.[0-9]+)?(\.[0-9]+)?(-([0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*))?(\+([0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*))?$/;
const NUM = /^[0-9]+$/;
const ALLOWED = /^[0-9A-Za-z-]+$/;

function validPrerelease(p: string): boolean {
  for (const part of p.split('.')) {
    if (part === '') return false;
    if (NUM.test(part)) {
      if (part.length > 1 && part[0] === '0') return false;
    } else if (!ALLOWED.test(part)) return false;
  }
  return true;
}

function validMetadata(m: string): boolean {
  return m.split('.').every((p) => p !== '' && ALLOWED.test(p));
}

function segment(s: string | undefined): number | undefined {
  if (s === undefined || s === '') return 0;
  const n = Number(s.replace(/^\./, ''));
  // Masterminds parses uint64; beyond 2^53 JS loses precision, so refuse rather than misorder.
  return Number.isSafeInteger(n) ? n : undefined;
}

/**
 * Parses a version the way Masterminds `semver.NewVersion` does: optional `v`, missing minor/patch
 * read as 0, leading zeros allowed in major/minor/patch (but not in numeric prerelease parts).
 *
 * @returns the version, or `undefined` when the text is not a version.
 */
export function parseSemVer(text: string): SemVer | undefined {
  const m = LOOSE.exec(text);
  if (!m) return undefined;
  const major = segment(m[1]);
  const minor = segment(m[2]);
  const patch = segment(m[3]);
  if (major === undefined || minor === undefined || patch === undefined) return undefined;
  const prerelease = m[5] ?? '';
  const metadata = m[8] ?? '';
  if (prerelease && !validPrerelease(prerelease)) return undefined;
  if (metadata && !validMetadata(metadata)) return undefined;
  return { major, minor, patch, prerelease, metadata, original: text };
}

/**
 * Flux's loose version parse (`fluxcd/pkg/version.ParseVersion`): like {@link parseSemVer} but the
 * text must split into at least three parts on `.`, so tags like `v1.2` or `1` are ignored by every
 * semver selector.
 *
 * @example
 * ```ts
 * parseLooseVersion('v1.2.3')?.minor // 2
 * parseLooseVersion('v1.2')          // undefined
 * ```
 */
export function parseLooseVersion(text: string): SemVer | undefined {
  if (text.split('.').length < 3) return undefined;
  return parseSemVer(text);
}

function comparePrePart(s: string, o: string): number {
  if (s === o) return 0;
  if (s === '') return -1;
  if (o === '') return 1;
  const sNum = NUM.test(s);
  const oNum = NUM.test(o);
  if (!sNum && !oNum) return s > o ? 1 : -1;
  if (!oNum) return -1;
  if (!sNum) return 1;
  return Number(s) > Number(o) ? 1 : -1;
}

/** Compares prerelease strings part by part (numeric parts numerically, numeric < alphanumeric). */
export function comparePrerelease(a: string, b: string): number {
  const ap = a.split('.');
  const bp = b.split('.');
  const n = Math.max(ap.length, bp.length);
  for (let i = 0; i < n; i++) {
    const d = comparePrePart(ap[i] ?? '', bp[i] ?? '');
    if (d !== 0) return d;
  }
  return 0;
}

/**
 * Orders two versions by SemVer precedence (build metadata ignored): `-1`, `0` or `1`.
 *
 * @see https://github.com/Masterminds/semver/blob/master/version.go `Compare`
 */
export function compareSemVer(a: SemVer, b: SemVer): number {
  if (a.major !== b.major) return a.major < b.major ? -1 : 1;
  if (a.minor !== b.minor) return a.minor < b.minor ? -1 : 1;
  if (a.patch !== b.patch) return a.patch < b.patch ? -1 : 1;
  if (a.prerelease === '' && b.prerelease === '') return 0;
  if (a.prerelease === '') return 1;
  if (b.prerelease === '') return -1;
  return comparePrerelease(a.prerelease, b.prerelease);
}
