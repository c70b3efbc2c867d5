/**
 * What webhooks add to the send path: the `rooms` load (bench/load: 1,000 clients in rooms of
 * 10, 1 msg/s each) against the same server with and without `webhooks`, the two one after the
 * other in each run (their order alternating), several runs. The figure is CPU per acknowledged
 * message: the server process (all threads, PGlite's worker included) plus, on PostgreSQL,
 * every `postgres` process, over the timed window. The receiver is a plain HTTP server on
 * 127.0.0.1 in this process that answers 204, so its own work is not counted.
 *
 *   npx tsx bench/webhooks.ts [--runs 5] [--targets pglite,postgres] [--duration 3]
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '5' },
    targets: { type: 'string', default: 'pglite,postgres' },
    duration: { type: 'string', default: '3' },
  },
});
const runs = Number(values.runs);
const targets = values.targets.split(',');

interface Measurement {
  target: string;
  ackedPerSec: number | null;
  serverCpu: number | null;
  postgresCpu: number | null;
}

let received = 0;
const receiver = createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    received += 1;
    res.writeHead(204).end();
  });
});
receiver.listen(0, '127.0.0.1');
await once(receiver, 'listening');
const webhooks = {
  url: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/webhooks`,
  secret: 'bench-webhook-secret',
};
const scratch = await mkdtemp(join(tmpdir(), 'banter-bench-webhooks-'));

/** One `rooms` run of bench/load against one target; its measurement. */
async function roomsRun(target: string, withWebhooks: boolean): Promise<Measurement> {
  const json = join(scratch, `${target}-${withWebhooks}-${Date.now()}.json`);
  const env = { ...process.env };
  if (withWebhooks) env.BENCH_WEBHOOKS = JSON.stringify(webhooks);
  else delete env.BENCH_WEBHOOKS;
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      join(import.meta.dirname, 'load/run.ts'),
      '--scenario',
      'rooms',
      '--targets',
      target,
      '--runs',
      '1',
      '--duration',
      values.duration,
      '--json',
      json,
    ],
    { env, stdio: ['ignore', 'ignore', 'inherit'] },
  );
  const [code] = await once(child, 'exit');
  if (code !== 0) throw new Error(`bench/load/run.ts exited with ${code}`);
  const results = JSON.parse(await readFile(json, 'utf8')) as Measurement[];
  const measured = results.find((m) => m.target === target);
  if (!measured) throw new Error(`no ${target} measurement in ${json}`);
  return measured;
}

/** Microseconds of CPU per acknowledged message. */
function cpuPerMessage(m: Measurement): number {
  const cpu = (m.serverCpu ?? 0) + (m.postgresCpu ?? 0);
  return ((cpu / 100) * 1e6) / (m.ackedPerSec ?? Number.NaN);
}

const median = (xs: number[]) => {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
};

try {
  for (const target of targets) {
    const off: number[] = [];
    const on: number[] = [];
    const ratios: number[] = [];
    for (let run = 0; run < runs; run++) {
      const order = run % 2 === 0 ? [false, true] : [true, false];
      const perMode = new Map<boolean, number>();
      for (const mode of order) {
        const before = received;
        const m = await roomsRun(target, mode);
        const us = cpuPerMessage(m);
        perMode.set(mode, us);
        console.log(
          `${target} run ${run + 1} webhooks ${mode ? 'on ' : 'off'}: ${m.ackedPerSec?.toFixed(0)} msg/s, ` +
            `server ${m.serverCpu?.toFixed(0)}%${m.postgresCpu === null ? '' : ` + PostgreSQL ${m.postgresCpu.toFixed(0)}%`}, ` +
            `${us.toFixed(0)} µs CPU/message${mode ? `, ${received - before} webhook requests` : ''}`,
        );
      }
      off.push(perMode.get(false) ?? Number.NaN);
      on.push(perMode.get(true) ?? Number.NaN);
      ratios.push((perMode.get(true) ?? Number.NaN) / (perMode.get(false) ?? Number.NaN));
    }
    console.log(
      `\n${target}: CPU per message, median of ${runs}: without ${median(off).toFixed(0)} µs, ` +
        `with webhooks ${median(on).toFixed(0)} µs; median ratio ${median(ratios).toFixed(3)} ` +
        `(per run ${ratios.map((r) => r.toFixed(3)).join(', ')})\n`,
    );
  }
} finally {
  receiver.close();
  await rm(scratch, { recursive: true, force: true });
}
