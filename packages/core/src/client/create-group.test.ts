import { afterEach, describe, expect, it } from 'vitest';
import { createFakeChatClient, type FakeChatClient } from '../testing';

let client: FakeChatClient;
afterEach(() => client?.close());

async function connectedAnn() {
  client = createFakeChatClient({ userId: 'ann' });
  await client.fake.until((s) => s.connection.status === 'connected');
  return client;
}

const groupsOf = (c: FakeChatClient) =>
  c.fake.server.state.conversationsOf('ann').filter((g) => g.kind === 'group');

describe('createGroupConversation', () => {
  it('makes one group when the first answer is lost and the client asks again', async () => {
    const ann = await connectedAnn();
    ann.fake.link.dropNextAck('conversation:create');
    const group = await ann.createGroupConversation({
      participantIds: ['bob', 'cat'],
      title: 'Trip',
    });
    expect(groupsOf(ann).map((g) => g.id)).toEqual([group.id]);
    expect(group).toMatchObject({ kind: 'group', title: 'Trip' });
    expect(ann.getSnapshot().conversations[group.id]?.title).toBe('Trip');
  });

  it('gives up at once on a refusal that a retry cannot change', async () => {
    const ann = await connectedAnn();
    ann.fake.link.failNext('conversation:create', 'forbidden', 'not now');
    await expect(ann.createGroupConversation({ participantIds: ['bob'] })).rejects.toMatchObject({
      code: 'forbidden',
    });
    expect(groupsOf(ann)).toEqual([]);
  });
});
