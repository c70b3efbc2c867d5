/**
 * Builds the demo page: the app bundled with esbuild (React in production
 * mode) and Banter's stylesheet, both into public/ next to index.html.
 * Uses the built packages, as a site installing them from npm would.
 */
import { copyFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);

await build({
  entryPoints: [join(here, 'src/app.tsx')],
  outfile: join(here, 'public/app.js'),
  bundle: true,
  minify: true,
  format: 'esm',
  target: 'es2020',
  jsx: 'automatic',
  define: { 'process.env.NODE_ENV': '"production"' },
  logLevel: 'warning',
});
copyFileSync(require.resolve('@banter/react/styles.css'), join(here, 'public/banter.css'));
console.log('demo page built: examples/demo/public/app.js, banter.css');
