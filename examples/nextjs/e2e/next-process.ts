import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

const server = fileURLToPath(new URL('../server.js', import.meta.url));
const buildId = fileURLToPath(new URL('../.next/BUILD_ID', import.meta.url));

/** A loopback port nobody is listening on. */
export async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

export interface NextProcess {
  url: string;
  stop(): Promise<void>;
}

/**
 * Runs examples/nextjs/server.js as `npm start` does (production, the `next build`
 * output), and resolves once it says it is ready.
 */
export async function startNextExample(port: number, dataDir: string): Promise<NextProcess> {
  if (!existsSync(buildId)) {
    throw new Error('examples/nextjs has no production build: run `npm run build:examples` first');
  }
  const child: ChildProcess = spawn(process.execPath, [server], {
    env: {
      ...process.env,
      NODE_ENV: 'production',
      NEXT_TELEMETRY_DISABLED: '1',
      PORT: String(port),
      BANTER_DATA_DIR: dataDir,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the example exited early with code ${code}`)));
    child.stdout?.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('ready on')) resolve();
    });
  });
  return {
    url: `http://localhost:${port}`,
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      // It closes Banter, Next.js and the database on SIGTERM; if that hangs, stop it anyway.
      const hung = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(hung);
    },
  };
}
