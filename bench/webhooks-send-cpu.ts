/**
 * CPU per message of a fixed amount of sending, with and without webhooks, and the server's
 * CPU time (every thread, PGlite's worker included; on PostgreSQL also the backends of its own
 * database, not the WAL writer or checkpointer that all databases share) read before the
 * timed sends and after the last event reached the receiver. Fixed work rather than a timed
 * window, so a busy neighbour stretches the time but not the figure: this is the check to
 * trust on a shared machine. Everything on 127.0.0.1; the receiver answers 204 from this process.
 *
 * Two shapes of sending:
 * - `burst` (default): 100 clients in 10 groups of 10 each send 20 messages one after another
 *   (2,000 in all, acks awaited): the send path saturated, large batches.
 * - `rooms`: the `rooms` load of bench/load at its rate, as fixed work: 1,000 clients in 100
 *   rooms of 10, each sending 1 message a second (spread over the second) for `--seconds`
 *   seconds, acks awaited (bench/load's run.ts measures the same load over a timed window
 *   with the `+webhooks` targets; on a starved machine its acked rate, and so its CPU per
 *   message, swings between runs).
 *
 *   npx tsx bench/webhooks-send-cpu.ts [--runs 5] [--targets pglite,postgres] [--shape burst|rooms]
 *     [--seconds 5] [--triggers-only] [--apart] [--cpu-prof DIR] [--statements]
 *     [--variant JSON] [--variant-sql FILE] [--no-off]
 *
 * Each run starts one server per mode (without webhooks, with them) and sets them up one after
 * the other, then gives them their timed load at the same moment: on a shared machine whose
 * load swings from minute to minute, both then run under the same conditions, and the ratio
 * is taken within the run. `--apart` times them one after the other instead (their order
 * turning every run), as before.
 *
 * `--triggers-only` (PostgreSQL) adds a third server per run with the triggers installed but
 * no dispatcher: what writing the events costs, apart from delivering them.
 * `--cpu-prof DIR` writes a V8 profile of the server over each timed part (read it with
 * `npx tsx bench/load/profile-summary.ts FILE`); the profiler's own cost then counts in the figure.
 * `--statements` (PostgreSQL with pg_stat_statements loaded: a private cluster, see
 * bench/load/pg-statements.ts) prints each server's statements, tables, functions and backends
 * over the timed part, per message; reading them costs CPU outside the timed figures.
 */
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { io, type Socket } from 'socket.io-client';
import { installTriggersSql } from '../packages/server-kit/src/webhooks/webhook-schema';
import { signToken } from './load/auth';
import { buildServers } from './load/build';
import { backendPids } from './load/database';
import type { Target } from './load/ipc';
import { readStatements, statementsAccount } from './load/pg-statements';
import { pidsCpuUs, processCpuUs } from './load/proc-cpu';
import {
  makePgliteTemplate,
  type ServerHandle,
  startServer,
  stopAllServers,
} from './load/server-process';

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '5' },
    targets: { type: 'string', default: 'pglite,postgres' },
    'cpu-prof': { type: 'string' },
    'triggers-only': { type: 'boolean', default: false },
    shape: { type: 'string', default: 'burst' },
    seconds: { type: 'string', default: '5' },
    apart: { type: 'boolean', default: false },
    statements: { type: 'boolean', default: false },
    variant: { type: 'string' },
    'no-off': { type: 'boolean', default: false },
    'variant-sql': { type: 'string' },
  },
});
/** The modes' servers take their timed load at the same moment, unless `--apart`. */
const together = !values.apart;
const rooms = values.shape === 'rooms';
if (!rooms && values.shape !== 'burst') throw new Error('--shape: burst or rooms');
/**
 * `on`: the `webhooks` option. `triggers`: no option, but the triggers installed by hand, so
 * every event is written and none is sent (PostgreSQL only): what recording alone costs.
 */
