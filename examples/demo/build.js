/**
 * Builds the demo page into dist/ (git-ignored), as a site installing the packages from
 * npm would: the app bundled with esbuild (React in production mode), Banter's stylesheet
 * and the page's own, each named after a hash of its content so it can be cached for good;
 * index.html pointing at them; and a gzip and a brotli copy of each next to it, so the
 * server sends compressed bytes without compressing on every request.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { build } from 'esbuild';

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
const dist = join(here, 'dist');
const assets = join(dist, 'assets');
rmSync(dist, { recursive: true, force: true });
mkdirSync(assets, { recursive: true });

const { outputFiles } = await build({
  entryPoints: [join(here, 'src/app.tsx')],
  outfile: 'app.js',
  write: false,
  bundle: true,
  minify: true,
  format: 'esm',
  target: 'es2020',
  jsx: 'automatic',
  define: { 'process.env.NODE_ENV': '"production"' },
  logLevel: 'warning',
});

/** Writes `contents` as assets/<name>-<hash><ext> plus .gz and .br; returns its URL path. */
function emit(name, contents) {
  const ext = extname(name);
  const hash = createHash('sha256').update(contents).digest('hex').slice(0, 10);
  const file = `${basename(name, ext)}-${hash}${ext}`;
  writeCompressed(join(assets, file), contents);
  return `/assets/${file}`;
}

function writeCompressed(path, contents) {
  writeFileSync(path, contents);
  writeFileSync(`${path}.gz`, gzipSync(contents, { level: 9 }));
  writeFileSync(
    `${path}.br`,
    brotliCompressSync(contents, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }),
  );
}

const urls = {
  '/app.js': emit('app.js', outputFiles[0].contents),
  '/banter.css': emit('banter.css', readFileSync(require.resolve('@banter/react/styles.css'))),
  '/demo.css': emit('demo.css', readFileSync(join(here, 'src/demo.css'))),
};
let html = readFileSync(join(here, 'src/index.html'), 'utf8');
for (const [from, to] of Object.entries(urls)) html = html.replaceAll(`"${from}"`, `"${to}"`);
writeCompressed(join(dist, 'index.html'), html);

const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
const app = join(dist, urls['/app.js']);
console.log(
  `demo page built: examples/demo/dist (app.js ${kb(readFileSync(app).length)}, ` +
    `${kb(readFileSync(`${app}.gz`).length)} gzip, ${kb(readFileSync(`${app}.br`).length)} brotli)`,
);
