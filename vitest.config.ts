import { defineConfig } from 'vitest/config';

/**
 * Two projects:
 * - `unit`: every package's `src/**\/*.test.ts`, resolved to TypeScript sources through the
 *   `gitops-kit-source` export condition (no build needed).
 * - `dist`: cross-package and contract runs (`packages/tests`) and the examples, resolved to the
 *   built `dist/` output, so the published artefacts are what gets tested.
 */
const sourceConditions = ['gitops-kit-source', 'node', 'import', 'module', 'default'];

export default defineConfig({
  test: {
    projects: [
      {
        resolve: { conditions: sourceConditions },
        ssr: { resolve: { conditions: sourceConditions, externalConditions: sourceConditions } },
        test: {
          name: 'unit',
          include: ['packages/*/src/**/*.test.ts'],
          // packages/tests runs in the `dist` project only.
          exclude: ['**/node_modules/**', 'packages/tests/**'],
          environment: 'node',
          testTimeout: 30_000,
          hookTimeout: 600_000,
          // Unit tests of drivers (git, OCI, S3, ...) talk to the real local services too.
          globalSetup: ['packages/tests/src/globalSetup.ts'],
        },
      },
      {
        test: {
          name: 'dist',
          include: ['packages/tests/src/**/*.test.ts', 'examples/*/**/*.test.ts'],
          exclude: ['**/node_modules/**'],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 600_000,
          globalSetup: ['packages/tests/src/globalSetup.ts'],
        },
      },
    ],
  },
});
