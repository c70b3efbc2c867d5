import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { WebhookOptions } from '../src/webhooks/webhook-options';
import { testJwtSecret } from './harness';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const fixture = fileURLToPath(new URL('./fixtures/node-server.ts', import.meta.url));

export interface ServerProcess {
  url: string;
  port: number;
  child: ChildProcess;
  /** SIGKILL: no cleanup, no goodbye to clients, as a crash would be. */
  kill(): Promise<void>;
  stop(): Promise<void>;
}

export interface ServerProcessOptions {
  /** PostgreSQL to use; or `pgliteDir` for embedded storage in that folder. */
  pgUrl?: string;
  pgliteDir?: string;
  /** Fixed loopback port, so a restarted process comes back at the same address. */
  port?: number;
  /** Share rooms with other processes through this Redis, on this stream. */
  redisUrl?: string;
  redisStream?: string;
  /** Banter's `webhooks` option. */
  webhooks?: WebhookOptions;
  /** Uploads on disk in this folder (`diskUploads`). */
  uploadsDir?: string;
}

const stopGraceMs = 10_000;

/** Starts `fixtures/node-server.ts` in its own Node process and waits for its port. */
export async function startServerProcess(options: ServerProcessOptions): Promise<ServerProcess> {
  const env: NodeJS.ProcessEnv = { ...process.env, BANTER_JWT_SECRET: testJwtSecret };
  if (options.pgUrl) env.BANTER_PG_URL = options.pgUrl;
  if (options.pgliteDir) env.BANTER_PGLITE_DIR = options.pgliteDir;
  if (options.port) env.BANTER_PORT = String(options.port);
  if (options.redisUrl) env.BANTER_REDIS_URL = options.redisUrl;
  if (options.redisStream) env.BANTER_REDIS_STREAM = options.redisStream;
  if (options.webhooks) env.BANTER_WEBHOOKS = JSON.stringify(options.webhooks);
  if (options.uploadsDir) env.BANTER_UPLOADS_DIR = options.uploadsDir;
  // One process (not the tsx launcher, which forks): a SIGKILL must kill the server itself.
  const child = spawn(process.execPath, ['--import', 'tsx', fixture], {
    cwd: repoRoot,
    env,
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
    port,
    child,
    kill() {
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.kill('SIGKILL');
      return exited;
    },
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      // A clean shutdown waits for its connections to close; one that hangs must not hang the
      // suite's hooks with it, so it gets a grace period and then the same end as a crash.
      const grace = setTimeout(() => child.kill('SIGKILL'), stopGraceMs);
      await exited;
      clearTimeout(grace);
    },
  };
}
