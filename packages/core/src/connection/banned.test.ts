import { afterEach, describe, expect, it, vi } from 'vitest';
import { createFakeChatClient, createMemoryServer, type FakeChatClient } from '../testing';

let client: FakeChatClient | undefined;
afterEach(async () => {
  await client?.close();
  client = undefined;
});

/** Ann with a conversation with Bob on `server`, her logger and onError watched. */
function ann(server = createMemoryServer(), clientOptions = {}) {
  const logger = { error: vi.fn() };
  const onError = vi.fn();
  client = createFakeChatClient({
    userId: 'ann',
    server,
    clientOptions: { logger, onError, ...clientOptions },
  });
  const { id } = client.fake.addConversation({ participantIds: ['ann', 'bob'] });
  return { client, server, id, logger, onError };
}

describe('a banned user', () => {
  it('is refused at the handshake: `refused` with the server message, logged once, no retry, no REST', async () => {
    const server = createMemoryServer();
    server.ban('ann', 'this account was suspended for spam');
    const { client, id, logger, onError } = ann(server);
    await client.fake.until((s) => s.connection.status === 'refused');
    expect(client.getSnapshot().connection.error).toMatchObject({
      code: 'banned',
      retryable: false,
    });
    expect(client.getSnapshot().connection.error?.message).toContain('suspended for spam');
    expect(logger.error).toHaveBeenCalledTimes(1);
    expect(onError).toHaveBeenCalledWith(expect.objectContaining({ code: 'banned' }));

    // A send made now fails with the reason at once rather than waiting as `sending`.
    const clientId = client.sendMessage(id, { body: 'let me in' });
    expect(client.getSnapshot().timelines[id]?.pending).toMatchObject([
      { clientId, status: 'failed', error: { code: 'banned' } },
    ]);
    await expect(client.createDirectConversation('cid')).rejects.toMatchObject({ code: 'banned' });
    await expect(client.reportMessage(id, 'm-1', 'spam')).rejects.toMatchObject({ code: 'banned' });
    // The network coming back tries nothing more.
    client.fake.link.goOffline();
    client.fake.link.goOnline();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(client.getSnapshot().connection.status).toBe('refused');
    expect(server.messages(id)).toEqual([]);
    expect(logger.error).toHaveBeenCalledTimes(1);
  });

  it('banned while connected: the session ends, waiting sends fail with the reason and are kept, nothing reconnects', async () => {
    const { client, server, id, logger } = ann();
    client.openConversation(id);
    await client.fake.until(
      (s) => s.connection.status === 'connected' && !!s.timelines[id]?.loaded,
    );
    const release = client.fake.link.hold();
    const clientId = client.sendMessage(id, { body: 'on its way' });
    server.ban('ann', 'banned by a moderator');
    release();
    await client.fake.until((s) => s.connection.status === 'refused');
    await client.fake.until((s) => s.timelines[id]?.pending[0]?.status === 'failed');
    expect(client.getSnapshot().timelines[id]?.pending).toMatchObject([
      {
        clientId,
        status: 'failed',
        error: { code: 'banned', message: expect.stringContaining('banned by a moderator') },
      },
    ]);
    expect(server.messages(id)).toEqual([]);
    // No reconnect loop: after the backoff would have fired, still refused and no socket.
    await new Promise((resolve) => setTimeout(resolve, 120));
    expect(client.getSnapshot().connection.status).toBe('refused');
    expect(server.isOnline('ann')).toBe(false);
    expect(logger.error).toHaveBeenCalledTimes(1);
  });

  it('met over REST (the socket blocked): the client stops as for a refused handshake', async () => {
    const server = createMemoryServer();
    const { client, id, logger } = ann(server, { fallbackAfterAttempts: 1 });
    client.fake.link.blockSocket();
    await client.fake.until((s) => s.connection.status === 'offline');
    server.ban('ann', 'no chat for you');
    client.sendMessage(id, { body: 'over REST' });
    await client.fake.until((s) => s.connection.status === 'refused');
    expect(client.getSnapshot().connection.error).toMatchObject({ code: 'banned' });
    await client.fake.until((s) => s.timelines[id]?.pending[0]?.status === 'failed');
    expect(logger.error).toHaveBeenCalledTimes(1);
  });
});
