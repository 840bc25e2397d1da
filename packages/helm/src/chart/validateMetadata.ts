import { isValidSemVer } from './semver.js';
import type { ChartMetadata } from './types.js';

/**
 * Helm's `Metadata.Validate()`: sanitises the text fields in place (whitespace becomes a space,
 * non-printable characters are dropped) and returns the first problem as Helm words it
 * (`validation: chart.metadata.name is required`), or undefined.
 *
 * @see https://github.com/helm/helm/blob/v3.17.2/pkg/chart/metadata.go
 */
export function validateMetadata(md: Partial<ChartMetadata>): string | undefined {
  const v = (msg: string) => `validation: ${msg}`;
  for (const k of [
    'name',
    'description',
    'home',
    'icon',
    'condition',
    'tags',
    'appVersion',
    'kubeVersion',
  ] as const) {
    if (typeof md[k] === 'string') md[k] = sanitizeString(md[k] as string);
  }
  if (md.sources) md.sources = md.sources.map(sanitizeString);
  if (md.keywords) md.keywords = md.keywords.map(sanitizeString);

  if (!md.apiVersion) return v('chart.metadata.apiVersion is required');
  if (!md.name) return v('chart.metadata.name is required');
  if (md.name !== goBase(md.name)) return v(`chart.metadata.name ${JSON.stringify(md.name)} is invalid`);
  if (!md.version) return v('chart.metadata.version is required');
  if (!isValidSemVer(md.version)) return v(`chart.metadata.version ${JSON.stringify(md.version)} is invalid`);
  if (!['', 'application', 'library', undefined].includes(md.type)) {
    return v('chart.metadata.type must be application or library');
  }
  for (const m of md.maintainers ?? []) {
    if (m === null) return v('maintainers must not contain empty or null nodes');
    if (m.name !== undefined) m.name = sanitizeString(m.name);
    if (m.email !== undefined) m.email = sanitizeString(m.email);
    if (m.url !== undefined) m.url = sanitizeString(m.url);
  }
  const seen = new Set<string>();
  for (const d of md.dependencies ?? []) {
    if (d === null) return v('dependencies must not contain empty or null nodes');
    d.name = sanitizeString(d.name ?? '');
    if (d.version !== undefined) d.version = sanitizeString(d.version);
    d.repository = sanitizeString(d.repository ?? '');
    if (d.condition !== undefined) d.condition = sanitizeString(d.condition);
    if (d.tags) d.tags = d.tags.map(sanitizeString);
    if (d.alias && !/^[a-zA-Z0-9_-]+$/.test(d.alias)) {
      return v(`dependency ${JSON.stringify(d.name)} has disallowed characters in the alias`);
    }
    const key = d.alias ? d.alias : d.name;
    if (seen.has(key)) return v(`more than one dependency with name or alias ${JSON.stringify(key)}`);
    seen.add(key);
  }
  return undefined;
}

/** Go's `filepath.Base` on a `/` path. */
function goBase(p: string): string {
  if (p === '') return '.';
  const s = p.replace(/\/+$/, '');
  if (s === '') return '/';
  const i = s.lastIndexOf('/');
  return i >= 0 ? s.slice(i + 1) : s;
}

/** Helm's `sanitizeString`: whitespace becomes ' ', non-printable runes are removed. */
export function sanitizeString(s: string): string {
  let out = '';
  for (const ch of s) {
    if (/^\s$/u.test(ch)) out += ' ';
    else if (/^[\p{L}\p{M}\p{N}\p{P}\p{S}]$/u.test(ch)) out += ch;
  }
  return out;
}