type Mode = 'off' | 'on' | 'triggers' | 'variant';
/**
 * `--variant-sql FILE` (PostgreSQL): SQL run on the variant server's database once it has
 * started (migrated), before its clients connect: a change of the schema or of a trigger
 * function measured the same way (`--variant` may then be left out: no other options).
 */
const variantSql = values['variant-sql'] ? readFileSync(values['variant-sql'], 'utf8') : null;
/**
 * `--variant JSON`: a third server per run with webhooks on and these options besides (for
 * example `'{"busyPollIntervalMs":1000}'`): a change of an option measured against the default
 * in the same runs, side by side. With `--no-off` the server without webhooks is left out, and
 * the variant is measured against `on`: two servers per run, as in the standard comparison.
 */
const variantOptions = values.variant
  ? (JSON.parse(values.variant) as object)
  : variantSql
    ? {}
    : null;
/** `--no-off` (with `--variant`): only the two webhook servers, the variant against `on`. */
const withoutOff = values['no-off'];
if (withoutOff && !variantOptions) throw new Error('--no-off needs --variant or --variant-sql');
const sendsWebhooks = (mode: Mode) => mode === 'on' || mode === 'variant';
const cpuProfDir = values['cpu-prof'];
const runs = Number(values.runs);
const targets = values.targets.split(',') as Target[];
const groups = rooms ? 100 : 10;
const perGroup = 10;
const messagesEach = rooms ? Number(values.seconds) : 20;
const warmEach = rooms ? 1 : 3;
const total = groups * perGroup * messagesEach;

