import { defineConfig } from 'tsup';

/** Entry points; `scripts/check-exports.mjs` fails CI when these and package.json `exports` disagree. */
export default defineConfig({
  entry: {
    index: 'src/index.ts',
    'testing/index': 'src/testing/index.ts',
    'kube/index': 'src/kube/index.ts',
    'errors/index': 'src/errors/index.ts',
  },
  format: ['esm', 'cjs'],
  dts: true,
  sourcemap: true,
  clean: true,
  target: 'node20',
  splitting: false,
  treeshake: true,
});
