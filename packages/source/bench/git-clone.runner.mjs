// One shallow clone through a GitBackend (ls-remote, fetch depth 1, checkout), for git-clone.bench.mjs.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { gitCliBackend, isomorphicGitBackend } from '@gitops-kit/source';

const [backendName, url, dir] = process.argv.slice(2);
const backend = backendName === 'git-cli' ? gitCliBackend() : isomorphicGitBackend();
mkdirSync(dir, { recursive: true });
const refs = await backend.listRemoteRefs({ url });
const head = refs.find((r) => r.name === 'refs/heads/main');
const gitDir = join(dir, '.git');
await backend.fetch({ url, gitDir, refs: ['refs/heads/main'], depth: 1 });
await backend.checkout({ gitDir, oid: head.oid, dir });
