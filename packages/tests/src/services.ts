/**
 * Real local servers for tests, from `../shared/services` (see its README). `globalSetup.ts` starts
 * the ones listed in {@link SERVICES} before any test runs and hands their URLs to tests through
 * vitest's `provide`/`inject`; a test calls {@link service} and skips with a one-line reason when the
 * service is unavailable (a user's fresh clone has no `../shared`).
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { inject } from 'vitest';

const here = dirname(fileURLToPath(import.meta.url));
/** The repository root. */
export const repoRoot = resolve(here, '../../..');
/** `../shared` beside the repository root (override with `GITOPS_KIT_SHARED`). */
export const sharedDir = process.env.GITOPS_KIT_SHARED ?? resolve(repoRoot, '../shared');
/** `../shared/services`, or `undefined` when absent. */
export const servicesDir = existsSync(join(sharedDir, 'services', 'README.md'))
  ? join(sharedDir, 'services')
  : undefined;
/** `../shared/corpus`, or `undefined` when absent. */
export const corpusDir = existsSync(join(sharedDir, 'corpus')) ? join(sharedDir, 'corpus') : undefined;

/** A service started for tests: its base URL and any extra output lines of its start script. */
export interface ServiceInfo {
  url: string;
  /** Further stdout lines (the kube-apiserver prints its kubeconfig path second). */
  extra: string[];
}

/** Start scripts by service name, with the port each uses in tests (the services' defaults). */
export const SERVICES = {
  'git-http': { script: 'git-http-start.sh', port: 18080, env: {} as Record<string, string> },
  /** Same repositories as `git-http` (same root), behind Basic auth `gitops-kit` / `gitops-kit-secret`. */
  'git-http-auth': {
    script: 'git-http-start.sh',
    port: 18090,
    env: {
      SERVICE_NAME: 'git-http-auth',
      GIT_HTTP_USER: 'gitops-kit',
      GIT_HTTP_PASSWORD: 'gitops-kit-secret',
    } as Record<string, string>,
  },
  'kube-apiserver': { script: 'kube-apiserver-start.sh', port: 16443, env: {} as Record<string, string> },
} as const;
/** A service name. */
export type ServiceName = keyof typeof SERVICES;

/** Runs a start script (idempotent: prints the URL when already running). Used by globalSetup. */
export function startService(name: ServiceName): ServiceInfo | { error: string } {
  if (!servicesDir) return { error: `../shared/services not found at ${sharedDir}` };
  const def = SERVICES[name];
  const r = spawnSync('bash', [join(servicesDir, def.script), String(def.port)], {
    encoding: 'utf8',
    env: { ...process.env, ...def.env },
    timeout: 15 * 60_000,
  });
  if (r.status !== 0) {
    const tail = (r.stderr ?? '').trim().split('\n').slice(-5).join(' | ');
    return { error: `${def.script} failed (exit ${r.status}): ${tail}` };
  }
  const lines = r.stdout.trim().split('\n').filter(Boolean);
  return { url: lines[0]!, extra: lines.slice(1) };
}

/**
 * The running service for a test, or a skip reason. Use as
 * `const git = service('git-http'); describe.skipIf(!git.ok)(...)`.
 */
export function service(name: ServiceName): { ok: true; info: ServiceInfo } | { ok: false; reason: string } {
  const all = inject('gitopsKitServices' as never) as unknown as
    | Record<string, ServiceInfo | { error: string }>
    | undefined;
  const s = all?.[name];
  if (!s) return { ok: false, reason: `${name}: not started (no ../shared/services?)` };
  if ('error' in s) return { ok: false, reason: `${name}: ${s.error}` };
  return { ok: true, info: s };
}
