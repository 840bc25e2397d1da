import { existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { isGitOpsKitError } from '@gitops-kit/core';
import { FakeClock } from '@gitops-kit/core/testing';
import { describe, expect, it } from 'vitest';
import { createArtifactStorage } from './storage.js';

const owner = { kind: 'GitRepository', namespace: 'flux-system', name: 'app' };

function setup(opts: { retentionRecords?: number; retentionTtlMs?: number; lockTimeoutMs?: number } = {}) {
  const clock = new FakeClock();
  const basePath = mkdtempSync(join(tmpdir(), 'store-'));
  const storage = createArtifactStorage({
    basePath,
    clock,
    hostname: 'source-controller.flux-system.svc',
    ...opts,
  });
  const put = async (file: string, body: string) =>
    storage.write(
      storage.artifactFor({ ...owner, revision: `main@sha1:${file}`, fileName: file }),
      Readable.from([Buffer.from(body)]),
    );
  return { clock, basePath, storage, put };
}

describe('ArtifactStorage', () => {
  it('lays out paths and URLs as source-controller', () => {
    const { storage } = setup();
    const a = storage.artifactFor({ ...owner, revision: 'main@sha1:abc', fileName: 'abc.tar.gz' });
    expect(a).toEqual({
      path: 'gitrepository/flux-system/app/abc.tar.gz',
      url: 'http://source-controller.flux-system.svc/gitrepository/flux-system/app/abc.tar.gz',
      revision: 'main@sha1:abc',
    });
  });

  it.each([
    { name: 'dotdot name', input: { ...owner, name: '..' } },
    { name: 'slash namespace', input: { ...owner, namespace: 'a/b' } },
    { name: 'bad file', input: { ...owner, fileName: '../x.tar.gz' } },
  ])('refuses $name', ({ input }) => {
    const { storage } = setup();
    expect(() => storage.artifactFor({ revision: 'r', fileName: 'x.tar.gz', ...input })).toThrow(
      expect.objectContaining({ code: 'InvalidArgument' }),
    );
  });

  it('writes atomically with digest, size and time, and verifies', async () => {
    const { storage, put, clock } = setup();
    const a = await put('a.tar.gz', 'hello');
    expect(a.digest).toBe('sha256:2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824');
    expect(a.size).toBe(5);
    expect(a.lastUpdateTime).toBe(new Date(clock.now()).toISOString().replace('.000Z', 'Z'));
    await storage.verify(a);
    writeFileSync(storage.localPath(a), 'tampered');
    const err = await storage.verify(a).catch((e) => e);
    expect(isGitOpsKitError(err, 'DigestMismatch')).toBe(true);
    await storage.remove(a);
    expect(isGitOpsKitError(await storage.verify(a).catch((e) => e), 'ArtifactNotFound')).toBe(true);
  });

  it('leaves nothing behind when the source fails', async () => {
    const { storage } = setup();
    const a = storage.artifactFor({ ...owner, revision: 'r', fileName: 'x.tar.gz' });
    const failing = (async function* () {
      yield Buffer.from('partial');
      throw new Error('boom');
    })();
    const err = await storage.write(a, failing).catch((e) => e);
    expect(isGitOpsKitError(err, 'StorageOperationFailed')).toBe(true);
    expect(readdirSync(join(storage.basePath, 'gitrepository/flux-system/app'))).toEqual([]);
  });

  it('garbage-collects beyond N and past the TTL, never the current', async () => {
    const { storage, put, clock } = setup({ retentionRecords: 2, retentionTtlMs: 60_000 });
    const a = await put('a.tar.gz', 'a');
    await clock.advance(1000);
    const b = await put('b.tar.gz', 'b');
    await clock.advance(1000);
    const c = await put('c.tar.gz', 'c');
    const deleted = await storage.garbageCollect(c);
    expect(deleted).toEqual([storage.localPath(a)]);
    expect(await storage.exists(b)).toBe(true);
    await clock.advance(120_000);
    expect(await storage.garbageCollect(c)).toEqual([storage.localPath(b)]);
    expect(await storage.exists(c)).toBe(true);
  });

  it('lock serialises holders and times out', async () => {
    const { storage, clock } = setup({ lockTimeoutMs: 200 });
    const a = storage.artifactFor({ ...owner, revision: 'r', fileName: 'x.tar.gz' });
    const unlock = await storage.lock(a);
    expect(existsSync(`${storage.localPath(a)}.lock`)).toBe(true);
    let settled = false;
    const second = storage.lock(a).then(
      () => undefined,
      (e: unknown) => {
        settled = true;
        return e;
      },
    );
    // Real file I/O interleaves with the fake clock: let it run, then move time on.
    for (let i = 0; i < 200 && !settled; i++) {
      await new Promise((r) => setTimeout(r, 2));
      await clock.advance(50);
    }
    expect(isGitOpsKitError(await second, 'LockTimeout')).toBe(true);
    await unlock();
    const again = await storage.lock(a);
    await again();
    expect(existsSync(`${storage.localPath(a)}.lock`)).toBe(false);
  });

  it('takes over a lock whose holder process is gone', async () => {
    const { storage } = setup();
    const a = storage.artifactFor({ ...owner, revision: 'r', fileName: 'x.tar.gz' });
    await storage.lock(a);
    writeFileSync(`${storage.localPath(a)}.lock`, '999999999');
    const unlock = await storage.lock(a);
    await unlock();
  });
});
