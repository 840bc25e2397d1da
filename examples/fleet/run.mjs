// The example fleet end to end: creates a temporary Git repository from repo/, serves it over smart
// HTTP on loopback, and runs `gitops-kit reconcile` on its clusters/production into the embedded
// in-memory cluster. Extra arguments go to `gitops-kit reconcile` (e.g. `-o json`, `--state-dir`).
// Exit code: gitops-kit's (0 when every object is Ready).
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createFleetRepository, serveGit } from './gitServer.mjs';

const cliBin = join(
  dirname(createRequire(import.meta.url).resolve('@gitops-kit/cli/package.json')),
  'dist/bin.js',
);
const cluster = process.env.FLEET_CLUSTER ?? 'production';
const tmp = await mkdtemp(join(tmpdir(), 'gitops-kit-example-fleet-'));
const server = await serveGit({ root: join(tmp, 'git') });
let code = 1;
try {
  const url = `${server.url}/fleet.git`;
  const commit = await createFleetRepository({ root: join(tmp, 'git'), url, work: join(tmp, 'work') });
  console.error(`Serving the example fleet at ${url} (main@sha1:${commit})`);
  const args = [
    cliBin,
    'reconcile',
    url,
    '--path',
    `clusters/${cluster}`,
    '--state-dir',
    join(tmp, 'state'),
    ...process.argv.slice(2),
  ];
  console.error(`$ gitops-kit ${args.slice(1).join(' ')}`);
  code = await new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { stdio: 'inherit' });
    child.on('error', reject);
    child.on('exit', (c, signal) => resolve(c ?? (signal ? 1 : 0)));
  });
} finally {
  await server.close();
  await rm(tmp, { recursive: true, force: true });
}
process.exitCode = code;
