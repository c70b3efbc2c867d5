import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type ExampleProcess, freePort, startExample } from '../../../scripts/example-process';

export { freePort };
export type NextProcess = ExampleProcess;

const server = fileURLToPath(new URL('../server.js', import.meta.url));
const buildId = fileURLToPath(new URL('../.next/BUILD_ID', import.meta.url));

/**
 * Runs examples/nextjs/server.js as `npm start` does (production, the `next build`
 * output), and resolves once it says it is ready. `stop` asks it to close Banter,
 * Next.js and the database (SIGTERM), and kills it if that hangs.
 */
export async function startNextExample(port: number, dataDir: string): Promise<NextProcess> {
  if (!existsSync(buildId)) {
    throw new Error('examples/nextjs has no production build: run `npm run build:examples` first');
  }
  return startExample({
    script: server,
    port,
    env: { NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1', BANTER_DATA_DIR: dataDir },
    readyText: 'ready on',
    stopSignal: 'SIGTERM',
  });
}
