// Every ```ts block of the guides in docs/ runs here, as a user would paste it, against the
// built packages. A block whose first line is `// not run: <why>` is skipped (it needs a server).
import { mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it, vi } from 'vitest';

const docsDir = fileURLToPath(new URL('../../../docs', import.meta.url));
const workDir = fileURLToPath(new URL('../.snippets', import.meta.url));

interface Snippet {
  name: string;
  code: string;
  skip?: string;
}

async function snippets(): Promise<Snippet[]> {
  const out: Snippet[] = [];
  for (const file of (await readdir(docsDir)).filter((f) => f.endsWith('.md')).sort()) {
    const text = await readFile(path.join(docsDir, file), 'utf8');
    let i = 0;
    for (const m of text.matchAll(/^```(?:ts|typescript)\n([\s\S]*?)^```$/gm)) {
      const code = m[1]!;
      const line = text.slice(0, m.index).split('\n').length;
      const skip = /^\/\/ not run: (.*)/.exec(code)?.[1];
      out.push({ name: `docs/${file}:${line} (#${++i})`, code, ...(skip ? { skip } : {}) });
    }
  }
  return out;
}

const all = await snippets();

afterAll(async () => {
  await rm(workDir, { recursive: true, force: true });
});

describe('guide snippets', () => {
  it('finds the snippets of every package guide', () => {
    const files = new Set(all.map((s) => s.name.split(':')[0]));
    for (const guide of ['core', 'source', 'kustomize', 'template', 'helm', 'getting-started']) {
      expect(files).toContain(`docs/${guide}.md`);
    }
  });

  it.each(all.filter((s) => !s.skip))('$name runs', async ({ name, code }) => {
    await mkdir(workDir, { recursive: true });
    const file = path.join(workDir, `${name.replace(/[^a-z0-9]+/gi, '-')}.ts`);
    await writeFile(file, code);
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    const write = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    try {
      await import(pathToFileURL(file).href);
    } finally {
      log.mockRestore();
      write.mockRestore();
    }
  });
});
