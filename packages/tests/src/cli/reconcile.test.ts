import { mkdtemp, readFile, rm, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { createFleetRepository, serveGit } from '@gitops-kit/example-fleet/git-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { service } from '../services.js';
import { type CliRun, cliBin, runCliAsync } from './run.js';

// The main job through the built binary, as a user runs it: the example fleet (examples/fleet/repo)
// committed to a local repository, served over Git smart HTTP on loopback by git http-backend, and
// `gitops-kit reconcile <url> --path clusters/production` into the embedded cluster persisted in a
// state directory; then `get all`, `events`, `suspend`, `resume` and `reconcile <kind> <name>`
// against that state. Needs git on PATH only.

interface Status {
  kind: string;
  namespace: string;
  name: string;
  revision: string;
  suspended: boolean;
  ready: string;
  reason: string;
  message: string;
  conditions: { type: string; status: string; reason: string }[];
  inventory?: string[];
}
interface EventJson {
  type: string;
  reason: string;
  object: string;
  message: string;
  metadata?: Record<string, string>;
}
interface ReconcileJson {
  origin: string;
  unsupported: { kind: string; name: string }[];
  objects: Status[];
  events: EventJson[];
  allReady: boolean;
}
interface KubeObj {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string> };
  spec?: Record<string, unknown>;
  status?: Record<string, unknown>;
}

let tmp: string;
let server: { url: string; close: () => Promise<void> };
const commits: Record<string, string> = {};

const podinfoPatch = (fail: string) => async (dir: string) => {
  const file = join(dir, 'apps/base/podinfo/deployment.yaml');
  const text = await readFile(file, 'utf8');
  await writeFile(
    file,
    text.replace(
      '  labels:\n    app: podinfo\n',
      `  labels:\n    app: podinfo\n  annotations:\n    simulate.gitops-kit.dev/fail: ${fail}\n`,
    ),
  );
};

beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'gitops-kit-reconcile-test-'));
  const root = join(tmp, 'git');
  server = await serveGit({ root });
  const make = async (name: string, mutate?: (dir: string) => Promise<void>) => {
    commits[name] = await createFleetRepository({
      root,
      name,
      url: `${server.url}/${name}`,
      work: join(tmp, `work-${name}`),
      ...(mutate ? { mutate } : {}),
    });
  };
  await make('fleet.git');
  // Broken: the ConfigMap apps substitutes from is gone (the seed incident), and a HelmRelease
  // (a kind without a reconciler yet) sits in the cluster directory.
  await make('no-config.git', async (dir) => {
    await unlink(join(dir, 'clusters/production/cluster-config.yaml'));
    await writeFile(
      join(dir, 'clusters/production/podinfo-helm.yaml'),
      'apiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\nmetadata:\n  name: podinfo\n  namespace: flux-system\nspec:\n  interval: 5m\n',
    );
  });
  // Broken: the podinfo image never pulls (the workload simulation's fail annotation).
  await make('bad-image.git', podinfoPatch('ImagePullBackOff'));
  // For the real kube-apiserver v1.20, which serves HorizontalPodAutoscaler up to autoscaling/v2beta2.
  await make('v1.20.git', async (dir) => {
    const file = join(dir, 'apps/base/podinfo/hpa.yaml');
    await writeFile(
      file,
      (await readFile(file, 'utf8')).replace('autoscaling/v2\n', 'autoscaling/v2beta2\n'),
    );
  });
}, 60_000);

