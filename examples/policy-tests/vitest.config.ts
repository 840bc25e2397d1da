import { defineConfig } from 'vitest/config';

// This package's own test run (`pnpm run example`). The repository's root test command runs the
// same files in its `dist` project.
export default defineConfig({
  test: { include: ['policies/**/*.test.ts'], environment: 'node' },
});
