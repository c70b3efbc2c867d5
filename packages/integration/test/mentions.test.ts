import { createTimelineSelector } from '@banter/core';
import { uniqueUsers } from '@banter/server-kit/test/harness';
import { afterEach, describe, expect, it } from 'vitest';
import { clientFor, closeClients, connected, until } from '../src/clients';
import { useChatServer } from '../src/server';
import { useTcpProxies } from '../src/use-tcp-proxies';

const server = useChatServer();
const user = uniqueUsers();

const proxy = useTcpProxies(server);

afterEach(closeClients);

/** Bob's summary counts: unread messages, and those of them that mention him. */
const countsOf = (client: ReturnType<typeof clientFor>, id: string) => {
  const conversation = client.getSnapshot().conversations[id];
  return [conversation?.unreadCount, conversation?.unreadMentions];
};

describe('mentions between real clients', () => {
  it('counts a live mention of me as it arrives, not others’, and reading resets it', async () => {
    const [annId, bobId, catId] = [user('ann'), user('bob'), user('cat')];
    const ann = clientFor(server, annId);
    const bob = clientFor(server, bobId);
    await Promise.all([connected(ann), connected(bob)]);
    const { id } = await ann.createGroupConversation({ participantIds: [bobId, catId] });
    await bob.loadConversations();
    expect(countsOf(bob, id)).toEqual([0, 0]);

    ann.sendMessage(id, { body: 'Bob, lunch?', mentions: [{ userId: bobId, start: 0, end: 3 }] });
    await until(bob, () => expect(countsOf(bob, id)).toEqual([1, 1]));
    ann.sendMessage(id, { body: 'Cat too', mentions: [{ userId: catId, start: 0, end: 3 }] });
    await until(bob, () => expect(countsOf(bob, id)).toEqual([2, 1]));

    bob.openConversation(id);
    await until(bob, (s) => expect(s.timelines[id]?.messages).toHaveLength(2));
    const rows = createTimelineSelector();
    expect(rows(bob.getSnapshot(), id)[0]?.mentions).toEqual([{ userId: bobId, start: 0, end: 3 }]);
    await bob.markRead(id);
    expect(countsOf(bob, id)).toEqual([0, 0]);
  });

  it('keeps a mention sent offline in the outbox and stores it once after reconnect; the mentioned person catches up', async () => {
    const [annId, bobId] = [user('ann'), user('bob')];
    const [annLink, bobLink] = [await proxy(), await proxy()];
    const ann = clientFor({ url: annLink.url }, annId);
    const bob = clientFor({ url: bobLink.url }, bobId);
    await Promise.all([connected(ann), connected(bob)]);
    const conversation = await ann.createGroupConversation({ participantIds: [bobId] });
    const id = conversation.id;
    ann.openConversation(id);
    await bob.loadConversations();
    await until(ann, (s) => expect(s.timelines[id]?.loaded).toBe(true));

    // Both go away: sockets and REST refused.
    for (const link of [annLink, bobLink]) {
      link.setMode('refuse');
      link.cut();
    }
    await until(ann, (s) => expect(s.connection.status).not.toBe('connected'));
    await until(bob, (s) => expect(s.connection.status).not.toBe('connected'));
    const mention = { userId: bobId, start: 4, end: 7 };
    ann.sendMessage(id, { body: 'hey bob', mentions: [mention] });
    const rows = createTimelineSelector();
    expect(rows(ann.getSnapshot(), id)[0]).toMatchObject({
      status: 'sending',
      mentions: [mention],
    });

    annLink.setMode('pass');
    await until(ann, (s) => expect(s.timelines[id]?.pending).toEqual([]), 20_000);
    expect(ann.getSnapshot().timelines[id]?.messages.map((m) => m.mentions)).toEqual([[mention]]);

    bobLink.setMode('pass');
    await until(bob, () => expect(countsOf(bob, id)).toEqual([1, 1]), 20_000);
  });

  it('an edit that names me counts, and one that drops my name uncounts, on my side live', async () => {
    const [annId, bobId] = [user('ann'), user('bob')];
    const ann = clientFor(server, annId);
    const bob = clientFor(server, bobId);
    await Promise.all([connected(ann), connected(bob)]);
    const { id } = await ann.createGroupConversation({ participantIds: [bobId] });
    ann.openConversation(id);
    bob.openConversation(id);
    await until(bob, (s) => expect(s.timelines[id]?.loaded).toBe(true));
    ann.sendMessage(id, { body: 'who is in?' });
    await until(bob, () => expect(countsOf(bob, id)).toEqual([1, 0]));
    await until(ann, (s) => expect(s.timelines[id]?.messages).toHaveLength(1));
    const messageId = ann.getSnapshot().timelines[id]?.messages[0]?.id as string;

    ann.editMessage(id, messageId, 'bob, are you in?', [{ userId: bobId, start: 0, end: 3 }]);
    await until(bob, () => expect(countsOf(bob, id)).toEqual([1, 1]));
    ann.editMessage(id, messageId, 'anyone in?');
    await until(bob, () => expect(countsOf(bob, id)).toEqual([1, 0]));
  });
});
