/**
 * Starts the server under test as its own process, one per scenario and
 * target, with fresh storage: a new PostgreSQL database, or a copy of an
 * empty, migrated PGlite folder (creating one from nothing costs seconds).
 * Stopping it removes that storage, also after a failure.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase } from '../../packages/server-kit/test/postgres-database';
import { Channel, firstMessage } from './channel';
import {
  type ServerReply,
  type ServerRequest,
  type ServerStats,
  storeOf,
  type Target,
} from './ipc';
import { webhookReceiverOption } from './webhook-receiver';

export interface ServerOptions {
  /** The compiled server scripts (build.ts). */
  scripts: { relay: string; banter: string };
  pgPool: number;
  /** A migrated, empty PGlite data folder to copy. */
  pgliteTemplate: string;
}

export interface ServerHandle {
  target: Target;
  url: string;
  pid: number;
  /** The PostgreSQL database name, for the postgres targets. */
  database: string | null;
  stats(gc: boolean): Promise<ServerStats>;
  /** Starts V8's CPU profiler in the server; `profileStop` writes the profile to `path`. */
  profileStart(): Promise<void>;
  profileStop(path: string): Promise<void>;
  heapSnapshot(path: string): Promise<void>;
  stop(): Promise<void>;
}

/** Servers still running, so an interrupted benchmark can stop them and drop their databases. */
const live = new Set<ServerHandle>();

export async function stopAllServers(): Promise<void> {
  await Promise.allSettled([...live].map((server) => server.stop()));
}

export async function startServer(target: Target, options: ServerOptions): Promise<ServerHandle> {
  let database: Awaited<ReturnType<typeof createTestDatabase>> | null = null;
  let dataDir: string | null = null;
  let child: ChildProcess | null = null;
  const cleanup = async () => {
    if (child && child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child?.once('exit', resolve));
      child.kill('SIGKILL');
      await exited;
    }
    if (database) await database.drop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  };
  try {
    const env: NodeJS.ProcessEnv = { ...process.env };
    const store = storeOf(target);
    // bench/webhooks-send-cpu.ts sets BENCH_WEBHOOKS itself, with a receiver of its own.
    if (target.endsWith('+webhooks')) env.BENCH_WEBHOOKS = await webhookReceiverOption();
    if (store === 'postgres') {
      database = await createTestDatabase('bench');
      env.BENCH_PG_URL = database.url;
      env.BENCH_PG_POOL = String(options.pgPool);
    } else if (store === 'pglite') {
      dataDir = await mkdtemp(join(tmpdir(), 'banter-bench-pglite-'));
      await cp(options.pgliteTemplate, dataDir, { recursive: true });
      env.BENCH_PGLITE_DIR = dataDir;
    }
    const script = target === 'relay' ? options.scripts.relay : options.scripts.banter;
    const execArgv = ['--expose-gc'];
    child = fork(script, [], { execArgv, env, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    const started = child;
    const { port } = await firstMessage<Extract<ServerReply, { type: 'ready' }>>(
      started,
      'ready',
      `${target} server`,
      60_000,
    );
    const channel = new Channel<ServerRequest, ServerReply>(started, `${target} server`);
    const handle: ServerHandle = {
      target,
      url: `http://127.0.0.1:${port}`,
      pid: started.pid ?? -1,
      database: database?.name ?? null,
      async stats(gc) {
        const reply = await channel.request({ type: 'stats', gc }, 30_000);
        if (reply.type !== 'stats') throw new Error(`unexpected reply ${reply.type}`);
        return reply.stats;
      },
      async profileStart() {
        await channel.request({ type: 'profile-start' }, 30_000);
      },
      async profileStop(path) {
        await channel.request({ type: 'profile-stop', path }, 60_000);
      },
      async heapSnapshot(path) {
        await channel.request({ type: 'heap-snapshot', path }, 120_000);
      },
      async stop() {
        if (!live.delete(handle)) return;
        try {
          await channel.request({ type: 'stop' }, 15_000);
          await new Promise((resolve) =>
            started.exitCode === null ? started.once('exit', resolve) : resolve(null),
          );
        } finally {
          await cleanup();
        }
      },
    };
    live.add(handle);
    return handle;
  } catch (error) {
    await cleanup();
    throw error;
  }
}

/** Creates an empty PGlite database with Banter's schema, once per benchmark. */
export async function makePgliteTemplate(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'banter-bench-template-'));
  const { pgliteStorage } = await import('@banter/server-kit/pglite');
  const storage = await pgliteStorage({ dataDir: dir });
  await storage.close();
  return dir;
}
