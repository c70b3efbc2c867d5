// Where the chat page's bytes are: bundles scripts/size/chat-page.js from the sources the way
// .size-limit.js does (same lazy chunks left out, React external) and prints the page's gzip
// size, then each source module's minified bytes in it, largest first.
//
//   node scripts/size/page-breakdown.mjs             the page and its 40 largest modules
//   node scripts/size/page-breakdown.mjs --top 200   more modules
//   node scripts/size/page-breakdown.mjs --without packages/react/src/components/Avatar,...
//       also the gzip bytes the page would lose without those modules (each replaced by empty
//       exports): what moving them to a chunk can save at most. Several --without compare
//       several groups in one run.
//
// Gzip does not add up per module, which is why --without measures a whole page each time.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { lazyChunks } from '../../.size-limit.js';

const args = process.argv.slice(2);
const top = Number(optionValue('--top') ?? 40);
const groups = args.flatMap((arg, i) => (args[i - 1] === '--without' ? [arg.split(',')] : []));

const base = await bundle([]);
console.log(`page: ${base.minified} B minified, ${base.gzip} B gzip`);
for (const [bytes, file] of base.modules.slice(0, top)) console.log(`${bytes}\t${file}`);
for (const group of groups) {
  const without = await bundle(group);
  console.log(`without ${group.join(', ')}: ${base.gzip - without.gzip} B gzip less`);
}

function optionValue(flag) {
  const at = args.indexOf(flag);
  return at === -1 ? undefined : args[at + 1];
}

/** The page bundled, with the modules whose paths start with one of `left` emptied. */
async function bundle(left) {
  const emptied = {
    name: 'empty-modules',
    setup(build) {
      build.onLoad({ filter: /\.(ts|tsx|js)$/ }, (file) => {
        const relative = path.relative(process.cwd(), file.path);
        if (!left.some((prefix) => relative.startsWith(prefix))) return undefined;
        return { contents: emptyExports(readFileSync(file.path, 'utf8')), loader: 'js' };
      });
    },
  };
  const result = await build({
    entryPoints: ['scripts/size/chat-page.js'],
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    write: false,
    metafile: true,
    logLevel: 'silent',
    tsconfig: 'tsconfig.json',
    external: ['react', 'react-dom', 'react/jsx-runtime', ...lazyChunks],
    plugins: [emptied],
  });
  const code = result.outputFiles[0].contents;
  const inputs = Object.values(result.metafile.outputs)[0].inputs;
  const modules = Object.entries(inputs)
    .map(([file, { bytesInOutput }]) => [bytesInOutput, file])
    .sort((a, b) => b[0] - a[0]);
  return { minified: code.length, gzip: gzipSync(code).length, modules };
}

/** A module with the same export names, each undefined: its importers still bundle. */
function emptyExports(source) {
  const names = new Set();
  for (const [, name] of source.matchAll(/export\s+(?:const|let|function|class)\s+(\w+)/g)) {
    names.add(name);
  }
  for (const [, list] of source.matchAll(/export\s*\{([^}]*)\}/g)) {
    for (const entry of list.split(',')) {
      const item = entry.trim();
      if (!item || item.startsWith('type ')) continue;
      names.add(item.split(/\s+as\s+/).pop());
    }
  }
  return [...names].map((name) => `export const ${name} = undefined;`).join('\n');
}
