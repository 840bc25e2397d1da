#!/usr/bin/env node
// Fails when a package's tsup entry list and its package.json `exports` map disagree, or when a
// built file an export points to is missing. Run after `pnpm build` (CI does).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const root = new URL('..', import.meta.url).pathname;
const problems = [];
for (const dir of readdirSync(join(root, 'packages'))) {
  const pkgDir = join(root, 'packages', dir);
  const pkgFile = join(pkgDir, 'package.json');
  if (!existsSync(pkgFile)) continue;
  const pkg = JSON.parse(readFileSync(pkgFile, 'utf8'));
  if (pkg.private) continue;
  const tsupFile = join(pkgDir, 'tsup.config.ts');
  if (!existsSync(tsupFile)) {
    problems.push(`${pkg.name}: no tsup.config.ts`);
    continue;
  }
  // Read `entry: { a: 'src/a.ts', ... }` from the config text (it is a plain object literal).
  const text = readFileSync(tsupFile, 'utf8');
  const m = text.match(/entry:\s*\{([^}]*)\}/);
  if (!m) {
    problems.push(`${pkg.name}: tsup.config.ts has no entry object`);
    continue;
  }
  const entries = new Map();
  for (const e of m[1].matchAll(/['"]?([\w/.-]+)['"]?\s*:\s*['"]([^'"]+)['"]/g)) entries.set(e[1], e[2]);
  const exportsMap = pkg.exports ?? {};
  const seen = new Set();
  for (const [subpath, target] of Object.entries(exportsMap)) {
    if (typeof target === 'string') continue; // ./package.json etc.
    const src = target['gitops-kit-source'];
    const importTarget = target.import?.default;
    const requireTarget = target.require?.default;
    if (!src || !importTarget || !requireTarget) {
      problems.push(`${pkg.name}: exports["${subpath}"] needs gitops-kit-source, import and require targets`);
      continue;
    }
    const entryName = importTarget.replace(/^\.\/dist\//, '').replace(/\.js$/, '');
    seen.add(entryName);
    const entrySrc = entries.get(entryName);
    if (!entrySrc) problems.push(`${pkg.name}: exports["${subpath}"] -> ${entryName} is not a tsup entry`);
    else if (`./${entrySrc}` !== src)
      problems.push(`${pkg.name}: exports["${subpath}"] source ${src} != tsup entry ${entrySrc}`);
    for (const f of [importTarget, requireTarget, target.import.types, target.require.types]) {
      if (f && !existsSync(join(pkgDir, f)))
        problems.push(`${pkg.name}: exports["${subpath}"] -> ${f} not built`);
    }
  }
  for (const name of entries.keys()) {
    if (!seen.has(name)) problems.push(`${pkg.name}: tsup entry ${name} is not in package.json exports`);
  }
  if (pkg.sideEffects !== false && !pkg.bin) problems.push(`${pkg.name}: sideEffects must be false`);
}
if (problems.length) {
  console.error(problems.join('\n'));
  process.exit(1);
}
console.log('exports: every package entry list matches its exports map');
void pathToFileURL;
