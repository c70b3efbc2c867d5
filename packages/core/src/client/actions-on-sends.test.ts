import { afterEach, describe, expect, it } from 'vitest';
import { createTimelineSelector } from '../store/selectors';
import { createFakeChatClient, type FakeChatClient } from '../testing';

let client: FakeChatClient;
afterEach(() => client?.close());

/** Ann, connected, in a conversation with Bob; her rows as a UI shows them. */
async function annWithBob() {
  client = createFakeChatClient({ userId: 'ann' });
  const { id } = client.fake.addConversation({ participantIds: ['ann', 'bob'] });
  client.openConversation(id);
  await client.fake.until((s) => s.connection.status === 'connected' && !!s.timelines[id]?.loaded);
  const rows = createTimelineSelector();
  return { id, rows: () => rows(client.getSnapshot(), id) };
}

describe('editing, deleting and reacting to an own send the server has not stored yet', () => {
  it('shows the actions at once and applies them after the send, once the link is back', async () => {
    const { id, rows } = await annWithBob();
    client.fake.connection('offline');
    await client.fake.until((s) => s.connection.status !== 'connected');
    const clientId = client.sendMessage(id, { body: 'typo heer' });
    client.editMessage(id, clientId, 'typo here');
    client.addReaction(id, clientId, '🎉');
    expect(rows()[0]).toMatchObject({ id: null, body: 'typo here', status: 'sending' });
    expect(rows()[0]?.reactions).toMatchObject([{ emoji: '🎉', count: 1, reacted: true }]);

    client.fake.connection('connected');
    await client.fake.until((s) => s.timelines[id]?.actions.length === 0);
    const [stored] = client.fake.stored(id);
    expect(stored).toMatchObject({ clientId, body: 'typo here' });
    expect(stored?.editedAt).not.toBeNull();
    expect(stored?.reactions).toMatchObject([{ emoji: '🎉', count: 1, userIds: ['ann'] }]);
    expect(rows()[0]).toMatchObject({ id: stored?.id, body: 'typo here', actions: [] });
  });

  it('holds them while the send is refused, sends them after its retry, drops them with its discard', async () => {
    const { id, rows } = await annWithBob();
    const bobs = client.fake.receive(id, { senderId: 'bob', body: 'hi Ann' });
    await client.fake.until((s) => s.timelines[id]?.messages.length === 1);
    client.fake.failNextSend('forbidden', 'not now');
    const kept = client.sendMessage(id, { body: 'first try' });
    const actionId = client.addReaction(id, kept, '👍');
    // Queued after it, applied first: the outbox went past the waiting one.
    client.addReaction(id, bobs.id, '👋');
    await client.fake.until((s) => s.timelines[id]?.actions.length === 1);
    expect(client.getSnapshot().timelines[id]?.pending[0]?.status).toBe('failed');
    // The reaction is still on its way, not refused: it waits for its message.
    expect(rows()[1]?.actions).toMatchObject([{ id: actionId, status: 'sending' }]);
    expect(client.fake.stored(id).map((m) => m.body)).toEqual(['hi Ann']);

    client.retryMessage(kept);
    await client.fake.until((s) => s.timelines[id]?.actions.length === 0);
    expect(client.fake.stored(id)[1]?.reactions).toMatchObject([{ emoji: '👍', count: 1 }]);

    client.fake.failNextSend('forbidden', 'not now');
    const dropped = client.sendMessage(id, { body: 'second try' });
    client.deleteMessage(id, dropped);
    await client.fake.until((s) => s.timelines[id]?.pending[0]?.status === 'failed');
    client.discardMessage(dropped);
    expect(client.getSnapshot().timelines[id]?.actions).toEqual([]);
    expect(client.fake.stored(id).map((m) => m.body)).toEqual(['hi Ann', 'first try']);
  });

  it('acts on the stored message when given the clientId of a send already acknowledged', async () => {
    const { id } = await annWithBob();
    const clientId = client.sendMessage(id, { body: 'hello' });
    await client.fake.until((s) => s.timelines[id]?.pending.length === 0);
    client.deleteMessage(id, clientId);
    await client.fake.until((s) => s.timelines[id]?.actions.length === 0);
    expect(client.fake.stored(id)[0]?.deletedAt).not.toBeNull();
  });
});
