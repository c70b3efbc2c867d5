import { defineConfig } from 'tsup';

/**
 * Builds @banter/react as ESM + CJS with declarations. React and @banter/core
 * stay external (peer and dependency). The stylesheet is bundled separately
 * by esbuild (see the build script) into dist/banter.css.
 */
export default defineConfig({
  entry: { index: 'src/index.ts' },
  format: ['esm', 'cjs'],
  target: 'es2022',
  tsconfig: '../../tsconfig.build.json',
  dts: true,
  splitting: true,
  clean: true,
  sourcemap: false,
  minify: false,
  // Keeps 'use client' at the top of the bundle for React Server Components frameworks.
  banner: { js: "'use client';" },
});
