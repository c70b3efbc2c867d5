import { createTimelineSelector } from '@banter/core';
import { uniqueUsers } from '@banter/server-kit/test/harness';
import { afterEach, describe, expect, it } from 'vitest';
import { bodies, chattingPair, clientFor, closeClients, connected, until } from '../src/clients';
import { useChatServer } from '../src/server';

const server = useChatServer();
const user = uniqueUsers();

afterEach(closeClients);

describe('a conversation between two clients', () => {
  it('shows a send at once, then sent, delivered and read as the other side receives and reads it', async () => {
    const [annId, bobId] = [user('ann'), user('bob')];
    const ann = clientFor(server, annId);
    const bob = clientFor(server, bobId);
    await Promise.all([connected(ann), connected(bob)]);
    const conversation = await ann.createDirectConversation(bobId);
    ann.openConversation(conversation.id);
    const rows = createTimelineSelector();

    ann.sendMessage(conversation.id, { body: 'Is the flat still available?' });
    const [optimistic] = rows(ann.getSnapshot(), conversation.id);
    expect(optimistic).toMatchObject({ status: 'sending', seq: null, own: true });

    await until(ann, (s) => expect(rows(s, conversation.id)[0]?.status).toBe('delivered'));
    expect(rows(ann.getSnapshot(), conversation.id)).toHaveLength(1);
    expect(rows(ann.getSnapshot(), conversation.id)[0]?.key).toBe(optimistic?.key);

    await bob.loadConversations();
    expect(bob.getSnapshot().conversations[conversation.id]?.unreadCount).toBe(1);
    bob.openConversation(conversation.id);
    await until(bob, (s) => expect(s.timelines[conversation.id]?.loaded).toBe(true));
    await bob.markRead(conversation.id);
    expect(bob.getSnapshot().conversations[conversation.id]?.unreadCount).toBe(0);
    await until(ann, (s) => expect(rows(s, conversation.id)[0]?.status).toBe('read'));
  });

  it('delivers live messages in order, exactly once, on both sides', async () => {
    const { ann, bob, id } = await chattingPair(server, [user('ann'), user('bob')]);
    const expected = Array.from({ length: 30 }, (_, i) => `m${i}`);
    for (const body of expected) ann.sendMessage(id, { body });
    await until(bob, (s) => expect(s.timelines[id]?.messages.map((m) => m.body)).toEqual(expected));
    await until(ann, (s) => expect(s.timelines[id]?.pending).toEqual([]));
    expect(bodies(ann, id)).toEqual(expected);
    expect(ann.getSnapshot().timelines[id]?.messages.map((m) => m.seq)).toEqual(
      expected.map((_, i) => i + 1),
    );
  });
});

