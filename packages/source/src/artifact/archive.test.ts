import { mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sourceIgnoreFilter } from '../ignore/sourceignore.js';
import { createArtifactStorage } from '../storage/storage.js';
import { listPackEntries } from './archive.js';
import { extractArtifact } from './extract.js';
import { extract as tarExtract } from 'tar-stream';
import { createGunzip } from 'node:zlib';
import { createReadStream, statSync } from 'node:fs';
import { pipeline } from 'node:stream/promises';

function tree(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'pack-'));
  for (const [p, c] of Object.entries(files)) {
    mkdirSync(join(dir, p, '..'), { recursive: true });
    writeFileSync(join(dir, p), c);
  }
  return dir;
}

async function headers(file: string) {
  const out: {
    name: string;
    mode: number;
    uid: number;
    gid: number;
    mtime: number;
    uname: string;
    type: string;
  }[] = [];
  const ex = tarExtract();
  ex.on('entry', (h, s, next) => {
    out.push({
      name: h.name,
      mode: h.mode!,
      uid: h.uid!,
      gid: h.gid!,
      mtime: h.mtime!.getTime(),
      uname: h.uname ?? '',
      type: h.type!,
    });
    s.resume();
    s.on('end', next);
  });
  await pipeline(createReadStream(file), createGunzip(), ex);
  return out;
}

describe('packDirectory', () => {
  it('walks depth-first in byte order, root first, symlinks dropped', async () => {
    const dir = tree({ 'b.yaml': 'b', 'a/z.yaml': 'z', 'a-b.yaml': 'ab', 'A.yaml': 'A' });
    symlinkSync('/etc/passwd', join(dir, 'link'));
    const names = (await listPackEntries({ dir })).map((e) => e.name);
    expect(names).toEqual(['.', 'A.yaml', 'a', 'a/z.yaml', 'a-b.yaml', 'b.yaml']);
  });

  it('normalises modes, owners and times', async () => {
    const dir = tree({ 'run.sh': '#!/bin/sh\n', 'x.yaml': 'x' });
    chmodSync(join(dir, 'run.sh'), 0o755);
    chmodSync(join(dir, 'x.yaml'), 0o664);
    const storage = createArtifactStorage({ basePath: mkdtempSync(join(tmpdir(), 'store-')) });
    const a = await storage.archive(
      storage.artifactFor({
        kind: 'GitRepository',
        namespace: 'ns',
        name: 'n',
        revision: 'r',
        fileName: 'a.tar.gz',
      }),
      dir,
    );
    const hs = await headers(storage.localPath(a));
    expect(hs).toEqual([
      { name: '.', mode: 0o750, uid: 0, gid: 0, mtime: 0, uname: '', type: 'directory' },
      { name: 'run.sh', mode: 0o700, uid: 0, gid: 0, mtime: 0, uname: '', type: 'file' },
      { name: 'x.yaml', mode: 0o600, uid: 0, gid: 0, mtime: 0, uname: '', type: 'file' },
    ]);
  });

  it('same tree, different mtimes and modes of dirs -> identical digest; ignored change -> same digest', async () => {
    const files = {
      'app/deploy.yaml': 'kind: Deployment\n',
      'README.md': '# hi\n',
      'logo.png': 'png1',
      'empty.txt': '',
    };
    const d1 = tree(files);
    const d2 = tree({ ...files, 'logo.png': 'png2-changed' });
    chmodSync(join(d2, 'app'), 0o777);
    const storage = createArtifactStorage({ basePath: mkdtempSync(join(tmpdir(), 'store-')) });
    const art = (f: string) =>
      storage.artifactFor({ kind: 'GitRepository', namespace: 'ns', name: 'n', revision: 'r', fileName: f });
    const filter = sourceIgnoreFilter([]);
    const a1 = await storage.archive(art('1.tar.gz'), d1, { filter });
    const a2 = await storage.archive(art('2.tar.gz'), d2, { filter });
    expect(a1.digest).toMatch(/^sha256:[a-f0-9]{64}$/);
    expect(a2.digest).toBe(a1.digest);
    expect(a2.size).toBe(statSync(storage.localPath(a2)).size);
    const a3 = await storage.archive(art('3.tar.gz'), tree({ ...files, 'README.md': '# changed\n' }), {
      filter,
    });
    expect(a3.digest).not.toBe(a1.digest);
  });

  it('round-trips through extractArtifact, including a large file', async () => {
    const big = 'x'.repeat(3 * 1024 * 1024 + 7);
    const dir = tree({ 'a/b/c.yaml': 'c: 1\n', 'big.bin': big, empty: '' });
    const storage = createArtifactStorage({ basePath: mkdtempSync(join(tmpdir(), 'store-')) });
    const a = await storage.archive(
      storage.artifactFor({
        kind: 'GitRepository',
        namespace: 'ns',
        name: 'n',
        revision: 'r',
        fileName: 'a.tar.gz',
      }),
      dir,
    );
    const out = join(mkdtempSync(join(tmpdir(), 'out-')), 'x');
    const r = await extractArtifact({ file: storage.localPath(a), dir: out });
    expect(r.files).toBe(3);
    expect(readFileSync(join(out, 'big.bin'), 'utf8')).toBe(big);
    expect(readFileSync(join(out, 'a/b/c.yaml'), 'utf8')).toBe('c: 1\n');
    expect(readFileSync(join(out, 'empty'), 'utf8')).toBe('');
  });
});
