/**
 * Compiles the two server scripts the way the published package is built
 * (esbuild, as tsup runs it: no minification, no kept function names) into a
 * temporary folder. Running the servers from TypeScript through tsx instead
 * would measure tsx: it compiles with `keepNames`, which gives every closure
 * a property table of its own, and Banter makes about 20 closures per
 * socket, so a connection looked half as heavy again as it is.
 *
 * Banter's own packages are bundled from source (the repository's tsconfig
 * paths); every other package stays an import, resolved to its absolute
 * location so the bundle can live outside the repository.
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build, type Plugin } from 'esbuild';

const here = import.meta.dirname;

const externalPackages: Plugin = {
  name: 'external-packages',
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, (args) => {
      if (args.path.startsWith('@banter/')) return undefined;
      return { path: import.meta.resolve(args.path), external: true };
    });
  },
};

export interface BuiltServers {
  dir: string;
  relay: string;
  banter: string;
}

export async function buildServers(): Promise<BuiltServers> {
  const dir = await mkdtemp(join(tmpdir(), 'banter-bench-servers-'));
  await build({
    entryPoints: {
      'relay-server': join(here, 'relay-server.ts'),
      'banter-server': join(here, 'banter-server.ts'),
      // pgliteStorage starts its database worker from the file beside its own module.
      'pglite-worker': join(here, '../../packages/server-kit/src/storage/pglite-worker.ts'),
    },
    outdir: dir,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    tsconfig: join(here, '../../tsconfig.json'),
    plugins: [externalPackages],
    logLevel: 'warning',
  });
  return { dir, relay: join(dir, 'relay-server.mjs'), banter: join(dir, 'banter-server.mjs') };
}
