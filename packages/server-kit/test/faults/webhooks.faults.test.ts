import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type ClientSocket, connected, openSocket, request, signToken } from '../harness';
import { createTestDatabase } from '../postgres-database';
import { testRedisStream, testRedisUrl } from '../redis-stream';
import { type ServerProcess, startServerProcess } from '../server-process';
import {
  inOrderPerConversation,
  startWebhookReceiver,
  type WebhookReceiver,
} from '../webhook-receiver';

const secret = 'fault-case-webhook-secret';
const downForMs = 60_000;
const messageCount = 1_000;
const conversationCount = 10;
const killAfterSends = 400;

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let stream: ReturnType<typeof testRedisStream>;
let receiver: WebhookReceiver;
let nodes: ServerProcess[] = [];
const sockets: ClientSocket[] = [];

async function connect(url: string, userId: string) {
  const socket = openSocket(url, await signToken(userId));
  sockets.push(socket);
  return connected(socket);
}

beforeAll(async () => {
  stream = testRedisStream('webhooks');
  [database, receiver] = await Promise.all([
    createTestDatabase('webhook_faults'),
    startWebhookReceiver(secret),
  ]);
  const webhooks = {
    url: receiver.url,
    secret,
    pollIntervalMs: 200,
    requestTimeoutMs: 2_000,
    // Retries capped at 5 s, so the receiver's return is noticed within seconds.
    retry: { minDelayMs: 200, maxDelayMs: 5_000 },
  };
  nodes = await Promise.all(
    [1, 2, 3].map(() =>
      startServerProcess({
        pgUrl: database.url,
        redisUrl: testRedisUrl,
        redisStream: stream.name,
        webhooks,
      }),
    ),
  );
});
afterAll(async () => {
  for (const socket of sockets) socket.disconnect();
  await Promise.all(nodes.map((node) => node.stop()));
  await receiver?.close();
  await database?.drop();
  await stream?.drop();
});

describe('12. the webhook receiver down for 60 s, and a node SIGKILLed, while 1,000 messages are sent', () => {
  it('ends with every event at the receiver at least once, in order per conversation, signed, nothing lost', async () => {
    const users = Array.from({ length: conversationCount * 2 }, (_, i) => `whf-${i}`);
    // Every user on every node: a send whose node died is sent again through another.
    const socketsOf = await Promise.all(
      users.map((user) => Promise.all(nodes.map((node) => connect(node.url, user)))),
    );
    const downSince = performance.now();
    await receiver.stop();
    const conversations: string[] = [];
    for (let c = 0; c < conversationCount; c++) {
      const result = await request(socketsOf[c * 2]?.[0] as ClientSocket, 'conversation:create', {
        kind: 'direct',
        userId: users[c * 2 + 1],
      });
      if (!result.ok) throw new Error(result.error.message);
      conversations.push(result.data.conversation.id);
    }

    const victim = nodes[2] as ServerProcess;
    let sent = 0;
    let killed: Promise<void> | null = null;
    /** Sends through the message's node, and again (same clientId) through the others if it does not answer. */
    async function send(c: number, i: number) {
      const sender = socketsOf[c * 2] as ClientSocket[];
      const payload = {
        conversationId: conversations[c],
        clientId: `whf-${c}-${i}`,
        body: `${c}/${i}`,
      };
      // On a loaded machine a socket can miss the fixture's 300 ms heartbeat and be dropped:
      // one to a live node is opened again, as a client would reconnect.
      for (let attempt = 0; attempt < 12; attempt++) {
        const n = (i + attempt) % 3;
        const node = nodes[n] as ServerProcess;
        if (!sender[n]?.connected) {
          if (node.child.exitCode !== null || node.child.signalCode !== null) continue;
          sender[n] = await connect(node.url, users[c * 2] as string).catch(
            () => sender[n] as ClientSocket,
          );
          if (!sender[n]?.connected) continue;
        }
        const result = await request(sender[n] as ClientSocket, 'message:send', payload).catch(
          () => null,
        );
        if (result?.ok) return;
      }
      throw new Error(`message ${c}/${i} was not accepted by any node`);
    }
    await Promise.all(
      conversations.map(async (_, c) => {
        for (let i = 0; i < messageCount / conversationCount; i++) {
          await send(c, i);
          sent += 1;
          if (sent === killAfterSends) killed = victim.kill();
        }
      }),
    );
    await killed;
    const sendingTookMs = performance.now() - downSince;
    expect(victim.child.signalCode).toBe('SIGKILL');
    // Down for 60 s in all, whatever the sends took.
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, downForMs - sendingTookMs)));
    expect(receiver.requests).toHaveLength(0);
    await receiver.restart();

    // What the database holds is what must arrive: every event written, the conversations'
    // creation included, each at least once.
    const pg = await import('pg');
    const client = new pg.default.Client({ connectionString: database.url });
    await client.connect();
    const { rows } = await client.query<{ id: string }>(
      'SELECT id::text AS id FROM chat.webhook_events',
    );
    const written = new Set(rows.map((row) => row.id));
    const receivedIds = () => new Set(receiver.accepted().map((event) => event.id));
    await receiver.waitFor(() => {
      const received = receivedIds();
      return [...written].every((id) => received.has(id));
    }, 150_000);
    // Every acknowledgement recorded (every conversation's mark at its last event): nothing
    // left to send, nothing given up.
    const state = async () =>
      (
        await client.query<{ pending: string; failed: string }>(
          `SELECT
             (SELECT count(*) FROM chat.webhook_events e JOIN chat.webhook_streams st
                USING (conversation_id) WHERE e.id > st.delivered_up_to)::text AS pending,
             (SELECT count(*) FROM chat.webhook_events WHERE outcome = 'failed')::text AS failed`,
        )
      ).rows;
    await vi.waitFor(async () => expect(await state()).toEqual([{ pending: '0', failed: '0' }]), {
      timeout: 30_000,
      interval: 200,
    });
    await client.end();

    const accepted = receiver.accepted();
    const messages = accepted.filter((event) => event.type === 'message.created');
    const bodies = new Set(messages.map((event) => (event.data as { body: string }).body));
    console.log(
      `[webhooks fault case] ${written.size} events written, ${accepted.length} accepted ` +
        `(${accepted.length - receivedIds().size} repeats) in ${receiver.requests.length} requests; ` +
        `sending took ${Math.round(sendingTookMs)} ms`,
    );
    expect(written.size).toBe(messageCount + conversationCount * 3);
    expect(bodies.size).toBe(messageCount);
    expect(receiver.verified).toBe(true);
    expect(inOrderPerConversation(accepted)).toBe(true);
    for (const conversationId of conversations) {
      const order = messages
        .filter((event) => event.conversationId === conversationId)
        .map((event) => Number((event.data as { body: string }).body.split('/')[1]));
      // First arrivals in send order; a repeat (at least once) only ever comes after its first.
      const firsts = order.filter((n, index) => order.indexOf(n) === index);
      expect(firsts).toEqual(Array.from({ length: messageCount / conversationCount }, (_, i) => i));
    }
  }, 300_000);
});
