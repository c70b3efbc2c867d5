/**
 * Start-up and idle memory of Banter on PGlite (issue #17): the time from
 * forking the server process to the first request it answers, with a data
 * folder that is already initialized (a copy of one Banter opened and closed
 * before), and the server's resident memory once it is up and idle (after a
 * forced GC), a database child process included.
 *
 *   npx tsx bench/load/startup.ts [--runs 5] [--baseline DIR]
 *   BENCH_PGLITE_PLACEMENT=process npx tsx bench/load/startup.ts
 *
 * `--baseline DIR`: a copy of another commit (`git archive REF | tar -x -C DIR`, with
 * this repository's node_modules linked into it), built with its own `build.ts` and
 * started in turn with this one, run by run, so that a neighbour's load falls on both.
 *
 * The server is the load benchmark's (`banter-server.ts`, compiled as the
 * package is built); nothing but the start is timed, on 127.0.0.1 only.
 */
import { fork } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { type BuiltServers, buildServers } from './build';
import { Channel, firstMessage } from './channel';
import { sleep } from './clock';
import type { ServerReply, ServerRequest } from './ipc';
import { processTree } from './proc-cpu';
import { median } from './report';
import { makePgliteTemplate } from './server-process';

const { values } = parseArgs({
  options: { runs: { type: 'string', default: '5' }, baseline: { type: 'string' } },
});
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

interface Target {
  name: string;
  built: BuiltServers;
  starts: number[];
  rss: number[];
}

/** One start on a fresh copy of the template: fork → first answered request, then idle RSS. */
async function startOnce(target: Target, template: string, run: number) {
  const dataDir = await mkdtemp(join(tmpdir(), 'banter-bench-startup-'));
  await cp(template, dataDir, { recursive: true });
  await sleep(500);
  const load = loadavg()[0] ?? 0;
  const started = performance.now();
  const child = fork(target.built.banter, [], {
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
    target.starts.push(servedMs);
    target.rss.push(idleRss);
    console.log(
      `run ${run}, ${target.name}: first request served ${servedMs.toFixed(0)} ms after the fork; idle RSS ${(idleRss / 2 ** 20).toFixed(0)} MB (1-min load average ${load.toFixed(2)})`,
    );
    await channel.request({ type: 'stop' }, 15_000).catch(() => {});
  } finally {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await rm(dataDir, { recursive: true, force: true });
  }
}

const targets: Target[] = [];
const template = await makePgliteTemplate();
try {
  if (values.baseline) {
    const dir = resolve(values.baseline);
    const baseline = (await import(join(dir, 'bench/load/build.ts'))) as typeof import('./build');
    targets.push({ name: `baseline`, built: await baseline.buildServers(), starts: [], rss: [] });
  }
  targets.push({ name: 'this checkout', built: await buildServers(), starts: [], rss: [] });
  for (let run = 1; run <= runs; run++) {
    // Turn about, so neither side always goes first.
    for (let i = 0; i < targets.length; i++) {
      await startOnce(targets[(run + i) % targets.length] as Target, template, run);
    }
  }
  console.log('');
  for (const { name, starts, rss } of targets) {
    console.log(
      `${name}, median of ${runs}: process start → first served request ${median(starts).toFixed(0)} ms (runs ${starts.map((v) => v.toFixed(0)).join(', ')}); idle RSS ${(median(rss) / 2 ** 20).toFixed(0)} MB (runs ${rss.map((v) => (v / 2 ** 20).toFixed(0)).join(', ')})`,
    );
  }
} finally {
  await rm(template, { recursive: true, force: true });
  for (const { built } of targets) await rm(built.dir, { recursive: true, force: true });
}
