import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type ClientSocket, connected, ok, openSocket, signToken } from './harness';
import { createTestDatabase } from './postgres-database';
import { type ServerProcess, startServerProcess } from './server-process';
import {
  inOrderPerConversation,
  startWebhookReceiver,
  type WebhookReceiver,
} from './webhook-receiver';

const secret = 'services-webhook-secret';
let database: Awaited<ReturnType<typeof createTestDatabase>>;
let receiver: WebhookReceiver;
let nodes: ServerProcess[] = [];
const sockets: ClientSocket[] = [];

async function connect(url: string, userId: string) {
  const socket = openSocket(url, await signToken(userId));
  sockets.push(socket);
  return connected(socket);
}

beforeAll(async () => {
  [database, receiver] = await Promise.all([
    createTestDatabase('webhooks'),
    startWebhookReceiver(secret),
  ]);
  const webhooks = { url: receiver.url, secret, pollIntervalMs: 50 };
  // Both start at once: installing the triggers from two nodes together is part of the test.
  nodes = await Promise.all([
    startServerProcess({ pgUrl: database.url, webhooks }),
    startServerProcess({ pgUrl: database.url, webhooks }),
  ]);
}, 60_000);
afterAll(async () => {
  for (const socket of sockets) socket.disconnect();
  await Promise.all(nodes.map((node) => node.stop()));
  await receiver?.close();
  await database?.drop();
});

describe('webhooks from two nodes sharing one PostgreSQL', () => {
  it('delivers every event once, in order per conversation, whichever node wrote it', async () => {
    const [nodeA, nodeB] = nodes as [ServerProcess, ServerProcess];
    const users = Array.from({ length: 10 }, (_, i) => `wh-user-${i}`);
    const onA = await Promise.all(users.map((u) => connect(nodeA.url, u)));
    const onB = await Promise.all(users.map((u) => connect(nodeB.url, u)));
    // Ten conversations, each a pair of neighbours; every message goes to one node or the other.
    const conversations = await Promise.all(
      users.map(async (_, i) => {
        const { conversation } = await ok(onA[i] as ClientSocket, 'conversation:create', {
          kind: 'direct',
          userId: users[(i + 1) % users.length],
        });
        return conversation.id;
      }),
    );
    await Promise.all(
      conversations.map(async (conversationId, c) => {
        for (let i = 0; i < 20; i++) {
          const socket = (i % 2 === 0 ? onA : onB)[c] as ClientSocket;
          await ok(socket, 'message:send', {
            conversationId,
            clientId: `m-${i}`,
            body: `${c}/${i}`,
          });
        }
      }),
    );
    // Per conversation: created, two members, twenty messages.
    const expected = conversations.length * 23;
    // Well under the prune's minute: an event that waited for it would fail here.
    await receiver.waitFor(() => receiver.accepted().length >= expected, 20_000);

    const accepted = receiver.accepted();
    const ids = accepted.map((event) => event.id);
    console.log(
      `[webhooks, two nodes] ${accepted.length} events accepted for ${expected} written, in ${receiver.requests.length} requests`,
    );
    expect(new Set(ids).size).toBe(expected);
    expect(ids).toHaveLength(expected);
    expect(receiver.verified).toBe(true);
    expect(inOrderPerConversation(accepted)).toBe(true);
    for (const [c, conversationId] of conversations.entries()) {
      const bodies = accepted
        .filter(
          (event) => event.conversationId === conversationId && event.type === 'message.created',
        )
        .map((event) => (event.data as { body: string }).body);
      expect(bodies).toEqual(Array.from({ length: 20 }, (_, i) => `${c}/${i}`));
    }
  }, 120_000);

  it("takes the conversation's lock before a member change gets its event id, so ids follow commit order", async () => {
    const [nodeA] = nodes as [ServerProcess];
    const owner = await connect(nodeA.url, 'wh-lock-owner');
    const { conversation } = await ok(owner, 'conversation:create', {
      kind: 'group',
      participantIds: ['wh-lock-a', 'wh-lock-b'],
    });
    const pg = await import('pg');
    const [sending, removing] = [
      new pg.default.Client({ connectionString: database.url }),
      new pg.default.Client({ connectionString: database.url }),
    ];
    await Promise.all([sending.connect(), removing.connect()]);
    try {
      const pid = (await removing.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]
        ?.pid;
      // A send in progress: the conversation locked, its event id taken, not yet committed.
      await sending.query('BEGIN');
      await sending.query('SELECT 1 FROM chat.conversations WHERE id = $1 FOR UPDATE', [
        conversation.id,
      ]);
      await sending.query(`SELECT chat.webhook_record($1, 'conversation.updated', '{}'::json)`, [
        conversation.id,
      ]);
      // A member removed meanwhile (no foreign key check to wait on): it must wait for the send.
      const removed = removing.query(
        'DELETE FROM chat.participants WHERE conversation_id = $1 AND user_id = $2',
        [conversation.id, 'wh-lock-b'],
      );
      await vi.waitFor(
        async () => {
          const { rows } = await sending.query<{ wait: string | null }>(
            'SELECT wait_event_type AS wait FROM pg_stat_activity WHERE pid = $1',
            [pid],
          );
          expect(rows[0]?.wait).toBe('Lock');
        },
        { timeout: 10_000, interval: 50 },
      );
      await sending.query('COMMIT');
      await removed;
      const { rows } = await sending.query<{ type: string }>(
        'SELECT type FROM chat.webhook_events WHERE conversation_id = $1 ORDER BY id DESC LIMIT 2',
        [conversation.id],
      );
      // The removal's event id came after the send's, as did its commit.
      expect(rows.map((row) => row.type)).toEqual(['member.removed', 'conversation.updated']);
    } finally {
      await Promise.all([sending.end(), removing.end()]);
    }
  }, 60_000);
});
