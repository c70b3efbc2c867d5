import { afterEach, describe, expect, it, vi } from 'vitest';
import { memoryOutboxStorage } from '../outbox/outbox-storage';
import { isBlocked, selectBlockedUserIds } from '../store/blocks';
import { createFakeChatClient, createMemoryServer, type FakeChatClient } from '../testing';

const clients: FakeChatClient[] = [];
afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.close()));
});

function connect(userId: string, server: ReturnType<typeof createMemoryServer>, options = {}) {
  const client = createFakeChatClient({ userId, server, clientOptions: options });
  clients.push(client);
  return client;
}

describe('blocking someone', () => {
  it('loads the list after connecting, shows a block at once and keeps it after the ack', async () => {
    const server = createMemoryServer();
    server.state.blocks.set('ann', ['eve']);
    const ann = connect('ann', server);
    await ann.fake.until((s) => s.blocks.status === 'loaded');
    expect([...selectBlockedUserIds(ann.getSnapshot())]).toEqual(['eve']);

    ann.blockUser('bob');
    expect(isBlocked(ann.getSnapshot(), 'bob')).toBe(true);
    await ann.fake.until((s) => s.blocks.pending.length === 0);
    expect(ann.getSnapshot().blocks.userIds).toEqual(['eve', 'bob']);
    expect(server.state.blocks.get('ann')).toEqual(['eve', 'bob']);

    ann.unblockUser('eve');
    expect(isBlocked(ann.getSnapshot(), 'eve')).toBe(false);
    await ann.fake.until((s) => s.blocks.pending.length === 0);
    expect(server.state.blocks.get('ann')).toEqual(['bob']);
  });

  it('made offline, is kept in order and reaches the server after reconnecting; the list survives the reconnect', async () => {
    const server = createMemoryServer();
    const ann = connect('ann', server);
    await ann.fake.until((s) => s.blocks.status === 'loaded');
    ann.fake.connection('offline');
    await ann.fake.until((s) => s.connection.status !== 'connected');
    ann.blockUser('bob');
    ann.unblockUser('bob');
    ann.blockUser('bob');
    ann.blockUser('eve');
    expect([...selectBlockedUserIds(ann.getSnapshot())]).toEqual(['bob', 'eve']);
    expect(server.state.blocks.get('ann')).toBeUndefined();

    ann.fake.connection('connected');
    await ann.fake.until(
      (s) => s.connection.status === 'connected' && s.blocks.pending.length === 0,
    );
    expect(server.state.blocks.get('ann')).toEqual(['bob', 'eve']);
    expect([...selectBlockedUserIds(ann.getSnapshot())]).toEqual(['bob', 'eve']);
  });

  it('kept with the outbox storage, goes out from the next session after a reload', async () => {
    const server = createMemoryServer();
    const outboxStorage = memoryOutboxStorage();
    const first = connect('ann', server, { outboxStorage });
    await first.fake.until((s) => s.blocks.status === 'loaded');
    first.fake.connection('offline');
    await first.fake.until((s) => s.connection.status !== 'connected');
    first.blockUser('bob');
    await first.close();
    expect(server.state.blocks.get('ann')).toBeUndefined();

    const second = connect('ann', server, { outboxStorage });
    await second.fake.until((s) => isBlocked(s, 'bob') && s.blocks.pending.length === 0);
    expect(server.state.blocks.get('ann')).toEqual(['bob']);
  });

  it('retries a block whose ack was lost with the same effect, once', async () => {
    const server = createMemoryServer();
    const ann = connect('ann', server, { backoff: { minMs: 1, maxMs: 5 } });
    await ann.fake.until((s) => s.blocks.status === 'loaded');
    ann.fake.link.dropNextAck('user:block');
    ann.blockUser('bob');
    await ann.fake.until(
      (s) => s.blocks.pending.length === 0 && s.connection.status === 'connected',
    );
    expect(server.state.blocks.get('ann')).toEqual(['bob']);
  });

  it('goes back to the server list and tells onError when the server refuses it for good', async () => {
    const server = createMemoryServer();
    const onError = vi.fn();
    const ann = connect('ann', server, { onError });
    await ann.fake.until((s) => s.blocks.status === 'loaded');
    ann.fake.link.failNext('user:block', 'bad_request', 'unable to block user: no such user');
    ann.blockUser('ghost');
    await ann.fake.until((s) => s.blocks.pending.length === 0);
    expect(isBlocked(ann.getSnapshot(), 'ghost')).toBe(false);
    expect(onError).toHaveBeenCalledWith(expect.objectContaining({ code: 'bad_request' }));
    expect(() => ann.blockUser('ann')).toThrow(expect.objectContaining({ code: 'bad_request' }));
  });

  it('keeps the blocked user out of a direct conversation both ways and hides the blocker’s presence', async () => {
    const server = createMemoryServer();
    const ann = connect('ann', server);
    const bob = connect('bob', server);
    const { id } = ann.fake.addConversation({ participantIds: ['ann', 'bob'] });
    await bob.fake.until((s) => s.connection.status === 'connected');
    await ann.fake.until((s) => s.blocks.status === 'loaded');
    await bob.fetchPresence(['ann']);
    expect(bob.getSnapshot().presence.ann?.online).toBe(true);

    ann.blockUser('bob');
    await ann.fake.until((s) => s.blocks.pending.length === 0);
    await bob.fake.until((s) => s.presence.ann?.online === false);
    expect(await bob.fetchPresence(['ann'])).toEqual([]);
    bob.sendMessage(id, { body: 'hello?' });
    await bob.fake.until((s) => s.timelines[id]?.pending[0]?.status === 'failed');
    expect(bob.getSnapshot().timelines[id]?.pending[0]?.error?.code).toBe('forbidden');
    ann.sendMessage(id, { body: 'and not me either' });
    await ann.fake.until((s) => s.timelines[id]?.pending[0]?.status === 'failed');
    await expect(bob.createDirectConversation('ann')).rejects.toMatchObject({ code: 'forbidden' });
    expect(server.messages(id)).toEqual([]);
  });
});

