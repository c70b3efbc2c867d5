/**
 * CPU per message of a fixed amount of sending, with and without webhooks: 100 clients in 10
 * groups of 10 each send 20 messages one after another (2,000 in all, acks awaited), and the
 * server's CPU time (every thread, PGlite's worker included; on PostgreSQL also the backends of
 * its own database) is read before the sends and after the last event reached the receiver.
 * Fixed work rather than a timed window, so a busy neighbour stretches the time but not the
 * figure: this is the check to trust on a shared machine (bench/webhooks.ts runs the `rooms`
 * load itself). Everything on 127.0.0.1; the receiver answers 204 from this process.
 *
 *   npx tsx bench/webhooks-send-cpu.ts [--runs 5] [--targets pglite,postgres]
 */
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { io, type Socket } from 'socket.io-client';
import { signToken } from './load/auth';
import { buildServers } from './load/build';
import type { Target } from './load/ipc';
import { processCpuUs } from './load/proc-cpu';
import { makePgliteTemplate, startServer, stopAllServers } from './load/server-process';

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '5' },
    targets: { type: 'string', default: 'pglite,postgres' },
  },
});
const runs = Number(values.runs);
const targets = values.targets.split(',') as Target[];
const groups = 10;
const perGroup = 10;
const messagesEach = 20;
const total = groups * perGroup * messagesEach;

let received = 0;
let onReceived = () => {};
const receiver = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('end', () => {
    const { events } = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { events: unknown[] };
    received += events.length;
    res.writeHead(204).end();
    onReceived();
  });
});
receiver.listen(0, '127.0.0.1');
await once(receiver, 'listening');
const webhooks = {
  url: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/webhooks`,
  secret: 'bench-webhook-secret',
};

const pgAdmin = process.env.BANTER_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
/** CPU of the PostgreSQL backends serving one database (not the machine's other databases). */
async function databaseCpuUs(database: string | null): Promise<number> {
  if (!database) return 0;
  const client = new pg.Client({ connectionString: pgAdmin });
  await client.connect();
  const { rows } = await client.query<{ pid: number }>(
    'SELECT pid FROM pg_stat_activity WHERE datname = $1',
    [database],
  );
  await client.end();
  let ticks = 0;
  for (const { pid } of rows) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // ended since the listing
    }
  }
  return (ticks * 1e6) / 100;
}

type Client = Socket;
function ack(socket: Client, event: string, payload: unknown) {
  return socket.timeout(30_000).emitWithAck(event, payload) as Promise<{
    ok: boolean;
    data: { conversation: { id: string } };
  }>;
}

async function once_(
  target: Target,
  withWebhooks: boolean,
  scripts: { relay: string; banter: string },
  template: string,
) {
  if (withWebhooks) process.env.BENCH_WEBHOOKS = JSON.stringify(webhooks);
  else delete process.env.BENCH_WEBHOOKS;
  const server = await startServer(target, { scripts, pgPool: 10, pgliteTemplate: template });
  const clients: Client[] = [];
  try {
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
      await Promise.all(
        clients.map(async (socket, i) => {
          const conversationId = conversations[Math.floor(i / perGroup)];
          for (let n = 0; n < count; n++) {
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
    await sendAll('warm', 3);
    const setupEvents = groups * (1 + perGroup) + clients.length * 3;
    if (withWebhooks) await until(() => received >= setupEvents);
    received = 0;
    const before = [processCpuUs(server.pid), await databaseCpuUs(server.database)];
    await sendAll('timed', messagesEach);
    if (withWebhooks) await until(() => received >= total);
    const after = [processCpuUs(server.pid), await databaseCpuUs(server.database)];
    const node = ((after[0] ?? 0) - (before[0] ?? 0)) / total;
    const database = ((after[1] ?? 0) - (before[1] ?? 0)) / total;
    return { us: node + database, node, database };
  } finally {
    for (const socket of clients) socket.disconnect();
    received = 0;
    await server.stop();
  }
}

function until(done: () => boolean): Promise<void> {
  return new Promise((resolve) => {
    const check = () => {
      if (!done()) return;
      clearInterval(timer);
      onReceived = () => {};
      resolve();
    };
    onReceived = check;
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

const built = await buildServers();
const template = await makePgliteTemplate();
try {
  for (const target of targets) {
    const off: number[] = [];
    const on: number[] = [];
    for (let run = 0; run < runs; run++) {
      for (const mode of run % 2 === 0 ? [false, true] : [true, false]) {
        const { us, node, database } = await once_(target, mode, built, template);
        (mode ? on : off).push(us);
        // The split says where webhooks cost: the server process, or PostgreSQL's backends.
        const split =
          target === 'postgres'
            ? ` (server ${node.toFixed(0)} + database ${database.toFixed(0)})`
            : '';
        console.log(
          `${target} run ${run + 1} webhooks ${mode ? 'on ' : 'off'}: ${us.toFixed(0)} µs CPU/message${split}`,
        );
      }
    }
    const ratios = on.map((value, i) => value / (off[i] ?? Number.NaN));
    console.log(
      `\n${target}: ${total} messages per run, CPU per message, median of ${runs}: without ` +
        `${median(off).toFixed(0)} µs, with webhooks ${median(on).toFixed(0)} µs; median ratio ` +
        `${median(ratios).toFixed(3)} (per run ${ratios.map((r) => r.toFixed(3)).join(', ')})\n`,
    );
  }
} finally {
  await stopAllServers();
  receiver.close();
  await rm(built.dir, { recursive: true, force: true });
  await rm(template, { recursive: true, force: true });
}
