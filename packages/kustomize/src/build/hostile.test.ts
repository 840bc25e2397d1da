/**
 * Hostile input: every case must end in a typed error (or a correct result), quickly and with
 * bounded memory: paths escaping the root, symlink loops, self-including kustomizations, a
 * 1,000-deep chain of bases, a YAML alias bomb, a 100 MB file, an aborted build.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isGitOpsKitError } from '@gitops-kit/core';
import { build } from './build.js';
import { type KustomizeFileSystem, memoryFileSystem } from './fs.js';

const cm = (name: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\ndata:\n  k: v\n`;

async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    if (isGitOpsKitError(e)) return e.code;
    throw e;
  }
  return 'no error';
}

describe('kustomize build on hostile input', () => {
  let tmp: string;
  beforeAll(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'gitops-kit-hostile-'));
  });
  afterAll(() => {
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  const table: Array<{ name: string; files: Record<string, string>; want: string }> = [
    {
      name: 'a resource path escaping the root',
      files: { '/app/kustomization.yaml': 'resources:\n- ../outside.yaml\n', '/outside.yaml': cm('x') },
      want: 'LoadRestriction',
    },
    {
      name: 'an absolute resource path outside the root',
      files: { '/app/kustomization.yaml': 'resources:\n- /outside.yaml\n', '/outside.yaml': cm('x') },
      want: 'LoadRestriction',
    },
    {
      name: 'a patch file escaping the root',
      files: {
        '/app/kustomization.yaml': `resources:\n- cm.yaml\npatches:\n- path: ../p.yaml\n`,
        '/app/cm.yaml': cm('a'),
        '/p.yaml': cm('a'),
      },
      want: 'LoadRestriction',
    },
    {
      name: 'a kustomization that includes itself',
      files: { '/app/kustomization.yaml': 'resources:\n- .\n' },
      want: 'CycleDetected',
    },
    {
      name: 'two kustomizations that include each other',
      files: {
        '/a/kustomization.yaml': 'resources:\n- ../b\n',
        '/b/kustomization.yaml': 'resources:\n- ../a\n',
      },
      want: 'CycleDetected',
    },
    {
      name: 'a base that contains the kustomization',
      files: {
        '/top/app/kustomization.yaml': 'resources:\n- ..\n',
        '/top/kustomization.yaml': 'resources:\n- app\n',
      },
      want: 'CycleDetected',
    },
    {
      name: 'a YAML alias bomb',
      files: {
        '/app/kustomization.yaml': 'resources:\n- bomb.yaml\n',
        '/app/bomb.yaml': [
          'apiVersion: v1',
          'kind: ConfigMap',
          'metadata: {name: bomb}',
          'a: &a [x, x, x, x, x, x, x, x, x, x]',
          ...Array.from({ length: 9 }, (_, i) => {
            const p = String.fromCharCode(97 + i);
            const n = String.fromCharCode(98 + i);
            return `${n}: &${n} [*${p}, *${p}, *${p}, *${p}, *${p}, *${p}, *${p}, *${p}, *${p}, *${p}]`;
          }),
          '',
        ].join('\n'),
      },
      want: 'LimitExceeded',
    },
    {
      name: 'deeply nested flow collections',
      files: {
        '/app/kustomization.yaml': 'resources:\n- deep.yaml\n',
        '/app/deep.yaml': `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: d}\ndata: ${'['.repeat(50000)}${']'.repeat(50000)}\n`,
      },
      want: 'MalformedYaml',
    },
  ];
  it.each(table)('$name: $want', async ({ files, want }) => {
    const root = Object.keys(files)[0]!.replace(/\/kustomization\.yaml$/, '');
    expect(await codeOf(build({ path: root, fs: memoryFileSystem(files) }))).toBe(want);
  });

  it('builds a 1,000-deep chain of bases', async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 1000; i++) files[`/chain/${i}/kustomization.yaml`] = `resources:\n- ../${i + 1}\n`;
    files['/chain/1000/kustomization.yaml'] = 'resources:\n- cm.yaml\n';
    files['/chain/1000/cm.yaml'] = cm('leaf');
    const list = await build({ path: '/chain/0', fs: memoryFileSystem(files) });
    expect(list.toYaml()).toBe('apiVersion: v1\ndata:\n  k: v\nkind: ConfigMap\nmetadata:\n  name: leaf\n');
  });

  it('refuses a 100 MB file without reading it', async () => {
    let read = false;
    const inner = memoryFileSystem({
      '/app/kustomization.yaml': 'resources:\n- big.yaml\n',
      '/app/big.yaml': '',
    });
    const fsys: KustomizeFileSystem = {
      realpath: (p) => inner.realpath(p),
      async stat(p) {
        const s = await inner.stat(p);
        return p.endsWith('big.yaml') ? { ...s, size: 100 * 1024 * 1024 } : s;
      },
      async readFile(p) {
        if (p.endsWith('big.yaml')) read = true;
        return inner.readFile(p);
      },
    };
    expect(await codeOf(build({ path: '/app', fs: fsys }))).toBe('LimitExceeded');
    expect(read).toBe(false);
  });

  it('refuses a real 100 MB (sparse) file on disk', async () => {
    const dir = path.join(tmp, 'big');
    fs.mkdirSync(dir);
    fs.writeFileSync(path.join(dir, 'kustomization.yaml'), 'resources:\n- big.yaml\n');
    const fd = fs.openSync(path.join(dir, 'big.yaml'), 'w');
    fs.ftruncateSync(fd, 100 * 1024 * 1024);
    fs.closeSync(fd);
    expect(await codeOf(build({ path: dir }))).toBe('LimitExceeded');
  });

  it('reports a symlink loop as a missing file', async () => {
    const dir = path.join(tmp, 'loop');
    fs.mkdirSync(dir);
    fs.writeFileSync(path.join(dir, 'kustomization.yaml'), 'resources:\n- a.yaml\n');
    fs.symlinkSync('b.yaml', path.join(dir, 'a.yaml'));
    fs.symlinkSync('a.yaml', path.join(dir, 'b.yaml'));
    expect(await codeOf(build({ path: dir }))).toBe('FileNotFound');
  });

  it('reports a directory symlink back to the root as a cycle', async () => {
    const dir = path.join(tmp, 'dirloop');
    fs.mkdirSync(dir);
    fs.writeFileSync(path.join(dir, 'kustomization.yaml'), 'resources:\n- self\n');
    fs.symlinkSync('.', path.join(dir, 'self'));
    expect(await codeOf(build({ path: dir }))).toBe('CycleDetected');
  });

  it('stops when aborted', async () => {
    const ac = new AbortController();
    ac.abort();
    const files = { '/app/kustomization.yaml': 'resources:\n- cm.yaml\n', '/app/cm.yaml': cm('a') };
    expect(await codeOf(build({ path: '/app', fs: memoryFileSystem(files), signal: ac.signal }))).toBe(
      'Aborted',
    );
  });
});