describe('reporting a message', () => {
  it('reaches the server with its reason; a blank or too long one is a typed error and stores nothing', async () => {
    const server = createMemoryServer();
    const ann = connect('ann', server);
    const { id } = ann.fake.addConversation({ participantIds: ['ann', 'bob'] });
    const message = server.post(id, { senderId: 'bob', body: 'buy cheap watches' });
    await ann.fake.until((s) => s.connection.status === 'connected');
    await ann.reportMessage(id, message.id, '  spam  ');
    expect(server.state.reports).toEqual([
      { reporterId: 'ann', conversationId: id, messageId: message.id, reason: 'spam' },
    ]);
    await expect(ann.reportMessage(id, message.id, '   ')).rejects.toMatchObject({
      code: 'bad_request',
    });
    await expect(ann.reportMessage(id, message.id, 'x'.repeat(501))).rejects.toMatchObject({
      code: 'bad_request',
    });
    await expect(ann.reportMessage(id, 'nope', 'spam')).rejects.toMatchObject({
      code: 'not_found',
    });
    expect(server.state.reports).toHaveLength(1);
  });

  it('is not retried behind the caller’s back: a failure rejects', async () => {
    const server = createMemoryServer();
    const ann = connect('ann', server);
    const { id } = ann.fake.addConversation({ participantIds: ['ann', 'bob'] });
    const message = server.post(id, { senderId: 'bob', body: 'hi' });
    await ann.fake.until((s) => s.connection.status === 'connected');
    ann.fake.link.failNext('message:report', 'unavailable', 'the host is down');
    await expect(ann.reportMessage(id, message.id, 'spam')).rejects.toMatchObject({
      code: 'unavailable',
    });
    expect(server.state.reports).toEqual([]);
  });
});
