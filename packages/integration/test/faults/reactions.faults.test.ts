import type { ChatClient, Message } from '@banter/core';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chattingPair, clientFor, closeClients, connected, until } from '../../src/clients';
import { quickHeartbeat, useChatServer } from '../../src/server';
import { startTcpProxy, type TcpProxy } from '../../src/tcp-proxy';
import { expectShownAsStored, storedFor } from './invariants';

const server = useChatServer({}, { socket: quickHeartbeat });
let link: TcpProxy;

beforeAll(async () => {
  link = await startTcpProxy(server.port);
});
afterAll(async () => {
  await closeClients();
  await link.close();
});

const quick = ['👍', '❤️', '😂', '😮', '😢', '🙏'];

describe('10. reactions while a client is away, and from several devices at once', () => {
  it('shows 100 reaction changes made while Bob was away once he is back, as stored', async () => {
    const { ann, id } = await chattingPair(server, ['ann10', 'bob10']);
    const cat = clientFor(server, 'cat10');
    const bob = clientFor({ url: link.url }, 'bob10', { restPath: null });
    await Promise.all([connected(cat), connected(bob)]);
    const group = (await ann.createGroupConversation({ participantIds: ['bob10', 'cat10'] })).id;
    for (const conversationId of [id, group]) {
      for (let i = 0; i < 5; i++) ann.sendMessage(conversationId, { body: `m${i}` });
      for (const client of [ann, bob, cat]) client.openConversation(conversationId);
    }
    await until(bob, (s) => {
      expect(s.timelines[id]?.messages).toHaveLength(5);
      expect(s.timelines[group]?.messages).toHaveLength(5);
    });

    link.setMode('refuse');
    link.cut();
    await until(bob, (s) => expect(s.connection.status).not.toBe('connected'));
    // 100 changes by Ann and Cat: each adds a reaction, every third takes one back.
    const messagesOf = (client: ChatClient, conversationId: string) =>
      client.getSnapshot().timelines[conversationId]?.messages ?? [];
    for (let i = 0; i < 100; i++) {
      const conversationId = i % 2 ? id : group;
      const reactor = conversationId === id || i % 4 < 2 ? ann : cat;
      const target = messagesOf(reactor, conversationId)[i % 5] as Message;
      const emoji = quick[i % quick.length] as string;
      if (i % 3 === 2) reactor.removeReaction(conversationId, target.id, emoji);
      else reactor.addReaction(conversationId, target.id, emoji);
    }
    for (const client of [ann, cat])
      await until(client, (s) =>
        expect(Object.values(s.timelines).every((t) => t.actions.length === 0)).toBe(true),
      );

    link.setMode('pass');
    await expectShownAsStored(server.storage, [ann, bob], id);
    await expectShownAsStored(server.storage, [ann, bob, cat], group);
  });

  it('agrees with the server when two devices of one user and another user toggle the same reactions at once', async () => {
    const { ann, id } = await chattingPair(server, ['ann11', 'bob11']);
    const annTablet = clientFor(server, 'ann11');
    const bob = clientFor(server, 'bob11');
    await Promise.all([connected(annTablet), connected(bob)]);
    ann.sendMessage(id, { body: 'react to me' });
    for (const client of [annTablet, bob]) client.openConversation(id);
    const target = async (client: ChatClient) => {
      await until(client, (s) => expect(s.timelines[id]?.messages).toHaveLength(1));
      const [first] = client.getSnapshot().timelines[id]?.messages ?? [];
      if (!first) throw new Error('the message did not arrive');
      return first.id;
    };
    const messageId = await target(ann);
    await Promise.all([target(annTablet), target(bob)]);

    const devices = [ann, annTablet, bob];
    const steps = fc.sample(
      fc.record({
        device: fc.integer({ min: 0, max: 2 }),
        emoji: fc.constantFrom('👍', '❤️', '❤'),
        add: fc.boolean(),
      }),
      { numRuns: 120, seed: 11 },
    );
    for (const { device, emoji, add } of steps) {
      const client = devices[device] as ChatClient;
      if (add) client.addReaction(id, messageId, emoji);
      else client.removeReaction(id, messageId, emoji);
    }
    await expectShownAsStored(server.storage, devices, id);
    console.log(
      `[10 reactions] 120 concurrent toggles from 3 devices: every device shows ${JSON.stringify(
        (await storedFor(server.storage, id, 'ann11'))[0]?.reactions.map(
          (r) => `${r.emoji}×${r.count}`,
        ),
      )} as stored`,
    );
  });
});
