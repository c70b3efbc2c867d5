import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { testJwtSecret } from './harness';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const fixture = fileURLToPath(new URL('./fixtures/node-server.ts', import.meta.url));

export interface ServerProcess {
  url: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

/** Starts `fixtures/node-server.ts` in its own Node process and waits for its port. */
export async function startServerProcess(pgUrl: string): Promise<ServerProcess> {
  const child = spawn(`${repoRoot}node_modules/.bin/tsx`, [fixture], {
    cwd: repoRoot,
    env: { ...process.env, BANTER_PG_URL: pgUrl, BANTER_JWT_SECRET: testJwtSecret },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
    lines.once('line', (line) => resolve((JSON.parse(line) as { port: number }).port));
    child.once('exit', (code) =>
      reject(new Error(`server process exited early with code ${code}`)),
    );
  });
  return {
    url: `http://127.0.0.1:${port}`,
    child,
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    },
  };
}
