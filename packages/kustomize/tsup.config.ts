import { defineConfig } from 'tsup';

/** Entry points; `scripts/check-exports.mjs` fails CI when these and package.json `exports` disagree. */
export default defineConfig({
  entry: { index: 'src/index.ts', 'yaml/index': 'src/yaml/index.ts', 'build/index': 'src/build/index.ts' },
  format: ['esm', 'cjs'],
  dts: true,
  sourcemap: true,
  clean: true,
  target: 'node20',
  splitting: false,
  treeshake: true,
});
