// `pnpm run example`: a pull request against a copy of examples/fleet, rendered and diffed as CI
// would, then a second pull request that breaks a cluster's substitution (exit code 1).
import { spawnSync } from 'node:child_process';
import { rm } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { commitAll, edit, fleetRepository } from './fixture.js';
import { renderAndDiff } from './renderAndDiff.js';

const repo = await fleetRepository();
try {
  // PR 1: production scales up and every cluster gets a new podinfo release.
  await edit(repo, 'clusters/production/cluster-config.yaml', /REPLICAS: "3"/, 'REPLICAS: "5"');
  await edit(repo, 'apps/base/podinfo/deployment.yaml', 'podinfo:6.7.0', 'podinfo:6.7.1');
  await commitAll(repo, 'podinfo 6.7.1, production at 5 replicas');
  const ok = await renderAndDiff({ repo, base: 'HEAD~1', head: 'HEAD' });
  console.log('$ render-and-diff HEAD~1 HEAD');
  process.stdout.write(ok.report);

  // PR 2: uses a variable that only production's cluster-config sets.
  await edit(repo, 'apps/base/podinfo/deployment.yaml', '--level=info', '--level=${LOG_LEVEL}');
  await edit(
    repo,
    'clusters/production/cluster-config.yaml',
    /REPLICAS: "5"/,
    'REPLICAS: "5"\n  LOG_LEVEL: warn',
  );
  await commitAll(repo, 'log level from the cluster config');
  // This time through the command line, as a CI job runs it.
  const cli = fileURLToPath(new URL('./main.js', import.meta.url));
  console.log(`\n$ render-and-diff --repo ${repo} HEAD~1 HEAD`);
  const broken = spawnSync(process.execPath, [cli, '--repo', repo, 'HEAD~1', 'HEAD'], { stdio: 'inherit' });
  console.log(`(exit code ${broken.status})`);

  if (ok.failed || broken.status !== 1) {
    console.error('unexpected: the first change should render, the second should fail');
    process.exitCode = 1;
  }
} finally {
  await rm(repo, { recursive: true, force: true });
}
