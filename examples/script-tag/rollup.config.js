import { existsSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import commonjs from '@rollup/plugin-commonjs';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import replace from '@rollup/plugin-replace';
import esbuild from 'rollup-plugin-esbuild';

/**
 * `import css from 'x.css?inline'` becomes the file's text as a string, so the
 * embed can inject Banter's stylesheet itself and stay a single file. The path
 * before `?inline` is resolved like any import (here through @banter/react's
 * `./styles.css` export).
 */
function inlineCss() {
  const suffix = '?inline';
  return {
    name: 'inline-css',
    async resolveId(source, importer) {
      if (!source.endsWith(`.css${suffix}`)) return null;
      const resolved = await this.resolve(source.slice(0, -suffix.length), importer, {
        skipSelf: true,
      });
      return resolved && `${resolved.id}${suffix}`;
    },
    async load(id) {
      if (!id.endsWith(`.css${suffix}`)) return null;
      const file = id.slice(0, -suffix.length);
      this.addWatchFile(file);
      return `export default ${JSON.stringify(await readFile(file, 'utf8'))};`;
    },
  };
}

/**
 * Applies the `browser` file map of the package.json nearest to each module
 * (`"./transports/websocket.node.js": "./transports/websocket.js"`) to relative
 * imports. @rollup/plugin-node-resolve 16 misses these inside engine.io-client,
 * which would bundle its Node transports and, with them, `ws`, `fs` and `http`.
 */
function browserFileMap() {
  const maps = new Map(); // directory → Map(absolute file → absolute replacement)
  const mapFor = (dir) => {
    if (!maps.has(dir)) {
      const file = join(dir, 'package.json');
      const parent = dirname(dir);
      let map = parent === dir ? new Map() : null;
      if (existsSync(file)) {
        const { browser } = JSON.parse(readFileSync(file, 'utf8'));
        const entries =
          typeof browser === 'object' && browser !== null ? Object.entries(browser) : [];
        map = new Map(
          entries
            .filter(([from, to]) => from.startsWith('.') && typeof to === 'string')
            .map(([from, to]) => [resolve(dir, from), resolve(dir, to)]),
        );
      }
      maps.set(dir, map ?? mapFor(parent));
    }
    return maps.get(dir);
  };
  return {
    name: 'browser-file-map',
    async resolveId(source, importer, options) {
      if (!importer || !source.startsWith('.')) return null;
      const resolved = await this.resolve(source, importer, { ...options, skipSelf: true });
      if (!resolved || resolved.external) return resolved;
      return mapFor(dirname(resolved.id)).get(resolved.id) ?? resolved;
    },
  };
}

/** Prints each chunk's minified and gzipped size, the figure a page actually pays. */
function reportSize() {
  const kb = (bytes) => (bytes / 1024).toFixed(1);
  return {
    name: 'report-size',
    generateBundle(_options, bundle) {
      for (const chunk of Object.values(bundle)) {
        if (chunk.type !== 'chunk') continue;
        const min = Buffer.byteLength(chunk.code);
        const gzip = gzipSync(chunk.code, { level: 9 }).length;
        console.log(`${chunk.fileName}: ${kb(min)} KB min, ${kb(gzip)} KB gzip`);
      }
    },
  };
}

export default {
  input: 'src/embed.tsx',
  output: {
    file: 'dist/banter-embed.js',
    format: 'iife',
    name: 'Banter',
    exports: 'named',
    sourcemap: false,
    // One file to embed: the emoji picker, a lazy chunk for bundlers, travels inside it.
    inlineDynamicImports: true,
  },
  plugins: [
    inlineCss(),
    browserFileMap(),
    replace({
      preventAssignment: true,
      values: { 'process.env.NODE_ENV': JSON.stringify('production') },
    }),
    nodeResolve({ browser: true, exportConditions: ['browser', 'import', 'default'] }),
    commonjs(),
    esbuild({ target: 'es2019', jsx: 'automatic', minify: true, sourceMap: false }),
    reportSize(),
  ],
  onwarn(warning, warn) {
    // The packages' 'use client' directives mean nothing inside a bundle.
    if (warning.code === 'MODULE_LEVEL_DIRECTIVE') return;
    // zod's own comments and import cycles: harmless, and not ours to fix.
    const inDependency = [warning.id, ...(warning.ids ?? [])].some((id) =>
      id?.includes('/node_modules/'),
    );
    if (inDependency && ['INVALID_ANNOTATION', 'CIRCULAR_DEPENDENCY'].includes(warning.code))
      return;
    warn(warning);
  },
};
