import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createArtifactStorage,
  fetchGitRepository,
  gitCliBackend,
  isomorphicGitBackend,
} from '@gitops-kit/source';
import { describe, expect, it } from 'vitest';
import { service } from '../services.js';
import { describeGitBackend } from './describeGitBackend.js';
import { WorkRepo, repoUrl } from './gitFixtures.js';

const git = service('git-http');
const auth = service('git-http-auth');
const env = () => ({ gitUrl: git.ok ? git.info.url : '', authUrl: auth.ok ? auth.info.url : undefined });

describe.skipIf(!git.ok)(
  `git source against the real smart-HTTP server${git.ok ? '' : ` (skipped: ${git.reason})`}`,
  () => {
    describeGitBackend('isomorphic-git', () => isomorphicGitBackend(), env);
    describeGitBackend('git-cli', () => gitCliBackend(), env);

    it('both backends produce byte-identical artifacts for the same commit', async () => {
      const w = new WorkRepo();
      w.write({ 'a/b.yaml': 'b: 1\n', 'c.yaml': 'c: 1\n', 'x.png': 'p' });
      w.commit('content');
      const url = repoUrl(env().gitUrl, 'cross');
      w.push(url);
      const storage = createArtifactStorage({ basePath: mkdtempSync(join(tmpdir(), 'cross-')) });
      const a = await fetchGitRepository({
        url,
        ref: { branch: 'main' },
        storage,
        backend: isomorphicGitBackend(),
        owner: { name: 'a' },
      });
      const b = await fetchGitRepository({
        url,
        ref: { branch: 'main' },
        storage,
        backend: gitCliBackend(),
        owner: { name: 'b' },
      });
      expect(b.artifact.digest).toBe(a.artifact.digest);
      expect(b.revision).toBe(a.revision);
    });
  },
);