afterAll(async () => {
  await server?.close();
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

const reconcile = (repo: string, state: string, ...more: string[]) =>
  runCliAsync([
    'reconcile',
    `${server.url}/${repo}`,
    '--path',
    'clusters/production',
    '--state-dir',
    state,
    ...more,
  ]);

const json = <T>(r: CliRun): T => {
  try {
    return JSON.parse(r.stdout) as T;
  } catch {
    throw new Error(`not JSON (exit ${r.code}): ${r.stdout}\n${r.stderr}`);
  }
};

async function clusterObjects(state: string): Promise<KubeObj[]> {
  return (JSON.parse(await readFile(join(state, 'cluster.json'), 'utf8')) as { objects: KubeObj[] }).objects;
}
const find = (objs: KubeObj[], kind: string, namespace: string | undefined, name: string) =>
  objs.find((o) => o.kind === kind && o.metadata.name === name && o.metadata.namespace === namespace);

describe('gitops-kit reconcile: the example fleet end to end', () => {
  let state: string;
  let run: CliRun;
  let out: ReconcileJson;

  beforeAll(async () => {
    state = join(tmp, 'state-good');
    run = await reconcile('fleet.git', state, '-o', 'json');
    out = json<ReconcileJson>(run);
  }, 120_000);

  it('exits 0 with every object Ready at the served commit', () => {
    expect(run.code, run.stderr).toBe(0);
    expect(out.allReady).toBe(true);
    const revision = `main@sha1:${commits['fleet.git']}`;
    expect(out.origin).toBe(`${server.url}/fleet.git//clusters/production@${revision}`);
    expect(out.unsupported).toEqual([]);
    expect(out.objects.map((o) => [o.kind, o.name, o.ready, o.reason, o.revision])).toEqual([
      ['GitRepository', 'flux-system', 'True', 'Succeeded', revision],
      ['Kustomization', 'apps', 'True', 'ReconciliationSucceeded', revision],
      ['Kustomization', 'cert-manager', 'True', 'ReconciliationSucceeded', revision],
      ['Kustomization', 'ingress-nginx', 'True', 'ReconciliationSucceeded', revision],
    ]);
    const apps = out.objects.find((o) => o.name === 'apps')!;
    expect(apps.message).toBe(`Applied revision: ${revision}`);
    expect(apps.conditions.find((c) => c.type === 'Healthy')).toMatchObject({
      status: 'True',
      reason: 'Succeeded',
    });
    // Progress goes to stderr as plain lines when it is not a terminal.
    expect(run.stderr).toMatch(/^\[\d+\.\d+s\] Kustomization\/flux-system\/apps: Ready: Applied revision/m);
  });

  it('applies the fleet in dependency order with substitution from the cluster ConfigMap', async () => {
    const objs = await clusterObjects(state);
    const deploy = find(objs, 'Deployment', 'apps', 'podinfo')!;
    const spec = deploy.spec as {
      replicas: number;
      template: { spec: { containers: { env: { name: string; value: string }[] }[] } };
    };
    expect(spec.replicas).toBe(3);
    expect(spec.template.spec.containers[0]!.env).toEqual([
      { name: 'PODINFO_UI_MESSAGE', value: 'Hello from production' },
    ]);
    expect(deploy.metadata.labels).toMatchObject({
      'kustomize.toolkit.fluxcd.io/name': 'apps',
      'kustomize.toolkit.fluxcd.io/namespace': 'flux-system',
      environment: 'production',
    });
    expect(deploy.status).toMatchObject({ readyReplicas: 3, updatedReplicas: 3, availableReplicas: 3 });
    const hpa = find(objs, 'HorizontalPodAutoscaler', 'apps', 'podinfo')!;
    expect(hpa.apiVersion).toBe('autoscaling/v2');
    expect(hpa.spec).toMatchObject({ minReplicas: 3, maxReplicas: 10 });
    const ingress = find(objs, 'Ingress', 'apps', 'podinfo')!;
    expect((ingress.spec as { rules: { host: string }[] }).rules[0]!.host).toBe('podinfo.example.com');
    expect(find(objs, 'Certificate', 'apps', 'podinfo')).toBeDefined();
    expect(find(objs, 'Deployment', 'ingress-nginx', 'ingress-nginx-controller')).toBeDefined();
    expect(find(objs, 'Deployment', 'cert-manager', 'cert-manager')).toBeDefined();
  });

  it('records each Kustomization inventory in status.inventory.entries', async () => {
    const objs = await clusterObjects(state);
    const apps = find(objs, 'Kustomization', 'flux-system', 'apps')!;
    expect(
      (apps.status as { inventory: { entries: { id: string; v: string }[] } }).inventory.entries,
    ).toEqual([
      { id: '_apps__Namespace', v: 'v1' },
      { id: 'apps_podinfo__Service', v: 'v1' },
      { id: 'apps_podinfo_apps_Deployment', v: 'v1' },
      { id: 'apps_podinfo_autoscaling_HorizontalPodAutoscaler', v: 'v2' },
      { id: 'apps_podinfo_cert-manager.io_Certificate', v: 'v1' },
      { id: 'apps_podinfo_networking.k8s.io_Ingress', v: 'v1' },
    ]);
    expect(out.objects.find((o) => o.name === 'cert-manager')!.inventory).toEqual([
      'CustomResourceDefinition/certificates.cert-manager.io',
      'Namespace/cert-manager',
      'Service/cert-manager/cert-manager',
      'Deployment/cert-manager/cert-manager',
    ]);
  });

  it('delivers the events: a new artifact, then each Kustomization applied and healthy, in dependency order', async () => {
    const revision = `main@sha1:${commits['fleet.git']}`;
    const artifact = out.events.find((e) => e.reason === 'NewArtifact')!;
    expect(artifact).toMatchObject({
      type: 'Normal',
      object: 'GitRepository/flux-system/flux-system',
      message: "stored artifact for commit 'Example fleet'",
    });
    expect(artifact.metadata?.['source.toolkit.fluxcd.io/revision']).toBe(revision);
    const succeeded = out.events.filter((e) => e.reason === 'ReconciliationSucceeded').map((e) => e.object);
    expect(succeeded).toEqual([
      'Kustomization/flux-system/cert-manager',
      'Kustomization/flux-system/ingress-nginx',
      'Kustomization/flux-system/apps',
    ]);
    expect(
      out.events.find((e) => e.object === 'Kustomization/flux-system/apps' && e.message.includes('created'))
        ?.message,
    ).toContain('Deployment/apps/podinfo created');
    expect(out.events.filter((e) => e.type === 'Warning')).toEqual([]);
    // The same events were written to the cluster as Kubernetes Events: `gitops-kit events` reads them back.
    const ev = await runCliAsync(['events', '--state-dir', state, '-o', 'json']);
    expect(ev.code, ev.stderr).toBe(0);
    const listed = json<{ events: EventJson[] }>(ev).events;
    expect(listed.map((e) => [e.reason, e.object])).toEqual(out.events.map((e) => [e.reason, e.object]));
    const forApps = await runCliAsync(['events', '--state-dir', state, '--for', 'Kustomization/apps']);
    expect(forApps.code).toBe(0);
    expect(forApps.stdout).toMatch(/^LAST SEEN\s+TYPE\s+REASON\s+OBJECT\s+MESSAGE\n/);
    expect(forApps.stdout).toContain('Kustomization/flux-system/apps');
    expect(forApps.stdout).not.toContain('GitRepository/');
  });

  it('get all prints the status tree of the saved state', async () => {
    const r = await runCliAsync(['get', 'all', '--state-dir', state]);
    expect(r.code, r.stderr).toBe(0);
    const revision = `main@sha1:${commits['fleet.git']}`;
    const lines = r.stdout.split('\n');
    expect(lines[0]).toMatch(/^OBJECT\s+REVISION\s+READY\s+MESSAGE$/);
    expect(lines[1]).toMatch(
      new RegExp(`^GitRepository/flux-system/flux-system\\s+${revision}\\s+True\\s+stored artifact`),
    );
    expect(
      lines.filter((l) => /Kustomization\//.test(l)).map((l) => l.split(/\s+/).slice(0, 2).join(' ')),
    ).toEqual([
      '├── Kustomization/flux-system/cert-manager',
      '├── Kustomization/flux-system/ingress-nginx',
      '└── Kustomization/flux-system/apps',
    ]);
    expect(r.stdout).toContain('    ├── Deployment/apps/podinfo\n');
    const y = await runCliAsync(['get', 'all', '--state-dir', state, '-o', 'yaml', '-n', 'flux-system']);
    expect(y.code).toBe(0);
    expect(y.stdout).toMatch(/^objects:\n {2}- kind: GitRepository\n/);
  });

  it('suspend, reconcile of a suspended object, resume and reconcile <kind> <name>', async () => {
    const s = await runCliAsync(['suspend', 'kustomization', 'apps', '--state-dir', state]);
    expect([s.code, s.stdout, s.stderr]).toEqual([0, 'Kustomization/flux-system/apps suspended\n', '']);
    const all = json<{ objects: Status[] }>(
      await runCliAsync(['get', 'all', '--state-dir', state, '-o', 'json']),
    );
    expect(all.objects.find((o) => o.name === 'apps')?.suspended).toBe(true);
    const refused = await runCliAsync(['reconcile', 'ks', 'apps', '--state-dir', state]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toBe(
      'error: Kustomization/flux-system/apps is suspended (gitops-kit resume kustomization apps -n flux-system)\n',
    );
    const resumed = await runCliAsync([
      'resume',
      'kustomization',
      'apps',
      '--state-dir',
      state,
      '-o',
      'json',
    ]);
    expect(resumed.code, resumed.stderr).toBe(0);
    const after = json<ReconcileJson>(resumed).objects.find((o) => o.name === 'apps')!;
    expect([after.suspended, after.ready]).toEqual([false, 'True']);
    const again = await runCliAsync(['reconcile', 'gitrepository', 'flux-system', '--state-dir', state]);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toMatch(
      /\n4\/4 Ready in the in-memory cluster|\n1\/1 Ready in the in-memory cluster/,
    );
    const objs = await clusterObjects(state);
    const repo = find(objs, 'GitRepository', 'flux-system', 'flux-system')! as KubeObj & {
      metadata: { annotations?: Record<string, string> };
    };
    expect((repo.status as { lastHandledReconcileAt?: string }).lastHandledReconcileAt).toBe(
      repo.metadata.annotations?.['reconcile.fluxcd.io/requestedAt'],
    );
  });

  it('usage and user errors', async () => {
    const cases: [string[], number, string | RegExp][] = [
      [
        ['reconcile', 'foo', 'bar', '--state-dir', state],
        2,
        "error: unknown kind 'foo' (kustomization, gitrepository)\n",
      ],
      [
        ['reconcile', 'helmrelease', 'podinfo', '--state-dir', state],
        1,
        'error: helmrelease: gitops-kit cannot reconcile this Flux kind yet (GitRepository and Kustomization only)\n',
      ],
      [
        ['reconcile', 'ks', 'nope', '--state-dir', state],
        1,
        /^error: Kustomization\/flux-system\/nope not found in the in-memory cluster/,
      ],
      [
        ['reconcile', join(tmp, 'missing-dir'), '--state-dir', state],
        1,
        /^error: .*missing-dir: no such directory\n$/,
      ],
      [
        ['get', 'all', '--state-dir', state, '-o', 'xml'],
        2,
        "error: unknown output format 'xml' (text, json or yaml)\n",
      ],
      [
        ['events', '--state-dir', state, '--for', 'apps'],
        2,
        'error: --for apps: want <kind>/<name>, e.g. Kustomization/apps\n',
      ],
      [['suspend', 'ks', '--state-dir', state], 2, /missing required argument 'name'/],
    ];
    for (const [args, code, stderr] of cases) {
      const r = await runCliAsync(args);
      expect([args.join(' '), r.code]).toEqual([args.join(' '), code]);
      if (typeof stderr === 'string') expect(r.stderr).toBe(stderr);
      else expect(r.stderr).toMatch(stderr);
    }
  });
});

describe('gitops-kit reconcile <directory>', () => {
  it("reads the Flux objects of a directory (the served fleet's checkout) and reconciles them", async () => {
    const dir = join(tmp, 'work-fleet.git', 'clusters', 'production');
    const r = await runCliAsync(['reconcile', dir, '--state-dir', join(tmp, 'state-dir'), '-o', 'json']);
    expect(r.code, r.stderr).toBe(0);
    const out = json<ReconcileJson>(r);
    expect(out.origin).toBe(dir);
    expect(out.objects.map((o) => [o.name, o.ready])).toEqual([
      ['flux-system', 'True'],
      ['apps', 'True'],
      ['cert-manager', 'True'],
      ['ingress-nginx', 'True'],
    ]);
  }, 120_000);
});

const kube = service('kube-apiserver');
describe.skipIf(!kube.ok)(
  `gitops-kit reconcile --kubeconfig on the real kube-apiserver v1.20${kube.ok ? '' : ` (skipped: ${kube.reason})`}`,
  () => {
    it('reconciles the fleet into the real cluster with simulated workloads; get all and events read it back', async () => {
      const kubeconfig = (kube as { info: { extra: string[] } }).info.extra[0]!;
      const state = join(tmp, 'state-kube');
      const r = await reconcile('v1.20.git', state, '--kubeconfig', kubeconfig, '--simulate', '-o', 'json');
      expect(r.code, r.stderr).toBe(0);
      const out = json<ReconcileJson>(r);
      const revision = `main@sha1:${commits['v1.20.git']}`;
      const ours = out.objects.filter((o) => o.namespace === 'flux-system');
      expect(ours.map((o) => [o.name, o.ready, o.revision])).toEqual([
        ['flux-system', 'True', revision],
        ['apps', 'True', revision],
        ['cert-manager', 'True', revision],
        ['ingress-nginx', 'True', revision],
      ]);
      expect(ours.find((o) => o.name === 'apps')!.inventory).toContain(
        'HorizontalPodAutoscaler/apps/podinfo',
      );
      const all = await runCliAsync([
        'get',
        'all',
        '--kubeconfig',
        kubeconfig,
        '-n',
        'flux-system',
        '-o',
        'json',
      ]);
      expect(all.code, all.stderr).toBe(0);
      expect(json<{ objects: Status[] }>(all).objects.find((o) => o.name === 'apps')?.revision).toBe(
        revision,
      );
      const ev = await runCliAsync([
        'events',
        '--kubeconfig',
        kubeconfig,
        '-n',
        'flux-system',
        '--for',
        'ks/apps',
        '-o',
        'json',
      ]);
      expect(ev.code, ev.stderr).toBe(0);
      expect(
        json<{ events: EventJson[] }>(ev).events.some(
          (e) =>
            e.reason === 'ReconciliationSucceeded' &&
            e.metadata?.['kustomize.toolkit.fluxcd.io/revision'] === revision,
        ),
      ).toBe(true);
    }, 180_000);
  },
);

describe('gitops-kit reconcile --watch', () => {
  it('keeps running after the fleet settled and prints the tree when interrupted', async () => {
    const child = spawn(
      process.execPath,
      [
        cliBin,
        'reconcile',
        `${server.url}/fleet.git`,
        '--path',
        'clusters/production',
        '--state-dir',
        join(tmp, 'state-watch'),
        '--watch',
      ],
      { env: { PATH: process.env.PATH ?? '' }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      stdout += d;
    });
    const watching = new Promise<void>((resolve) => {
      child.stderr.setEncoding('utf8').on('data', (d: string) => {
        stderr += d;
        if (stderr.includes('watching for changes')) resolve();
      });
    });
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    await watching;
    expect(stderr).toMatch(/settled:\n.*OBJECT\s+REVISION/);
    expect(stdout).toBe('');
    child.kill('SIGINT');
    expect(await exited).toBe(0);
    expect(stdout).toContain('\n4/4 Ready in the in-memory cluster');
  }, 120_000);
});

describe('gitops-kit reconcile: a broken fleet is reported, not Ready, exit 1', () => {
  it('a missing substituteFrom ConfigMap → apps BuildFailed; an unsupported kind is a warning', async () => {
    const r = await reconcile('no-config.git', join(tmp, 'state-no-config'));
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      'warning: HelmRelease/flux-system/podinfo: HelmRelease (helm.toolkit.fluxcd.io) cannot be reconciled by gitops-kit yet; skipped\n',
    );
    expect(r.stderr).toMatch(/\nerror: not Ready: Kustomization\/flux-system\/apps \(BuildFailed\)\n$/);
    const line = r.stdout.split('\n').find((l) => l.includes('Kustomization/flux-system/apps'))!;
    expect(line).toMatch(/\s+False\s+.*ConfigMap.*cluster-config.*not found/);
    expect(r.stdout).toMatch(/Kustomization\/flux-system\/ingress-nginx\s+main@sha1:\w+\s+True/);
    expect(r.stdout).toContain('\n3/4 Ready in the in-memory cluster');
    expect(r.stdout).toMatch(/Warning\s+BuildFailed\s+Kustomization\/flux-system\/apps/);
  });

  it('a Deployment whose image never pulls → apps HealthCheckFailed', async () => {
    const r = await reconcile('bad-image.git', join(tmp, 'state-bad-image'), '-o', 'json');
    expect(r.code).toBe(1);
    const out = json<ReconcileJson>(r);
    expect(out.allReady).toBe(false);
    const apps = out.objects.find((o) => o.name === 'apps')!;
    expect([apps.ready, apps.reason]).toEqual(['False', 'HealthCheckFailed']);
    expect(apps.message).toContain('Deployment/apps/podinfo');
    expect(apps.conditions.find((c) => c.type === 'Healthy')).toMatchObject({
      status: 'False',
      reason: 'HealthCheckFailed',
    });
    expect(out.objects.filter((o) => o.ready === 'True').map((o) => o.name)).toEqual([
      'flux-system',
      'cert-manager',
      'ingress-nginx',
    ]);
    expect(
      out.events.some(
        (e) =>
          e.type === 'Warning' &&
          e.reason === 'HealthCheckFailed' &&
          e.object === 'Kustomization/flux-system/apps',
      ),
    ).toBe(true);
    expect(r.stderr).toMatch(/\nerror: not Ready: Kustomization\/flux-system\/apps \(HealthCheckFailed\)\n$/);
  });
});
