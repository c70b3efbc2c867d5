import { afterEach, describe, expect, it, vi } from 'vitest';
import { ChatError, type ErrorPayload } from '../protocol';
import { createFakeChatClient, createMemoryServer, type FakeChatClient } from '../testing';

let client: FakeChatClient | undefined;
afterEach(async () => {
  await client?.close();
  client = undefined;
});

const originRefused: ErrorPayload = {
  code: 'origin_not_allowed',
  message: 'unable to connect: origin https://shop.example is not allowed',
  retryable: false,
};

/** A client whose every connection attempt the server refuses with `refusal` (or its own token check). */
function refusedClient(
  refusal: ErrorPayload | null,
  options: Parameters<typeof createFakeChatClient>[0]['clientOptions'] = {},
  server = createMemoryServer(),
) {
  const logger = { error: vi.fn() };
  const onError = vi.fn();
  const fake = createFakeChatClient({
    userId: 'ann',
    server,
    clientOptions: { logger, onError, autoConnect: false, ...options },
  });
  fake.fake.link.refuseConnections(refusal);
  fake.connect();
  client = fake;
  return { client: fake, logger, onError };
}

describe('a server that refuses the client for good', () => {
  it('ends in `refused` naming the fix, logs it once, tries no more and sends nothing over REST', async () => {
    const { client, logger, onError } = refusedClient(originRefused);
    await client.fake.until((s) => s.connection.status === 'refused');
    const { connection } = client.getSnapshot();
    expect(connection.error).toMatchObject({ code: 'origin_not_allowed', retryable: false });
    expect(connection.error?.message).toContain(
      "add this page's origin to server-kit's allowedOrigins",
    );
    expect(logger.error).toHaveBeenCalledTimes(1);
    expect(logger.error.mock.calls[0]?.[0]).toContain('[banter] unable to connect: origin');
    expect(onError).toHaveBeenCalledWith(expect.objectContaining({ code: 'origin_not_allowed' }));

    // The network coming back (a wake) changes nothing; requests fail with the refusal, not over REST.
    client.fake.link.refuseConnections(null);
    client.fake.link.goOffline();
    client.fake.link.goOnline();
    await expect(client.createDirectConversation('bob')).rejects.toMatchObject({
      code: 'origin_not_allowed',
    });
    const { id } = client.fake.addConversation({ participantIds: ['ann', 'bob'] });
    client.sendMessage(id, { body: 'never over REST' });
    // The in-memory link answers in a later task: give a send that went out the time to land.
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(client.getSnapshot().connection.status).toBe('refused');
    expect(client.getSnapshot().timelines[id]?.pending).toMatchObject([{ status: 'sending' }]);
    expect(client.fake.stored(id)).toEqual([]);
    expect(logger.error).toHaveBeenCalledTimes(1);
  });

  it('refuses at once a token that cannot be renewed, and after three fresh ones that are refused', async () => {
    const strict = () => {
      const server = createMemoryServer({
        authenticate: (token) => {
          throw new ChatError('unauthenticated', `unable to connect: token ${token} is not valid`);
        },
      });
      return server;
    };
    const once = refusedClient(null, { token: 'forged', getToken: undefined }, strict());
    await once.client.fake.until((s) => s.connection.status === 'refused');
    expect(once.client.getSnapshot().connection.error?.message).toContain(
      'give the client getToken',
    );
    await once.client.close();

    const getToken = vi.fn(() => 'signed-with-the-wrong-secret');
    const renewing = refusedClient(
      null,
      { token: undefined, getToken, backoff: { minMs: 1, maxMs: 5 } },
      strict(),
    );
    await renewing.client.fake.until((s) => s.connection.status === 'refused');
    expect(renewing.client.getSnapshot().connection.error?.message).toContain(
      '3 fresh tokens in a row were refused',
    );
    expect(renewing.logger.error).toHaveBeenCalledTimes(1);
  });
});

describe('background work while the server cannot be reached', () => {
  it('never leaves a rejected promise behind, and tells onError only what is not the outage', async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      const onError = vi.fn();
      client = createFakeChatClient({
        userId: 'ann',
        clientOptions: { onError, pollIntervalMs: 1, fallbackAfterAttempts: 1 },
      });
      client.fake.addConversation({ participantIds: ['ann', 'bob'] });
      await client.loadConversations();
      await client.fake.until((s) => s.connection.status === 'connected');
      // The socket cannot connect; five polls of the list fail as in an outage, then one is forbidden.
      client.fake.link.blockSocket();
      for (let i = 0; i < 5; i++)
        client.fake.link.failNext('conversation:list', 'unavailable', 'unable to reach the server');
      client.fake.link.failNext('conversation:list', 'forbidden', 'no longer a member');
      await vi.waitFor(
        () => expect(onError).toHaveBeenCalledWith(expect.objectContaining({ code: 'forbidden' })),
        { timeout: 30_000 },
      );
      await new Promise((resolve) => setTimeout(resolve, 0));
      expect(unhandled).toEqual([]);
      expect(onError.mock.calls.filter(([e]) => e.code === 'unavailable')).toEqual([]);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });
});