/** Events received, by the mode of the server that sent them (the last part of the URL's path). */
const received = new Map<string, number>();
const onReceived = new Set<() => void>();
const receiver = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('end', () => {
    const { events } = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { events: unknown[] };
    const mode = req.url?.split('/').pop() ?? '';
    received.set(mode, (received.get(mode) ?? 0) + events.length);
    res.writeHead(204).end();
    for (const check of onReceived) check();
  });
});
receiver.listen(0, '127.0.0.1');
await once(receiver, 'listening');
const receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/webhooks`;
const webhooks = (mode: Mode) => ({
  url: `${receiverUrl}/${mode}`,
  secret: 'bench-webhook-secret',
  ...(mode === 'variant' ? variantOptions : {}),
});

const pgAdmin = process.env.BANTER_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
/** CPU µs of each PostgreSQL backend serving one database (not the machine's other databases). */
async function databaseCpuUs(database: string | null): Promise<Map<number, number>> {
  if (!database) return new Map();
  const pids = await backendPids(database);
  return new Map(pids.map((pid) => [pid, pidsCpuUs([pid])]));
}
/** What the backends spent between two readings: one started since counts whole; one ended since is lost. */
function databaseCpuSpent(before: Map<number, number>, after: Map<number, number>): number {
  let us = 0;
  for (const [pid, cpu] of after) us += cpu - (before.get(pid) ?? 0);
  return us;
}

type Client = Socket;
function ack(socket: Client, event: string, payload: unknown) {
  return socket.timeout(30_000).emitWithAck(event, payload) as Promise<{
    ok: boolean;
    data: { conversation: { id: string } };
  }>;
}

interface Prepared {
  mode: Mode;
  server: ServerHandle;
  clients: Client[];
  sendAll(label: string, count: number): Promise<void>;
}

/** A server for one mode, its clients connected, its rooms created and warmed up (untimed). */
async function prepare(
  target: Target,
  mode: Mode,
  scripts: { relay: string; banter: string },
  template: string,
): Promise<Prepared> {
  if (sendsWebhooks(mode)) process.env.BENCH_WEBHOOKS = JSON.stringify(webhooks(mode));
  else delete process.env.BENCH_WEBHOOKS;
  const server = await startServer(target, { scripts, pgPool: 10, pgliteTemplate: template });
  const clients: Client[] = [];
  const setupSql =
    mode === 'triggers' ? installTriggersSql('banter') : mode === 'variant' ? variantSql : null;
  if (setupSql) {
    if (!server.database) throw new Error('--triggers-only and --variant-sql need postgres');
    const url = new URL(pgAdmin);
    url.pathname = `/${server.database}`;
    const client = new pg.Client({ connectionString: url.toString() });
    await client.connect();
    await client.query(setupSql);
    await client.end();
  }
  for (let i = 0; i < groups * perGroup; i++) {
    const socket = io(`${server.url}/banter`, {
      auth: { token: await signToken(`wh-bench-${i}`) },
      transports: ['websocket'],
      forceNew: true,
      reconnection: false,
    });
    await once(socket, 'connect');
    clients.push(socket);
  }
  const conversations: string[] = [];
  for (let g = 0; g < groups; g++) {
    const members = Array.from(
      { length: perGroup - 1 },
      (_, m) => `wh-bench-${g * perGroup + m + 1}`,
    );
    const created = await ack(clients[g * perGroup] as Client, 'conversation:create', {
      kind: 'group',
      participantIds: members,
    });
    conversations.push(created.data.conversation.id);
  }
  const sendAll = async (label: string, count: number) => {
    const start = performance.now();
    await Promise.all(
      clients.map(async (socket, i) => {
        const conversationId = conversations[Math.floor(i / perGroup)];
        for (let n = 0; n < count; n++) {
          // rooms: client i's n-th send is due at n s plus its offset within the second.
          const due = start + (n + i / clients.length) * 1000;
          if (rooms && due > performance.now()) await sleep(due - performance.now());
          const result = await ack(socket, 'message:send', {
            conversationId,
            clientId: `${label}-${i}-${n}`,
            body: `message ${n} from ${i}`,
          });
          if (!result.ok) throw new Error('a send was refused');
        }
      }),
    );
  };
  await sendAll('warm', warmEach);
  const setupEvents = groups * (1 + perGroup) + clients.length * warmEach;
  if (sendsWebhooks(mode)) await until(() => (received.get(mode) ?? 0) >= setupEvents);
  received.set(mode, 0);
  return { mode, server, clients, sendAll };
}

/**
 * The timed sends of one or more prepared servers, all at once when several: each one's CPU
 * is read from the start until its own work is done (every send acknowledged; with webhooks,
 * every event at the receiver too).
 */
async function measure(target: Target, run: number, servers: Prepared[]) {
  return Promise.all(
    servers.map(async ({ mode, server, sendAll }) => {
      if (cpuProfDir) await server.profileStart();
      const statementsBefore =
        values.statements && server.database ? await readStatements(server.database) : null;
      const databaseBefore = await databaseCpuUs(server.database);
      const serverBefore = processCpuUs(server.pid);
      await sendAll('timed', messagesEach);
      if (sendsWebhooks(mode)) await until(() => (received.get(mode) ?? 0) >= total);
      const serverAfter = processCpuUs(server.pid);
      const databaseAfter = await databaseCpuUs(server.database);
      if (statementsBefore && server.database) {
        const statementsAfter = await readStatements(server.database);
        console.log(
          statementsAccount(
            `run ${run} webhooks ${mode}`,
            statementsBefore,
            statementsAfter,
            total,
          ),
        );
      }
      if (cpuProfDir) {
        await server.profileStop(`${cpuProfDir}/${target}-run${run}-webhooks-${mode}.cpuprofile`);
      }
      const node = (serverAfter - serverBefore) / total;
      const database = databaseCpuSpent(databaseBefore, databaseAfter) / total;
      return { mode, us: node + database, node, database };
    }),
  );
}

async function stop(prepared: Prepared) {
  for (const socket of prepared.clients) socket.disconnect();
  await prepared.server.stop();
}

function until(done: () => boolean): Promise<void> {
  return new Promise((resolve) => {
    const check = () => {
      if (!done()) return;
      clearInterval(timer);
      onReceived.delete(check);
      resolve();
    };
    onReceived.add(check);
    // Also checked on a timer: the last request may have arrived before we started waiting.
    const timer = setInterval(check, 20);
    check();
  });
}

const median = (xs: number[]) => {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
};

if (cpuProfDir) await mkdir(cpuProfDir, { recursive: true });
const built = await buildServers();
const template = await makePgliteTemplate();
try {
  for (const target of targets) {
    const modes: Mode[] = withoutOff ? ['on'] : ['off', 'on'];
    if (values['triggers-only'] && target === 'postgres') modes.push('triggers');
    if (variantOptions) modes.push('variant');
    const figures = new Map<Mode, { us: number; node: number; database: number }[]>(
      modes.map((mode) => [mode, []]),
    );
    for (let run = 0; run < runs; run++) {
      // The order turns every run, so that no mode always follows the same one.
      const order = modes.map((_, i) => modes[(i + run) % modes.length] as Mode);
      const results: Awaited<ReturnType<typeof measure>> = [];
      if (together) {
        const prepared: Prepared[] = [];
        try {
          for (const mode of order) prepared.push(await prepare(target, mode, built, template));
          results.push(...(await measure(target, run + 1, prepared)));
        } finally {
          received.clear();
          await Promise.allSettled(prepared.map(stop));
        }
      } else {
        for (const mode of order) {
          const prepared = await prepare(target, mode, built, template);
          try {
            results.push(...(await measure(target, run + 1, [prepared])));
          } finally {
            received.clear();
            await stop(prepared);
          }
        }
      }
      for (const figure of results) {
        figures.get(figure.mode)?.push(figure);
        // The split says where webhooks cost: the server process, or PostgreSQL's backends.
        const split =
          target === 'postgres'
            ? ` (server ${figure.node.toFixed(0)} + database ${figure.database.toFixed(0)})`
            : '';
        console.log(
          `${target} run ${run + 1} webhooks ${figure.mode.padEnd(8)}: ${figure.us.toFixed(0)} µs CPU/message${split}`,
        );
      }
    }
    // Each mode against the first: `off`, or `on` with --no-off.
    const base = modes[0] as Mode;
    const baseline = figures.get(base) ?? [];
    for (const mode of modes.filter((m) => m !== base)) {
      const with_ = figures.get(mode) ?? [];
      const ratios = with_.map((f, i) => f.us / (baseline[i]?.us ?? Number.NaN));
      const parts = (pick: (f: { us: number; node: number; database: number }) => number) =>
        `${median(baseline.map(pick)).toFixed(0)} → ${median(with_.map(pick)).toFixed(0)} µs`;
      console.log(
        `\n${target}: ${total} messages per run, CPU per message, median of ${runs}, ${base} → ${mode}: ` +
          `${parts((f) => f.us)}` +
          (target === 'postgres'
            ? ` (server ${parts((f) => f.node)}, database ${parts((f) => f.database)})`
            : '') +
          `; median ratio ${median(ratios).toFixed(3)} (per run ${ratios.map((r) => r.toFixed(3)).join(', ')})`,
      );
      // Which server is set up first biases its run: measured 2026-11-30, 16 of 16 runs with
      // webhooks set up first gave a higher ratio than the median of those set up second
      // (1.14-1.56 against 0.91-1.16). With an odd --runs one order has a run more, so the
      // median above leans to it; this gives each order the same weight.
      const byOrder = (first: Mode) =>
        ratios.filter((_, run) => modes[run % modes.length] === first);
      const orders = modes
        .filter((m) => m === base || m === mode)
        .map((first) => ({ first, ratios: byOrder(first) }))
        .filter((o) => o.ratios.length > 0);
      if (orders.length === 2) {
        const balanced = Math.sqrt(orders.reduce((product, o) => product * median(o.ratios), 1));
        console.log(
          `${target}: ratio by which server was set up first: ${orders
            .map((o) => `${o.first} first ${median(o.ratios).toFixed(3)} (${o.ratios.length} runs)`)
            .join(', ')}; both orders weighed alike ${balanced.toFixed(3)}\n`,
        );
      } else {
        console.log('');
      }
    }
  }
} finally {
  await stopAllServers();
  receiver.close();
  await rm(built.dir, { recursive: true, force: true });
  await rm(template, { recursive: true, force: true });
}
