import { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { directBetween, ok, startServer, type TestServer, uniqueUsers } from '../../test/harness';
import { startWebhookReceiver, type WebhookReceiver } from '../../test/webhook-receiver';

// A host that notifies people from its webhook needs to know whom a message names, as
// `onMessage`'s recipients say `mentioned`.
const secret = 'webhook-mentions-secret';
const user = uniqueUsers();
let db: PGlite;
let receiver: WebhookReceiver;
let server: TestServer;

beforeAll(async () => {
  [db, receiver] = await Promise.all([PGlite.create(), startWebhookReceiver(secret)]);
  server = await startServer(db, {
    webhooks: { url: receiver.url, secret, pollIntervalMs: 50 },
  });
}, 120_000);
afterAll(async () => {
  await server.close();
  await receiver.close();
  await db.close();
});

it('message events carry the mentions of the message as it is then', async () => {
  const [ann, bob] = [user('ann'), user('bob')];
  const socket = await server.connect(ann);
  const conversationId = await directBetween(socket, bob);
  const { message } = await ok(socket, 'message:send', {
    conversationId,
    clientId: 'm1',
    body: 'Hi @Bob',
    mentions: [{ userId: bob, start: 3, end: 7 }],
  });
  await ok(socket, 'message:edit', {
    conversationId,
    messageId: message.id,
    body: '@Bob, hi',
    mentions: [{ userId: bob, start: 0, end: 4 }],
  });
  await ok(socket, 'message:delete', { conversationId, messageId: message.id });

  const ofMessage = () =>
    receiver
      .accepted()
      .filter(
        (event) => event.conversationId === conversationId && event.type.startsWith('message.'),
      );
  await receiver.waitFor(() => ofMessage().length === 3);
  expect(
    ofMessage().map((event) => [event.type, (event.data as { mentions: unknown }).mentions]),
  ).toEqual([
    ['message.created', [{ userId: bob, start: 3, end: 7 }]],
    ['message.edited', [{ userId: bob, start: 0, end: 4 }]],
    ['message.deleted', []],
  ]);
});
