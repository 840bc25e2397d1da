import { defineConfig } from 'vitest/config';

// This package's own test run (`pnpm run example`); the root test command runs the same file in
// its `dist` project.
export default defineConfig({
  test: { include: ['src/**/*.test.ts'], environment: 'node', testTimeout: 60_000 },
});
