import { fileURLToPath } from 'node:url';
import { type ExampleProcess, freePort, startExample } from '../../../scripts/example-process';

export { freePort };
export type DemoProcess = ExampleProcess;

const server = fileURLToPath(new URL('../server.js', import.meta.url));

/**
 * Runs examples/demo/server.js as its own process, as `npm start` does, and waits until it
 * answers; `stop` kills it as a crash would.
 */
export function startDemoProcess(port: number, dataDir: string): Promise<DemoProcess> {
  return startExample({
    script: server,
    port,
    env: { BANTER_DATA_DIR: dataDir, BANTER_DEMO_SECRET: 'e2e-secret-long-enough-for-hs256!' },
    readyText: 'Banter demo running',
  });
}
