import { type Message, protocolLimits } from '@banter/core/protocol';
import { afterEach, describe, expect, it } from 'vitest';
import type { ProtocolPeer } from './protocol-peer';

/** A server that speaks the protocol, as the suite sees it. */
export interface ProtocolTarget {
  /** A connected peer for a user no other test uses (ids are made unique per target). */
  connect(name: string): Promise<ProtocolPeer>;
  /** The id `connect(name)` gave that user, for naming them in payloads. */
  idOf(name: string): string;
}

/**
 * The protocol as docs/protocol.md states it, one case per rule, run against
 * every server that claims to speak it: server-kit over loopback Socket.IO,
 * and the in-memory server of @banter/core/testing that tests and stories
 * use. A rule one of them breaks fails here, so the two cannot drift.
 */
export function describeProtocol(label: string, target: () => ProtocolTarget) {
  describe(`the protocol, on ${label}`, () => {
    const peers: ProtocolPeer[] = [];
    const connect = async (name: string) => {
      const peer = await target().connect(name);
      peers.push(peer);
      return peer;
    };
    const id = (name: string) => target().idOf(name);
    afterEach(() => {
      for (const peer of peers.splice(0)) peer.close();
    });

    async function directChat() {
      const [ann, bob] = [await connect('ann'), await connect('bob')];
      const { conversation } = await ann.call('conversation:create', {
        kind: 'direct',
        userId: bob.userId,
      });
      return { ann, bob, id: conversation.id };
    }

    it('numbers messages 1, 2, 3 in the order sent, and a resend of a clientId returns the stored one', async () => {
      const { ann, id: conversationId } = await directChat();
      const seqs: number[] = [];
      for (const clientId of ['k1', 'k2', 'k3']) {
        const sent = await ann.call('message:send', { conversationId, clientId, body: clientId });
        expect(sent.created).toBe(true);
        seqs.push(sent.message.seq);
      }
      expect(seqs).toEqual([1, 2, 3]);
      const again = await ann.call('message:send', { conversationId, clientId: 'k2', body: 'k2' });
      expect(again).toMatchObject({ created: false, message: { seq: 2, body: 'k2' } });
      const page = await ann.call('message:list', { conversationId });
      expect(page.messages.map((m) => m.clientId)).toEqual(['k1', 'k2', 'k3']);
    });

    it('pushes a new message to every participant, the sender’s own sockets included', async () => {
      const { ann, bob, id: conversationId } = await directChat();
      const annAgain = await connect('ann');
      const { message } = await bob.call('message:send', {
        conversationId,
        clientId: 'hello',
        body: 'Hello Ann',
      });
      const isIt = (m: Message) => m.id === message.id;
      for (const peer of [ann, annAgain, bob]) {
        expect(await peer.next('message:new', isIt)).toMatchObject({
          seq: 1,
          senderId: bob.userId,
          body: 'Hello Ann',
        });
      }
    });

    it('feeds every change after a counter: inserts, edits and deletes, each message once as it is now', async () => {
      const { ann, bob, id: conversationId } = await directChat();
      const sent: Message[] = [];
      for (const clientId of ['a', 'b', 'c']) {
        sent.push(
          (await ann.call('message:send', { conversationId, clientId, body: clientId })).message,
        );
      }
      expect(sent.map((m) => m.change)).toEqual([1, 2, 3]);
      const [a, b] = sent as [Message, Message];
      await ann.call('message:edit', { conversationId, messageId: b.id, body: 'b, edited' });
      await ann.call('message:edit', { conversationId, messageId: b.id, body: 'b, edited again' });
      await ann.call('message:delete', { conversationId, messageId: a.id });
      const feed = await bob.call('message:changes', { conversationId, after: 1 });
      expect(feed.messages.map((m) => [m.seq, m.body, m.change])).toEqual([
        [3, 'c', 3],
        [2, 'b, edited again', 5],
        [1, '', 6],
      ]);
      expect(feed).toMatchObject({ lastChange: 6, hasMore: false });
      const paged = await bob.call('message:changes', { conversationId, after: 0, limit: 2 });
      expect([paged.messages.map((m) => m.seq), paged.lastChange, paged.hasMore]).toEqual([
        [3, 2],
        5,
        true,
      ]);
      expect(await bob.call('message:changes', { conversationId, after: 6 })).toEqual({
        messages: [],
        lastChange: 6,
        hasMore: false,
      });
      expect((await bob.call('conversation:get', { conversationId })).lastChange).toBe(6);
      const eve = await connect('eve');
      expect(await eve.ask('message:changes', { conversationId, after: 0 })).toMatchObject({
        ok: false,
        error: { code: 'not_found' },
      });
    });

    it('keeps reactions: idempotent adds and removes, one emoji with or without U+FE0F, reacted per viewer, in the feed', async () => {
      const { ann, bob, id: conversationId } = await directChat();
      const { message } = await ann.call('message:send', {
        conversationId,
        clientId: 'r',
        body: 'hi',
      });
      const ref = { conversationId, messageId: message.id };
      const first = await bob.call('reaction:add', { ...ref, emoji: '❤️' });
      expect(first.reactions).toEqual([
        { emoji: '❤', count: 1, userIds: [bob.userId], reacted: true },
      ]);
      expect(first.change).toBe(2);
      // The same reaction again, and the same emoji written without the selector: nothing changes.
      expect((await bob.call('reaction:add', { ...ref, emoji: '❤' })).change).toBe(2);
      const both = await ann.call('reaction:add', { ...ref, emoji: '❤' });
      expect(both.reactions).toEqual([
        { emoji: '❤', count: 2, userIds: [bob.userId, ann.userId], reacted: true },
      ]);
      const event = await bob.next('message:reacted', (e) => e.userId === ann.userId);
      expect(event).toMatchObject({ emoji: '❤', added: true });
      expect(event.message.reactions[0]?.reacted).toBeUndefined();
      await bob.call('reaction:remove', { ...ref, emoji: '❤️' });
      expect((await bob.call('reaction:remove', { ...ref, emoji: '❤️' })).reactions).toEqual([
        { emoji: '❤', count: 1, userIds: [ann.userId], reacted: false },
      ]);
      const feed = await bob.call('message:changes', { conversationId, after: 1 });
      expect(feed.messages.map((m) => [m.id, m.change])).toEqual([[message.id, 4]]);
      // A reaction is not activity: no unread, no reorder.
      expect((await bob.call('conversation:get', { conversationId })).unreadCount).toBe(1);
      for (const emoji of ['ok', '👍👍', '']) {
        expect(await bob.ask('reaction:add', { ...ref, emoji }), emoji).toMatchObject({
          ok: false,
          error: { code: 'bad_request', retryable: false },
        });
      }
      const eve = await connect('eve');
      expect(await eve.ask('reaction:add', { ...ref, emoji: '👍' })).toMatchObject({
        ok: false,
        error: { code: 'not_found' },
      });
    });

    it('caps the different emoji a user puts on one message with limit_reached, storing nothing', async () => {
      const { ann, id: conversationId } = await directChat();
      const { message } = await ann.call('message:send', {
        conversationId,
        clientId: 'cap',
        body: 'x',
      });
      const ref = { conversationId, messageId: message.id };
      const emoji = ['😀', '😁', '😂', '🤣', '😃', '😄', '😅', '😆', '😉', '😊', '😋'];
      for (const e of emoji.slice(0, protocolLimits.reactionsPerUserPerMessage)) {
        await ann.call('reaction:add', { ...ref, emoji: e });
      }
      const over = await ann.ask('reaction:add', { ...ref, emoji: emoji.at(-1) });
      expect(over).toMatchObject({ ok: false, error: { code: 'limit_reached', retryable: false } });
      const page = await ann.call('message:list', { conversationId });
      expect(page.messages[0]?.reactions).toHaveLength(protocolLimits.reactionsPerUserPerMessage);
    });

    it('pages around a seq for a jump to a message', async () => {
      const { ann, id: conversationId } = await directChat();
      for (let i = 1; i <= 9; i++) {
        await ann.call('message:send', { conversationId, clientId: `j${i}`, body: `j${i}` });
      }
      const middle = await ann.call('message:list', { conversationId, around: 5, limit: 4 });
      expect(middle.messages.map((m) => m.seq)).toEqual([3, 4, 5, 6]);
      expect([middle.hasMore, middle.hasMoreAfter]).toEqual([true, true]);
      const start = await ann.call('message:list', { conversationId, around: 1, limit: 4 });
      expect([start.messages.map((m) => m.seq), start.hasMore, start.hasMoreAfter]).toEqual([
        [1, 2, 3, 4],
        false,
        true,
      ]);
    });

    it('pages history by seq: newest first page, then before, and after for gap-fill', async () => {
      const { ann, id: conversationId } = await directChat();
      for (let i = 1; i <= 7; i++) {
        await ann.call('message:send', { conversationId, clientId: `m${i}`, body: `m${i}` });
      }
      const seqs = (page: { messages: Message[] }) => page.messages.map((m) => m.seq);
      const newest = await ann.call('message:list', { conversationId, limit: 3 });
      expect([seqs(newest), newest.hasMore]).toEqual([[5, 6, 7], true]);
      const older = await ann.call('message:list', { conversationId, before: 2, limit: 3 });
      expect([seqs(older), older.hasMore]).toEqual([[1], false]);
      const after = await ann.call('message:list', { conversationId, after: 4, limit: 2 });
      expect([seqs(after), after.hasMore]).toEqual([[5, 6], true]);
      const end = await ann.call('message:list', { conversationId, after: 7 });
      expect([seqs(end), end.hasMore]).toEqual([[], false]);
    });

    it('answers not_found to someone outside the conversation, whatever they ask', async () => {
      const { id: conversationId } = await directChat();
      const eve = await connect('eve');
      for (const [name, payload] of [
        ['conversation:get', { conversationId }],
        ['message:list', { conversationId }],
        ['message:send', { conversationId, clientId: 'x', body: 'hi' }],
        ['receipt:read', { conversationId, seq: 1 }],
        ['typing:set', { conversationId, typing: true }],
      ] as const) {
        const result = await eve.ask(name, payload);
        expect(result, name).toMatchObject({
          ok: false,
          error: { code: 'not_found', retryable: false },
        });
      }
    });

    it('refuses a malformed payload with bad_request naming the field, never retryable', async () => {
      const ann = await connect('ann');
      const result = await ann.ask('message:send', { clientId: 'k', body: 'no conversation' });
      expect(result).toMatchObject({ ok: false, error: { code: 'bad_request', retryable: false } });
      if (result.ok) return;
      expect(result.error.issues?.map((issue) => issue.path)).toContain('conversationId');
      const unknown = await ann.ask('message:explode' as 'message:send', {});
      expect(unknown).toMatchObject({ ok: false, error: { code: 'unknown_event' } });
    });

    it('refuses text over the limit with message_too_long, counting characters as people see them', async () => {
      const { ann, id: conversationId } = await directChat();
      const fits = await ann.ask('message:send', {
        conversationId,
        clientId: 'emoji',
        body: '😀'.repeat(4_000),
      });
      expect(fits.ok).toBe(true);
      const tooLong = await ann.ask('message:send', {
        conversationId,
        clientId: 'long',
        body: 'a'.repeat(4_001),
      });
      expect(tooLong).toMatchObject({ ok: false, error: { code: 'message_too_long' } });
    });

    it('refuses invalid Unicode and NUL as bad_request, and rewrites nothing', async () => {
      const { ann, id: conversationId } = await directChat();
      for (const body of ['half a pair \uD800', 'nul \u0000 inside']) {
        const result = await ann.ask('message:send', { conversationId, clientId: 'bad', body });
        expect(result).toMatchObject({
          ok: false,
          error: { code: 'bad_request', retryable: false },
        });
      }
      const page = await ann.call('message:list', { conversationId });
      expect(page.messages).toEqual([]);
    });

    it('refuses a payload nested too deep with payload_too_deep', async () => {
      const ann = await connect('ann');
      // Just past the limit: far deeper, Socket.IO's own encoder overflows before sending.
      let deep: Record<string, unknown> = {};
      for (let i = 0; i < protocolLimits.payloadDepth; i++) deep = { deeper: deep };
      const result = await ann.ask('conversation:create', {
        kind: 'group',
        participantIds: [],
        metadata: deep,
      });
      expect(result).toMatchObject({
        ok: false,
        error: { code: 'payload_too_deep', retryable: false },
      });
    });

    it('keeps read and delivered watermarks monotonic, capped at the last seq, and tells the others', async () => {
      const { ann, bob, id: conversationId } = await directChat();
      await ann.call('message:send', { conversationId, clientId: 'a', body: 'one' });
      await ann.call('message:send', { conversationId, clientId: 'b', body: 'two' });
      expect(await bob.call('receipt:delivered', { conversationId, seq: 1 })).toMatchObject({
        lastReadSeq: 0,
        lastDeliveredSeq: 1,
      });
      expect(await bob.call('receipt:read', { conversationId, seq: 99 })).toMatchObject({
        lastReadSeq: 2,
        lastDeliveredSeq: 2,
      });
      expect(await bob.call('receipt:read', { conversationId, seq: 1 })).toMatchObject({
        lastReadSeq: 2,
      });
      expect(
        await ann.next('receipt', (r) => r.userId === bob.userId && r.lastReadSeq === 2),
      ).toMatchObject({ conversationId, lastDeliveredSeq: 2 });
      const seen = await bob.call('conversation:get', { conversationId });
      expect(seen.unreadCount).toBe(0);
    });

    it('lets only the sender edit or delete; a second delete answers the deleted message', async () => {
      const { ann, bob, id: conversationId } = await directChat();
      const { message } = await ann.call('message:send', {
        conversationId,
        clientId: 'e',
        body: 'typo',
      });
      const ref = { conversationId, messageId: message.id };
      expect(await bob.ask('message:edit', { ...ref, body: 'mine now' })).toMatchObject({
        ok: false,
        error: { code: 'forbidden' },
      });
      expect(await ann.call('message:edit', { ...ref, body: 'fixed' })).toMatchObject({
        body: 'fixed',
        seq: 1,
      });
      expect(await bob.next('message:updated', (m) => m.body === 'fixed')).toMatchObject({
        id: message.id,
      });
      const deleted = await ann.call('message:delete', ref);
      expect(deleted).toMatchObject({ body: '', deletedAt: expect.any(String) });
      expect(await ann.call('message:delete', ref)).toEqual(deleted);
      expect(await ann.ask('message:edit', { ...ref, body: 'back' })).toMatchObject({
        ok: false,
        error: { code: 'not_found' },
      });
    });

    it('keeps one direct conversation per pair, and refuses one with yourself', async () => {
      const { ann, bob, id: conversationId } = await directChat();
      const again = await bob.call('conversation:create', { kind: 'direct', userId: ann.userId });
      expect(again).toMatchObject({ created: false, conversation: { id: conversationId } });
      expect(
        await ann.ask('conversation:create', { kind: 'direct', userId: ann.userId }),
      ).toMatchObject({
        ok: false,
        error: { code: 'bad_request' },
      });
      expect(await ann.ask('conversation:leave', { conversationId })).toMatchObject({
        ok: false,
        error: { code: 'forbidden' },
      });
    });

    it('makes one group per creator and idempotencyKey: a retry returns it, another request under the key is a conflict', async () => {
      const [ann, bob, cat] = [await connect('ann'), await connect('bob'), await connect('cat')];
      const request = {
        kind: 'group' as const,
        participantIds: [bob.userId, cat.userId],
        title: 'Trip',
        metadata: { listing: 42, city: 'Oslo' },
        idempotencyKey: 'group-1',
      };
      const first = await ann.call('conversation:create', request);
      expect(first.created).toBe(true);
      // The same request however it is spelled: ids in another order, the creator listed, keys reordered.
      const retry = await ann.call('conversation:create', {
        ...request,
        participantIds: [cat.userId, ann.userId, bob.userId, cat.userId],
        title: ' Trip ',
        metadata: { city: 'Oslo', listing: 42 },
      });
      expect(retry).toEqual({ created: false, conversation: first.conversation });
      for (const other of [
        { title: 'Another trip' },
        { participantIds: [bob.userId] },
        { metadata: { listing: 43, city: 'Oslo' } },
      ]) {
        expect(await ann.ask('conversation:create', { ...request, ...other })).toMatchObject({
          ok: false,
          error: { code: 'conflict', retryable: false },
        });
      }
      const groups = (await ann.call('conversation:list', {})).conversations;
      expect(groups.map((c) => c.id)).toEqual([first.conversation.id]);
      // Keys are per creator: Bob's 'group-1' is his own group.
      const bobs = await bob.call('conversation:create', {
        ...request,
        participantIds: [ann.userId],
      });
      expect(bobs.created).toBe(true);
      expect(bobs.conversation.id).not.toBe(first.conversation.id);
      for (const idempotencyKey of [
        '',
        ' padded ',
        'k'.repeat(protocolLimits.idempotencyKeyLength + 1),
      ]) {
        expect(await ann.ask('conversation:create', { ...request, idempotencyKey })).toMatchObject({
          ok: false,
          error: { code: 'bad_request' },
        });
      }
    });

    it('lets the owner of a group add and remove people, who are told; a member may not', async () => {
      const [ann, bob, cat] = [await connect('ann'), await connect('bob'), await connect('cat')];
      const { conversation } = await ann.call('conversation:create', {
        kind: 'group',
        title: 'Trip',
        participantIds: [bob.userId],
      });
      const conversationId = conversation.id;
      expect(conversation.participants.find((p) => p.userId === ann.userId)?.role).toBe('owner');
      expect(
        await bob.ask('conversation:addParticipants', { conversationId, userIds: [cat.userId] }),
      ).toMatchObject({ ok: false, error: { code: 'forbidden' } });
      const grown = await ann.call('conversation:addParticipants', {
        conversationId,
        userIds: [cat.userId],
      });
      expect(grown.participants.map((p) => p.userId).sort()).toEqual(
        [ann.userId, bob.userId, cat.userId].sort(),
      );
      expect(await cat.next('conversation:updated', (c) => c.id === conversationId)).toMatchObject({
        title: 'Trip',
      });
      await ann.call('conversation:removeParticipant', { conversationId, userId: cat.userId });
      expect(await cat.next('conversation:removed')).toEqual({ conversationId, reason: 'removed' });
      expect(await cat.ask('message:list', { conversationId })).toMatchObject({
        ok: false,
        error: { code: 'not_found' },
      });
      await bob.call('conversation:leave', { conversationId });
      expect(await bob.next('conversation:removed')).toEqual({ conversationId, reason: 'left' });
    });

    it('relays typing to the other participants, with an expiry for receivers', async () => {
      const { ann, bob, id: conversationId } = await directChat();
      await ann.call('typing:set', { conversationId, typing: true });
      expect(await bob.next('typing', (t) => t.userId === ann.userId)).toMatchObject({
        conversationId,
        typing: true,
        expiresInMs: expect.any(Number),
      });
      expect(bob.all('typing').find((t) => t.userId === ann.userId)?.expiresInMs).toBeGreaterThan(
        0,
      );
    });

    it('shows presence only of contacts, and announces a contact coming online', async () => {
      const { ann, bob } = await directChat();
      const eve = await connect('eve');
      const seen = await ann.call('presence:get', { userIds: [bob.userId, eve.userId] });
      expect(seen).toEqual([{ userId: bob.userId, online: true, lastSeenAt: null }]);
      const bobAgain = await connect('bob');
      bob.close();
      bobAgain.close();
      await ann.next('presence', (p) => p.userId === bob.userId && !p.online);
      expect(await ann.call('presence:get', { userIds: [bob.userId] })).toMatchObject([
        { online: false, lastSeenAt: expect.any(String) },
      ]);
      expect(id('bob')).toBe(bob.userId);
    });

    it('tells each new socket who it is and the limits its requests must keep', async () => {
      const ann = await connect('ann');
      expect(await ann.next('session')).toEqual({
        userId: ann.userId,
        expiresAt: expect.toSatisfy(
          (value: unknown) => value === null || typeof value === 'string',
        ),
        limits: {
          maxTextLength: 4_000,
          maxPayloadBytes: 64 * 1024,
          maxPayloadDepth: protocolLimits.payloadDepth,
          maxGroupSize: 100,
        },
      });
    });

    it('keeps archived conversations out of the list until asked for them', async () => {
      const { ann, id: conversationId } = await directChat();
      await ann.call('conversation:archive', { conversationId, archived: true });
      const active = await ann.call('conversation:list', {});
      expect(active.conversations.map((c) => c.id)).not.toContain(conversationId);
      const archived = await ann.call('conversation:list', { archived: true });
      expect(archived.conversations.map((c) => c.id)).toEqual([conversationId]);
      expect(archived.conversations[0]).toMatchObject({ archived: true, muted: false });
    });

    it('keeps blocks idempotent and listed, and freezes the blocked pair’s direct conversation both ways', async () => {
      const { ann, bob, id: conversationId } = await directChat();
      const block = { userId: bob.userId };
      expect(await ann.call('user:block', block)).toEqual({ userId: bob.userId, blocked: true });
      expect(await ann.call('user:block', block)).toEqual({ userId: bob.userId, blocked: true });
      expect(await ann.call('user:blocks', {})).toEqual({ userIds: [bob.userId] });
      expect(await ann.ask('user:block', { userId: ann.userId })).toMatchObject({
        ok: false,
        error: { code: 'bad_request' },
      });
      for (const [peer, clientId] of [
        [ann, 'from-ann'],
        [bob, 'from-bob'],
      ] as const) {
        expect(
          await peer.ask('message:send', { conversationId, clientId, body: 'hello?' }),
        ).toMatchObject({ ok: false, error: { code: 'forbidden', retryable: false } });
      }
      expect(
        await bob.ask('conversation:create', { kind: 'direct', userId: ann.userId }),
      ).toMatchObject({ ok: false, error: { code: 'forbidden' } });
      expect(await bob.call('presence:get', { userIds: [ann.userId] })).toEqual([]);

      expect(await ann.call('user:unblock', block)).toEqual({ userId: bob.userId, blocked: false });
      expect(await ann.call('user:unblock', block)).toEqual({ userId: bob.userId, blocked: false });
      expect(await ann.call('user:blocks', {})).toEqual({ userIds: [] });
      await bob.call('message:send', { conversationId, clientId: 'after', body: 'hi again' });
    });

    it('takes a report of a message from a participant, and is not_found for anyone else', async () => {
      const { ann, bob, id: conversationId } = await directChat();
      const { message } = await ann.call('message:send', {
        conversationId,
        clientId: 'r1',
        body: 'cheap watches',
      });
      const report = { conversationId, messageId: message.id, reason: 'spam' };
      expect(await bob.call('message:report', report)).toEqual({ reported: true });
      const eve = await connect('eve');
      for (const [peer, payload] of [
        [eve, report],
        [bob, { ...report, messageId: 'no-such-message' }],
      ] as const) {
        expect(await peer.ask('message:report', payload)).toMatchObject({
          ok: false,
          error: { code: 'not_found' },
        });
      }
      expect(await bob.ask('message:report', { ...report, reason: '  ' })).toMatchObject({
        ok: false,
        error: { code: 'bad_request' },
      });
    });

    it('searches the messages of a conversation newest first, with highlight offsets, never a deleted one', async () => {
      const { ann, bob, id: conversationId } = await directChat();
      for (const [clientId, body] of [
        ['s1', 'Quokkas at noon'],
        ['s2', 'no animals here'],
        ['s3', 'the quokka 🦘 again'],
      ] as const) {
        await ann.call('message:send', { conversationId, clientId, body });
      }
      const gone = await ann.call('message:send', {
        conversationId,
        clientId: 's4',
        body: 'quokka gone',
      });
      await ann.call('message:delete', { conversationId, messageId: gone.message.id });
      const page = await bob.call('message:search', { query: 'quokka', conversationId });
      expect(page.results.map((hit) => [hit.message.body, hit.highlights])).toEqual([
        ['the quokka 🦘 again', [{ start: 4, end: 10 }]],
        ['Quokkas at noon', [{ start: 0, end: 7 }]],
      ]);
      expect(page.nextCursor).toBeNull();
      const eve = await connect('eve');
      expect(await eve.ask('message:search', { query: 'quokka', conversationId })).toMatchObject({
        ok: false,
        error: { code: 'not_found' },
      });
      for (const payload of [{ query: ' ' }, { query: 'quokka', cursor: 'forged' }]) {
        expect(await bob.ask('message:search', payload)).toMatchObject({
          ok: false,
          error: { code: 'bad_request' },
        });
      }
    });
  });
}
