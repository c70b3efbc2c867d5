/**
 * Peak RSS of a Banter server process (PGlite, diskUploads) while it takes an
 * upload: create → PUT (streamed to disk) → complete (sniffed) → send. The
 * server (bench/uploads-rss-server.ts) runs in a process of its own; its peak
 * RSS (VmHWM) is reset just before each upload through /proc/<pid>/clear_refs,
 * so the figure is the peak during that upload alone. The server also samples
 * process.memoryUsage() every 2 ms during the upload (heap, external,
 * arrayBuffers), to show what the growth is made of.
 *
 * The first upload a process takes is reported apart ("cold"): it pays for
 * memory the process grows once (see bench/README.md#uploads). Warm figures
 * are medians of the uploads after it.
 *
 *   npx tsx bench/uploads-rss.ts [--mb 5,25,100] [--runs 5] [--processes 1]
 *     [--max-mb 25] [--warm-up-mb 0] [--gc] [--gc-every MS] [--samples]
 *
 * --mb          sizes in MB (10^6 bytes), taken in this order in each process
 * --runs        uploads of each size per process
 * --processes   fresh server processes, one after the other (more cold figures)
 * --max-mb      the server's `uploads.maxFileBytes` in MiB; default: the largest size, at least 25
 * --warm-up-mb  one unmeasured upload of this size first (0: none, the first measured one is cold)
 * --gc          run the server with --expose-gc and report its memory after a forced GC
 *               that follows each upload (what the upload left reachable)
 * --gc-every    with --gc: also force a GC every MS milliseconds during the upload
 * --samples     print every upload, not only the medians
 */
import { type ChildProcess, fork } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { fileURLToPath } from 'node:url';
import type { AckResult, UploadTarget } from '@banter/core/protocol';
import { openSocket, signToken } from '../packages/server-kit/test/harness';
import type { Memory, Sampled } from './uploads-rss-server';

const value = (name: string) => {
  const at = process.argv.indexOf(`--${name}`);
  return at === -1 ? undefined : process.argv[at + 1];
};
const flag = (name: string) => process.argv.includes(`--${name}`);
const sizesMb = (value('mb') ?? '25').split(',').map(Number);
const runs = Number(value('runs') ?? 5);
const processes = Number(value('processes') ?? 1);
const warmUpMb = Number(value('warm-up-mb') ?? 0);
const maxMiB = Number(value('max-mb') ?? Math.max(25, ...sizesMb.map((mb) => Math.ceil(mb))));
const forcedGc = flag('gc');
const gcEveryMs = value('gc-every');
const printSamples = flag('samples');
const MiB = 1024 * 1024;

const statusOf = (pid: number, field: string) => {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8')
    .split('\n')
    .find((l) => l.startsWith(`${field}:`));
  return Number(line?.split(/\s+/)[1]) * 1024;
};

/** PUTs `bytes` bytes in 64 KiB chunks made on the fly: the client never holds the file either. */
function streamPut(base: string, target: UploadTarget, bytes: number): Promise<number> {
  const url = new URL(target.url.startsWith('/') ? `${base}/chat${target.url}` : target.url);
  const chunk = Buffer.alloc(64 * 1024, 0x20);
  Buffer.from('%PDF-1.4\n').copy(chunk);
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, {
      method: 'PUT',
      headers: { ...target.headers, 'Content-Length': String(bytes) },
    });
    req.on('response', (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    let sent = 0;
    const pump = () => {
      while (sent < bytes) {
        const slice = chunk.subarray(0, Math.min(chunk.length, bytes - sent));
        sent += slice.length;
        if (!req.write(slice)) return void req.once('drain', pump);
      }
      req.end();
    };
    pump();
  });
}

