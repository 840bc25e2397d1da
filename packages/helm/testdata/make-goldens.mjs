#!/usr/bin/env node
// Regenerates testdata/cases/*/expected with real Helm v3.17 (the corpus conventions: exact stdout
// on success, exact stderr on failure; bytes as helm wrote them) and records
// expectError/exitCode/expected in case.json.
// Usage: HELM=$(bash ../shared/services/helm-install.sh) node packages/helm/testdata/make-goldens.mjs
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const helm = process.env.HELM ?? 'helm';
const root = new URL('./cases/', import.meta.url).pathname;
const home = '/tmp/gitops-kit-helm-goldens-home';
mkdirSync(home, { recursive: true });
for (const name of readdirSync(root).sort()) {
  const dir = join(root, name);
  const file = join(dir, 'case.json');
  const c = JSON.parse(readFileSync(file, 'utf8'));
  rmSync(join(dir, 'expected'), { recursive: true, force: true });
  mkdirSync(join(dir, 'expected'));
  for (const r of c.renders) {
    const res = spawnSync(helm, ['template', r.release ?? c.release, c.chart, ...r.args], {
      cwd: dir,
      env: { PATH: process.env.PATH, TZ: 'UTC', LANG: 'C.UTF-8', HOME: home, HELM_CACHE_HOME: home, HELM_CONFIG_HOME: home, HELM_DATA_HOME: home, KUBECONFIG: `${home}/none` },
    });
    r.exitCode = res.status;
    r.expectError = res.status !== 0;
    r.expected = `expected/${r.name}.${r.expectError ? 'err.txt' : 'yaml'}`;
    writeFileSync(join(dir, r.expected), r.expectError ? res.stderr : res.stdout);
    console.log(`${name}/${r.name}: exit ${res.status}`);
  }
  c.helm = 'v3.17.2';
  writeFileSync(file, `${JSON.stringify(c, null, 2)}\n`);
}