describe('a jump far back in a conversation', () => {
  /** 160 messages from Ann, then Bob on a new device opening the conversation: the newest page is all it holds. */
  async function longConversation() {
    const { ann, bob: bobHere, id } = await chattingPair(server, [user('ann'), user('bob')]);
    for (let i = 1; i <= 160; i++) ann.sendMessage(id, { body: `m${i}` });
    await until(bobHere, (s) => expect(s.conversations[id]?.lastSeq).toBe(160));
    const bob = clientFor(server, bobHere.getSnapshot().userId);
    await connected(bob);
    await bob.loadConversations();
    bob.openConversation(id);
    await until(bob, (s) => expect(s.timelines[id]?.loaded).toBe(true));
    const seqs = () => bob.getSnapshot().timelines[id]?.messages.map((m) => m.seq) ?? [];
    const whole = () =>
      seqs().every((seq, i, all) => i === 0 || seq === (all[i - 1] as number) + 1);
    return { ann, bob, id, seqs, whole };
  }

  it('holds the page around the message and pages on to the present without a hole, live messages included', async () => {
    const { ann, bob, id, seqs, whole } = await longConversation();
    await bob.loadAround(id, 20);
    expect(seqs()).toContain(20);
    expect(seqs().at(-1)).toBeLessThan(100);
    expect(bob.getSnapshot().timelines[id]).toMatchObject({ hasMoreAfter: true });

    // A live message beyond the window is counted but not held: it would leave a hole.
    ann.sendMessage(id, { body: 'live while away' });
    await until(bob, (s) => expect(s.conversations[id]?.lastSeq).toBe(161));
    expect(seqs().at(-1)).toBeLessThan(100);

    for (let pages = 0; bob.getSnapshot().timelines[id]?.hasMoreAfter && pages < 10; pages++)
      await bob.loadNewerMessages(id);
    expect(seqs().at(-1)).toBe(161);
    expect(whole()).toBe(true);
    expect(bob.getSnapshot().timelines[id]?.hasMoreAfter).toBe(false);
  });

  it('returns to the present when asked, and when the reader sends from the window', async () => {
    const { bob, id, seqs, whole } = await longConversation();
    await bob.loadAround(id, 20);
    await bob.loadLatestMessages(id);
    expect(seqs()[0]).toBeGreaterThan(100);
    expect(seqs().at(-1)).toBe(160);

    await bob.loadAround(id, 20);
    expect(bob.getSnapshot().timelines[id]?.hasMoreAfter).toBe(true);
    bob.sendMessage(id, { body: 'back to the present' });
    await until(bob, (s) => {
      expect(s.timelines[id]?.hasMoreAfter).toBe(false);
      expect(s.timelines[id]?.messages.at(-1)?.body).toBe('back to the present');
    });
    expect(seqs()[0]).toBeGreaterThan(100);
    expect(whole()).toBe(true);
  });
});

describe('a quick reply', () => {
  it('shows the first message read on the sender’s side as soon as the reply arrives', async () => {
    const { ann, bob, id } = await chattingPair(server, [user('ann'), user('bob')]);
    const rows = createTimelineSelector();
    // Bob answers the moment Ann's message reaches his store: no read receipt of his can come first.
    const stop = bob.subscribe(() => {
      const heard = bob.getSnapshot().timelines[id]?.messages.some((m) => m.body === 'Lunch?');
      if (!heard) return;
      stop();
      bob.sendMessage(id, { body: 'Yes!' });
    });
    ann.sendMessage(id, { body: 'Lunch?' });
    await until(ann, (s) =>
      expect(s.timelines[id]?.messages.map((m) => m.body)).toEqual(['Lunch?', 'Yes!']),
    );
    // Bob's send moved his watermarks past Ann's message on the server, which announces no receipt.
    expect(rows(ann.getSnapshot(), id)[0]).toMatchObject({ body: 'Lunch?', status: 'read' });
  });
});

describe('a client pointed at the wrong place', () => {
  it('gives up with a refusal naming what to check, rather than looking offline for ever', async () => {
    // Something answers HTTP there, but it is not Banter: every path is a 404.
    const { createServer } = await import('node:http');
    const other = createServer((_req, res) => {
      res.statusCode = 404;
      res.end('not found');
    });
    await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
    const { port } = other.address() as { port: number };
    try {
      const logged: string[] = [];
      const lost = clientFor({ url: `http://127.0.0.1:${port}` }, user('ann'), {
        transports: ['websocket', 'polling'],
        logger: { error: (message: string) => logged.push(message) },
      });
      await until(lost, (s) => expect(s.connection.status).toBe('refused'), 20_000);
      expect(lost.getSnapshot().connection.error).toMatchObject({ code: 'not_found' });
      expect(logged).toEqual([
        expect.stringContaining(`no Banter server answers at http://127.0.0.1:${port}/socket.io`),
      ]);

      const elsewhere = clientFor(server, user('bob'), { namespace: '/not-banter' });
      await until(elsewhere, (s) => expect(s.connection.status).toBe('refused'), 20_000);
      expect(elsewhere.getSnapshot().connection.error?.message).toContain(
        'no Banter namespace /not-banter',
      );
    } finally {
      other.close();
    }
  });
});
