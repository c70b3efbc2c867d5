import { defineConfig } from 'tsup';

/**
 * Builds @banter/server-kit as a dual ESM (.js) + CJS (.cjs) package with
 * matching .d.ts / .d.cts declarations. Keep the entry keys in sync with the
 * `exports` map in package.json: each key is the output path under dist/.
 *
 * dependencies and peerDependencies (including @banter/core, pg, PGlite,
 * express, socket.io) are external by default, so this build needs
 * @banter/core's dist/ types to exist: the root build runs core first.
 */
export default defineConfig({
  entry: {
    index: 'src/index.ts',
    // Separate entries so hosts only load the database driver they use.
    'storage/pglite': 'src/storage/pglite.ts',
    'storage/postgres': 'src/storage/postgres.ts',
    // Not imported by anyone: pgliteStorage starts it as a worker thread, from the file
    // next to its own module (storage/pglite-worker.js or .cjs, whichever format loaded it).
    'storage/pglite-worker': 'src/storage/pglite-worker.ts',
  },
  format: ['esm', 'cjs'],
  target: 'node18',
  platform: 'node',
  // The root build config drops the dev-time `paths` that point at sources,
  // so `@banter/core/protocol` resolves to the built workspace package.
  tsconfig: '../../tsconfig.build.json',
  dts: true,
  // Code shared by the entries (SqlStorage, errors, ...) goes into chunks for
  // BOTH formats instead of being copied into each entry.
  splitting: true,
  // `import.meta.url` in the CommonJS build too: it is how pgliteStorage finds its worker.
  shims: true,
  clean: true,
  // Libraries ship readable code; sourcemaps would only bloat the tarball.
  sourcemap: false,
  minify: false,
});
