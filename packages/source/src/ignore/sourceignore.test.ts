import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  createIgnoreFilter,
  loadIgnorePatterns,
  readIgnorePatterns,
  sourceIgnoreFilter,
} from './sourceignore.js';

describe('sourceIgnoreFilter', () => {
  it.each([
    { name: 'VCS dir always excluded', input: { groups: [], path: '.git/config', dir: false }, want: true },
    {
      name: '.gitignore always excluded',
      input: { groups: [], path: 'sub/.gitignore', dir: false },
      want: true,
    },
    { name: 'default extension', input: { groups: [], path: 'docs/logo.png', dir: false }, want: true },
    {
      name: 'default CI dir',
      input: { groups: [], path: '.github/workflows/ci.yaml', dir: false },
      want: true,
    },
    { name: 'default **/.sops.yaml', input: { groups: [], path: 'a/b/.sops.yaml', dir: false }, want: true },
    { name: 'manifest kept', input: { groups: [], path: 'deploy/app.yaml', dir: false }, want: false },
    {
      name: 'any pattern drops the defaults (Flux fact 4)',
      input: { groups: [readIgnorePatterns('*.txt')], path: 'docs/logo.png', dir: false },
      want: false,
    },
    {
      name: 'VCS kept with patterns',
      input: { groups: [readIgnorePatterns('*.txt')], path: '.git/HEAD', dir: false },
      want: true,
    },
    {
      name: 'comment-only spec.ignore keeps the defaults',
      input: { groups: [readIgnorePatterns('# nothing\n\n')], path: 'x.png', dir: false },
      want: true,
    },
    {
      name: 'negation re-includes',
      input: { groups: [readIgnorePatterns('*.yaml\n!keep.yaml')], path: 'a/keep.yaml', dir: false },
      want: false,
    },
    {
      name: 'anchored pattern only at root',
      input: { groups: [readIgnorePatterns('/root.yaml')], path: 'sub/root.yaml', dir: false },
      want: false,
    },
    {
      name: 'dir-only pattern does not match a file',
      input: { groups: [readIgnorePatterns('build/')], path: 'build', dir: false },
      want: false,
    },
    {
      name: 'dir-only pattern matches the dir',
      input: { groups: [readIgnorePatterns('build/')], path: 'build', dir: true },
      want: true,
    },
    {
      name: 'files below an excluded dir',
      input: { groups: [readIgnorePatterns('build/')], path: 'x/build/out.yaml', dir: false },
      want: true,
    },
    {
      name: 'nested .sourceignore scoped to its dir',
      input: { groups: [readIgnorePatterns('*.yaml', 'apps')], path: 'infra/a.yaml', dir: false },
      want: false,
    },
    {
      name: 'nested .sourceignore applies below its dir',
      input: { groups: [readIgnorePatterns('*.yaml', 'apps')], path: 'apps/x/a.yaml', dir: false },
      want: true,
    },
    {
      name: 'nested anchored pattern relative to its dir',
      input: { groups: [readIgnorePatterns('/a.yaml', 'apps')], path: 'apps/a.yaml', dir: false },
      want: true,
    },
    {
      name: 'spec.ignore (later) overrides a nested file',
      input: {
        groups: [readIgnorePatterns('secret.yaml', 'apps'), readIgnorePatterns('!apps/secret.yaml')],
        path: 'apps/secret.yaml',
        dir: false,
      },
      want: false,
    },
    {
      name: 'double star in the middle',
      input: { groups: [readIgnorePatterns('a/**/z.yaml')], path: 'a/b/c/z.yaml', dir: false },
      want: true,
    },
  ])('$name', ({ input, want }) => {
    expect(sourceIgnoreFilter(input.groups)(input.path, input.dir)).toBe(want);
  });
});

describe('createIgnoreFilter', () => {
  it('no patterns excludes nothing', () => {
    expect(createIgnoreFilter([])('a/b.png', false)).toBe(false);
  });
});

describe('loadIgnorePatterns', () => {
  it('reads every .sourceignore, root first then lexical, skipping .git', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sourceignore-'));
    for (const d of ['b', 'a/deep', '.git']) mkdirSync(join(dir, d), { recursive: true });
    writeFileSync(join(dir, '.sourceignore'), '# c\nroot\n');
    writeFileSync(join(dir, 'b/.sourceignore'), 'bee\n');
    writeFileSync(join(dir, 'a/deep/.sourceignore'), '\n\ndeep\n');
    writeFileSync(join(dir, '.git/.sourceignore'), 'never\n');
    expect(await loadIgnorePatterns({ dir })).toEqual([
      { domain: '', patterns: ['root'] },
      { domain: 'a/deep', patterns: ['deep'] },
      { domain: 'b', patterns: ['bee'] },
    ]);
  });
});
