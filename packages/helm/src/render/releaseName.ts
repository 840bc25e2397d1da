import { HelmError } from '../errors.js';

const validName = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const validNameText = String.raw`^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$`;

/**
 * Helm's release name rule: a DNS-1123 subdomain of at most 53 characters.
 * @throws {@link HelmError} `InvalidReleaseName` with Helm's message
 *   (`release name "X": invalid release name, must match regex ... and the length must not be longer than 53`).
 * @see https://github.com/helm/helm/blob/v3.17.2/pkg/chartutil/validate_name.go
 */
export function validateReleaseName(name: string): void {
  if (name === '') throw new HelmError('InvalidReleaseName', 'release name "": no name provided');
  if (name.length > 53 || !validName.test(name)) {
    throw new HelmError(
      'InvalidReleaseName',
      `release name ${JSON.stringify(name)}: invalid release name, must match regex ${validNameText} and the length must not be longer than 53`,
      { data: { name } },
    );
  }
}