/** One server process, and the client calls the bench makes to it. */
async function startServer() {
  const script = fileURLToPath(new URL('./uploads-rss-server.ts', import.meta.url));
  const args = [String(maxMiB * MiB)];
  if (gcEveryMs) args.push('--gc-every', gcEveryMs);
  const child: ChildProcess = fork(script, args, {
    execArgv: ['--import', 'tsx', ...(forcedGc ? ['--expose-gc'] : [])],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const next = <T>(type: string) =>
    new Promise<T>((resolve, reject) => {
      const onMessage = (message: { type: string } & T) => {
        if (message.type !== type) return;
        child.off('message', onMessage);
        child.off('exit', onExit);
        resolve(message);
      };
      const onExit = (code: number | null) => reject(new Error(`server exited (${code})`));
      child.on('message', onMessage);
      child.once('exit', onExit);
    });
  const { port } = await next<{ port: number }>('ready');
  const base = `http://127.0.0.1:${port}`;
  const socket = openSocket(base, await signToken('bench-ann'));
  if (!socket.connected)
    await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
  const call = async <T>(event: string, payload: unknown): Promise<T> => {
    const emit = socket.timeout(300_000).emitWithAck as (e: string, p: unknown) => Promise<unknown>;
    const result = (await emit.call(socket.timeout(300_000), event, payload)) as AckResult<T>;
    if (!result.ok) throw new Error(`${event}: ${result.error.code} ${result.error.message}`);
    return result.data;
  };
  const { conversation } = await call<{ conversation: { id: string } }>('conversation:create', {
    kind: 'direct',
    userId: 'bench-bob',
  });
  let uploads = 0;

  /** One upload of `bytes`: create, PUT, complete, send. */
  const upload = async (bytes: number) => {
    const n = uploads++;
    const { upload, target } = await call<{ upload: { id: string }; target: UploadTarget }>(
      'upload:create',
      {
        conversationId: conversation.id,
        clientId: `bench-${n}`,
        name: 'big.pdf',
        size: bytes,
        type: 'application/pdf',
      },
    );
    const status = await streamPut(base, target, bytes);
    if (status !== 200) throw new Error(`PUT answered ${status}`);
    await call('upload:complete', { uploadId: upload.id });
    await call('message:send', {
      conversationId: conversation.id,
      clientId: `bench-send-${n}`,
      kind: 'file',
      uploadIds: [upload.id],
    });
  };

  /** The same upload, measured. */
  const measured = async (bytes: number) => {
    const pid = child.pid as number;
    child.send({ type: 'start' });
    await next('started');
    const rssBefore = statusOf(pid, 'VmRSS');
    writeFileSync(`/proc/${pid}/clear_refs`, '5'); // resets VmHWM to the current RSS
    const started = Date.now();
    await upload(bytes);
    const ms = Date.now() - started;
    const peakRss = statusOf(pid, 'VmHWM');
    child.send({ type: 'stop' });
    const { result } = await next<{ result: Sampled }>('sampled');
    return { rssBefore, peakRss, ms, sampled: result };
  };

  const stop = async () => {
    socket.disconnect();
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.send({ type: 'exit' });
    await exited;
  };
  return { upload, measured, stop };
}

type Measurement = Awaited<ReturnType<Awaited<ReturnType<typeof startServer>>['measured']>>;
interface Row {
  process: number;
  mb: number;
  cold: boolean;
  m: Measurement;
}

const growth = (m: Measurement, key: keyof Memory) => m.sampled.peak[key] - m.sampled.before[key];
const columns: [string, (m: Measurement) => number][] = [
  ['peak RSS growth (VmHWM)', (m) => m.peakRss - m.rssBefore],
  ['RSS kept after', (m) => m.sampled.after.rss - m.sampled.before.rss],
  ['heapUsed peak growth', (m) => growth(m, 'heapUsed')],
  ['external peak growth', (m) => growth(m, 'external')],
  ['arrayBuffers peak growth', (m) => growth(m, 'arrayBuffers')],
];
if (forcedGc) {
  columns.push([
    'arrayBuffers after GC',
    (m) => (m.sampled.afterGc?.arrayBuffers ?? 0) - m.sampled.before.arrayBuffers,
  ]);
}
const mib = (bytes: number) => `${bytes >= 0 ? '+' : ''}${(bytes / MiB).toFixed(1)}`;
const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
};

const rows: Row[] = [];
for (let p = 1; p <= processes; p++) {
  const server = await startServer();
  if (warmUpMb > 0) await server.upload(warmUpMb * 1_000_000);
  let first = warmUpMb === 0;
  for (const mb of sizesMb) {
    for (let run = 0; run < runs; run++) {
      const m = await server.measured(mb * 1_000_000);
      const row = { process: p, mb, cold: first, m };
      first = false;
      rows.push(row);
      if (printSamples) {
        console.log(
          `process ${p}, ${mb} MB${row.cold ? ' (cold)' : ''}: RSS ${(m.rssBefore / MiB).toFixed(1)} MiB before; ${columns.map(([name, f]) => `${name} ${mib(f(m))}`).join(', ')} MiB; ${m.ms} ms`,
        );
      }
    }
  }
  await server.stop();
}

console.log(
  `\nServer on PGlite with diskUploads, maxFileBytes ${maxMiB} MiB${warmUpMb ? `, one unmeasured ${warmUpMb} MB upload first` : ''}${forcedGc ? `, forced GC after each upload${gcEveryMs ? ` and every ${gcEveryMs} ms during it` : ''}` : ''}; ${processes} process(es). Medians, MiB:\n`,
);
console.log(
  `| upload | n | ${columns.map(([name]) => name).join(' | ')} | PUT + complete + send |`,
);
console.log(`|---|---|${columns.map(() => '---|').join('')}---|`);
const groups: [string, Row[]][] = [
  ['first upload of a process (cold', rows.filter((r) => r.cold)],
  ...sizesMb.map((mb): [string, Row[]] => [`${mb} MB`, rows.filter((r) => r.mb === mb && !r.cold)]),
];
for (const [label, group] of groups) {
  if (group.length === 0) continue;
  const sizes = [...new Set(group.map((r) => r.mb))].join('/');
  console.log(
    `| ${label}${group[0]?.cold ? `, ${sizes} MB)` : ''} | ${group.length} | ${columns.map(([, f]) => mib(median(group.map((r) => f(r.m))))).join(' | ')} | ${median(group.map((r) => r.m.ms)).toFixed(0)} ms |`,
  );
}
