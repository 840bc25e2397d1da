/**
 * Helm's semver helpers. Versions and constraints are Masterminds/semver v3 as implemented once in
 * `@gitops-kit/template` (Sprig's `semverCompare` uses the same code); this module adds Helm's
 * `IsCompatibleRange`.
 */
import { parseSemVer, parseSemVerConstraints, satisfiesSemVer } from '@gitops-kit/template';

export {
  compareSemVer,
  formatSemVer,
  isValidSemVer,
  parseSemVer,
  parseSemVerConstraints,
  SemVerError,
  satisfiesSemVer,
  type SemVer,
  type SemVerConstraints,
} from '@gitops-kit/template';

/**
 * Helm's `chartutil.IsCompatibleRange(constraint, version)`: false when either does not parse.
 * @see https://github.com/helm/helm/blob/v3.17.2/pkg/chartutil/compatible.go
 */
export function isCompatibleRange(constraint: string, version: string): boolean {
  try {
    return satisfiesSemVer(parseSemVer(version), parseSemVerConstraints(constraint));
  } catch {
    return false;
  }
}
