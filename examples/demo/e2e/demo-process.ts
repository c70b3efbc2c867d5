import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

const server = fileURLToPath(new URL('../server.js', import.meta.url));

/** A free loopback port, so a restarted demo can come back at the same address. */
export async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

export interface DemoProcess {
  url: string;
  stop(): Promise<void>;
}

/** Runs examples/demo/server.js as its own process, as `npm start` does, and waits until it answers. */
export async function startDemoProcess(port: number, dataDir: string): Promise<DemoProcess> {
  const child: ChildProcess = spawn(process.execPath, [server], {
    env: {
      ...process.env,
      PORT: String(port),
      BANTER_DATA_DIR: dataDir,
      BANTER_DEMO_SECRET: 'e2e-secret-long-enough-for-hs256!',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = `http://localhost:${port}`;
  await new Promise<void>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`demo exited early with code ${code}`)));
    child.stdout?.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('Banter demo running')) resolve();
    });
  });
  return {
    url,
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGKILL');
      await exited;
    },
  };
}
