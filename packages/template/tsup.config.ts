import { defineConfig } from 'tsup';

/** Entry points; `scripts/check-exports.mjs` fails CI when these and package.json `exports` disagree. */
export default defineConfig({
  entry: { index: 'src/index.ts' },
  format: ['esm', 'cjs'],
  dts: true,
  sourcemap: true,
  clean: true,
  target: 'node20',
  splitting: false,
  treeshake: true,
  // import.meta.url in the CommonJS build (lazyRequire's createRequire).
  shims: true,
});
