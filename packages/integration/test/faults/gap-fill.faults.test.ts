import type { ChatClient } from '@banter/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientFor, closeClients, connected, until } from '../../src/clients';
import { quickHeartbeat, useChatServer } from '../../src/server';
import { spyOnStorage } from '../../src/storage-spy';
import { startTcpProxy, type TcpProxy } from '../../src/tcp-proxy';
import { expectShownOnce, type SentLog } from './invariants';

/** Change-feed pages the server was asked for, to show the fill really went page by page. */
let pagesServed = 0;
const server = useChatServer(
  {},
  {
    socket: quickHeartbeat,
    storage: (storage) =>
      spyOnStorage(storage, 'listChanges', (list) => (...args) => {
        pagesServed += 1;
        return list(...args);
      }),
  },
);
let link: TcpProxy;

beforeAll(async () => {
  link = await startTcpProxy(server.port);
});
afterAll(async () => {
  await closeClients();
  await link.close();
});

const pendingEmpty = (client: ChatClient) =>
  until(
    client,
    (s) => expect(Object.values(s.timelines).every((t) => t.pending.length === 0)).toBe(true),
    30_000,
  );

describe('4. a client offline long enough to miss 500 messages, 50 edits and 20 deletes in 3 conversations', () => {
  it('gets all of them back from the change feed, paged, once each against live messages, with the right unread counts', async () => {
    const ann = clientFor(server, 'ann');
    const cat = clientFor(server, 'cat');
    // Bob's only way in is the link (no REST fallback), so taking it away takes him offline.
    const bob = clientFor({ url: link.url }, 'bob', { restPath: null });
    await Promise.all([connected(ann), connected(bob), connected(cat)]);
    const conversations = [
      (await ann.createDirectConversation('bob')).id,
      (await cat.createDirectConversation('bob')).id,
      (await ann.createGroupConversation({ participantIds: ['bob', 'cat'], title: 'Gap' })).id,
    ];
    await bob.loadConversations();
    const [annBob, catBob, group] = conversations as [string, string, string];
    const logs: SentLog[] = [
      { conversationId: annBob, members: [ann, bob], sends: [] },
      { conversationId: catBob, members: [cat, bob], sends: [] },
      { conversationId: group, members: [ann, bob, cat], sends: [] },
    ];
    for (const { conversationId, members } of logs)
      for (const client of members) client.openConversation(conversationId);
    for (const { conversationId, members } of logs)
      for (const client of members)
        await until(client, (s) => expect(s.timelines[conversationId]?.loaded).toBe(true));
    const send = (client: ChatClient, log: SentLog, body: string) => {
      client.sendMessage(log.conversationId, { body });
      log.sends.push({ senderId: client.userId, body });
    };

    const [toAnnBob, toCatBob, toGroup] = logs as [SentLog, SentLog, SentLog];
    // Before the break Bob gets 50 messages from Ann and 20 in the group, which change while he is away.
    for (let i = 0; i < 50; i++) send(ann, toAnnBob, `before-a${i}`);
    for (let i = 0; i < 20; i++) send(ann, toGroup, `before-g${i}`);
    await until(bob, (s) => {
      expect(s.timelines[annBob]?.messages.length).toBe(50);
      expect(s.timelines[group]?.messages.length).toBe(20);
    });

    link.setMode('refuse');
    link.cut();
    await until(bob, (s) => expect(s.connection.status).not.toBe('connected'));
    for (let i = 0; i < 170; i++) {
      send(ann, toAnnBob, `a${i}`);
      send(cat, toCatBob, `c${i}`);
      if (i < 160) send(i % 2 ? ann : cat, toGroup, `g${i}`);
    }
    await Promise.all([pendingEmpty(ann), pendingEmpty(cat)]);
    // While Bob is away, Ann also edits the 50 messages he already had from her and deletes the
    // 20 he had in the group: only the change feed brings those back, a fill by seq would not.
    const own = (conversationId: string) =>
      (ann.getSnapshot().timelines[conversationId]?.messages ?? []).filter((m) =>
        m.body.startsWith('before-'),
      );
    // The logs follow, so the shown-once checks expect the bodies as they are now.
    const rewrite = (log: SentLog, body: string, now: string) => {
      const entry = log.sends.find((send) => send.body === body);
      if (entry) entry.body = now;
    };
    for (const message of own(annBob).slice(0, 50)) {
      ann.editMessage(annBob, message.id, `${message.body} (edited)`);
      rewrite(toAnnBob, message.body, `${message.body} (edited)`);
    }
    for (const message of own(group).slice(0, 20)) {
      ann.deleteMessage(group, message.id);
      rewrite(toGroup, message.body, '');
    }
    // Edits and deletes go through Ann's outbox: all applied before Bob comes back.
    await until(
      ann,
      (s) => expect(Object.values(s.timelines).every((t) => t.actions.length === 0)).toBe(true),
      30_000,
    );
    const missed = logs.reduce((sum, log) => sum + log.sends.length, 0) - 70;
    const pagesBefore = pagesServed;

    // Bob comes back while live messages keep arriving in every conversation.
    link.setMode('pass');
    for (let i = 0; i < 10; i++) {
      send(ann, toAnnBob, `live-a${i}`);
      send(cat, toCatBob, `live-c${i}`);
      send(ann, toGroup, `live-g${i}`);
      await new Promise((resolve) => setTimeout(resolve, 15));
    }

    // Bob shows every message as the server holds it now, the edits and the deletions too,
    // once the live sends are all stored.
    await Promise.all([pendingEmpty(ann), pendingEmpty(cat)]);
    for (const conversationId of conversations) {
      const stored = await server.storage.listMessages(conversationId, { after: 0, limit: 1_000 });
      const shown = (state: ReturnType<ChatClient['getSnapshot']>) =>
        state.timelines[conversationId]?.messages.map((m) => [m.seq, m.body, m.deletedAt]);
      await until(
        bob,
        (state) =>
          expect(shown(state)).toEqual(stored.messages.map((m) => [m.seq, m.body, m.deletedAt])),
        30_000,
      );
    }
    for (const log of logs) await expectShownOnce(log, 30_000);
    const unread = conversations.map((id) => bob.getSnapshot().conversations[id]?.unreadCount);
    // Deleted messages are not unread.
    expect(unread).toEqual(logs.map((log) => log.sends.length - (log === toGroup ? 20 : 0)));
    const pages = pagesServed - pagesBefore;
    // 500 messages at 100 a page cannot come in fewer than 6 pages over 3 conversations.
    expect(pages).toBeGreaterThanOrEqual(6);
    console.log(
      `[4 gap-fill] ${missed} missed messages, 50 edits and 20 deletes across 3 conversations + 30 live while filling: all shown once in seq order and as stored on every member, in ${pages} change-feed pages; bob's unread ${unread.join('/')}`,
    );
  });
});
