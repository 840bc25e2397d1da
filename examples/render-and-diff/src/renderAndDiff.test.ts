import { rm, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { commitAll, edit, fleetRepository } from './fixture.js';
import { renderAndDiff } from './renderAndDiff.js';

const repos: string[] = [];
afterEach(async () => {
  await Promise.all(repos.splice(0).map((r) => rm(r, { recursive: true, force: true })));
});
async function repo(): Promise<string> {
  const dir = await fleetRepository();
  repos.push(dir);
  return dir;
}
const byKey = <T extends { key: string }>(changes: T[]): Record<string, T> =>
  Object.fromEntries(changes.map((c) => [c.key, c]));

describe('renderAndDiff on a copy of examples/fleet', () => {
  it('renders every Kustomization of both clusters; nothing changed between equal refs', async () => {
    const dir = await repo();
    const res = await renderAndDiff({ repo: dir, base: 'HEAD', head: 'HEAD' });
    expect(res.failed).toBe(false);
    expect(res.changes.map((c) => c.key)).toEqual(
      expect.arrayContaining([
        'clusters/production Kustomization flux-system/apps',
        'clusters/staging Kustomization flux-system/apps',
      ]),
    );
    expect(res.changes.every((c) => c.status === 'unchanged')).toBe(true);
    expect(res.report).toContain('Kustomizations: ');
  });

  it('shows per-object field changes with each cluster substituting its own values', async () => {
    const dir = await repo();
    await edit(dir, 'clusters/production/cluster-config.yaml', /REPLICAS: "3"/, 'REPLICAS: "5"');
    await edit(dir, 'apps/base/podinfo/deployment.yaml', 'podinfo:6.7.0', 'podinfo:6.7.1');
    await commitAll(dir, 'change');
    const res = await renderAndDiff({ repo: dir, base: 'HEAD~1', head: 'HEAD' });
    expect(res.failed).toBe(false);
    const changes = byKey(res.changes);
    const prod = changes['clusters/production Kustomization flux-system/apps']!;
    expect(prod.status).toBe('changed');
    const deployment = prod.objects.find((o) => o.subject === 'Deployment/apps/podinfo')!;
    expect(deployment.action).toBe('changed');
    expect(deployment.changes).toEqual(
      expect.arrayContaining([
        { path: 'spec.replicas', type: 'changed', before: 3, after: 5 },
        {
          path: 'spec.template.spec.containers[0].image',
          type: 'changed',
          before: 'ghcr.io/stefanprodan/podinfo:6.7.0',
          after: 'ghcr.io/stefanprodan/podinfo:6.7.1',
        },
      ]),
    );
    // Staging keeps its replicas: only the image changes there.
    const staging = changes['clusters/staging Kustomization flux-system/apps']!;
    const stagingDeployment = staging.objects.find((o) => o.subject === 'Deployment/apps/podinfo')!;
    expect(stagingDeployment.changes.map((c) => c.path)).toEqual(['spec.template.spec.containers[0].image']);
    expect(res.report).toContain('► Deployment/apps/podinfo changed');
  });

  it('fails when a Kustomization does not build at head (strict substitution), and says where', async () => {
    const dir = await repo();
    await edit(dir, 'apps/base/podinfo/deployment.yaml', '--level=info', '--level=${LOG_LEVEL}');
    await commitAll(dir, 'unset variable');
    const res = await renderAndDiff({ repo: dir, base: 'HEAD~1', head: 'HEAD' });
    expect(res.failed).toBe(true);
    const failed = res.changes.filter((c) => c.status === 'failed').map((c) => c.key);
    expect(failed).toEqual([
      'clusters/production Kustomization flux-system/apps',
      'clusters/staging Kustomization flux-system/apps',
    ]);
    expect(res.changes.find((c) => c.status === 'failed')?.error).toContain('LOG_LEVEL');
    // Not strict (flux build's default): renders, the flag becomes `--level=`.
    const lax = await renderAndDiff({ repo: dir, base: 'HEAD~1', head: 'HEAD', strict: false });
    expect(lax.failed).toBe(false);
  });

  it('a broken base does not fail a change that fixes it', async () => {
    const dir = await repo();
    await edit(dir, 'apps/base/podinfo/kustomization.yaml', '- hpa.yaml', '- hpa.yaml\n  - missing.yaml');
    await commitAll(dir, 'break');
    await edit(dir, 'apps/base/podinfo/kustomization.yaml', '\n  - missing.yaml', '');
    await commitAll(dir, 'fix');
    const res = await renderAndDiff({ repo: dir, base: 'HEAD~1', head: 'HEAD' });
    expect(res.failed).toBe(false);
    const prod = byKey(res.changes)['clusters/production Kustomization flux-system/apps']!;
    expect(prod.baseError).toContain('missing.yaml');
  });

  it('lists the objects of a removed Kustomization as deleted and masks Secret values', async () => {
    const dir = await repo();
    await unlink(path.join(dir, 'clusters/staging/apps.yaml'));
    await writeFile(
      path.join(dir, 'apps/production/secret.yaml'),
      'apiVersion: v1\nkind: Secret\nmetadata:\n  name: podinfo-token\ntype: Opaque\ndata:\n  token: c2VjcmV0\n',
    );
    await edit(
      dir,
      'apps/production/kustomization.yaml',
      '- ../base/podinfo',
      '- ../base/podinfo\n  - secret.yaml',
    );
    await commitAll(dir, 'base');
    await writeFile(
      path.join(dir, 'apps/production/secret.yaml'),
      'apiVersion: v1\nkind: Secret\nmetadata:\n  name: podinfo-token\ntype: Opaque\ndata:\n  token: bmV3LXNlY3JldA==\n',
    );
    await commitAll(dir, 'rotate');
    const res = await renderAndDiff({ repo: dir, base: 'HEAD~1', head: 'HEAD' });
    const prod = byKey(res.changes)['clusters/production Kustomization flux-system/apps']!;
    const secret = prod.objects.find((o) => o.subject === 'Secret/apps/podinfo-token')!;
    expect(secret.changes).toEqual([
      { path: 'data.token', type: 'changed', before: '*** (before)', after: '*** (after)' },
    ]);
    expect(res.report).not.toContain('c2VjcmV0');
    expect(res.report).not.toContain('bmV3LXNlY3JldA');

    const removed = await renderAndDiff({ repo: dir, base: 'HEAD~2', head: 'HEAD' });
    const staging = byKey(removed.changes)['clusters/staging Kustomization flux-system/apps'];
    expect(staging?.status).toBe('removed');
    expect(staging?.objects.every((o) => o.action === 'deleted')).toBe(true);
    expect(staging?.objects.map((o) => o.subject)).toContain('Deployment/apps/podinfo');
  });

  it('rejects an unknown ref and a cluster file that is not YAML, naming them', async () => {
    const dir = await repo();
    await expect(renderAndDiff({ repo: dir, base: 'no-such-branch', head: 'HEAD' })).rejects.toThrow(
      "'no-such-branch' is not a commit",
    );
    await writeFile(path.join(dir, 'clusters/staging/broken.yaml'), 'kind: ConfigMap\nmetadata: [\n');
    await commitAll(dir, 'broken yaml');
    await expect(renderAndDiff({ repo: dir, base: 'HEAD~1', head: 'HEAD' })).rejects.toThrow(
      'clusters/staging/broken.yaml',
    );
  });
});
