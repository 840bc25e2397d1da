#!/usr/bin/env node
// Whole-process `gitops-kit kustomize build` against `kubectl kustomize` (kustomize v5.5.0) on the
// corpus's performance inputs (`../shared/corpus/kustomize/perf-{mid,large}`), in the same run on the
// same machine, alternating the two tools. Prints median wall-clock times and the ratio
// ours/kustomize (targets: ≤ 0.5 on perf-mid, ≤ 0.1 on perf-large), and checks the bytes are equal.
// Skips (exit 0) when the corpus or kubectl is absent. `BENCH_RUNS` sets the runs per tool (default 5).
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('../../..', import.meta.url).pathname;
const shared = process.env.GITOPS_KIT_SHARED ?? join(root, '..', 'shared');
const corpus = join(shared, 'corpus', 'kustomize');
const cli = join(root, 'packages', 'cli', 'dist', 'bin.js');
const runs = Number(process.env.BENCH_RUNS ?? 5);

if (!existsSync(corpus)) {
  console.log('skipped: ../shared/corpus/kustomize is absent');
  process.exit(0);
}
const kubectl = spawnSync('kubectl', ['version', '--client'], { encoding: 'utf8' });
if (kubectl.status !== 0) {
  console.log('skipped: kubectl is not on PATH');
  process.exit(0);
}
if (!existsSync(cli)) {
  console.error(`${cli} is missing: run pnpm build`);
  process.exit(1);
}

function time(cmd, args, cwd) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed: ${r.stderr}`);
  return { ms, out: r.stdout };
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

const targets = { 'perf-mid': 0.5, 'perf-large': 0.1 };
let failed = false;
console.log(
  `| case | documents | kubectl kustomize (median of ${runs}) | gitops-kit (median of ${runs}) | ratio | target | bytes equal |`,
);
console.log('| --- | --- | --- | --- | --- | --- | --- |');
for (const [name, target] of Object.entries(targets)) {
  const dir = join(corpus, name);
  if (!existsSync(dir)) continue;
  const c = JSON.parse(readFileSync(join(dir, 'case.json'), 'utf8'));
  const want = readFileSync(join(dir, 'expected.yaml'), 'utf8');
  const theirs = [];
  const ours = [];
  let equal = true;
  for (let i = 0; i < runs; i++) {
    theirs.push(time('kubectl', ['kustomize', c.entry], dir).ms);
    const r = time(process.execPath, [cli, 'kustomize', 'build', c.entry], dir);
    ours.push(r.ms);
    if (r.out !== want) equal = false;
  }
  const k = median(theirs);
  const o = median(ours);
  const ratio = o / k;
  console.log(
    `| ${name} | ${c.resources ?? '?'} | ${k.toFixed(0)} ms | ${o.toFixed(0)} ms | ${ratio.toFixed(3)} | ≤ ${target} | ${equal ? 'yes' : 'NO'} |`,
  );
  if (!equal) failed = true;
}
process.exit(failed ? 1 : 0);
