import { ChatError } from '@banter/core/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NewMessage, Storage } from '../src/storage/storage';
import { adminStorageConformance } from './admin-storage-conformance';
import { changeFeedConformance } from './change-feed-conformance';
import { mentionsConformance } from './mentions-conformance';
import { moderationConformance } from './moderation-conformance';
import { reactionsConformance } from './reactions-conformance';

/**
 * The contract every `Storage` keeps, run against each implementation.
 * `open` gets a fresh, migrated store; ids are unique per test so tests do not
 * see each other's rows.
 */
export function describeStorageConformance(name: string, open: () => Promise<Storage>) {
  describe(`${name} storage`, () => {
    let store: Storage;
    let counter = 0;
    const uid = (prefix: string) =>
      `${prefix}-${++counter}-${Math.random().toString(36).slice(2, 8)}`;
    const at = (ms: number) => new Date(Date.UTC(2026, 0, 1) + ms);

    beforeAll(async () => {
      store = await open();
    });
    afterAll(async () => {
      await store?.close();
    });

    async function group(owner: string, members: string[], ms = 0) {
      const { id } = await store.createGroupConversation({
        id: uid('conv'),
        createdBy: owner,
        participantIds: members,
        title: 'Team',
        metadata: { listing: 42 },
        now: at(ms),
      });
      return id;
    }

    function draft(
      conversationId: string,
      senderId: string,
      over: Partial<NewMessage> = {},
    ): NewMessage {
      return {
        id: uid('msg'),
        conversationId,
        senderId,
        clientId: uid('client'),
        kind: 'text',
        body: 'hello',
        attachments: [],
        replyTo: null,
        now: at(1000),
        ...over,
      };
    }

    it('runs migrations again without harm, also concurrently', async () => {
      await Promise.all([store.migrate(), store.migrate()]);
      await expect(store.ping()).resolves.toBeUndefined();
    });

    it('keeps one direct conversation per pair, whoever creates it', async () => {
      const [ann, bob] = [uid('ann'), uid('bob')];
      const first = await store.createDirectConversation({
        id: uid('conv'),
        createdBy: ann,
        otherUserId: bob,
        metadata: { listing: 'flat-7' },
        now: at(0),
      });
      const again = await store.createDirectConversation({
        id: uid('conv'),
        createdBy: bob,
        otherUserId: ann,
        metadata: null,
        now: at(5),
      });
      expect(first.created).toBe(true);
      expect(again).toEqual({ id: first.id, created: false });
      const seen = await store.getConversation(first.id, bob);
      expect(seen?.kind).toBe('direct');
      expect(seen?.metadata).toEqual({ listing: 'flat-7' });
      expect(seen?.participants.map((p) => p.userId).sort()).toEqual([ann, bob].sort());
    });

    it('creates groups with the creator as owner and hides them from outsiders', async () => {
      const [ann, bob, eve] = [uid('ann'), uid('bob'), uid('eve')];
      const id = await group(ann, [bob, bob, ann]);
      const seen = await store.getConversation(id, bob);
      expect(seen?.title).toBe('Team');
      expect(seen?.participants).toHaveLength(2);
      expect(seen?.participants.find((p) => p.userId === ann)?.role).toBe('owner');
      expect(await store.getConversation(id, eve)).toBeNull();
      expect(await store.getParticipant(id, eve)).toBeNull();
      expect(await store.getParticipant(id, ann)).toEqual({ userId: ann, role: 'owner' });
    });

    it('makes one group per creator and idempotency key, also under concurrent creates', async () => {
      const [ann, bob] = [uid('ann'), uid('bob')];
      const keyed = (creator: string, key: string, request: string) =>
        store.createGroupConversation({
          id: uid('conv'),
          createdBy: creator,
          participantIds: [creator === ann ? bob : ann],
          title: 'Team',
          metadata: null,
          idempotency: { key, request },
          now: at(0),
        });
      const results = await Promise.all([1, 2, 3, 4].map(() => keyed(ann, 'k1', 'same')));
      const ids = new Set(results.map((r) => r.id));
      expect(ids.size).toBe(1);
      expect(results.filter((r) => r.created)).toHaveLength(1);
      const [id] = ids;
      expect((await store.getConversation(id as string, ann))?.participants).toHaveLength(2);
      expect(await keyed(ann, 'k1', 'same')).toEqual({ id, created: false });
      await expect(keyed(ann, 'k1', 'other')).rejects.toMatchObject({
        code: 'conflict',
        issues: [{ path: 'idempotencyKey' }],
      });
      // Another creator's key, another key, no key: each a group of its own.
      const others = [await keyed(bob, 'k1', 'same'), await keyed(ann, 'k2', 'same')];
      expect(others.every((r) => r.created && r.id !== id)).toBe(true);
      const plain = [await group(ann, [bob]), await group(ann, [bob])];
      expect(new Set([id, ...others.map((r) => r.id), ...plain]).size).toBe(5);
    });

    it('assigns seq 1, 2, 3 in order and records the sender as having read them', async () => {
      const [ann, bob] = [uid('ann'), uid('bob')];
      const id = await group(ann, [bob]);
      const seqs = [];
      for (let i = 0; i < 3; i++) {
        const { message, created } = await store.insertMessage(draft(id, ann, { body: `m${i}` }));
        expect(created).toBe(true);
        seqs.push(message.seq);
      }
      expect(seqs).toEqual([1, 2, 3]);
      const conversation = await store.getConversation(id, ann);
      expect(conversation?.lastSeq).toBe(3);
      expect(conversation?.lastMessage?.body).toBe('m2');
      expect(conversation?.participants.find((p) => p.userId === ann)?.lastReadSeq).toBe(3);
    });

    it('returns the stored message for a retried clientId, without using up a seq', async () => {
      const [ann, bob] = [uid('ann'), uid('bob')];
      const id = await group(ann, [bob]);
      const send = draft(id, ann);
      const first = await store.insertMessage(send);
      const retry = await store.insertMessage({ ...send, id: uid('msg'), body: 'changed' });
      expect(retry).toEqual({ message: first.message, created: false });
      const next = await store.insertMessage(draft(id, ann));
      expect(next.message.seq).toBe(2);
      // The key is per sender: another user may use the same clientId.
      const other = await store.insertMessage({ ...send, id: uid('msg'), senderId: bob });
      expect(other.created).toBe(true);
    });

    it('keeps seq gapless and unique under concurrent sends with racing retries', async () => {
      const [ann, bob] = [uid('ann'), uid('bob')];
      const id = await group(ann, [bob]);
      const sends = Array.from({ length: 40 }, (_, i) => draft(id, i % 2 ? ann : bob));
      // Every send is fired twice at once, as a client retry racing its original would be.
      const results = await Promise.all(
        sends.flatMap((send) => [
          store.insertMessage(send),
          store.insertMessage({ ...send, id: uid('msg') }),
        ]),
      );
      expect(results.filter((r) => r.created)).toHaveLength(40);
      const page = await store.listMessages(id, { after: 0, limit: 100 });
      expect(page.messages.map((m) => m.seq)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
      expect(new Set(page.messages.map((m) => m.clientId)).size).toBe(40);
    });

    it('gives each send of a concurrent burst its own outcome: stored, a duplicate, refused', async () => {
      const [ann, bob, eve] = [uid('ann'), uid('bob'), uid('eve')];
      const first = await group(ann, [bob]);
      const second = await group(bob, [ann]);
      const stored = await store.insertMessage(draft(first, ann));
      const twice = draft(second, bob);
      // Fired together, these go to the database in as few batches as it likes.
      const outcomes = await Promise.allSettled([
        store.insertMessage(draft(first, bob)),
        store.insertMessage(draft(first, eve)),
        store.insertMessage(twice),
        store.insertMessage({ ...twice, id: uid('msg') }),
        store.insertMessage({ ...draft(first, ann), clientId: stored.message.clientId }),
        store.insertMessage(draft(second, ann, { replyTo: stored.message.id })),
        store.insertMessage(draft('no-such-conversation', ann)),
        store.insertMessage(draft(first, ann, { replyTo: stored.message.id })),
      ]);
      const summary = outcomes.map((o) =>
        o.status === 'fulfilled'
          ? `${o.value.created ? 'created' : 'stored'} ${o.value.message.seq}`
          : (o.reason as ChatError).code,
      );
      // Concurrent sends have no order between them: the two new ones in `first` get 2 and 3.
      expect([summary[0], summary[7]].sort()).toEqual(['created 2', 'created 3']);
      expect(summary[1]).toBe('not_found');
      expect(summary.slice(2, 4).sort()).toEqual(['created 1', 'stored 1']);
      expect(summary[4]).toBe('stored 1');
      expect(summary[5]).toBe('bad_request');
      expect(summary[6]).toBe('not_found');
      expect((await store.getConversation(first, ann))?.lastSeq).toBe(3);
      expect((await store.getConversation(second, ann))?.lastSeq).toBe(1);
    });

    it('stores the rest of a burst when the database refuses one send', async () => {
      const [ann, bob] = [uid('ann'), uid('bob')];
      const id = await group(ann, [bob]);
      const outcomes = await Promise.allSettled([
        store.insertMessage(draft(id, ann, { body: 'before' })),
        // A kind the table's check refuses: only the database knows, and only this send fails.
        store.insertMessage(draft(id, ann, { kind: 'poll' as NewMessage['kind'] })),
        store.insertMessage(draft(id, bob, { body: 'after' })),
      ]);
      expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
      const page = await store.listMessages(id, { after: 0, limit: 10 });
      // Concurrent sends have no order between them: both stored, seqs 1 and 2, nothing else.
      expect(page.messages.map((m) => m.seq)).toEqual([1, 2]);
      expect(page.messages.map((m) => m.body).sort()).toEqual(['after', 'before']);
    });

    it('refuses a sender who is not a participant and writes nothing', async () => {
      const [ann, bob, eve] = [uid('ann'), uid('bob'), uid('eve')];
      const id = await group(ann, [bob]);
      await expect(store.insertMessage(draft(id, eve))).rejects.toMatchObject({
        code: 'not_found',
      });
      await expect(store.insertMessage(draft('no-such-conversation', eve))).rejects.toBeInstanceOf(
        ChatError,
      );
      const conversation = await store.getConversation(id, ann);
      expect(conversation?.lastSeq).toBe(0);
    });

    it('refuses a reply to a message of another conversation and rolls the seq back', async () => {
      const [ann, bob] = [uid('ann'), uid('bob')];
      const first = await group(ann, [bob]);
      const second = await group(ann, [bob]);
      const elsewhere = await store.insertMessage(draft(second, ann));
      await expect(
        store.insertMessage(draft(first, ann, { replyTo: elsewhere.message.id })),
      ).rejects.toMatchObject({ code: 'bad_request' });
      const ok = await store.insertMessage(draft(first, ann));
      expect(ok.message.seq).toBe(1);
      const reply = await store.insertMessage(draft(first, bob, { replyTo: ok.message.id }));
      expect(reply.message.replyTo).toBe(ok.message.id);
    });

    it('stores attachments and kinds as sent', async () => {
      const [ann, bob] = [uid('ann'), uid('bob')];
      const id = await group(ann, [bob]);
      const attachments = [
        { url: 'https://cdn.example/a.png', mimeType: 'image/png', width: 4, height: 3 },
      ];
      const { message } = await store.insertMessage(
        draft(id, ann, { kind: 'image', body: '', attachments }),
      );
      expect(await store.getMessage(id, message.id)).toMatchObject({ kind: 'image', attachments });
    });

    it('pages history by seq in both directions with a has-more flag', async () => {
      const [ann, bob] = [uid('ann'), uid('bob')];
      const id = await group(ann, [bob]);
      for (let i = 0; i < 7; i++) await store.insertMessage(draft(id, ann));
      const seqs = (page: { messages: { seq: number }[] }) => page.messages.map((m) => m.seq);

      const newest = await store.listMessages(id, { limit: 3 });
      expect([seqs(newest), newest.hasMore]).toEqual([[5, 6, 7], true]);
      const older = await store.listMessages(id, { before: 5, limit: 3 });
      expect([seqs(older), older.hasMore]).toEqual([[2, 3, 4], true]);
      const oldest = await store.listMessages(id, { before: 2, limit: 3 });
      expect([seqs(oldest), oldest.hasMore]).toEqual([[1], false]);
      const forward = await store.listMessages(id, { after: 2, limit: 3 });
      expect([seqs(forward), forward.hasMore]).toEqual([[3, 4, 5], true]);
      const tail = await store.listMessages(id, { after: 5, limit: 3 });
      expect([seqs(tail), tail.hasMore]).toEqual([[6, 7], false]);
    });

    it('pages around a seq: that seq in the middle, a short side filled from the other', async () => {
      const [ann, bob] = [uid('ann'), uid('bob')];
      const id = await group(ann, [bob]);
      for (let i = 0; i < 9; i++) await store.insertMessage(draft(id, ann));
      const around = async (seq: number, limit: number) => {
        const page = await store.listMessages(id, { around: seq, limit });
        return [page.messages.map((m) => m.seq), page.hasMore, page.hasMoreAfter];
      };
      // floor(limit / 2) before it, the rest from it on.
      expect(await around(5, 4)).toEqual([[3, 4, 5, 6], true, true]);
      expect(await around(5, 3)).toEqual([[4, 5, 6], true, true]);
      // Near either end, the other side fills the page.
      expect(await around(1, 4)).toEqual([[1, 2, 3, 4], false, true]);
      expect(await around(9, 4)).toEqual([[6, 7, 8, 9], true, false]);
      expect(await around(8, 4)).toEqual([[6, 7, 8, 9], true, false]);
      // Past the newest seq: the newest page.
      expect(await around(50, 3)).toEqual([[7, 8, 9], true, false]);
      expect(await around(3, 20)).toEqual([[1, 2, 3, 4, 5, 6, 7, 8, 9], false, false]);
      expect(await around(5, 1)).toEqual([[5], true, true]);
      // Only an around page says what lies after it.
      expect('hasMoreAfter' in (await store.listMessages(id, { limit: 3 }))).toBe(false);
    });

    it('edits and soft-deletes, keeping the seq and clearing the content', async () => {
      const [ann, bob] = [uid('ann'), uid('bob')];
      const id = await group(ann, [bob]);
      const attachments = [{ url: 'https://cdn.example/f.pdf' }];
      const { message } = await store.insertMessage(draft(id, ann, { kind: 'file', attachments }));
      const edited = await store.editMessage(id, message.id, 'caption', at(2000));
      expect(edited).toMatchObject({ body: 'caption', editedAt: at(2000).toISOString(), seq: 1 });
      const deleted = await store.deleteMessage(id, message.id, at(3000));
      expect(deleted).toMatchObject({
        body: '',
        attachments: [],
        deletedAt: at(3000).toISOString(),
        seq: 1,
      });
      await expect(store.editMessage(id, message.id, 'again', at(4000))).rejects.toMatchObject({
        code: 'not_found',
      });
      await expect(store.deleteMessage(id, 'nope', at(4000))).rejects.toMatchObject({
        code: 'not_found',
      });
    });

    it('moves watermarks forward only, never past the last seq, reading implies delivered', async () => {
      const [ann, bob] = [uid('ann'), uid('bob')];
      const id = await group(ann, [bob]);
      for (let i = 0; i < 5; i++) await store.insertMessage(draft(id, ann));
      expect(await store.advanceWatermark(id, bob, 'delivered', 4)).toMatchObject({
        lastDeliveredSeq: 4,
        lastReadSeq: 0,
      });
      expect(await store.advanceWatermark(id, bob, 'read', 2)).toMatchObject({
        lastDeliveredSeq: 4,
        lastReadSeq: 2,
      });
      expect(await store.advanceWatermark(id, bob, 'read', 1)).toMatchObject({ lastReadSeq: 2 });
      expect(await store.advanceWatermark(id, bob, 'read', 99)).toMatchObject({
        lastReadSeq: 5,
        lastDeliveredSeq: 5,
      });
      expect(await store.advanceWatermark(id, uid('eve'), 'read', 1)).toBeNull();
    });

    it('counts unread messages from others, not own or deleted ones', async () => {
      const [ann, bob] = [uid('ann'), uid('bob')];
      const id = await group(ann, [bob]);
      const sent = [];
      for (let i = 0; i < 4; i++) sent.push((await store.insertMessage(draft(id, ann))).message);
      await store.insertMessage(draft(id, bob));
      // Ann's own four do not count; Bob's reply does.
      expect((await store.getConversation(id, ann))?.unreadCount).toBe(1);
      // Bob's own send marked everything before it read for him.
      expect((await store.getConversation(id, bob))?.unreadCount).toBe(0);
      await store.insertMessage(draft(id, ann));
      const last = (await store.insertMessage(draft(id, ann))).message;
      expect((await store.getConversation(id, bob))?.unreadCount).toBe(2);
      await store.deleteMessage(id, last.id, at(5000));
      expect((await store.getConversation(id, bob))?.unreadCount).toBe(1);
    });

    it('lists conversations by last activity, filters archived, and pages by cursor', async () => {
      const ann = uid('ann');
      const ids = [];
      for (let i = 0; i < 5; i++) ids.push(await group(ann, [uid('x')], i * 10));
      // Activity moves the oldest conversation to the top.
      await store.insertMessage(draft(ids[0] as string, ann, { now: at(100_000) }));
      await store.setArchived(ids[1] as string, ann, true);
      await store.setMuted(ids[2] as string, ann, true);

      const firstPage = await store.listConversations(ann, {
        archived: false,
        limit: 2,
        after: null,
      });
      expect(firstPage.map((c) => c.id)).toEqual([ids[0], ids[4]]);
      const lastOfFirst = firstPage[1];
      if (!lastOfFirst) throw new Error('expected a conversation');
      const secondPage = await store.listConversations(ann, {
        archived: false,
        limit: 5,
        after: { lastActivityAt: lastOfFirst.lastActivityAt, id: lastOfFirst.id },
      });
      expect(secondPage.map((c) => c.id)).toEqual([ids[3], ids[2]]);
      expect(secondPage[1]?.muted).toBe(true);
      const archived = await store.listConversations(ann, {
        archived: true,
        limit: 5,
        after: null,
      });
      expect(archived.map((c) => [c.id, c.archived])).toEqual([[ids[1], true]]);
    });

    it('adds only new participants, removes them, and lists contacts', async () => {
      const [ann, bob, cat, dan] = [uid('ann'), uid('bob'), uid('cat'), uid('dan')];
      const id = await group(ann, [bob]);
      expect((await store.addParticipants(id, [bob, cat, cat], at(10))).sort()).toEqual([cat]);
      expect(await store.listParticipantIds(id)).toEqual([ann, bob, cat].sort());
      expect(await store.removeParticipant(id, bob)).toBe(true);
      expect(await store.removeParticipant(id, bob)).toBe(false);
      await group(dan, [ann]);
      expect((await store.listContactIds(ann)).sort()).toEqual([cat, dan].sort());
      expect(await store.listConversationIds(bob)).toEqual([]);
    });

    it('hands a group to its longest-standing member when the last owner leaves', async () => {
      const [ann, bob, cat] = [uid('ann'), uid('bob'), uid('cat')];
      const id = await group(ann, [bob]);
      await store.addParticipants(id, [cat], at(50));
      await store.removeParticipant(id, ann);
      const view = await store.getConversation(id, cat);
      expect(view?.participants.map((p) => [p.userId, p.role])).toEqual([
        [bob, 'owner'],
        [cat, 'member'],
      ]);
    });

    it('finds a stored send by clientId only while its sender is a participant', async () => {
      const [ann, bob] = [uid('ann'), uid('bob')];
      const id = await group(ann, [bob]);
      const { message } = await store.insertMessage(draft(id, bob, { clientId: 'k' }));
      expect(await store.findMessageByClientId(id, bob, 'k')).toEqual(message);
      expect(await store.findMessageByClientId(id, ann, 'k')).toBeNull();
      await store.removeParticipant(id, bob);
      expect(await store.findMessageByClientId(id, bob, 'k')).toBeNull();
      await expect(store.insertMessage(draft(id, bob, { clientId: 'k' }))).rejects.toMatchObject({
        code: 'not_found',
      });
    });

    it('remembers the latest last-seen time', async () => {
      const [ann, bob] = [uid('ann'), uid('bob')];
      await store.setLastSeen(ann, at(5000));
      await store.setLastSeen(ann, at(1000));
      const seen = await store.getLastSeen([ann, bob]);
      expect(seen.get(ann)).toBe(at(5000).toISOString());
      expect(seen.has(bob)).toBe(false);
    });

    describe('change feed', () => {
      changeFeedConformance({ store: () => store, uid, at, group, draft });
    });

    describe('reactions', () => {
      reactionsConformance({ store: () => store, uid, at, group, draft });
    });

    describe('host writes and expiry', () => {
      adminStorageConformance({ store: () => store, uid, at, group, draft });
    });

    describe('bans and blocks', () => {
      moderationConformance({ store: () => store, uid, at, group, draft });
    });

    describe('mentions', () => {
      mentionsConformance({ store: () => store, uid, at, group, draft });
    });
  });
}
