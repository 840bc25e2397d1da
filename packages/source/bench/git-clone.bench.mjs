#!/usr/bin/env node
// Shallow clone of a 10,000-file repository through each GitBackend against `git clone --depth 1`
// of the same repository, in the same run, over the real smart-HTTP server (../shared/services
// git-http); then artifact packaging throughput (MB/s) against `tar czf` of the same tree.
// Each contender runs in its own process; peak memory is that process tree's max RSS
// (getrusage RUSAGE_CHILDREN through a python3 wrapper), so the Node figures include Node itself.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../../..');
const shared = process.env.GITOPS_KIT_SHARED ?? resolve(root, '../shared');
const start = join(shared, 'services/git-http-start.sh');
if (!existsSync(start)) {
  console.log(`skipped: no ${start} (needs ../shared/services for the git smart-HTTP server)`);
  process.exit(0);
}
const FILES = Number(process.env.BENCH_FILES ?? 10_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const base = execFileSync('bash', [start], { encoding: 'utf8' }).trim().split('\n')[0];

// Build the repository with git fast-import (one commit, FILES files of ~1 KiB in 100 dirs).
const work = mkdtempSync(join(tmpdir(), 'bench-git-'));
const src = join(work, 'src');
execFileSync('git', ['init', '-q', '-b', 'main', src]);
let stream = `commit refs/heads/main\ncommitter Bench <b@example.com> 1700000000 +0000\ndata 5\nbench\n`;
for (let i = 0; i < FILES; i++) {
  const body = `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm-${i}\ndata:\n  value: "${'x'.repeat(900 + (i % 100))}"\n`;
  stream += `M 100644 inline dir-${i % 100}/file-${i}.yaml\ndata ${Buffer.byteLength(body)}\n${body}\n`;
}
execFileSync('git', ['-C', src, 'fast-import', '--quiet'], { input: stream, maxBuffer: 1 << 30 });
const url = `${base}/bench/repo-${FILES}-${Date.now()}.git`;
execFileSync('git', ['-C', src, 'push', '-q', url, 'main'], {
  env: { ...process.env, GIT_TERMINAL_PROMPT: '0' },
});

const measure = (cmd, args) => {
  const py =
    'import resource,subprocess,sys,time\n' +
    't=time.time(); r=subprocess.run(sys.argv[1:]); d=time.time()-t\n' +
    'print(r.returncode, d, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)';
  const r = spawnSync('python3', ['-c', py, cmd, ...args], { encoding: 'utf8' });
  const [code, secs, kb] = r.stdout.trim().split(' ');
  if (code !== '0') throw new Error(`${cmd} failed: ${r.stderr}`);
  return { ms: Number(secs) * 1000, rssMb: Number(kb) / 1024 };
};
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const runner = join(here, 'git-clone.runner.mjs');
const results = {};
for (const [name, cmd, args] of [
  [
    'git clone --depth 1',
    'git',
    (d) => ['clone', '-q', '--depth', '1', '--single-branch', '-b', 'main', url, d],
  ],
  ['isomorphic-git backend', process.execPath, (d) => [runner, 'isomorphic-git', url, d]],
  ['git-cli backend', process.execPath, (d) => [runner, 'git-cli', url, d]],
]) {
  const ms = [];
  const rss = [];
  for (let i = 0; i < RUNS; i++) {
    const d = join(work, `out-${name.replace(/\W+/g, '-')}-${i}`);
    const m = measure(cmd, args(d));
    ms.push(m.ms);
    rss.push(m.rssMb);
    if (i === 0 && !existsSync(join(d, 'dir-0'))) throw new Error(`${name}: checkout missing files`);
    rmSync(d, { recursive: true, force: true });
  }
  results[name] = { ms: median(ms), rssMb: Math.max(...rss) };
}
const ref = results['git clone --depth 1'];
console.log(`shallow clone of ${FILES} files, median of ${RUNS} runs (peak RSS = max):`);
for (const [name, r] of Object.entries(results)) {
  console.log(
    `  ${name.padEnd(24)} ${r.ms.toFixed(0).padStart(6)} ms  ${r.rssMb.toFixed(0).padStart(5)} MB  time x${(r.ms / ref.ms).toFixed(2)}  memory x${(r.rssMb / ref.rssMb).toFixed(2)}`,
  );
}

// Packaging throughput: packDirectory + sha256 into storage vs `tar czf` of the same checkout.
const { createArtifactStorage } = await import('@gitops-kit/source');
const tree = join(work, 'tree');
execFileSync('git', ['clone', '-q', '--depth', '1', url, tree]);
rmSync(join(tree, '.git'), { recursive: true, force: true });
let bytes = 0;
const walk = (d) => {
  for (const e of readdirSync(d, { withFileTypes: true })) {
    const p = join(d, e.name);
    if (e.isDirectory()) walk(p);
    else bytes += statSync(p).size;
  }
};
walk(tree);
const storage = createArtifactStorage({ basePath: join(work, 'store') });
const pack = [];
for (let i = 0; i < RUNS; i++) {
  const t = performance.now();
  await storage.archive(
    storage.artifactFor({
      kind: 'GitRepository',
      namespace: 'bench',
      name: 'bench',
      revision: 'r',
      fileName: `${i}.tar.gz`,
    }),
    tree,
  );
  pack.push(performance.now() - t);
}
const tarMs = [];
for (let i = 0; i < RUNS; i++) {
  const t = performance.now();
  execFileSync('tar', ['czf', join(work, `t${i}.tar.gz`), '-C', tree, '.']);
  tarMs.push(performance.now() - t);
}
const mb = bytes / 1024 / 1024;
console.log(
  `artifact packaging (${mb.toFixed(1)} MB in ${FILES} files): ${(mb / (median(pack) / 1000)).toFixed(1)} MB/s; tar czf ${(mb / (median(tarMs) / 1000)).toFixed(1)} MB/s; time x${(median(pack) / median(tarMs)).toFixed(2)} vs tar czf`,
);
rmSync(work, { recursive: true, force: true });
