import { type ChatClient, type Message, normalizeEmoji } from '@banter/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientFor, closeClients, connected, until } from '../../src/clients';
import { quickHeartbeat, useChatServer } from '../../src/server';
import { spyOnStorage } from '../../src/storage-spy';
import { startTcpProxy, type TcpProxy } from '../../src/tcp-proxy';
import { expectShownAsStored, expectShownOnce, type SentLog, seededRandom } from './invariants';

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

const actionsEmpty = (client: ChatClient) =>
  until(
    client,
    (s) => expect(Object.values(s.timelines).every((t) => t.actions.length === 0)).toBe(true),
    30_000,
  );

/** Each message's id by its body, as the store holds them (bodies are unique in this case). */
async function storedIds(conversationIds: string[]) {
  const pages = await Promise.all(
    conversationIds.map((id) => server.storage.listMessages(id, { after: 0, limit: 1_000 })),
  );
  const ids = new Map(pages.flatMap((page) => page.messages.map((m) => [m.body, m.id] as const)));
  return (body: string) => {
    const id = ids.get(body);
    if (!id) throw new Error(`no stored message "${body}"`);
    return id;
  };
}

/** One message's reactions: each emoji with who reacted with it. */
type Held = { emoji: string; users: string[] }[];
const inEmojiOrder = (a: { emoji: string }, b: { emoji: string }) => a.emoji.localeCompare(b.emoji);

/**
 * Who reacted with what, as the test asked for it: the store must end up holding
 * exactly this, each reaction once. Kept by emoji as stored, so a heart with or
 * without U+FE0F is one reaction.
 */
function reactionLedger() {
  const held = new Map<string, Set<string>>();
  const keyOf = (messageId: string, userId: string, emoji: string) =>
    `${messageId} ${userId} ${normalizeEmoji(emoji)}`;
  const has = (messageId: string, userId: string, emoji: string) =>
    held.get(messageId)?.has(keyOf(messageId, userId, emoji)) === true;
  return {
    has,
    /** Asks the client for the change and notes it; returns whether it changes anything. */
    react(
      client: ChatClient,
      conversationId: string,
      messageId: string,
      emoji: string,
      add = true,
    ) {
      const changes = has(messageId, client.userId, emoji) !== add;
      const keys = held.get(messageId) ?? new Set();
      held.set(messageId, keys);
      if (add) {
        client.addReaction(conversationId, messageId, emoji);
        keys.add(keyOf(messageId, client.userId, emoji));
      } else {
        client.removeReaction(conversationId, messageId, emoji);
        keys.delete(keyOf(messageId, client.userId, emoji));
      }
      return changes;
    },
    /** A deleted message keeps no reactions. */
    deleted: (messageId: string) => held.delete(messageId),
    /** One message's reactions: each emoji with its users, in a stable order. */
    of(messageId: string): Held {
      const users = new Map<string, string[]>();
      for (const key of held.get(messageId) ?? []) {
        const [, userId = '', emoji = ''] = key.split(' ');
        users.set(emoji, [...(users.get(emoji) ?? []), userId]);
      }
      return [...users].map(([emoji, ids]) => ({ emoji, users: ids.sort() })).sort(inEmojiOrder);
    },
  };
}

/** A stored message's reactions in the ledger's terms; a count other than the users named fails. */
function storedReactions(message: Message): Held {
  return message.reactions
    .map(({ emoji, count, userIds }) => {
      expect(count, `${emoji} on seq ${message.seq}`).toBe(userIds.length);
      return { emoji, users: [...userIds].sort() };
    })
    .sort(inEmojiOrder);
}

