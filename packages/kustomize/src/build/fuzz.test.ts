/**
 * Differential fuzzing against the real tool: random small kustomization trees (bases and
 * overlays with prefixes/suffixes, namespaces, labels, annotations, images, replicas, generators,
 * strategic merge and JSON 6902 patches) are built by `kubectl kustomize` and by {@link build};
 * the outputs must be byte-identical, or both must fail. Skipped when `kubectl` is absent.
 * `GITOPS_KIT_FUZZ_CASES` sets the number of trees (default 16), `GITOPS_KIT_FUZZ_SEED` the seed.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { build } from './build.js';

const hasKubectl = spawnSync('kubectl', ['version', '--client'], { encoding: 'utf8' }).status === 0;
const count = Number(process.env.GITOPS_KIT_FUZZ_CASES ?? 16);
const seed0 = Number(process.env.GITOPS_KIT_FUZZ_SEED ?? 20240601);

/** mulberry32: a small seeded PRNG. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Tree = Record<string, string>;

function generate(seed: number): Tree {
  const r = rng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const chance = (p: number) => r() < p;
  const apps = ['web', 'api', 'worker', 'db'].filter(() => chance(0.6));
  if (apps.length === 0) apps.push('web');
  const images = ['nginx', 'busybox', 'redis:7', 'ghcr.io/acme/app:1.0'];
  const files: Tree = {};
  const baseRes: string[] = [];
  for (const a of apps) {
    const img = pick(images);
    files[`base/${a}.yaml`] = [
      'apiVersion: apps/v1',
      'kind: Deployment',
      'metadata:',
      `  name: ${a}`,
      '  labels:',
      `    app: ${a}`,
      'spec:',
      `  replicas: ${Math.floor(r() * 3) + 1}`,
      '  selector:',
      '    matchLabels:',
      `      app: ${a}`,
      '  template:',
      '    metadata:',
      '      labels:',
      `        app: ${a}`,
      '    spec:',
      '      containers:',
      '      - name: main',
      `        image: ${img}`,
      '        envFrom:',
      '        - configMapRef:',
      '            name: shared',
      ...(chance(0.5)
        ? ['      - name: sidecar', '        image: busybox', '        args: ["sleep", "1d"]']
        : []),
      '---',
      'apiVersion: v1',
      'kind: Service',
      'metadata:',
      `  name: ${a}`,
      'spec:',
      '  selector:',
      `    app: ${a}`,
      '  ports:',
      `  - port: ${pick([80, 443, 8080])}`,
      '',
    ].join('\n');
    baseRes.push(`${a}.yaml`);
  }
  const base: string[] = ['resources:', ...baseRes.map((x) => `- ${x}`)];
  base.push(
    'configMapGenerator:',
    '- name: shared',
    '  literals:',
    `  - MODE=${pick(['a', 'b', 'yes', '0755', 'x y'])}`,
  );
  if (chance(0.5)) base.push('secretGenerator:', '- name: creds', '  literals:', '  - token=abc');
  if (chance(0.4)) base.push('commonLabels:', `  tier: ${pick(['front', 'back'])}`);
  if (chance(0.3)) base.push(`namePrefix: ${pick(['b-', 'base-'])}`);
  files['base/kustomization.yaml'] = `${base.join('\n')}\n`;

  const ov: string[] = ['resources:', '- ../base'];
  if (chance(0.6)) ov.push(`namespace: ${pick(['prod', 'staging', 'team-a'])}`);
  if (chance(0.5)) ov.push(`namePrefix: ${pick(['p-', 'prod-'])}`);
  if (chance(0.4)) ov.push(`nameSuffix: ${pick(['-v1', '-x'])}`);
  if (chance(0.5)) {
    ov.push('labels:', '- pairs:', `    env: ${pick(['prod', 'dev'])}`, `  includeSelectors: ${chance(0.5)}`);
    if (chance(0.5)) ov.push('  includeTemplates: true');
  }
  if (chance(0.4)) ov.push('commonAnnotations:', `  note: ${pick(['"hello world"', 'x', '"true"'])}`);
  if (chance(0.6)) {
    ov.push('images:', `- name: ${pick(['nginx', 'busybox', 'redis'])}`);
    if (chance(0.5)) ov.push(`  newName: ${pick(['mirror.local/nginx', 'quay.io/x/busybox'])}`);
    if (chance(0.7)) ov.push(`  newTag: "${pick(['1.2.3', 'latest', '2'])}"`);
    else ov.push('  digest: sha256:0000000000000000000000000000000000000000000000000000000000000001');
  }
  if (chance(0.5)) ov.push('replicas:', `- name: ${pick(apps)}`, `  count: ${Math.floor(r() * 5)}`);
  if (chance(0.5)) {
    ov.push(
      'configMapGenerator:',
      '- name: shared',
      `  behavior: ${pick(['merge', 'replace'])}`,
      '  literals:',
      '  - EXTRA=1',
    );
  }
  const patches: string[] = [];
  if (chance(0.5)) {
    const a = pick(apps);
    patches.push(
      '- patch: |-',
      '    apiVersion: apps/v1',
      '    kind: Deployment',
      '    metadata:',
      `      name: ${a}`,
      '    spec:',
      '      template:',
      '        spec:',
      '          containers:',
      '          - name: main',
      '            env:',
      '            - name: PATCHED',
      `              value: "${pick(['1', 'on', 'text'])}"`,
      ...(chance(0.4) ? ['          - name: sidecar', '            $patch: delete'] : []),
    );
  }
  if (chance(0.4)) {
    patches.push(
      '- target:',
      '    kind: Service',
      '  patch: |-',
      '    - op: add',
      '      path: /metadata/annotations',
      '      value:',
      `        patched: "${pick(['yes', '1'])}"`,
    );
  }
  if (patches.length > 0) ov.push('patches:', ...patches);
  if (chance(0.2)) ov.push('sortOptions:', '  order: fifo');
  files['overlay/kustomization.yaml'] = `${ov.join('\n')}\n`;
  return files;
}

describe.skipIf(!hasKubectl)('differential fuzz vs kubectl kustomize', () => {
  const tmp = hasKubectl ? fs.mkdtempSync(path.join(os.tmpdir(), 'gitops-kit-fuzz-')) : '';
  afterAll(() => {
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  it.each(Array.from({ length: count }, (_, i) => seed0 + i))('seed %i', async (seed) => {
    const dir = path.join(tmp, String(seed));
    for (const [f, c] of Object.entries(generate(seed))) {
      fs.mkdirSync(path.dirname(path.join(dir, f)), { recursive: true });
      fs.writeFileSync(path.join(dir, f), c);
    }
    const real = spawnSync('kubectl', ['kustomize', 'overlay'], { cwd: dir, encoding: 'utf8' });
    let ours: string | Error;
    try {
      ours = (await build({ path: path.join(dir, 'overlay') })).toYaml();
    } catch (e) {
      ours = e as Error;
    }
    if (real.status !== 0) {
      expect(ours, `kubectl failed (${real.stderr.trim()}) but the build succeeded`).toBeInstanceOf(Error);
    } else {
      expect(ours instanceof Error ? `error: ${ours.message}` : ours).toBe(real.stdout);
    }
  });
});

describe.skipIf(hasKubectl)('differential fuzz vs kubectl kustomize', () => {
  it.skip('skipped: kubectl is not on PATH', () => {});
});
