#!/usr/bin/env node
// Runs every benchmark script `packages/*/bench/*.bench.mjs` in turn (built packages required:
// `pnpm bench` builds first). Each script compares against the real tool on the same input in the
// same run and prints its own ratios. `pnpm bench <filter>` runs only scripts whose path contains it.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const filter = process.argv[2] ?? '';
let failed = 0;
for (const pkg of readdirSync(join(root, 'packages')).sort()) {
  const dir = join(root, 'packages', pkg, 'bench');
  if (!existsSync(dir)) continue;
  for (const file of readdirSync(dir)
    .filter((f) => f.endsWith('.bench.mjs'))
    .sort()) {
    const path = join(dir, file);
    if (!path.includes(filter)) continue;
    console.log(`\n## ${pkg}/bench/${file}`);
    const r = spawnSync(process.execPath, ['--expose-gc', path], { stdio: 'inherit', cwd: root });
    if (r.status !== 0) failed++;
  }
}
process.exit(failed ? 1 : 0);
