import { type ChatClient, localStorageOutbox } from '@banter/core';
import { signToken, uniqueUsers } from '@banter/server-kit/test/harness';
import { afterEach, describe, expect, it } from 'vitest';
import { bodies, chattingPair, clientFor, closeClients, connected, until } from '../src/clients';
import { useChatServer } from '../src/server';
import { useTcpProxies } from '../src/use-tcp-proxies';

// Default heartbeats: no case here needs a silent link found fast (drops close the engine, a
// blocked or refused link fails at once), and 200/300 ms ones would make a loaded machine's
// event-loop stall look like a dead link, breaking "without dropping the socket".
const server = useChatServer();
const user = uniqueUsers();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const proxy = useTcpProxies(server);

afterEach(closeClients);

/** Asserts the end state every fault case must reach: each message once, in seq order, nothing pending. */
async function converged(clients: ChatClient[], conversationId: string, expected: string[]) {
  for (const client of clients) {
    await until(
      client,
      (s) => expect(s.timelines[conversationId]?.messages.map((m) => m.body)).toEqual(expected),
      20_000,
    );
    const timeline = client.getSnapshot().timelines[conversationId];
    expect(timeline?.pending).toEqual([]);
    expect(timeline?.messages.map((m) => m.seq)).toEqual(expected.map((_, i) => i + 1));
  }
}

async function chatPair(options: { annUrl?: string; bobUrl?: string } = {}) {
  const ids: [string, string] = [user('ann'), user('bob')];
  const pair = await chattingPair(options.annUrl ? { url: options.annUrl } : server, ids);
  return { ...pair, annId: ids[0], bobId: ids[1] };
}

describe('when the link fails', () => {
  it('delivers every message exactly once, in order, when the server drops all connections mid-stream', async () => {
    const { ann, bob, id } = await chatPair();
    const expected = Array.from({ length: 60 }, (_, i) => `m${i}`);
    for (const [i, body] of expected.entries()) {
      ann.sendMessage(id, { body });
      if (i % 20 === 10) server.dropConnections();
      if (i % 5 === 0) await sleep(10);
    }
    await converged([ann, bob], id, expected);
    console.log(`[engine drops] 60 sent, 60 shown once on both clients, outbox empty`);
  });
});

describe('when WebSocket is blocked', () => {
  it('falls back to REST for sending and polling, then returns to the socket when it can', async () => {
    const link = await proxy();
    link.setMode('no-websocket');
    const [annId, bobId] = [user('ann'), user('bob')];
    const bob = clientFor(server, bobId);
    await connected(bob);
    const ann = clientFor({ url: link.url }, annId);
    await until(ann, (s) => expect(s.connection.status).toBe('offline'));
    const { id } = await ann.createDirectConversation(bobId);
    ann.openConversation(id);
    bob.openConversation(id);
    await until(ann, (s) => expect(s.timelines[id]?.loaded).toBe(true));
    await until(bob, (s) => expect(s.timelines[id]?.loaded).toBe(true));

    for (let i = 0; i < 5; i++) ann.sendMessage(id, { body: `from ann over REST ${i}` });
    await until(bob, (s) => expect(s.timelines[id]?.messages).toHaveLength(5));
    bob.sendMessage(id, { body: 'from bob, found by polling' });
    await until(ann, (s) =>
      expect(s.timelines[id]?.messages.at(-1)?.body).toBe('from bob, found by polling'),
    );
    expect(ann.getSnapshot().connection.status).toBe('offline');

    link.setMode('pass');
    await until(ann, (s) => expect(s.connection.status).toBe('connected'), 10_000);
    bob.sendMessage(id, { body: 'live again' });
    await until(ann, (s) => expect(s.timelines[id]?.messages.at(-1)?.body).toBe('live again'));
    expect(bodies(ann, id)).toHaveLength(7);
  });
});

describe('an outbox kept in storage', () => {
  it('keeps messages written offline across a reload and sends them exactly once', async () => {
    const link = await proxy();
    link.setMode('refuse');
    const [annId, bobId] = [user('ann'), user('bob')];
    const bob = clientFor(server, bobId);
    await connected(bob);
    const { id } = await (async () => {
      const helper = clientFor(server, annId);
      await connected(helper);
      const conversation = await helper.createDirectConversation(bobId);
      await helper.close();
      return conversation;
    })();
    const pages = new Map<string, string>();
    const webStorage = {
      getItem: (key: string) => pages.get(key) ?? null,
      setItem: (key: string, value: string) => void pages.set(key, value),
      removeItem: (key: string) => void pages.delete(key),
    };
    const outboxStorage = localStorageOutbox('banter:test', () => webStorage);

    const before = clientFor({ url: link.url }, annId, { outboxStorage });
    for (const body of ['written', 'while', 'offline']) before.sendMessage(id, { body });
    await before.close();
    expect(JSON.parse(pages.get(`banter:test:${annId}`) ?? '{}').messages).toHaveLength(3);

    link.setMode('pass');
    const after = clientFor({ url: link.url }, annId, { outboxStorage });
    // Shown at once after the reload, before any round trip to the server.
    await Promise.resolve();
    expect(after.getSnapshot().timelines[id]?.pending.map((p) => p.body)).toEqual([
      'written',
      'while',
      'offline',
    ]);
    bob.openConversation(id);
    await until(bob, (s) =>
      expect(s.timelines[id]?.messages.map((m) => m.body)).toEqual(['written', 'while', 'offline']),
    );
    await until(after, (s) => expect(s.timelines[id]?.pending).toEqual([]));
    await after.close();
    expect(pages.has(`banter:test:${annId}`)).toBe(false);
  });
});

describe('a long session', () => {
  it('renews the token and retries a request refused because the token ran out a moment ago', async () => {
    const [annId, bobId] = [user('ann'), user('bob')];
    let issued = 0;
    const ann = clientFor(server, annId, {
      // Renewals are slow, so the request below certainly meets the expired token first.
      // The first token lives one second; renewals live an hour, so only that first expiry is in play.
      getToken: async () => {
        issued += 1;
        if (issued === 1) return signToken(annId, { expiresInSec: 1 });
        await sleep(300);
        return signToken(annId, { expiresInSec: 3_600 });
      },
    });
    await connected(ann);
    await sleep(1_100);
    const conversation = await ann.createDirectConversation(bobId);
    expect(conversation.participants.map((p) => p.userId).sort()).toEqual([annId, bobId].sort());
    expect(issued).toBeGreaterThanOrEqual(2);
  });

  it('renews a token that expires while connected, without dropping the socket', async () => {
    const [annId, bobId] = [user('ann'), user('bob')];
    let issued = 0;
    const ann = clientFor(server, annId, {
      getToken: () => {
        issued += 1;
        return signToken(annId, { expiresInSec: 1 });
      },
    });
    await connected(ann);
    const statuses: string[] = [];
    ann.subscribe(() => statuses.push(ann.getSnapshot().connection.status));
    const { id } = await ann.createDirectConversation(bobId);
    await sleep(2_300);
    ann.openConversation(id);
    ann.sendMessage(id, { body: 'still here' });
    await until(ann, (s) =>
      expect(s.timelines[id]?.messages.map((m) => m.body)).toEqual(['still here']),
    );
    expect(issued).toBeGreaterThanOrEqual(2);
    expect(statuses.filter((status) => status !== 'connected')).toEqual([]);
  });
});
