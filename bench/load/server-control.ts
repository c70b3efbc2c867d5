/**
 * The server side of the control channel: the parent asks the server under
 * test for its memory (after a forced GC when it measures memory per
 * connection) and how long its event loop stalled, to profile its CPU over exactly the timed window or
 * write a heap snapshot (to see what a connection's memory is made of), and
 * to stop.
 */
import { writeFile } from 'node:fs/promises';
import { Session } from 'node:inspector/promises';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { getHeapSpaceStatistics, writeHeapSnapshot } from 'node:v8';
import { sleep } from './clock';
import type { ServerCommand, ServerReply, ServerStats } from './ipc';
import { descendantsRss } from './proc-cpu';

/** How late timers ran: a server whose loop is blocked cannot read its sockets either. */
const loopDelay = monitorEventLoopDelay({ resolution: 10 });
loopDelay.enable();

export function serveControl(port: number, close: () => Promise<void>) {
  const send = (reply: ServerReply, then: () => void = () => {}) => process.send?.(reply, then);
  process.on('message', (raw) => {
    const command = raw as ServerCommand;
    if (command.type === 'stats') {
      void (command.gc ? collectGarbage() : Promise.resolve()).then(() =>
        send({ id: command.id, type: 'stats', stats: readStats() }),
      );
    } else if (command.type === 'profile-start') {
      void profiler.start().then(() => send({ id: command.id, type: 'done' }));
    } else if (command.type === 'profile-stop') {
      void profiler.stop(command.path).then(() => send({ id: command.id, type: 'done' }));
    } else if (command.type === 'heap-snapshot') {
      writeHeapSnapshot(command.path);
      send({ id: command.id, type: 'done' });
    } else if (command.type === 'stop') {
      void close()
        .catch(() => {})
        .finally(() => send({ id: command.id, type: 'stopped' }, () => process.exit(0)));
    }
  });
  // A parent that died cannot stop us any more; nothing must outlive the run.
  process.on('disconnect', () => process.exit(0));
  send({ type: 'ready', port });
}

/** V8's sampling profiler through the inspector, so the profile covers the window and not the setup. */
const profiler = {
  session: null as Session | null,
  async start() {
    const session = new Session();
    session.connect();
    await session.post('Profiler.enable');
    await session.post('Profiler.start');
    this.session = session;
  },
  async stop(path: string) {
    const session = this.session;
    if (!session) return;
    this.session = null;
    const { profile } = await session.post('Profiler.stop');
    session.disconnect();
    await writeFile(path, JSON.stringify(profile));
  },
};

function readStats(): ServerStats {
  const memory = process.memoryUsage();
  const loopDelayMaxMs = loopDelay.max / 1e6;
  loopDelay.reset();
  return {
    loopDelayMaxMs,
    // A database run as a child process is part of what the server costs.
    rss: memory.rss + descendantsRss(process.pid),
    youngGeneration: getHeapSpaceStatistics()
      .filter(
        (space) =>
          space.space_name === 'new_space' || space.space_name === 'new_large_object_space',
      )
      .reduce((sum, space) => sum + space.physical_space_size, 0),
    heapUsed: memory.heapUsed,
    external: memory.external,
  };
}

/**
 * Two full collections apart in time, so objects freed by the first one's
 * finalizers go too; then a pause, because V8 hands freed pages back to the
 * system from a background thread, after the collection returns.
 */
async function collectGarbage() {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('start the server with --expose-gc');
  gc();
  await sleep(100);
  gc();
  await sleep(400);
}
