import { defineConfig, type Options } from 'tsup';

type EsbuildPlugin = NonNullable<Options['esbuildPlugins']>[number];

/**
 * The entries the client loads lazily, by the source module its dynamic import names. Each such
 * `import('./<module>')` (src/uploads/load-upload-machinery.ts, src/transport/load-rest-machinery.ts)
 * becomes `import('<entry>')`: a package self-reference to that entry below, so the host's
 * bundler makes its code a chunk loaded on first use, while each entry stays self-contained (no
 * shared chunks, see `splitting`). Sources, tests and the size measure keep the relative import.
 */
const lazyEntries: Record<string, string> = {
  'upload-machinery': '@banter/core/uploads',
  'rest-machinery': '@banter/core/rest',
};

const lazyEntriesByPackageName: EsbuildPlugin = {
  name: 'lazy-entries-by-package-name',
  setup(build) {
    build.onResolve({ filter: /\/[\w-]+-machinery$/ }, (args) => {
      const entry = lazyEntries[args.path.slice(args.path.lastIndexOf('/') + 1)];
      return args.kind === 'dynamic-import' && entry ? { path: entry, external: true } : undefined;
    });
  },
};

/**
 * Builds @banter/core as a dual ESM (.js) + CJS (.cjs) package with matching
 * .d.ts / .d.cts declarations. Keep the entry keys in sync with the `exports`
 * map in package.json: each key is the output path under dist/ (no extension).
 */
export default defineConfig({
  entry: {
    // `@banter/core`: the client.
    index: 'src/index.ts',
    // `@banter/core/protocol`: what server-kit shares with the client.
    'protocol/index': 'src/protocol/index.ts',
    // `@banter/core/testing`: an in-memory client for tests, stories and demos.
    'testing/index': 'src/testing/index.ts',
    // `@banter/core/uploads`: what uploading needs after the first send of a file, loaded then.
    'uploads/index': 'src/uploads/upload-machinery.ts',
    // `@banter/core/rest`: the REST fallback client, loaded on first need or when idle.
    'rest/index': 'src/transport/rest-machinery.ts',
  },
  esbuildPlugins: [lazyEntriesByPackageName],
  format: ['esm', 'cjs'],
  // The protocol is shared with browser clients, so stick to plain ES2022
  // (which Node 18+ also runs) rather than a Node-only target.
  target: 'es2022',
  // The root build config drops the dev-time `paths` that point at sources.
  tsconfig: '../../tsconfig.build.json',
  dts: true,
  // No shared chunks: each entry holds only what it imports. With a shared chunk, the client's
  // ChatError sat next to the zod request schemas, and Rollup/Vite builds kept all of zod.
  // (ChatError is then one class per entry; the client and its errors come from the same one.)
  splitting: false,
  clean: true,
  // Libraries ship readable code; sourcemaps would only bloat the tarball.
  sourcemap: false,
  minify: false,
});
