/**
 * Start-up and idle memory of Banter on PGlite (issue #17): the time from
 * forking the server process to the first request it answers, with a data
 * folder that is already initialized (a copy of one Banter opened and closed
 * before), and the server's resident memory once it is up and idle (after a
 * forced GC), a database child process included.
 *
 *   npx tsx bench/load/startup.ts [--runs 5]
 *   BENCH_PGLITE_PLACEMENT=process npx tsx bench/load/startup.ts
 *
 * The server is the load benchmark's (`banter-server.ts`, compiled as the
 * package is built); nothing but the start is timed, on 127.0.0.1 only.
 */
import { fork } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { buildServers } from './build';
import { Channel, firstMessage } from './channel';
import { sleep } from './clock';
import type { ServerReply, ServerRequest } from './ipc';
import { processTree } from './proc-cpu';
import { median } from './report';
import { makePgliteTemplate } from './server-process';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '5' } } });
const runs = Number(values.runs);

/** Resident memory of the process and its descendants, read from /proc. */
function treeRss(pid: number): number {
  let bytes = 0;
  for (const each of processTree(pid)) {
    const status = readFileSync(`/proc/${each}/status`, 'utf8');
    bytes += Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0) * 1024;
  }
  return bytes;
}

const built = await buildServers();
const template = await makePgliteTemplate();
const starts: number[] = [];
const rss: number[] = [];
try {
  for (let run = 1; run <= runs; run++) {
    const dataDir = await mkdtemp(join(tmpdir(), 'banter-bench-startup-'));
    await cp(template, dataDir, { recursive: true });
    await sleep(500);
    const started = performance.now();
    const child = fork(built.banter, [], {
      execArgv: ['--expose-gc'],
      env: { ...process.env, BENCH_PGLITE_DIR: dataDir },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    try {
      const { port } = await firstMessage<Extract<ServerReply, { type: 'ready' }>>(
        child,
        'ready',
        'banter server',
        60_000,
      );
      const response = await fetch(`http://127.0.0.1:${port}/chat/health`);
      const servedMs = performance.now() - started;
      if (response.status !== 200) throw new Error(`health answered ${response.status}`);
      // Idle: settled for a second, then collected, as the load benchmark reads a baseline.
      await sleep(1_000);
      const channel = new Channel<ServerRequest, ServerReply>(child, 'banter server');
      await channel.request({ type: 'stats', gc: true }, 30_000);
      const idleRss = treeRss(child.pid ?? -1);
      starts.push(servedMs);
      rss.push(idleRss);
      console.log(
        `run ${run}: first request served ${servedMs.toFixed(0)} ms after the fork; idle RSS ${(idleRss / 2 ** 20).toFixed(0)} MB`,
      );
      await channel.request({ type: 'stop' }, 15_000).catch(() => {});
    } finally {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await rm(dataDir, { recursive: true, force: true });
    }
  }
  console.log(
    `\nmedian of ${runs}: process start → first served request ${median(starts).toFixed(0)} ms (runs ${starts.map((v) => v.toFixed(0)).join(', ')}); idle RSS ${(median(rss) / 2 ** 20).toFixed(0)} MB (runs ${rss.map((v) => (v / 2 ** 20).toFixed(0)).join(', ')})`,
  );
} finally {
  await rm(template, { recursive: true, force: true });
  await rm(built.dir, { recursive: true, force: true });
}
