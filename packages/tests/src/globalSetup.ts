import type { TestProject } from 'vitest/node';
import { SERVICES, type ServiceInfo, type ServiceName, servicesDir, startService } from './services.js';

/**
 * Starts the test services from `../shared/services` once per run. `GITOPS_KIT_SERVICES` limits
 * them (comma list of names, or `none`). Without `../shared` nothing starts and service tests skip.
 */
export default function setup(project: TestProject): void {
  const wanted = (process.env.GITOPS_KIT_SERVICES ?? Object.keys(SERVICES).join(','))
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s && s !== 'none') as ServiceName[];
  const started: Record<string, ServiceInfo | { error: string }> = {};
  for (const name of wanted) {
    if (!(name in SERVICES)) continue;
    started[name] = servicesDir ? startService(name) : { error: '../shared/services not present' };
  }
  project.provide('gitopsKitServices' as never, started as never);
}