describe('4. a client offline long enough to miss 500 messages, 50 edits, 20 deletes and 100 reaction changes in 3 conversations', () => {
  it('gets all of them back from the change feed, paged, once each against live messages, with the right unread counts and every reaction as stored', async () => {
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
    const sent = () => logs.reduce((sum, log) => sum + log.sends.length, 0);

    const [toAnnBob, toCatBob, toGroup] = logs as [SentLog, SentLog, SentLog];
    // Before the break Bob gets 50 messages from Ann and 20 in the group, which change while he
    // is away, and 3 from Cat in each of her conversations, which only get reactions.
    for (let i = 0; i < 50; i++) send(ann, toAnnBob, `before-a${i}`);
    for (let i = 0; i < 20; i++) send(ann, toGroup, `before-g${i}`);
    for (let i = 0; i < 3; i++) {
      send(cat, toCatBob, `before-c${i}`);
      send(cat, toGroup, `before-h${i}`);
    }
    const sentBefore = sent();
    await until(bob, (s) => {
      expect(s.timelines[annBob]?.messages.length).toBe(50);
      expect(s.timelines[catBob]?.messages.length).toBe(3);
      expect(s.timelines[group]?.messages.length).toBe(23);
    });
    // Bob also sees reactions before the break: his own hearts (his `reacted` flag has to
    // survive the fill), thumbs up that Ann and Cat may take back while he is away, and
    // reactions on two group messages that then get deleted (a deleted message shows none).
    const ledger = reactionLedger();
    const idBefore = await storedIds(conversations);
    const seen: [ChatClient, string, string, string][] = [
      [bob, annBob, 'before-a0', '❤'],
      [bob, catBob, 'before-c0', '❤'],
      [bob, group, 'before-h0', '❤'],
      [ann, annBob, 'before-a1', '👍'],
      [cat, catBob, 'before-c1', '👍'],
      [ann, group, 'before-h1', '👍'],
      [cat, group, 'before-h1', '👍'],
      [ann, group, 'before-g0', '😂'],
      [cat, group, 'before-g0', '😂'],
      [ann, group, 'before-g1', '🎉'],
    ];
    for (const [client, conversationId, body, emoji] of seen)
      ledger.react(client, conversationId, idBefore(body), emoji);
    for (const log of logs)
      await expectShownAsStored(server.storage, log.members, log.conversationId);

    link.setMode('refuse');
    link.cut();
    await until(bob, (s) => expect(s.connection.status).not.toBe('connected'));
    for (let i = 0; i < 170; i++) {
      send(ann, toAnnBob, `a${i}`);
      send(cat, toCatBob, `c${i}`);
      if (i < 160) send(i % 2 ? ann : cat, toGroup, `g${i}`);
    }
    await Promise.all([pendingEmpty(ann), pendingEmpty(cat)]);
    const missed = sent() - sentBefore;

    // While Bob is away, Ann and Cat make 100 reaction changes across the 3 conversations,
    // turn about on messages he had and on messages he missed (never on the ones about to be
    // deleted, which would refuse them). Each adds an emoji she has not put on the message
    // yet, or takes back one she has: every change counts.
    const idOf = await storedIds(conversations);
    const areas = [
      { conversationId: annBob, reactors: [ann], had: 'before-a', unseen: 'a' },
      { conversationId: catBob, reactors: [cat], had: 'before-c', unseen: 'c' },
      { conversationId: group, reactors: [ann, cat], had: 'before-h', unseen: 'g' },
    ];
    const emoji = ['👍', '❤', '😂', '🎉'];
    // Ann writes the heart with U+FE0F and Cat (and Bob) without: one reaction either way.
    // Each takes hers back in the other spelling.
    const spelled = (client: ChatClient, value: string, add: boolean) =>
      value !== '❤' ? value : (client === ann) === add ? '❤️' : '❤';
    const random = seededRandom(Date.now() % 1_000_000);
    let adds = 0;
    for (let i = 0; i < 100; i++) {
      const { conversationId, reactors, had, unseen } = areas[i % 3] as (typeof areas)[number];
      const prefix = Math.floor(i / 3) % 2 ? unseen : had;
      const messageId = idOf(`${prefix}${Math.floor(random.next() * 3)}`);
      const reactor = random.pick(reactors);
      const mine = emoji.filter((e) => ledger.has(messageId, reactor.userId, e));
      const add = mine.length < emoji.length && (mine.length === 0 || random.next() < 0.65);
      const chosen = random.pick(add ? emoji.filter((e) => !mine.includes(e)) : mine);
      expect(
        ledger.react(reactor, conversationId, messageId, spelled(reactor, chosen, add), add),
      ).toBe(true);
      if (add) adds += 1;
    }
    // Adding a heart one already has, in the other spelling, changes nothing.
    let repeats = 0;
    for (const { conversationId, reactors, had, unseen } of areas)
      for (const reactor of reactors)
        for (const body of [0, 1, 2].flatMap((i) => [`${had}${i}`, `${unseen}${i}`])) {
          const messageId = idOf(body);
          if (!ledger.has(messageId, reactor.userId, '❤')) continue;
          const again = spelled(reactor, '❤', false);
          expect(ledger.react(reactor, conversationId, messageId, again)).toBe(false);
          repeats += 1;
        }

    // Ann also edits the 50 messages he already had from her and deletes the 20 she sent to the
    // group before he left: only the change feed brings those back, a fill by seq would not.
    const own = (conversationId: string) =>
      (ann.getSnapshot().timelines[conversationId]?.messages ?? []).filter(
        (m) => m.senderId === ann.userId && m.body.startsWith('before-'),
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
      ledger.deleted(message.id);
      rewrite(toGroup, message.body, '');
    }
    // Reactions, edits and deletes go through the outboxes: all applied before Bob comes back.
    await Promise.all([actionsEmpty(ann), actionsEmpty(cat)]);
    const pagesBefore = pagesServed;

    // Bob comes back while live messages keep arriving in every conversation.
    link.setMode('pass');
    for (let i = 0; i < 10; i++) {
      send(ann, toAnnBob, `live-a${i}`);
      send(cat, toCatBob, `live-c${i}`);
      send(ann, toGroup, `live-g${i}`);
      await new Promise((resolve) => setTimeout(resolve, 15));
    }

    // Every member shows every message as the server holds it now for them: the edits, the
    // deletions and the reactions (counts, users, their own flags), once the live sends are
    // all stored.
    await Promise.all([pendingEmpty(ann), pendingEmpty(cat)]);
    for (const log of logs)
      await expectShownAsStored(server.storage, log.members, log.conversationId);
    for (const log of logs) await expectShownOnce(log, 30_000);
    // And the server holds each reaction asked for once: none lost, none twice, none left on a
    // deleted message.
    for (const conversationId of conversations) {
      const { messages } = await server.storage.listMessages(conversationId, {
        after: 0,
        limit: 1_000,
      });
      expect(messages.map((m) => [m.seq, storedReactions(m)])).toEqual(
        messages.map((m) => [m.seq, ledger.of(m.id)]),
      );
    }
    const unread = conversations.map((id) => bob.getSnapshot().conversations[id]?.unreadCount);
    // Deleted messages are not unread; reactions change no unread count.
    expect(unread).toEqual(logs.map((log) => log.sends.length - (log === toGroup ? 20 : 0)));
    const pages = pagesServed - pagesBefore;
    // 500 messages at 100 a page cannot come in fewer than 6 pages over 3 conversations.
    expect(pages).toBeGreaterThanOrEqual(6);
    const chips = conversations.flatMap((id) =>
      (bob.getSnapshot().timelines[id]?.messages ?? []).flatMap((m) => m.reactions),
    );
    console.log(
      `[4 gap-fill] ${missed} missed messages, 50 edits, 20 deletes and 100 reaction changes (${adds} adds, ${100 - adds} removals, seed ${random.seed}; ${repeats} repeats in the other spelling changing nothing) across 3 conversations + 30 live while filling: all shown once in seq order and as stored on every member, ${chips.length} reactions on bob's side (${chips.filter((r) => r.reacted).length} his own), in ${pages} change-feed pages; bob's unread ${unread.join('/')}`,
    );
  });
});
