import { expect, it } from 'vitest';
import type { ChangeFeedContext } from './change-feed-conformance';

/**
 * Mentions' part of the storage contract: stored with the message and returned everywhere a
 * message is read; a send naming someone outside the conversation is refused and writes
 * nothing; each participant's `unreadMentions` counts the unread messages (by the unread
 * rule) that mention them, so reading, deleting or editing the mention away moves it.
 */
export function mentionsConformance({ store, uid, at, group, draft }: ChangeFeedContext) {
  const unreadOf = async (conversationId: string, viewerId: string) => {
    const view = await store().getConversation(conversationId, viewerId);
    return [view?.unreadCount, view?.unreadMentions];
  };

  it('stores mentions with the message and returns them from every read', async () => {
    const [ann, bob] = [uid('ann'), uid('bob')];
    const id = await group(ann, [bob]);
    const mentions = [{ userId: bob, start: 3, end: 6 }];
    const { message } = await store().insertMessage(draft(id, ann, { body: 'hi bob', mentions }));
    expect(message.mentions).toEqual(mentions);
    expect((await store().getMessage(id, message.id))?.mentions).toEqual(mentions);
    const page = await store().listMessages(id, { limit: 10 });
    expect(page.messages[0]?.mentions).toEqual(mentions);
    const feed = await store().listChanges(id, { after: 0, limit: 10 });
    expect(feed.messages[0]?.mentions).toEqual(mentions);
    expect((await store().getConversation(id, bob))?.lastMessage?.mentions).toEqual(mentions);
    const plain = await store().insertMessage(draft(id, ann));
    expect(plain.message.mentions).toEqual([]);
  });

  it('refuses a send naming a non-participant with bad_request, storing nothing', async () => {
    const [ann, bob, eve] = [uid('ann'), uid('bob'), uid('eve')];
    const id = await group(ann, [bob]);
    const mentions = [
      { userId: bob, start: 0, end: 3 },
      { userId: eve, start: 4, end: 7 },
    ];
    await expect(
      store().insertMessage(draft(id, ann, { body: 'bob eve', mentions })),
    ).rejects.toMatchObject({
      code: 'bad_request',
      issues: [{ path: 'mentions.1.userId', message: 'not a participant of this conversation' }],
    });
    const view = await store().getConversation(id, ann);
    expect([view?.lastSeq, view?.lastChange]).toEqual([0, 0]);
  });

  it('counts unread mentions per participant: not own, reset by reading, dropped by delete and edit', async () => {
    const [ann, bob, cat] = [uid('ann'), uid('bob'), uid('cat')];
    const id = await group(ann, [bob, cat]);
    const bobAt = (start: number) => ({ userId: bob, start, end: start + 3 });
    const first = await store().insertMessage(
      draft(id, ann, { body: 'bob?', mentions: [bobAt(0)] }),
    );
    await store().insertMessage(draft(id, ann, { body: 'no one' }));
    const third = await store().insertMessage(
      draft(id, cat, { body: 'hey bob', mentions: [bobAt(4)] }),
    );
    // Cat's send marked everything before it read for cat.
    expect(await unreadOf(id, bob)).toEqual([3, 2]);
    expect(await unreadOf(id, cat)).toEqual([0, 0]);
    expect(await unreadOf(id, ann)).toEqual([1, 0]);
    const listed = await store().listConversations(bob, {
      archived: false,
      limit: 10,
      after: null,
    });
    expect(listed.find((c) => c.id === id)?.unreadMentions).toBe(2);

    await store().deleteMessage(id, first.message.id, at(2000));
    expect(await unreadOf(id, bob)).toEqual([2, 1]);
    await store().editMessage(id, third.message.id, 'hey all', at(3000), cat);
    expect(await unreadOf(id, bob)).toEqual([2, 0]);
    const edited = await store().editMessage(id, third.message.id, 'hey bob!', at(4000), cat, [
      bobAt(4),
    ]);
    expect(edited.mentions).toEqual([bobAt(4)]);
    expect(await unreadOf(id, bob)).toEqual([2, 1]);

    await store().advanceWatermark(id, bob, 'read', third.message.seq - 1);
    expect(await unreadOf(id, bob)).toEqual([1, 1]);
    await store().advanceWatermark(id, bob, 'read', third.message.seq);
    expect(await unreadOf(id, bob)).toEqual([0, 0]);
    // A mention of oneself in one's own message never counts.
    await store().insertMessage(draft(id, bob, { body: 'bob here', mentions: [bobAt(0)] }));
    expect(await unreadOf(id, bob)).toEqual([0, 0]);
    expect(await unreadOf(id, cat)).toEqual([1, 0]);
  });

  it('clears a deleted message’s mentions', async () => {
    const [ann, bob] = [uid('ann'), uid('bob')];
    const id = await group(ann, [bob]);
    const { message } = await store().insertMessage(
      draft(id, ann, { body: 'bob', mentions: [{ userId: bob, start: 0, end: 3 }] }),
    );
    expect((await store().deleteMessage(id, message.id, at(2000))).mentions).toEqual([]);
  });
}
