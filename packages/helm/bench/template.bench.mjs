#!/usr/bin/env node
// Whole-process `gitops-kit helm template` against real `helm template` (v3.17) on the corpus's
// performance input (`../shared/corpus/helm/perf-kube-prometheus-stack`, render `perf-many-objects`),
// in the same run on the same machine, alternating the two tools. Prints median wall-clock
// times, the ratio ours/helm (target ≤ 1.0) and whether the outputs are byte-identical.
//
// The corpus copy of that chart lacks its vendored subcharts (helm itself fails on it), so the bench
// stages a copy in a temporary directory: each missing dependency is taken from another corpus case
// holding the same chart name and version (kube-state-metrics, prometheus-node-exporter); the ones
// found nowhere (grafana, prometheus-windows-exporter) are removed from Chart.yaml. Both tools
// render the same staged chart. Skips (exit 0) when the corpus or helm is absent.
// `BENCH_RUNS` sets the runs per tool (default 5); `HELM` the helm binary.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('../../..', import.meta.url).pathname;
const shared = process.env.GITOPS_KIT_SHARED ?? join(root, '..', 'shared');
const corpus = join(shared, 'corpus', 'helm');
const perfCase = join(corpus, 'perf-kube-prometheus-stack');
const cli = join(root, 'packages', 'cli', 'dist', 'bin.js');
const runs = Number(process.env.BENCH_RUNS ?? 5);

if (!existsSync(perfCase)) {
  console.log('skipped: ../shared/corpus/helm/perf-kube-prometheus-stack is absent');
  process.exit(0);
}
const helm = process.env.HELM ?? findHelm();
if (!helm) {
  console.log('skipped: no helm binary (set HELM, or have ../shared/services/helm-install.sh)');
  process.exit(0);
}
if (!existsSync(cli)) {
  console.error(`${cli} is missing: run pnpm build`);
  process.exit(1);
}

function findHelm() {
  const script = join(shared, 'services', 'helm-install.sh');
  if (existsSync(script)) {
    const r = spawnSync('bash', [script], { encoding: 'utf8' });
    const path = r.stdout.trim().split('\n').pop();
    if (r.status === 0 && path && existsSync(path)) return path;
  }
  const r = spawnSync('helm', ['version', '--short'], { encoding: 'utf8' });
  return r.status === 0 ? 'helm' : undefined;
}

/** Chart.yaml `dependencies` as [{ name, version, start, end }] (line ranges of each entry). */
function dependencyEntries(lines) {
  const out = [];
  const at = lines.findIndex((l) => /^dependencies:\s*$/.test(l));
  if (at < 0) return out;
  for (let i = at + 1; i < lines.length && /^(\s|-|$)/.test(lines[i]); i++) {
    const m = /^\s*- name:\s*"?([^"\s]+)"?/.exec(lines[i]);
    if (m) out.push({ name: m[1], version: '', start: i, end: i + 1 });
    else if (out.length) {
      out[out.length - 1].end = i + 1;
      const v = /^\s+version:\s*"?([^"\s]+)"?/.exec(lines[i]);
      if (v) out[out.length - 1].version = v[1];
    }
  }
  return out;
}

function stage() {
  const dir = mkdtempSync(join(tmpdir(), 'gitops-kit-helm-bench-'));
  cpSync(perfCase, dir, { recursive: true });
  const chartYaml = join(dir, 'chart', 'Chart.yaml');
  const lines = readFileSync(chartYaml, 'utf8').split('\n');
  const notes = [];
  const drop = new Set();
  for (const dep of dependencyEntries(lines)) {
    if (existsSync(join(dir, 'chart', 'charts', dep.name))) continue;
    const donor = readdirSync(corpus).find((c) => {
      const f = join(corpus, c, 'chart', 'Chart.yaml');
      if (!existsSync(f)) return false;
      const text = readFileSync(f, 'utf8');
      return (
        new RegExp(`^name:\\s*"?${dep.name}"?\\s*$`, 'm').test(text) &&
        new RegExp(
          `^version:\\s*"?${dep.version.replace(/[.*]/g, (c) => (c === '.' ? '\\.' : '.*'))}"?\\s*$`,
          'm',
        ).test(text)
      );
    });
    if (donor) {
      cpSync(join(corpus, donor, 'chart'), join(dir, 'chart', 'charts', dep.name), { recursive: true });
      notes.push(`${dep.name} ${dep.version} from ${donor}`);
    } else {
      for (let i = dep.start; i < dep.end; i++) drop.add(i);
      notes.push(`${dep.name} removed (not in the corpus)`);
    }
  }
  writeFileSync(chartYaml, lines.filter((_, i) => !drop.has(i)).join('\n'));
  return { dir, notes };
}

function time(cmd, args, cwd) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(cmd, args, {
    cwd,
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
    env: { PATH: process.env.PATH, TZ: 'UTC', HOME: cwd, KUBECONFIG: join(cwd, 'none') },
  });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed: ${r.stderr}`);
  return { ms, out: r.stdout };
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

const c = JSON.parse(readFileSync(join(perfCase, 'case.json'), 'utf8'));
const render = c.renders.find((r) => r.name === (c.oracleRender ?? 'perf-many-objects'));
const { dir, notes } = stage();
try {
  const args = ['template', c.release, c.chart, ...render.args];
  const theirs = [];
  const ours = [];
  let want = '';
  let got = '';
  for (let i = 0; i < runs; i++) {
    const h = time(helm, args, dir);
    theirs.push(h.ms);
    want = h.out;
    const o = time(process.execPath, [cli, 'helm', ...args], dir);
    ours.push(o.ms);
    got = o.out;
  }
  const split = (s) => s.split(/^---\n/m).filter(Boolean);
  const w = split(want);
  const g = split(got);
  const differing = w.filter((d, i) => g[i] !== d).map((d) => /^# Source: (.*)$/m.exec(d)?.[1] ?? '?');
  const h = median(theirs);
  const o = median(ours);
  console.log(`staged chart: ${notes.join('; ')}`);
  console.log(
    `| render | documents | bytes | helm template (median of ${runs}) | gitops-kit (median of ${runs}) | ratio | target | byte-identical |`,
  );
  console.log('| --- | --- | --- | --- | --- | --- | --- | --- |');
  console.log(
    `| ${c.name ?? 'perf-kube-prometheus-stack'}/${render.name} | ${w.length} | ${Buffer.byteLength(want)} | ${h.toFixed(0)} ms | ${o.toFixed(0)} ms | ${(o / h).toFixed(3)} | ≤ 1.0 | ${
      got === want
        ? 'yes'
        : `NO (${differing.length} of ${w.length} documents differ: ${differing.slice(0, 3).join(', ')})`
    } |`,
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
