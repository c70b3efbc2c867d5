import type { Message } from '@banter/core/protocol';
import { expect, it } from 'vitest';
import type { NewHostConversation } from '../src/storage/admin-writes';
import type { ChangeFeedContext } from './change-feed-conformance';

/**
 * The host's part of the storage contract (banter.admin and the retention sweep): keyed
 * creates make one conversation whatever the concurrency, messages from senders outside the
 * conversation take seq and change like any other, and expiry deletes each old message once,
 * in bounded batches, also with several sweeps at once.
 */
export function adminStorageConformance({ store, uid, at, draft }: ChangeFeedContext) {
  const hostGroup = (over: Partial<NewHostConversation> = {}): NewHostConversation => {
    const owner = uid('ann');
    return {
      id: uid('conv'),
      kind: 'group',
      userIds: [owner, uid('bob')],
      createdBy: owner,
      title: 'Listing',
      metadata: { listingId: 42 },
      idempotency: null,
      now: at(0),
      ...over,
    };
  };
  /** Long before every other case's rows, so a sweep here never touches theirs. */
  const ancient = (ms: number) => new Date(Date.UTC(2001, 0, 1) + ms);

  it('makes one conversation per host key, also for concurrent creates, and refuses another request under it', async () => {
    const key = { key: uid('listing'), requestHash: 'hash-a' };
    const request = hostGroup({ idempotency: key });
    const results = await Promise.all(
      [1, 2, 3, 4].map(() => store().createHostConversation({ ...request, id: uid('conv') })),
    );
    const ids = new Set(results.map((result) => result.id));
    expect(ids.size).toBe(1);
    expect(results.filter((result) => result.created)).toHaveLength(1);
    const owner = request.createdBy;
    const [id] = [...ids] as [string];
    expect((await store().getConversation(id, owner))?.participants.map((p) => p.role)).toEqual([
      'owner',
      'member',
    ]);
    const other = uid('cat');
    await expect(
      store().createHostConversation({
        ...hostGroup({ idempotency: { ...key, requestHash: 'hash-b' } }),
        userIds: [owner, other],
      }),
    ).rejects.toMatchObject({ code: 'conflict' });
    expect(await store().listConversationIds(other)).toEqual([]);
  });

  it('stores a message from a sender outside the conversation, with the next seq and change, once per clientId', async () => {
    const conversation = hostGroup();
    const { id } = await store().createHostConversation(conversation);
    const first = await store().insertMessage(draft(id, conversation.createdBy));
    const system = draft(id, 'banter:system', { kind: 'system', clientId: 'notice' });
    const posted = await store().insertHostMessage(system);
    expect(posted.created).toBe(true);
    expect(posted.message).toMatchObject({
      seq: first.message.seq + 1,
      change: first.message.change + 1,
      kind: 'system',
    });
    expect(await store().insertHostMessage({ ...system, id: uid('msg') })).toEqual({
      message: posted.message,
      created: false,
    });
    const view = await store().getConversation(id, conversation.createdBy);
    expect(view).toMatchObject({ lastSeq: 2, lastChange: 2, unreadCount: 1 });
    await expect(
      store().insertHostMessage(draft('no-such-conversation', 'banter:system')),
    ).rejects.toMatchObject({ code: 'not_found' });
  });

  it('updates title and metadata, keeping what is left out', async () => {
    const conversation = hostGroup();
    const { id } = await store().createHostConversation(conversation);
    expect(await store().updateConversation(id, { metadata: { sold: true } })).toBe(true);
    expect(await store().getConversation(id, conversation.createdBy)).toMatchObject({
      title: 'Listing',
      metadata: { sold: true },
    });
    expect(await store().updateConversation(id, { title: null })).toBe(true);
    expect(await store().getConversation(id, conversation.createdBy)).toMatchObject({
      title: null,
      metadata: { sold: true },
    });
    expect(await store().updateConversation(uid('conv'), { title: 'x' })).toBe(false);
  });

  it('expires old messages in bounded batches, each a change of its own, newer ones kept', async () => {
    const conversation = hostGroup();
    const { id } = await store().createHostConversation(conversation);
    const sender = conversation.createdBy;
    const old: Message[] = [];
    for (let i = 0; i < 5; i++) {
      old.push((await store().insertMessage(draft(id, sender, { now: ancient(i) }))).message);
    }
    const kept = (await store().insertMessage(draft(id, sender, { now: ancient(10_000) }))).message;
    const batch = { before: ancient(5_000), now: ancient(20_000), limit: 2 };
    const batches: Message[][] = [];
    for (;;) {
      const expired = await store().expireMessages(batch);
      if (expired.length === 0) break;
      batches.push(expired);
    }
    expect(batches.map((expired) => expired.length)).toEqual([2, 2, 1]);
    expect(batches.flat().map((m) => m.id)).toEqual(old.map((m) => m.id));
    expect(batches.flat().every((m) => m.deletedAt !== null && m.body === '')).toBe(true);
    const feed = await store().listChanges(id, { after: kept.change, limit: 10 });
    expect(feed.messages.map((m) => m.change)).toEqual([7, 8, 9, 10, 11]);
    expect((await store().getConversation(id, sender))?.lastChange).toBe(11);
    expect((await store().getMessage(id, kept.id))?.deletedAt).toBeNull();
  });

  it('expires each message once when several sweeps run at once', async () => {
    const ids: string[] = [];
    for (let c = 0; c < 4; c++) {
      const conversation = hostGroup();
      const { id } = await store().createHostConversation(conversation);
      ids.push(id);
      for (let i = 0; i < 3; i++) {
        await store().insertMessage(draft(id, conversation.createdBy, { now: ancient(i) }));
      }
    }
    const batch = { before: ancient(5_000), now: ancient(20_000), limit: 2 };
    const sweep = async () => {
      const seen: Message[] = [];
      for (;;) {
        const expired = await store().expireMessages(batch);
        if (expired.length === 0) return seen;
        seen.push(...expired);
      }
    };
    const swept = (await Promise.all([sweep(), sweep(), sweep()])).flat();
    expect(swept).toHaveLength(12);
    expect(new Set(swept.map((m) => m.id)).size).toBe(12);
    for (const id of ids) {
      const feed = await store().listChanges(id, { after: 0, limit: 10 });
      // Three inserts, then three deletes: changes 1..6, each once.
      expect(feed.messages.map((m) => m.change)).toEqual([4, 5, 6]);
      expect(feed.messages.every((m) => m.deletedAt !== null)).toBe(true);
    }
  });

  it('exports a user and erases them in one go: their messages deleted or anonymized, each a change', async () => {
    const conversation = hostGroup({ idempotency: { key: uid('key'), requestHash: 'h' } });
    const { id } = await store().createHostConversation(conversation);
    const [ann, bob] = conversation.userIds as [string, string];
    const kept = (await store().insertMessage(draft(id, ann, { body: 'kept text' }))).message;
    const bobs = (await store().insertMessage(draft(id, bob))).message;
    await store().addReaction({
      conversationId: id,
      messageId: bobs.id,
      userId: ann,
      emoji: '👍',
      now: at(3),
    });
    await store().setLastSeen(ann, at(4));
    const exported = await store().exportUser(ann, at(5));
    expect(exported).toMatchObject({
      userId: ann,
      participants: [{ conversationId: id, role: 'owner' }],
      createdConversations: [{ conversationId: id }],
      messages: [{ id: kept.id, body: 'kept text' }],
      reactions: [{ messageId: bobs.id, emoji: '👍' }],
      lastSeenAt: at(4).toISOString(),
    });

    const erased = await store().eraseUser({
      userId: ann,
      placeholderId: 'banter:erased',
      messages: 'anonymize',
      now: at(6),
    });
    expect(erased.leftConversationIds).toEqual([id]);
    expect(erased.changedMessages.map((m) => [m.id, m.change]).sort()).toEqual(
      [
        [kept.id, 4],
        [bobs.id, 5],
      ].sort(),
    );
    expect(await store().getMessage(id, kept.id)).toMatchObject({
      senderId: 'banter:erased',
      body: 'kept text',
      deletedAt: null,
    });
    expect((await store().getMessage(id, bobs.id))?.reactions).toEqual([]);
    expect(await store().getConversation(id, bob)).toMatchObject({
      lastChange: 5,
      createdBy: 'banter:erased',
      participants: [{ userId: bob, role: 'owner' }],
    });
    expect(await store().exportUser(ann, at(7))).toMatchObject({
      participants: [],
      createdConversations: [],
      messages: [],
      reactions: [],
      lastSeenAt: null,
    });
    // Erasing again finds nothing left to change.
    const again = await store().eraseUser({
      userId: ann,
      placeholderId: 'banter:erased',
      messages: 'delete',
      now: at(8),
    });
    expect(again).toEqual({ changedMessages: [], leftConversationIds: [], erasedUploadIds: [] });
    // The host's key of a conversation they were in is forgotten: a retry makes a new one.
    const retry = await store().createHostConversation({ ...conversation, id: uid('conv') });
    expect(retry.created).toBe(true);
  });
}
