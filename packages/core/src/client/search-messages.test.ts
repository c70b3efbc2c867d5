import { afterEach, describe, expect, it } from 'vitest';
import { ChatError } from '../protocol';
import { createFakeChatClient, type FakeChatClient } from '../testing';

const clients: FakeChatClient[] = [];
afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.close()));
});

function connect(options = {}) {
  const client = createFakeChatClient({ userId: 'ann', clientOptions: options });
  clients.push(client);
  return client;
}

describe('client.searchMessages', () => {
  it('finds messages of every conversation of the user, newest first, with highlight offsets', async () => {
    const ann = connect();
    const withBob = ann.fake.addConversation({ participantIds: ['ann', 'bob'] });
    const withCat = ann.fake.addConversation({ participantIds: ['ann', 'cat'] });
    const others = ann.fake.server.state.addConversation({
      kind: 'direct',
      createdBy: 'bob',
      participantIds: ['cat'],
      metadata: null,
    });
    ann.fake.receive(withBob.id, { senderId: 'bob', body: 'Lunch at noon?' });
    ann.fake.receive(withCat.id, { senderId: 'cat', body: 'lunchbox 🍱 lunch' });
    ann.fake.server.state.append(others, { senderId: 'bob', body: 'lunch without ann' });
    const page = await ann.searchMessages('lunch');
    expect(page.results.map((hit) => hit.message.body)).toEqual([
      'lunchbox 🍱 lunch',
      'Lunch at noon?',
    ]);
    const [first] = page.results;
    expect(first?.highlights.map((r) => first.message.body.slice(r.start, r.end))).toEqual([
      'lunchbox',
      'lunch',
    ]);
    expect(page.nextCursor).toBeNull();
    const scoped = await ann.searchMessages('lunch', { conversationId: withBob.id });
    expect(scoped.results.map((hit) => hit.message.conversationId)).toEqual([withBob.id]);
  });

  it('pages with the cursor it is given', async () => {
    const ann = connect();
    const { id } = ann.fake.addConversation({ participantIds: ['ann', 'bob'] });
    for (let i = 1; i <= 5; i++) ann.fake.receive(id, { senderId: 'bob', body: `note ${i}` });
    const first = await ann.searchMessages('note', { limit: 3 });
    expect(first.nextCursor).not.toBeNull();
    const second = await ann.searchMessages('note', { limit: 3, cursor: first.nextCursor ?? '' });
    expect([...first.results, ...second.results].map((hit) => hit.message.body)).toEqual(
      [5, 4, 3, 2, 1].map((i) => `note ${i}`),
    );
    expect(second.nextCursor).toBeNull();
  });

  it('works over REST while the socket cannot connect', async () => {
    const ann = connect({ fallbackAfterAttempts: 1, pollIntervalMs: 60_000 });
    const { id } = ann.fake.addConversation({ participantIds: ['ann', 'bob'] });
    ann.fake.receive(id, { senderId: 'bob', body: 'over rest' });
    await ann.fake.until((s) => s.connection.status === 'connected');
    ann.fake.link.blockSocket();
    await ann.fake.until((s) => s.connection.status !== 'connected');
    const page = await ann.searchMessages('rest');
    expect(page.results.map((hit) => hit.message.body)).toEqual(['over rest']);
  });

  it('rejects with a typed error: a blank query, a foreign conversation, a forged cursor', async () => {
    const ann = connect();
    await expect(ann.searchMessages('   ')).rejects.toMatchObject({ code: 'bad_request' });
    await expect(ann.searchMessages('x', { conversationId: 'nope' })).rejects.toMatchObject({
      code: 'not_found',
    });
    const forged = ann.searchMessages('x', { cursor: '-1' });
    await expect(forged).rejects.toBeInstanceOf(ChatError);
    await expect(forged).rejects.toMatchObject({
      code: 'bad_request',
      issues: [{ path: 'cursor' }],
    });
  });
});
